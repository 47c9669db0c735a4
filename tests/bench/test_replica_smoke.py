"""A short run of bench/replica_test.py in the suite: two real replicas on one PostgreSQL database, two SIGKILLs
and restarts, nothing missing or doubled, no feed fetched twice in an interval nor left unfetched in one without
a reason (no replica running, a killed replica's claim, an earlier poll still ingesting)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

# Two replicas (each start costs seconds of imports), two kills and restarts, the first after 1-2 s.
SHORT = ["--replicas", "2", "--kills", "2", "--seed", "2", "--max-gap", "2", "--down", "0.5"]


def test_two_replicas_and_two_kills_lose_and_double_nothing(pg_url: str) -> None:
    # pg_url: the bench makes a database of its own on the same server; the fixture skips (or, under CI,
    # fails) when there is no server.
    result = subprocess.run(
        [sys.executable, "bench/replica_test.py", *SHORT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = {
        line.split(":")[0].strip(): line.split(":", 1)[1].strip() for line in result.stdout.splitlines() if ":" in line
    }
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
