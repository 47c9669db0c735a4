"""How a figure reads: its amount as a newsroom would write it, and who claims it."""

from __future__ import annotations

import re

from digests.digest.model import Claim, FigureGroup

# Wording that already says how big the number is; the phrase reads better than the range it maps to.
VAGUE = frozenset(
    {
        "a few",
        "a few dozen",
        "a few hundred",
        "a few thousand",
        "a handful",
        "dozens",
        "hundreds",
        "hundreds of thousands",
        "many",
        "millions",
        "scores",
        "several",
        "several dozen",
        "several hundred",
        "several thousand",
        "tens of thousands",
        "thousands",
    }
)
# A vague phrase we have not listed still names a magnitude ("several hundred thousand").
_MAGNITUDE = re.compile(r"\b(?:dozens?|hundreds?|thousands?|millions?|scores|handful|many|few)\b")

# A floor: the phrase stays, the number after it is the claim's minimum.
AT_LEAST = frozenset(
    {
        "at least",
        "more than",
        "over",
        "upwards of",
        "in excess of",
        "no fewer than",
        "no less than",
        "above",
        "north of",
    }
)
# A ceiling: the phrase stays, the number after it is the claim's maximum.
UP_TO = frozenset({"up to", "as many as", "fewer than", "less than", "under", "no more than", "at most"})
# An estimate: the phrase collapses to "~", which is shorter and says the same.
ABOUT = frozenset(
    {
        "about",
        "almost",
        "an estimated",
        "approximately",
        "around",
        "close to",
        "estimated",
        "nearly",
        "roughly",
        "some",
        "approx.",
        "circa",
    }
)

EN_DASH = "–"


def _number(value: int) -> str:
    return f"{value:,}"


def _span(low: int | None, high: int | None) -> str:
    if low is not None and high is not None and low != high:
        return f"{_number(low)}{EN_DASH}{_number(high)}"
    value = low if low is not None else high
    return "" if value is None else _number(value)


def _normalise(qualifier: str | None) -> str:
    return " ".join((qualifier or "").lower().split())


def describe_amount(min: int | None, max: int | None, qualifier: str | None) -> str:
    """The amount as a reader should see it: "several hundred", "at least 30", "~10,000", "200–300"."""
    q = _normalise(qualifier)
    known = q in AT_LEAST or q in UP_TO or q in ABOUT
    if q in VAGUE or (q and not known and _MAGNITUDE.search(q)):
        return q
    floor = min if min is not None else max
    ceiling = max if max is not None else min
    if floor is None or ceiling is None:
        return q or "unknown"
    if q in AT_LEAST:
        return f"{q} {_number(floor)}"
    if q in UP_TO:
        return f"{q} {_number(ceiling)}"
    if q in ABOUT:
        return f"~{_span(min, max)}"
    if q:
        return f"{q} {_span(min, max)}"
    # No wording, but an open end still says which way the number leans.
    if max is None:
        return f"at least {_number(floor)}"
    if min is None:
        return f"up to {_number(ceiling)}"
    return _span(min, max)


def claim_amount(claim: Claim) -> str:
    amount = describe_amount(claim.min, claim.max, claim.qualifier)
    if not claim.counted:
        return amount
    # "175 schoolgirls", "scores of children": a phrase without a number takes "of".
    return f"{amount} {'of ' if not any(c.isdigit() for c in amount) else ''}{claim.counted}"


def claimant(claim: Claim, group: FigureGroup | None = None) -> str:
    """Who says so; a claim with no claimant is the outlet's own: "via Reuters", never as if the outlet
    (or a feed's file name) had claimed it."""
    if claim.claimant:
        return ", ".join((claim.claimant, *claim.also))
    return f"via {claim.article.source}"


def moved(claim: Claim) -> str:
    """How a running total moved since the count the last digest showed, as " (+86 since 2 Dec)" or
    " (−12 since 30 Nov 2025)" (the year when it is not the claim's own); nothing when it held."""
    if not claim.change:
        return ""
    sign = "+" if claim.change > 0 else "−"
    since = ""
    if claim.change_since is not None:
        earlier, now = claim.change_since, claim.article.published_at
        day = f"{earlier.day} {earlier:%b}"
        since = f" since {day}" if now is not None and now.year == earlier.year else f" since {day} {earlier.year}"
    return f" ({sign}{_number(abs(claim.change))}{since})"
