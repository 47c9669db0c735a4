"""Shared fixtures: a real store on SQLite (a file in tmp_path) and on the PostgreSQL server at 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import inspect, text

from digests.store.db import Store
from digests.store.schema import Base
from tests.digests.ingest.support import FeedServer

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
PG_SERVER = os.environ.get("SITREP_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
HOW_TO_ENABLE = (
    "PostgreSQL tests need a server at 127.0.0.1:5432 (user postgres, trust auth, database test); "
    "start it or set SITREP_TEST_PG=postgresql+psycopg://user@host:port"
)


def _admin() -> object:
    import psycopg

    dsn = PG_SERVER.replace("postgresql+psycopg://", "postgresql://") + "/test"
    return psycopg.connect(dsn, autocommit=True, connect_timeout=3)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A database of this test run's own on the PostgreSQL server, dropped afterwards."""
    try:
        admin = _admin()
    except Exception as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{HOW_TO_ENABLE} ({exc})")
        pytest.skip(f"{HOW_TO_ENABLE} ({exc})")
    name = f"sitrep_test_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[attr-defined]
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[attr-defined]
        admin.close()  # type: ignore[attr-defined]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or the run's PostgreSQL database with its tables emptied."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/sitrep.db"
        return
    yield _emptied(request.getfixturevalue("pg_url"))


@pytest.fixture
def pg_db(pg_url: str) -> str:
    """The run's PostgreSQL database with its tables emptied, for tests of what only a server does (replicas
    racing on one database)."""
    return _emptied(pg_url)


def _emptied(url: str) -> str:
    store = Store(url)
    with store.engine.begin() as connection:
        # sitrep's tables and any made beside them (the Slack installation store's).
        names = {t.name for t in Base.metadata.sorted_tables} | set(inspect(connection).get_table_names())
        tables = ", ".join(f'"{name}"' for name in sorted(names - {"alembic_version"}))
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    store.close()
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path}/sitrep.db")
    yield s
    s.close()


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    """A real HTTP server on 127.0.0.1 standing in for news sites: register paths, read the requests."""
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
