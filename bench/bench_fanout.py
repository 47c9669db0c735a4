"""Fan-out of a wave of digests: Slack and Discord channels all due at one minute (by default 1,000 of each),
delivered through the real ledger, store, renderers, slack-sdk and discord.py to the stand-ins, each a process of
its own that enforces the platform's limits as production does (tests/standins: Slack 1 post a second per
channel and a 10 a second workspace budget; Discord 5 per 5 s per channel and 50 requests a second globally).

Each repetition starts from a fresh copy of the bench store (the 22 feeds ingested under eight topics) and fresh
stand-ins, fires every channel's digest job at once (as the scheduler does at the minute) and prints what arrived:
channels delivered, missing (fewer messages than the digest's parts) and duplicated (more), the 429s the
stand-ins answered, the time from the wave's start until every job ended, and its ratio to the rate-limit floor:
the time the limits alone need, Slack's posts at the workspace rate (or Discord's at its global rate if longer).

    .venv/bin/python bench/bench_fanout.py                       # 1,000 + 1,000 channels, 2 repetitions
    .venv/bin/python bench/bench_fanout.py --slack 20 --discord 20 --reps 1
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import select

from bench.common import TOPICS, ratio_line
from bench.storegen import template
from bot import jobs
from bot.adapters import build_adapters
from bot.runtime import Runtime
from digests.config.models import Config
from digests.store.db import Store
from digests.store.schema import ArticleTopic, Delivery
from tests.standins.discord import DiscordLimits
from tests.standins.slack import SlackLimits

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.1
DISCORD_TOKEN = "MTExMTExMTExMTExMTExMTExMQ.fake.token"  # the stand-in's bot id, base64, as in a real token
DISCORD_FIRST_ID = 200_000_000_000_000_000


@contextmanager
def standin(module: str) -> Iterator[str]:
    """A stand-in as a process of its own (limits on); yields the line it prints once listening."""
    process = subprocess.Popen(
        [sys.executable, "-m", module, "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("listening "):
            raise SystemExit(f"{module} did not start: {line!r}")
        yield line
    finally:
        process.terminate()
        process.wait(timeout=10)


def followed_topics() -> list[str]:
    """The bench topics the ingested feeds hold articles for, in TOPICS' order: a channel following a topic the
    feeds never report would have nothing to post, and the wave is about posting (which topics an article
    belongs to is relevance's business, measured by eval_relevance)."""
    store = Store(f"sqlite:///{template()}", migrate_schema=False)
    try:
        with store.session() as session:
            held = set(session.scalars(select(ArticleTopic.topic).distinct()))
    finally:
        store.close()
    return [name for name in TOPICS if name in held]


def config(slack_api: str, discord_api: str, discord_gateway: str, slack: int, discord: int) -> Config:
    names = followed_topics()
    channels = [
        {"name": f"slack-{i}", "platform": "slack", "id": f"C{i:08d}", "topics": [names[i % len(names)]]}
        for i in range(slack)
    ] + [
        {
            "name": f"discord-{i}",
            "platform": "discord",
            "id": str(DISCORD_FIRST_ID + i),
            "topics": [names[i % len(names)]],
        }
        for i in range(discord)
    ]
    return Config.model_validate(
        {
            "topics": TOPICS,
            "channels": channels,
            "slack": {"bot_token": "xoxb-bench", "signing_secret": "bench", "api_url": slack_api},
            "discord": {"token": DISCORD_TOKEN, "api_url": discord_api, "gateway_url": discord_gateway},
        }
    )


async def wave(rt: Runtime) -> tuple[float, list[jobs.Outcome]]:
    """Every channel's digest job at once, as the scheduler fires them at their minute; seconds until all ended."""
    adapters = build_adapters(rt)
    for adapter in adapters:
        await adapter.open()
    try:
        started = time.perf_counter()
        outcomes = await asyncio.gather(*(jobs.deliver_window(rt, c, "bench") for c in rt.config.channels))
        return time.perf_counter() - started, list(outcomes)
    finally:
        for adapter in adapters:
            await adapter.stop()


def summary(url: str) -> dict[str, Any]:
    return httpx.get(url, timeout=30).json()  # type: ignore[no-any-return]


def repetition(number: int, slack: int, discord: int, folder: Path) -> dict[str, Any]:
    db = folder / f"rep{number}.db"
    shutil.copy(template(), db)
    store = Store(f"sqlite:///{db}")
    try:
        with standin("tests.standins.slack") as slack_line, standin("tests.standins.discord") as discord_line:
            slack_url = slack_line.split()[1]
            # "listening URL api API_URL gateway GATEWAY_URL"
            _, discord_url, _, discord_api, _, discord_gateway = discord_line.split()
            cfg = config(f"{slack_url}/api/", discord_api, discord_gateway, slack, discord)
            rt = Runtime(cfg, store)
            elapsed, outcomes = asyncio.run(wave(rt))
            posted = {
                **summary(f"{slack_url}/_control/summary")["messages"],
                **summary(f"{discord_url}/_standin/summary")["messages"],
            }
            limited = (
                summary(f"{slack_url}/_control/summary")["limited"],
                summary(f"{discord_url}/_standin/summary")["limited"],
            )
        with store.session() as session:
            rows = {d.channel: (d.status, len(d.payload)) for d in session.scalars(select(Delivery))}
    finally:
        store.close()
        db.unlink(missing_ok=True)
    parts = {"slack": 0, "discord": 0}
    delivered = missing = duplicated = 0
    for channel in cfg.channels:
        status, expected = rows.get(channel.name, ("none", 0))
        got = posted.get(str(channel.id), 0)
        parts[channel.platform] += expected
        if status == "sent" and got == expected > 0:
            delivered += 1
        elif got > expected:
            duplicated += 1
        else:
            missing += 1
    statuses: dict[str, int] = {}
    for outcome in outcomes:
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    floor = max(parts["slack"] / SlackLimits().workspace[0], parts["discord"] / DiscordLimits().global_[0])
    return {
        "delivered": delivered,
        "missing": missing,
        "duplicated": duplicated,
        "limited": limited,
        "elapsed": elapsed,
        "floor": floor,
        "ratio": elapsed / floor if floor else float("nan"),
        "parts": parts,
        "statuses": statuses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--slack", type=int, default=1000, help="Slack channels due at the minute")
    parser.add_argument("--discord", type=int, default=1000, help="Discord channels due at the minute")
    parser.add_argument("--reps", type=int, default=2, help="repetitions (min and median are reported)")
    args = parser.parse_args(argv)
    template()  # made once (the feeds ingested), outside the timings
    results = []
    with tempfile.TemporaryDirectory(prefix="sitrep-fanout-") as tmp:
        for number in range(1, args.reps + 1):
            r = repetition(number, args.slack, args.discord, Path(tmp))
            results.append(r)
            print(
                f"rep {number}: delivered {r['delivered']}, missing {r['missing']}, duplicated {r['duplicated']}, "
                f"429 slack {r['limited'][0]} discord {r['limited'][1]}, posts slack {r['parts']['slack']} "
                f"discord {r['parts']['discord']}, outcomes {r['statuses']}, elapsed {r['elapsed']:.1f} s, "
                f"floor {r['floor']:.1f} s, ratio {r['ratio']:.3f}x",
                flush=True,
            )
    channels = args.slack + args.discord
    print(f"channels: {args.slack} slack + {args.discord} discord, {args.reps} repetition(s)")
    print(f"delivered: {min(r['delivered'] for r in results)} of {channels} (fewest in a repetition)")
    print(f"missing: {sum(r['missing'] for r in results)}")
    print(f"duplicated: {sum(r['duplicated'] for r in results)}")
    print(f"429 received: {sum(sum(r['limited']) for r in results)}")
    elapsed = [r["elapsed"] for r in results]
    print(f"elapsed: min {min(elapsed):.1f} s  median {statistics.median(elapsed):.1f} s")
    print(ratio_line("fan-out vs rate-limit floor", [r["ratio"] for r in results], TARGET))
    counts_ok = all(r["missing"] == r["duplicated"] == sum(r["limited"]) == 0 for r in results)
    return 0 if counts_ok and all(r["delivered"] == channels for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
