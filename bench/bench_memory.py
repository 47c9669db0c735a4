"""Resident memory of `sitrep run` polling the 22 shared feeds every minute: its peak, and whether it stays flat.

Usage (from the repository root)::

    python bench/bench_memory.py [--minutes M] [--every SECONDS] [--check]

Starts the real bot (`sitrep run`, the console script of this interpreter) on a config of the feed files, each
polled every minute into a fresh SQLite store, the eight bench topics and one console channel whose digest is
due every ten minutes; reads its RSS (/proc/PID/status) every few seconds for M minutes (default 60), then
stops it. Printed: the peak and when it was reached, the range over the last half of the run and its slope
(least squares, MB per hour). Target: RSS <= 150 MB over the last half, and flat there (|slope| <= 10 MB/h,
less than one poll's worth of growth an hour). `--check` exits 1 when either is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import TOPICS, feed_files

TARGET_MB = 150.0
FLAT_MB_PER_HOUR = 10.0
# Run with this interpreter, not through the script's own #! line: in a git worktree whose .venv links to another
# checkout's, that line names the other checkout's interpreter, which imports the other checkout's code.
SITREP = [sys.executable, str(Path(sys.executable).parent / "sitrep")]


def config(folder: Path) -> dict[str, object]:
    """A config of every feed file, polled each minute, and one console channel over all topics."""
    feeds = [{"name": f.stem, "url": str(f), "every": "1m", "backfill": "all"} for f in feed_files()]
    channel = {"name": "console", "platform": "console", "topics": list(TOPICS), "schedule": "*/10 * * * *"}
    return {"database": f"sqlite:///{folder / 'memory.db'}", "feeds": feeds, "topics": TOPICS, "channels": [channel]}


def rss_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def slope_per_hour(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) in MB per hour."""
    n = len(samples)
    mean_t = sum(t for t, _ in samples) / n
    mean_m = sum(m for _, m in samples) / n
    var = sum((t - mean_t) ** 2 for t, _ in samples)
    cov = sum((t - mean_t) * (m - mean_m) for t, m in samples)
    return cov / var * 3600 if var else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--every", type=float, default=5.0, help="seconds between RSS samples")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    samples: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "sitrep.json"  # YAML's superset: the config loader reads JSON as it is
        path.write_text(json.dumps(config(folder)), encoding="utf-8")
        log = (folder / "run.log").open("w")
        env = {**os.environ, "SITREP_DB": f"sqlite:///{folder / 'memory.db'}"}
        process = subprocess.Popen(
            [*SITREP, "run", "--config", str(path)], stdout=subprocess.DEVNULL, stderr=log, env=env
        )
        started = time.monotonic()
        try:
            while time.monotonic() - started < args.minutes * 60:
                if process.poll() is not None:
                    log.flush()
                    tail = (folder / "run.log").read_text().splitlines()[-15:]
                    raise SystemExit(f"sitrep run exited with {process.returncode}:\n" + "\n".join(tail))
                mb = rss_mb(process.pid)
                if mb is not None:
                    samples.append((time.monotonic() - started, mb))
                time.sleep(args.every)
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()
            polls = (folder / "run.log").read_text().count("sitrep.jobs: feed ")
    if len(samples) < 4:
        raise SystemExit("too few samples")
    peak_t, peak = max(samples, key=lambda s: s[1])
    half = [s for s in samples if s[0] >= samples[-1][0] / 2]
    low, high = min(m for _, m in half), max(m for _, m in half)
    slope = slope_per_hour(half)
    minutes = samples[-1][0] / 60
    print(f"sitrep run, {len(feed_files())} feeds every minute, {minutes:.1f} min, {len(samples)} samples")
    print(f"peak RSS: {peak:.1f} MB at {peak_t / 60:.1f} min")
    print(f"last half ({half[0][0] / 60:.1f}-{minutes:.1f} min): {low:.1f}-{high:.1f} MB, slope {slope:+.1f} MB/h")
    ok_size, ok_flat = high <= TARGET_MB, abs(slope) <= FLAT_MB_PER_HOUR
    print(
        f"target: last half <= {TARGET_MB:g} MB ({'ok' if ok_size else 'MISSED'}), "
        f"|slope| <= {FLAT_MB_PER_HOUR:g} MB/h ({'ok' if ok_flat else 'MISSED'}); feed polls logged: {polls}"
    )
    return 1 if args.check and not (ok_size and ok_flat) else 0


if __name__ == "__main__":
    sys.exit(main())
