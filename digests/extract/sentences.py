"""Sentence and paragraph bounds around an offset, found locally so no stage splits the whole text."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

# Whitespace as it appears in feeds: real spaces plus the zero-width marks some outlets insert after them.
SP = r"[\s\u200b\u200c\u200d\u2060\ufeff]+"
# The same within one paragraph: figures and ranges never run across a line break.
SPI = r"[ \t\u00a0\u200b\u200c\u200d\u2060\ufeff]+"
SPACE_CHARS = " \t\r\n\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff"

# A possible sentence end: terminal punctuation, optional closing quote or bracket, then a space or a
# line break; or a line break alone (headlines and paragraphs end without punctuation). One leading charset,
# so the engine skips to the next candidate at once; the lookbehind tells which alternative it opened.
_END = re.compile(
    r"[\n.!?](?:(?<=\n)"  # a line break alone
    r"|(?<=[.!?])[\"”’')\]]*(?=[\s\u200b\u2060]))"  # terminal punctuation, closing marks, then a space
)
# Words whose final period is not a sentence end: titles, months, "No.", "U.S.", initials.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Gov|Sen|Rep|St|Jr|Sr|No|Nos|vs|etc|Jan|Feb|Mar"
    r"|Apr|Aug|Sept|Sep|Oct|Nov|Dec|approx|Inc|Co|Corp|Ltd|Mt|Ft|Cmdr|Cdr|Brig|Pvt|Spc|Cpt|Sgts|Gens|Rev)"  # titles, months and common short forms
    r"|\b[A-Z]|(?:\b[A-Za-z]\.)+[A-Za-z])$"  # an initial ("J.") or dotted letters ("U.S", "a.m")
)
# Runs of whitespace and zero-width marks, collapsed to one space when a phrase leaves the text.
_SPACES = re.compile(SP)
# Whitespace that clean() must rewrite: a zero-width mark, a tab or line break, or two spaces in a row.
_ODD_SPACE = re.compile(r"[\t\n\r\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff]|  ")


def clean(phrase: str) -> str:
    """A phrase as it is reported: zero-width marks gone, whitespace collapsed, ends trimmed."""
    # Every character _ODD_SPACE finds but the space is unprintable, so a printable phrase without two
    # spaces in a row has none: a quick str test before the regex.
    if (phrase.isprintable() and "  " not in phrase) or _ODD_SPACE.search(phrase) is None:
        return phrase.strip()  # the common case: nothing to collapse
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


@lru_cache(maxsize=64)
def _paragraph_ends(text: str, lo: int, hi: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the sentence ends of one paragraph start and stop; cached, as every stage asks again."""
    starts: list[int] = []
    stops: list[int] = []
    for m in _END.finditer(text, lo, hi):
        if m.group() != "\n" and _is_end(text, m):
            starts.append(m.start())
            stops.append(m.end())
    return tuple(starts), tuple(stops)


def forget() -> None:
    """Drop the cached sentence ends (the pipeline calls it after each text, so no text is kept)."""
    _paragraph_ends.cache_clear()


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding offset pos; end excludes the trailing space."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    hi = len(text) if hi < 0 else hi
    starts, stops = _paragraph_ends(text, lo, hi)
    i = bisect.bisect_right(stops, pos)
    start = stops[i - 1] if i > 0 else lo
    while start < pos and text[start] in SPACE_CHARS:
        start += 1
    j = bisect.bisect_left(starts, pos)
    end = stops[j] if j < len(starts) else hi
    return start, max(end, start)


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the line holding offset pos (feeds put one paragraph on a line)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end
