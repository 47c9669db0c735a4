"""The adapter's life: REST-only open for `run --once`, the gateway for the long-running bot, a clean stop."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.discord import DiscordAdapter, DiscordSetupError
from bot.discord.client import api_base
from digests.store.db import Store
from tests.standins.discord import DiscordStandin
from tests.standins.discord_wire import slash


def gateway(standin: DiscordStandin, op: int | str) -> list[dict[str, Any]]:
    return [c for c in standin.calls if c["method"] == "GATEWAY" and c.get("op") == op]


async def test_open_logs_in_over_rest_only(adapter: DiscordAdapter, standin: DiscordStandin) -> None:
    assert [c["path"] for c in standin.rest()] == ["/api/v10/users/@me", "/api/v10/oauth2/applications/@me"]
    assert gateway(standin, "connect") == []
    assert adapter.client.user is not None and adapter.client.user.id == 1111111111111111111


async def test_start_identifies_with_no_intents_syncs_and_answers_through_the_gateway(
    make_adapter: Callable[..., Any], sqlite_store: Store, standin: DiscordStandin
) -> None:
    adapter: DiscordAdapter = await make_adapter(sqlite_store, login=False)

    started = time.monotonic()
    await adapter.start()
    assert time.monotonic() - started < 3  # READY came; start() did not sit out its timeout

    [connect] = gateway(standin, "connect")
    assert connect["query"]["v"] == "10"
    [identify] = gateway(standin, 2)
    assert identify["json"]["intents"] == 0  # no privileged intents, no guild events: interactions need none
    assert "token" not in identify["json"]  # the stand-in doesn't keep it
    assert len(standin.rest("PUT", "/commands")) == 1

    payload = slash("topics")
    assert await standin.push("INTERACTION_CREATE", payload) == 1
    followup = await standin.wait_for(
        lambda c: c["method"] == "POST" and payload["token"] in c["path"] and "webhooks" in c["path"]
    )
    assert followup["json"]["embeds"][0]["title"] == "Topics"

    await adapter.stop()
    closed = await standin.wait_for(lambda c: c["method"] == "GATEWAY" and c.get("op") == "closed")
    assert closed["code"] == 1000
    assert adapter.client.is_closed()


async def test_start_returns_after_its_timeout_when_the_gateway_is_unreachable(
    make_adapter: Callable[..., Any], sqlite_store: Store, standin: DiscordStandin
) -> None:
    adapter: DiscordAdapter = await make_adapter(
        sqlite_store, login=False, discord={"gateway_url": "ws://127.0.0.1:9/"}
    )
    adapter.ready_timeout = 0.5

    started = time.monotonic()
    await adapter.start()
    assert time.monotonic() - started < 5
    assert len(standin.rest("PUT", "/commands")) == 1  # the commands are still registered over REST
    await adapter.stop()


async def test_stop_puts_discord_py_s_endpoints_back(
    make_adapter: Callable[..., Any], sqlite_store: Store, standin: DiscordStandin
) -> None:
    before = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    adapter: DiscordAdapter = await make_adapter(sqlite_store)
    assert standin.api_url == Route.BASE
    assert str(DiscordWebSocket.DEFAULT_GATEWAY) == standin.gateway_url

    await adapter.stop()
    assert before == (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)


async def test_no_token_is_a_clear_error(make_adapter: Callable[..., Any], sqlite_store: Store) -> None:
    adapter: DiscordAdapter = await make_adapter(sqlite_store, login=False, discord={"token": None})
    with pytest.raises(DiscordSetupError, match=r"discord\.token is not set"):
        await adapter.open()


async def test_a_refused_token_is_a_clear_error(
    make_adapter: Callable[..., Any], sqlite_store: Store, standin: DiscordStandin
) -> None:
    adapter: DiscordAdapter = await make_adapter(sqlite_store, login=False)
    standin.fail_next(1, 401)
    with pytest.raises(DiscordSetupError, match="rejected the bot token"):
        await adapter.open()


def test_an_api_url_with_or_without_the_version_path() -> None:
    assert api_base("http://proxy:8080") == "http://proxy:8080/api/v10"
    assert api_base("http://proxy:8080/") == "http://proxy:8080/api/v10"
    assert api_base("http://127.0.0.1:9000/api/v10/") == "http://127.0.0.1:9000/api/v10"
