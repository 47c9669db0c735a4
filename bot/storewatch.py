"""Watches the store from the running bot: a write probe every half minute; the admins hear once when the
database has failed for a while and once when it is back; a database that is gone stops the bot, saying why."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import timedelta

from bot.jobs import notify_admins
from bot.runtime import Runtime
from digests.store import health

log = logging.getLogger("sitrep.store")
# How often the store is probed, and how long it may fail before the admins hear of it.
CHECK_EVERY = 30.0
NOTIFY_AFTER = timedelta(minutes=5)


def _minutes(delta: timedelta) -> int:
    return max(1, round(delta.total_seconds() / 60))


class StoreWatch:
    def __init__(
        self,
        rt: Runtime,
        on_gone: Callable[[str], None],
        *,
        notify_after: timedelta = NOTIFY_AFTER,
        throttle: health.Throttle = health.THROTTLE,
    ) -> None:
        self.rt = rt
        self.on_gone = on_gone
        self.outage = health.Outage(notify_after)
        self.throttle = throttle

    async def check(self) -> None:
        """Probe the store once and act on what changed."""
        now = self.rt.now()
        try:
            await asyncio.to_thread(health.probe, self.rt.store)
        except Exception as exc:
            kind = health.fault_kind(exc)
            if kind is None:
                raise
            self.rt.metrics.database_errors.labels(kind).inc()
            self.throttle.log(log, "store check", exc)
            if kind in health.FATAL:
                # Retrying cannot bring tables back, and re-creating them empty could post old news again.
                self.on_gone(
                    f"the database is gone ({kind}: {health.reason(exc)}); "
                    "sitrep creates a fresh one when it starts again"
                )
            elif self.outage.failed(kind, now):
                since = self.outage.since or now
                await notify_admins(
                    self.rt,
                    "The database is failing",
                    (
                        f"For {_minutes(now - since)} min: {', '.join(self.outage.kinds)} ({health.reason(exc)}).",
                        "Feeds and digests wait for it; nothing already posted is posted again.",
                    ),
                    key=f"db-down-{int(since.timestamp())}",
                )
            return
        lasted = self.outage.recovered(now)
        if lasted is not None:
            log.info("the database answers again after %d min", _minutes(lasted))
            await notify_admins(
                self.rt,
                "The database is back",
                (f"It failed for {_minutes(lasted)} min; feeds and digests carry on.",),
                key=f"db-up-{int(now.timestamp())}",
            )

    async def run(self, stopping: asyncio.Event) -> None:
        """Check every CHECK_EVERY seconds until `stopping` is set."""
        while not stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), CHECK_EVERY)
            if stopping.is_set():
                return
            try:
                await self.check()
            except Exception:
                log.exception("store check failed")
