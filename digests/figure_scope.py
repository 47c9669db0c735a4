"""Places each figure: the topic the count itself belongs to (its sentence, then its paragraph, then its
article), whether it is a running total or one incident's toll, and whether it is a conflict figure at all.

A Lebanese ministry's toll quoted in an Iran-war story is Lebanon's; a count from a memorial of events
decades back, or of deaths in an earthquake, is no conflict figure to post as news.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digests.anchors import anchors_of
from digests.digest.entities import actor_key
from digests.ingest.api import FigurePlace
from digests.model import Figure
from digests.relevance import Relevance

# A running total: the war's or a campaign's count so far ("since Monday", "the toll rose to", "Israeli strikes
# have killed", "as a result of attacks this week", "in the past four days").
_CUMULATIVE = re.compile(
    r"\b(?:since|so far|in total|a total of|overall|to date|altogether|cumulative|throughout|as of|"
    r"over the course of|(?:war|conflict|campaign|fighting|invasion|offensive|bombardment) (?:that )?(?:has|had|have)|"
    r"during (?:the |[\w-]+['’]s )?(?:[\w-]+ )?(?:war|conflict|occupation|offensive|campaign|invasion)|"
    r"in the (?:war|conflict)|(?:by|in) [\w-]+['’]s (?:full-scale )?(?:war|invasion)|"
    r"(?:toll|deaths|number|casualties|count|figure)\b[^.]{0,40}?\b(?:has |had |have )?"
    r"(?:risen|rose|climbed|reached|stands|stood|increased|surpassed|exceeded|passed|topped)|"
    r"overall toll|(?:had|has|have) (?:reached|risen|climbed|passed|exceeded|surpassed)|tall(?:y|ies)|"
    r"this week|(?:past|last) (?:few |two |three |four |five |several )?(?:days|weeks|months|years)|"
    r"in (?:recent|the past) (?:days|weeks)|full-scale invasion|the war began|start of the war|"
    r"(?:attacks|strikes|airstrikes|air strikes|bombardment|raids|shelling) (?:\w+ )?(?:have|has) "
    r"(?:killed|wounded|injured|displaced)|"
    r"(?:as a result of|from|in|by) (?:the )?(?:[\w.-]+ ){0,2}"
    r"(?:attacks|strikes|airstrikes|air strikes|bombardment|raids|hostilities|retaliation))\b",
    re.IGNORECASE,
)
# One event bound to its moment, right next to the count: it wins over any running-total word nearby ("16 people
# had been killed in Israeli attacks in the last 24 hours", "four people were killed when an Israeli strike hit").
_BOUND_INCIDENT = re.compile(
    r"\b(?:in the (?:last|past) 24 hours|in the incident|on the first day|overnight|last night|recovered|"
    r"when (?:an?|the|its|his|their) (?:[\w-]+ ){0,3}(?:strike|attack|missile|drone|bomb|rocket|shell|blast|explosion|hit|struck)|"
    r"after (?:an?|the) (?:[\w-]+ ){0,3}(?:strike|attack|missile|drone|bomb|rocket|shell|blast|explosion)|"
    r"(?:attacks?|strikes?|airstrikes?) on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))",
    re.IGNORECASE,
)
# One event named in the count's clause: a strike, an attack, a sinking.
_ONE_EVENT = re.compile(
    r"\b(?:(?:an?|the) (?:[\w-]+ ){0,3}(?:strike|air ?strike|attack|raid|bombing|explosion|blast|ambush|missile|drone)\b"
    r"(?! campaign)|aboard|on board|slammed|sank|sunk|shot down)",
    re.IGNORECASE,
)
# Weaker signs of one event anywhere in the sentence: an attack word, a day.
_INCIDENT = re.compile(
    r"\b(?:strike|air ?strike|attack|raid|bombing|explosion|blast|shelling|ambush|"
    r"yesterday|today|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"this morning|hit|struck|fired|injuring|killing|wounding|swaps?|in exchange|freed|brought home)\b",
    re.IGNORECASE,
)
# "77 people have been killed", "have fled": a count so far, when nothing names one event.
_SO_FAR = re.compile(r"\b(?:have|has) (?:been )?(?:killed|wounded|injured|displaced|fled|died|lost)\b", re.IGNORECASE)
# Deaths and injuries no armed conflict caused.
_NOT_CONFLICT = re.compile(
    r"\b(?:earthquakes?|quakes?|floods?|flooding|volcan\w*|eruptions?|landslides?|avalanches?|hurricanes?|"
    r"typhoons?|cyclones?|tornado(?:es)?|wildfires?|heat ?waves?|tsunamis?|crash(?:ed|es)?|collisions?|"
    r"derail\w*|accidents?|overdoses?|diseases?|cholera|measles|outbreaks?|epidemics?|pandemic|covid|"
    r"virus|cancer|health insurance|uninsured|suicides?|mass shooting|school shooting|gunman|homicides?|"
    r"stabbing|traffic|ferry fire|fire broke out|blaze|protests?|protesters|demonstrat(?:ions?|ors)|crackdown|"
    r"riots?)\b",
    re.IGNORECASE,
)
# What makes a sentence a conflict's despite a word above ("the strike caused a blaze").
_WAR = re.compile(
    r"\b(?:war|strikes?|air ?strikes?|missiles?|drones?|shelling|troops|soldiers|militias?|militants?|"
    r"bombing|bombardment|rockets?|army|armed forces|military|combat|fighting|invasion|offensive)\b",
    re.IGNORECASE,
)
# Eras and events long past.
_PAST = re.compile(
    r"\b(?:Holocaust|World War|Second World War|First World War|Nazis?|decades ago|a century ago|"
    r"in the (?:1[89]|20)\d0s)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(
    r"\b(?P<since>since |from |after )?(?:(?:in|of|during) )?(?:[A-Z][a-z]+ )?(?P<year>1[89]\d\d|20\d\d)\b"
)
_THAT_YEAR = re.compile(r"\b(?:the same year|that (?:same )?year)\b", re.IGNORECASE)
# How far back a topic's last mention still names a count's topic, and how much of an article is its lead.
_NEAR = 1500
_LEAD = 800
# A count that is a guess about what could happen ("if it's 10 kilometres, that's probably another 10,000
# dead"; "contingency plans for hundreds of thousands fleeing") is no count of what happened.
_HYPOTHETICAL = re.compile(
    r"\bif\b.*\b(?:probably|would|could|might)\b|\b(?:probably|would|could|might)\b.*\bif\b|"
    r"\b(?:possibility of|contingency|scenarios?|in the event of)\b",
    re.IGNORECASE,
)
# "one of those deaths", "four of the first soldiers killed": a part of a count, not a count of its own ("two of
# its officers were killed" is the Fire Force's own count).
_PART = re.compile(
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+) of "
    r"(?:the|those|them|whom|many|several|dozens|hundreds|thousands)\b",
    re.I,
)
# A rate ("average daily casualties reached 1,163") is no count of people.
_RATE = re.compile(
    # "a day" as before; "a week" is a rate only as "every week" ("200 killed in a week" is one week's count)
    # "a day after" dates an event: no rate
    r"\b(?:average|averaged|a day(?!\s+(?:after|before|later|earlier))|(?:per|every|each) (?:day|week|month)|daily|"
    r"weekly|monthly)\b",
    re.IGNORECASE,
)
# A photo caption, which ends with its credit ("(Dimitar Diloff/AFP via Getty Images)"): it dates an old picture,
# not today's news.
_CAPTION = re.compile(
    r"\((?![^()]*credit)[^()]{2,80}/[^()]{2,80}(?:Getty Images|AFP|Reuters|AP|EPA|Anadolu|NurPhoto|Shutterstock|"
    r"Sipa USA|Sipa|Photo|Images)\)\s*$",
    re.IGNORECASE,
)
# A count the speaker denies ("reports that 101 are missing are not true") is no claim of it.
_DENIAL_REACH = 40  # characters after the count where a denial of it is read
_DENIED = re.compile(r"\b(?:(?:is|was|are|were) not true|untrue|denied|denies|baseless|false reports?|fake)\b", re.I)
# Travellers flown out on charter flights are no people displaced by war.
_FLIGHTS = re.compile(r"\bevacuat\w*\b.*\b(?:flights?|charter|airspace)\b|\b(?:flights?|charter)\b.*\bevacuat", re.I)
# Foreigners flown out of a war zone are no people displaced by it.
_EVACUATION = re.compile(
    r"\b(?:evacuat\w*|repatriat\w*|airlift\w*)\b.*\b(?:citizens|nationals|Americans|Britons|staff|employees|"
    r"tourists|travell?ers|expatriates|diplomats|workers)\b|\b(?:citizens|nationals|Americans|Britons|staff|"
    r"employees|tourists|travell?ers|expatriates|diplomats)\b.*\b(?:evacuat\w*|repatriat\w*|airlift\w*)\b",
    re.IGNORECASE,
)
_SENTENCE_EDGE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'])")


def _bounds(text: str, start: int, end: int, breaks: re.Pattern[str] | str) -> tuple[int, int]:
    if isinstance(breaks, str):
        left = text.rfind(breaks, 0, start)
        right = text.find(breaks, end)
        return (0 if left < 0 else left + len(breaks), len(text) if right < 0 else right)
    left = 0
    for m in breaks.finditer(text, 0, start):
        left = m.end()
    after = breaks.search(text, end)
    return left, (after.start() if after else len(text))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    para_start, para_end = _bounds(text, start, end, "\n")
    left, right = _bounds(text[para_start:para_end], start - para_start, end - para_start, _SENTENCE_EDGE)
    return para_start + left, para_start + right


def sentence_of(text: str, start: int, end: int) -> str:
    left, right = sentence_bounds(text, start, end)
    return text[left:right]


def incident_window(text: str, start: int, end: int) -> str:
    """A count's sentence and the one before it, which often names the place the sentence then counts."""
    left, right = sentence_bounds(text, start, end)
    if left > 1:
        left = sentence_bounds(text, left - 2, left - 2)[0]
    return text[left:right]


