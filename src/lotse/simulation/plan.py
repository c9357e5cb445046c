"""How many of whom: the strata of people and their exact, streamable allocation to chunks.

**Strata.** Every generated person belongs to one stratum: site × origin category × segment
(``base`` or a programme of the profile) × type. The four types are

* ``stock``: an eLb at ``as_of`` (open benefit period);
* ``returner``: an eLb at ``as_of`` who, inside the window, took up a job that ended the benefit
  need, lost it within 1–10 months and came back (sustainability);
* ``integrated``: left the benefits with a job that ended the need, not back by ``as_of``;
* ``left``: left for another reason (moving away, pension, a partner's income, ...);
* ``pre_decision``: an Integration Point case whose asylum procedure is pending or who is
  tolerated at ``as_of``. Such people receive AsylbLG benefits and are no eLb (§ 7 Abs. 1
  Satz 2 Nr. 3 SGB II); the Agentur für Arbeit leads their case. They have no benefit period
  and count only towards the Integration Point's ``total`` (a share ``asylblg_share`` of it).
  Members granted protection in the window are ``stock`` people whose benefit period starts
  at the switch.

The stock per site and origin is exact (largest remainder), so a full-size profile has exactly
its published eLb and, for Anhalt-Bitterfeld, exactly 510 / 224 / 81 eLb with a migration
background. Segment members are taken from that stock in proportion to the segment's
eligibility weights. The numbers of returners and leavers are the expected numbers of such
exits in the window under the rates of :mod:`lotse.simulation.rates` (a share ``need_ending``
of the integration rate ends the need; 43.7 %). How long the stock people have been in
benefits is drawn so that the stock stays level back in time (:func:`rates.presence`); a cohort
(a focus group selected at its start, nobody joining later) has an average membership above
its final stock, by the factor ``1 / (1 - m)`` where m is the mean presence of its leavers.

The strata counts are handed to chunks of :data:`CHUNK` people by sequential multivariate
hypergeometric sampling: every chunk gets a random share of every stratum, the totals stay
exact, and only the remaining counts are held in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from lotse.simulation import origins, rates
from lotse.simulation.calendar import DAYS_PER_YEAR, Calendar
from lotse.simulation.profiles import Profile, Segment

CHUNK = 10_000
"""People per chunk. Part of the output's definition: changing it changes the files."""

STOCK, RETURNER, INTEGRATED, LEFT, PRE_DECISION = 0, 1, 2, 3, 4
TYPES = ("stock", "returner", "integrated", "left", "pre_decision")
FLOOR_RATE = 0.03
"""Lowest base integration rate a year (when published figures leave nothing for the rest)."""
STOCK_TAIL_MEAN = 1400.0
"""Beyond the window, stock spells reach back an exponential time (mean 1,400 days)."""

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


def largest_remainder(total: int, weights: FloatArray) -> IntArray:
    """Integers proportional to ``weights`` that sum to ``total`` exactly.

    >>> largest_remainder(10, np.array([1.0, 1.0, 1.0])).tolist()
    [4, 3, 3]
    """
    w = np.asarray(weights, dtype=float)
    if total <= 0 or w.sum() <= 0:
        return np.zeros(len(w), dtype=np.int64)
    exact = total * w / w.sum()
    base = np.floor(exact).astype(np.int64)
    rest = total - int(base.sum())
    order = np.argsort(-(exact - base), kind="stable")
    base[order[:rest]] += 1
    return np.asarray(base, dtype=np.int64)


@dataclass
class Plan:
    """Everything the chunks need, computed once from the profile and the size."""

    profile: Profile
    scale: float
    calendar: Calendar
    sites: list[str]
    segments: list[Segment | None]
    """Index 0 is the base population (None)."""
    strata: IntArray
    """Rows of (site, origin, segment, type)."""
    counts: IntArray
    rate_day: FloatArray
    """Integration-kind starts per person-day in benefits: (segment, origin, day)."""
    rate_group: IntArray
    """(segment, origin): cells with the same rate schedule share a group number."""
    returner_cdf: FloatArray
    integrated_cdf: FloatArray
    left_cdf: FloatArray
    """(segment, origin, day): distribution of the day of the exit of each type."""
    duration_cdf: FloatArray
    """(segment, origin, tau): P(a stock person's current spell began at most tau days before
    as_of), tau within the window; the rest of the mass lies beyond it."""
    min_days: IntArray
    """(segment,): shortest current benefit spell of a stock member (cohorts)."""
    need_ending: FloatArray
    short_jobs: FloatArray
    base_rate: float
    stock: IntArray
    """(site, origin) eLb at as_of."""
    segment_stock: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return int(self.counts.sum())


