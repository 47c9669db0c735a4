"""Scores how much an article is about each topic: where and how often the topic's terms appear, how much of
the article's topic talk they carry, and whether it reports a conflict or only its side-effects.

A topic's `match` terms say what to look for; a word that appears once in a story about something else
does not make the story the topic's. Terms that share a stem ("Israel", "Israeli") count as one concept.
The features below are combined by a logistic model whose weights were fitted on the labelled relevance
set (`bench/train_relevance.py` prints them; `bench/eval_relevance.py` scores the result).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from digests.config.models import Topic
from digests.places import place_pattern

LEAD_CHARS = 400
# At most this many mentions of a topic are a passing reference.
_PASSING = 2
# Conflict words per 100 words in the sentences naming a topic from which they report its fighting, wherever
# the headline is ("Two Kuwait fire officers killed", by drones launched from Iran).
_FIGHTING = 7.0
# Words of reporting on fighting and its human cost: what a conflict's reader came for.
_CONFLICT = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|dead|deaths?|died|wounded|injur(?:ed|ies)|casualt(?:y|ies)|strikes?|struck|"
    r"air ?strikes?|attack(?:s|ed|ing)?|missiles?|drones?|rockets?|shelling|shelled|bomb(?:s|ed|ing|ings)?|"
    r"troops|soldiers|forces|military|army|armed|fighters|militants?|militias?|war|ceasefire|truce|"
    r"hostages?|invasion|offensive|front ?line|battles?|fighting|clashes|combat|raids?|weapons|"
    r"air defen[cs]es?|intercept(?:ed|ions?)?|artillery|occupied|occupation|displaced|siege|famine|"
    r"peace talks|warships?|navy|naval|frigate|retaliat(?:e|ed|ion))\b",
    re.IGNORECASE,
)
# Words of stories where the conflict is only the backdrop: markets, travel, sport, culture.
_SIDE = re.compile(
    r"\b(?:oil|crude|brent|prices?|markets?|stocks?|shares|investors?|bonds?|yields?|inflation|"
    r"econom(?:y|ic|ies|ists?)|currency|dollar|trading|traders|airlines?|flights?|airports?|travell?ers|"
    r"tourists?|insurers?|insurance|lng|exports?|imports?|tariffs?|football|olympics?|"
    r"tournament|athletes?|film|festival|concert|album|earnings|profits?|revenues?|central bank|"
    r"interest rates?|barrels?|refiner(?:y|ies))\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'])|\n+")


def term_pattern(term: str) -> str:
    """A `match` term as a regex: `re:` as given, else whole words with any whitespace between them."""
    if term.startswith("re:"):
        return f"(?:{term[3:]})"
    body = r"\s+".join(re.escape(w) for w in term.split())
    left = r"\b" if re.match(r"\w", term) else ""
    right = r"\b" if re.search(r"\w$", term) else ""
    return f"{left}{body}{right}"


def _concept(term: str, known: Sequence[str]) -> str:
    """Terms sharing a stem are one concept: Israel/Israeli, Iran/Iranian, Lebanon/Lebanese."""
    if term.startswith("re:"):
        return term
    stem = term.lower()[:5]
    return next((k for k in known if stem.startswith(k) or k.startswith(stem)), stem)


@dataclass(frozen=True)
class _Terms:
    """One topic's compiled terms: the pattern of each concept, and its `exclude` and `require` groups."""

    concepts: tuple[tuple[str, re.Pattern[str]], ...]
    any: re.Pattern[str]
    core: re.Pattern[str]  # the first term's concept: what the topic is named for
    exclude: re.Pattern[str] | None
    require: tuple[re.Pattern[str], ...]


def _compile(terms: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(term_pattern(t) for t in terms), re.IGNORECASE)


def compile_terms(topic: Topic) -> _Terms:
    grouped: dict[str, list[str]] = {}
    for term in topic.match:
        grouped.setdefault(_concept(term, list(grouped)), []).append(term)
    return _Terms(
        concepts=tuple((terms[0], _compile(terms)) for terms in grouped.values()),
        any=_compile(topic.match),
        core=_compile(next(iter(grouped.values()))),
        exclude=_compile(topic.exclude) if topic.exclude else None,
        require=tuple(_compile(group) for group in topic.require),
    )


@dataclass(frozen=True)
class Features:
    """What the model weighs for one article and one topic."""

    title: float  # concepts in the title (at most 2)
    lead: float  # concepts in the lead (at most 2)
    hits: float  # log(1 + term occurrences in the text)
    density: float  # occurrences per 100 words (at most 3)
    concepts: float  # distinct concepts in title and text (at most 4)
    share: float  # this topic's part of all topics' weighted occurrences
    top: float  # 1 when no other topic has more
    conflict: float  # conflict words per 100 words in the sentences that name the topic (at most 10)
    side: float  # side-effect words per 100 words in the title and lead (at most 10)
    figures: float  # figure sentences that name the topic (at most 3)
    core: float  # where the topic's first term (its core: "Gaza", "Ukraine") appears: title, lead, body (0-3)

    def vector(self) -> tuple[float, ...]:
        return (
            self.title,
            self.lead,
            self.hits,
            self.density,
            self.concepts,
            self.share,
            self.top,
            self.conflict,
            self.side,
            self.figures,
            self.core,
        )


FEATURE_NAMES = (
    "title",
    "lead",
    "hits",
    "density",
    "concepts",
    "share",
    "top",
    "conflict",
    "side",
    "figures",
    "core",
)
# Fitted by bench/train_relevance.py on the dev split of tests/data/relevance (logistic regression, L2).
WEIGHTS = (-0.069, 0.228, 0.054, 0.528, 0.268, 0.522, 0.801, 0.202, -0.626, -0.001, 1.572)
BIAS = -6.190
THRESHOLD = 0.5