def paragraph_of(text: str, start: int, end: int) -> str:
    left, right = _bounds(text, start, end, "\n")
    return text[left:right]


def _topic_hits(relevance: Relevance, passage: str) -> dict[str, int]:
    hits = {}
    for name, terms in relevance.terms.items():
        n = len(terms.any.findall(passage))
        if n:
            hits[name] = n
    return hits


def place_topic(
    relevance: Relevance, text: str, figure: Figure, article_topics: Sequence[str]
) -> tuple[str | None, str]:
    """The topic of one count and where it was decided: who it counts, its sentence, its paragraph, else its
    article. A topic the article is not about takes the count only where its core term (the topic's first,
    "Lebanon", "Gaza") is named around it: "Israeli" near a count in an Iran-war story is no Gaza toll."""
    sentence = sentence_of(text, figure.start, figure.end)
    paragraph = paragraph_of(text, figure.start, figure.end)
    allowed = set(article_topics) | {
        name for name, terms in relevance.terms.items() if terms.core.search(sentence) or terms.core.search(paragraph)
    }
    for where, passage in (("actor", figure.actor or ""), ("sentence", sentence), ("paragraph", paragraph)):
        hits = {t: n for t, n in _topic_hits(relevance, passage).items() if t in allowed}
        if hits:
            best = max(hits.values())
            tied = [t for t, n in hits.items() if n == best]
            # A tie goes to the topic the article is most about.
            for topic in article_topics:
                if topic in tied:
                    return topic, where
            return tied[0], where
    # No term around it: the topic last named before it, if that was close (news names its war once and then
    # counts on); a count far from any topic's name, in a story that moved on, belongs to none.
    before = text[max(0, figure.start - _NEAR) : figure.start]
    last: tuple[int, str] | None = None
    for name, terms in relevance.terms.items():
        if name not in allowed:
            continue
        for m in terms.any.finditer(before):
            if last is None or m.start() > last[0]:
                last = (m.start(), name)
    if last is not None:
        return last[1], "before"
    if article_topics and figure.start < _LEAD:
        return article_topics[0], "article"
    return None, "none"


