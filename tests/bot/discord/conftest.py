"""Fixtures for the Discord adapter: the local stand-in for Discord, and a real adapter logged in to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from bot.discord import DiscordAdapter
from bot.runtime import Runtime
from digests.config.models import Channel, Config, Discord, Topic
from digests.store.db import Store
from tests.standins.discord import DiscordStandin

CHANNEL_ID = "123456789012345678"
# A fake token whose first segment is the stand-in's bot id in base64, as in a real one.
TOKEN = "MTExMTExMTExMTExMTExMTExMQ.fake.token"


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandin]:
    async with DiscordStandin() as server:
        yield server


def config_for(standin: DiscordStandin, **overrides: Any) -> Config:
    settings: dict[str, Any] = {
        "token": TOKEN,
        "api_url": standin.api_url,
        "gateway_url": standin.gateway_url,
        **overrides.pop("discord", {}),
    }
    values: dict[str, Any] = {
        "topics": {
            "north-korea": Topic(title="North Korean troops in Russia", match=["North Korea", "North Korean", "DPRK"])
        },
        "channels": [Channel(name="ops-room", platform="discord", id=CHANNEL_ID, topics=["north-korea"])],
        "discord": Discord(**settings),
        **overrides,
    }
    return Config(**values)


@pytest.fixture
async def make_adapter(standin: DiscordStandin) -> AsyncIterator[Callable[..., Any]]:
    """make_adapter(store, **config) → a DiscordAdapter on a Runtime over that store, opened (REST login);
    stopped after the test, which also puts discord.py's endpoints back."""
    made: list[DiscordAdapter] = []

    async def make(store: Store, *, login: bool = True, **config: Any) -> DiscordAdapter:
        cfg = config_for(standin, **config)
        rt = Runtime(cfg, store)
        assert cfg.discord is not None
        adapter = DiscordAdapter(rt, cfg.discord, ready_timeout=5)
        rt.publishers["discord"] = adapter.publisher
        made.append(adapter)
        if login:
            await adapter.open()
        return adapter

    yield make
    for adapter in made:
        await adapter.stop()


def feed(adapter: DiscordAdapter, payload: dict[str, Any]) -> None:
    """Hand the client an INTERACTION_CREATE as its gateway connection would; the command runs as a task."""
    adapter.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]


@pytest.fixture
async def adapter(make_adapter: Callable[..., Any], sqlite_store: Store) -> DiscordAdapter:
    """A logged-in adapter over an empty SQLite store."""
    made: DiscordAdapter = await make_adapter(sqlite_store)
    return made
