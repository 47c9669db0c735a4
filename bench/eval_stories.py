"""Score story matching (digests/stories.py) on labelled pairs of articles, and fit its weights.

    python bench/eval_stories.py            # precision, recall, F1 on the training and held-out parts
    python bench/eval_stories.py --curve    # and at other thresholds (held-out part)
    python bench/eval_stories.py --cv       # and cross-validated over three folds of the cross-outlet pairs
    python bench/eval_stories.py --fit      # fit the weights on the training part; prints them for stories.py
    python bench/eval_stories.py --common   # the names too common in the bundled feeds to tell stories apart
    python bench/eval_stories.py --df       # write the word-stem table digests/stories_df.txt

Two labelled sets, and random pairs:
* tests/data/stories/pairs.jsonl: pairs from different outlets (syndicated copies, rewrites of one wire story,
  two reports of one event, against hard negatives: another event of the same war, place and week). Held out:
  the pairs of one third of the groups of connected articles (by a hash of the group), so that no article of
  a held-out pair was seen in training.
* tests/data/relevance/pairs.jsonl: pairs of the bundled feeds (mostly one outlet's same-day updates), their
  titles and texts read from tests/data/feeds as the ingest reads them. Held out: the set's own `holdout` split.
* random pairs of the bundled feeds (two outlets, or one outlet within a window), taken as different stories:
  most of what a new article is compared with at ingest. Held out by a hash, as above.

A pair is predicted "same story" when the second article would join the first's story at ingest: published
within the story window of each other (when both dates are known) and scored at or over the threshold. The
floor is a keyword-free baseline a feed reader could use: identical headlines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digests.ingest.canonical import canonical_url
from digests.ingest.parse import FeedError, parse_feed
from digests.ingest.persist import _STORY_POOL
from digests.stories import (
    FEATURES,
    THRESHOLD,
    WINDOW,
    Candidate,
    StoryText,
    all_names,
    features,
    match_story,
    probability,
    stems,
    story_text,
)

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "data" / "stories" / "pairs.jsonl"
RELEVANCE = ROOT / "tests" / "data" / "relevance" / "pairs.jsonl"
FEEDS = ROOT / "tests" / "data" / "feeds"
# Random cross-outlet pairs of the bundled feeds (see random_pairs()), as negatives for the fit and the score.
RANDOM_PAIRS = 600
# The threshold is the lowest at which the training pairs from different outlets (the labelled ones and the random
# ones) keep this precision: above the 0.90 wanted, for a margin on pairs never seen.
TRAINING_PRECISION = 0.93
SAME_HOUR = datetime(2026, 3, 5, 12, tzinfo=UTC)  # random pairs: the first is taken as published then
DF = ROOT / "digests" / "stories_df.txt"


@dataclass(frozen=True)
class Pair:
    values: tuple[float, ...]  # features() of the two articles
    close: bool  # published within the story window (or a date unknown)
    same: bool  # labelled one story
    fold: int  # 0: held out; 1, 2: training (0-2: cross-validation folds, see --cv); 3: training only
    identical_titles: bool  # the floor's prediction
    grouped: bool = False  # put in one story when all the set's articles are ingested in order (see grouped())


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _day(value: str | None) -> datetime | None:
    return datetime.combine(date.fromisoformat(value), time.min, UTC) if value else None


def _close(first: datetime | None, second: datetime | None, slack: bool = False) -> bool:
    """Within the story window; a date without a time (`slack`) may be up to a day off."""
    if first is None or second is None:
        return True
    return abs(first - second) <= WINDOW + (timedelta(days=1) if slack else timedelta())


def _pair(a: StoryText, b: StoryText, close: bool, same: bool, fold: int, grouped: bool) -> Pair:
    return Pair(features(a, b), close, same, fold, a.title == b.title, grouped)


def grouped(articles: Sequence[tuple[str, StoryText, datetime | None]], slack: bool = False) -> dict[str, int]:
    """Each article's story when (url, text, published) are ingested in this order: every article matched against
    the earlier ones within the story window (an undated one against all), joining the best match's story."""
    stored: list[tuple[Candidate, datetime | None]] = []
    story: dict[str, int] = {}
    for i, (url, text, published) in enumerate(articles):
        pool = [c for c, when in reversed(stored) if _close(published, when, slack)][:_STORY_POOL]
        found = match_story(text, pool)
        story[url] = i if found is None else found
        stored.append((Candidate(i, story[url], text), published))
    return story


