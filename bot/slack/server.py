"""HTTP mode: bolt's aiohttp adapter served at /slack/events on the bot's own event loop (no thread)."""

from __future__ import annotations

import logging

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

log = logging.getLogger("sitrep.slack")

EVENTS_PATH = "/slack/events"


def web_app(app: AsyncApp) -> web.Application:
    async def events(request: web.Request) -> web.Response:
        # Bolt checks the signature and its age (401 otherwise), acks, and hands the command to a listener.
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    web_application = web.Application()
    web_application.add_routes([web.post(EVENTS_PATH, events)])
    return web_application


class EventsServer:
    def __init__(self, app: AsyncApp, host: str, port: int) -> None:
        self.host, self.port = host, port
        # Requests still running when we stop get a few seconds; the answers after ack are drained separately.
        self._runner = web.AppRunner(web_app(app), shutdown_timeout=5.0, access_log=None)

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        log.info("slack: listening for slash commands on http://%s:%s%s", self.host, self.port, EVENTS_PATH)

    async def stop(self) -> None:
        await self._runner.cleanup()
