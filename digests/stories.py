"""Groups articles that report the same story (syndicated copies, rewrites of one wire story, two outlets' reports
of one event) into one item.

Two articles are one story when they were published within `WINDOW` of each other and a small logistic model over
what their titles and leads share says so: rapidfuzz's token-set similarity of the two texts and of the two
headlines; the TF-IDF cosine of their word stems (each stem weighed by how few of the bundled feeds' articles
carry it, `stories_df.txt`), for the texts and for the headlines; what a rewrite keeps when it changes the wording:
the names of places, people and groups (but the names in much of the news), the counts (not dates, not small ones);
whether they name the same weekday and day of the month; how many hours apart they were published; the same outlet.
An outlet's same-day updates of one event are one story too, but two articles of one outlet share its house words
and datelines, so they need more in common. A new article joins the story of the most similar earlier article,
else starts its own.

The weights were fitted by `python bench/eval_stories.py --fit` on the training part of the labelled pairs and of
random pairs of the bundled feeds (the unrelated articles most of a window holds); the same script scores them
on the held-out part.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from operator import mul
from pathlib import Path

from rapidfuzz import fuzz, utils
from tld import get_fld

WINDOW = timedelta(hours=36)
LEAD_CHARS = 800
_SPACE = re.compile(r"\s+")
# A name: a capitalised word or an acronym ("Komanda", "RSF", "M23"), apostrophes kept inside ("Ta'izz").
# Each part of a hyphenated name on its own ("El-Fasher": "Fasher"; "Hamas-run": "Hamas").
_NAME = re.compile(r"\b[A-Z][\w'’]*\w")
# "Sudan's", "Beirut’s", and the mis-encoded "Lebanonâs": the name without its possessive.
_POSSESSIVE = re.compile(r"(?:['’]|â\W*)s$")
# "U.S.", "U.N.": one name, "us", "un".
_ACRONYM_DOTS = re.compile(r"\b(?:[A-Z]\.){2,}")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Dates and times are not counts: "March 3" (every Reuters dateline of the day), "3 March", "2024", "1400 GMT",
# "9 p.m.", "10:30".
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
    r"|\b(?:19|20)\d\d\b"
    r"|\b\d{1,2}[:.]\d\d\b"
    r"|\b\d{1,4}\s*(?:GMT|UTC|[ap]\.m\.|[ap]m\b)"
)
# A count as written: "1,200", "35", "3.5"; ordinals ("27th") are dates.
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
# Names so common in the news that sharing them tells little: carried by one in fifty or more of the 1,000 articles
# of the 22 bundled general-news feeds (`python bench/eval_stories.py --common` lists them). Those feeds are of
# their time (March 2026: the Iran war); the list is a floor, not a judgement of what matters.
_COMMON_NAMES = frozenset(
    """american british china department donald dubai east eu european foreign gulf hezbollah hormuz house iran
    iranian islamic israel israeli lebanon london middle minister moscow president prime read reuters russia russian
    secretary south state states strait tehran trump ukraine union united us washington""".split()
)
_STOPWORDS = _NOT_NAMES | frozenset(
    """are was were been being has have had not also than then into about against between during before
    would could should will can may might one two three which them him you your out off near other such only
    just very own same per via people local officials official told according""".split()
)
# Sharing all of a handful of names ("Trump", "White House") says less than sharing as many of a long list.
_FEW_NAMES = 4
_FEW_NUMBERS = 2  # and one count in common ("17") says less than two ("70 dead, 19 injured")
_SMALL = 10
_STEM = 5  # "abducted" and "abduction", "strike" and "strikes": one word stem
# How many of the bundled feeds' articles carry each word stem (`python bench/eval_stories.py --df` writes it):
# a stem few articles carry ("pager", "monas") tells more than one most carry ("kille", "attac").
_DF = Path(__file__).with_name("stories_df.txt")


@dataclass(frozen=True)
class StoryText:
    """What two reports of one story share, prepared once per article: from the headline and the first lines."""

    text: str  # the title and lead, lowercased and without punctuation, for rapidfuzz
    title: str  # the same for the title alone
    names: frozenset[str]  # casefolded; weekdays and the most common names apart
    weekdays: frozenset[str]
    numbers: frozenset[str]  # counts as digits ("1200", "24" for "twenty-four")
    words: frozenset[str]  # content-word stems
    outlet: str | None  # see outlet()
    published: datetime | None = None
    dates: frozenset[str] = frozenset()  # days of the month named ("march 3", "3 march": "mar 3")
    # Each content-word stem's weight (its rarity in the news), scaled to a unit vector: see _cosine().
    weighted: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    weighted_title: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    title_words: frozenset[str] = frozenset()  # the headline's stems
    stamp: float | None = field(init=False, compare=False, repr=False)  # `published` in POSIX seconds
    # The largest weight of each vector: n stems in common make a cosine of at most n * peak * other's peak.
    peak: float = field(init=False, compare=False, repr=False)
    title_peak: float = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stamp", None if self.published is None else self.published.timestamp())
        object.__setattr__(self, "peak", max(self.weighted.values(), default=0.0))
        object.__setattr__(self, "title_peak", max(self.weighted_title.values(), default=0.0))


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


def all_names(title: str, text: str) -> frozenset[str]:
    """Every name of the headline and lead a story text would keep, the common ones too; weekdays apart."""
    return frozenset(_names(_SPACE.sub(" ", f"{title} {text[:LEAD_CHARS]}"))) - _NOT_NAMES - _WEEKDAYS


@cache
def _idf() -> tuple[dict[str, float], float]:
    """Each stem's inverse document frequency from the shipped table (its first line is the article count), and
    that of a stem missing from it (carried by fewer than two articles: counted as by none)."""
    lines = _DF.read_text(encoding="utf-8").split("\n")
    total = int(lines[0])
    idf = {}
    for line in lines[1:]:
        if line:
            stem, count = line.split(" ")
            idf[stem] = math.log((total + 1) / (int(count) + 1))
    return idf, math.log(total + 1)


def stems(title: str, text: str) -> frozenset[str]:
    """The content-word stems of a headline and its lead, as a story text keeps them."""
    raw = _SPACE.sub(" ", f"{title} {text[:LEAD_CHARS]}")
    return frozenset(w[:_STEM] for w in (m.casefold() for m in _WORD.findall(raw)) if w not in _STOPWORDS)


def _unit(words: Iterable[str]) -> dict[str, float]:
    idf, rare = _idf()
    weights = {w: idf.get(w, rare) for w in words}
    norm = math.sqrt(sum(v * v for v in weights.values()))
    return {w: v / norm for w, v in weights.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float], shared: frozenset[str]) -> float:
    """The TF-IDF cosine of two texts' stems (each stem once: headlines and leads seldom repeat a word), over the
    stems they share. (map() rather than a generator: it runs for most candidates.)"""
    return float(sum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared))))


def _day_of_month(found: re.Match[str]) -> str:
    month = found.group("m1") or found.group("m2")
    day = found.group("d1") or found.group("d2")
    return f"{month[:3].casefold()} {int(day)}"


_DAY_OF_MONTH = re.compile(
    rf"\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})"
)


def story_text(title: str, text: str, url: str | None = None, published: datetime | None = None) -> StoryText:
    raw = _SPACE.sub(" ", f"{title} {text[:LEAD_CHARS]}")
    names = frozenset(_names(raw)) - _NOT_NAMES
    rare = names - _COMMON_NAMES
    tokens = [m.casefold() for m in _WORD.findall(raw)]
    counts = _NUMBER.findall(_DATE.sub(" ", raw))
    spelt = frozenset(n.replace(",", "") for n in counts) | frozenset(_spelt(tokens))
    # "two officials", "3 metro stations": small counts are in most news; a story's toll seldom is that small.
    numbers = frozenset(n for n in spelt if float(n) >= _SMALL)
    words = frozenset(w[:_STEM] for w in tokens if w not in _STOPWORDS)
    title_words = stems(title, "")
    return StoryText(
        utils.default_process(raw),
        utils.default_process(title),
        rare - _WEEKDAYS,
        names & _WEEKDAYS,
        numbers,
        words,
        outlet(url),
        published,
        frozenset(_day_of_month(m) for m in _DAY_OF_MONTH.finditer(raw)),
        _unit(words),
        _unit(title_words),
        title_words,
    )


@dataclass(frozen=True)
class Candidate:
    article_id: int
    story_id: int
    text: StoryText


FEATURES = (
    "token_set",
    "title",
    "names",
    "numbers",
    "tfidf",
    "title_tfidf",
    "weekday",
    "date",
    "hours",
    "same_outlet",
)
# Fitted by `python bench/eval_stories.py --fit` (logistic regression on the training part), in FEATURES order.
WEIGHTS = (2.141, 1.404, 2.294, 2.456, 1.611, 1.165, 1.143, 0.949, 1.118, -2.668)
BIAS = -4.738
# The probability from which two articles are one story: the lowest that keeps precision on the training pairs
# (labelled and random) at 0.93 or more (the 0.90 wanted, with a margin for unseen pairs).
THRESHOLD = 0.59
_W_NAMES, _W_NUMBERS, _W_TFIDF, _W_TITLE_TFIDF, _W_WEEKDAY, _W_DATE, _W_HOURS, _W_SAME = WEIGHTS[2:]
# A pair whose set features leave it short of the threshold even with perfect rapidfuzz scores is not scored by
# rapidfuzz at all. The margin covers rounding: the bound must never drop a pair the full score keeps.
_CHEAP_FLOOR = math.log(THRESHOLD / (1 - THRESHOLD)) - BIAS - max(WEIGHTS[0], 0.0) - max(WEIGHTS[1], 0.0) - 1e-9
# And the same for the plain set features, with the stems' cosines (at most 1) at their best too.
_UP_TFIDF, _UP_TITLE_TFIDF = max(_W_TFIDF, 0.0), max(_W_TITLE_TFIDF, 0.0)
_PLAIN_FLOOR = _CHEAP_FLOOR - _UP_TFIDF - _UP_TITLE_TFIDF
_DAY_SECONDS = 24 * 3600.0


def _agree(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when both name one in common (a weekday, a date), -1 when both name some but only other ones, else 0."""
    return (1.0 if not a.isdisjoint(b) else -1.0) if a and b else 0.0


