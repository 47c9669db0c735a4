"""Posts rendered digest parts to Discord channels as embeds, each part once, even across a crash."""

from __future__ import annotations

import hashlib
import io
import logging
from typing import Any

import discord

from bot.discord.errors import MISSING_PERMISSIONS, publish_error
from bot.pacing import DiscordPacer
from bot.publish import PublishError
from digests.chart import chart_png
from digests.config.models import Channel
from digests.render.discord import MESSAGE_LIMIT, embed_size
from digests.render.escape import measure, truncate

log = logging.getLogger("sitrep.discord")

NONCE_LIMIT = 25  # Discord rejects longer nonces
# Discord remembers nonces for a few minutes only; a resend after longer looks through this many
# recent messages for the part's key instead.
HISTORY_LIMIT = 50
MARK_SEPARATOR = " · "


def nonce_for(key: str) -> str:
    """The key itself when it fits (readable in the logs), else a digest of it that does."""
    if len(key) <= NONCE_LIMIT:
        return key
    return hashlib.sha256(key.encode()).hexdigest()[:NONCE_LIMIT]


def marked(part: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The part's embeds with the key at the end of the last footer ("sitrep · north-korea · d12p0"): a
    message can be found by it later, and Discord returns footers when listing messages (not nonces)."""
    embeds = [dict(e) for e in part.get("embeds") or []]
    if not embeds:
        return embeds
    last = embeds[-1]
    text = str((last.get("footer") or {}).get("text") or "sitrep")
    mark = MARK_SEPARATOR + key
    # The footer counts towards the 6,000 characters of a message: shorten the rendered footer, never the news.
    room = MESSAGE_LIMIT - sum(embed_size(e) for e in embeds) + measure(text) - measure(mark)
    if measure(text) > room:
        text = truncate(text, max(1, room))
    last["footer"] = {**(last.get("footer") or {}), "text": text + mark}
    return embeds


def carries(message: discord.Message, key: str, part: dict[str, Any]) -> bool:
    """Whether a message in the channel is this part: its last footer ends with the key (or, for a part without
    embeds, its text is the part's text)."""
    if message.embeds:
        footer = message.embeds[-1].footer.text or ""
        return footer == key or footer.endswith(MARK_SEPARATOR + key)
    return not part.get("embeds") and bool(part.get("content")) and message.content == part.get("content")


def chart_message(part: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A chart part as a message part: one embed showing the attached picture, and the attachment's name."""
    chart = part["chart"]
    filename = f"{chart['topic']}-trend.png"
    embed = {
        "title": chart["title"],
        "image": {"url": f"attachment://{filename}"},
        "footer": {"text": f"sitrep · {chart['topic']}"},
    }
    return {"embeds": [embed]}, filename


class DiscordPublisher:
    platform = "discord"
    format = "discord"
    charts = True

    def __init__(self, client: discord.Client, pacer: DiscordPacer | None = None) -> None:
        self.client = client
        # The pacer that the client's requests wait in (discord.Client(http_trace=pacer.trace())), if any.
        self.pacer = pacer

    async def turn(self, channel: Channel) -> None:
        # A channel id that is no number waits for nothing: send() reports it on the delivery.
        if self.pacer is not None and (channel.id or "").isdigit():
            await self.pacer.turn(channel.id or "")

    async def send(self, channel: Channel, part: dict[str, Any], *, key: str) -> str:
        target = self.client.get_partial_messageable(_channel_id(channel))
        # No files at all (not an empty list, which would add `attachments: []` to every post) unless a chart.
        files: list[discord.File] = discord.utils.MISSING
        if "chart" in part:
            png = chart_png(part)
            part, filename = chart_message(part)
            files = [discord.File(io.BytesIO(png), filename=filename)]
        embeds = [discord.Embed.from_dict(e) for e in marked(part, key)]
        try:
            # A nonce makes discord.py add enforce_nonce: a repeat of this post within Discord's nonce window
            # (our retry, or discord.py's own after a 5xx) returns the first message instead of a second one.
            message = await target.send(
                content=part.get("content") or None,
                embeds=embeds,
                files=files,
                allowed_mentions=discord.AllowedMentions.none(),
                nonce=nonce_for(key),
            )
        except (discord.DiscordException, OSError) as exc:
            raise publish_error(exc, channel.id or "?") from exc
        return str(message.id)

    async def resend(self, channel: Channel, part: dict[str, Any], *, key: str) -> str:
        found = await self.find(channel, chart_message(part)[0] if "chart" in part else part, key=key)
        if found is not None:
            log.info("channel %s: part %s was already posted as message %s", channel.name, key, found)
            return found
        return await self.send(channel, part, key=key)

    async def find(self, channel: Channel, part: dict[str, Any], *, key: str) -> str | None:
        """The id of the bot's recent message in the channel that carries this part, if there is one."""
        me = self.client.user.id if self.client.user else None
        target = self.client.get_partial_messageable(_channel_id(channel))
        try:
            async for message in target.history(limit=HISTORY_LIMIT):
                if message.author.id == me and carries(message, key, part):
                    return str(message.id)
        except (discord.DiscordException, OSError) as exc:
            error = publish_error(exc, channel.id or "?")
            no_history = isinstance(exc, discord.Forbidden) and exc.code == MISSING_PERMISSIONS
            if error.permanent and not no_history:
                raise error from exc
            # Can't look (no Read Message History, an outage): the nonce still guards a recent post.
            log.warning("channel %s: couldn't read recent messages to find %s: %s", channel.name, key, error.reason)
        return None


def _channel_id(channel: Channel) -> int:
    try:
        return int(channel.id or "")
    except ValueError:
        raise PublishError(
            f"channel {channel.name}: {channel.id!r} is not a Discord channel id (a number such as 123456789012345678)",
            permanent=True,
        ) from None
