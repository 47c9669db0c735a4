"""HTTP mode: bolt's aiohttp adapter served at /slack/events (and, for many workspaces, the OAuth install flow at
/slack/install and /slack/oauth_redirect) on the bot's own event loop (no thread)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.slack.acks import ack_context, mark_sent

log = logging.getLogger("sitrep.slack")

EVENTS_PATH = "/slack/events"
# What bolt answers a request whose signature does not check out.
_REFUSED = {"error": "invalid request"}


def _timestamp_readable(headers: Mapping[str, str]) -> bool:
    """slack-sdk's verifier runs int() on X-Slack-Request-Timestamp and lets the ValueError escape (a 500);
    a timestamp that is not a whole number cannot be part of a valid signature, so it is refused as one."""
    stamp = headers.get("X-Slack-Request-Timestamp")
    if stamp is None:
        return True  # bolt answers a missing header with 401 itself
    try:
        int(stamp)
    except ValueError:
        return False
    return True


def web_app(app: AsyncApp, routes: Sequence[web.RouteDef] = ()) -> web.Application:
    async def events(request: web.Request) -> web.Response:
        if not _timestamp_readable(request.headers):
            return web.json_response(_REFUSED, status=401)
        # Bolt checks the signature and its age (401 otherwise), acks, and hands the command to a listener,
        # which waits for this response to be written before it starts on the answer.
        bolt_request = AsyncBoltRequest(
            body=await request.text(),
            query=request.query_string,
            headers=request.headers,  # type: ignore[arg-type]
            context=ack_context(),
        )
        try:
            response = await to_aiohttp_response(await app.async_dispatch(bolt_request))
            await response.prepare(request)
            await response.write_eof()
        finally:
            mark_sent(bolt_request)
        return response

    web_application = web.Application()
    web_application.add_routes([web.post(EVENTS_PATH, events), *routes])
    flow = app.oauth_flow
    if flow is not None:
        # Many workspaces: the install link and Slack's redirect back with the code to exchange for a token.
        async def install(request: web.Request) -> web.Response:
            bolt_request = AsyncBoltRequest(body="", query=request.query_string, headers=request.headers)  # type: ignore[arg-type]
            return await to_aiohttp_response(await flow.handle_installation(bolt_request))

        async def redirect(request: web.Request) -> web.Response:
            bolt_request = AsyncBoltRequest(body="", query=request.query_string, headers=request.headers)  # type: ignore[arg-type]
            return await to_aiohttp_response(await flow.handle_callback(bolt_request))

        web_application.add_routes([web.get(flow.install_path, install), web.get(flow.redirect_uri_path, redirect)])
    return web_application


class EventsServer:
    def __init__(self, app: AsyncApp, host: str, port: int, routes: Sequence[web.RouteDef] = ()) -> None:
        self.host, self.port = host, port
        # Requests still running when we stop get a few seconds; the answers after ack are drained separately.
        self._runner = web.AppRunner(web_app(app, routes), shutdown_timeout=5.0, access_log=None)

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        log.info("slack: listening for slash commands on http://%s:%s%s", self.host, self.port, EVENTS_PATH)

    async def stop(self) -> None:
        await self._runner.cleanup()
