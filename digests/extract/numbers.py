"""Amounts in news text (digits, number words, vague amounts) read as people-count ranges with their qualifier."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from digests.extract.scan import BOUNDARY, cased, literal_alternation
from digests.extract.sentences import SPACE_CHARS as _SPACE_CHARS
from digests.extract.sentences import SPI as SP
from digests.extract.sentences import clean
from digests.model import FigureKind

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Multipliers of number words only: "two dozen" (24), "half a dozen" (6), "a score of" (20).
_WORD_MULTIPLIERS = {**_MULTIPLIERS, "dozen": 12, "score": 20}

# Vague amounts and the range each allows (the phrase itself is kept as the qualifier).
VAGUE: dict[str, tuple[int, int]] = {
    "several": (2, 9),
    "a dozen": (12, 12),
    "dozens": (24, 99),
    "several dozen": (24, 108),
    "a few dozen": (24, 108),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "several hundred": (200, 900),
    "several hundreds": (200, 900),
    "a few hundred": (200, 900),
    "thousands": (2_000, 9_999),
    "many thousands": (2_000, 9_999),
    "several thousand": (2_000, 9_000),
    "a few thousand": (2_000, 9_000),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}

# What a round ordinal ("its millionth casualty") counts, and the kind of figure it makes.
ORDINAL_KIND: dict[str, FigureKind] = {
    "casualty": "casualties", "death": "killed", "fatality": "killed", "soldier killed or wounded": "casualties",
    "soldier killed": "killed",
}  # fmt: skip
ORDINAL_NOUNS = "|".join(sorted(ORDINAL_KIND, key=len, reverse=True)).replace(" ", SP)
_ORDINAL_VALUE = {"hundredth": 100, "thousandth": 1_000, "millionth": 1_000_000}
_VAGUE_WORDS = "|".join(sorted(VAGUE, key=len, reverse=True)).replace(" ", SP)
_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_WORDS = "|".join(_TENS)

# The one scan that finds amount candidates; case-insensitive through (?i) on words only.
AMOUNT_RE = re.compile(
    r"(?<![\w.,/])(?<![A-Za-z]-)(?:"
    # digits with thousands separators or decimals, optionally scaled: "10,000", "1.2 million", "300"
    r"(?P<round>1(?:00|000|,000)['’]s)(?!\w)"  # "1000's", "100’s": thousands, hundreds
    r"|"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d+(?:\.\d+)?)(?![\w%]|,\d|\.\d)"
    rf"(?:{SP}(?P<dmult>million|billion|thousand)\b)?"
    r"|"
    # vague amounts, longest phrases first so "several hundred" wins over "several"
    rf"(?P<vague>(?i:{_VAGUE_WORDS}))\b"
    r"|"
    # number words: "twenty-one", "seven", "a hundred", "three thousand"
    rf"(?P<word>(?i:(?:a|three)[- ]quarters?(?: of a)? million"  # "a quarter of a million" is 250,000
    rf"|(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS}|a hundred|a thousand|a million"
    r"|half a million|a billion|half a dozen|a score(?= of\b)))\b"
    rf"(?:{SP}(?P<wmult>(?i:hundred|thousand|million|dozen))\b)?"  # "two dozen" is 24, never 2
    rf"(?:(?<=[Hh]undred)(?:{SP}and)?{SP}(?P<wrest>(?i:(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS}))\b)?"
    # "six hundred and forty" is 640, never 600 and 40
    rf"(?:(?<=[Hh]undred){SP}(?P<wmult2>(?i:thousand|million))\b)?"  # "two hundred thousand"
    r"|"
    # a round ordinal before one more victim is a running total: "its millionth casualty"
    r"(?P<ordinal>(?i:hundredth|thousandth|millionth)|\d{1,3}(?:,\d{3})+th)"
    rf"(?=(?:{SP}[A-Za-z]+)?{SP}(?:{ORDINAL_NOUNS})\b)"
    r")"
)

# Words that open an amount written in words, for patterns that must not run into a count.
NUMBER_WORDS = (*_UNITS, *_TENS, "dozen", "dozens", "scores", "hundreds", "thousands", "millions", "tens", "several")

# The fast scan for where an amount may start: a run of digits, or the first word of an amount phrase.
# AMOUNT_RE then reads the amount anchored there, with its boundary checks.
_STARTS = [*_UNITS, *_TENS, "a dozen", "a hundred", "a thousand", "a million", "a billion", "half a million",
           "half a dozen", "a score", "a quarter", "hundredth", "thousandth", "millionth",
           "a few", "dozens", "scores", "hundreds",
           "thousands", "millions", "tens", "several", "many"]  # fmt: skip
_FIRSTS = "".join(sorted({w[0] for w in cased(_STARTS)}))
SCAN_RE = re.compile(
    BOUNDARY  # a space, a bracket, a quote mark or a dash before it; "$125" and "F-35" are never scanned
    + f"(?=[0-9{_FIRSTS}])"  # the first character of any branch: most words fail here, before the branches
    + "(?:"
    + "[0-9][\\d,.]*"  # a run of digits with its separators
    + "|"
    + literal_alternation(cased(_STARTS), SP)  # number words and vague amounts, any case of first letter
    + ")"
)


def amounts(text: str) -> Iterator[re.Match[str]]:
    """Every AMOUNT_RE match in text, found through the fast scan."""
    first = AMOUNT_RE.match(text, 0)
    pos = 0
    if first is not None:
        yield first
        pos = first.end()
    while True:
        hit = SCAN_RE.search(text, pos)
        if hit is None:
            return
        m = AMOUNT_RE.match(text, hit.start() + 1)
        if m is None:
            pos = hit.end()
            continue
        yield m
        pos = m.end()


# Qualifiers written just before an amount; the value says which bounds the wording allows.
_QUALIFIERS = {
    # a floor: max stays open
    "at least": "min", "more than": "min", "over": "min", "no fewer than": "min", "no less than": "min",
    "upwards of": "min", "in excess of": "min", "just over": "min", "a little over": "min", "well over": "min",
    # a ceiling: min stays open
    "up to": "max", "as many as": "max", "at most": "max", "no more than": "max", "fewer than": "max",
    "less than": "max", "under": "max", "just under": "max", "as high as": "max",
    # an estimate: the number itself on both bounds, qualifier kept
    "around": "approx", "about": "approx", "nearly": "approx", "some": "approx", "an estimated": "approx",
    "estimated": "approx", "almost": "approx", "roughly": "approx", "approximately": "approx",
    "close to": "approx", "an approximate": "approx", "an average of": "approx",
    "a minimum of": "min", "at a minimum of": "min", "a maximum of": "max",
    "at the very least": "min", "at the very most": "max", "not less than": "min", "not fewer than": "min",
}  # fmt: skip
_QUAL_WORDS = "|".join(sorted(_QUALIFIERS, key=len, reverse=True))
# A qualifier ending right before the amount (searched in a short window behind it).
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w-])(?P<q>(?i:{_QUAL_WORDS.replace(' ', SP)})){SP}$")
_QUALIFIER_ENDS = frozenset(q.split()[-1] for q in _QUALIFIERS)
# "between A and B", "from A to B": the opening word of a range, right before A.
_RANGE_OPEN = re.compile(rf"(?<![\w-])(?P<w>(?i:between|from)){SP}$")
# A change before "from": "has risen from 16 to 25" is an update of a total (two values), never a range.
_CHANGE_FROM = re.compile(
    rf"\b(?:rose|risen|rising|rises|climbed|climbing|increased|increasing|jumped|soared|grew|grown|doubled|tripled"
    rf"|fell|fallen|dropped|declined|decreased|revised|raised|lowered|up|down){SP}from{SP}$"
)
# What joins the two ends of a range: a dash, "to", "or" (and "and" after "between").
_RANGE_JOIN = re.compile(rf"(?:{SP})?(?:[-–—]|(?:{SP})(?P<w>to|or|and)(?:{SP}))(?:{SP})?")


# A run of ASCII letters, matched on a reversed window to read the word it ends with.
_LETTERS = re.compile(r"[A-Za-z]*")


class Amount(NamedTuple):
    """An amount as found: its range, its qualifier, where the whole phrase starts and ends."""

    min: int | None
    max: int | None
    qualifier: str | None
    start: int
    end: int
    core_start: int


def _value_of(m: re.Match[str]) -> tuple[int, int, str | None] | None:
    """The (low, high, vague phrase) of one AMOUNT_RE match, or None when it is not a count."""
    if m.group("digits") is not None:
        raw = m.group("digits").replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        scale = _MULTIPLIERS[clean(m.group("dmult").lower())] if m.group("dmult") else 1
        try:
            value = round(float(raw) * scale) if "." in raw else int(raw) * scale
        except ValueError:
            return None
        if "." in raw and scale == 1:
            return None  # "2.5" alone is a measure, not a head count
        return value, value, None
    if m.group("round") is not None:
        phrase = "hundreds" if m.group("round")[:-2] == "100" else "thousands"
        low, high = VAGUE[phrase]
        return low, high, phrase
    if m.group("ordinal") is not None:
        raw = m.group("ordinal").lower()
        value = _ORDINAL_VALUE.get(raw) or int(raw[:-2].replace(",", ""))
        return value, value, None
    if m.group("vague") is not None:
        phrase = clean(m.group("vague").lower())
        low, high = VAGUE[phrase]
        return low, high, phrase
    words = clean(m.group("word").lower().replace("-", " ")).split()
    if words[1:2] in (["quarter"], ["quarters"]):
        value = _MULTIPLIERS[words[-1]] * (3 if words[0] == "three" else 1) // 4
    elif words[0] == "a":
        value = _WORD_MULTIPLIERS[words[1]]
    elif words[0] == "half":
        value = _WORD_MULTIPLIERS[words[2]] // 2  # "half a million", "half a dozen"
    else:
        value = _TENS.get(words[0], 0) or _UNITS.get(words[0], 0)
        if len(words) > 1:
            value += _UNITS.get(words[1], 0)
    if m.group("wmult"):
        value *= _WORD_MULTIPLIERS[clean(m.group("wmult").lower())]
    if m.group("wrest"):
        rest = clean(m.group("wrest").lower().replace("-", " ")).split()
        value += (_TENS.get(rest[0], 0) or _UNITS.get(rest[0], 0)) + (_UNITS.get(rest[1], 0) if len(rest) > 1 else 0)
    if m.group("wmult2"):
        value *= _WORD_MULTIPLIERS[clean(m.group("wmult2").lower())]
    return value, value, None


def _range_end(text: str, first: re.Match[str], pos: int, low: int) -> tuple[int, int, int] | None:
    """The (low, high, end) of "A to B" when a plain number B at pos closes a range opened by A."""
    second = AMOUNT_RE.match(text, pos)
    parsed = _value_of(second) if second is not None else None
    if second is None or parsed is None or parsed[2] is not None:
        return None
    scaled = bool(second.group("dmult")) and not first.group("dmult")
    if scaled and low < 1000:
        low *= _MULTIPLIERS[clean(second.group("dmult").lower())]  # "1 to 2 million"
    if parsed[0] <= low:
        return None  # "3-2", "1,262 and 1,163": not a range
    return low, parsed[1], second.end()


def _last_word(window: str) -> str:
    """The word a window ends with (before trailing spaces), lowercased; "" when it ends otherwise."""
    # Callers only compare it with qualifier words (at most 13 letters), so the last 14 characters
    # tell as much: a longer word keeps 14 letters and still equals none of them.
    tail = window.rstrip(_SPACE_CHARS)[-14:]
    letters = _LETTERS.match(tail[::-1])
    return tail[len(tail) - letters.end() :].lower() if letters else ""


def read_amount(text: str, m: re.Match[str]) -> Amount | None:
    """Read one candidate: its own value, a qualifier before it and a second end of a range after it."""
    parsed = _value_of(m)
    if parsed is None:
        return None
    low, high, vague = parsed
    start, end = m.start(), m.end()
    window = text[max(0, start - 40) : start]
    last_word = _last_word(window)  # only when it can end a qualifier is the qualifier pattern tried
    opener = _RANGE_OPEN.search(window) if last_word in ("between", "from") else None
    join = _RANGE_JOIN.match(text, end) if vague is None else None
    if opener is not None and last_word == "from" and _CHANGE_FROM.search(window):
        opener = join = None  # "has risen from 16 to 25": the earlier value, then the new one
    if join is not None and (join.group("w") != "and" or opener is not None):
        ranged = _range_end(text, m, join.end(), low)
        if ranged is not None:
            low, high, stop = ranged
            if opener is not None:
                start -= len(window) - opener.start()
                return Amount(low, high, None, start, stop, m.start())
            qual = _QUALIFIER_BEFORE.search(window) if last_word in _QUALIFIER_ENDS else None
            if qual is not None and _QUALIFIERS[clean(qual.group("q").lower())] == "approx":
                # "an estimated 60,000 to 100,000": the hedge is kept, the range stays as written
                q_start = start - (len(window) - qual.start())
                return Amount(low, high, clean(qual.group("q").lower()), q_start, stop, m.start())
            return Amount(low, high, None, start, stop, m.start())
    qual = _QUALIFIER_BEFORE.search(window) if last_word in _QUALIFIER_ENDS else None
    if qual is not None:
        word = clean(qual.group("q").lower())
        how = _QUALIFIERS[word]
        q_start = start - (len(window) - qual.start())
        if how == "min":
            return Amount(low, None, word, q_start, end, start)
        if how == "max":
            return Amount(None, high, word, q_start, end, start)
        return Amount(low, high, word, q_start, end, start)
    return Amount(low, high, vague, start, end, start)


def parse_amount(phrase: str) -> Amount | None:
    """The first amount in a short phrase, with its qualifier: a convenience for tests and callers."""
    for m in AMOUNT_RE.finditer(phrase):
        amount = read_amount(phrase, m)
        if amount is not None:
            return amount
    return None
