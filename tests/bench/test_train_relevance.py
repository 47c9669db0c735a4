"""bench/train_relevance.py: Newton's method finds the logistic optimum on cases with known answers."""

from __future__ import annotations

import math

from bench.train_relevance import cross_validated, fit, solve


def test_solve_finds_the_vector_that_the_matrix_maps_to_the_right_side() -> None:
    # A zero on the diagonal needs the pivot swap.
    assert solve([[0.0, 2.0], [3.0, 1.0]], [4.0, 5.0]) == [1.0, 2.0]


def test_fit_without_penalty_recovers_the_log_odds_of_each_group() -> None:
    # Without the feature: one positive in four; with it: three in four. The optimum is their log-odds.
    data = [((0.0,), y, "dev", False) for y in (True, False, False, False)]
    data += [((1.0,), y, "dev", False) for y in (True, True, True, False)]
    [weight], bias = fit(data, l2=0.0)
    assert (round(bias, 6), round(weight, 6)) == (round(math.log(1 / 3), 6), round(math.log(9), 6))


def test_the_penalty_shrinks_the_weights_but_not_the_bias() -> None:
    data = [((0.0,), y, "dev", False) for y in (True, False, False, False)]
    data += [((1.0,), y, "dev", False) for y in (True, True, True, False)]
    [free], _ = fit(data, l2=0.0)
    [shrunk], bias = fit(data, l2=1.0)
    assert (round(free, 3), round(shrunk, 3), round(bias, 3)) == (2.197, 0.669, -0.334)


def test_cross_validation_scores_each_article_by_a_fit_on_the_other_folds() -> None:
    # Two articles per fold at most; a feature that separates the labels perfectly is learnt from any fold's rest.
    rows = [(f"https://example.org/{i}", ((float(i % 2),), bool(i % 2), "dev", False)) for i in range(12)]
    assert cross_validated(rows, 3, l2=1.0) == [bool(i % 2) for i in range(12)]
    # A vetoed example is ruled out whatever the fit says.
    vetoed = [(url, (x, y, split, True)) for url, (x, y, split, _) in rows]
    assert cross_validated(vetoed, 3, l2=1.0) == [False] * 12