# Another count: where the words that belong to this one stop.
_OTHER_COUNT = re.compile(
    r"\d[\d,.]*(?!\d|[\d,.]*\s*hours)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|scores|hundreds|thousands)\b",
    re.IGNORECASE,
)


def _own_words(text: str, start: int, end: int) -> str:
    """Up to 60 characters before the count and 80 after it, cut where another count begins."""
    before = text[max(0, start - 60) : start]
    others = list(_OTHER_COUNT.finditer(before))
    if others:
        before = before[others[-1].end() :]
    after = text[end : end + 80]
    stop = _OTHER_COUNT.search(after)
    return before + text[start:end] + (after[: stop.start()] if stop else after)


def scope_of(text: str, start: int, end: int) -> str | None:
    """Whether the count at text[start:end] is a running total ('cumulative'), one incident's toll ('incident'),
    or unclear (None). The words right next to the count decide first, then its clause, then its sentence."""
    sentence_start, sentence_end = sentence_bounds(text, start, end)
    sentence = text[sentence_start:sentence_end]
    clause = text[max(sentence_start, start - 90) : min(sentence_end, end + 110)]
    # The count's own words stop at its sentence: "the first day of the war" in the sentence before tells nothing
    # of "Another 77 have been killed in Lebanon".
    own = _own_words(sentence, start - sentence_start, end - sentence_start)
    if _BOUND_INCIDENT.search(own):
        return "incident"
    if _ONE_EVENT.search(clause) and not _CUMULATIVE.search(text[max(sentence_start, start - 40) : end + 40]):
        return "incident"
    if _CUMULATIVE.search(sentence):
        return "cumulative"
    if _INCIDENT.search(sentence):
        return "incident"
    if _SO_FAR.search(sentence):
        return "cumulative"
    return _told_before(text, sentence_start)


