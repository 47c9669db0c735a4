"""A running total's movement since the channel's last digest, as the next digest shows it."""

from __future__ import annotations

from datetime import UTC, datetime

from digests.digest.build import build_digest
from digests.render import render
from digests.render.structured import digest_json
from digests.store.db import Store
from tests.factories import article

DEC_2, DEC_3 = datetime(2026, 12, 2, 18, 0, tzinfo=UTC), datetime(2026, 12, 3, 7, 30, tzinfo=UTC)
TOLL = {"kind": "killed", "actor": "Palestinians", "attributed_to": "Gaza health ministry", "scope": "cumulative"}


def test_a_running_total_shows_how_far_it_moved_since_the_last_digest(store: Store) -> None:
    with store.session() as s:
        first = article(
            s,
            "https://a.example/1",
            topics=("gaza",),
            figures=({**TOLL, "min": 72000, "max": 72000},),
            published_at=DEC_2,
        )
        covered = first.id
        article(
            s,
            "https://a.example/2",
            topics=("gaza",),
            figures=({**TOLL, "min": 72086, "max": 72086},),
            published_at=DEC_3,
        )
        # Another side's total and an incident toll have nothing earlier to move from.
        other = {**TOLL, "actor": "Israeli soldiers", "attributed_to": "Israeli military", "min": 470, "max": 470}
        article(s, "https://a.example/3", topics=("gaza",), figures=(other,), published_at=DEC_3)
    with store.session() as s:
        digest = build_digest(s, topics=["gaza"], title="Gaza", now=first.ingested_at, after_id=covered)
    assert [(g.actor, [(c.min, c.change, c.change_since) for c in g.claims]) for g in digest.figures] == [
        ("Palestinians", [(72086, 86, DEC_2)]),
        ("Israel", [(470, None, None)]),
    ]
    text = render(digest, "text")[0]["text"]
    assert "  Palestinians · killed (total): 72,086 (+86 since 2 Dec) — Gaza health ministry" in text.splitlines()
    assert "*72,086* (+86 since 2 Dec) — Gaza health ministry" in str(render(digest, "slack")[0]["blocks"])
    assert "**72,086** (+86 since 2 Dec) — Gaza health ministry" in str(render(digest, "discord")[0]["embeds"])
    claims = [c for f in digest_json(digest)["figures"] for c in f["claims"]]
    assert [(c["change"], c["change_since"]) for c in claims] == [(86, "2026-12-02T18:00:00Z"), (None, None)]


def test_a_fall_since_an_earlier_year_names_the_year(store: Store) -> None:
    with store.session() as s:
        earlier = datetime(2025, 12, 30, tzinfo=UTC)
        first = article(
            s,
            "https://a.example/1",
            topics=("gaza",),
            figures=({**TOLL, "min": 500, "max": 500},),
            published_at=earlier,
        )
        # A corrected count: lower than the one shown before.
        article(
            s, "https://a.example/2", topics=("gaza",), figures=({**TOLL, "min": 488, "max": 488},), published_at=DEC_3
        )
    with store.session() as s:
        digest = build_digest(s, topics=["gaza"], title="Gaza", now=DEC_3, after_id=first.id)
    text = render(digest, "text")[0]["text"]
    assert "  Palestinians · killed (total): 488 (−12 since 30 Dec 2025) — Gaza health ministry" in text.splitlines()
