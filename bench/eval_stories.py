"""Score story matching (digests/stories.py) on labelled pairs of articles from different outlets.

    python bench/eval_stories.py                          # tests/data/stories/pairs.jsonl
    python bench/eval_stories.py PAIRS.jsonl --curve      # and precision/recall at other thresholds

Each line holds two articles (title, lead, publication day, outlet) and whether a reader would want them as
one item: a syndicated copy, a rewrite of one wire story, or two reports of one event on the same day. The
pair is predicted "same story" when the second article would join the first's story at ingest: published
within the story window of each other (when both dates are known) and similar at or over the threshold.
The floor is a keyword-free baseline a feed reader could use: identical headlines.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digests.stories import THRESHOLD, WINDOW, similarity, story_text

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "stories" / "pairs.jsonl"


def _day(value: str | None) -> datetime | None:
    return datetime.combine(date.fromisoformat(value), time.min) if value else None


def _close(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Within the story window, counting whole days: a date without a time may be up to a day off."""
    first, second = _day(a.get("published")), _day(b.get("published"))
    if first is None or second is None:
        return True
    return abs(first - second) <= WINDOW


def scores(pairs: Sequence[dict[str, Any]]) -> list[tuple[float, bool, bool]]:
    """(similarity, within the window, labelled same) for each pair."""
    out = []
    for pair in pairs:
        a, b = pair["a"], pair["b"]
        value = similarity(story_text(a["title"], a["lead"]), story_text(b["title"], b["lead"]))
        out.append((value, _close(a, b), bool(pair["same"])))
    return out


def metrics(rows: Sequence[tuple[float, bool, bool]], threshold: float) -> dict[str, float]:
    tp = sum(1 for v, close, same in rows if close and v >= threshold and same)
    fp = sum(1 for v, close, same in rows if close and v >= threshold and not same)
    fn = sum(1 for v, close, same in rows if same and not (close and v >= threshold))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def floor(pairs: Sequence[dict[str, Any]]) -> dict[str, float]:
    rows = [
        (100.0 if p["a"]["title"].strip().casefold() == p["b"]["title"].strip().casefold() else 0.0, True, p["same"])
        for p in pairs
    ]
    return metrics(rows, 100.0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--curve", action="store_true", help="also show other thresholds")
    args = parser.parse_args(argv)
    with args.pairs.open(encoding="utf-8") as lines:
        pairs = [json.loads(line) for line in lines if line.strip()]
    rows = scores(pairs)
    same = sum(1 for p in pairs if p["same"])
    print(f"pairs: {len(pairs)} ({same} same story, {len(pairs) - same} not)")
    base = floor(pairs)
    print(f"identical headlines     P {base['precision']:.3f}  R {base['recall']:.3f}  F1 {base['f1']:.3f}")
    shipped = metrics(rows, THRESHOLD)
    print(
        f"sitrep (threshold {THRESHOLD:g})  P {shipped['precision']:.3f}  R {shipped['recall']:.3f}  "
        f"F1 {shipped['f1']:.3f}"
    )
    if args.curve:
        for threshold in range(50, 100, 5):
            m = metrics(rows, float(threshold))
            print(f"  threshold {threshold:3}  P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
