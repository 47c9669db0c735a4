"""The Slack adapter: a publisher for digests, and slash commands over HTTP or Socket Mode, per the config."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from bot.pacing import SlackPacer
from bot.publish import Publisher
from bot.runtime import Runtime
from bot.slack.acks import SocketModeHandler
from bot.slack.app import build_app
from bot.slack.clients import app_client, post_client
from bot.slack.commands import CommandListeners
from bot.slack.errors import CALL_ERRORS, SlackSetupError, app_token_refusal
from bot.slack.installs import Installs
from bot.slack.publisher import SlackPublisher
from bot.slack.server import EventsServer
from digests.config.models import Slack

log = logging.getLogger("sitrep.slack")

# slack-sdk retries a Socket Mode connection forever; start() gives up after this and says why.
CONNECT_TIMEOUT = 30.0


class SlackAdapter:
    name = "slack"

    def __init__(self, rt: Runtime, settings: Slack, *, connect_timeout: float = CONNECT_TIMEOUT) -> None:
        self.rt = rt
        self.settings = settings
        self.connect_timeout = connect_timeout
        self.client = app_client(settings)
        self.installs = Installs(settings, rt.store.engine) if settings.many_workspaces else None
        self.slack_publisher = SlackPublisher(
            post_client(settings), installs=self.installs, pacer=SlackPacer(settings.pace)
        )
        self.publisher: Publisher = self.slack_publisher
        self.listeners = CommandListeners(rt)
        self.app: AsyncApp | None = None
        self._server: EventsServer | None = None
        self._socket: SocketModeHandler | None = None
        self._routes: Sequence[web.RouteDef] = ()  # /metrics and the like, served beside /slack/events
        self._problem: str | None = "not started"

    def _check(self, *, listening: bool) -> None:
        if not self.settings.bot_token and not self.settings.many_workspaces:
            raise SlackSetupError("slack.bot_token is not set: Slack needs the app's Bot User OAuth Token (xoxb-…)")
        if listening and self.settings.mode == "http" and not self.settings.signing_secret:
            raise SlackSetupError("slack.signing_secret is not set: HTTP mode cannot check that requests are Slack's")
        if listening and self.settings.mode == "socket" and not self.settings.app_token:
            raise SlackSetupError("slack.app_token is not set: Socket Mode needs an app-level token (xapp-…)")

    async def open(self) -> None:
        self._check(listening=False)
        if self.installs is not None:
            await asyncio.to_thread(self.installs.create_tables)
            log.info("slack: serving the workspaces installed through /slack/install")
        if not self.settings.bot_token:
            return
        try:
            who = await self.client.auth_test()
        except CALL_ERRORS as exc:
            # Not fatal here: each post reports its own failure on its delivery row, with the reason.
            log.error("slack: auth.test failed (%s); posts will probably fail too", exc)
            self._problem = f"auth.test failed: {exc}"
            return
        self._problem = None
        self.slack_publisher.bot_id = who.get("bot_id")
        self.slack_publisher.bot_name = who.get("user") or self.slack_publisher.bot_name
        log.info("slack: connected as @%s in %s", who.get("user"), who.get("team"))

    async def start(self) -> None:
        self._check(listening=True)
        await self.open()
        self.app = build_app(self.settings, self.client, self.listeners, self.installs)
        if self.settings.mode == "socket":
            self._socket = SocketModeHandler(self.app, self.settings.app_token)
            try:
                async with asyncio.timeout(self.connect_timeout):
                    await self._connect(self._socket)
            except BaseException as exc:
                await self._socket.close_async()  # type: ignore[no-untyped-call]
                self._socket = None
                if isinstance(exc, TimeoutError):
                    raise SlackSetupError(
                        f"Socket Mode did not connect within {self.connect_timeout:g}s (apps.connections.open, then "
                        "its websocket): see the errors logged above"
                    ) from None
                raise
            log.info("slack: listening for slash commands over Socket Mode")
        else:
            self._server = EventsServer(self.app, self.settings.host, self.settings.port, self._routes)
            await self._server.start()

    @staticmethod
    async def _connect(socket: SocketModeHandler) -> None:
        # connect_async() asks apps.connections.open for the websocket URL itself, and takes a refused app token
        # for a passing fault to retry every 10 s, for ever. Asking first (connect_async() then uses the URL
        # it finds set) stops a start with a token Slack will never take at once, naming the token.
        try:
            socket.client.wss_uri = await socket.client.issue_new_wss_url()
        except SlackApiError as exc:
            if (refusal := app_token_refusal(exc)) is not None:
                raise SlackSetupError(refusal) from None
            log.warning("slack: apps.connections.open failed (%s); retrying", exc)
        except CALL_ERRORS as exc:
            log.warning("slack: apps.connections.open failed (%s); retrying", exc)
        await socket.connect_async()  # type: ignore[no-untyped-call]

    def host_routes(self, routes: Sequence[web.RouteDef]) -> bool:
        """In HTTP mode, serve `routes` beside /slack/events on the same port (called before start())."""
        if self.settings.mode != "http":
            return False
        self._routes = routes
        return True

    async def ready(self) -> str | None:
        if self._problem is not None:
            return self._problem
        if self._socket is not None and not await self._socket.client.is_connected():
            return "Socket Mode is not connected (slash commands are not answered)"
        return None

    async def stop(self) -> None:
        # Stop taking commands first, then let the answers already acked reach their response_url.
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._server is not None:
            await self._server.stop()
            self._server = None
        await self.listeners.drain()
