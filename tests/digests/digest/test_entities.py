"""Actor and claimant normalisation: the wordings of one side or one source group together."""

from __future__ import annotations

import pytest

from digests.digest.entities import actor_key, claimant_key


@pytest.mark.parametrize(
    ("actor", "key"),
    [
        ("North Korean soldiers", "North Korea"),
        ("North Korean troops", "North Korea"),
        ("DPRK", "North Korea"),
        ("the Russian army", "Russia"),
        ("Ukrainian soldiers", "Ukraine"),
        ("civilians", "Civilians"),
        ("Palestinian civilians", "Palestinian civilians"),
        (None, "People"),
    ],
)
def test_fighters_group_under_their_side_others_keep_their_words(actor: str | None, key: str) -> None:
    assert actor_key(actor) == key


@pytest.mark.parametrize(
    ("claimant", "key"),
    [
        ("a US official", "US official"),
        ("senior US military official", "US official"),
        ("the Gaza health ministry", "Gaza health ministry"),
        ("Ukraine's military intelligence agency", "Ukraine's military intelligence agency"),
        ("two senior Israeli defence officials", "Israeli officials"),
        ("Ukraine", "Ukraine"),
        ("to retaliate for what it", None),  # a clause's fragment names no one: the outlet's own count
        ("Tobias Ellwood", "Tobias Ellwood"),
        (None, None),
    ],
)
def test_claimants_lose_determiners_and_rank_words(claimant: str | None, key: str | None) -> None:
    assert claimant_key(claimant) == key