def _told_before(text: str, sentence_start: int) -> str | None:
    """A count whose sentence names neither an event nor a running total ("Nine people were injured, including six
    children") counts what the sentence before it told: the drone that fell, or, in the same paragraph, the war's
    toll. (News paragraphs are often one sentence long; a running total told a paragraph earlier is too far: "It
    comes after Ukraine claimed at least 30 soldiers were killed" is no part of it.)"""
    head = text[:sentence_start].rstrip()
    if not head:
        return None
    before = sentence_of(head, len(head) - 1, len(head) - 1)
    if _INCIDENT.search(before) or _ONE_EVENT.search(before):
        return "incident" if not _CUMULATIVE.search(before) else None
    same_paragraph = "\n" not in text[len(head) - 1 : sentence_start]
    if same_paragraph and _CUMULATIVE.search(before):
        return "cumulative"
    return None


def rejection(sentence: str, published_year: int | None, paragraph: str = "", span: str = "") -> str | None:
    """Why a count is no current conflict figure: long past, deaths of another cause, foreigners evacuated,
    or one person picked out of a group ("one of those deaths")."""
    if _PART.match(span):
        return "not a count (part of a group counted elsewhere)"
    if _RATE.search(sentence):
        return "not a count (a rate)"
    if _CAPTION.search(paragraph):
        return "not news (a photo caption)"
    at = sentence.find(span) if span else -1
    if at >= 0 and _DENIED.search(sentence, at + len(span), at + len(span) + _DENIAL_REACH):
        return "not a count (denied)"
    if _EVACUATION.search(sentence) or _FLIGHTS.search(sentence):
        return "not a conflict (evacuation)"
    if _HYPOTHETICAL.search(sentence):
        return "not a count (what could happen)"
    past = _PAST.search(sentence)
    if past:
        return f"past events ({past.group(0)})"
    if published_year is not None:
        for m in _YEAR.finditer(sentence):
            year = int(m.group("year"))
            if not m.group("since") and year <= published_year - 2:
                return f"past events ({year})"
        # "released in the fall of the same year": the year the paragraph named before this sentence.
        if _THAT_YEAR.search(sentence):
            before = paragraph[: max(0, paragraph.find(sentence))]
            years = [int(m.group("year")) for m in _YEAR.finditer(before)]
            if years and years[-1] <= published_year - 2:
                return f"past events ({years[-1]})"
    cause = _NOT_CONFLICT.search(sentence) or _NOT_CONFLICT.search(paragraph)
    if cause and not _WAR.search(sentence):
        return f"not a conflict ({cause.group(0)})"
    return None


