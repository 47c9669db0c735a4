"""Slack Block Kit messages for a digest: header, figure and quote sections, source context, split to fit."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from digests.digest.model import Digest
from digests.render.environment import piece
from digests.render.escape import measure, truncate
from digests.render.sources import source_pieces

MAX_BLOCKS = 50
HEADER_LIMIT = 150
SECTION_LIMIT = 3000
CONTEXT_LIMIT = 3000
FALLBACK_LIMIT = 4000
# Slack also caps a message's blocks as a whole (msg_blocks_too_long, undocumented, seen near 12,000
# characters of text); stay well under it.
MESSAGE_TEXT_BUDGET = 10_000
# Every part gets its own header, so leave room for it in every message.
BODY_BUDGET = MESSAGE_TEXT_BUDGET - HEADER_LIMIT

Block = dict[str, Any]


def _mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def _header(text: str) -> Block:
    # plain_text is shown as is: no mrkdwn, no mentions, so no escaping either.
    plain_text = {"type": "plain_text", "text": truncate(text, HEADER_LIMIT), "emoji": True}
    return {"type": "header", "text": plain_text}


def _texts(block: Block) -> list[dict[str, str]]:
    return [block["text"]] if "text" in block else list(block.get("elements", []))


def block_text(block: Block) -> int:
    """Characters of text in a block, which is what Slack's per-message cap counts."""
    return sum(measure(t["text"]) for t in _texts(block))


class _Layout:
    """Flows rendered pieces into blocks and blocks into messages, each as full as Slack allows: a piece
    joins the last block if both the block and the message have room, else opens a block, else a
    message. A piece (a figure line, a quote, a link) is never split; one too long on its own is cut."""

    def __init__(self) -> None:
        self.parts: list[list[Block]] = [[]]
        self.used = 0

    def add(self, kind: str, text: str, sep: str = "\n", fresh: bool = False) -> None:
        limit = SECTION_LIMIT if kind == "section" else CONTEXT_LIMIT
        text = truncate(text, limit)
        blocks = self.parts[-1]
        if not fresh and blocks and blocks[-1]["type"] == kind:
            target = _texts(blocks[-1])[-1]
            grown = target["text"] + sep + text
            if measure(grown) <= limit and self.used + measure(sep + text) <= BODY_BUDGET:
                target["text"] = grown
                self.used += measure(sep + text)
                return
        if kind == "section":
            block: Block = {"type": "section", "text": _mrkdwn(text)}
        else:
            # One element per context block: Slack lays several out side by side, which suits a
            # byline, not a list of links.
            block = {"type": "context", "elements": [_mrkdwn(text)]}
        size = measure(text)
        if blocks and (len(blocks) >= MAX_BLOCKS - 1 or self.used + size > BODY_BUDGET):
            self.parts.append([])
            self.used = 0
        self.parts[-1].append(block)
        self.used += size

    def section(self, heading: str, pieces: list[str], kind: str, sep: str = "\n") -> None:
        """A heading and its pieces; the heading rides with the first piece so it never stands alone."""
        for i, text in enumerate(pieces):
            self.add(kind, f"{heading}\n{text}" if i == 0 else text, sep, fresh=i == 0)


def _layout(env: Environment, digest: Digest) -> list[list[Block]]:
    layout = _Layout()
    layout.add("context", piece(env, "slack/meta.md.j2", digest=digest), fresh=True)
    figures = [piece(env, "slack/figure.md.j2", group=group, digest=digest) for group in digest.figures]
    quotes = [piece(env, "slack/quote.md.j2", quote=quote, digest=digest) for quote in digest.quotes]

    def heading(section: str) -> str:
        return piece(env, "slack/heading.md.j2", section=section, digest=digest)

    # The heading rides with the first source: every piece leaves it room.
    sources = source_pieces(env, "slack", digest, CONTEXT_LIMIT - measure(heading("sources")) - 1)

    layout.section(heading("figures"), figures, "section")
    # A blank line keeps two quotes from reading as one long block quote.
    layout.section(heading("quotes"), quotes, "section", "\n\n")
    layout.section(heading("sources"), sources, "context")
    return layout.parts


def render_slack(env: Environment, digest: Digest) -> list[dict[str, Any]]:
    if digest.empty:
        text = truncate(piece(env, "slack/empty.md.j2", digest=digest), FALLBACK_LIMIT)
        return [_message(text, [{"type": "section", "text": _mrkdwn(truncate(text, SECTION_LIMIT))}])]
    parts = _layout(env, digest)
    messages = []
    for number, blocks in enumerate(parts, start=1):
        context = {"digest": digest, "part": number, "parts": len(parts)}
        header = _header(piece(env, "slack/header.txt.j2", **context))
        fallback = truncate(piece(env, "slack/fallback.txt.j2", **context), FALLBACK_LIMIT)
        messages.append(_message(fallback, [header, *blocks]))
    return messages


def _message(text: str, blocks: list[Block]) -> dict[str, Any]:
    # Links are the sources list, not previews: unfurling 200 articles would bury the digest.
    return {"text": text, "blocks": blocks, "unfurl_links": False, "unfurl_media": False}
