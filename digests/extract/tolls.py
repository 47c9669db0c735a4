"""Stated and updated totals: a toll or "the number of" people named before an amount, and the kind it names."""

from __future__ import annotations

import re

from digests.extract.cues import (
    kind_named,
)
from digests.extract.sentences import SPI as SP  # a figure never runs across a line break
from digests.extract.sentences import clean
from digests.extract.vocab import (
    MILITARY_NOUNS,
)
from digests.model import FigureKind

# How a stated or updated total is given: "reached", "rose to", "now stands at", "was", "of", "to".
_TOTAL_VERBS = (
    r"(?:reached|rose|risen|climbed|grew|grown|increased|jumped|soared|swelled|mounted)(?:" + SP + r"to)?"
    r"|(?:stood|stands|stand)" + SP + r"at|put" + SP + r"at|hit|topped|exceeded|exceeds|surpassed|passed|crossed"
    r"|totall?ed|totals|estimated" + SP + r"at"
)

# Links that state a total only close to its noun: "the toll of 1,200", "the total death toll ... is 40,000".
_TOTAL_LINKS = r"at|to|of|was|is|were|are|be"

# A toll named before the amount: "the death toll ... had reached 787", "casualties ... reached 1,262".
_TOLL_BEFORE = re.compile(
    r"\b(?P<toll>(?i:(?:death"
    + SP
    + r")?toll|casualties|losses|deaths|injuries|fatalities))\b(?:[^.;]{0,120}?\b(?:"
    + _TOTAL_VERBS
    + r")|[^.;]{0,80}?\b(?:"
    + _TOTAL_LINKS
    + r"))"
    + r"(?:"
    + SP
    + r"(?:possibly|probably|perhaps|likely))?"  # "revised the death toll to possibly hundreds"
    + SP
    + r"[\"“]?$"  # 'had reached "over 51"'
)

# A toll updated to a count of people named after it: "the death toll ... has reached 1,420 people" (a people noun
# after the amount asks for a verb of reaching; "casualties ... in the town of 5,000 residents" is none).
_TOLL_REACHED = re.compile(
    r"\b(?P<toll>(?i:(?:death"
    + SP
    + r")?toll|casualties|losses|deaths|injuries|fatalities))\b[^.;]{0,120}?\b(?:"
    + _TOTAL_VERBS
    + r")"
    + SP
    + r"$"
)

# A total stated as the number of people something happened to: "the number of wounded reached 210", "the total
# number of people killed has risen to 1,450"; the kind is read from what is counted.
_NUMBER_OF_BEFORE = re.compile(
    r"\b(?:[Nn]umber|[Tt]ally|[Cc]ount)"
    + SP
    + r"of"
    + SP
    + r"(?P<what>[^.;:!?]{1,130}?)(?:"
    + SP
    + r"(?:has|have|had|now|already|so"
    + SP
    + r"far|officially))*"
    + SP
    + r"(?:"
    + _TOTAL_VERBS
    + "|"
    + _TOTAL_LINKS
    + r")"
    + SP
    + r"[\"“]?$"
)

# A cheap test before the toll patterns: one of their nouns somewhere in the window.
TOLL_HINT = re.compile(r"toll|casualt|losses|[Dd]eaths|[Ii]njuries|[Ff]atalities|[Nn]umber|[Tt]ally|[Cc]ount")

_TOLL_KIND: dict[str, FigureKind] = {
    "death toll": "killed", "toll": "killed", "casualties": "casualties", "losses": "casualties", "deaths": "killed",
    "injuries": "wounded", "fatalities": "killed",
}  # fmt: skip

# A label ending in a colon right before a bare count, as in a list of figures: "Total captured: 251".
LABEL_BEFORE = re.compile(rf"(?:^|\n)(?P<label>[A-Z][^:\n.;]{{2,80}}):(?:{SP})?$")


def stated_total(window: str, bare: bool) -> FigureKind | None:
    """The kind of a total named right before an amount: a toll, or the number of people something happened to.
    A count with its own people noun (not bare) takes only a toll that reached it."""
    if not bare:
        reached = _TOLL_REACHED.search(window)
        return None if reached is None else _TOLL_KIND[clean(reached.group("toll")).lower()]
    toll = _TOLL_BEFORE.search(window)
    number_of = _NUMBER_OF_BEFORE.search(window) if "umber" in window or "ally" in window or "ount" in window else None
    if toll is not None and (number_of is None or toll.start() > number_of.start()):
        return _TOLL_KIND[clean(toll.group("toll")).lower()]
    if number_of is None:  # the nearer of the two names the total: "43 casualties ... the number of people killed"
        return None
    what = number_of.group("what")
    kind = kind_named(what)
    if kind is None and any(w in MILITARY_NOUNS for w in clean(what).split()):
        return "deployed"  # "the total number of Kenyan police in Haiti to 744": armed people there
    return kind
