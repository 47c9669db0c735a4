"""A short run of bench/replica_test.py in the suite: two real replicas on one PostgreSQL database, two SIGKILLs
and restarts, nothing missing or doubled, no feed fetched twice in an interval nor left unfetched in one without
a reason (no replica running, a killed replica's claim, an earlier poll still ingesting)."""

from __future__ import annotations

from tests.bench.conftest import run_bench

# Two replicas (each start costs seconds of imports), two kills and restarts, the first after 1-2 s.
SHORT = ["--replicas", "2", "--kills", "2", "--seed", "2", "--max-gap", "2", "--down", "0.5"]


def test_two_replicas_and_two_kills_lose_and_double_nothing(pg_url: str) -> None:
    # pg_url: the bench makes a database of its own on the same server; the fixture skips (or, under CI,
    # fails) when there is no server.
    lines, result = run_bench("replica_test.py", *SHORT)
    assert lines.get("kills (SIGKILL) and restarts") == "2", result.stdout + result.stderr
    numbers = (
        lines["posts missing"],
        lines["posts duplicated"],
        lines["feeds fetched twice in an interval"],
        lines["intervals missed with a replica ready"],
    )
    assert numbers == ("0", "0", "0", "0"), result.stdout
    assert lines["final clean stop exit codes"] == "0 0", result.stdout
    # How soon a dead replica's work is taken over is a time, measured by the bench itself (its exit status
    # counts it); on a loaded machine it says nothing about correctness, so it is not asserted here.
