"""Acceptance: the real `sitrep run` process against the Discord stand-in — the sample digest posted once as
embeds, the long-running bot registering its commands and answering /casualties from the gateway, then
stopping cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from typing import Any

from tests.bot.discord.conftest import TOKEN
from tests.conftest import REPO
from tests.process import start_sitrep
from tests.standins.discord import DiscordStandin
from tests.standins.discord_wire import slash

CHANNEL_ID = "987654321098765432"
TIMEOUT = 60.0

CONFIG = """\
database: sqlite:///unused.db   # SITREP_DB overrides it
feeds:
  - name: sample
    url: {feed}
    backfill: all
    fetch_pages: false
topics:
  north-korea:
    title: North Korean troops in Russia
    match: ["North Korea", "North Korean", "DPRK"]
channels:
  - name: ops-room
    platform: discord
    id: "{channel}"
    topics: [north-korea]
    schedule: "0 8 * * *"
discord:
  token: ${{DISCORD_TOKEN}}
  api_url: {api_url}
  gateway_url: {gateway_url}
"""


def write_config(tmp_path: Path, standin: DiscordStandin) -> Path:
    path = tmp_path / "sitrep.yaml"
    path.write_text(
        CONFIG.format(
            feed=REPO / "config" / "samples" / "feed.xml",
            channel=CHANNEL_ID,
            api_url=standin.api_url,
            gateway_url=standin.gateway_url,
        )
    )
    return path


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "DISCORD_"))}
    return env | {"DISCORD_TOKEN": TOKEN, "SITREP_DB": f"sqlite:///{tmp_path}/sitrep.db", "PYTHONUNBUFFERED": "1"}


async def sitrep(tmp_path: Path, config: Path, *args: str, log: str) -> asyncio.subprocess.Process:
    return await start_sitrep(
        "run",
        "--config",
        str(config),
        *args,
        env=environment(tmp_path),
        stdout=(tmp_path / f"{log}.out").open("w"),
        stderr=(tmp_path / f"{log}.err").open("w"),
    )


async def finished(process: asyncio.subprocess.Process, tmp_path: Path, log: str) -> int:
    try:
        return await asyncio.wait_for(process.wait(), TIMEOUT)
    except TimeoutError:
        process.kill()
        raise AssertionError(f"sitrep did not finish: {(tmp_path / f'{log}.err').read_text()}") from None


def digest_posts(standin: DiscordStandin) -> list[dict[str, Any]]:
    return standin.rest("POST", f"/channels/{CHANNEL_ID}/messages")


def text_of(message: dict[str, Any]) -> str:
    pieces = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        pieces += [embed.get("title") or "", embed.get("description") or ""]
        pieces += [f"{f['name']} {f['value']}" for f in embed.get("fields") or []]
    return "\n".join(pieces)


async def test_sitrep_run_posts_the_sample_digest_once_then_answers_slash_commands(tmp_path: Path) -> None:
    async with DiscordStandin() as standin:
        config = write_config(tmp_path, standin)

        # run --once: ingest the sample feed, post its digest as embeds over REST, no gateway.
        first = await sitrep(tmp_path, config, "--once", log="once1")
        assert await finished(first, tmp_path, "once1") == 0, (tmp_path / "once1.err").read_text()
        posts = digest_posts(standin)
        assert posts, (tmp_path / "once1.err").read_text()
        for number, post in enumerate(posts):
            body = post["json"]
            assert post["status"] == 200
            assert body["embeds"], "the digest goes out as embeds"
            assert body["allowed_mentions"] == {"parse": []}
            assert body["nonce"].endswith(f"p{number}") and body["enforce_nonce"] is True
        digest = "\n".join(text_of(p["json"]) for p in posts)
        assert "several hundred" in digest and "at least 30" in digest
        assert not [c for c in standin.calls if c["method"] == "GATEWAY"]

        # A second pass finds nothing new and posts nothing.
        second = await sitrep(tmp_path, config, "--once", log="once2")
        assert await finished(second, tmp_path, "once2") == 0, (tmp_path / "once2.err").read_text()
        assert len(digest_posts(standin)) == len(posts)
        assert len(standin.channel_messages(CHANNEL_ID)) == len(posts)

        # The long-running bot: identifies on the gateway, registers its commands, answers /casualties.
        bot = await sitrep(tmp_path, config, log="bot")
        try:
            await standin.wait_for(lambda c: c["method"] == "GATEWAY" and c.get("op") == 2, TIMEOUT)
            [put] = [await standin.wait_for(lambda c: c["method"] == "PUT", TIMEOUT)]
            assert put["path"].endswith("/commands")
            assert {c["name"] for c in put["json"]} >= {"casualties", "quotes", "digest", "topics", "sources", "reload"}

            # Windows are publication time: the sample's articles came out in November 2024.
            ask = slash("casualties", {"about": "north-korea", "since": "2024-11-01"}, channel_id=int(CHANNEL_ID))
            assert await standin.push("INTERACTION_CREATE", ask) == 1
            answer = await standin.wait_for(
                lambda c: c["method"] == "POST" and "/webhooks/" in c["path"] and ask["token"] in c["path"], TIMEOUT
            )
            callbacks = standin.rest("POST", f"/interactions/{ask['id']}/")
            assert [c["json"]["type"] for c in callbacks] == [5]  # deferred first, then the followup
            assert answer["status"] == 200
            assert answer["json"]["allowed_mentions"] == {"parse": []}
            said = text_of(answer["json"])
            assert "several hundred" in said and "at least 30" in said
        finally:
            bot.send_signal(signal.SIGTERM)
            code = await finished(bot, tmp_path, "bot")
        assert code == 0, (tmp_path / "bot.err").read_text()
        closed = await standin.wait_for(lambda c: c["method"] == "GATEWAY" and c.get("op") == "closed", 5)
        assert closed["code"] == 1000
        assert len(standin.channel_messages(CHANNEL_ID)) == len(posts)  # the bot posted no digest twice
