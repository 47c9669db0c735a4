"""`sitrep run`: one pass (`--once`) or the long-running service — one event loop holding the scheduler,
feed polling, digest jobs, the platform adapters, hot reload and a clean stop."""

from __future__ import annotations

import asyncio
import faulthandler
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot import jobs
from bot.actions import format_report, run_ingest
from bot.adapters import Adapter, build_adapters
from bot.deliver import deliver, resolve_pending
from bot.runtime import Runtime, source_spec
from bot.schedule import poll_trigger, trigger
from bot.settings import load
from bot.storewatch import StoreWatch
from bot.web import WebServer, watch_loop_lag, web_server
from digests import polling
from digests.config import Config, ConfigError
from digests.store import health
from digests.store.db import Store

log = logging.getLogger("sitrep.run")
# How long a stop waits for posts in flight before leaving them pending for the next start.
STOP_GRACE = 20.0
# How often the config file's modification time is checked for a reload.
WATCH_EVERY = 2.0


async def run_once(rt: Runtime) -> int:
    for outcome in await resolve_pending(rt):
        log.info("channel %s: pending delivery %s: %s", outcome.channel, outcome.delivery_id, jobs.describe(outcome))
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
        log.info("channel %s: %s", channel.name, jobs.describe(outcome), extra={"channel": channel.name})
        failed += outcome.status == "failed"
    return 1 if failed else 0


class Service:
    """The long-running bot. Jobs are tracked so a stop lets posts in flight finish."""

    def __init__(self, rt: Runtime, config_path: str | None) -> None:
        self.rt = rt
        self.config_path = Path(config_path) if config_path else None
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.stopping = asyncio.Event()
        self.inflight: set[asyncio.Task[Any]] = set()
        self._mtime = self._config_mtime()
        self._reloading = asyncio.Lock()
        rt.reloader = self.reload
        # Set by a signal, or by the store watch when the database is gone (with `fatal` saying why).
        self.stop_requested = asyncio.Event()
        self.fatal: str | None = None
        self.store_watch = StoreWatch(rt, self.halt)
        self.throttle = health.THROTTLE

    def halt(self, why: str) -> None:
        """Stop because the bot cannot go on; the process exits 1 with this reason."""
        if self.fatal is None:
            log.error("stopping: %s", why)
            self.fatal = why
        self.stop_requested.set()

    def _config_mtime(self) -> float | None:
        try:
            return self.config_path.stat().st_mtime if self.config_path else None
        except OSError:
            return None

    def _tracked(self, job: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[None]]:
        """Run a job as a task of its own, shielded from the scheduler's executor (which cancels what it
        runs on shutdown), and remembered so a stop can let it finish."""

        async def body(*args: Any) -> None:
            try:
                await job(*args)
            except Exception as exc:
                if (kind := health.fault_kind(exc)) is not None:
                    # The store watch tells the admins; a line a minute per kind is enough for the log.
                    self.rt.metrics.database_errors.labels(kind).inc()
                    self.throttle.log(log, f"job {getattr(job, '__name__', job)}", exc)
                else:
                    log.exception("job %s failed", getattr(job, "__name__", job))

        async def run(*args: Any) -> None:
            if self.stopping.is_set():
                return
            task = asyncio.get_running_loop().create_task(body(*args))
            self.inflight.add(task)
            task.add_done_callback(self.inflight.discard)
            await asyncio.shield(task)

        run.__name__ = getattr(job, "__name__", "job")
        return run

    def schedule_jobs(self) -> None:
        """(Re)create every feed and digest job from the current config; jobs no longer configured go."""
        wanted: set[str] = set()
        for feed in self.rt.config.feeds:
            job_id = f"feed:{feed.name}"
            wanted.add(job_id)
            self.scheduler.add_job(
                self._tracked(jobs.poll_feed),
                poll_trigger(feed),
                args=(self.rt, feed),
                id=job_id,
                replace_existing=True,
                next_run_time=datetime.now(UTC),
                coalesce=True,
                max_instances=1,
            )
        for channel in self.rt.config.channels:
            job_id = f"digest:{channel.name}"
            wanted.add(job_id)
            self.scheduler.add_job(
                self._tracked(jobs.digest_job),
                trigger(channel),
                args=(self.rt, channel),
                id=job_id,
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=int(channel.grace.total_seconds()),
            )
        self.scheduler.add_job(
            self._tracked(jobs.retry_deliveries),
            # Often enough that a dead replica's deliveries are taken over soon after its claims run out.
            IntervalTrigger(seconds=min(15.0, self.rt.lease.total_seconds() / 2)),
            args=(self.rt,),
            id="retry-deliveries",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
        )
        wanted.add("retry-deliveries")
        if self.config_path is not None:
            self.scheduler.add_job(
                self._watch, IntervalTrigger(seconds=WATCH_EVERY), id="watch-config", replace_existing=True
            )
            wanted.add("watch-config")
        for job in self.scheduler.get_jobs():
            if job.id not in wanted:
                job.remove()

    async def _watch(self) -> None:
        mtime = self._config_mtime()
        if mtime is not None and mtime != self._mtime:
            self._mtime = mtime
            log.info("config file changed: reloading")
            await self.reload()

    async def reload(self) -> list[str]:
        """Reload the config file. An invalid file keeps the last good config running and says why."""
        if self.config_path is None:
            return ["no config file to reload (the bot runs on built-in defaults)"]
        async with self._reloading:
            try:
                # Off the event loop: a big file takes seconds to parse, and Slack wants its acks in three.
                config = await asyncio.to_thread(load, self.config_path)
            except ConfigError as exc:
                problems = [str(p) for p in exc.problems]
                await jobs.notify_admins(
                    self.rt,
                    "Config not reloaded: still running the last good one",
                    (f"{self.config_path}:", *problems),
                    key=f"cfg-{int(datetime.now(UTC).timestamp())}",
                )
                return problems
            for section in ("slack", "discord", "web"):
                if getattr(config, section) != getattr(self.rt.config, section):
                    log.warning("the %s section changed: restart sitrep for it to take effect", section)
            self.rt.replace_config(config)
            with self.rt.store.session() as session:
                resumed = polling.resume_all(session)
            if resumed:
                log.info("reload resumed paused feed(s): %s", ", ".join(resumed))
            self.schedule_jobs()
            log.info("config reloaded: %d feed(s), %d channel(s)", len(config.feeds), len(config.channels))
            return []

    async def start(self) -> None:
        # Pending deliveries are resolved before anything new is posted.
        for outcome in await resolve_pending(self.rt):
            log.info(
                "channel %s: pending delivery %s: %s", outcome.channel, outcome.delivery_id, jobs.describe(outcome)
            )
        for channel in self.rt.config.channels:
            await jobs.catch_up(self.rt, channel)
        self.schedule_jobs()
        self.scheduler.start()
        log.info("sitrep running: %d feed(s), %d channel(s)", len(self.rt.config.feeds), len(self.rt.config.channels))

    async def stop(self) -> None:
        """No new jobs; posts in flight finish (or stay pending in the ledger after STOP_GRACE)."""
        self.stopping.set()
        self.scheduler.pause()
        if self.inflight:
            log.info("stopping: waiting for %d job(s) in flight", len(self.inflight))
            await asyncio.wait(set(self.inflight), timeout=STOP_GRACE)
        self.scheduler.shutdown(wait=False)
        await asyncio.sleep(0)