def _hours(a: StoryText, b: StoryText) -> float:
    """Published the same hour: 1; twelve hours apart: 0; a day or more: -1; a time unknown: 0."""
    if a.stamp is None or b.stamp is None:
        return 0.0
    return 1 - 2 * min(abs(a.stamp - b.stamp) / _DAY_SECONDS, 1.0)


def _share(a: frozenset[str], b: frozenset[str], few: int) -> float:
    """The share of the shorter list two share, counted as at least `few` long. (Most pairs share no name and no
    count: isdisjoint() answers those without building a set.)"""
    return 0.0 if a.isdisjoint(b) else len(a & b) / max(min(len(a), len(b)), few)


def _stems(a: StoryText, b: StoryText) -> tuple[float, float]:
    """The TF-IDF cosines of the two texts and of the two headlines."""
    shared = a.words & b.words
    if not shared:
        return 0.0, 0.0
    titles = a.title_words & b.title_words
    return _cosine(a.weighted, b.weighted, shared), _cosine(a.weighted_title, b.weighted_title, titles)


def _cheap(a: StoryText, b: StoryText) -> tuple[float, ...]:
    """The features that are set arithmetic: names, counts, weighted stems, the weekday and date in common, the time
    apart, the same outlet."""
    return (
        _share(a.names, b.names, _FEW_NAMES),
        _share(a.numbers, b.numbers, _FEW_NUMBERS),
        *_stems(a, b),
        _agree(a.weekdays, b.weekdays),
        _agree(a.dates, b.dates),
        _hours(a, b),
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
        # Most of a window's articles are other stories: what they share of names, counts, days and time keeps
        # them under the threshold even with the stems and rapidfuzz at their best; else how many stems they
        # share does, or the stems' cosines.
        other = candidate.text
        plain = _plain_logit(text, other)
        if plain < _PLAIN_FLOOR:
            continue
        shared = len(text.words & other.words)
        most = _UP_TFIDF * min(shared * text.peak * other.peak, 1.0)
        if plain + most + _UP_TITLE_TFIDF * min(shared * text.title_peak * other.title_peak, 1.0) < _CHEAP_FLOOR:
            continue
        tfidf, title_tfidf = _stems(text, other)
        if plain + _W_TFIDF * tfidf + _W_TITLE_TFIDF * title_tfidf < _CHEAP_FLOOR:
            continue
        score = similarity(text, other)
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, candidate.story_id)
    return best[1] if best is not None else None


