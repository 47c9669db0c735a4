"""A running total's movement since the channel's last digest, as the next digest shows it."""

from __future__ import annotations

from digests.digest.build import build_digest
from digests.render import render
from digests.store.db import Store
from tests.factories import article

TOLL = {"kind": "killed", "actor": "Palestinians", "attributed_to": "Gaza health ministry", "scope": "cumulative"}


def test_a_running_total_shows_how_far_it_moved_since_the_last_digest(store: Store) -> None:
    with store.session() as s:
        first = article(s, "https://a.example/1", topics=("gaza",), figures=({**TOLL, "min": 72000, "max": 72000},))
        covered = first.id
        article(s, "https://a.example/2", topics=("gaza",), figures=({**TOLL, "min": 72086, "max": 72086},))
        # Another side's total and an incident toll have nothing earlier to move from.
        other = {**TOLL, "actor": "Israeli soldiers", "attributed_to": "Israeli military", "min": 470, "max": 470}
        article(s, "https://a.example/3", topics=("gaza",), figures=(other,))
    with store.session() as s:
        digest = build_digest(s, topics=["gaza"], title="Gaza", now=first.ingested_at, after_id=covered)
    assert [(g.actor, [(c.min, c.change) for c in g.claims]) for g in digest.figures] == [
        ("Palestinians", [(72086, 86)]),
        ("Israel", [(470, None)]),
    ]
    text = render(digest, "text")[0]["text"]
    assert "  Palestinians · killed (total): 72,086 (+86) — Gaza health ministry" in text.splitlines()
