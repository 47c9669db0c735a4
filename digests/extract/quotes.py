"""Quote spans: pairs straight and curly quote marks within each paragraph, keeps quotes of three words up."""

from __future__ import annotations

import re
from typing import NamedTuple

from digests.extract.sentences import SPACE_CHARS, clean
from digests.extract.vocab import words

# Every mark that can open or close a quotation: double marks straight and curly (the German-style low
# opener too), single curly marks (a ’ before a letter is an apostrophe, "Putin’s": skipped in code) and
# straight single marks (one inside a word, "America's", is an apostrophe: skipped in code). One charset,
# so the engine skips to the next mark at once; paragraph ends are found between marks.
_MARK = re.compile(r"[\"“”„‘’']")
# A title's abbreviation, whose period is no sentence punctuation: "Yoga With Dr. Linda".
_ABBREVIATION = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|Mt|No|vs)\.")
# Words of a quote, for the three-word minimum.
_WORD = re.compile(r"[\w’'\-\[\]]+")
# Lowercase function words a title may hold ("One Big Beautiful Bill Act of 2025").
_TITLE_SMALL = words("a an and at by for from in of on or the to with")
_OPEN_BEFORE = frozenset(SPACE_CHARS) | set("([{—–-:/")
_MIN_WORDS = 3
_TERM_MAX = 6  # words: a longer phrase in marks after "called" is speech ('called it “...”' aside)
# Words that name the phrase in marks after them (with an article between, or none), and "known as".
_NAMING_WORDS = words(
    """called calls call dubbed dubs coined coins named titled entitled so-called term phrase slogan motto mantra
    hashtag label nickname nicknamed branded brands"""
)
# Events and works a title in marks names: 'the conference “Hope, Struggle, Return – Three Years,”'.
_EVENT_WORDS = words(
    """conference forum summit congress festival exhibition exhibit campaign operation programme program project
    initiative book film documentary song album play series show"""
)
_TERM_ARTICLES = words("the a an its his her their")
_TITLE_MAX = 8  # a run of capitalised words up to this long may be a title
_PREFIX = 160  # characters read first when counting a quotation's words
# After "s'", a lowercase word: the mark is more likely a plural possessive than a closing mark.
_POSSESSIVE = re.compile(r"' [a-z]")
# A straight single mark later in the same paragraph that could close the quotation instead.
_LATER_CLOSER = re.compile(r"[^\n]*?\S'(?!\w)")
# Anything but whitespace: a paragraph holding it breaks a quotation carried over blank lines.
_NON_BLANK = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff]")


class QuoteSpan(NamedTuple):
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
        return "either" if can_open and not can_close else "close"  # “..., ”said X: a space typed before the closer
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


def _is_named_term(text: str, open_at: int, start: int, stop: int) -> bool:
    """A short phrase in marks right after a word that names it: 'Nasa has coined a “super blue blood moon”',
    'which Ganz calls the “story of now”', 'the so-called “special military operation”'."""
    before = text[max(0, open_at - 40) : open_at]
    tail = before.rstrip(SPACE_CHARS)
    if len(tail) == len(before):
        return False  # the mark does not stand after a space
    words = clean(tail).lower().split()[-3:]
    if words and words[-1] in _TERM_ARTICLES:
        words.pop()
    if words and words[-1] in _EVENT_WORDS and len(text[start:stop].split()) <= _TERM_MAX:
        return _is_titled(text[start:stop])  # 'at the conference “Hope, Struggle, Return – Three Years,”'
    if not words or not (words[-1] in _NAMING_WORDS or words[-2:] == ["known", "as"]):
        return False
    return len(text[start:stop].split()) <= _TERM_MAX


def _is_titled(body: str) -> bool:
    """Every word capitalised but the small words a title may hold."""
    return all(w[0].isupper() or w[0].isdigit() or w in _TITLE_SMALL for w in _WORD.findall(body))


def _is_quote_text(body: str) -> bool:
    # Words starting in the first _PREFIX characters are words of the body: enough of them settle it at once.
    words = _WORD.findall(body, 0, _PREFIX)
    if len(words) <= _TITLE_MAX and len(body) > _PREFIX:
        words = _WORD.findall(body)  # a few very long words: count them all
    if len(words) < _MIN_WORDS:
        return False
    if len(words) > _TITLE_MAX:
        return True  # too long for a title
    # A run of capitalised words without sentence punctuation is a title or a name, not a quotation.
    titled = all(w[0].isupper() or w[0].isdigit() or w in _TITLE_SMALL for w in words)
    return not (titled and not any(c in _ABBREVIATION.sub("", body).rstrip(".") for c in ".!?,"))


