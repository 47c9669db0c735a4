"""/metrics (Prometheus), /healthz (the event loop answers), /readyz (the database answers and every adapter
is connected) and /status (bot/web/status.py), on Slack's HTTP server or one of their own."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from aiohttp import web

from bot.runtime import Runtime
from bot.web.status import status_routes
from digests.store import health

if TYPE_CHECKING:
    from bot.adapters import Adapter

log = logging.getLogger("sitrep.web")
# /readyz waits this long for the database before calling it unreachable.
READY_TIMEOUT = 5.0
# The event loop's lag is measured by how late a sleep of this long wakes.
LAG_EVERY = 1.0

# An adapter's connection problem, or None when it is connected.
ReadyCheck = Callable[[], Awaitable[str | None]]


def ops_routes(rt: Runtime, checks: Sequence[tuple[str, ReadyCheck]] = ()) -> list[web.RouteDef]:
    async def metrics(request: web.Request) -> web.Response:
        from bot.metrics import CONTENT_TYPE

        # Gauges read the store: off the loop, so a slow database never stalls slash command acks.
        body = await asyncio.to_thread(rt.metrics.exposition)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "loop_lag_seconds": rt.metrics.last_lag})

    async def readyz(request: web.Request) -> web.Response:
        problems: dict[str, str] = {}
        try:
            await asyncio.wait_for(asyncio.to_thread(health.probe, rt.store), READY_TIMEOUT)
        except TimeoutError:
            problems["database"] = f"no answer within {READY_TIMEOUT:g}s"
            rt.metrics.database_errors.labels("timeout").inc()
        except Exception as exc:
            kind = health.fault_kind(exc)
            if kind is None:
                raise
            rt.metrics.database_errors.labels(kind).inc()
            problems["database"] = f"{kind}: {health.reason(exc)}"
        for name, check in checks:
            if (problem := await check()) is not None:
                problems[name] = problem
        if problems:
            return web.json_response({"status": "not ready", "problems": problems}, status=503)
        return web.json_response({"status": "ready", "adapters": [name for name, _ in checks]})

    return [
        web.get("/metrics", metrics),
        web.get("/healthz", healthz),
        web.get("/readyz", readyz),
        *status_routes(rt),
    ]


async def watch_loop_lag(rt: Runtime, stopping: asyncio.Event) -> None:
    """Sleep a second at a time; how late each wake-up comes is the loop's lag (a blocking call shows here)."""
    while not stopping.is_set():
        started = time.monotonic()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), LAG_EVERY)
        rt.metrics.observe_lag(max(0.0, time.monotonic() - started - LAG_EVERY))


def web_server(rt: Runtime, adapters: Sequence[Adapter]) -> WebServer | None:
    """The endpoints go on Slack's HTTP server when it runs one (HTTP mode), else on a server of their own."""
    routes = ops_routes(rt, [(adapter.name, adapter.ready) for adapter in adapters])
    if any(adapter.host_routes(routes) for adapter in adapters):
        return None
    return WebServer(routes, rt.config.web.host, rt.config.web.port)


class WebServer:
    """The endpoints on their own port (Socket Mode, Discord only, console): `web.host`, `web.port`."""

    def __init__(self, routes: Sequence[web.RouteDef], host: str, port: int) -> None:
        self.host, self.port = host, port
        application = web.Application()
        application.add_routes(routes)
        self._runner = web.AppRunner(application, shutdown_timeout=2.0, access_log=None)
        self.url = ""

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]  # the one picked, when the config said 0
        self.url = f"http://{self.host}:{self.port}"
        log.info("web: /metrics, /healthz, /readyz on %s", self.url)

    async def stop(self) -> None:
        await self._runner.cleanup()
