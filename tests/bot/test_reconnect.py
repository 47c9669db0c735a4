"""The real `sitrep run` with Slack, Discord and a feed at once: a Discord gateway reconnect leaves the rest alone —
the bot gets back on the gateway and answers there, Slack commands are answered throughout, feeds keep being polled."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from tests.bot.discord.conftest import TOKEN as DISCORD_TOKEN
from tests.bot.slack.conftest import SECRET, free_port
from tests.bot.slack.conftest import TOKEN as SLACK_TOKEN
from tests.conftest import REPO
from tests.process import start_sitrep
from tests.standins.discord import DiscordStandin
from tests.standins.discord_wire import slash
from tests.standins.slack import SlackStandIn, signed_request, slash_payload

SAMPLE_FEED = REPO / "config" / "samples" / "feed.xml"
SLACK_CHANNEL = "C0SAMPLE"
DISCORD_CHANNEL = "987654321098765432"
TIMEOUT = 30.0

CONFIG = """\
database: ${{SITREP_DB}}
feeds:
  - name: sample
    url: {feed}
    every: 1s
    backfill: all
    fetch_pages: false
topics:
  north-korea:
    title: North Korean troops in Russia
    match: ["North Korea", "North Korean", "DPRK"]
channels:
  - name: slack-room
    platform: slack
    id: {slack_channel}
    topics: [north-korea]
  - name: discord-room
    platform: discord
    id: "{discord_channel}"
    topics: [north-korea]
slack:
  bot_token: ${{SLACK_BOT_TOKEN}}
  signing_secret: ${{SLACK_SIGNING_SECRET}}
  mode: http
  host: 127.0.0.1
  port: {slack_port}
  api_url: {slack_api}
discord:
  token: ${{DISCORD_TOKEN}}
  api_url: {discord_api}
  gateway_url: {discord_gateway}