# Where counted people are: "in Israel", "across southern Lebanon"; a setting: "in collective shelters".
_IN_PLACE = re.compile(
    r"\b(?:in|across|inside|throughout)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|"
    r"occupied\s+)?(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\b"
    # not a nationality before what was done to them ("killed in Israeli attacks in Lebanon")
    r"(?!\s+(?:and\s+\w+\s+)?(?:attacks?|strikes?|air ?strikes?|bombardment|bombing|raids?|shelling|fire|forces|"
    r"troops|army|military|drones?|missiles?|rockets?|operations?|offensive|occupation)\b)"
)
# People held whose count tells of their going home: shown as released, not as captured.
_RELEASE = re.compile(
    r"\b(?:releas\w*|freed|set free|returns?|returned|returning|swaps?|swapped|exchang\w*|handed over|"
    r"hand(?:s|ing)? over|repatriat\w*|came home|back home)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?;](?:\s|$)|\n")
_SETTING = re.compile(r"\b(?:in|at)\s+(?:\w+\s+){0,2}(?P<setting>shelters|camps)\b", re.IGNORECASE)


def place_of(relevance: Relevance, text: str, figure: Figure, topic: str | None) -> str | None:
    """Where the people a count counts are, when its own words say and it is not its topic's home: a place no
    term of the topic names ("10 people in Israel" in an Iran-war story), or a setting ("in shelters")."""
    words = _own_words(text, figure.start, figure.end)
    after = words[words.find(figure.span) + len(figure.span) :] if figure.span in words else words
    after = _CLAUSE_END.split(after, maxsplit=1)[0]
    setting = _SETTING.search(after)
    if setting:
        return setting.group("setting").lower()
    home = relevance.terms[topic].any if topic in relevance.terms else None
    named = [m.group("place") for m in _IN_PLACE.finditer(after)]
    first = (figure.actor or "").split()[:1]
    for place in [*first, *named]:
        if home is not None and home.fullmatch(place):
            return None
        if relevance.places.fullmatch(place):
            return actor_key(place)
    return None


def _near_in_sentence(text: str, figure: Figure) -> str:
    """The count's own words (digests/figure_scope._own_words) within its sentence."""
    left, right = sentence_bounds(text, figure.start, figure.end)
    return _own_words(text[left:right], figure.start - left, figure.end - left)


def place_figures(
    relevance: Relevance,
    text: str,
    figures: Sequence[Figure],
    article_topics: Sequence[str],
    published_year: int | None,
) -> tuple[FigurePlace, ...]:
    places = []
    for figure in figures:
        sentence = sentence_of(text, figure.start, figure.end)
        topic, _ = place_topic(relevance, text, figure, article_topics)
        paragraph = paragraph_of(text, figure.start, figure.end)
        scope = scope_of(text, figure.start, figure.end)
        places.append(
            FigurePlace(
                topic,
                scope,
                rejection(sentence, published_year, paragraph, figure.span),
                place_of(relevance, text, figure, topic),
                anchors_of(relevance, incident_window(text, figure.start, figure.end), topic)
                if scope != "cumulative"
                else None,
                figure.kind == "captured" and _RELEASE.search(_near_in_sentence(text, figure)) is not None,
            )
        )
    return tuple(places)
