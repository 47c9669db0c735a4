"""Kinds a count's clause or sentence tells when no word next to it does: deployment as presence or size, captivity,
flight, an "Among … are" frame."""

from __future__ import annotations

import re

from digests.extract.actors import DEPLOY_CUE
from digests.extract.cues import (
    CIVILIAN_NOUNS,
    SHELTER_CUE,
    SWAP_CUE,
    among_kind,
)
from digests.extract.figure_words import AMONG_THEM, HOSTAGE_AFTER, TAKEN_BEFORE
from digests.extract.numbers import Amount
from digests.extract.sentences import SPI as SP  # a figure never runs across a line break
from digests.extract.sentences import clean
from digests.extract.vocab import (
    EMPTY_ACTORS,
    MILITARY_NOUNS,
)
from digests.model import FigureKind

# A force counted by its size: "a 2,500-strong multinational force", "a 1,000-strong contingent".
STRONG_FORCE = re.compile(
    rf"[-‑]strong(?:{SP}[\w\-]+){{0,2}}?{SP}(?:force|contingent|battalion|brigade|unit|mission|deployment"
    rf"|task{SP}force|peacekeeping{SP}force|police{SP}force)\b"
)

# Armed people named in a sentence, so a bare count a verb of sending governs is of them.
TROOPS = re.compile(r"\b(?:troops|soldiers|peacekeepers|personnel|forces|contingents?)\b")

# A nationality among a count's modifiers: "Kenyan", "Rwandan", "Chadian", "Senegalese".
_DEMONYM_MOD = re.compile(r"\b[A-Z][a-z]+(?:an|ese|i)\b")


def foreign_officers(noun: str | None, noun_m: re.Match[str] | None) -> bool:
    """ "1,000 Kenyan officers stationed in Haiti": officers of another country, placed by a verb of deployment (a
    city's own "199 officers" are its force, not a deployment)."""
    return noun == "officers" and noun_m is not None and _DEMONYM_MOD.search(noun_m.group("mods")) is not None


def people_sent(noun: str | None, before_m: re.Match[str] | None) -> bool:
    """ "deployed some 8,000 North Koreans": a people deployed by a verb of sending before them."""
    return (
        noun is not None
        and noun[:1].isupper()
        and before_m is not None
        and clean(before_m.group("v")).startswith(("deploy", "sent", "send", "dispatch", "station"))
    )


# Armed people present in a country are deployed there: "2,500 Kenyan soldiers are currently in Haiti", "28,500
# troops in South Korea", "1,000 troops from Chad" (a place, a region or a country must follow, not "the car").
PRESENCE_AFTER = re.compile(
    rf"(?:{SP}(?:are|were|is|remain|remained|still|currently|now|already|reportedly|permanently|on{SP}the{SP}ground)\b)*"
    rf"{SP}(?P<prep>in|inside|from)(?:{SP}the)?"
    rf"(?:{SP}(?:eastern|western|northern|southern|central|north|south|east|west|occupied|breakaway|neighbouring"
    r"|neighboring|north-?eastern|north-?western|south-?eastern|south-?western))?"
    rf"{SP}(?:[A-Z][a-z]|(?:country|region|territory|enclave|kingdom|republic|area)\b)"
)

# A unit or an armed group's name after "from": "from the Army's 3rd Battalion", "from the Revolutionary Armed Forces".
_UNIT_NAME = re.compile(
    r"[^.;:,\n]{0,50}?\b(?:Army|Armed|Forces|Battalion|Regiment|Brigade|Division|Corps|Front|Movement|Unit)\b"
)

# A state's armed forces, whose presence "in the area" is a deployment (an armed group's is its strength:
# "the group has an estimated 2,000 fighters in the area").
_STATE_FORCES = frozenset(["troops", "soldiers", "servicemen", "service members", "personnel", "marines", "Marines",
                           "sailors", "airmen", "peacekeepers", "police officers", "policemen", "forces"])  # fmt: skip


def _present(text: str, end: int, noun: str) -> bool:
    """Whether armed people are said to be in a country or region right after their count."""
    m = PRESENCE_AFTER.match(text, end)
    return m is not None and (not m.group(0).endswith("area") or noun in _STATE_FORCES)


# Flight told in the clause after civilians: "5,000 people are on the road, forced to flee", "700,000 people
# are now living in camps after fleeing the violence".
_FLIGHT_AFTER = re.compile(
    r"[^.;:!?\d\"“”\n]{0,60}?(?:,|" + SP + r"after|" + SP + r"while|" + SP + r"having)"
    rf"{SP}(?:forced{SP}to{SP}flee|fleeing|fled|being{SP}displaced|displaced{SP}by|driven{SP}(?:out|from))\b"
)

