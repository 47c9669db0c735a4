"""Kind cues beyond the words next to an amount: the sentence's topic, an "Among … are N" frame, shared predicates."""

from __future__ import annotations

import re

from digests.extract.sentences import SPI as SP
from digests.extract.vocab import DEMONYMS, NOUN_KIND, VERB_KIND
from digests.model import FigureKind

# A prisoner exchange named in the sentence: the people counted in it were held by the other side.
SWAP_CUE = re.compile(
    r"\b(?:prisoners?|POWs?|captives?|hostages?)" + SP + r"(?:swaps?|exchanges?|trades?|releases?)\b"  # "prisoner swap"
    r"|\b(?:swaps?|exchanges?)"
    + SP
    + r"of"
    + SP
    + r"(?:prisoners|POWs|captives|hostages|bodies)\b"  # "exchange of POWs"
    r"|\b(?:brought|returned)" + SP + r"home" + SP + r"from" + SP + r"captivity\b"  # "returned home from captivity"
    r"|\b(?:exchanged|swapped|traded|exchanging|swapping)\b[^.;]{0,40}?\b(?:prisoners|POWs|captives|hostages|detainees)\b"
)
# Shelters and camps for the displaced named in the sentence: civilians counted there have fled.
SHELTER_CUE = re.compile(
    r"\b(?:collective|emergency|temporary|makeshift|displacement|evacuation|refugee)"
    + SP
    + r"(?:shelters?|centres?|centers?|camps?|sites?)\b"  # "collective shelters", "refugee camps"
    r"|\bcamps?" + SP + r"for" + SP + r"(?:the" + SP + r")?(?:displaced|refugees)\b"  # "camps for the displaced"
)
# Nouns for civilians, the only people a shelter cue makes displaced.
CIVILIAN_NOUNS = frozenset(
    [
        "people",
        "persons",
        "individuals",
        "civilians",
        "residents",
        "inhabitants",
        "villagers",
        "families",
        "children",
        "women",
        "men",
        "households",
    ]
)
# "Among the tens of thousands of Ukrainians killed ... are 488 athletes": the frame names the kind.
AMONG_BEFORE = re.compile(
    r"\b[Aa]mong" + SP + r"(?P<what>[^.;:!?\n]{3,160}?)" + SP + r"(?:are|were|is|was)"
    r"(?:" + SP + r"(?:also|reportedly|reported|listed|counted|said" + SP + r"to" + SP + r"be))*" + SP + r"$"
)
_KIND_WORDS = sorted({*VERB_KIND, *NOUN_KIND}, key=len, reverse=True)
# A kind word inside the "Among" frame.
_KIND_IN = re.compile(r"\b(?P<w>" + "|".join(re.escape(w) for w in _KIND_WORDS).replace(r"\ ", SP) + r")\b")
# What joins a count to the figure before it so that it shares that figure's kind: a subset ("…, including
# two children", "of whom 12") or a coordinated count ("13 Israelis and 11 Thai workers", "1,262 and 1,163").
JOIN_AFTER = re.compile(
    rf"^(?:{SP}(?:in|on|at|from|of|with){SP}[^,.;:\d\n()]{{1,60}}?)?"  # a place or a trait between: "2,500 troops
    # in Iraq and 900 in Syria", "678 residents of Sweida, among them 145", "9 people with special needs, 4 paramedics"
    rf"(?:{SP})?(?:,(?:{SP})?(?:(?:and|or|including|plus|of{SP}whom|of{SP}them|among(?:st)?{SP}them|along{SP}with"
    rf"|as{SP}well{SP}as"
    rf"|together{SP}with){SP})?"
    rf"|{SP}(?:and|or|plus|as{SP}well{SP}as|including|along{SP}with|together{SP}with){SP}"
    rf"|(?:{SP})?[—–](?:{SP})?(?:including|among(?:st)?{SP}them){SP})"  # "five people—including three civilians"
    rf"(?:(?:his|her|their){SP})?$"  # "the bodies of his four sons and his two grandsons"
)
# What lies between a kindless count and a later one whose verb they share: "115,000 people in Afghanistan
# and 3,000 in Pakistan were thought to have fled".
JOIN_BEFORE = re.compile(rf"^(?:{SP}(?:in|on|at|from|of){SP}[^,.;:\d\n]{{1,60}}?)?,?{SP}(?:and|or){SP}$")
# Between counts of people in a list that ends in their shared verb: "seven children, 10 women, six medical
# personnel, and two media workers were among those killed".
LIST_BEFORE = re.compile(
    rf"^(?:{SP}(?:in|of|from|with){SP}[^,.;:\d\n()]{{1,40}}?)?(?:,{SP}(?:and{SP})?|,?{SP}and{SP})$"
)


# A sentence opening with an "Among … are" frame: every count after it is among them ("Among the dead are
# former rebels, including five signatories ...").
AMONG_OPENING = re.compile(r"^(?:\W*)[Aa]mong" + SP + r"(?P<what>[^.;:!?\n,]{3,40}?)" + SP + r"(?:are|were)\b")


