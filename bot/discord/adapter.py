"""The Discord adapter the service runs: REST login for posting, the gateway for slash commands, a clean stop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

import discord
from aiohttp import web

from bot.discord.client import Endpoints, ShardedSitrepClient, SitrepClient
from bot.discord.publisher import DiscordPublisher
from bot.pacing import DiscordPacer
from bot.runtime import Runtime
from digests.config.models import Discord

log = logging.getLogger("sitrep.discord")

READY_TIMEOUT = 30.0  # start() returns after this even without READY, so the scheduler is never held up
CLOSE_TIMEOUT = 10.0


class DiscordSetupError(RuntimeError):
    """The adapter can't start: no token, or Discord refused it."""


class DiscordAdapter:
    name = "discord"

    def __init__(self, rt: Runtime, settings: Discord, *, ready_timeout: float = READY_TIMEOUT) -> None:
        self.rt = rt
        self.settings = settings
        self.ready_timeout = ready_timeout
        self.endpoints = Endpoints(settings.api_url, settings.gateway_url)
        # Every REST request waits its turn under Discord's limits, so a wave of digests meets no 429.
        self.pacer = DiscordPacer(settings.pace)
        shards = settings.shards
        if shards is None:
            self.client = SitrepClient(rt, application_id=settings.application_id, http_trace=self.pacer.trace())
        else:
            self.client = ShardedSitrepClient(
                rt,
                application_id=settings.application_id,
                shard_count=shards.count,
                shard_ids=shards.ids,
                http_trace=self.pacer.trace(),
            )
        self.publisher = DiscordPublisher(self.client, self.pacer)
        self._logged_in = False
        self._gateway: asyncio.Task[None] | None = None

    async def open(self) -> None:
        """Log in over REST (GET /users/@me and the application): enough to post, no gateway."""
        if self._logged_in:
            return
        if not self.settings.token:
            raise DiscordSetupError(
                "discord.token is not set: put `token: ${DISCORD_TOKEN}` under discord in the config"
            )
        self.endpoints.apply()
        try:
            await self.client.login(self.settings.token)
        except discord.LoginFailure as exc:
            raise DiscordSetupError(f"Discord rejected the bot token ({exc}); check discord.token") from exc
        self._logged_in = True
        user = self.client.user
        log.info("logged in to Discord as %s (%s)", user, user.id if user else "?")

    async def start(self) -> None:
        """Open, connect to the gateway in the background, and register the slash commands; returns once the
        gateway is READY, or after ready_timeout with the connection still trying behind."""
        await self.open()
        self._gateway = asyncio.create_task(self._connect(), name="discord-gateway")
        ready = asyncio.create_task(self.client.wait_until_ready())
        done, _ = await asyncio.wait(
            {ready, self._gateway}, timeout=self.ready_timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if ready not in done:
            ready.cancel()
            if self._gateway in done:
                log.error("the Discord gateway connection ended before READY; slash commands won't be answered")
            else:
                log.warning("no READY from the Discord gateway after %.0fs; still trying", self.ready_timeout)
        try:
            await self.client.sync_commands(self.settings.guilds)
        except (discord.HTTPException, OSError) as exc:
            log.error("couldn't register the slash commands: %s", exc)

    async def _connect(self) -> None:
        try:
            await self.client.connect(reconnect=True)
        except asyncio.CancelledError:
            raise
        except Exception:
            # Not retried by discord.py: a bad token, a disallowed intent, a gateway that keeps refusing.
            log.exception("the Discord gateway connection failed")

    def host_routes(self, routes: Sequence[web.RouteDef]) -> bool:
        return False  # no HTTP server of its own: the endpoints get theirs

    async def ready(self) -> str | None:
        if not self._logged_in:
            return "not logged in"
        if self._gateway is not None and not self.client.is_ready():
            return "the gateway is not connected (slash commands are not answered)"
        return None

    async def stop(self) -> None:
        """Let answers in flight finish, then close the gateway and the HTTP session."""
        try:
            await self.client.finish_answers(CLOSE_TIMEOUT)
            if self._gateway is not None:
                # Stop reading the gateway first: closing while discord.py waits on the socket makes it close
                # with 4000 (a resumable drop, the bot looks online for a while) instead of close()'s 1000.
                self._gateway.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._gateway
            await self.client.close()
        finally:
            self._gateway = None
            self._logged_in = False
            self.endpoints.restore()
