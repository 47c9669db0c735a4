"""The store queries slash commands answer from, on the real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from digests import queries
from digests.store.db import Store
from tests.factories import NOW, article

SPEAKERS = ("Volodymyr Zelenskyy", "John Kirby", "unit_7 spokesman", "a 50% owner")


@pytest.fixture
def quoted(store: Store) -> Store:
    with store.session() as s:
        article(
            s,
            "https://example.org/a",
            quotes=tuple({"text": f"quote {i}", "speaker": name} for i, name in enumerate(SPEAKERS)),
        )
    return store


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("%_%", []),
        ("%", ["a 50% owner"]),
        ("_", ["unit_7 spokesman"]),
        ("kirby", ["John Kirby"]),
        ("\\", []),
    ],
)
def test_a_speaker_search_matches_its_words_literally_not_as_like_wildcards(
    quoted: Store, asked: str, found: list[str]
) -> None:
    with quoted.session() as s:
        quotes = queries.quotes_since(s, NOW - timedelta(days=1), speaker=asked)
        names = queries.known_speakers(s, asked)
    assert sorted(q.speaker or "" for q in quotes) == found
    assert sorted(names) == found
