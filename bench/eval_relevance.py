"""Score what a topic's channel receives against the relevance set (tests/data/relevance, rules in RULES.md).

    python bench/eval_relevance.py            # dev and holdout side by side, and the keyword-only floor
    python bench/eval_relevance.py --check    # exit 1 when a target is missed on dev

The shared feeds are ingested into a temporary store with the set's keyword config (topics.yaml), and each
topic's digest is built as a channel would get it. Scored:

* articles a topic receives: precision and recall against the labelled articles (micro-averaged over topics;
  an article the labels don't cover is not counted);
* figures shown: the share of shown claims whose count the labels call a valid figure of that topic;
* side-by-side claims of different counts: groups whose labelled claims carry different `counts` slugs;
* one count told in several places: the groups beyond the first that show claims of one labelled count
  (`counts` slug) in a topic's digest — each event and each running total should be one line;
* scope: the share of the topic-placed, unrejected figures whose incident / running-total / unclear reading
  agrees with the labels;
* story pairs: precision, recall and F1 of "same story" (the same story id).

The floor is what keyword presence alone gives: every article naming a term, every figure in it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bench.relevance_set import build_store, labels, topics
from digests.digest.build import DigestLimits, build_digest
from digests.relevance import term_pattern, topic_patterns
from digests.store.db import Store
from digests.store.schema import Article, FigureRow

TARGETS = {
    "article_precision": 0.90,
    "article_recall": 0.90,
    "figure_precision": 0.95,
    "mixed_groups": 0,
    "pair_f1": 0.90,
}
ALL = DigestLimits(max_articles=10**6, max_quotes=0, max_figures=10**6)

Shown = dict[str, tuple[set[str], list[tuple[str, int]], list[list[tuple[str, int]]]]]


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def shown_by_digests(store: Store, names: Sequence[str]) -> Shown:
    """Per topic: the article URLs, the claims' (url, start), and each group's claims."""
    out: Shown = {}
    terms = topic_patterns(topics())  # every topic's terms, as a channel's digest gets them
    with store.session() as s:
        for topic in names:
            d = build_digest(s, topics=[topic], title=topic, now=datetime.now(UTC), limits=ALL, terms=terms)
            groups = [[(c.article.canonical, c.start) for c in g.claims] for g in d.figures]
            out[topic] = ({a.canonical for a in d.articles}, [c for g in groups for c in g], groups)
    return out


def shown_by_keywords(store: Store, names: Sequence[str]) -> Shown:
    """The floor: an article is a topic's when a term appears; all its figures are shown, one group each."""
    config = topics()
    patterns = {n: re.compile("|".join(term_pattern(t) for t in config[n].match), re.I) for n in names}
    out: Shown = {n: (set(), [], []) for n in names}
    with store.session() as s:
        for a in s.scalars(select(Article).options(selectinload(Article.figures))):
            for n, p in patterns.items():
                if p.search(a.title) or p.search(a.text):
                    out[n][0].add(a.url)
                    claims = [(a.url, f.start) for f in a.figures]
                    out[n][1].extend(claims)
                    out[n][2].extend([c] for c in claims)
    return out


def score(shown: Shown, split: str) -> dict[str, float]:
    arts = {r["url"]: r for r in labels("articles") if r["split"] == split}
    figs = {(r["url"], r["start"]): r for r in labels("figures") if r["split"] == split}
    tp = fp = fn = 0
    fig_ok = fig_all = mixed = 0
    places: dict[tuple[str, str], set[int]] = {}
    for topic, (urls, claims, groups) in shown.items():
        for url, row in arts.items():
            about = topic in row["topics"]
            got = url in urls
            tp += about and got
            fp += got and not about
            fn += about and not got
        for claim in claims:
            row = figs.get(claim)
            if row is None:
                continue
            fig_all += 1
            fig_ok += bool(row["valid"]) and row["conflict"] == topic
        for index, group in enumerate(groups):
            slugs = {figs[c]["counts"] for c in group if c in figs}
            mixed += len(slugs) > 1
            for slug in {figs[c]["counts"] for c in group if c in figs and figs[c]["valid"]}:
                places.setdefault((topic, slug), set()).add(index)
    return {
        "article_precision": _ratio(tp, tp + fp),
        "article_recall": _ratio(tp, tp + fn),
        "figure_precision": _ratio(fig_ok, fig_all),
        "figures_scored": fig_all,
        "mixed_groups": mixed,
        "split_counts": sum(len(found) - 1 for found in places.values()),
    }


def scope_accuracy(store: Store, split: str) -> dict[str, float]:
    figs = {(r["url"], r["start"]): r for r in labels("figures") if r["split"] == split and r["valid"]}
    right = total = 0
    with store.session() as s:
        rows = s.execute(
            select(Article.url, FigureRow.start, FigureRow.scope)
            .join(Article)
            .where(FigureRow.topic.is_not(None), FigureRow.rejected.is_(None))
        )
        for url, start, scope in rows:
            row = figs.get((url, start))
            if row is None:
                continue
            total += 1
            right += scope == (row["scope"] if row["scope"] in ("incident", "cumulative") else None)
    return {"scope_accuracy": _ratio(right, total)}


def pair_scores(store: Store, split: str) -> dict[str, float]:
    with store.session() as s:
        story = {url: sid or aid for aid, url, sid in s.execute(select(Article.id, Article.url, Article.story_id))}
    tp = fp = fn = 0
    for row in labels("pairs"):
        if row["split"] != split:
            continue
        same = story.get(row["a"]) is not None and story.get(row["a"]) == story.get(row["b"])
        tp += same and row["same"]
        fp += same and not row["same"]
        fn += row["same"] and not same
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {"pair_precision": p, "pair_recall": r, "pair_f1": _ratio(2 * p * r, p + r) if p + r else 0.0}


def evaluate(store: Store) -> dict[str, dict[str, dict[str, float]]]:
    names = list(topics())
    sitrep, floor = shown_by_digests(store, names), shown_by_keywords(store, names)
    result: dict[str, dict[str, dict[str, float]]] = {}
    for split in ("dev", "holdout"):
        result[split] = {
            "sitrep": {**score(sitrep, split), **scope_accuracy(store, split), **pair_scores(store, split)},
            "keywords": score(floor, split),
        }
    return result


def table(result: dict[str, Any]) -> str:
    metrics = ["article_precision", "article_recall", "figure_precision", "figures_scored", "mixed_groups"]
    metrics += ["split_counts", "scope_accuracy"]
    metrics += ["pair_precision", "pair_recall", "pair_f1"]
    head = f"{'metric':22}{'dev':>10}{'holdout':>10}{'dev floor':>12}{'hold floor':>12}{'target':>9}"
    lines = [head]
    for m in metrics:
        cells = [result["dev"]["sitrep"].get(m), result["holdout"]["sitrep"].get(m)]
        cells += [result["dev"]["keywords"].get(m), result["holdout"]["keywords"].get(m)]
        shown = [("" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)) for v in cells]
        target = TARGETS.get(m)
        lines.append(
            f"{m:22}{shown[0]:>10}{shown[1]:>10}{shown[2]:>12}{shown[3]:>12}{'' if target is None else target:>9}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed on dev")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        store = build_store(Path(folder))
        try:
            result = evaluate(store)
        finally:
            store.close()
    print(table(result))
    if args.check:
        dev = result["dev"]["sitrep"]
        missed = [m for m, t in TARGETS.items() if (dev[m] > t if m == "mixed_groups" else dev[m] < t)]
        if missed:
            print("missed: " + ", ".join(missed))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
