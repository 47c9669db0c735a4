"""Fixtures for the Slack adapter: the Slack stand-in, a runtime over the real store, a free port, sample rows."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from bot.runtime import Runtime
from digests.config.models import Channel, Config, Slack, Topic
from digests.store.db import Store
from tests.factories import NOW
from tests.factories import add_sample as add_sample  # shared with the Slack tests that import it from here
from tests.standins.slack import SlackStandIn

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-test-token"
CHANNEL = "C0SAMPLE"
ADMIN = "U0ADMIN"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
async def standin() -> AsyncIterator[SlackStandIn]:
    async with SlackStandIn() as slack:
        yield slack


def make_config(api_url: str, *, mode: str = "http", port: int = 3000, **extra: Any) -> Config:
    """A config with one Slack channel following north-korea; `extra` adds top-level keys (digest, admins…)."""
    settings = Slack(
        bot_token=TOKEN,
        signing_secret=SECRET,
        app_token="xapp-test-token" if mode == "socket" else None,
        mode=mode,  # type: ignore[arg-type]
        host="127.0.0.1",
        port=port,
        api_url=api_url,
    )
    return Config.model_validate(
        {
            "topics": {"north-korea": Topic(title="North Korean troops in Russia", match=["North Korea", "DPRK"])},
            "channels": [Channel(name="ops-room", platform="slack", id=CHANNEL, topics=["north-korea"])],
            "slack": settings,
            "admins": {"slack_users": [ADMIN]},
            **extra,
        }
    )


def make_runtime(store: Store, config: Config) -> Runtime:
    # The sample rows are dated NOW (2024-11-05); the runtime's clock sits just after them.
    return Runtime(config, store, now=lambda: NOW + timedelta(hours=1))