"""


class FeedServer:
    """The sample feed over HTTP, noting when each request came."""

    def __init__(self) -> None:
        self.requests: list[float] = []
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def _feed(self, request: web.Request) -> web.Response:
        self.requests.append(time.monotonic())
        return web.Response(body=SAMPLE_FEED.read_bytes(), content_type="application/rss+xml")

    async def __aenter__(self) -> FeedServer:
        app = web.Application()
        app.add_routes([web.get("/feed.xml", self._feed)])
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}/feed.xml"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def polled(self, count: int, timeout: float = TIMEOUT) -> float:
        """Wait until the feed has been fetched `count` times in all; when the count-th fetch came."""
        deadline = time.monotonic() + timeout
        while len(self.requests) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the feed was fetched {len(self.requests)} times, not {count}, in {timeout}s")
            await asyncio.sleep(0.05)
        return self.requests[count - 1]


@pytest.fixture
async def servers() -> AsyncIterator[tuple[SlackStandIn, DiscordStandin, FeedServer]]:
    async with SlackStandIn() as slack, DiscordStandin() as discord, FeedServer() as feed:
        yield slack, discord, feed


async def slack_command(url: str, response_url: str) -> int:
    """POST a signed /topics the way Slack does; the HTTP status bolt acked it with."""
    payload = slash_payload("/topics", response_url=response_url, channel_id=SLACK_CHANNEL)
    body, headers = signed_request(SECRET, payload)
    async with aiohttp.ClientSession() as session, session.post(url, data=body, headers=headers) as resp:
        await resp.read()
        return resp.status


async def discord_command(discord: DiscordStandin) -> dict[str, Any]:
    """Push /topics over the gateway; the followup that answers it."""
    ask = slash("topics", channel_id=int(DISCORD_CHANNEL))
    assert await discord.push("INTERACTION_CREATE", ask) == 1
    return await discord.wait_for(
        lambda c: c["method"] == "POST" and "/webhooks/" in c["path"] and ask["token"] in c["path"], TIMEOUT
    )


@pytest.mark.parametrize("how", ["op7", "invalidate"])
async def test_a_discord_gateway_reconnect_leaves_slack_and_the_scheduler_running(
    tmp_path: Path, servers: tuple[SlackStandIn, DiscordStandin, FeedServer], how: str
) -> None:
    slack, discord, feed = servers
    slack_port = free_port()
    config = tmp_path / "sitrep.yaml"
    config.write_text(
        CONFIG.format(
            feed=feed.url,
            slack_channel=SLACK_CHANNEL,
            discord_channel=DISCORD_CHANNEL,
            slack_port=slack_port,
            slack_api=slack.api_url,
            discord_api=discord.api_url,
            discord_gateway=discord.gateway_url,
        )
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "SLACK_", "DISCORD_"))}
    env |= {
        "SITREP_DB": f"sqlite:///{tmp_path}/sitrep.db",
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "DISCORD_TOKEN": DISCORD_TOKEN,
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "bot.err"
    bot = await start_sitrep(
        "run", "--config", str(config), env=env, stdout=asyncio.subprocess.DEVNULL, stderr=log.open("w")
    )
    events = f"http://127.0.0.1:{slack_port}/slack/events"
    try:
        # Everything up: on the gateway, answering there and on Slack, polling the feed.
        await discord.wait_for(lambda c: c["method"] == "GATEWAY" and c.get("op") == 2, TIMEOUT)
        await discord_command(discord)
        assert await slack_command(events, slack.response_url("before")) == 200
        await slack.wait_for(lambda: [r for r in slack.responses if r["name"] == "before"], TIMEOUT)
        await feed.polled(2)

        reconnect_at = time.monotonic()
        assert await discord.reconnect(how) == 1
        # Slack, while Discord's client is reconnecting.
        assert await slack_command(events, slack.response_url("during")) == 200

        # (a) back on the gateway: a RESUME of the session (op 7), or a fresh IDENTIFY (invalid session), which
        # discord.py sends 5 s after the old one went (its before_identify_hook): a window with the gateway down
        back_op, count = (6, 1) if how == "op7" else (2, 2)
        await discord.wait_for(lambda c: len(discord.gateway(back_op)) == count, TIMEOUT)
        back = discord.gateway(back_op)[-1]
        back_at, polls_at_back = time.monotonic(), len(feed.requests)
        answer = await discord_command(discord)
        # (b) Slack answered during the reconnect and after it
        assert await slack_command(events, slack.response_url("after")) == 200
        await slack.wait_for(lambda: len(slack.responses) == 3, TIMEOUT)
        # (c) the scheduler kept polling the feed
        await feed.polled(polls_at_back + 2)

        bot.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(bot.wait(), TIMEOUT)
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()

    text = log.read_text()
    assert code == 0, text
    assert answer["status"] == 200 and answer["json"]["embeds"][0]["title"] == "Topics"
    assert sorted(r["name"] for r in slack.responses) == ["after", "before", "during"]
    for response in slack.responses:
        assert response["body"]["response_type"] == "ephemeral"
        assert "North Korean troops in Russia" in str(response["body"]["blocks"])
    if how == "op7":
        assert len(discord.gateway(2)) == 1 and list(discord.sessions) == [back["json"]["session_id"]]
    else:
        assert discord.gateway(6) == []
        # while the gateway was down, Slack answered and the feed was polled
        (during,) = [r for r in slack.responses if r["name"] == "during"]
        assert during["at"] < back["at"]
        assert len([t for t in feed.requests if reconnect_at < t < back_at]) >= 2
    assert "Traceback" not in text, text
    last = await discord.wait_for(
        lambda c: c["method"] == "GATEWAY" and c.get("op") == "closed" and c["at"] > back["at"]
    )
    assert (last["by"], last["code"]) == ("client", 1000)  # a clean stop after the reconnect, not a drop
    gaps = [b - a for a, b in zip(feed.requests, feed.requests[1:], strict=False)]
    print(
        f"{how}: back on the gateway {(back_at - reconnect_at) * 1000:.0f} ms after the reconnect; "
        f"{len(feed.requests)} polls, longest gap {max(gaps):.2f}s"
    )