async def run_forever(rt: Runtime, config_path: str | None) -> int:
    service = Service(rt, config_path)
    stop = service.stop_requested
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    reloads: set[asyncio.Task[list[str]]] = set()

    def on_hup() -> None:
        task = loop.create_task(service.reload())
        reloads.add(task)
        task.add_done_callback(reloads.discard)

    loop.add_signal_handler(signal.SIGHUP, on_hup)
    await service.start()
    watch = loop.create_task(service.store_watch.run(service.stopping))
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        await service.stop()
        await watch
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            loop.remove_signal_handler(sig)
    if service.fatal:
        log.error("stopped: %s", service.fatal)
        return 1
    log.info("stopped cleanly")
    return 0


async def run(config: Config, *, once: bool, config_path: str | None = None) -> int:
    # A crash in C (SQLite's mapped -shm file made unwritable raises SIGBUS) at least leaves its traceback.
    faulthandler.enable()
    # The long-running bot migrates in a child process: Alembic would otherwise stay resident for good.
    rt = Runtime(config, Store(config.database, apart=not once))
    adapters: list[Adapter] = []
    server: WebServer | None = None
    stopping = asyncio.Event()
    lag: asyncio.Task[None] | None = None
    try:
        adapters = build_adapters(rt)
        # The endpoints exist in every mode of the long-running bot: on Slack's HTTP server, or their own.
        server = None if once else web_server(rt, adapters)
        for adapter in adapters:
            try:
                await (adapter.open() if once else adapter.start())
            except Exception as exc:
                # A platform that can't start is a setup problem the admin must fix: say what, exit 1.
                log.error("could not start the %s adapter: %s", adapter.name, exc)
                return 1
        if server is not None:
            try:
                await server.start()
            except OSError as exc:
                # Posting digests matters more than being watched: go on, loudly (the scrape fails, an alert fires).
                log.error(
                    "web: cannot listen on %s:%s (%s): /metrics, /healthz and /readyz are not served",
                    server.host,
                    server.port,
                    exc,
                )
                server = None
        if not once:
            lag = asyncio.get_running_loop().create_task(watch_loop_lag(rt, stopping))
        return await (run_once(rt) if once else run_forever(rt, config_path))
    finally:
        stopping.set()
        if lag is not None:
            await lag
        if server is not None:
            await server.stop()
        for adapter in adapters:
            try:
                await adapter.stop()
            except Exception:
                log.exception("stopping the %s adapter failed", adapter.name)
        rt.store.close()