@dataclass(frozen=True)
class TopicScore:
    """How much one article is about one topic, and why."""

    topic: str
    score: float  # 0..1
    relevant: bool
    hits: tuple[tuple[str, int], ...]  # (term as written in the config, occurrences in title and text)
    features: Features | None
    veto: str | None = None  # why the topic was ruled out whatever the score (exclude / require)

    def explain(self) -> str:
        terms = ", ".join(f"{term}×{n}" for term, n in self.hits) or "no term"
        verdict = "in" if self.relevant else "out"
        why = f" ({self.veto})" if self.veto else ""
        return f"{self.topic} {self.score:.2f} {verdict}{why}: {terms}"


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _words(text: str) -> int:
    return max(1, len(text.split()))


class Relevance:
    """Scores articles against the configured topics; one instance per config."""

    def __init__(self, topics: Mapping[str, Topic]) -> None:
        self.terms = {name: compile_terms(topic) for name, topic in topics.items()}
        # Places no topic covers, for headlines about somewhere else.
        self.elsewhere = place_pattern([re.compile(t.any.pattern, re.IGNORECASE) for t in self.terms.values()])
        # Every place: the gazetteer's and the topics' own terms.
        self.places = re.compile(
            "|".join([place_pattern([]).pattern, *(t.any.pattern for t in self.terms.values())]), re.IGNORECASE
        )

    def score(self, title: str, text: str, figure_spans: Sequence[tuple[int, int]] = ()) -> list[TopicScore]:
        """A score for every topic with at least one term in the title or text, best first."""
        counts: dict[str, list[tuple[str, int, int, int]]] = {}
        for name, terms in self.terms.items():
            rows = []
            for label, pattern in terms.concepts:
                in_title = len(pattern.findall(title))
                in_text = len(pattern.findall(text))
                if in_title or in_text:
                    rows.append((label, in_title, in_text, len(pattern.findall(text[:LEAD_CHARS]))))
            if rows:
                counts[name] = rows
        if not counts:
            return []
        weighted = {name: sum(3 * t + x for _, t, x, _ in rows) for name, rows in counts.items()}
        total = sum(weighted.values())
        best = max(weighted.values())
        sentences = _sentences(text)
        lead_side = len(_SIDE.findall(title + " " + text[:LEAD_CHARS])) * 100 / _words(title + " " + text[:LEAD_CHARS])
        figure_sentences = [text[max(0, a - 200) : b + 200] for a, b in figure_spans]
        scores = []
        for name, rows in counts.items():
            terms = self.terms[name]
            any_term = terms.any
            naming = [s for s in sentences if any_term.search(s)]
            conflict = len(_CONFLICT.findall(" ".join(naming))) * 100 / _words(" ".join(naming)) if naming else 0.0
            occurrences = sum(x for _, _, x, _ in rows)
            features = Features(
                title=min(2, sum(1 for _, t, _, _ in rows if t)),
                lead=min(2, sum(1 for _, _, _, lead in rows if lead)),
                hits=math.log1p(occurrences),
                density=min(3.0, occurrences * 100 / _words(text)),
                concepts=min(4, len(rows)),
                share=weighted[name] / total,
                top=1.0 if weighted[name] == best else 0.0,
                conflict=min(10.0, conflict),
                side=min(10.0, lead_side),
                figures=min(3, sum(1 for s in figure_sentences if any_term.search(s))),
                core=_core(rows, terms),
            )
            score = probability(features)
            veto = _veto(terms, title, text) or self._elsewhere(terms, title, text, features, occurrences)
            hits = tuple((label, t + x) for label, t, x, _ in rows)
            scores.append(TopicScore(name, score, veto is None and score >= THRESHOLD, hits, features, veto))
        scores.sort(key=lambda s: -s.score)
        return scores

    def _elsewhere(self, terms: _Terms, title: str, text: str, features: Features, occurrences: int) -> str | None:
        """A headline that names another place and none of the topic's terms, over a text that names the topic
        only in passing, is a story from somewhere else that mentions the topic — unless the text reports the
        topic's fighting in that place ("Kuwait has been intercepting drones and missiles launched from Iran")."""
        if features.title or occurrences > _PASSING:
            return None
        place = self.elsewhere.search(title)
        if place is None:
            return None
        if features.conflict >= _FIGHTING:
            here = re.compile(re.escape(place.group(0)[:5]), re.IGNORECASE)
            if any(terms.any.search(s) and here.search(s) for s in _sentences(text)):
                return None
        return f"elsewhere: the headline is about {place.group(0)}"

    def topics(self, title: str, text: str, figure_spans: Sequence[tuple[int, int]] = ()) -> list[TopicScore]:
        return [s for s in self.score(title, text, figure_spans) if s.relevant]


def _core(rows: Sequence[tuple[str, int, int, int]], terms: _Terms) -> float:
    """Title, lead and body: in how many of them the topic's first concept appears."""
    first = terms.concepts[0][0]
    for label, in_title, in_text, in_lead in rows:
        if label == first:
            return float((in_title > 0) + (in_lead > 0) + (in_text > 0))
    return 0.0


def _veto(terms: _Terms, title: str, text: str) -> str | None:
    head = title + "\n" + text[:LEAD_CHARS]
    if terms.exclude is not None:
        found = terms.exclude.search(head)
        if found:
            return f"excluded: {found.group(0)!r} in the title or lead"
    for group in terms.require:
        if not group.search(title) and not group.search(text):
            return f"required: none of {group.pattern!r}"
    return None


def probability(features: Features) -> float:
    z = BIAS + sum(w * x for w, x in zip(WEIGHTS, features.vector(), strict=True))
    return 1 / (1 + math.exp(-z))
