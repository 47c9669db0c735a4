"""Quote spans: pairs straight and curly quote marks within each paragraph, keeps quotes of three words up."""

from __future__ import annotations

import re
from dataclasses import dataclass

from digests.extract.sentences import SPACE_CHARS
from digests.extract.vocab import words

# Every mark that can open or close a quotation.
_MARK = re.compile(
    r"[\"“”„]"  # double marks, straight and curly (German-style low opener too)
    r"|‘|’(?![A-Za-z])"  # single curly marks; a ’ before a letter is an apostrophe ("Putin’s")
    r"|\n"  # paragraph ends: an open quote runs to here and may go on in the next paragraph
)
# Words of a quote, for the three-word minimum.
_WORD = re.compile(r"[\w’'\-\[\]]+")
# Lowercase function words a title may hold ("One Big Beautiful Bill Act of 2025").
_TITLE_SMALL = words("a an and at by for from in of on or the to with")
_OPEN_BEFORE = frozenset(SPACE_CHARS) | set("([{—–-:/")
_MIN_WORDS = 3
# Anything but whitespace: a paragraph holding it breaks a quotation carried over blank lines.
_NON_BLANK = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: offsets of its text (marks excluded) and how it sits in its paragraph."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None when the paragraph ends before the quote closes
    continued: bool  # opens a paragraph right after a paragraph whose quote did not close


def _double_role(text: str, pos: int) -> str:
    """'open', 'close' or 'either' for a double mark, from the characters around it."""
    ch = text[pos]
    prev = text[pos - 1] if pos > 0 else " "
    nxt = text[pos + 1] if pos + 1 < len(text) else " "
    can_open = prev in _OPEN_BEFORE and nxt not in SPACE_CHARS
    can_close = prev not in SPACE_CHARS and (nxt in SPACE_CHARS or not nxt.isalnum())
    if ch in "“„":
        return "open"
    if ch == "”":
        return "open" if can_open and not can_close else "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in SPACE_CHARS:
        start += 1
    while end > start and (text[end - 1] in SPACE_CHARS or text[end - 1] == ","):
        end -= 1
    return start, end


def _is_quote_text(body: str) -> bool:
    words = _WORD.findall(body)
    if len(words) < _MIN_WORDS:
        return False
    # A run of capitalised words without sentence punctuation is a title or a name, not a quotation.
    titled = all(w[0].isupper() or w[0].isdigit() or w in _TITLE_SMALL for w in words)
    return not (titled and len(words) <= 8 and not any(c in body.rstrip(".") for c in ".!?,"))


def find_quotes(text: str) -> list[QuoteSpan]:
    """All quotations of three words or more, in document order."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_single: int | None = None
    para_start = 0
    carried = False  # the previous paragraph ended inside a quotation
    for m in _MARK.finditer(text):
        pos, mark = m.start(), m.group()
        if mark == "\n":
            if open_at is not None:
                _emit(text, spans, open_at, pos, None, carried, para_start)
                carried = True
            elif _NON_BLANK.search(text, para_start, pos):
                carried = False
            open_at = open_single = None
            para_start = pos + 1
            continue
        if mark in "‘’":
            if open_at is not None:
                continue  # nested inside a double-quoted passage: part of it
            if mark == "‘" and (pos == 0 or text[pos - 1] in _OPEN_BEFORE or text[pos - 1] in '“"'):
                open_single = pos
            elif mark == "’" and open_single is not None and text[pos - 1] not in SPACE_CHARS:
                _emit(text, spans, open_single, pos, pos, False, para_start)
                open_single = None
            continue
        role = _double_role(text, pos)
        if open_at is None:
            if role != "close":
                open_at = pos
                open_single = None
        elif role == "open" and mark != '"':
            open_at = pos  # a second opener: the first never closed, start again here
        else:
            _emit(text, spans, open_at, pos, pos, carried, para_start)
            open_at = None
    if open_at is not None:
        _emit(text, spans, open_at, len(text), None, carried, para_start)
    return spans


def _emit(
    text: str, spans: list[QuoteSpan], open_at: int, end: int, close: int | None, carried: bool, para: int
) -> None:
    start, stop = _trim(text, open_at + 1, end)
    if stop <= start or not _is_quote_text(text[start:stop]):
        return
    continued = carried and not text[para:open_at].strip(SPACE_CHARS)
    spans.append(QuoteSpan(start, stop, open_at, close, continued))
