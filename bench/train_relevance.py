"""Fit the relevance model's weights (digests/relevance.py WEIGHTS and BIAS) on the dev split of the
relevance set, and show how the fit scores on dev and holdout.

    python bench/train_relevance.py            # prints the weights to paste into digests/relevance.py
    python bench/train_relevance.py --cv 5     # and how a fit generalises: 5-fold cross-validation on dev

Each example is one (article, topic) pair where the topic's terms appear in the article; its label is
whether the labeller said the article is about that topic. Logistic regression with an L2 penalty (the bias
is not penalised), fitted by Newton's method: a few hundred examples and a dozen features converge in a
handful of steps to the one optimum, whatever the features' scales.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bench.relevance_set import build_store, labels, topics
from digests.relevance import FEATURE_NAMES, THRESHOLD, Relevance
from digests.store.schema import Article

# (features, labelled about the topic, split, ruled out by a veto whatever the score)
Example = tuple[tuple[float, ...], bool, str, bool]
L2 = 5.0


def examples() -> list[tuple[str, Example]]:
    """Every (article, topic) example of the labelled articles, with its article's URL."""
    wanted = {row["url"]: row for row in labels("articles")}
    relevance = Relevance(topics())
    out: list[tuple[str, Example]] = []
    with tempfile.TemporaryDirectory() as folder:
        store = build_store(Path(folder))
        with store.session() as s:
            for article in s.scalars(select(Article).options(selectinload(Article.figures))):
                label = wanted.get(article.url)
                if label is None:
                    continue
                spans = [(f.start, f.end) for f in article.figures]
                for score in relevance.score(article.title, article.text, spans):
                    assert score.features is not None
                    example = (score.features.vector(), score.topic in label["topics"], label["split"])
                    out.append((article.url, (*example, score.veto is not None)))
        store.close()
    return out


def solve(matrix: Sequence[Sequence[float]], vector: Sequence[float]) -> list[float]:
    """x with matrix · x = vector (Gauss-Jordan elimination with partial pivoting)."""
    n = len(vector)
    rows = [[*row, b] for row, b in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        head = rows[col][col]
        rows[col] = [v / head for v in rows[col]]
        for r in range(n):
            if r != col and rows[r][col]:
                factor = rows[r][col]
                rows[r] = [v - factor * h for v, h in zip(rows[r], rows[col], strict=True)]
    return [row[n] for row in rows]


def fit(data: Sequence[Example], l2: float = L2, steps: int = 50) -> tuple[list[float], float]:
    """Weights and bias minimising the logistic loss plus l2/2 · |weights|², by Newton's method."""
    k = len(data[0][0]) + 1  # the bias is the last coefficient
    w = [0.0] * k
    for _ in range(steps):
        grad = [l2 * v for v in w[:-1]] + [0.0]
        hess = [[l2 if i == j and i < k - 1 else 0.0 for j in range(k)] for i in range(k)]
        for x, y, *_ in data:
            xs = (*x, 1.0)
            p = _sigmoid(sum(a * b for a, b in zip(w, xs, strict=True)))
            for i, xi in enumerate(xs):
                grad[i] += (p - y) * xi
                weight = p * (1 - p) * xi
                row = hess[i]
                for j, xj in enumerate(xs):
                    row[j] += weight * xj
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return w[:-1], w[-1]


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-60.0, min(60.0, z))))


def _p(weights: Sequence[float], bias: float, x: tuple[float, ...]) -> float:
    return _sigmoid(bias + sum(w * v for w, v in zip(weights, x, strict=True)))


def predicted(data: Sequence[Example], weights: Sequence[float], bias: float) -> list[bool]:
    """Each example's verdict, a vetoed one counting as ruled out (as in digests/relevance.py)."""
    return [not vetoed and _p(weights, bias, x) >= THRESHOLD for x, _, _, vetoed in data]


def cross_validated(data: Sequence[tuple[str, Example]], folds: int, l2: float = L2) -> list[bool]:
    """Each example's verdict by a fit on the other folds; an article's examples share a fold (by its URL)."""
    fold = [zlib.crc32(url.encode()) % folds for url, _ in data]
    verdicts = [False] * len(data)
    for k in range(folds):
        weights, bias = fit([e for (_, e), f in zip(data, fold, strict=True) if f != k], l2)
        held = [i for i, f in enumerate(fold) if f == k]
        for i, verdict in zip(held, predicted([data[i][1] for i in held], weights, bias), strict=True):
            verdicts[i] = verdict
    return verdicts


def report(name: str, data: Sequence[Example], verdicts: Sequence[bool]) -> str:
    """Precision and recall of the verdicts against the examples' labels."""
    tp = sum(v and y for v, (_, y, _, _) in zip(verdicts, data, strict=True))
    fp = sum(v and not y for v, (_, y, _, _) in zip(verdicts, data, strict=True))
    fn = sum(y and not v for v, (_, y, _, _) in zip(verdicts, data, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return f"{name:8} examples {len(data):4}  precision {precision:.3f}  recall {recall:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", type=int, metavar="K", help="also score a K-fold cross-validation on dev")
    args = parser.parse_args(argv)
    data = examples()
    dev_rows = [(url, e) for url, e in data if e[2] == "dev"]
    dev = [e for _, e in dev_rows]
    holdout = [e for _, e in data if e[2] == "holdout"]
    weights, bias = fit(dev)
    print("WEIGHTS = (" + ", ".join(f"{w:.3f}" for w in weights) + ")")
    print(f"BIAS = {bias:.3f}")
    for name, w in zip(FEATURE_NAMES, weights, strict=True):
        print(f"  {name:10} {w:+.3f}")
    print(report("dev", dev, predicted(dev, weights, bias)))
    if args.cv:
        print(report(f"cv{args.cv}", dev, cross_validated(dev_rows, args.cv)))
    print(report("holdout", holdout, predicted(holdout, weights, bias)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
