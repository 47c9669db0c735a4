"""Fit the relevance model's weights (digests/relevance.py WEIGHTS and BIAS) on the dev split of the
relevance set, and show how the fit scores on dev and holdout.

    python bench/train_relevance.py            # prints the weights to paste into digests/relevance.py

Each example is one (article, topic) pair where the topic's terms appear in the article; its label is
whether the labeller said the article is about that topic. Plain logistic regression with an L2 penalty,
by gradient descent: a few hundred examples and ten features need nothing more.
"""

from __future__ import annotations

import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bench.relevance_set import build_store, labels, topics
from digests.relevance import FEATURE_NAMES, THRESHOLD, Relevance
from digests.store.schema import Article

Example = tuple[tuple[float, ...], bool, str]


def examples() -> list[Example]:
    wanted = {row["url"]: row for row in labels("articles")}
    relevance = Relevance(topics())
    out: list[Example] = []
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
                    out.append((score.features.vector(), score.topic in label["topics"], label["split"]))
        store.close()
    return out


def fit(data: list[Example], l2: float = 0.001, steps: int = 8000, rate: float = 0.5) -> tuple[list[float], float]:
    weights = [0.0] * len(data[0][0])
    bias = 0.0
    for _ in range(steps):
        grad = [0.0] * len(weights)
        grad_bias = 0.0
        for x, y, _ in data:
            error = _p(weights, bias, x) - y
            for i, xi in enumerate(x):
                grad[i] += error * xi
            grad_bias += error
        n = len(data)
        weights = [w - rate * (g / n + l2 * w) for w, g in zip(weights, grad, strict=True)]
        bias -= rate * grad_bias / n
    return weights, bias


def _p(weights: list[float], bias: float, x: tuple[float, ...]) -> float:
    return 1 / (1 + math.exp(-(bias + sum(w * v for w, v in zip(weights, x, strict=True)))))


def report(name: str, data: list[Example], weights: list[float], bias: float) -> str:
    tp = fp = fn = 0
    for x, y, _ in data:
        predicted = _p(weights, bias, x) >= THRESHOLD
        tp += predicted and y
        fp += predicted and not y
        fn += (not predicted) and y
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return f"{name:8} examples {len(data):4}  precision {precision:.3f}  recall {recall:.3f}"


def main() -> int:
    data = examples()
    dev = [e for e in data if e[2] == "dev"]
    holdout = [e for e in data if e[2] == "holdout"]
    weights, bias = fit(dev)
    print("WEIGHTS = (" + ", ".join(f"{w:.3f}" for w in weights) + ")")
    print(f"BIAS = {bias:.3f}")
    for name, w in zip(FEATURE_NAMES, weights, strict=True):
        print(f"  {name:10} {w:+.3f}")
    print(report("dev", dev, weights, bias))
    print(report("holdout", holdout, weights, bias))
    return 0


if __name__ == "__main__":
    sys.exit(main())
