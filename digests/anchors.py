"""What an incident's count is anchored to, read at ingest from its sentence and the one before: the kind of
place that was hit ("school", "ship") and the town or site named ("Minab", "Galle"). Two outlets' counts of one
strike rarely share their words or their number ("175 schoolgirls", "more than 160 people"), but they name
the same school in the same town; the digest joins incident counts by these anchors (digests/digest/incidents.py).
"""

from __future__ import annotations

import re

from digests.relevance import Relevance

# Words for what an attack hits, each mapped to one class: "warship" and "vessel" are one ship.
_SITES = {
    "school": "school",
    "schools": "school",
    "schoolgirls": "school",
    "schoolchildren": "school",
    "kindergarten": "school",
    "hospital": "hospital",
    "hospitals": "hospital",
    "clinic": "hospital",
    "ship": "ship",
    "warship": "ship",
    "vessel": "ship",
    "frigate": "ship",
    "destroyer": "ship",
    "submarine": "ship",
    "tanker": "tanker",
    "market": "market",
    "marketplace": "market",
    "mosque": "mosque",
    "church": "church",
    "camp": "camp",
    "shelter": "shelter",
    "convoy": "convoy",
    "bus": "bus",
    "train": "train",
    "hotel": "hotel",
    "embassy": "embassy",
    "consulate": "embassy",
    "airbase": "base",
    "barracks": "base",
    "airport": "airport",
    "refinery": "refinery",
    "bridge": "bridge",
    "wedding": "wedding",
    "funeral": "funeral",
    "prison": "prison",
    "stadium": "stadium",
    "bakery": "bakery",
    "checkpoint": "checkpoint",
}
SITE_CLASSES = frozenset(_SITES.values())
_SITE = re.compile(r"\b(?:" + "|".join(sorted(_SITES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# A town or site: capitalised words after a word of place ("in Minab", "off Galle", "the town of Minab").
_NAMED = re.compile(
    r"\b(?:in|at|near|off|outside|(?:city|town|village|port|district|province|camp) of)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)"
)
# Capitalised words that name no town: calendar words, and words an article capitalises for other reasons.
_NOT_PLACES = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday the a an his her their its this that these those some parliament
    congress senate government ministry council court washington reuters gulf middle east west north south
    europe asia africa region""".split()
)


def names_site(title: str) -> bool:
    """Whether a headline names what was hit ("…strike on Iran school"): it then names the incident well."""
    return _SITE.search(title) is not None


def anchors_of(relevance: Relevance, window: str, topic: str | None = None) -> str | None:
    """The anchors a count's sentence and the one before it give, sorted and space-separated ("minab school"),
    or None. The topic's own places are no anchor (every count of a war is "in Iran"); another country is
    ("a U.S. facility in Kuwait" in an Iran-war story)."""
    home = relevance.terms[topic].any if topic in relevance.terms else None
    found = {_SITES[m.group(0).lower()] for m in _SITE.finditer(window)}
    for m in _NAMED.finditer(window):
        name = re.sub(r"['’]s$", "", m.group("name"))  # "Sri Lanka's coast": the place is Sri Lanka
        first = name.split()[0].lower()
        if first in _NOT_PLACES or (home is not None and (home.fullmatch(name) or home.fullmatch(name.split()[0]))):
            continue
        if home is None and (relevance.places.fullmatch(name) or relevance.places.fullmatch(name.split()[0])):
            continue
        found.add(name.lower().replace(" ", "_"))
    return " ".join(sorted(found))[:200] or None
