"""Integration rates per segment, origin and day, and the flows of people they imply.

Rates are integration-kind job starts per person-day in benefits:

* a segment with its own quota (focus group, Joboffensive) has ``quota / 365.25`` from its
  start;
* a published count (Unna's Job-Turbo exits per year and origin group) is spread over the
  stock of those origins in the period; days before the first or after the last such period
  take the nearest period's rate;
* every other cell gets the base rate, solved in :mod:`lotse.simulation.plan` so that the
  whole Jobcenter reaches the profile's quota.

From the rates follow, per stock person and day, the expected need-ending exits that do not
come back (``integrated``), those that come back before ``as_of`` (``returner``) and the other
exits (``left``). :func:`presence` turns them into the number of leavers still in benefits and
of returners away on a given day, which fixes how many stock people must already have been in
benefits then: the stock stays level over the whole window, so the average stock of the last
12 months (the quota's denominator) is the eLb figure.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lotse.domain.origin import origin_group
from lotse.simulation import origins
from lotse.simulation.calendar import Calendar
from lotse.simulation.profiles import Profile

JOB_MIN, JOB_MAX, GAP = 30, 300, 30
"""A short need-ending job lasts 30–300 days; the return follows 0–30 days later."""
LEAVER_MIN, LEAVER_MEAN = 30, 540.0
"""A leaver's last benefit spell lasts 30 days plus an exponential time (mean 540 days)."""

FloatArray = NDArray[np.float64]


def return_probability(days_left: ArrayLike) -> FloatArray:
    """P(a short job of 30–300 days plus a gap of 0–30 days lasts less than ``days_left``).

    >>> return_probability(np.array([0, 30, 330])).round(3).tolist()
    [0.0, 0.0, 1.0]
    """
    gaps = np.linspace(0, GAP, 31)
    d = np.asarray(days_left, dtype=float)[:, None]
    return np.asarray(np.clip((d - gaps - JOB_MIN) / (JOB_MAX - JOB_MIN), 0, 1).mean(axis=1))


def leaver_survival(days: int) -> FloatArray:
    """P(a leaver's last spell lasts longer than k days), k = 0 … days-1."""
    k = np.arange(days)
    return np.asarray(np.where(k < LEAVER_MIN, 1.0, np.exp(-(k - LEAVER_MIN) / LEAVER_MEAN)))


@lru_cache(maxsize=4)
def _away_matrix(t: int) -> FloatArray:
    """[e, d]: P(a returner whose job starts on day e is still away on day d), given that they
    are back by the last day t-1 (short job plus gap shorter than t - e days)."""
    table = return_probability(np.arange(t + 1))
    e = np.arange(t)[:, None]
    k = np.arange(t)[None, :] - e
    horizon = table[t - e]
    inside = (k >= 0) & (horizon > 0)
    cond = (horizon - table[np.clip(k, 0, t)]) / np.where(horizon > 0, horizon, 1.0)
    return np.asarray(np.where(inside, np.clip(cond, 0.0, 1.0), 0.0))


def presence(exits: FloatArray, returns: FloatArray) -> FloatArray:
    """Leavers still in benefits minus returners not in benefits, ``tau`` days before as_of.

    ``exits[t]``: people whose last benefit day is day t; ``returns[t]``: returners whose job
    starts on day t (both per stock person). A returner is away during the job and before the
    spell that led to it began. Index of the result: tau = 0 … T-1.
    """
    t = len(exits)
    survival = leaver_survival(t)
    leavers = np.convolve(exits[::-1], survival)[:t]
    in_job = (returns @ _away_matrix(t))[::-1]
    not_yet = np.convolve(returns[::-1], np.concatenate([[0.0], 1.0 - survival[1:]]))[:t]
    return np.asarray(leavers - in_job - not_yet)


def _fill_nearest(row: FloatArray) -> FloatArray:
    """NaN entries replaced by the value of the nearest known day."""
    known = np.flatnonzero(~np.isnan(row))
    idx = np.arange(len(row))
    pos = np.searchsorted(known, idx)
    right = known[np.minimum(pos, len(known) - 1)]
    left = known[np.maximum(pos - 1, 0)]
    return np.asarray(row[np.where(np.abs(idx - left) < np.abs(right - idx), left, right)])


def fill_flows(
    p: Profile, cal: Calendar, rate: FloatArray, seg_stock: FloatArray, scale: float
) -> None:
    """Set ``rate`` (segment, origin, day; NaN = not yet set) from the published flows."""
    group_of = [
        origin_group(c).value if c not in ("DE", "EU", "TR", "OTHER") else "other"
        for c in origins.CATEGORIES
    ]
    touched: set[tuple[int, int]] = set()
    for flow in p.flows:
        days = cal.day_mask(flow.start, flow.end)
        cats = [i for i, g in enumerate(group_of) if g in flow.origin_groups]
        cells = [
            (s, c) for s in range(rate.shape[0]) for c in cats if np.isnan(rate[s, c, days]).all()
        ]
        exposure = sum(seg_stock[s, c] for s, c in cells) * days.sum()
        if exposure <= 0:
            continue
        for s, c in cells:
            rate[s, c, days] = flow.count * scale / exposure
            touched.add((s, c))
    for s, c in sorted(touched):
        rate[s, c] = _fill_nearest(rate[s, c])


def flows(
    rate: FloatArray, avail: FloatArray, e: float, rho: float, other_per_day: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per stock person and day: returners' job starts, integrated exits, other exits."""
    t = len(rate)
    back = return_probability(t - np.arange(t))
    w = rate * avail
    return e * w * rho * back, e * w * (1 - rho * back), other_per_day * avail
