"""The possessive name scan finds exactly what the backtracking one found, over any chunks of any text."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from digests.extract.antecedents import NAME_RE
from digests.extract.sentences import SP

# The scan as it was written before its runs were made possessive: the reference it must equal.
_WORD = r"[A-Z][a-z’'\-]+(?:[A-Z][a-z’'\-]+)?"  # "Trump", "McDaniel"
_BACKTRACKING = re.compile(_WORD + r"(?:" + SP + _WORD + r")+")
# Characters and pieces around which the two could part: capitals, letters, marks, spaces of every kind.
_PIECES = st.sampled_from(
    ["A", "Kim", "Jong", "Un", "McDonald", "McDaniel", "DeSantis", "MacArthur", "the ", "The ", "x", "’s", "'", "-", " ", "  ", "\n", "\u00a0",
     "\u200b", "\ufeff", "Donald Trump", "Jr", "É", "é", "1", ",", ".", "North Korea’s", "al-Assad"]
)  # fmt: skip
_TEXT = st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=40).map("".join))


def _spans(pattern: re.Pattern[str], text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Every match of pattern read chunk by chunk, as Speakers reads names up to each lookup."""
    found: list[tuple[int, int]] = []
    for lo, hi in pairwise(cuts):
        found.extend(m.span() for m in pattern.finditer(text, lo, hi))
    return found


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.lists(st.integers(min_value=0, max_value=2000), max_size=6))
def test_possessive_scan_equals_backtracking_scan(text: str, offsets: list[int]) -> None:
    cuts = [0, *sorted({o % (len(text) + 1) for o in offsets}), len(text)]
    assert _spans(NAME_RE, text, cuts) == _spans(_BACKTRACKING, text, cuts)
