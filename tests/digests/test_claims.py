"""Claims shared by replicas: leases and pending deliveries, taken by two store users racing for the same rows."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import TypeVar

import pytest
from sqlalchemy import text

from digests import claims, ledger
from digests.store.db import Store
from digests.store.schema import Delivery
from tests.factories import NOW

T = TypeVar("T")
LEASE = timedelta(seconds=30)


@pytest.fixture
def pg_pair(pg_db: str) -> Iterator[tuple[Store, Store]]:
    """Two store users (two engines, two connection pools) on one emptied PostgreSQL database."""
    first, second = Store(pg_db), Store(pg_db)
    yield first, second
    first.close()
    second.close()


def race(workers: list[Callable[[], T]]) -> list[T]:
    """Run the workers in threads released together; their results in order."""
    gate = threading.Barrier(len(workers))
    results: list[T | None] = [None] * len(workers)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        gate.wait()
        try:
            results[i] = workers[i]()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(workers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    return results  # type: ignore[return-value]


def _pending(store: Store, count: int) -> list[int]:
    ids = []
    with store.session() as s:
        for i in range(count):
            row = ledger.open_delivery(
                s,
                channel="ops",
                window=f"w{i}",
                platform="console",
                payload=[{"text": f"part {i}"}],
                last_article_id=i,
                article_count=1,
                now=NOW,
            )
            assert row is not None
            ids.append(row.id)
    return ids


def test_two_replicas_racing_for_forty_leases_each_get_a_lease_once(pg_pair: tuple[Store, Store]) -> None:
    keys = [f"feed:f{i}" for i in range(40)]

    def take(store: Store, owner: str) -> list[str]:
        won = []
        for key in keys:
            with store.session() as s:
                if claims.claim(s, key, owner, until=NOW + LEASE, now=NOW):
                    won.append(key)
        return won

    a, b = race([lambda: take(pg_pair[0], "a"), lambda: take(pg_pair[1], "b")])
    assert len(a) + len(b) == 40
    assert sorted(a + b) == sorted(keys)
    with pg_pair[0].session() as s:
        holders = {key: claims.holder(s, key, NOW) for key in keys}
    assert holders == {**dict.fromkeys(a, "a"), **dict.fromkeys(b, "b")}


def test_two_replicas_resuming_thirty_pending_deliveries_claim_each_exactly_once(pg_pair: tuple[Store, Store]) -> None:
    ids = _pending(pg_pair[0], 30)

    def drain(store: Store, owner: str) -> list[int]:
        taken: list[int] = []
        while True:
            with store.session() as s:
                row = ledger.claim_pending(s, owner, now=NOW, until=NOW + LEASE, skip=taken)
                if row is None:
                    return taken
                taken.append(row.id)
                # What a replica does next (posts, records the part) keeps the claim.
                assert ledger.record_part(s, row.id, f"m{row.id}", owner=owner, until=NOW + LEASE)

    a, b = race([lambda: drain(pg_pair[0], "a"), lambda: drain(pg_pair[1], "b")])
    assert sorted(a + b) == ids
    assert not set(a) & set(b)
    with pg_pair[0].session() as s:
        rows = {d.id: (d.claimed_by, d.parts_sent) for d in s.query(Delivery)}
    assert rows == {**{i: ("a", 1) for i in a}, **{i: ("b", 1) for i in b}}


def test_a_claim_another_transaction_is_taking_is_skipped_not_waited_for(pg_pair: tuple[Store, Store]) -> None:
    (delivery_id,) = _pending(pg_pair[0], 1)
    with pg_pair[0].session() as holding:
        assert ledger.claim_pending(holding, "a", now=NOW, until=NOW + LEASE) is not None
        assert claims.claim(holding, "digest:ops", "a", until=NOW + LEASE, now=NOW)
        holding.flush()
        with pg_pair[1].session() as other:
            # Waiting on a row lock would raise here instead of hanging the test.
            other.execute(text("SET LOCAL lock_timeout = '2s'"))
            assert ledger.claim_pending(other, "b", now=NOW, until=NOW + LEASE) is None
            assert claims.claim(other, "digest:ops", "b", until=NOW + LEASE, now=NOW) is False
    with pg_pair[1].session() as s:
        assert s.get_one(Delivery, delivery_id).claimed_by == "a"
        assert claims.holder(s, "digest:ops", NOW) == "a"


def test_a_dead_replicas_lease_and_delivery_are_taken_over_once_its_claim_runs_out(store: Store) -> None:
    (delivery_id,) = _pending(store, 1)
    with store.session() as s:
        assert ledger.claim_pending(s, "dead", now=NOW, until=NOW + LEASE) is not None
        assert claims.claim(s, "feed:wire", "dead", until=NOW + LEASE, now=NOW)
    later = NOW + LEASE - timedelta(seconds=1)
    with store.session() as s:
        assert ledger.claim_pending(s, "alive", now=later, until=later + LEASE) is None
        assert claims.claim(s, "feed:wire", "alive", until=later + LEASE, now=later) is False
        # Its own live claim is not taken twice either: a claim is for one run of the work.
        assert claims.claim(s, "feed:wire", "dead", until=later + LEASE, now=later) is False
    expired = NOW + LEASE
    with store.session() as s:
        row = ledger.claim_pending(s, "alive", now=expired, until=expired + LEASE)
        assert row is not None and (row.id, row.claimed_by) == (delivery_id, "alive")
        assert claims.claim(s, "feed:wire", "alive", until=expired + LEASE, now=expired)
    with store.session() as s:
        # The dead replica's late write cannot take the claim back, but the part it posted is recorded.
        assert ledger.record_part(s, delivery_id, "m1", owner="dead", until=expired + LEASE) is False
        ledger.mark_failed(s, delivery_id, "timed out", permanent=False, now=expired, owner="dead")
    with store.session() as s:
        d = s.get_one(Delivery, delivery_id)
        assert (d.claimed_by, d.parts_sent, d.attempts, d.status) == ("alive", 1, 0, "pending")
        assert claims.holder(s, "feed:wire", expired) == "alive"


def test_a_failed_delivery_is_claimed_again_only_when_its_retry_is_due(store: Store) -> None:
    first, second = _pending(store, 2)
    with store.session() as s:
        assert ledger.claim_pending(s, "a", now=NOW, until=NOW + LEASE, due_only=True).id == first  # type: ignore[union-attr]
        ledger.mark_failed(s, first, "HTTP 500", permanent=False, now=NOW, owner="a")
        ledger.mark_sent(s, second, NOW)
    with store.session() as s:
        assert ledger.claim_pending(s, "b", now=NOW, until=NOW + LEASE, due_only=True) is None
        # At start-up a replica resumes what nobody holds, due or not; what it handled this pass it skips.
        assert ledger.claim_pending(s, "b", now=NOW, until=NOW + LEASE, skip=[first]) is None
    due = NOW + ledger.RETRY_FIRST
    with store.session() as s:
        row = ledger.claim_pending(s, "b", now=due, until=due + LEASE, due_only=True)
        assert row is not None and (row.id, row.attempts, row.claimed_by) == (first, 1, "b")
