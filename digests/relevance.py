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
from digests.term_filter import TermFilter, concept_terms, local_pattern

LEAD_CHARS = 400
# A topic named this little (its part of all topics' weighted mentions) in an article whose counts (at least this
# many of their sentences) are all another topic's is that war's backdrop.
_BACKDROP_SHARE = 0.2
_COUNTS_OWNED = 2
# At most this many mentions of a topic are a passing reference.
_PASSING = 2
# At most this many mentions of a topic's core in the text leave another war's headline the story's.
_PASSING_CORE = 1
# A headline's place named this many times, and this many times as often as a topic named in passing: the
# story is that place's.
_ELSEWHERE_NAMED = 6
_ELSEWHERE_RATIO = 5
# Words of reporting on fighting and its human cost: what a conflict's reader came for.
_CONFLICT = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|dead|deaths?|died|wounded|injur(?:ed|ies)|casualt(?:y|ies)|strikes?|struck|"
    r"air ?strikes?|attack(?:s|ed|ing)?|missiles?|drones?|rockets?|shelling|shelled|bomb(?:s|ed|ing|ings)?|"
    r"troops|soldiers|forces|military|army|armed|fighters|militants?|militias?|war|ceasefire|truce|"
    r"hostages?|invasion|offensive|front ?line|battles?|fighting|clashes|combat|raids?|weapons|"
    r"air defen[cs]es?|intercept(?:ed|ions?)?|artillery|occupied|occupation|displaced|siege|famine|"
    r"peace talks|warships?|navy|naval|frigate|retaliat(?:e|ed|ion)|shot dead|shoots?|shooting|gunfire|"
    r"shot down|downed|ballistic|munitions|fighter jets?|air bases?|bases|deploy(?:s|ed|ing|ment)?|"
    r"settlers?|prisoners?|captives?|detainees?|war powers|escalat(?:e|ed|ion)|"
    r"sanctions|negotiat(?:e|ed|ions?|ors?)|envoy)\b",
    re.IGNORECASE,
)
# Words of stories where the conflict is only the backdrop: markets, travel, sport, culture.
_SIDE = re.compile(
    r"\b(?:oil|crude|brent|prices?|markets?|stocks?|shares|investors?|bonds?|yields?|inflation|"
    r"econom(?:y|ic|ies|ists?)|currency|dollar|trading|traders|airlines?|flights?|airports?|travell?ers|"
    r"tourists?|insurers?|insurance|lng|exports?|imports?|tariffs?|football|olympics?|"
    r"tournament|athletes?|film|festival|concert|album|earnings|profits?|revenues?|central bank|"
    r"interest rates?|barrels?|refiner(?:y|ies)|energy|fuel|gas prices|gasoline|diesel|petrol|shipping|"
    r"seafarers|crews?|stranded|visas?|students?|assets|wealth|wealthy|"
    r"business(?:es)?|compan(?:y|ies)|firms?|projects?|investment|podcast|elections?|voters?|votes|"
    r"cyber(?:attacks?)?|terror(?:ism)?|extremism|murder|suspect|court|trial|convicted|pardon|"
    r"corruption|climate|sports?|league|fans|spat|expel(?:s|led|ling)?|far[- ]right)\b",
    re.IGNORECASE,
)
# Words that make the name after them the scene of what is told: "in Gaza", "strikes on Iran", "across the
# occupied West Bank".
_SCENE = (
    r"\b(?:in|on|at|from|into|across|inside|near|over|against|toward|towards|throughout|around)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|occupied\s+|besieged\s+)?"
)
# A topic named as the backdrop of a headline's subject: "on Iran war fears", "amid Iran conflict", "as Iran war
# hits supply", "despite situation in Iran", "days after Iran strikes".
_BACKDROP_BEFORE = (
    r"\b(?:amid|despite|as|after|from|by|on|over|due to|because of|following|given)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
)
_BACKDROP_AFTER = (
    r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:war|conflict|crisis|tensions?|fears?|strikes|attacks|turmoil|fallout|situation|"
    r"events)\b"
)
_BACKDROP_SITUATION = (
    r"\b(?:amid|despite|given)\s+(?:the\s+)?(?:situation|events|crisis|war|conflict|tensions?)\s+(?:in|over|with)\s+"
)
# A wire dateline: "KYIV, March 5 (Reuters) -", "RAMALLAH, West Bank March 7 (Reuters) -".
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,},[^\n]{0,60}?\s[-–—]\s")
# The endings one Slavic name is written with across outlets.
_SLAVIC_ENDING = re.compile(r"(?<=\w\w)sk(?:yy|yi|iy|y|i)$", re.IGNORECASE)
_SLAVIC_ENDINGS = "sk(?:yy|yi|iy|y|i)"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'])|\n+")


