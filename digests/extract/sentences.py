"""Sentence and paragraph bounds around an offset, found locally so no stage splits the whole text."""

from __future__ import annotations

import re

# Whitespace as it appears in feeds: real spaces plus the zero-width marks some outlets insert after them.
SP = r"[\s\u200b\u200c\u200d\u2060\ufeff]+"
# The same within one paragraph: figures and ranges never run across a line break.
SPI = r"[ \t\u00a0\u200b\u200c\u200d\u2060\ufeff]+"
SPACE_CHARS = " \t\r\n\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff"

# A possible sentence end: terminal punctuation, optional closing quote or bracket, then a space or a
# line break; or a line break alone (headlines and paragraphs end without punctuation).
_END = re.compile(r"[.!?][\"”’')\]]*(?=[\s\u200b\u2060])|\n")
# Words whose final period is not a sentence end: titles, months, "No.", "U.S.", initials.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Gov|Sen|Rep|St|Jr|Sr|No|Nos|vs|etc|Jan|Feb|Mar"
    r"|Apr|Aug|Sept|Sep|Oct|Nov|Dec|approx|Inc|Co|Corp|Ltd|Mt|Ft)"  # titles, months and common short forms
    r"|\b[A-Z]|(?:\b[A-Za-z]\.)+[A-Za-z])$"  # an initial ("J.") or dotted letters ("U.S", "a.m")
)
_WINDOW = 1500
# Runs of whitespace and zero-width marks, collapsed to one space when a phrase leaves the text.
_SPACES = re.compile(SP)


def clean(phrase: str) -> str:
    """A phrase as it is reported: zero-width marks gone, whitespace collapsed, ends trimmed."""
    return _SPACES.sub(" ", phrase).strip()


def _is_end(text: str, m: re.Match[str]) -> bool:
    if m.group() == "\n":
        return True
    if text[m.start()] != ".":
        return True
    head = text[max(0, m.start() - 12) : m.start()]
    # "U.S. President" stays one sentence: after an abbreviation we cannot tell a sentence end from a
    # name going on, so the sentence is kept joined.
    return _ABBREV.search(head) is None


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding offset pos; end excludes the trailing space."""
    lo = max(text.rfind("\n", 0, pos) + 1, pos - _WINDOW, 0)
    start = lo
    for m in _END.finditer(text, lo, pos):
        if m.end() <= pos and _is_end(text, m):
            start = m.end()
    while start < pos and text[start] in SPACE_CHARS:
        start += 1
    hi = min(len(text), pos + _WINDOW)
    newline = text.find("\n", pos, hi)
    hi = hi if newline < 0 else newline + 1
    end = hi
    for m in _END.finditer(text, pos, hi):
        if _is_end(text, m):
            end = m.end() if m.group() != "\n" else m.start()
            break
    return start, max(end, start)


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the line holding offset pos (feeds put one paragraph on a line)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end
