"""Store rows for the chart tests of both platforms: three days of a running total, enough for a digest's chart."""

from __future__ import annotations

from datetime import datetime, timedelta

from digests.store.db import Store
from tests.factories import article

TOLL = {"kind": "killed", "actor": "North Korean soldiers", "attributed_to": "Ukraine", "scope": "cumulative"}


def three_days(store: Store, last: datetime, topic: str = "north-korea") -> None:
    """A running total claimed on three days up to `last` (300, 420, 600 killed)."""
    with store.session() as s:
        for day, count in enumerate((300, 420, 600)):
            article(
                s,
                f"https://news.example/{topic}/{day}",
                title=f"Ukraine says {count} North Korean soldiers killed in Kursk",
                topics=(topic,),
                figures=({**TOLL, "min": count, "max": count, "topic": topic},),
                published_at=last - timedelta(days=2 - day),
            )
