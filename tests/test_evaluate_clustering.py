"""Pairwise and B-cubed scores of a clustering, checked against values computed by hand."""

from __future__ import annotations

import pytest

from eventwire.evaluate.clustering import bcubed, pairwise

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}


def test_scoring_pairwise_by_hand():
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    score = pairwise(GOLD, predicted)
    # predicted pairs: ab, cd, ce, de (4); gold pairs: ab, ac, bc, de (4); shared: ab, de
    assert (score.p_num, score.p_den, score.r_den) == (2, 4, 4)
    assert score.p == pytest.approx(0.5)
    assert score.r == pytest.approx(0.5)


def test_scoring_bcubed_by_hand():
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    score = bcubed(GOLD, predicted)
    # precision per item: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3
    assert score.p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    # recall per item: a 2/3, b 2/3, c 1/3, d 2/2, e 2/2
    assert score.r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_scoring_everything_in_one_cluster():
    predicted = dict.fromkeys(GOLD, "all")
    assert pairwise(GOLD, predicted).p == pytest.approx(4 / 10)
    assert pairwise(GOLD, predicted).r == pytest.approx(1.0)
    assert bcubed(GOLD, predicted).p == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    assert bcubed(GOLD, predicted).r == pytest.approx(1.0)


def test_scoring_all_singletons():
    predicted = {item: item for item in GOLD}
    assert pairwise(GOLD, predicted).p == 0.0  # no predicted pair at all
    assert pairwise(GOLD, predicted).r == 0.0
    assert bcubed(GOLD, predicted).p == pytest.approx(1.0)
    assert bcubed(GOLD, predicted).r == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)


def test_scoring_perfect_and_f1():
    predicted = {k: f"p{v}" for k, v in GOLD.items()}
    assert pairwise(GOLD, predicted).f1 == pytest.approx(1.0)
    assert bcubed(GOLD, predicted).f1 == pytest.approx(1.0)


def test_scoring_refuses_different_items():
    with pytest.raises(ValueError, match="different items"):
        pairwise(GOLD, {"a": 1})