def _groups(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Each article's group: the smallest URL among the articles it is paired with, directly or not."""
    parent: dict[str, str] = {}

    def root(url: str) -> str:
        parent.setdefault(url, url)
        while parent[url] != url:
            url = parent[url]
        return url

    for row in rows:
        first, second = root(row["a"]["url"]), root(row["b"]["url"])
        parent[max(first, second)] = min(first, second)
    return {url: root(url) for url in parent}


def _fold(group: str) -> int:
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % 3


def story_pairs(path: Path = STORIES) -> list[Pair]:
    rows = _read(path)
    group = _groups(rows)
    articles = {side["url"]: side for row in rows for side in (row["a"], row["b"])}
    dates = {url: _day(a.get("published")) for url, a in articles.items()}
    # A date without a time says nothing of the hours between two reports: the texts are left undated.
    texts = {url: replace(story_text(a["title"], a["lead"]), outlet=a["outlet"]) for url, a in articles.items()}
    # In order of publication, the undated last (ingested now); a date without a time may be a day off.
    order = sorted(articles, key=lambda url: (dates[url] is None, dates[url] or datetime.min.replace(tzinfo=UTC)))
    story = grouped([(url, texts[url], dates[url]) for url in order], slack=True)
    return [
        _pair(
            texts[row["a"]["url"]],
            texts[row["b"]["url"]],
            _close(dates[row["a"]["url"]], dates[row["b"]["url"]], slack=True),
            bool(row["same"]),
            _fold(group[row["a"]["url"]]),
            story[row["a"]["url"]] == story[row["b"]["url"]],
        )
        for row in rows
    ]


def feed_articles(folder: Path = FEEDS) -> dict[str, tuple[str, str, datetime | None]]:
    """(title, text, published) of every feed entry by canonical URL, the text the ingest would store."""
    found: dict[str, tuple[str, str, datetime | None]] = {}
    for path in sorted(folder.glob("*.xml")):
        try:
            entries = parse_feed(path.read_bytes()).entries
        except FeedError:
            continue
        for entry in entries:
            if entry.url:
                text = entry.content if len(entry.content) >= len(entry.summary) else entry.summary
                found.setdefault(canonical_url(entry.url), (entry.title, text, entry.published))
    return found


def relevance_pairs(path: Path = RELEVANCE, folder: Path = FEEDS) -> list[Pair]:
    articles = feed_articles(folder)
    texts = {url: story_text(title, text, url, published) for url, (title, text, published) in articles.items()}
    story = grouped([(url, texts[url], published) for url, (_, _, published) in articles.items()])
    return [
        _pair(
            texts[row["a"]],
            texts[row["b"]],
            _close(articles[row["a"]][2], articles[row["b"]][2]),
            bool(row["same"]),
            0 if row["split"] == "holdout" else 3,
            story[row["a"]] == story[row["b"]],
        )
        for row in _read(path)
    ]


def random_pairs(count: int = RANDOM_PAIRS, folder: Path = FEEDS) -> list[Pair]:
    """Pairs of articles of two different outlets of the bundled feeds, drawn at random (seeded), taken as two
    stories, published at random times within one story window of each other: what most of a window's candidates
    are; and half as many pairs of one outlet's reports published within a window. Not labelled one by one: two
    of 1,000 articles from 22 feeds over 14 years rarely report one story, nor do two of an outlet's day."""
    articles = feed_articles(folder)
    texts = {url: story_text(title, text, url, SAME_HOUR) for url, (title, text, _) in articles.items()}
    urls = sorted(url for url, text in texts.items() if text.outlet is not None)
    draw = random.Random(10)
    out: list[Pair] = []
    while len(out) < count:
        a, b = draw.sample(urls, 2)
        if texts[a].outlet != texts[b].outlet:
            later = replace(texts[b], published=SAME_HOUR + draw.uniform(-1, 1) * WINDOW)
            out.append(_pair(texts[a], later, True, False, _fold(min(a, b)), False))
    # And pairs of one outlet's reports published within a story window of each other (the labelled ones apart):
    # what an outlet's other reports of the day share is its house style, its datelines and the day's big news.
    labelled = {frozenset((row["a"], row["b"])) for row in _read(RELEVANCE)}
    dated = [url for url in urls if articles[url][2] is not None]
    near = [
        (a, b)
        for i, a in enumerate(dated)
        for b in dated[i + 1 :]
        if texts[a].outlet == texts[b].outlet
        and _close(articles[a][2], articles[b][2])
        and frozenset((a, b)) not in labelled
    ]
    for a, b in draw.sample(near, min(count // 2, len(near))):
        timed = replace(texts[a], published=articles[a][2]), replace(texts[b], published=articles[b][2])
        out.append(_pair(*timed, True, False, _fold(min(a, b)), False))
    return out


def document_frequency(folder: Path = FEEDS) -> str:
    """The stem table digests/stories.py weighs words by: the article count, then each stem two or more of the
    bundled feeds' articles carry with its count (a stem missing from it counts as carried by none)."""
    articles = feed_articles(folder)
    counts: Counter[str] = Counter()
    for title, text, _ in articles.values():
        counts.update(stems(title, text))
    kept = sorted((stem, n) for stem, n in counts.items() if n >= 2)
    return "".join([f"{len(articles)}\n", *(f"{stem} {n}\n" for stem, n in kept)])


def common_names(share: float = 0.02, folder: Path = FEEDS) -> list[str]:
    """Names (as story texts keep them) that at least `share` of the bundled feeds' articles carry."""
    articles = feed_articles(folder)
    counts: Counter[str] = Counter()
    for title, text, _ in articles.values():
        counts.update(all_names(title, text))
    return sorted(name for name, count in counts.items() if count >= share * len(articles))


def metrics(pairs: Sequence[Pair], predict: Callable[[Pair], bool]) -> dict[str, float]:
    tp = sum(1 for p in pairs if p.same and p.close and predict(p))
    fp = sum(1 for p in pairs if not p.same and p.close and predict(p))
    fn = sum(1 for p in pairs if p.same and not (p.close and predict(p)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def sitrep(threshold: float = THRESHOLD) -> Callable[[Pair], bool]:
    return lambda pair: probability(pair.values) >= threshold


def floor(pair: Pair) -> bool:
    return pair.identical_titles


def fit(pairs: Sequence[Pair], steps: int = 20000, rate: float = 1.0, l2: float = 1e-3) -> tuple[list[float], float]:
    """Logistic regression by full-batch gradient descent, lightly regularised: (weights, bias). Deterministic."""
    x = np.array([p.values for p in pairs])
    y = np.array([p.same for p in pairs], dtype=float)
    weights, bias = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        error = 1 / (1 + np.exp(-(x @ weights + bias))) - y
        weights -= rate * (x.T @ error / len(y) + l2 * weights)
        bias -= rate * float(error.mean())
    return [float(w) for w in weights], bias


def choose_threshold(pairs: Sequence[Pair], weights: Sequence[float], bias: float, precision: float) -> float:
    """The lowest threshold (in steps of 0.01) from which on precision on these pairs stays at or over `precision`."""
    chosen = 0.95
    for step in range(95, 5, -1):
        threshold = step / 100
        predict = _predictor(weights, bias, threshold)
        if metrics(pairs, predict)["precision"] < precision:
            break
        chosen = threshold
    return chosen


def _predictor(weights: Sequence[float], bias: float, threshold: float) -> Callable[[Pair], bool]:
    def predict(pair: Pair) -> bool:
        logit = bias + sum(w * v for w, v in zip(weights, pair.values, strict=True))
        return 1 / (1 + math.exp(-logit)) >= threshold

    return predict


def train(
    stories: Sequence[Pair], relevance: Sequence[Pair], unrelated: Sequence[Pair], held_out: int
) -> tuple[list[float], float, float]:
    """Weights, bias and threshold from every pair but those of fold `held_out` (the feed pairs: their dev split)."""
    weights, bias = fit([p for p in [*stories, *relevance, *unrelated] if p.fold != held_out])
    chosen = [p for p in [*stories, *relevance, *unrelated] if p.fold != held_out]
    return weights, bias, choose_threshold(chosen, weights, bias, TRAINING_PRECISION)


def cross_validated(stories: Sequence[Pair], relevance: Sequence[Pair], unrelated: Sequence[Pair]) -> dict[str, float]:
    """Cross-outlet pairs scored fold by fold, each by a model fitted (and its threshold chosen) on the other two."""
    tp = fp = fn = 0
    for fold in range(3):
        weights, bias, threshold = train(stories, relevance, unrelated, held_out=fold)
        predict = _predictor(weights, bias, threshold)
        for p in stories:
            if p.fold == fold:
                hit = p.close and predict(p)
                tp, fp, fn = tp + (hit and p.same), fp + (hit and not p.same), fn + (p.same and not hit)
    precision, recall = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _line(name: str, m: dict[str, float]) -> str:
    return f"  {name:<24} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"


def report(name: str, pairs: Sequence[Pair], curve: bool) -> None:
    for part, chosen in (("training", False), ("held-out", True)):
        subset = [p for p in pairs if (p.fold == 0) == chosen]
        same = sum(p.same for p in subset)
        print(f"{name}, {part}: {len(subset)} pairs ({same} same story)")
        print(_line("identical headlines", metrics(subset, floor)))
        print(_line(f"sitrep (threshold {THRESHOLD:g})", metrics(subset, sitrep())))
        print(_line("sitrep, as ingest groups", metrics(subset, lambda p: p.grouped)))
        if curve and chosen:
            for step in range(10, 100, 5):
                print(_line(f"threshold {step / 100:.2f}", metrics(subset, sitrep(step / 100))))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curve", action="store_true", help="also show other thresholds")
    parser.add_argument("--fit", action="store_true", help="fit the weights on the training part")
    parser.add_argument("--common", action="store_true", help="list the names common in the bundled feeds")
    parser.add_argument("--df", action="store_true", help=f"write the stem table {DF.name}")
    parser.add_argument("--cv", action="store_true", help="also cross-validate over the three folds")
    args = parser.parse_args(argv)
    if args.df:
        DF.write_text(document_frequency(), encoding="utf-8")
        return 0
    if args.common:
        print(" ".join(common_names()))
        return 0
    stories, relevance, unrelated = story_pairs(), relevance_pairs(), random_pairs()
    if args.fit:
        weights, bias, threshold = train(stories, relevance, unrelated, held_out=0)
        print(f"WEIGHTS = ({', '.join(f'{w:.3f}' for w in weights)})  # {', '.join(FEATURES)}")
        print(f"BIAS = {bias:.3f}")
        print(f"THRESHOLD = {threshold:g}")
        return 0
    report("cross-outlet pairs (tests/data/stories)", stories, args.curve)
    report("feed pairs (tests/data/relevance)", relevance, args.curve)
    for part, chosen in (("training", False), ("held-out", True)):
        subset = [p for p in unrelated if (p.fold == 0) == chosen]
        matched = sum(1 for p in subset if sitrep()(p))
        print(f"random feed pairs, {part}: {matched} of {len(subset)} matched")
    if args.cv:
        print(_line("cross-outlet, 3-fold CV", cross_validated(stories, relevance, unrelated)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
