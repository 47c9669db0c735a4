"""`sitrep run`: one pass (`--once`) or the long-running service — scheduler, feed polling, digests, adapters."""

from __future__ import annotations

import asyncio
import logging
import signal
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.actions import format_report, run_ingest
from bot.adapters import Adapter, build_adapters
from bot.deliver import Outcome, deliver
from bot.runtime import Runtime, source_spec
from digests.config.models import Channel, Config, Feed
from digests.store.db import Store

log = logging.getLogger("sitrep.run")


def _describe(outcome: Outcome) -> str:
    if outcome.status == "sent":
        return f"posted a digest of {outcome.articles} article(s)"
    if outcome.status == "nothing_new":
        return "nothing new since the last digest — nothing posted"
    if outcome.status == "already_delivered":
        return "this digest was already delivered — nothing posted"
    return f"{outcome.status}: {outcome.error}"


async def run_once(rt: Runtime) -> int:
    specs = [source_spec(f) for f in rt.config.feeds]
    if specs:
        report = await run_ingest(rt, specs)
        for line in format_report(report).splitlines():
            log.info("ingest: %s", line)
    else:
        log.warning("no feeds configured: nothing to ingest")
    if not rt.config.channels:
        log.warning("no channels configured: nothing to post")
    failed = 0
    for channel in rt.config.channels:
        outcome = await deliver(rt, channel)
        log.info("channel %s: %s", channel.name, _describe(outcome))
        failed += outcome.status == "failed"
    return 1 if failed else 0


async def _poll(rt: Runtime, feed: Feed) -> None:
    report = await run_ingest(rt, [source_spec(feed)])
    for line in format_report(report).splitlines()[:-1]:
        log.info("ingest: %s", line, extra={"source": feed.name, "job": f"feed:{feed.name}"})


async def _digest(rt: Runtime, channel: Channel) -> None:
    # The window is the minute the job fired for, so a repeat of the same firing finds its ledger row.
    window = datetime.now(UTC).replace(second=0, microsecond=0).isoformat()
    outcome = await deliver(rt, channel, window=window)
    log.info("channel %s: %s", channel.name, _describe(outcome), extra={"channel": channel.name, "window": window})


async def run_forever(rt: Runtime) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    scheduler = AsyncIOScheduler(timezone=UTC)
    for feed in rt.config.feeds:
        scheduler.add_job(
            _poll,
            IntervalTrigger(seconds=feed.every.total_seconds(), jitter=min(30, feed.every.total_seconds() / 10)),
            args=(rt, feed),
            id=f"feed:{feed.name}",
            next_run_time=datetime.now(UTC),
            coalesce=True,
            max_instances=1,
        )
    for channel in rt.config.channels:
        scheduler.add_job(
            _digest,
            CronTrigger.from_crontab(channel.schedule, timezone=channel.timezone),
            args=(rt, channel),
            id=f"digest:{channel.name}",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=3600,
        )
    scheduler.start()
    log.info("sitrep running: %d feed(s), %d channel(s)", len(rt.config.feeds), len(rt.config.channels))
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        scheduler.shutdown(wait=False)
        await asyncio.sleep(0)
    return 0


async def run(config: Config, *, once: bool, config_path: str | None = None) -> int:
    rt = Runtime(config, Store(config.database))
    adapters: list[Adapter] = []
    try:
        adapters = build_adapters(rt)
        for adapter in adapters:
            await (adapter.open() if once else adapter.start())
        return await (run_once(rt) if once else run_forever(rt))
    finally:
        for adapter in adapters:
            try:
                await adapter.stop()
            except Exception:
                log.exception("stopping the %s adapter failed", adapter.name)
        rt.store.close()
