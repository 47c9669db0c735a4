"""Discord messages for a digest: embeds for figures, quotes and sources, split to fit Discord's limits."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment

from digests.digest.model import Digest
from digests.render.environment import piece
from digests.render.escape import ZWSP, measure, truncate
from digests.render.sources import source_pieces

MAX_EMBEDS = 10
MESSAGE_LIMIT = 6000  # title, description, field names and values, footers and authors of all embeds
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
MAX_FIELDS = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
CONTENT_LIMIT = 2000
# Discord allows 2,048, but the footer comes out of the same 6,000 as the news; a short one is enough
# and reserving its room up front lets parts be filled before we know how many there are.
FOOTER_LIMIT = 200
EMBED_BUDGET = MESSAGE_LIMIT - FOOTER_LIMIT

# Distinct, readable on both dark and light themes; a topic keeps its colour from digest to digest.
PALETTE = (0xC0392B, 0x2980B9, 0x27AE60, 0x8E44AD, 0xD35400, 0x16A085, 0xF39C12, 0x7F8C8D)


Embed = dict[str, Any]


def no_mentions() -> dict[str, list[str]]:
    """Posts never ping: not @everyone, not a role, not a user named in an article. A fresh dict each
    time, so a caller that edits one part's payload cannot change the others."""
    return {"parse": []}


def topic_color(topics: Sequence[str]) -> int:
    """A stable colour for the first topic (crc32, not hash(), which changes from run to run)."""
    if not topics:
        return PALETTE[0]
    return PALETTE[zlib.crc32(topics[0].encode("utf-8")) % len(PALETTE)]


def embed_size(embed: Embed) -> int:
    """Characters Discord counts towards a message's 6,000."""
    size = measure(embed.get("title", "")) + measure(embed.get("description", ""))
    size += sum(measure(f["name"]) + measure(f["value"]) for f in embed.get("fields", []))
    size += measure(embed.get("footer", {}).get("text", ""))
    size += measure(embed.get("author", {}).get("name", ""))
    return size


class _Layout:
    """Flows rendered pieces into embeds and embeds into messages, each as full as Discord allows: a
    piece joins the last embed if both it and the message have room, else opens an embed, else a
    message. A piece (a figure, a quote, a link) is never split; one too long on its own is cut."""

    def __init__(self, color: int) -> None:
        self.color = color
        self.parts: list[list[Embed]] = [[]]
        self.used = 0

    def embed(self, **content: Any) -> Embed:
        embed: Embed = {**content, "color": self.color}
        size = embed_size(embed)
        if self.parts[-1] and (len(self.parts[-1]) >= MAX_EMBEDS or self.used + size > EMBED_BUDGET):
            self.parts.append([])
            self.used = 0
        self.parts[-1].append(embed)
        self.used += size
        return embed

    def line(self, text: str, sep: str) -> None:
        text = truncate(text, DESCRIPTION_LIMIT)
        last = self.parts[-1][-1] if self.parts[-1] else {}
        grown = f"{last['description']}{sep}{text}" if last.get("description") else text
        added = measure(grown) - measure(last.get("description", ""))
        if "description" in last and measure(grown) <= DESCRIPTION_LIMIT and self.used + added <= EMBED_BUDGET:
            last["description"] = grown
            self.used += added
        else:
            self.embed(description=text)

    def field(self, name: str, value: str) -> None:
        # Discord rejects an empty name or value.
        field: dict[str, Any] = {
            "name": truncate(name, FIELD_NAME_LIMIT) or ZWSP,
            "value": truncate(value, FIELD_VALUE_LIMIT) or "—",
            "inline": False,
        }
        size = measure(field["name"]) + measure(field["value"])
        last = self.parts[-1][-1] if self.parts[-1] else {}
        if "fields" in last and len(last["fields"]) < MAX_FIELDS and self.used + size <= EMBED_BUDGET:
            last["fields"].append(field)
            self.used += size
        else:
            self.embed(fields=[field])

    def section(self, title: str, pieces: list[str], sep: str) -> None:
        """A titled run of pieces in descriptions; the title opens a fresh embed with the first piece."""
        for i, text in enumerate(pieces):
            if i == 0:
                self.embed(title=truncate(title, TITLE_LIMIT), description=truncate(text, DESCRIPTION_LIMIT))
            else:
                self.line(text, sep)


def _layout(env: Environment, digest: Digest, color: int) -> list[list[Embed]]:
    layout = _Layout(color)
    overview = layout.embed(
        title=truncate(piece(env, "discord/title.md.j2", digest=digest), TITLE_LIMIT),
        description=truncate(piece(env, "discord/meta.md.j2", digest=digest), DESCRIPTION_LIMIT),
    )
    overview["fields"] = []
    for group in digest.figures:
        name = piece(env, "discord/figure_name.md.j2", group=group, digest=digest)
        layout.field(name, piece(env, "discord/figure_value.md.j2", group=group, digest=digest))
    if not overview["fields"]:
        del overview["fields"]

    def heading(section: str) -> str:
        return piece(env, "discord/heading.md.j2", section=section, digest=digest)

    quotes = [piece(env, "discord/quote.md.j2", quote=quote, digest=digest) for quote in digest.quotes]
    # A blank line keeps two quotes from reading as one long block quote.
    layout.section(heading("quotes"), quotes, "\n\n")
    layout.section(heading("sources"), source_pieces(env, "discord", digest, DESCRIPTION_LIMIT), "\n")
    return layout.parts


def _timestamp(value: datetime) -> str:
    # Discord reads an ISO 8601 time without a zone unreliably; the store keeps naive times in UTC.
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def render_discord(env: Environment, digest: Digest, color: int | None = None) -> list[dict[str, Any]]:
    if color is None:
        color = topic_color(digest.topics)
    if digest.empty:
        text = truncate(piece(env, "discord/empty.md.j2", digest=digest), CONTENT_LIMIT)
        return [{"content": text, "embeds": [], "allowed_mentions": no_mentions()}]
    groups = _layout(env, digest, color)
    messages = []
    for number, group in enumerate(groups, start=1):
        context = {"digest": digest, "part": number, "parts": len(groups)}
        footer = truncate(piece(env, "discord/footer.txt.j2", **context), FOOTER_LIMIT)
        last: Embed = {**group[-1], "timestamp": _timestamp(digest.generated_at)}
        if footer:
            last["footer"] = {"text": footer}
        group[-1] = last
        content = truncate(piece(env, "discord/content.md.j2", **context), CONTENT_LIMIT)
        messages.append({"content": content, "embeds": group, "allowed_mentions": no_mentions()})
    return messages
