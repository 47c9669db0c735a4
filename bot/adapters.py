"""What a platform adapter offers the service: a publisher for digests, and a listener for slash commands."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from aiohttp import web

from bot.publish import Publisher
from bot.runtime import Runtime

log = logging.getLogger("sitrep.adapters")


class Adapter(Protocol):
    name: str  # "slack" | "discord"

    @property
    def publisher(self) -> Publisher:
        """Posts this platform's digests (registered on the runtime under `name`)."""
        ...

    async def open(self) -> None:
        """Get ready to post (log in, open HTTP sessions); enough for `run --once`."""
        ...

    async def start(self) -> None:
        """Open, then begin answering slash commands (HTTP server, Socket Mode, gateway); returns once listening."""
        ...

    async def stop(self) -> None:
        """Stop listening and close connections; in-flight answers finish."""
        ...

    def host_routes(self, routes: Sequence[web.RouteDef]) -> bool:
        """Serve the bot's own endpoints (/metrics…) on this adapter's HTTP server, if it runs one; before start()."""
        ...

    async def ready(self) -> str | None:
        """What keeps it from working now (/readyz), or None when connected."""
        ...


def build_adapters(rt: Runtime) -> list[Adapter]:
    """One adapter per platform the config enables; each registers its publisher on the runtime."""
    adapters: list[Adapter] = []
    if rt.config.slack is not None:
        from bot.slack import SlackAdapter

        adapters.append(SlackAdapter(rt, rt.config.slack))
    if rt.config.discord is not None:
        from bot.discord import DiscordAdapter

        adapters.append(DiscordAdapter(rt, rt.config.discord))
    for adapter in adapters:
        rt.publishers[adapter.name] = adapter.publisher
    return adapters
