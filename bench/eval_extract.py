"""Score the figure-and-quote extractor against the hand-labelled development set.

Usage (from the repository root)::

    python bench/eval_extract.py [tests/data/dev.jsonl] [--check] [--show-errors]
    python bench/eval_extract.py --split        # dev and the six later sets side by side

For every item of the development set the script runs ``digests.extract.extract`` on the item's
text and compares the result with the labels:

* figures: a predicted figure matches a gold figure when the kinds are equal and the ranges overlap
  (a null ``min`` is read as 0 / unknown lower bound, a null ``max`` as unbounded); gold and predicted
  figures are paired greedily one to one, closest ranges first;
* quotes: a predicted quote matches a gold quote when their texts agree with a
  ``difflib.SequenceMatcher`` ratio of at least 0.8 after quote marks are made straight and spaces
  collapsed; pairs are made greedily, best ratio first;
* speaker accuracy: among matched quotes, the share whose speakers agree (same last name,
  case-insensitive; an anonymous description such as "senior US military official" must agree as a
  whole after normalising);
* false figures on negatives: figures predicted on items labelled ``negative``.

The scoring functions are pure and are imported by ``tests/bench/test_eval_extract.py``.
``--check`` exits 1 when a target is missed; ``--show-errors`` lists misses and false positives per
item. ``--split`` scores ``tests/data/dev.jsonl`` and the sets labelled blind after it (``holdout.jsonl``,
``fresh.jsonl``, ``blind2.jsonl``, ``blind3.jsonl``, ``blind4a.jsonl``, ``blind4b.jsonl``, ``blind5.jsonl``, ``blind6.jsonl``, ``blind7.jsonl``, ``blind8.jsonl``,
``blind9.jsonl``) and prints their metrics
side by side (scores only).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEV = REPO_ROOT / "tests" / "data" / "dev.jsonl"
DEFAULT_HOLDOUT = REPO_ROOT / "tests" / "data" / "holdout.jsonl"
DEFAULT_FRESH = REPO_ROOT / "tests" / "data" / "fresh.jsonl"
DEFAULT_BLIND2 = REPO_ROOT / "tests" / "data" / "blind2.jsonl"
DEFAULT_BLIND3 = REPO_ROOT / "tests" / "data" / "blind3.jsonl"
DEFAULT_BLIND4A = REPO_ROOT / "tests" / "data" / "blind4a.jsonl"
DEFAULT_BLIND4B = REPO_ROOT / "tests" / "data" / "blind4b.jsonl"
DEFAULT_BLIND5 = REPO_ROOT / "tests" / "data" / "blind5.jsonl"
DEFAULT_BLIND6 = REPO_ROOT / "tests" / "data" / "blind6.jsonl"
DEFAULT_BLIND7 = REPO_ROOT / "tests" / "data" / "blind7.jsonl"
DEFAULT_BLIND8 = REPO_ROOT / "tests" / "data" / "blind8.jsonl"
DEFAULT_BLIND9 = REPO_ROOT / "tests" / "data" / "blind9.jsonl"

TARGETS = {
    "figure_f1": 0.92,
    "quote_f1": 0.92,
    "speaker_accuracy": 0.92,
    "false_figures_on_negatives": 0,
}

if __package__ in (None, ""):
    # Run as a script (python bench/eval_extract.py): make `bench` and `digests` importable from the repo.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.eval_match import (  # noqa: E402
    Figure,
    Quote,
    get_field,
    match_figures,
    match_quotes,
    normalise_quote,
    speakers_agree,
    to_figure,
    to_quote,
)

# --------------------------------------------------------------------------- scoring


@dataclass
class ItemResult:
    id: str
    negative: bool
    gold_figures: list[Figure]
    pred_figures: list[Figure]
    figure_pairs: list[tuple[int, int]]
    gold_quotes: list[Quote]
    pred_quotes: list[Quote]
    quote_pairs: list[tuple[int, int]]

    @property
    def missed_figures(self) -> list[Figure]:
        matched = {g for g, _ in self.figure_pairs}
        return [f for i, f in enumerate(self.gold_figures) if i not in matched]

    @property
    def false_figures(self) -> list[Figure]:
        matched = {p for _, p in self.figure_pairs}
        return [f for i, f in enumerate(self.pred_figures) if i not in matched]

    @property
    def missed_quotes(self) -> list[Quote]:
        matched = {g for g, _ in self.quote_pairs}
        return [q for i, q in enumerate(self.gold_quotes) if i not in matched]

    @property
    def false_quotes(self) -> list[Quote]:
        matched = {p for _, p in self.quote_pairs}
        return [q for i, q in enumerate(self.pred_quotes) if i not in matched]

    @property
    def speaker_mismatches(self) -> list[tuple[Quote, Quote]]:
        return [
            (self.gold_quotes[g], self.pred_quotes[p])
            for g, p in self.quote_pairs
            if not speakers_agree(self.gold_quotes[g].speaker, self.pred_quotes[p].speaker)
        ]


def score_item(item: Mapping[str, Any], figures: Iterable[Any], quotes: Iterable[Any]) -> ItemResult:
    """Compare one labelled item with the extractor's figures and quotes for its text."""
    gold_f = [to_figure(f) for f in item.get("figures", [])]
    pred_f = [to_figure(f) for f in figures]
    gold_q = [to_quote(q) for q in item.get("quotes", [])]
    pred_q = [to_quote(q) for q in quotes]
    return ItemResult(
        id=str(item.get("id", "")),
        negative=bool(item.get("negative", not gold_f)),
        gold_figures=gold_f,
        pred_figures=pred_f,
        figure_pairs=match_figures(gold_f, pred_f),
        gold_quotes=gold_q,
        pred_quotes=pred_q,
        quote_pairs=match_quotes(gold_q, pred_q),
    )


