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
# Each part of a hyphenated name on its own ("El-Fasher": "Fasher"; "Hamas-run": "Hamas").
_NAME = re.compile(r"\b[A-Z][\w'’]*\w")
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
_WORD = re.compile(r"[^\W\d_]{3,}")
# Capitalised only because they open a sentence or a headline, or too common to tell two stories apart.
_NOT_NAMES = frozenset(
    """a an the at el al le la les in on of for to by with from after as and but or if when while this that these those there
    their his her its it he she they we our who what where why how more most some all any many least over under
    january february march april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
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
    names: frozenset[str]  # casefolded, weekdays apart
    weekdays: frozenset[str]
    numbers: frozenset[str]  # counts as digits ("1200", "24" for "twenty-four")
    words: frozenset[str]  # content-word stems
    outlet: str | None  # see outlet()


def _spelt(tokens: list[str]) -> Iterable[str]:
    """Counts spelt out among the casefolded words, "twenty-four" (two words here) as 24."""
    for i, token in enumerate(tokens):
        value = _SPELT.get(token)
        if value is None:
            continue
        following = _SPELT.get(tokens[i + 1], 10) if i + 1 < len(tokens) else 10
        if value >= 20 and following < 10:
            value += following
        elif value < 10 and i and _SPELT.get(tokens[i - 1], 0) >= 20:
            continue  # the "four" of "twenty-four"
        yield str(value)


def _undot(found: re.Match[str]) -> str:
    return found.group().replace(".", "")


def _names(raw: str) -> Iterable[str]:
    """Each capitalised word ("Komanda", "RSF", "M23"), without a possessive, casefolded."""
    for found in _NAME.findall(_ACRONYM_DOTS.sub(_undot, raw)):
        yield (_POSSESSIVE.sub("", found) if "'" in found or "’" in found or "â" in found else found).casefold()


def outlet(url: str | None) -> str | None:
    """The registrable domain of an article's URL ("bbc.co.uk"); None for a local or synthetic one."""
    found = get_fld(url, fail_silently=True) if url else None
    return str(found) if found else None


def story_text(title: str, text: str, url: str | None = None) -> StoryText:
    raw = _SPACE.sub(" ", f"{title} {text[:LEAD_CHARS]}")
    names = frozenset(_names(raw)) - _NOT_NAMES
    tokens = [m.casefold() for m in _WORD.findall(raw)]
    numbers = frozenset(n.replace(",", "") for n in _NUMBER.findall(raw)) | frozenset(_spelt(tokens))
    words = frozenset(w[:_STEM] for w in tokens if w not in _STOPWORDS)
    return StoryText(
        utils.default_process(raw),
        utils.default_process(title),
        names - _WEEKDAYS,
        names & _WEEKDAYS,
        numbers,
        words,
        outlet(url),
    )


@dataclass(frozen=True)
class Candidate:
    article_id: int
    story_id: int
    text: StoryText


FEATURES = ("token_set", "title", "names", "numbers", "words", "weekday", "same_outlet")
# Fitted by `python bench/eval_stories.py --fit` (logistic regression on the training part), in FEATURES order.
WEIGHTS = (1.250, 1.252, 1.524, 2.005, 1.136, 1.237, -3.392)
BIAS = -2.907
# The probability from which two articles are one story: the lowest that keeps precision on the training pairs
# at 0.93 or more (the 0.90 wanted, with a margin for unseen pairs).
THRESHOLD = 0.65
_W_NAMES, _W_NUMBERS, _W_WORDS, _W_WEEKDAY, _W_SAME = WEIGHTS[2:]
# A pair whose set features leave it short of the threshold even with perfect rapidfuzz scores is not scored by
# rapidfuzz at all. The margin covers rounding: the bound must never drop a pair the full score keeps.
_CHEAP_FLOOR = math.log(THRESHOLD / (1 - THRESHOLD)) - BIAS - max(WEIGHTS[0], 0.0) - max(WEIGHTS[1], 0.0) - 1e-9


def _cheap(a: StoryText, b: StoryText) -> tuple[float, float, float, float, float]:
    """The features that are set arithmetic: names, counts, stems and the weekday in common, the same outlet."""
    names = len(a.names & b.names) / min(len(a.names), len(b.names)) if a.names and b.names else 0.0
    numbers = len(a.numbers & b.numbers) / min(len(a.numbers), len(b.numbers)) if a.numbers and b.numbers else 0.0
    shared = len(a.words & b.words)
    words = shared / (len(a.words) + len(b.words) - shared) if shared else 0.0
    weekday = (1.0 if a.weekdays & b.weekdays else -1.0) if a.weekdays and b.weekdays else 0.0
    return names, numbers, words, weekday, 1.0 if a.outlet is not None and a.outlet == b.outlet else 0.0


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
        # Most of a window's articles are other stories: their set features alone keep them under the threshold.
        if _cheap_logit(text, candidate.text) < _CHEAP_FLOOR:
            continue
        score = similarity(text, candidate.text)
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, candidate.story_id)
    return best[1] if best is not None else None


def _cheap_logit(a: StoryText, b: StoryText) -> float:
    """The set features' share of the logit: _cheap() weighted, written out because it runs for every candidate."""
    value = _W_SAME if a.outlet is not None and a.outlet == b.outlet else 0.0
    if a.names and b.names:
        value += _W_NAMES * len(a.names & b.names) / min(len(a.names), len(b.names))
    if a.numbers and b.numbers:
        value += _W_NUMBERS * len(a.numbers & b.numbers) / min(len(a.numbers), len(b.numbers))
    shared = len(a.words & b.words)
    if shared:
        value += _W_WORDS * shared / (len(a.words) + len(b.words) - shared)
    if a.weekdays and b.weekdays:
        value += _W_WEEKDAY if a.weekdays & b.weekdays else -_W_WEEKDAY
    return value


def window(moment: datetime) -> tuple[datetime, datetime]:
    return moment - WINDOW, moment + WINDOW