def _site_origin_stock(p: Profile, n: int, scale: float) -> IntArray:
    cats = origins.CATEGORIES
    mix = np.array([p.origin_mix.get(c, 0.0) for c in cats])
    site_totals = largest_remainder(n, np.array([s.share for s in p.sites]))
    stock = np.zeros((len(p.sites), len(cats)), dtype=np.int64)
    if p.migrants_fixed:
        published = np.array([s.migrants or 0 for s in p.sites], dtype=float)
        migrants = largest_remainder(round(published.sum() * scale), published)
        foreign = mix.copy()
        foreign[origins.index("DE")] = 0.0
        for i, total in enumerate(site_totals):
            m = min(int(migrants[i]), int(total))
            stock[i] = largest_remainder(m, foreign)
            stock[i, origins.index("DE")] += total - m
    else:
        for i, total in enumerate(site_totals):
            stock[i] = largest_remainder(int(total), mix)
    return stock


def _cohort_factor(pres: FloatArray, cal: Calendar) -> float:
    """Average members over the 12 stock days ÷ members at as_of, for a cohort."""
    taus = [cal.days - 1 - d for d in cal.stock_days(12)]
    m = float(np.mean(pres[taus]))
    return 1.0 / max(1.0 - m, 0.2)


def _segment_stock(seg: Segment, p: Profile, cal: Calendar, e: float, rho: float) -> float:
    """Members at as_of (full size) that give the segment its published size."""
    t = np.arange(cal.days)
    guess = np.where(t >= cal.day(seg.starts_on), seg.quota or p.quota, p.quota) / DAYS_PER_YEAR
    ret, integ, left = rates.flows(
        guess, np.ones(cal.days), e, rho, p.other_exit_rate / DAYS_PER_YEAR
    )
    factor = _cohort_factor(rates.presence(integ + left, ret), cal) if seg.cohort else 1.0
    if seg.size_kind == "average":
        return seg.size / factor
    if seg.size_kind == "total":
        since = t >= cal.day(seg.starts_on)
        return seg.size / (1 + factor * float((integ + left)[since].sum()))
    return float(seg.size)


def _rates(
    p: Profile, cal: Calendar, seg_stock: FloatArray, expo: FloatArray, scale: float
) -> tuple[FloatArray, float]:
    """Rates per (segment, origin, day) and the base rate per day.

    The base rate makes the expected integrations of the last 12 months equal the quota times
    the expected average stock (stock × exposure factor: above one for cohorts)."""
    n_seg, n_cat = seg_stock.shape
    t = np.arange(cal.days)
    year = t >= cal.last_year_start
    rate = np.full((n_seg, n_cat, cal.days), np.nan)
    for k, seg in enumerate(p.segments, start=1):
        if seg.quota is not None:
            rate[k][:, t >= cal.day(seg.starts_on)] = seg.quota / DAYS_PER_YEAR
    rates.fill_flows(p, cal, rate, seg_stock, scale)
    exposure = (seg_stock * expo)[:, :, None]
    fixed = float(np.nansum(exposure * np.where(year, rate, np.nan)))
    base_exposure = float((exposure * (np.isnan(rate) & year)).sum())
    target = p.quota * float(exposure.sum()) * year.sum() / DAYS_PER_YEAR
    base = (target - fixed) / base_exposure if base_exposure else 0.0
    base = max(base, FLOOR_RATE / DAYS_PER_YEAR)
    return np.where(np.isnan(rate), base, rate), base


