"""Time the figure-and-quote extractor against quantulum3 and a bare word scan on the same texts, in one process.

Usage (from the repository root)::

    python bench/extract_speed.py [--feeds DIR] [--rounds N] [--sample-rounds N] [--check]

Texts: every entry of every feed in ``DIR`` (default ``../shared/feeds`` beside the repository, else the
copies in ``tests/data/feeds``) that feedparser can read entries from, article text taken from the entry's
``content`` (else ``summary``) through ``digests.ingest.html_to_text``; plus the sample article
``tests/data/samples/nk-troops-kursk.txt``.

Three contenders run over exactly the same texts in the same process: ``digests.extract.extract``,
``quantulum3.parser.parse`` (0.10.0, the ``bench`` extra; without its optional classifier extra it parses
offline from the units data shipped in the package) and a bare ``re.finditer(r"\\w+")`` pass that only
walks the matches. Each is warmed up with one pass first, then timed for several rounds, rounds interleaved so drift hits
all three alike (a pass under 0.2 s is repeated back to back within its round, so the one-text sample
is timed warm); the median round counts. Printed: texts/s for each, our
throughput over quantulum3's (target >= 50x) and our time over the bare scan's (target <= 10x), for the
whole corpus and for the sample article alone. ``--check`` exits 1 when a target is missed.

The extractor measured is the one installed: ``setup.py`` compiles ``digests/extract`` with mypyc, and the
first line says whether the compiled build or the Python source ran (``SITREP_PURE_PYTHON=1 pip install -e .``
installs the source alone; both give identical results, see ``bench/extract_fingerprint.py``).
"""

from __future__ import annotations

import argparse
import collections
import gc
import math
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
FEED_DIRS = (REPO_ROOT.parent / "shared" / "feeds", REPO_ROOT / "tests" / "data" / "feeds")
SAMPLE = REPO_ROOT / "tests" / "data" / "samples" / "nk-troops-kursk.txt"

TARGET_VS_QUANTULUM = 50.0  # our throughput must be at least this many times quantulum3's
TARGET_VS_BARE = 10.0  # our time must be at most this many times the bare scan's

MIN_ROUND = 0.2  # seconds: shorter passes are repeated within a round

_WORD = re.compile(r"\w+")


def extractor_build() -> str:
    """Which build of the extractor runs: compiled by mypyc (setup.py) or its Python source."""
    import digests.extract.speakers

    origin = digests.extract.speakers.__file__ or ""
    return "compiled with mypyc (setup.py)" if not origin.endswith(".py") else "Python source (not compiled)"


def bare_scan(text: str) -> None:
    """The floor: one regex pass over every word, results dropped."""
    collections.deque(_WORD.finditer(text), maxlen=0)


def feed_articles(path: Path) -> list[str]:
    """Article texts of one feed's entries (``content``, else ``summary``, as text), blank ones left out."""
    import feedparser

    from digests.ingest import html_to_text

    texts: list[str] = []
    for entry in feedparser.parse(str(path)).entries:
        content = entry.get("content")
        body = content[0].get("value", "") if content else entry.get("summary", "")
        text = html_to_text(body or "")
        if text.strip():
            texts.append(text)
    return texts


def feed_texts(feed_dir: Path) -> list[str]:
    """Article texts of every entry of every readable feed in feed_dir, in file and entry order."""
    return [text for path in sorted(feed_dir.glob("*.xml")) for text in feed_articles(path)]


def time_round(fn: Callable[[str], Any], texts: Sequence[str], repeat: int = 1) -> float:
    """Seconds for one pass of fn over texts (the mean of `repeat` back-to-back passes), gc paused."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(repeat):
            for text in texts:
                fn(text)
        return (time.perf_counter() - start) / repeat
    finally:
        gc.enable()


def measure(contenders: dict[str, Callable[[str], Any]], texts: Sequence[str], rounds: int) -> dict[str, float]:
    """Median seconds per pass for each contender, warmed up first; rounds interleaved.

    A pass shorter than MIN_ROUND is repeated back to back within its round (the same count every
    round), so a one-text pass is timed warm and above the timer's noise, as a long pass is.
    """
    repeats = {}
    for name, fn in contenders.items():
        first = time_round(fn, texts)  # warm-up: imports, lazy tables, regex caches
        repeats[name] = max(1, math.ceil(MIN_ROUND / max(first, 1e-9)))
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, fn in contenders.items():
            times[name].append(time_round(fn, texts, repeats[name]))
    return {name: statistics.median(ts) for name, ts in times.items()}


def report(label: str, n_texts: int, n_chars: int, seconds: dict[str, float]) -> tuple[float, float]:
    """Print one table; return (ours vs quantulum3 throughput, ours vs bare-scan time)."""
    print(f"{label}: {n_texts} texts, {n_chars:,} characters")
    for name, s in seconds.items():
        per_text = s / n_texts * 1000
        print(f"  {name:<12}{n_texts / s:>14,.1f} texts/s  {per_text:>10.3f} ms/text")
    vs_quantulum = seconds["quantulum3"] / seconds["sitrep"]
    vs_bare = seconds["sitrep"] / seconds["bare scan"]
    ok_q = "ok" if vs_quantulum >= TARGET_VS_QUANTULUM else "MISSED"
    ok_b = "ok" if vs_bare <= TARGET_VS_BARE else "MISSED"
    print(f"  sitrep vs quantulum3 throughput: {vs_quantulum:8.1f}x  (target >= {TARGET_VS_QUANTULUM:.0f}x)  {ok_q}")
    print(f"  sitrep vs bare scan time:        {vs_bare:8.1f}x  (target <= {TARGET_VS_BARE:.0f}x)  {ok_b}")
    return vs_quantulum, vs_bare


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=Path, default=None, help="folder of *.xml feeds")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the whole corpus")
    parser.add_argument("--sample-rounds", type=int, default=7, help="timed rounds over the sample article")
    parser.add_argument("--sample-only", action="store_true", help="time the sample article only (quick)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)

    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from digests.extract import extract

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "classifier dependencies not installed": it parses without them
        try:
            from quantulum3 import parser as quantulum
        except ImportError:
            print("quantulum3 is not installed: pip install -e '.[bench]'", file=sys.stderr)
            return 2

    feed_dir = args.feeds or next((d for d in FEED_DIRS if any(d.glob("*.xml"))), None)
    if feed_dir is None:
        print(f"no feeds in {[str(d) for d in FEED_DIRS]}", file=sys.stderr)
        return 2
    sample = SAMPLE.read_text(encoding="utf-8")
    corpus = [*feed_texts(feed_dir), sample]
    print(f"feeds: {feed_dir}")
    print(f"extractor: {extractor_build()}")

    contenders: dict[str, Callable[[str], Any]] = {
        "sitrep": extract,
        "quantulum3": quantulum.parse,
        "bare scan": bare_scan,
    }
    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if not args.sample_only:
            whole = measure(contenders, corpus, args.rounds)
            results.append(report("corpus (all feed entries + sample)", len(corpus), sum(map(len, corpus)), whole))
        one = measure(contenders, [sample], args.sample_rounds)
        results.append(report(f"sample article ({SAMPLE.name})", 1, len(sample), one))
    missed = [(q, b) for q, b in results if q < TARGET_VS_QUANTULUM or b > TARGET_VS_BARE]
    if args.check and missed:
        print("targets missed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
