"""The delivery ledger: one row per channel and window, pending before the post, sent after."""

from __future__ import annotations

from digests import ledger
from digests.store.db import Store
from tests.factories import NOW


def _open(store: Store, window: str, last: int, channel: str = "ops") -> int | None:
    with store.session() as s:
        row = ledger.open_delivery(
            s,
            channel=channel,
            window=window,
            platform="console",
            payload=[{"text": "x"}],
            last_article_id=last,
            article_count=1,
            now=NOW,
        )
        return row.id if row else None


def test_a_window_is_delivered_once_even_when_two_runs_race_for_it(store: Store) -> None:
    first = _open(store, "2024-11-05T08:00", 7)
    assert first is not None
    assert _open(store, "2024-11-05T08:00", 9) is None
    assert _open(store, "2024-11-05T08:00", 9, channel="other") is not None


def test_high_water_mark_counts_sent_and_pending_not_failed(store: Store) -> None:
    sent, failed, pending = _open(store, "w1", 5), _open(store, "w2", 12), _open(store, "w3", 8)
    assert None not in (sent, failed, pending)
    with store.session() as s:
        ledger.record_part(s, sent, "m1")  # type: ignore[arg-type]
        ledger.mark_sent(s, sent, NOW)  # type: ignore[arg-type]
        ledger.mark_failed(s, failed, "channel_not_found", permanent=True)  # type: ignore[arg-type]
        ledger.mark_failed(s, pending, "timed out", permanent=False)  # type: ignore[arg-type]
    with store.session() as s:
        assert ledger.covered_up_to(s, "ops") == 8
        assert [(d.window, d.status, d.attempts, d.error) for d in ledger.pending_deliveries(s)] == [
            ("w3", "pending", 1, "timed out")
        ]
        assert [(d.window, d.status, d.message_ids) for d in ledger.recent_deliveries(s)] == [
            ("w3", "pending", []),
            ("w2", "failed", []),
            ("w1", "sent", ["m1"]),
        ]