def among_kind(before: str, opening: str = "") -> FigureKind | None:
    """The kind an "Among … are" frame ending right before an amount names, or that the sentence's opening
    frame names (opening: the sentence up to the amount), or None."""
    frame = AMONG_BEFORE.search(before)
    if frame is None and opening:
        frame = AMONG_OPENING.match(opening)
    return None if frame is None else kind_named(frame.group("what"))


def kind_named(phrase: str) -> FigureKind | None:
    """The kind the first kind word in a phrase names ("tens of thousands of Ukrainians killed" -> killed)."""
    word = _KIND_IN.search(phrase)
    if word is None:
        return None
    key = " ".join(word.group("w").split())
    return VERB_KIND.get(key) or NOUN_KIND.get(key)


_DEMONYM_WORDS = "|".join(sorted((re.escape(d) for d in DEMONYMS), key=len, reverse=True)).replace(r"\ ", SP)
# A captivity the sentence names outright: the people counted are held by a warring party or swapped.
_CAPTIVITY = re.compile(
    r"\b(?:prisoners?" + SP + r"of" + SP + r"war|POWs?|hostages?|captiv\w*|bargaining" + SP + r"chips?"  # held
    r"|abduct\w*|kidnap\w*|whisk\w*" + SP + r"away"  # taken by force
    r"|(?:" + _DEMONYM_WORDS + r")" + SP + r"(?:jails?|prisons?|custody|detention))"  # held by another side
)
# A criminal case or a state jailing its own people (DEV_RULES 5): arrests, charges, courts, pardons.
_CRIMINAL = re.compile(
    r"\b(?:arrest\w*|charges?|charged|suspicion|suspects?|courts?|sentenc\w*|convict\w*|pardon\w*"  # justice
    r"|prosecut\w*|police|crackdown|protest\w*|politic\w*|dissent\w*|expel\w*"  # state repression
    r"|espionage|extremism|laundering|trial|indict\w*|behind" + SP + r"bars)\b"  # charges and prison
)
# The justice part alone: a war's hostages held "in captivity" outweigh protests or politics in their sentence.
_LEGAL = re.compile(
    r"\b(?:arrest\w*|charges?|charged|suspicion|suspects?|courts?|sentenc\w*|convict\w*|pardon\w*|prosecut\w*"
    r"|espionage|extremism|laundering|trial|indict\w*|behind" + SP + r"bars)\b"
)
# Captivity no state calls its own justice: hostages, prisoners of war, "in captivity".
_HOSTAGES = re.compile(r"\b(?:hostages?|captivity|POWs?|prisoners" + SP + r"of" + SP + r"war)\b")
# Fighting in the paragraph: a count of people held there may be captives of a warring side.
_WAR = re.compile(
    r"(?i:\b(?:war|wars|military|troops|soldiers|forces|militants?|fighters|armed|army|Hamas|Hezbollah|Houthis?"
    r"|rebels?|insurgents?|jihadists?|guerrillas?|paramilitar\w*|shelling|air" + SP + r"?strikes?"
    r"|RSF|M23|al-Shabaab|Shabaab|Boko" + SP + r"Haram|Islamic" + SP + r"State|ISIS|JNIM|bandits|gunmen|junta"
    r"|Taliban|militias?|frontline|front" + SP + r"line|battle\w*|invasion|conflict|captured|seized|occupied)\b)"
)


# Captives set free: with a warring side in the same sentence, they were held by the other one.
_FREED = re.compile(r"\b(?:freed|released|liberated|set" + SP + r"free)\b")


def held_in_war(text: str, sent_start: int, sent_end: int) -> bool:
    """Whether people counted as held in a sentence are captives of a warring side (DEV_RULES 5): a swap, or a
    captivity in a sentence without a criminal case, else fighting in the paragraph and no arrest, charge or
    political case there."""
    if SWAP_CUE.search(text, sent_start, sent_end):
        return True
    if _HOSTAGES.search(text, sent_start, sent_end) and not _LEGAL.search(text, sent_start, sent_end):
        return True  # "the demonstrators protested that 133 hostages remain in captivity"
    if _CRIMINAL.search(text, sent_start, sent_end):
        return False  # "detained seven Ukrainians ... on suspicion of money laundering"
    if _CAPTIVITY.search(text, sent_start, sent_end):
        return True
    if _FREED.search(text, sent_start, sent_end) and _WAR.search(text, sent_start, sent_end):
        return True  # "an operation by the army, which freed 42 women", whatever crackdown the paragraph names
    par_start = text.rfind("\n", 0, sent_start) + 1
    par_end = text.find("\n", sent_end)
    par_end = len(text) if par_end < 0 else par_end
    if _CRIMINAL.search(text, par_start, par_end):
        return False
    return _WAR.search(text, par_start, par_end) is not None