def term_pattern(term: str) -> str:
    """A `match` term as a regex: `re:` as given, else whole words with any whitespace between them."""
    if term.startswith("re:"):
        return f"(?:{term[3:]})"
    body = r"\s+".join(_spellings(w) for w in term.split())
    left = r"\b" if re.match(r"\w", term) else ""
    right = r"\b" if re.search(r"\w$", term) else ""
    return f"{left}{body}{right}"


def _spellings(word: str) -> str:
    """A word as a regex that also takes its other transliterations: a Slavic name's ending ("Zelensky",
    "Zelenskiy", "Zelenskyy"; "Syrskyi", "Syrsky")."""
    slavic = _SLAVIC_ENDING.search(word)
    if slavic is None:
        return re.escape(word)
    return re.escape(word[: slavic.start()]) + _SLAVIC_ENDINGS


def _concept(term: str, known: Sequence[str]) -> str:
    """Terms sharing a stem are one concept: Israel/Israeli, Iran/Iranian, Lebanon/Lebanese."""
    if term.startswith("re:"):
        return term
    stem = term.lower()[:5]
    return next((k for k in known if stem.startswith(k) or k.startswith(stem)), stem)


# One concept's occurrences: (its first term as written, in the title, in the text, in the lead).
_Concept = tuple[str, int, int, int]


@dataclass(frozen=True)
class _Terms:
    """One topic's compiled terms: the pattern of each concept, and its `exclude` and `require` groups."""

    concepts: tuple[tuple[str, re.Pattern[str]], ...]
    any: re.Pattern[str]
    core: re.Pattern[str]  # the first term's concept: what the topic is named for
    scene: re.Pattern[str]  # a term told as the place where things happen ("in Gaza", "on Iran")
    backdrop: re.Pattern[str]  # a term told as a story's backdrop ("amid Iran conflict", "on Iran war fears")
    exclude: re.Pattern[str] | None
    require: tuple[re.Pattern[str], ...]


def _compile(terms: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(term_pattern(t) for t in terms), re.IGNORECASE)


def topic_patterns(topics: Mapping[str, Topic]) -> dict[str, re.Pattern[str]]:
    """Each topic's terms as one pattern: what names the topic in a passage."""
    return {name: compile_terms(topic).any for name, topic in topics.items()}