# People hiding from fighting in the wild: "2,000 villagers are hiding in the bush", "have been hiding in the nearby
# forests since last week".
_HIDING_AFTER = re.compile(
    rf"[^.;:!?\"“”\n]{{0,90}}?{SP}(?:hiding|sheltering|living|sleeping|camped|camping|taking{SP}refuge){SP}in"
    rf"(?:{SP}(?:the|nearby|surrounding|neighbouring|neighboring|dense)){{0,2}}"
    rf"{SP}(?:bush|forests?|jungles?|mountains?|hills|caves?|swamps?|woods)\b"
)
# Driven from their homes by a verb before the people: "has forced over 100,000 people from their homes", "driving tens
# of thousands of Israelis from their homes".
_DRIVING_BEFORE = re.compile(
    rf"\b(?:forc|driv|drove|push|chas|uproot|expel|evict)[a-z]*{SP}(?:(?:out|away){SP})?"
    rf"(?:(?:an{SP}estimated|some|about|around|nearly|almost|over|more{SP}than|at{SP}least|up{SP}to){SP})?$"
)
_FROM_HOMES = re.compile(
    rf"(?:{SP}(?:out{SP}of|from|off)){SP}(?:their|his|her)(?:{SP}(?:own|ancestral))?{SP}(?:homes?|houses?|villages?|lands?)\b"
)
# People coming home in a sentence about captives: "150 Russian servicemen were returning home" beside a count of
# former captives, "95 Ukrainian defenders returned home" after an exchange.
_HOME_AFTER = re.compile(
    rf"(?:{SP}(?:were|are|have|had|has|been|being|now|also|finally|all))*{SP}(?:returning|returned|return|brought"
    rf"|coming|came|come|going|went|flown|sent)(?:{SP}back)?{SP}home\b"
)
_CAPTIVE_WORDS = re.compile(r"\b(?:captives?|captivity|prisoners?|POWs?|swaps?|exchanges?|hostages?)\b")
# People kept by a side: "8,000 Ukrainians are in Russian captivity", "remain in Israeli detention".
_IN_CAPTIVITY = re.compile(
    rf"(?:{SP}(?:are|were|is|was|remain|remained|still|now|currently|being|been|believed|thought|to|be)\b)*"
    rf"{SP}in{SP}(?:[A-Z][\w\-]*{SP})?(?:captivity|custody|detention|jails?|prisons?)\b"
)

# How far back an "Among … are" frame can start (its inner phrase is at most 160 characters): a bounded window
# keeps a long sentence from being searched again at every amount in it.
_AMONG_REACH = 240


def sentence_cue(
    text: str, amount: Amount, noun: str | None, sent_start: int, sent_end: int, end: int
) -> FigureKind | None:
    """A kind from the sentence around a count that has none next to it: an "Among … are" frame, a
    deployment, a prisoner swap, hostages taken, shelters or hiding places of the displaced, people driven from their
    homes."""
    opening = text[sent_start : amount.start] if text.startswith(("Among", "among"), sent_start) else ""
    kind = among_kind(text[max(sent_start, amount.start - _AMONG_REACH) : amount.start], opening)
    if kind is not None or noun is None or noun in EMPTY_ACTORS:
        return kind
    clause = text[max(sent_start, amount.start - 120) : min(sent_end, end + 60)]
    if noun in MILITARY_NOUNS and (DEPLOY_CUE.search(clause) or _present_in_place(text, amount, end, noun)):
        return "deployed"
    if SWAP_CUE.search(text, sent_start, sent_end) or _IN_CAPTIVITY.match(text, end):
        return "captured"
    if _HOME_AFTER.match(text, end) and _CAPTIVE_WORDS.search(text, sent_start, sent_end):
        return "captured"  # held_in_war then tells captives of a war from prisoners of a state
    if TAKEN_BEFORE.search(text, max(0, amount.start - 12), amount.start) and HOSTAGE_AFTER.match(text, end):
        return "captured"  # held_in_war then tells hostages of an armed group from a state's prisoners
    if noun in CIVILIAN_NOUNS and (
        SHELTER_CUE.search(text, sent_start, sent_end)
        or _FLIGHT_AFTER.match(text, end)
        or _HIDING_AFTER.match(text, end)
    ):
        return "displaced"
    if (
        noun not in MILITARY_NOUNS
        and _FROM_HOMES.match(text, end)
        and _DRIVING_BEFORE.search(text, max(sent_start, amount.start - 40), amount.core_start)
    ):
        return "displaced"
    return None


def _present_in_place(text: str, amount: Amount, end: int, noun: str) -> bool:
    """Armed people said to be in or from a country, as a count of its own: "1,000 troops from Chad". Not a part of
    a count before ("including seven former fighters from the FARC"), nor people named by their unit ("seven
    soldiers from the Army's 3rd Battalion")."""
    if not _present(text, end, noun) or AMONG_THEM.search(text, max(0, amount.start - 40), amount.start):
        return False
    presence = PRESENCE_AFTER.match(text, end)
    if presence is None:
        return False
    return not (presence.group("prep") == "from" and _UNIT_NAME.match(text, presence.end() - 1))
