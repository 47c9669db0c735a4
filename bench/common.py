"""What the speed benches share: the feed files, eight topics that the feed texts name, and ratio reporting.

Every bench prints its figures as ratios against a floor run in the same process (the machine is shared; only
ratios compare across runs), with the min and the median of several repetitions.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
FEED_DIRS = (REPO_ROOT.parent / "shared" / "feeds", REPO_ROOT / "tests" / "data" / "feeds")

# Eight topics the shared feeds' texts name often enough to give every topic articles, figures and quotes.
TOPICS: dict[str, dict[str, Any]] = {
    "ukraine": {"title": "War in Ukraine", "match": ["Ukraine", "Ukrainian", "Kyiv", "Zelensky", "Zelenskyy"]},
    "gaza": {"title": "Israel and Gaza", "match": ["Gaza", "Hamas", "Israel", "Israeli", "West Bank"]},
    "iran": {"title": "Iran", "match": ["Iran", "Iranian", "Tehran"]},
    "lebanon": {"title": "Lebanon", "match": ["Lebanon", "Lebanese", "Hezbollah", "Beirut"]},
    "syria": {"title": "Syria", "match": ["Syria", "Syrian", "Damascus", "Aleppo"]},
    "russia": {"title": "Russia", "match": ["Russia", "Russian", "Kremlin", "Putin", "Moscow"]},
    "sudan": {"title": "War in Sudan", "match": ["Sudan", "Sudanese", "Darfur", "re:El[- ]Fasher"]},
    "north-korea": {"title": "North Korea", "match": ["North Korea", "North Korean", "DPRK", "Kim Jong Un"]},
}


def feed_files() -> list[Path]:
    """The 22 shared feed files (the shared folder if there is one beside the repository, else the test copies)."""
    for folder in FEED_DIRS:
        files = sorted(folder.glob("*.xml"))
        if files:
            return files
    raise SystemExit("no feed files found in " + " or ".join(str(d) for d in FEED_DIRS))


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def p99(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.99 * len(ordered)) - 1))]


def ratio_line(name: str, ratios: Sequence[float], target: float | None = None) -> str:
    """`name: min 1.23x  median 1.50x  (target <= 2x)` over the repetitions' ratios."""
    line = f"{name}: min {min(ratios):.2f}x  median {statistics.median(ratios):.2f}x  over {len(ratios)} repetitions"
    if target is not None:
        verdict = "ok" if statistics.median(ratios) <= target else "MISSED"
        line += f"  (target <= {target:g}x: {verdict})"
    return line


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
