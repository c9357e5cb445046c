"""Regelbedarf, Mehrbedarf and counted income, checked against the rules worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from lotse.simulation import money


def test_a_wage_of_1000_euros_counts_467_euros_against_the_need() -> None:
    # § 11b SGB II: allowance 100 + 20 % of (520-100) + 30 % of (1000-520) = 100 + 84 + 144
    # = 328; net wage ≈ 79.5 % of 1,000 = 795 (no tax below 1,250); counted 795 - 328 = 467.
    assert money.counted_one(1000.0, has_child=False) == pytest.approx(467.0)


def test_a_minijob_is_paid_gross_and_keeps_most_of_it() -> None:
    # 556 gross = net; allowance 100 + 84 + 30 % of 36 = 194.8; counted 361.2.
    assert money.counted_one(556.0, has_child=False) == pytest.approx(361.2)


def test_the_allowance_runs_to_1500_euros_with_a_child() -> None:
    # Between 1,200 and 1,500 euros 10 % more stay free with a minor child: 30 euros at 1,500.
    with_child = money.allowance(np.array([1500.0]), np.array([True]))[0]
    without = money.allowance(np.array([1500.0]), np.array([False]))[0]
    assert with_child - without == pytest.approx(30.0)


def test_the_break_even_wage_is_the_first_that_covers_the_household_need() -> None:
    # A single person: RBS 1 563 + KdU 450 = 1,013 euros of need.
    need = np.array([1013.0])
    no_child = np.array([False])
    wage = money.break_even_gross(need, no_child)
    assert money.counted_income(wage, no_child)[0] >= 1013.0
    assert money.counted_income(wage - 1.0, no_child)[0] < 1013.0
    # By hand above 1,250: 0.795 g - 0.14 (g - 1250) - 348 = 1013  =>  g = 1186 / 0.655 ≈ 1,811.
    assert wage[0] == pytest.approx(1810.7, abs=0.5)


def test_single_parents_get_36_percent_for_one_small_child() -> None:
    assert money.single_parent_mehrbedarf([3]) == pytest.approx(0.36 * 563)
    assert money.single_parent_mehrbedarf([10]) == pytest.approx(0.12 * 563)
    assert money.single_parent_mehrbedarf([1, 2, 3, 4, 5, 6]) == pytest.approx(0.60 * 563)