def _plain_logit(a: StoryText, b: StoryText) -> float:
    """The share of the logit of the features that are plain set arithmetic: _share(), _agree() and _hours() written
    out, as it runs for every candidate; most features are 0 for most pairs."""
    logit = 0.0
    if not a.names.isdisjoint(b.names):
        logit += _W_NAMES * len(a.names & b.names) / max(min(len(a.names), len(b.names)), _FEW_NAMES)
    if not a.numbers.isdisjoint(b.numbers):
        logit += _W_NUMBERS * len(a.numbers & b.numbers) / max(min(len(a.numbers), len(b.numbers)), _FEW_NUMBERS)
    if a.weekdays and b.weekdays:
        logit += -_W_WEEKDAY if a.weekdays.isdisjoint(b.weekdays) else _W_WEEKDAY
    if a.dates and b.dates:
        logit += -_W_DATE if a.dates.isdisjoint(b.dates) else _W_DATE
    if a.stamp is not None and b.stamp is not None:
        logit += _W_HOURS * (1 - 2 * min(abs(a.stamp - b.stamp) / _DAY_SECONDS, 1.0))
    if a.outlet is not None and a.outlet == b.outlet:
        logit += _W_SAME
    return logit


def window(moment: datetime) -> tuple[datetime, datetime]:
    return moment - WINDOW, moment + WINDOW
