"""Ingest fixtures: a real HTTP server on 127.0.0.1 standing in for news sites.

The `store` fixture (SQLite and PostgreSQL) comes from tests/conftest.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.digests.ingest.support import FeedServer


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    app = web.Application()
    server = TestServer(app, host="127.0.0.1")
    fake = FeedServer(server)
    app.router.add_route("GET", "/{tail:.*}", fake._dispatch)
    await server.start_server()
    try:
        yield fake
    finally:
        await server.close()
        await asyncio.sleep(0)
