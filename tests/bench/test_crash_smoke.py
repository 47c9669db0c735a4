"""A short run of bench/crash_test.py in the suite: three SIGKILLs of the real bot, nothing missing or doubled."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_three_kills_lose_and_double_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "bench/crash_test.py", "--kills", "3", "--seed", "3"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = {
        line.split(":")[0].strip(): line.split(":", 1)[1].strip() for line in result.stdout.splitlines() if ":" in line
    }
    assert (lines["kills (SIGKILL)"], lines["posts missing"], lines["posts duplicated"]) == ("3", "0", "0"), (
        result.stdout
    )
    assert lines["final clean stop exit code"] == "0"
    assert result.returncode == 0
