"""Fast candidate scans: alternations led by a literal character, so the regex engine skips ahead by charset."""

from __future__ import annotations

import re
from collections.abc import Iterable


def literal_alternation(phrases: Iterable[str], space: str = r"\s+") -> str:
    """One alternation for many phrases, grouped by first character, with no assertion before it.

    Python's regex engine only searches fast (a charset test per position instead of a full attempt)
    when every branch of a pattern starts with a plain literal; grouping by first character keeps that
    true and leaves one quick branch test per position. Spaces inside a phrase match `space`.
    """
    by_first: dict[str, list[str]] = {}
    for phrase in sorted(set(phrases), key=len, reverse=True):
        by_first.setdefault(phrase[0], []).append(phrase[1:])
    branches = []
    for first, tails in by_first.items():
        parts = "|".join(re.escape(t).replace(r"\ ", " ").replace(" ", space) for t in tails if t)
        optional = "" in tails
        body = f"(?:{parts})" + ("?" if optional else "") if parts else ""
        branches.append(re.escape(first) + body)
    return "(?:" + "|".join(branches) + ")"


# What may stand right before a word we scan for; leading each scan with it keeps the scan fast (one
# charset test per position) and makes the word start at a boundary.
BOUNDARY = "[ \t\n\r(\\[\"“‘'\\-–—/\u00a0\u200b\u200c\u200d\u2060\ufeff]"


def cased(words: Iterable[str]) -> list[str]:
    """Each word as written and with a capital first letter (sentence starts), for case-sensitive scans."""
    out: list[str] = []
    for w in words:
        out.append(w)
        out.append(w[:1].upper() + w[1:])
    return out
