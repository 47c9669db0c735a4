"""What a failed Discord post means for the ledger: a PublishError a person can act on, permanent or not."""

from __future__ import annotations

import asyncio

import aiohttp
import discord

from bot.publish import PublishError

# Discord's JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json).
UNKNOWN_CHANNEL = 10003
MISSING_ACCESS = 50001
MISSING_PERMISSIONS = 50013
INVALID_FORM_BODY = 50035


def _detail(exc: discord.HTTPException) -> str:
    return exc.text.splitlines()[0] if exc.text else f"HTTP {exc.status}"


def _via_discord(exc: discord.HTTPException) -> bool:
    """Whether an answer came through Discord's proxy (a Via header), not from Cloudflare in front of it."""
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    return bool(headers.get("Via"))


def publish_error(exc: BaseException, channel_id: str | int) -> PublishError:
    """Translate what discord.py raised while posting to `channel_id`. Retrying cannot fix access, a missing
    channel, a bad token or a payload Discord rejects (permanent); it can fix outages and rate limits."""
    where = f"channel {channel_id}"
    if isinstance(exc, discord.Forbidden):
        if exc.code == MISSING_PERMISSIONS:
            reason = (
                f"Missing Permissions: the bot can see {where} but may not post there — "
                "give it Send Messages and Embed Links in that channel"
            )
        else:
            reason = f"Missing Access: the bot can't see {where} — add it to the channel (View Channel)"
        return PublishError(f"{reason} [{exc.code or exc.status}]", permanent=True)
    if isinstance(exc, discord.NotFound):
        if exc.code == UNKNOWN_CHANNEL or exc.code == 0:
            reason = f"Unknown Channel: {where} doesn't exist or is in a server the bot isn't in — check the channel id"
        else:
            reason = f"Discord couldn't find something needed to post in {where}: {_detail(exc)}"
        return PublishError(f"{reason} [{exc.code or exc.status}]", permanent=True)
    if isinstance(exc, discord.RateLimited):
        return PublishError(f"rate limited by Discord for {exc.retry_after:.0f}s; will retry later", permanent=False)
    if isinstance(exc, discord.DiscordServerError):
        return PublishError(f"Discord had an outage ({exc.status}): {_detail(exc)}; will retry", permanent=False)
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429:
            # discord.py retries a 429 that came through Discord's proxy (a Via header) and raises this once its
            # tries are spent; one without Via never reached Discord: Cloudflare blocked it.
            if _via_discord(exc):
                return PublishError(
                    f"rate limited by Discord ({_detail(exc)}), still after retries; will retry later", permanent=False
                )
            return PublishError("rate limited (blocked by Cloudflare); will retry later", permanent=False)
        if exc.status == 401:
            return PublishError("Discord rejected the bot token (401) — check discord.token", permanent=True)
        if exc.code == INVALID_FORM_BODY or exc.status == 400:
            return PublishError(f"Discord rejected the message for {where}: {_detail(exc)}", permanent=True)
        return PublishError(f"Discord answered {exc.status} for {where}: {_detail(exc)}", permanent=exc.status < 500)
    if isinstance(exc, (aiohttp.ClientError, OSError, asyncio.TimeoutError)):
        return PublishError(f"couldn't reach Discord: {exc.__class__.__name__}: {exc}; will retry", permanent=False)
    return PublishError(f"posting to {where} failed: {exc.__class__.__name__}: {exc}", permanent=False)
