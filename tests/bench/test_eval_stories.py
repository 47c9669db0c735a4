"""bench/eval_stories.py: the pair scoring, the split and the fit on small cases with known answers."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from bench.bench_stories import Item, match_all, pools
from bench.eval_stories import (
    DF,
    Pair,
    _groups,
    choose_threshold,
    document_frequency,
    fit,
    floor,
    grouped,
    metrics,
    random_pairs,
    relevance_pairs,
    sitrep,
    story_pairs,
)
from digests.stories import FEATURES, story_text


def _pair(value: float, same: bool, close: bool = True, identical: bool = False) -> Pair:
    return Pair((value,) * len(FEATURES), close, same, 1, identical)


def test_metrics_count_a_pair_out_of_the_window_as_not_matched() -> None:
    pairs = [_pair(0.9, True), _pair(0.9, False), _pair(0.1, True), _pair(0.9, True, close=False)]
    predict = sitrep(0.5)
    assert [predict(p) for p in pairs] == [True, True, False, True]
    assert metrics(pairs, lambda p: p.values[0] > 0.5) == {"precision": 0.5, "recall": 1 / 3, "f1": 0.4}
    headlines = [_pair(0.0, True, identical=True), _pair(0.0, True)]
    assert metrics(headlines, floor) == {"precision": 1.0, "recall": 0.5, "f1": 2 / 3}


def test_articles_paired_directly_or_not_are_one_group() -> None:
    rows = [
        {"a": {"url": "https://c.org/1"}, "b": {"url": "https://b.org/1"}},
        {"a": {"url": "https://b.org/1"}, "b": {"url": "https://a.org/1"}},
        {"a": {"url": "https://d.org/1"}, "b": {"url": "https://e.org/1"}},
    ]
    groups = _groups(rows)
    assert sorted(set(groups.values())) == ["https://a.org/1", "https://d.org/1"]
    assert groups["https://c.org/1"] == "https://a.org/1"


def test_the_fit_learns_which_way_a_feature_points_and_the_threshold_keeps_precision() -> None:
    pairs = [_pair(v / 10, v >= 6) for v in range(11)] + [_pair(0.7, False)]
    weights, bias = fit(pairs, steps=2000)
    assert all(w > 0 for w in weights)
    assert bias < 0
    # Kept from 0.6 up, precision is 5/6 (0.7's negative is in); letting 0.5 in too would bring it to 5/7.
    threshold = choose_threshold(pairs, weights, bias, precision=0.8)
    kept = [p.values[0] for p in pairs if 1 / (1 + math.exp(-(bias + sum(weights) * p.values[0]))) >= threshold]
    assert min(kept) == 0.6


def test_both_labelled_sets_load_with_their_splits() -> None:
    stories, relevance = story_pairs(), relevance_pairs()
    folds = [sum(p.fold == f for p in stories) for f in range(3)]
    assert (len(stories), sum(p.same for p in stories), folds) == (169, 94, [42, 44, 83])
    assert (len(relevance), sum(p.same for p in relevance), sum(p.fold == 0 for p in relevance)) == (190, 26, 54)
    # Every feed pair but one is two articles of one outlet; random pairs never are.
    assert sum(p.values[FEATURES.index("same_outlet")] for p in relevance) == 189
    # 30 random pairs of two outlets, and 15 of one outlet's reports published within a story window.
    unrelated = random_pairs(30)
    assert (len(unrelated), sum(p.values[FEATURES.index("same_outlet")] for p in unrelated)) == (45, 15)
    assert not any(p.same for p in unrelated)


def test_grouping_in_ingest_order_joins_the_best_match_within_the_window() -> None:
    wire = story_text(
        "M23 rebels seize Goma airport",
        "M23 rebels backed by Rwanda seized the airport of Goma in eastern Congo on Monday, residents said.",
    )
    copy = story_text(
        "Rwanda-backed M23 rebels seize Goma airport",
        "M23 rebels backed by Rwanda seized the airport of Goma in eastern Congo on Monday, residents said.",
    )
    other = story_text(
        "Congo army retakes town near Bukavu",
        "Congolese troops recaptured a town north of Bukavu on Friday after clashes with M23 rebels.",
    )
    monday = datetime(2025, 1, 27, 9, tzinfo=UTC)
    articles = [
        ("wire", wire, monday),
        ("other", other, monday + timedelta(hours=2)),
        ("copy", copy, monday + timedelta(hours=3)),
        ("late copy", copy, monday + timedelta(days=3)),
        ("undated copy", copy, None),
    ]
    # The late copy is out of the wire's window: a story of its own. The undated one is compared with all, and
    # joins its identical twin's story rather than the wire's.
    assert grouped(articles) == {"wire": 0, "other": 1, "copy": 0, "late copy": 3, "undated copy": 3}


def test_the_speed_bench_matches_as_the_ingest_does() -> None:
    # bench/bench_stories.py: candidates within the window, newest first; a copy from another outlet joins.
    monday = datetime(2025, 1, 27, 9, tzinfo=UTC)
    lead = "M23 rebels backed by Rwanda seized the airport of Goma in eastern Congo on Monday, residents said."
    items = [
        Item("M23 rebels seize Goma airport", lead, "https://wire.example.org/1", monday),
        Item("Congo army retakes town near Bukavu", "Troops took back a town.", "https://b.example.com/2", monday),
        Item("Rwanda-backed M23 rebels seize Goma airport", lead, "https://c.example.net/3", monday),
        Item("M23 rebels seize Goma airport", lead, "https://d.example.net/4", monday + timedelta(days=3)),
    ]
    assert pools(items) == [[], [0], [1, 0], []]
    assert match_all(items, pools(items)) == (1, 1)


def test_the_shipped_stem_table_is_the_bundled_feeds_as_stories_read_them() -> None:
    # digests/stories_df.txt is what `eval_stories.py --df` writes: regenerate it after changing stems().
    assert DF.read_text(encoding="utf-8") == document_frequency()
    assert DF.read_text(encoding="utf-8").split("\n", 2)[:2] == ["1000", "aband 8"]
