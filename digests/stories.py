"""Groups articles that report the same story (syndicated copies, rewrites of one wire story, two outlets' reports
of one event) into one item.

Two articles are one story when they were published within `WINDOW` of each other and a small logistic model over
what their titles and leads share says so: rapidfuzz's token-set similarity of the two texts and of the two
headlines, and what a rewrite keeps when it changes the wording: the names (places, people, groups), the counts,
the word stems, the weekday. Two articles of one outlet need near-identical texts: an outlet's same-day updates
are different items. A new article joins the story of the most similar earlier article, else starts its own.

The weights were fitted by `python bench/eval_stories.py --fit` on the training part of the labelled pairs;
the same script scores them on the held-out part.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz, utils
from tld import get_fld

WINDOW = timedelta(hours=36)
LEAD_CHARS = 400
_SPACE = re.compile(r"\s+")
# A name: a capitalised word or an acronym ("Komanda", "RSF", "M23"), apostrophes kept inside ("Ta'izz").
_NAME = re.compile(r"\b[A-Z][\w'’-]*\w|\b[A-Z]\b")
# "Sudan's", "Beirut’s", and the mis-encoded "Lebanonâs": the name without its possessive.
_POSSESSIVE = re.compile(r"(?:['’]|â\W*)s$")
# "U.S.", "U.N.": one name, "us", "un".
_ACRONYM_DOTS = re.compile(r"\b(?:[A-Z]\.){2,}")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# A count as written: "1,200", "35", "3.5"; ordinals ("27th") and years are dates, not counts.
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")
# Counts spelt out ("five paramedics", "twenty-four girls"); "one" says too little to count.
_UNITS = "two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SPELT = {w: i + 2 for i, w in enumerate(_UNITS)} | {w: i + 10 for i, w in enumerate(_TEENS)}
_SPELT |= {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_SPELT_NUMBER = re.compile(rf"\b({'|'.join(_TENS)})-({'|'.join(_UNITS)})\b|\b({'|'.join(_SPELT)})\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")
# Capitalised only because they open a sentence or a headline, or too common to tell two stories apart.
_NOT_NAMES = frozenset(
    """a an the at el al le la les in on of for to by with from after as and but or if when while this that these those there
    their his her its it he she they we our who what where why how more most some all any many least over under
    january february march april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec
    says said say new news live update updates breaking video watch photos exclusive analysis opinion report
    reports reported""".split()
)
_STOPWORDS = _NOT_NAMES | frozenset(
    """are was were been being has have had not also than then into about against between during before
    would could should will can may might one two three which them him you your out off near other such only
    just very own same per via people local officials official told according""".split()
)
_STEM = 5  # "abducted" and "abduction", "strike" and "strikes": one word stem


@dataclass(frozen=True)
class StoryText:
    """What two reports of one story share, prepared once per article: from the headline and the first lines."""

    text: str  # the title and lead, lowercased and without punctuation, for rapidfuzz
    title: str  # the same for the title alone
    names: frozenset[str]  # casefolded, weekdays included
    numbers: frozenset[str]  # counts as digits ("1200", "24" for "twenty-four")
    words: frozenset[str]  # content-word stems
    outlet: str | None  # see outlet()


def _spelt(raw: str) -> Iterable[str]:
    for tens, unit, alone in _SPELT_NUMBER.findall(raw):
        yield str(_SPELT[tens.lower()] + _SPELT[unit.lower()] if tens else _SPELT[alone.lower()])


def _undot(found: re.Match[str]) -> str:
    return found.group().replace(".", "")


def _names(raw: str) -> Iterable[str]:
    """Each capitalised part of a name ("El-Fasher": "fasher"; "Hamas-run": "hamas"), casefolded."""
    for found in _NAME.findall(_ACRONYM_DOTS.sub(_undot, raw)):
        for part in found.split("-"):
            if len(part) > 1 and (part[:1].isupper() or part[:1].isdigit()):
                yield _POSSESSIVE.sub("", part).casefold()


def outlet(url: str | None) -> str | None:
    """The registrable domain of an article's URL ("bbc.co.uk"); None for a local or synthetic one."""
    found = get_fld(url, fail_silently=True) if url else None
    return str(found) if found else None


