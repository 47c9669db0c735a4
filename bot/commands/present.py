"""Turns a command's Reply into message parts for a platform: digest-shaped replies through the renderer,
plain lines as a short notice."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.commands.reply import Reply
from digests.digest.model import Digest
from digests.render import Format, render
from digests.render.escape import clip, discord_escape, slack_escape, truncate, visible

_ERROR_COLOUR = 0xC0392B
_NOTICE_COLOUR = 0x7F8C8D


def _slack_sections(lines: tuple[str, ...]) -> list[dict[str, Any]]:
    """Lines packed into sections of at most 3,000 characters (Slack's limit for a section's text)."""
    sections: list[dict[str, Any]] = []
    chunk = ""
    for line in lines:
        piece = truncate(slack_escape(line), 2900)
        if chunk and len(chunk) + 1 + len(piece) > 3000:
            sections.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
            chunk = ""
        chunk = f"{chunk}\n{piece}" if chunk else piece
    if chunk:
        sections.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
    return sections[:49]


def notice(reply: Reply, fmt: Format) -> list[dict[str, Any]]:
    # A title can echo what the user typed (`/quotes <name>`): no bidi override or zero-width character in it.
    reply = replace(reply, title=visible(reply.title), lines=tuple(visible(line) for line in reply.lines))
    if fmt == "text":
        return [{"text": "\n".join((reply.title, *reply.lines))}]
    if fmt == "slack":
        header = {"type": "header", "text": {"type": "plain_text", "text": clip(reply.title, 150)}}
        fallback = clip("\n".join((reply.title, *reply.lines)), 3900)
        return [
            {
                "text": truncate(slack_escape(fallback), 3900),
                "blocks": [header, *_slack_sections(reply.lines)],
                "unfurl_links": False,
                "unfurl_media": False,
            }
        ]
    description = truncate("\n".join(discord_escape(line) for line in reply.lines), 4000)
    embed = {
        "title": clip(reply.title, 256),
        "description": description,
        "color": _ERROR_COLOUR if reply.error else _NOTICE_COLOUR,
    }
    return [{"content": "", "embeds": [embed], "allowed_mentions": {"parse": []}}]


# Digest-shaped replies rendered lately: the same answer (a kept one, asked again within its minute) is not
# rendered again. Kept as JSON, so every caller gets parts of its own.
_RENDERED: OrderedDict[tuple[Digest, str, Path | None], str] = OrderedDict()
_RENDERED_SIZE = 64
_rendered_lock = threading.Lock()


def present(reply: Reply, fmt: Format, templates: Path | None = None) -> list[dict[str, Any]]:
    """Message parts for a reply: the first answers the command, any further ones follow up."""
    if reply.digest is None:
        return notice(reply, fmt)
    parts = _rendered(reply.digest, fmt, templates)
    if reply.lines:
        # A note after the answer (e.g. why no chart was drawn), as a short notice of its own.
        parts += notice(replace(reply, title="Note"), fmt)
    return parts


def _rendered(digest: Digest, fmt: Format, templates: Path | None) -> list[dict[str, Any]]:
    key = (digest, fmt, templates)
    with _rendered_lock:
        kept = _RENDERED.get(key)
        if kept is not None:
            _RENDERED.move_to_end(key)
    if kept is not None:
        parts: list[dict[str, Any]] = json.loads(kept)
        return parts
    parts = render(digest, fmt, templates)
    with _rendered_lock:
        _RENDERED[key] = json.dumps(parts)
        while len(_RENDERED) > _RENDERED_SIZE:
            _RENDERED.popitem(last=False)
    return parts
