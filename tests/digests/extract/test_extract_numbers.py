"""The amount reader: vague amounts, qualifiers, ranges, number words, separators and millions, exactly."""

from __future__ import annotations

import pytest

from digests.extract.numbers import VAGUE, parse_amount


def _read(phrase: str) -> tuple[int | None, int | None, str | None, str]:
    amount = parse_amount(phrase)
    assert amount is not None, phrase
    return amount.min, amount.max, amount.qualifier, phrase[amount.start : amount.end]


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("several", 2, 9),
        ("a dozen", 12, 12),
        ("dozens", 24, 99),
        ("scores", 40, 99),
        ("hundreds", 200, 999),
        ("several hundred", 200, 900),
        ("thousands", 2_000, 9_999),
        ("tens of thousands", 20_000, 99_999),
        ("hundreds of thousands", 200_000, 999_999),
    ],
)
def test_each_vague_amount_is_its_range_with_its_phrase_as_qualifier(phrase: str, low: int, high: int) -> None:
    assert _read(phrase) == (low, high, phrase, phrase)
    assert VAGUE[phrase] == (low, high)


def test_a_capitalised_vague_amount_keeps_a_lowercase_qualifier() -> None:
    assert _read("Hundreds of North Korean soldiers") == (200, 999, "hundreds", "Hundreds")
    assert _read("Several hundred casualties") == (200, 900, "several hundred", "Several hundred")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # a floor: max open
        ("at least 30 North Korean soldiers", (30, None, "at least", "at least 30")),
        ("more than 1,200 people", (1_200, None, "more than", "more than 1,200")),
        ("over 160 were killed", (160, None, "over", "over 160")),
        ("at least a dozen Chinese nationals", (12, None, "at least", "at least a dozen")),
        # a ceiling: min open
        ("up to 2,000 troops", (None, 2_000, "up to", "up to 2,000")),
        ("as many as 300 people", (None, 300, "as many as", "as many as 300")),
        # an estimate: the number on both bounds, qualifier kept
        ("around 10,000 troops", (10_000, 10_000, "around", "around 10,000")),
        ("about 40 people", (40, 40, "about", "about 40")),
        ("nearly 100 people", (100, 100, "nearly", "nearly 100")),
        ("some 5,000 Hezbollah fighters", (5_000, 5_000, "some", "some 5,000")),
        ("an estimated 29,000 people", (29_000, 29_000, "an estimated", "an estimated 29,000")),
    ],
)
def test_qualifiers(phrase: str, expected: tuple[int | None, int | None, str | None, str]) -> None:
    assert _read(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("between 150 and 200 people", (150, 200, None, "between 150 and 200")),
        ("150 to 200 people", (150, 200, None, "150 to 200")),
        ("2,000-3,000 soldiers", (2_000, 3_000, None, "2,000-3,000")),
        ("five or six died", (5, 6, None, "five or six")),
        ("1 to 2 million people", (1_000_000, 2_000_000, None, "1 to 2 million")),
    ],
)
def test_ranges(phrase: str, expected: tuple[int | None, int | None, str | None, str]) -> None:
    assert _read(phrase) == expected


def test_a_list_of_two_counts_is_not_a_range() -> None:
    assert _read("reached 1,262 and 1,163 in the two months") == (1_262, 1_262, None, "1,262")


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("seven", 7),
        ("twenty-one", 21),
        ("ninety nine", 99),
        ("a hundred", 100),
        ("three thousand", 3_000),
        ("10,000", 10_000),
        ("700,000", 700_000),
        ("1.2 million", 1_200_000),
        ("2 million", 2_000_000),
    ],
)
def test_number_words_separators_and_millions(phrase: str, value: int) -> None:
    assert _read(phrase) == (value, value, None, phrase)


def test_zero_width_marks_between_words_are_spaces() -> None:
    # Reuters feeds put U+200B after spaces: "at \u200bleast four people" (07-reuters-scraped-500-items.xml).
    assert _read("killed at \u200bleast four people") == (4, None, "at least", "at \u200bleast four")


@pytest.mark.parametrize("phrase", ["", "no number here", "2.5", "the 117th Brigade", "F-35 jets"])
def test_no_amount(phrase: str) -> None:
    assert parse_amount(phrase) is None
