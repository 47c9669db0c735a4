"""The discord.py client sitrep runs: no privileged intents, no pings, slash commands from the shared spec."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.commands import suggest
from bot.discord.answer import answer, on_tree_error
from bot.discord.commands import add_commands
from bot.runtime import Runtime

log = logging.getLogger("sitrep.discord")

API_VERSION_PATH = "/api/v10"


class _ExpectedWarnings(logging.Filter):
    """Drops discord.py's start-up warning about the guilds intent: leaving it off is deliberate here, and a
    warning an admin can do nothing about teaches them to ignore warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Guilds intent seems to be disabled")


logging.getLogger("discord.state").addFilter(_ExpectedWarnings())
# The bot never joins voice, so the "PyNaCl / davey is not installed" warnings don't apply.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


class SitrepClient(discord.Client):
    """Intents.none(): slash commands arrive as interactions, which need no intent, and posting needs none
    either; so no guild, member or message events are received or cached."""

    def __init__(self, rt: Runtime, **options: Any) -> None:
        super().__init__(
            intents=discord.Intents.none(),
            # The default for everything this client sends, interaction answers included.
            allowed_mentions=discord.AllowedMentions.none(),
            max_messages=None,
            chunk_guilds_at_startup=False,
            # With no guild events READY is complete as it is; don't wait 2 s for GUILD_CREATEs that won't come.
            guild_ready_timeout=0,
            **options,
        )
        self.rt = rt
        self.answering: set[asyncio.Task[Any]] = set()
        self.tree: app_commands.CommandTree[SitrepClient] = app_commands.CommandTree(self)
        self.tree.on_error = on_tree_error  # type: ignore[method-assign]
        add_commands(self.tree, self._answer, self._complete)

    async def _answer(self, interaction: discord.Interaction, command: str, options: dict[str, str]) -> None:
        task = asyncio.current_task()
        if task is not None:
            self.answering.add(task)
        try:
            await answer(self.rt, interaction, command, options)
        finally:
            if task is not None:
                self.answering.discard(task)

    async def finish_answers(self, timeout: float) -> None:
        """Wait (up to timeout) for commands being answered, so a stop doesn't cut someone off mid-answer."""
        if self.answering:
            log.info("waiting for %d slash command answer(s) in flight", len(self.answering))
            await asyncio.wait(set(self.answering), timeout=timeout)

    # Gateway reconnects are handled by discord.py; logging them answers "was the bot offline?".
    async def on_disconnect(self) -> None:
        log.warning("disconnected from the Discord gateway; reconnecting")

    async def on_resumed(self) -> None:
        log.info("Discord gateway session resumed")

    async def on_ready(self) -> None:
        log.info("on the Discord gateway as %s", self.user)

    async def _complete(self, command: str, option: str, current: str) -> list[str]:
        return await suggest(self.rt, command, option, current)

    async def sync_commands(self, guilds: list[int]) -> None:
        """Register the commands: per guild when guilds are configured (they show up at once), else globally."""
        if not guilds:
            synced = await self.tree.sync()
            log.info("registered %d slash command(s) globally", len(synced))
            return
        for guild_id in guilds:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            try:
                synced = await self.tree.sync(guild=guild)
            except discord.Forbidden as exc:
                log.error(
                    "couldn't register slash commands in server %s (%s): re-invite the bot with the "
                    "applications.commands scope (`sitrep discord invite`)",
                    guild_id,
                    exc.text,
                )
                continue
            log.info("registered %d slash command(s) in server %s", len(synced), guild_id)


class ShardedSitrepClient(SitrepClient, discord.AutoShardedClient):
    """The same bot over several gateway shards (`discord.shards`): all of them, or the `ids` this process
    holds while other processes hold the rest. Each shard answers the interactions of its own servers;
    posting goes over REST from any process."""

    async def on_ready(self) -> None:
        held = ", ".join(str(shard) for shard in sorted(self.shards))
        log.info("on the Discord gateway as %s, shard(s) %s of %d", self.user, held, self.shard_count or 0)


def api_base(api_url: str) -> str:
    """Route.BASE for a configured API url: taken as is when it names a version (…/api/v10), else the
    version path is added, so both `http://proxy:8080` and `http://proxy:8080/api/v10` work."""
    url = api_url.rstrip("/")
    if "/api/v" in url:
        return url
    return url + API_VERSION_PATH


class Endpoints:
    """Points discord.py at other servers for this process. Both are class attributes that discord.py reads
    when it builds a request or opens the gateway, so setting them is enough; `restore` undoes it."""

    def __init__(self, api_url: str | None, gateway_url: str | None) -> None:
        self.api_url = api_url
        self.gateway_url = gateway_url
        self._saved: tuple[str, yarl.URL] | None = None

    def apply(self) -> None:
        if self._saved is None:
            self._saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        if self.api_url:
            Route.BASE = api_base(self.api_url)
        if self.gateway_url:
            # Client.connect() opens DEFAULT_GATEWAY (discord.py 2.7 doesn't ask GET /gateway/bot), and goes back
            # to it after an invalidated session; resumes use the READY's resume_gateway_url.
            DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)

    def restore(self) -> None:
        if self._saved is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved
            self._saved = None
