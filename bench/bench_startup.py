"""Time `sitrep --help` against `python -c pass` (the floor): the CLI should import only what a command needs.

Usage (from the repository root)::

    python bench/bench_startup.py [--repetitions N] [--check]

Both run as fresh processes of the same interpreter, interleaved; each repetition's ratio is its `sitrep --help`
time over its `python -c pass` time. Target: median <= 6x. `--check` exits 1 when it is missed. Also printed:
the modules `sitrep --help` imports that take the most time (`python -X importtime`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ms, ratio_line, timed

TARGET = 6.0
SITREP = Path(sys.executable).parent / "sitrep"  # the console script pip installed
# With this interpreter, not the script's #! line (in a worktree whose .venv links to another checkout's, that
# line names the other checkout's interpreter, which imports the other checkout's code).
HELP = [sys.executable, str(SITREP), "--help"]
FLOOR = [sys.executable, "-c", "pass"]


def _run(argv: list[str]) -> None:
    subprocess.run(argv, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def slowest_imports(count: int = 8) -> list[str]:
    """The third-party packages `sitrep --help` imports, by cumulative import time."""
    err = subprocess.run([sys.executable, "-X", "importtime", str(SITREP), "--help"], capture_output=True, text=True)
    rows = []
    for line in err.stderr.splitlines():
        parts = line.split("|")
        name = parts[2].strip() if len(parts) == 3 else ""
        if parts[1:2] and parts[1].strip().isdigit() and "." not in name and name not in ("site", "bot", "digests"):
            rows.append((int(parts[1]), name))
    return [f"{name} {us / 1000:.0f} ms" for us, name in sorted(rows, reverse=True)[:count]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=10)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    _run(HELP)  # warm the file cache for both
    _run(FLOOR)
    ratios, helps, floors = [], [], []
    for _ in range(args.repetitions):
        floor = timed(lambda: _run(FLOOR))
        took = timed(lambda: _run(HELP))
        floors.append(floor)
        helps.append(took)
        ratios.append(took / floor)
    print(f"python -c pass: min {ms(min(floors))}; sitrep --help: min {ms(min(helps))}")
    print(ratio_line("sitrep --help / python -c pass", ratios, TARGET))
    print("slowest imports:", "; ".join(slowest_imports()))
    return 1 if args.check and sorted(ratios)[len(ratios) // 2] > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
