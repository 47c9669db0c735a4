"""Replies as message parts: a notice that echoes what the user typed shows it without invisible tricks."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from bot.commands.present import present
from bot.commands.reply import Reply
from digests.render import Format
from tests.digests.render.render_samples import INVISIBLES

Pick = Callable[[dict[str, Any]], str]
ECHO = Reply("No quotes by “\u202enikuP\u200b” since 2024-11-04 09:00 UTC", lines=("Known speakers: Ki\ufeffrby.",))


@pytest.mark.parametrize(
    ("fmt", "title", "line"),
    [
        ("text", lambda p: p["text"].splitlines()[0], lambda p: p["text"].splitlines()[1]),
        ("slack", lambda p: p["blocks"][0]["text"]["text"], lambda p: p["blocks"][1]["text"]["text"]),
        ("discord", lambda p: p["embeds"][0]["title"], lambda p: p["embeds"][0]["description"]),
    ],
)
def test_a_notice_echoing_user_text_drops_bidi_and_zero_width_characters(fmt: Format, title: Pick, line: Pick) -> None:
    (part,) = present(ECHO, fmt)
    assert title(part) == "No quotes by “nikuP” since 2024-11-04 09:00 UTC"
    assert line(part) == "Known speakers: Kirby."
    assert [c for c in json.dumps(part, ensure_ascii=False) if c in INVISIBLES] == []