def story_text(title: str, text: str, url: str | None = None) -> StoryText:
    raw = _SPACE.sub(" ", f"{title} {text[:LEAD_CHARS]}")
    names = frozenset(_names(raw)) - _NOT_NAMES - _SPELT.keys() - {"one"}
    numbers = frozenset(n.replace(",", "") for n in _NUMBER.findall(raw)) | frozenset(_spelt(raw))
    words = frozenset(w[:_STEM] for w in (m.casefold() for m in _WORD.findall(raw)) if w not in _STOPWORDS)
    return StoryText(utils.default_process(raw), utils.default_process(title), names, numbers, words, outlet(url))


@dataclass(frozen=True)
class Candidate:
    article_id: int
    story_id: int
    text: StoryText


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the other: a short lead inside a long one still counts in full."""
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


FEATURES = ("token_set", "title", "names", "numbers", "words", "weekday", "same_outlet")
# Fitted by `python bench/eval_stories.py --fit` (logistic regression on the training part), in FEATURES order.
WEIGHTS = (1.246, 1.253, 1.529, 2.000, 1.131, 1.238, -3.389)
BIAS = -2.907
# The probability from which two articles are one story: the lowest that keeps precision on the training pairs
# at 0.93 or more (the 0.90 wanted, with a margin for unseen pairs).
THRESHOLD = 0.65
# The most the two rapidfuzz features can add to a pair's logit: a pair short of the threshold without them is
# not scored by rapidfuzz at all.
_FUZZY_MOST = max(WEIGHTS[0], 0.0) + max(WEIGHTS[1], 0.0)
_CUT = math.log(THRESHOLD / (1 - THRESHOLD))


def _cheap(a: StoryText, b: StoryText) -> tuple[float, float, float, float, float]:
    """The features that are set arithmetic: names, numbers, stems and the weekday in common, the same outlet."""
    days_a, days_b = a.names & _WEEKDAYS, b.names & _WEEKDAYS
    weekday = (1.0 if days_a & days_b else -1.0) if days_a and days_b else 0.0
    return (
        _overlap(a.names - _WEEKDAYS, b.names - _WEEKDAYS),
        _overlap(a.numbers, b.numbers),
        _jaccard(a.words, b.words),
        weekday,
        1.0 if a.outlet is not None and a.outlet == b.outlet else 0.0,
    )


def _fuzzy(a: StoryText, b: StoryText) -> tuple[float, float]:
    return fuzz.token_set_ratio(a.text, b.text) / 100, fuzz.token_set_ratio(a.title, b.title) / 100


def features(a: StoryText, b: StoryText) -> tuple[float, ...]:
    """The model's inputs for one pair, in FEATURES order."""
    return (*_fuzzy(a, b), *_cheap(a, b))


def _logit(values: Iterable[float], weights: Iterable[float]) -> float:
    return BIAS + sum(w * v for w, v in zip(weights, values, strict=True))


def probability(values: Iterable[float]) -> float:
    """0..1: how likely a reader wants the pair with these features as one item."""
    return 1 / (1 + math.exp(-_logit(values, WEIGHTS)))


def similarity(a: StoryText, b: StoryText) -> float:
    return probability(features(a, b))


def match_story(text: StoryText, candidates: Iterable[Candidate]) -> int | None:
    """The story id of the most similar candidate at or over the threshold (the first of equals), else None."""
    best: tuple[float, int] | None = None
    for candidate in candidates:
        cheap = _cheap(text, candidate.text)
        # A small margin: the bound must never drop a pair the full score would keep.
        if _logit(cheap, WEIGHTS[2:]) + _FUZZY_MOST < _CUT - 1e-9:
            continue
        score = probability((*_fuzzy(text, candidate.text), *cheap))
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, candidate.story_id)
    return best[1] if best is not None else None


def window(moment: datetime) -> tuple[datetime, datetime]:
    return moment - WINDOW, moment + WINDOW