def compile_terms(topic: Topic) -> _Terms:
    alternatives = "|".join(term_pattern(t) for t in topic.match)
    grouped: dict[str, list[str]] = {}
    for term in topic.match:
        grouped.setdefault(_concept(term, list(grouped)), []).append(term)
    return _Terms(
        concepts=tuple((terms[0], _compile(terms)) for terms in grouped.values()),
        any=_compile(topic.match),
        core=_compile(next(iter(grouped.values()))),
        scene=re.compile(_SCENE + "(?:" + "|".join(term_pattern(t) for t in topic.match) + ")", re.IGNORECASE),
        backdrop=re.compile(
            f"{_BACKDROP_BEFORE}(?:{alternatives}){_BACKDROP_AFTER}|{_BACKDROP_SITUATION}(?:{alternatives})", re.I
        ),
        exclude=_compile(topic.exclude) if topic.exclude else None,
        require=tuple(_compile(group) for group in topic.require),
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
    "placed",
    "headline",
    "elsewhere",
    "paragraphs",
    "backdrop",
    "unnamed",
    "another",
    "outnamed",
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
    placed: float  # the topic is the scene: in the dateline or lead, and in the sentences carrying figures (0-2)
    headline: float  # the title names the topic and reports its conflict (1), or names it beside side-effects (-1)
    elsewhere: float  # 1 when the title names a place no topic covers and none of this topic's terms
    paragraphs: float  # paragraphs this topic leads (names more often than any other topic does; at most 4)
    backdrop: float  # 1 when the title names the topic only as the backdrop of its subject ("amid Iran war")
    unnamed: float  # 1 when the title reports fighting without naming the topic, the topic the text names most
    another: float  # the title, the lead: where another topic's core is named and this one's is not (0-2)
    outnamed: float  # 1 when the text names another topic's core more than twice as often as this one's

    def vector(self) -> tuple[float, ...]:
        return tuple(float(getattr(self, name)) for name in FEATURE_NAMES)


# Fitted by bench/train_relevance.py on the dev split of tests/data/relevance (logistic regression, L2).
WEIGHTS = (
    0.367,
    0.117,
    -0.084,
    0.427,
    0.135,
    0.311,
    0.291,
    0.179,
    -0.630,
    -0.177,
    1.209,
    0.401,
    -0.043,
    0.307,
    0.349,
    -0.372,
    0.301,
    -0.852,
    -0.601,
)
BIAS = -4.911
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
        # Speed only (issue 12): the topics an article cannot name, ruled out before any regex scan (most articles
        # name none), and the topics whose terms match in a paragraph only where they match in the whole text.
        self.maybe = TermFilter(
            {
                (name, i): concept_terms(topics[name].match, pattern.pattern, term_pattern)
                for name, terms in self.terms.items()
                for i, (_, pattern) in enumerate(terms.concepts)
            }
        )
        self.local = frozenset(name for name, terms in self.terms.items() if local_pattern(terms.any.pattern))

    def score(self, title: str, text: str, figure_spans: Sequence[tuple[int, int]] = ()) -> list[TopicScore]:
        """A score for every topic with at least one term in the title or text, best first."""
        counts: dict[str, list[_Concept]] = {}
        maybe = self.maybe.named(self.maybe.fold(title, text))
        for name, terms in self.terms.items():
            rows = []
            for i, (label, pattern) in enumerate(terms.concepts):
                if (name, i) not in maybe:
                    continue  # none of its terms can match: its counts would all be 0
                in_title = len(pattern.findall(title))
                in_text = len(pattern.findall(text))
                if in_title or in_text:
                    rows.append((label, in_title, in_text, len(pattern.findall(text[:LEAD_CHARS]))))
            if rows:
                counts[name] = rows
        if not counts:
            return []
        article = self._read(title, text, figure_spans, counts)
        scores = []
        for name, rows in counts.items():
            terms = self.terms[name]
            features = _features(name, rows, terms, article)
            score = probability(features)
            occurrences = sum(x for _, _, x, _ in rows)
            veto = (
                _veto(terms, title, text)
                or _another_war(name, features, article.counted)
                or self._elsewhere(terms, title, text, occurrences)
            )
            hits = tuple((label, t + x) for label, t, x, _ in rows)
            scores.append(TopicScore(name, score, veto is None and score >= THRESHOLD, hits, features, veto))
        scores.sort(key=lambda s: -s.score)
        return scores

    def _read(
        self, title: str, text: str, figure_spans: Sequence[tuple[int, int]], counts: Mapping[str, list[_Concept]]
    ) -> _Article:
        """What every topic's features read from one article."""
        weighted = {name: sum(3 * t + x for _, t, x, _ in rows) for name, rows in counts.items()}
        cores = {name: _core_counts(rows, self.terms[name]) for name, rows in counts.items()}
        led, core_led = self._paragraphs_led(text, counts)
        head = title + "\n" + text[:LEAD_CHARS]
        own_sentences = tuple(_sentence_at(text, a) for a, _ in figure_spans)
        dateline = _DATELINE.match(text)
        return _Article(
            title=title,
            text=text,
            head=head,
            dateline=dateline.group(0) if dateline else "",
            sentences=tuple(_sentences(text)),
            figure_windows=tuple(text[max(0, a - 200) : b + 200] for a, b in figure_spans),
            own_sentences=own_sentences,
            weighted=weighted,
            cores=cores,
            side=len(_SIDE.findall(head)) * 100 / _words(head),
            title_conflict=_CONFLICT.search(title) is not None,
            elsewhere=self.elsewhere.search(title) is not None,
            led=led,
            core_led=core_led,
            # Which topics each figure's own sentence names: whose counts the article carries.
            counted={name: sum(1 for s in own_sentences if t.any.search(s)) for name, t in self.terms.items()},
        )

    def _elsewhere(self, terms: _Terms, title: str, text: str, occurrences: int) -> str | None:
        """A headline about a place no topic covers, over a text that names that place far more often than this
        topic (named in passing), is a story from somewhere else: "Pakistani, Afghan border forces clash" with
        one aside on the strikes on Iran. The Gulf state Iran's drones hit names Iran about as often as itself."""
        place = self.elsewhere.search(title)
        if place is None or terms.any.search(title) or occurrences > _PASSING:
            return None
        here = re.compile(r"\b" + re.escape(place.group(0)[:5]), re.IGNORECASE)
        named = len(here.findall(text))
        if named < _ELSEWHERE_NAMED or named < _ELSEWHERE_RATIO * occurrences:
            return None
        return f"elsewhere: the headline is about {place.group(0)}"

    def _paragraphs_led(self, text: str, named: Mapping[str, object]) -> tuple[dict[str, int], dict[str, int]]:
        """For each topic, the paragraphs that name it more often than any other topic, and how many of those name
        its core ("In Lebanon, the health ministry said..." is Lebanon's; "Russia's envoy said Iran..." is not
        Ukraine's). (`named`: the topics the title or text names; a topic the text never names is named in none of
        its paragraphs, unless a `re:` term looks past a paragraph's ends.)"""
        led: dict[str, int] = {}
        core_led: dict[str, int] = {}
        terms_of = [(name, terms) for name, terms in self.terms.items() if name in named or name not in self.local]
        for paragraph in text.split("\n"):
            if not paragraph.strip():
                continue
            counts = {name: len(terms.any.findall(paragraph)) for name, terms in terms_of}
            most = max(counts.values(), default=0)
            for name, n in counts.items():
                if n and n == most:
                    led[name] = led.get(name, 0) + 1
                    if self.terms[name].core.search(paragraph):
                        core_led[name] = core_led.get(name, 0) + 1
        return led, core_led

    def topics(self, title: str, text: str, figure_spans: Sequence[tuple[int, int]] = ()) -> list[TopicScore]:
        return [s for s in self.score(title, text, figure_spans) if s.relevant]


@dataclass(frozen=True)
class _Article:
    """One article as every topic's features read it."""

    title: str
    text: str
    head: str  # the title and the lead
    dateline: str  # "KYIV, March 5 (Reuters) -", or ""
    sentences: tuple[str, ...]
    figure_windows: tuple[str, ...]  # 200 characters around each figure
    own_sentences: tuple[str, ...]  # each figure's own sentence
    weighted: Mapping[str, int]  # each topic's occurrences, the title's counting 3 times
    cores: Mapping[str, _Concept]  # each topic's core concept: its occurrences in the title, text and lead
    side: float  # side-effect words per 100 words of the title and lead
    title_conflict: bool  # the title holds a word of fighting or its cost
    elsewhere: bool  # the title names a place no topic covers
    led: Mapping[str, int]  # paragraphs each topic leads
    core_led: Mapping[str, int]  # paragraphs each topic leads that name its core
    counted: Mapping[str, int]  # figure sentences naming each topic


def _features(name: str, rows: Sequence[_Concept], terms: _Terms, article: _Article) -> Features:
    any_term = terms.any
    naming = " ".join(s for s in article.sentences if any_term.search(s))
    occurrences = sum(x for _, _, x, _ in rows)
    in_title = any_term.search(article.title) is not None
    top = article.weighted[name] == max(article.weighted.values())
    return Features(
        title=min(2, sum(1 for _, t, _, _ in rows if t)),
        lead=min(2, sum(1 for _, _, _, lead in rows if lead)),
        hits=math.log1p(occurrences),
        density=min(3.0, occurrences * 100 / _words(article.text)),
        concepts=min(4, len(rows)),
        share=article.weighted[name] / sum(article.weighted.values()),
        top=float(top),
        conflict=min(10.0, len(_CONFLICT.findall(naming)) * 100 / _words(naming)) if naming else 0.0,
        side=min(10.0, article.side),
        figures=min(3, sum(1 for s in article.figure_windows if any_term.search(s))),
        core=_core(rows, terms),
        placed=float(any_term.search(article.dateline) is not None or terms.scene.search(article.head) is not None)
        + float(any(terms.scene.search(s) for s in article.own_sentences)),
        headline=float(article.title_conflict and in_title),
        elsewhere=float(article.elsewhere and not in_title),
        paragraphs=float(min(4, article.led.get(name, 0))),
        backdrop=float(in_title and _only_backdrop(terms, article.title)),
        unnamed=float(article.title_conflict and not in_title and top),
        another=_another_core(name, article.cores),
        outnamed=float(
            not article.core_led.get(name, 0)
            and any(x > 2 * article.cores[name][2] for other, (_, _, x, _) in article.cores.items() if other != name)
        ),
    )


def _only_backdrop(terms: _Terms, title: str) -> bool:
    """Every mention of the topic in the title is inside a backdrop phrase."""
    spans = [m.span() for m in terms.backdrop.finditer(title)]
    return bool(spans) and all(any(a <= m.start() < b for a, b in spans) for m in terms.any.finditer(title))


def _sentence_at(text: str, at: int) -> str:
    """The sentence around text[at]."""
    left = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
    right = min((i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0), default=len(text))
    return text[left:right]


def _another_war(name: str, features: Features, counted: Mapping[str, int]) -> str | None:
    """An article whose counts are all another topic's, naming this topic only in passing, is that war's story
    ("Hezbollah's entry into Iran crisis deepens its isolation at home" counts Lebanon's dead, not Iran's)."""
    if counted.get(name, 0) or features.share >= _BACKDROP_SHARE:
        return None
    owner = max(counted, key=lambda other: counted[other])
    if counted[owner] < _COUNTS_OWNED:
        return None
    return f"another war: its counts are {owner}'s"


def _core_counts(rows: Sequence[_Concept], terms: _Terms) -> _Concept:
    """The occurrences of the topic's first concept (its core: "Ukraine", "Gaza")."""
    first = terms.concepts[0][0]
    return next((row for row in rows if row[0] == first), (first, 0, 0, 0))


def _core(rows: Sequence[_Concept], terms: _Terms) -> float:
    """Title, lead and body: in how many of them the topic's first concept appears."""
    _, in_title, in_text, in_lead = _core_counts(rows, terms)
    return float((in_title > 0) + (in_lead > 0) + (in_text > 0))


def _another_core(name: str, cores: Mapping[str, _Concept]) -> float:
    """The headline and the lead: in how many of them another topic's core is named and this topic's is not (the
    lead counts this topic's core named in the title): "Russia is providing Iran intelligence" is Iran's story. A
    topic whose core the text names more than once has a part of its own (an Iran-war story with a Lebanon
    paragraph): none."""
    _, title, in_text, lead = cores[name]
    if in_text > _PASSING_CORE:
        return 0.0
    others = [row for other, row in cores.items() if other != name]
    in_title = any(t for _, t, _, _ in others) and not title
    in_lead = any(lead_ for _, _, _, lead_ in others) and not (lead or title)
    return float(in_title) + float(in_lead)


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
