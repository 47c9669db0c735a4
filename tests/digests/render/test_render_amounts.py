"""describe_amount and claimant: how a figure reads, checked against exact strings."""

from __future__ import annotations

import pytest

from digests.digest.model import FigureGroup
from digests.render import describe_amount
from digests.render.amounts import claimant
from tests.digests.render.render_samples import ARTICLE, claim


@pytest.mark.parametrize(
    ("low", "high", "qualifier", "expected"),
    [
        # Vague wording prints as the phrase, whatever range it was mapped to.
        (200, 999, "hundreds", "hundreds"),
        (200, 900, "several hundred", "several hundred"),
        (200, 900, "Several hundred", "several hundred"),
        (2000, 9999, "thousands", "thousands"),
        (24, 99, "dozens", "dozens"),
        (20000, 99999, "tens of thousands", "tens of thousands"),
        (200000, 999999, "hundreds of thousands", "hundreds of thousands"),
        (None, None, "several hundred thousand", "several hundred thousand"),
        # Floors keep their phrase, with the number formatted.
        (30, None, "at least", "at least 30"),
        (30, None, "more than", "more than 30"),
        (30, None, "over", "over 30"),
        (1500, None, "at least", "at least 1,500"),
        # Ceilings likewise.
        (None, 1000, "up to", "up to 1,000"),
        (None, 5000, "as many as", "as many as 5,000"),
        (0, 12000, "up to", "up to 12,000"),
        # Estimates collapse to a tilde.
        (10000, 10000, "around", "~10,000"),
        (10000, 10000, "about", "~10,000"),
        (10000, 10000, "nearly", "~10,000"),
        (10000, 10000, "some", "~10,000"),
        (10000, 10000, "an estimated", "~10,000"),
        (10000, 10000, "approximately", "~10,000"),
        (700000, 700000, "around", "~700,000"),
        (200, 300, "around", "~200–300"),
        # Ranges and plain numbers.
        (200, 300, None, "200–300"),
        (700000, 700000, None, "700,000"),
        (12, 12, None, "12"),
        (1_200_000, 1_200_000, None, "1,200,000"),
        # Open ends with no wording still say which way they lean.
        (30, None, None, "at least 30"),
        (None, 50, None, "up to 50"),
        (None, None, None, "unknown"),
        # Wording we do not know is kept, not dropped.
        (40, 40, "exactly", "exactly 40"),
    ],
)
def test_describe_amount(low: int | None, high: int | None, qualifier: str | None, expected: str) -> None:
    assert describe_amount(low, high, qualifier) == expected


def test_claimant_named() -> None:
    c = claim(30, None, "at least", "Ukraine", "span")
    assert claimant(c, FigureGroup(actor="North Korea", kind="casualties", claims=(c,))) == "Ukraine"


def test_lone_unattributed_claim_shows_its_outlet_as_via() -> None:
    c = claim(10_000, 10_000, "around", None, "span")
    assert claimant(c, FigureGroup(actor="North Korea", kind="deployed", claims=(c,))) == f"via {ARTICLE.source}"


def test_unattributed_claim_beside_others_shows_its_outlet() -> None:
    mine = claim(10_000, 10_000, "around", None, "span")
    theirs = claim(12_000, 12_000, None, "South Korea", "span")
    group = FigureGroup(actor="North Korea", kind="deployed", claims=(mine, theirs))
    assert [claimant(c, group) for c in group.claims] == [f"via {ARTICLE.source}", "South Korea"]
