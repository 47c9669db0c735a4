"""Normalises who a figure is about and who claims it, so claims from different wordings group together."""

from __future__ import annotations

import re

from digests.places import PLACES

# Demonyms and aliases of the parties most often counted, mapped to the name a reader expects.
_PLACES = {
    "north korea": "North Korea",
    "north korean": "North Korea",
    "north koreans": "North Korea",
    "dprk": "North Korea",
    "pyongyang": "North Korea",
    "russia": "Russia",
    "russian": "Russia",
    "russians": "Russia",
    "moscow": "Russia",
    "ukraine": "Ukraine",
    "ukrainian": "Ukraine",
    "ukrainians": "Ukraine",
    "kyiv": "Ukraine",
    "israel": "Israel",
    "israeli": "Israel",
    "israelis": "Israel",
    "idf": "Israel",
    "palestinian": "Palestinians",
    "palestinians": "Palestinians",
    "gaza": "Gaza",
    "gazan": "Gaza",
    "gazans": "Gaza",
    "hamas": "Hamas",
    "hezbollah": "Hezbollah",
    "lebanon": "Lebanon",
    "lebanese": "Lebanon",
    "iran": "Iran",
    "iranian": "Iran",
    "iranians": "Iran",
    "syria": "Syria",
    "syrian": "Syria",
    "syrians": "Syria",
    "sudan": "Sudan",
    "sudanese": "Sudan",
    "yemen": "Yemen",
    "yemeni": "Yemen",
    "houthi": "Houthis",
    "houthis": "Houthis",
    "us": "US",
    "u.s.": "US",
    "u.s": "US",
    "united states": "US",
    "american": "US",
    "americans": "US",
}
# Words that say the count is of fighters: the group is the side itself ("North Korean soldiers" → North Korea).
_MILITARY = re.compile(
    r"\b(?:soldiers?|troops?|forces?|fighters?|servicemen|service ?members|military|army|personnel|units?|"
    r"combatants?|militants?|infantry|men)\b",
    re.IGNORECASE,
)
_DETERMINERS = re.compile(r"^(?:the|a|an|some|its|their|his|her)\s+", re.IGNORECASE)
# Rank and manner words that don't change who is speaking ("senior US military official" → "US official").
_CLAIMANT_NOISE = re.compile(
    r"\b(?:senior|top|high-ranking|unnamed|anonymous|military|defen[cs]e|intelligence|government|"
    r"administration|two|three|several)\s+",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.;:'\"“”‘’")
    while True:
        stripped = _DETERMINERS.sub("", text)
        if stripped == text:
            return text
        text = stripped


# Actors that name no side: counts of them in different articles are different events, not rival claims.
_GENERIC = frozenset(
    """
    people person persons individuals civilians children kids minors women men residents locals victims
    patients passengers workers others bodies inhabitants villagers family families migrants girls boys
    students pupils infants babies teenagers elderly
    """.split()
)
UNNAMED = "People"


def actor_key(actor: str | None) -> str:
    """The group an actor belongs to: the side for fighters, the words as written for everyone else."""
    if not actor:
        return UNNAMED
    text = _clean(actor)
    if text.lower() in _PLACES:
        return _PLACES[text.lower()]
    without = _clean(_MILITARY.sub("", text))
    if without.lower() in _PLACES:
        return _PLACES[without.lower()]
    return text[:1].upper() + text[1:]


# A state's fighters written without their state ("six service members", "two Army Reserve soldiers",
# "four other reservists"): whose they are is for their sentence to say (digests/digest/sides.py).
_UNSIDED = re.compile(
    r"(?:(?:army|reserve|national guard|navy|naval|air force|marine|active[- ]duty|other|more|its|their)\s+)*"
    r"(?:soldiers?|troops?|service ?members|servicemen|servicewomen|reservists?|marines)",
    re.IGNORECASE,
)


def unsided_fighters(actor: str | None) -> bool:
    """Whether an actor counts a state's fighters without naming the state ("service members", "soldiers")."""
    return bool(actor) and _UNSIDED.fullmatch(_clean(actor or "")) is not None


# A nation's people named by their nationality alone.
_NATIONALS = frozenset(
    "north koreans russians ukrainians israelis palestinians gazans lebanese iranians syrians sudanese yemenis "
    "americans".split(" ")
)


def nationals(actor: str | None) -> bool:
    """Whether an actor is a nationality alone ("Lebanese", "Iranians"): people of that nation counted, not a
    party's fighters ("Russian soldiers") nor the party itself ("Russia")."""
    return bool(actor) and _clean(actor or "").casefold() in _NATIONALS


def people_key(actor: str | None) -> str:
    """The group of an actor as a reader names it: a nationality alone as written ("Lebanese · killed", not the
    party "Lebanon"), everyone else by actor_key."""
    if not nationals(actor):
        return actor_key(actor)
    text = _clean(actor or "")
    return text[:1].upper() + text[1:]


def names_actor(actor: str | None, wanted: str) -> bool:
    """Whether what a user asked for (`/casualties civilians`) names this actor: its group, or words in it."""
    low = wanted.casefold()
    return actor_key(actor).casefold() == low or bool(actor and low in actor.casefold())


# Anonymous people are named by their role; rank words only change who they are when a body is named.
_ANONYMOUS = re.compile(r"\b(?:officials?|sources?|diplomats?|officers?|spokesp(?:erson|eople))$", re.IGNORECASE)


def is_generic(key: str) -> bool:
    """Whether a grouped actor names no side ("People", "Civilians", "Children"): such counts from
    different articles are kept apart rather than shown as claims that disagree."""
    return key.casefold() in _GENERIC


_NATIONS = frozenset(name.strip().casefold() for name in PLACES) | frozenset(_PLACES)


def counts_people(key: str) -> bool:
    """Whether an actor counts people rather than a side's fighters, with or without a nationality: "People",
    "Civilians", "Iranian civilians" (a side alone, "Russia", counts its fighters)."""
    words = key.casefold().split()
    return bool(words) and words[-1] in _GENERIC and all(w in _NATIONS for w in words[:-1])


# Words no claimant's name starts with: a clause's fragment read as one ("to retaliate for what it") is no one.
_FRAGMENT = re.compile(r"(?:to|for|what|which|that|who|whom|it|if|as|when|because|than)\b", re.IGNORECASE)


def claimant_key(claimant: str | None) -> str | None:
    """The claimant as shown: determiners dropped, and for an anonymous official its rank words too,
    so "a US official" and "senior US military official" merge while "military intelligence" stays."""
    if not claimant or _FRAGMENT.match(claimant.strip()):
        return None
    text = _clean(claimant)
    if _ANONYMOUS.search(text):
        text = _clean(_CLAIMANT_NOISE.sub("", text))
    return text or None


_POSSESSIVE = re.compile(r"['’]s\b")


def claimant_series(claimant: str) -> str:
    """Who keeps a running count, however an article names them: "Lebanon's health ministry", "the Lebanese
    health ministry" and "Lebanon's Health Ministry" are one series of counts."""
    words = _POSSESSIVE.sub("", _clean(claimant)).casefold().split()
    return " ".join(_PLACES.get(w, w).casefold() for w in words)
