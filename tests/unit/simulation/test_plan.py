"""Exact totals: largest remainders and the streamed allocation of strata to chunks."""

from __future__ import annotations

from datetime import date

import numpy as np

from lotse.simulation.calendar import Calendar
from lotse.simulation.plan import Allocator, largest_remainder, make_plan
from lotse.simulation.profiles import get


def test_largest_remainder_keeps_the_total() -> None:
    shares = np.array([510.0, 224.0, 81.0])
    assert largest_remainder(815, shares).tolist() == [510, 224, 81]
    assert largest_remainder(100, shares).sum() == 100


def test_chunks_together_hold_every_stratum_exactly_once() -> None:
    counts = np.array([5, 0, 17, 3, 25])
    allocator = Allocator(counts, seed=3)
    drawn = np.concatenate([allocator.take(n) for n in (20, 20, 10)])
    assert np.bincount(drawn, minlength=5).tolist() == counts.tolist()
    assert allocator.remaining.sum() == 0


def test_the_plan_has_exactly_the_elb_asked_for() -> None:
    plan = make_plan(get("duisburg"), 1234)
    stock = plan.counts[plan.strata[:, 3] <= 1].sum()  # stock and returners
    assert stock == 1234 == plan.stock.sum()


def test_the_quota_window_is_the_twelve_months_to_as_of() -> None:
    cal = Calendar.ending(date(2024, 12, 31))
    assert cal.to_date(cal.last_year_start) == date(2024, 1, 1)
    assert cal.to_date(cal.days - 1) == date(2024, 12, 31)
    assert cal.start == date(2022, 1, 1)
    assert [cal.to_date(d) for d in cal.stock_days(3)] == [
        date(2024, 12, 31), date(2024, 11, 30), date(2024, 10, 31),
    ]  # fmt: skip