def _flows_and_durations(
    p: Profile,
    cal: Calendar,
    rate: FloatArray,
    avail: FloatArray,
    e: FloatArray,
    rho: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """Per (segment, origin): exits per day by type, stock durations, exposure factors."""
    n_seg, n_cat = rate.shape[:2]
    shape = (n_seg, n_cat, cal.days)
    ret_w, int_w, left_w, duration = (np.zeros(shape) for _ in range(4))
    expo = np.ones((n_seg, n_cat))
    other = p.other_exit_rate / DAYS_PER_YEAR
    for s in range(n_seg):
        cohort = s > 0 and p.segments[s - 1].cohort
        for c in range(n_cat):
            ret_w[s, c], int_w[s, c], left_w[s, c] = rates.flows(
                rate[s, c], avail[c], e[s], rho[s], other
            )
            pres = rates.presence(int_w[s, c] + left_w[s, c], ret_w[s, c])
            if cohort:
                expo[s, c] = _cohort_factor(pres, cal)
                continue
            survival = np.clip(1 - pres / max(1e-9, 1 - ret_w[s, c].sum()), 0, 1)
            duration[s, c] = 1 - np.minimum.accumulate(survival)
    return ret_w, int_w, left_w, duration, expo


def make_plan(p: Profile, n: int) -> Plan:
    """The plan for ``n`` eLb at ``as_of`` (``n = p.elb`` is the published size)."""
    cal = Calendar.ending(p.as_of)
    scale = n / p.elb
    cats = origins.CATEGORIES
    n_seg = 1 + len(p.segments)
    t = np.arange(cal.days)
    avail = np.ones((len(cats), cal.days))
    for c, code in enumerate(cats):
        earliest = origins.SPECS[code].earliest
        if earliest is not None:
            avail[c] = t >= cal.day(earliest) + 30
    e = np.array(
        [p.need_ending_share]
        + [s.need_ending if s.need_ending is not None else p.need_ending_share for s in p.segments]
    )
    rho = np.array(
        [p.short_job_share]
        + [s.short_jobs if s.short_jobs is not None else p.short_job_share for s in p.segments]
    )

    stock = _site_origin_stock(p, n, scale)
    seg_cells = np.zeros((len(p.sites), len(cats), n_seg), dtype=np.int64)
    free = stock.copy()
    segment_stock: dict[str, int] = {}
    min_days = np.zeros(n_seg, dtype=np.int64)
    for k, seg in enumerate(p.segments, start=1):
        wanted = _segment_stock(seg, p, cal, float(e[k]), float(rho[k])) * scale
        wanted *= 1 - seg.asylblg_share
        # A programme whose team works at some sites only takes its members there: the
        # caseload planner pools a programme's clients with its officers by site.
        team_sites = {t.site for t in p.teams if t.programme == seg.programme}
        at_site = np.array([not team_sites or site.name in team_sites for site in p.sites])
        weights = (
            free * np.array([seg.origins.get(c, 0.0) for c in cats])[None, :] * at_site[:, None]
        )
        cells = np.minimum(
            largest_remainder(round(wanted), weights.ravel()).reshape(free.shape), free
        )
        seg_cells[:, :, k] = cells
        free -= cells
        segment_stock[seg.programme] = int(cells.sum())
        if seg.cohort:
            min_days[k] = (p.as_of - seg.starts_on).days + seg.min_unemployed_days
    seg_cells[:, :, 0] = free
    seg_stock = seg_cells.sum(axis=0).T.astype(float)
    # Cohorts' exposure depends a little on the base rate: a first pass with the quota.
    expo = np.ones_like(seg_stock)
    for _ in range(2):
        rate, base = _rates(p, cal, seg_stock, expo, n / p.elb)
        ret_w, int_w, left_w, duration, expo = _flows_and_durations(p, cal, rate, avail, e, rho)

    # Strata: expected returners, integrated and other leavers per stock cell.
    rows: list[tuple[int, int, int, int]] = []
    expected: list[float] = []
    for i in range(len(p.sites)):
        for c in range(len(cats)):
            for s in range(n_seg):
                m = int(seg_cells[i, c, s])
                if m == 0:
                    continue
                f = m * expo[s, c]
                r = min(float(m), f * ret_w[s, c].sum())
                rows += [
                    (i, c, s, STOCK),
                    (i, c, s, RETURNER),
                    (i, c, s, INTEGRATED),
                    (i, c, s, LEFT),
                ]
                expected += [m - r, r, f * int_w[s, c].sum(), f * left_w[s, c].sum()]
    strata = np.array(rows, dtype=np.int64).reshape(-1, 4)
    exp = np.array(expected)
    counts = np.zeros(len(rows), dtype=np.int64)
    for typ in (RETURNER, INTEGRATED, LEFT):
        sel = strata[:, 3] == typ
        counts[sel] = largest_remainder(round(exp[sel].sum()), exp[sel])
    ret_rows = np.flatnonzero(strata[:, 3] == RETURNER)
    stock_rows = ret_rows - 1
    m_cell = seg_cells[strata[stock_rows, 0], strata[stock_rows, 1], strata[stock_rows, 2]]
    counts[ret_rows] = np.minimum(counts[ret_rows], m_cell)
    counts[stock_rows] = m_cell - counts[ret_rows]
    strata, counts = _with_pre_decision(p, stock, scale, strata, counts)

    _, groups = np.unique(rate.reshape(n_seg * len(cats), -1), axis=0, return_inverse=True)

    def cdf(w: FloatArray) -> FloatArray:
        cum = np.cumsum(w, axis=-1)
        total = cum[..., -1:]
        return np.divide(cum, total, out=np.zeros_like(cum), where=total > 0)

    return Plan(
        profile=p,
        scale=scale,
        calendar=cal,
        sites=[s.name for s in p.sites],
        segments=[None, *p.segments],
        strata=strata,
        counts=counts,
        rate_day=rate,
        rate_group=groups.reshape(n_seg, len(cats)).astype(np.int64),
        returner_cdf=cdf(ret_w),
        integrated_cdf=cdf(int_w),
        left_cdf=cdf(left_w),
        duration_cdf=duration,
        min_days=min_days,
        need_ending=e,
        short_jobs=rho,
        base_rate=base * DAYS_PER_YEAR,
        stock=stock,
        segment_stock=segment_stock,
    )


def _with_pre_decision(
    p: Profile, stock: IntArray, scale: float, strata: IntArray, counts: IntArray
) -> tuple[IntArray, IntArray]:
    """Append the ``pre_decision`` strata: per segment with an ``asylblg_share``, that share of
    its published size, spread over sites and asylum origins (not Ukraine: § 24 holders are in
    SGB II) like the eLb of those origins, weighted by the segment's origin weights."""
    rows: list[tuple[int, int, int, int]] = []
    amounts: list[IntArray] = []
    asylum = np.array(
        [c in origins.REFUGEE_CATEGORIES and c != "UA" for c in origins.CATEGORIES], dtype=float
    )
    for k, seg in enumerate(p.segments, start=1):
        if seg.asylblg_share <= 0:
            continue
        weights = stock * (asylum * [seg.origins.get(c, 0.0) for c in origins.CATEGORIES])
        cells = largest_remainder(round(seg.size * seg.asylblg_share * scale), weights.ravel())
        for flat in np.flatnonzero(cells):
            i, c = divmod(int(flat), stock.shape[1])
            rows.append((i, c, k, PRE_DECISION))
        amounts.append(cells[cells > 0])
    if not rows:
        return strata, counts
    extra = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return np.concatenate([strata, extra]), np.concatenate([counts, *amounts])


class Allocator:
    """Hands out the strata of consecutive chunks; only the remaining counts are kept."""

    def __init__(self, counts: IntArray, seed: int) -> None:
        self.remaining = counts.astype(np.int64).copy()
        self.rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0,)))

    def take(self, n: int) -> IntArray:
        """Stratum index of each of the next ``n`` people, in random order."""
        draw = self.rng.multivariate_hypergeometric(self.remaining, n, method="marginals")
        self.remaining -= draw
        idx = np.repeat(np.arange(len(draw)), draw)
        self.rng.shuffle(idx)
        return idx