def find_quotes(text: str) -> list[QuoteSpan]:
    """All quotations of three words or more, in document order."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_single: int | None = None
    open_straight: int | None = None  # a straight ' pairs only with another straight '
    para_start = 0
    carried = False  # the previous paragraph ended inside a quotation
    last = 0  # just after the previous mark: a line break between it and this mark ends a paragraph
    for m in _MARK.finditer(text):
        pos, mark = m.start(), m.group()
        nl = text.rfind("\n", last, pos)
        last = pos + 1
        if nl >= 0:
            carried = _paragraphs_end(text, spans, open_at, para_start, nl, carried)
            open_at = open_single = open_straight = None
            para_start = nl + 1
        if mark == "'":
            if open_at is None and not _inside_word(text, pos):
                open_straight = _straight_single(text, spans, pos, open_straight, para_start)
            continue
        if mark in "‘’":
            if open_at is not None or open_straight is not None:
                continue  # nested inside a quoted passage: part of it
            if mark == "‘" and (pos == 0 or text[pos - 1] in _OPEN_BEFORE or text[pos - 1] in '“"'):
                open_single = pos
            elif mark == "’" and open_single is not None and text[pos - 1] not in SPACE_CHARS:
                if pos + 1 < len(text) and text[pos + 1].isascii() and text[pos + 1].isalpha():
                    continue  # an apostrophe: "Putin’s"
                _emit(text, spans, open_single, pos, pos, False, para_start)
                open_single = None
            continue
        role = _double_role(text, pos)
        if open_at is None:
            if role != "close":
                open_at = pos
                open_single = open_straight = None
        elif role == "open" and mark != '"':
            open_at = pos  # a second opener: the first never closed, start again here
        else:
            _emit(text, spans, open_at, pos, pos, carried, para_start)
            open_at = None
    if open_at is not None:
        nl = text.find("\n", last)
        _emit(text, spans, open_at, len(text) if nl < 0 else nl, None, carried, para_start)
    return spans


def _paragraphs_end(
    text: str, spans: list[QuoteSpan], open_at: int | None, para_start: int, nl: int, carried: bool
) -> bool:
    """Close the paragraphs that ended before a mark (the last line break at nl); whether a quotation is
    still carried: only when the first of them ended inside one and the others are blank."""
    if open_at is not None:
        first_nl = text.find("\n", open_at)
        _emit(text, spans, open_at, first_nl, None, carried, para_start)
        return _NON_BLANK.search(text, first_nl + 1, nl) is None
    return carried and _NON_BLANK.search(text, para_start, nl) is None


def _inside_word(text: str, pos: int) -> bool:
    return 0 < pos < len(text) - 1 and text[pos - 1].isalnum() and text[pos + 1].isalnum()


def _straight_single(text: str, spans: list[QuoteSpan], pos: int, open_at: int | None, para: int) -> int | None:
    """Pair a straight single mark: where an open one now starts (None once it closes or never opened)."""
    prev = text[pos - 1] if pos > 0 else " "
    nxt = text[pos + 1] if pos + 1 < len(text) else " "
    if open_at is None:
        # an opener stands after a space or a bracket and before a letter or digit ("'make", not "soldiers' ")
        return pos if (prev in _OPEN_BEFORE or prev in '"“') and nxt.isalnum() else None
    if prev in SPACE_CHARS or nxt.isalnum():
        return open_at  # not a closer: "'90s" inside, or a mark before a word
    if prev == "s" and _POSSESSIVE.match(text, pos) and _LATER_CLOSER.match(text, pos + 1):
        return open_at  # "the soldiers' families": a plural possessive, while a closer still follows
    _emit(text, spans, open_at, pos, pos, False, para)
    return None


def _emit(
    text: str, spans: list[QuoteSpan], open_at: int, end: int, close: int | None, carried: bool, para: int
) -> None:
    start, stop = _trim(text, open_at + 1, end)
    if stop <= start or not _is_quote_text(text[start:stop]) or _is_named_term(text, open_at, start, stop):
        return
    continued = carried and not text[para:open_at].strip(SPACE_CHARS)
    spans.append(QuoteSpan(start, stop, open_at, close, continued))