def prf(matched: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    """Precision, recall and F1. With nothing predicted precision is 1.0 only if nothing was expected."""
    precision = matched / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    recall = matched / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class Summary:
    items: int = 0
    figure_gold: int = 0
    figure_pred: int = 0
    figure_matched: int = 0
    quote_gold: int = 0
    quote_pred: int = 0
    quote_matched: int = 0
    speaker_agreed: int = 0
    negatives: int = 0
    false_figures_on_negatives: int = 0
    metrics: dict[str, float] = field(default_factory=dict)


def summarise(results: Sequence[ItemResult]) -> Summary:
    s = Summary(items=len(results))
    for r in results:
        s.figure_gold += len(r.gold_figures)
        s.figure_pred += len(r.pred_figures)
        s.figure_matched += len(r.figure_pairs)
        s.quote_gold += len(r.gold_quotes)
        s.quote_pred += len(r.pred_quotes)
        s.quote_matched += len(r.quote_pairs)
        s.speaker_agreed += len(r.quote_pairs) - len(r.speaker_mismatches)
        if r.negative:
            s.negatives += 1
            s.false_figures_on_negatives += len(r.pred_figures)
    fp, fr, ff = prf(s.figure_matched, s.figure_gold, s.figure_pred)
    qp, qr, qf = prf(s.quote_matched, s.quote_gold, s.quote_pred)
    s.metrics = {
        "figure_precision": fp,
        "figure_recall": fr,
        "figure_f1": ff,
        "quote_precision": qp,
        "quote_recall": qr,
        "quote_f1": qf,
        "speaker_accuracy": s.speaker_agreed / s.quote_matched if s.quote_matched else 0.0,
        "false_figures_on_negatives": float(s.false_figures_on_negatives),
    }
    return s


def missed_targets(summary: Summary) -> list[str]:
    missed = []
    for name, target in TARGETS.items():
        value = summary.metrics[name]
        ok = value <= target if name == "false_figures_on_negatives" else value >= target
        if not ok:
            missed.append(name)
    return missed


# --------------------------------------------------------------------------- reporting / CLI


def format_report(summary: Summary) -> str:
    m = summary.metrics
    lines = [
        f"items: {summary.items}  (negatives: {summary.negatives})",
        f"figures: gold {summary.figure_gold}, predicted {summary.figure_pred}, matched {summary.figure_matched}",
        f"quotes:  gold {summary.quote_gold}, predicted {summary.quote_pred}, matched {summary.quote_matched}",
        "",
        f"{'metric':<28}{'value':>8}{'target':>10}  status",
    ]
    rows = [
        ("figure precision", m["figure_precision"], None),
        ("figure recall", m["figure_recall"], None),
        ("figure F1", m["figure_f1"], TARGETS["figure_f1"]),
        ("quote precision", m["quote_precision"], None),
        ("quote recall", m["quote_recall"], None),
        ("quote F1", m["quote_f1"], TARGETS["quote_f1"]),
        ("speaker accuracy", m["speaker_accuracy"], TARGETS["speaker_accuracy"]),
    ]
    for label, value, target in rows:
        if target is None:
            lines.append(f"{label:<28}{value:>8.3f}")
        else:
            status = "ok" if value >= target else "MISSED"
            lines.append(f"{label:<28}{value:>8.3f}{'>= ' + format(target, '.2f'):>10}  {status}")
    false_neg = summary.false_figures_on_negatives
    target = TARGETS["false_figures_on_negatives"]
    status = "ok" if false_neg <= target else "MISSED"
    lines.append(f"{'false figures on negatives':<28}{false_neg:>8d}{'= ' + str(target):>10}  {status}")
    return "\n".join(lines)


_SIDE_ROWS = (
    ("items", None),
    ("figure precision", "figure_precision"),
    ("figure recall", "figure_recall"),
    ("figure F1", "figure_f1"),
    ("quote precision", "quote_precision"),
    ("quote recall", "quote_recall"),
    ("quote F1", "quote_f1"),
    ("speaker accuracy", "speaker_accuracy"),
    ("false figures on negatives", "false_figures_on_negatives"),
)


def format_side_by_side(named: Sequence[tuple[str, Summary]]) -> str:
    """The metrics of several scored sets in columns, one row per metric, targets in the last column."""
    width = max([12, *(len(name) + 2 for name, _ in named)])
    lines = [f"{'metric':<28}" + "".join(f"{name:>{width}}" for name, _ in named) + f"{'target':>10}"]
    for label, key in _SIDE_ROWS:
        cells = []
        for _, summary in named:
            if key is None:
                cells.append(f"{summary.items:>{width}d}")
            elif key == "false_figures_on_negatives":
                cells.append(f"{summary.false_figures_on_negatives:>{width}d}")
            else:
                cells.append(f"{summary.metrics[key]:>{width}.3f}")
        target = TARGETS.get(key or "")
        shown = "" if target is None else ("= " if key == "false_figures_on_negatives" else ">= ") + f"{target:g}"
        lines.append(f"{label:<28}" + "".join(cells) + f"{shown:>10}")
    return "\n".join(lines)


def _fig_str(f: Figure) -> str:
    lo = "?" if f.min is None else f.min
    hi = "?" if f.max is None else f.max
    return f"{f.kind} {lo}..{hi} {normalise_quote(f.span)!r}"


def format_errors(results: Sequence[ItemResult]) -> str:
    lines = []
    for r in results:
        entries = []
        entries += [f"  missed figure: {_fig_str(f)}" for f in r.missed_figures]
        label = "figure on negative" if r.negative else "false figure"
        entries += [f"  {label}: {_fig_str(f)}" for f in r.false_figures]
        entries += [f"  missed quote: {q.speaker}: {normalise_quote(q.text)[:100]!r}" for q in r.missed_quotes]
        entries += [f"  false quote: {q.speaker}: {normalise_quote(q.text)[:100]!r}" for q in r.false_quotes]
        entries += [
            f"  speaker: gold {g.speaker!r}, predicted {p.speaker!r} for {normalise_quote(g.text)[:60]!r}"
            for g, p in r.speaker_mismatches
        ]
        if entries:
            lines.append(r.id)
            lines.extend(entries)
    return "\n".join(lines) if lines else "no errors"


def load_items(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(items: Sequence[Mapping[str, Any]], extract: Any) -> list[ItemResult]:
    results = []
    for item in items:
        out = extract(item["text"])
        results.append(score_item(item, get_field(out, "figures", []) or [], get_field(out, "quotes", []) or []))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_DEV, help="development set (JSONL)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--show-errors", action="store_true", help="list misses and false positives per item")
    parser.add_argument(
        "--split",
        action="store_true",
        help="score dev, holdout, fresh, blind2, blind3, blind4a, blind4b, blind5, blind6, blind7, blind8 and blind9 (tests/data) side by side (scores only)",
    )
    args = parser.parse_args(argv)

    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    try:
        from digests.extract import extract
    except ImportError as exc:
        print(f"cannot import digests.extract.extract: {exc}", file=sys.stderr)
        return 2

    if args.split:
        named = [
            (p.stem, summarise(evaluate(load_items(p), extract)))
            for p in (
                DEFAULT_DEV,
                DEFAULT_HOLDOUT,
                DEFAULT_FRESH,
                DEFAULT_BLIND2,
                DEFAULT_BLIND3,
                DEFAULT_BLIND4A,
                DEFAULT_BLIND4B,
                DEFAULT_BLIND5,
                DEFAULT_BLIND6,
                DEFAULT_BLIND7,
                DEFAULT_BLIND8,
                DEFAULT_BLIND9,
            )
        ]
        print(format_side_by_side(named))
        missed = sorted({m for _, summary in named for m in missed_targets(summary)})
        if args.check and missed:
            print(f"targets missed: {', '.join(missed)}", file=sys.stderr)
            return 1
        return 0

    results = evaluate(load_items(args.path), extract)
    summary = summarise(results)
    if args.show_errors:
        print(format_errors(results))
        print()
    print(format_report(summary))
    missed = missed_targets(summary)
    if args.check and missed:
        print(f"targets missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
