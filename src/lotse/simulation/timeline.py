"""One person's benefit periods and job starts in the window, consistent with each other.

* ``stock``: one open period. How long ago it began is drawn from the plan's duration
  distribution, which keeps the stock level over the window (the leavers of later years were
  still in benefits earlier); beyond the window an exponential time with a mean of 1,400 days:
  many are long-term recipients. Never before the origin's earliest date (Ukrainians: June
  2022), the year the person turned 15 (eLb from 15 on) or 2005 (SGB II); cohort members (a
  focus group) at least as long as the cohort requires.
* ``returner``: a period that ends the day before a job that ends the need, the job (30–300
  days), and a new open period 0–30 days after the job ended.
* ``integrated``: a period that ends the day before a need-ending job. A share of these jobs
  (short ones that have not led back yet) end before ``as_of``; long jobs last a year plus an
  exponential time (mean 1,100 days), ending before ``as_of`` means the person did not come back
  to this Jobcenter (unemployment benefit, another district).
* ``left``: a period that ends before ``as_of`` for another reason.
* ``pre_decision``: no benefit period and no job: AsylbLG, not SGB II (still an active case
  of the Integration Point, placed by the Agentur für Arbeit).

While in benefits, people take up jobs that only reduce the need: integration kinds at the
remaining rate ``(1 - need_ending) × rate_day`` scaled by the person's job-finding odds
(normalised per chunk to mean one), minijobs (6 % a year) and, for people in benefits for five
years or more, public employment under § 16i (3 % a year). Their wages stay below the
household's break-even wage, and the benefit period is split where the income changes: the
person's LLU shrinks by the counted income (:mod:`lotse.simulation.money`). A new regular job
ends the previous one (a job change); a minijob is skipped while a regular job runs; at most
one integration-kind start per person and month (§ 5(1) KennzahlenV counts one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from lotse.simulation import money, occupations, origins
from lotse.simulation.calendar import DAYS_PER_YEAR
from lotse.simulation.people import People
from lotse.simulation.plan import (
    INTEGRATED,
    LEFT,
    PRE_DECISION,
    RETURNER,
    STOCK,
    STOCK_TAIL_MEAN,
    Plan,
)
from lotse.simulation.propensity import capability
from lotse.simulation.rates import LEAVER_MEAN, LEAVER_MIN, return_probability

SGB_II_START = date(2005, 1, 1)
"""Nobody can have been an eLb before the SGB II came into force."""
MINIJOB_RATE = 0.06
PUBLIC_RATE = 0.03
PUBLIC_MIN_DAYS = 5 * 365
MAIN_KINDS = frozenset({"employment", "apprenticeship", "self_employment", "public_employment"})
INTEGRATION_KINDS = frozenset({"employment", "apprenticeship", "self_employment"})

FloatArray = NDArray[np.float64]


@dataclass
class Job:
    start: int
    end: int | None
    kind: str
    gross: float
    ends_need: bool


@dataclass
class Timeline:
    spells: list[tuple[int, int | None]]
    """Benefit spells before the split by income (start, end or None while open)."""
    periods: list[tuple[int, int | None, float]]
    """Benefit periods as written: start, end (None while open), monthly LLU."""
    jobs: list[Job]
    status: str
    unemployed_since: int | None
    exit_day: int | None = None
    proposals: list[int] = field(default_factory=list)


class Context:
    """Per-chunk arrays shared by every person's time line."""

    def __init__(self, plan: Plan, people: People) -> None:
        self.plan = plan
        cal = plan.calendar
        self.last = cal.days - 1
        reduce = plan.rate_day * (1 - plan.need_ending)[:, None, None]
        self.cum = np.concatenate([np.zeros((*reduce.shape[:2], 1)), np.cumsum(reduce, -1)], -1)
        adult = np.array([cal.day(date(int(y) + 15, 1, 1)) for y in people.birth_year])
        first = [origins.SPECS[code].earliest for code in origins.CATEGORIES]
        by_origin = np.array([-(10**6) if d is None else cal.day(d) for d in first])
        earliest = by_origin[people.origin]
        self.earliest = np.maximum(np.maximum(adult, earliest), cal.day(SGB_II_START))
        self.mult = np.exp(people.logit) * people.work_permitted
        self.group = plan.rate_group[people.segment, people.origin]
        self.month_of = np.array(
            [(d.year * 12 + d.month) for d in (cal.to_date(t) for t in range(cal.days))]
        )

    def normalise(self, spells: list[list[tuple[int, int | None]]]) -> None:
        """Scale the job-finding odds to an exposure-weighted mean of one per rate group.

        People without a work permit count with odds zero, so the others make up for them
        and every group reaches its planned rate."""
        days = np.array(
            [
                sum(
                    max(0, min(self.last if b is None else b, self.last) - max(a, 0) + 1)
                    for a, b in person
                )
                for person in spells
            ],
            dtype=float,
        )
        for g in np.unique(self.group):
            sel = self.group == g
            norm = (days[sel] * self.mult[sel]).sum() / max(days[sel].sum(), 1.0)
            if norm > 0:
                self.mult[sel] /= norm


def _prior(rng: np.random.Generator) -> int:
    """Length of a leaver's last spell before the exit (see :mod:`.rates`)."""
    return LEAVER_MIN + int(rng.exponential(LEAVER_MEAN))


def _from_cdf(cdf: FloatArray, u: float) -> int:
    if cdf[-1] <= 0:
        return int(u * len(cdf))
    return min(int(np.searchsorted(cdf, u, side="right")), len(cdf) - 1)


def _level(people: People, i: int) -> int:
    """Requirement level of the job a person takes: their target, at most what they can do."""
    level = int(people.targets[i][0][4]) if people.targets[i] else 1
    can = capability(people.qualification[i : i + 1], people.experience[i : i + 1])[0]
    return max(1, min(level, int(can)))


def _wage(rng: np.random.Generator, level: int) -> float:
    lo, hi = occupations.FULL_TIME_WAGE[level]
    return float(rng.uniform(lo, hi))


def _need_ending_job(
    rng: np.random.Generator, people: People, i: int, start: int, end: int | None
) -> Job:
    be = float(people.break_even[i])
    u = rng.random()
    if u < 0.03 and people.age[i] <= 35:
        # Apprentices entitled to BAB leave SGB II (§ 7(5) SGB II), whatever the pay.
        return Job(start, end, "apprenticeship", round(rng.uniform(900, 1250)), True)
    if u < 0.08:
        return Job(start, end, "self_employment", round(be * rng.uniform(1.0, 1.3)), True)
    gross = max(_wage(rng, _level(people, i)), be * rng.uniform(1.0, 1.15))
    return Job(start, end, "employment", round(gross), True)


def _reducing_job(
    rng: np.random.Generator, people: People, i: int, day: int, kind: str, last: int
) -> Job:
    be = float(people.break_even[i])
    if kind == "minijob":
        dur, gross = 30 + rng.exponential(240), rng.uniform(200, money.MINIJOB_LIMIT)
    elif kind == "public_employment":
        dur, gross = (
            rng.uniform(365, 1826),
            min(rng.uniform(1400, 2200), be * rng.uniform(0.7, 0.95)),
        )
    elif kind == "apprenticeship":
        dur = 1095 if rng.random() < 0.75 else rng.uniform(60, 500)
        gross = min(rng.uniform(900, 1250), be * 0.95)
    elif kind == "self_employment":
        dur, gross = 180 + rng.exponential(900), rng.uniform(500, min(1800, be * 0.95))
    else:
        dur = rng.uniform(30, 300) if rng.random() < 0.35 else 365 + rng.exponential(1100)
        gross = _wage(rng, _level(people, i))
        if people.hours[i] == "part" or rng.random() < 0.35:
            gross *= rng.uniform(0.45, 0.6)
        if gross >= be:
            gross = be * rng.uniform(0.45, 0.95)
    end = day + int(dur) - 1
    return Job(day, None if end > last else end, kind, round(gross), False)


def draw_timelines(ctx: Context, people: People, rng: np.random.Generator) -> list[Timeline]:
    """Every person's time line: first all benefit spells, then the jobs."""
    planned = [_spells(ctx, people, i, rng) for i in range(people.n)]
    ctx.normalise([sp for sp, _ in planned])
    return [_jobs(ctx, people, i, sp, need, rng) for i, (sp, need) in enumerate(planned)]


def _spells(
    ctx: Context, people: People, i: int, rng: np.random.Generator
) -> tuple[list[tuple[int, int | None]], list[Job]]:
    plan, last = ctx.plan, ctx.last
    s, c, typ = int(people.segment[i]), int(people.origin[i]), int(people.type[i])
    earliest = int(min(ctx.earliest[i], last - 62))
    rho = float(plan.short_jobs[s])
    spells: list[tuple[int, int | None]] = []
    planned: list[Job] = []
    if typ == PRE_DECISION:
        return spells, planned
    if typ == STOCK:
        cdf = plan.duration_cdf[s, c]
        u = rng.random()
        if u < cdf[-1]:
            d = int(np.searchsorted(cdf, u, side="right"))
        else:
            d = len(cdf) + int(rng.exponential(STOCK_TAIL_MEAN))
        d = max(d, int(plan.min_days[s]))
        spells.append((min(max(last - d, earliest), last), None))
    elif typ == RETURNER:
        ev = min(max(_from_cdf(plan.returner_cdf[s, c], rng.random()), earliest + 31), last - 32)
        room = last - ev
        gap = int(rng.integers(0, min(30, room - 31) + 1))
        length = int(rng.integers(30, max(30, min(300, room - gap)) + 1))
        back = min(ev + length + gap, last)
        spells.append((min(max(ev - _prior(rng), earliest), ev - 1), ev - 1))
        spells.append((back, None))
        planned.append(_need_ending_job(rng, people, i, ev, ev + length - 1))
    elif typ == INTEGRATED:
        ev = min(max(_from_cdf(plan.integrated_cdf[s, c], rng.random()), earliest + 31), last)
        spells.append((min(max(ev - _prior(rng), earliest), ev - 1), ev - 1))
        f = float(return_probability(np.array([last + 1 - ev]))[0])
        length = 365 + int(rng.exponential(1100))
        if rng.random() < rho * (1 - f) / (1 - rho * f):
            lo = max(30, last + 1 - ev - int(rng.integers(0, 31)))
            if lo < 300:
                length = int(rng.integers(lo, 301))
        end = ev + length - 1
        planned.append(_need_ending_job(rng, people, i, ev, end if end <= last else None))
    else:  # LEFT
        x = min(max(_from_cdf(plan.left_cdf[s, c], rng.random()), earliest + 31), last - 1)
        spells.append((min(max(x - _prior(rng), earliest), x), x))

    return spells, planned


def _jobs(
    ctx: Context,
    people: People,
    i: int,
    spells: list[tuple[int, int | None]],
    planned: list[Job],
    rng: np.random.Generator,
) -> Timeline:
    last = ctx.last
    s, c, typ = int(people.segment[i]), int(people.origin[i]), int(people.type[i])
    events: list[tuple[int, str]] = []
    if people.work_permitted[i]:
        cum = ctx.cum[s, c]
        for a, b in spells:
            lo, hi = max(a, 0), min(last if b is None else b, last)
            if hi < lo:
                continue
            mass = ctx.mult[i] * (cum[hi + 1] - cum[lo])
            for _ in range(rng.poisson(mass)):
                u = cum[lo] + rng.random() * (cum[hi + 1] - cum[lo])
                day = int(min(max(np.searchsorted(cum, u, side="right") - 1, lo), hi))
                kind = _pick_kind(rng, int(people.age[i]))
                events.append((day, kind))
            length = hi - lo + 1
            for _ in range(rng.poisson(MINIJOB_RATE / DAYS_PER_YEAR * length)):
                events.append((lo + int(rng.integers(length)), "minijob"))
            if a <= last - PUBLIC_MIN_DAYS:
                for _ in range(rng.poisson(PUBLIC_RATE / DAYS_PER_YEAR * length)):
                    events.append((lo + int(rng.integers(length)), "public_employment"))
    jobs = _resolve(ctx, planned, events, people, i, rng)
    return _finish(ctx, people, i, typ, spells, jobs)


def _pick_kind(rng: np.random.Generator, age: int) -> str:
    u = rng.random()
    if u < 0.10 and age <= 35:
        return "apprenticeship"
    if u < 0.20:
        return "self_employment"
    return "employment"


def _resolve(
    ctx: Context,
    planned: list[Job],
    events: list[tuple[int, str]],
    people: People,
    i: int,
    rng: np.random.Generator,
) -> list[Job]:
    used = {int(ctx.month_of[j.start]) for j in planned if 0 <= j.start <= ctx.last}
    jobs: list[Job] = list(planned)
    for day, kind in sorted(events):
        month = int(ctx.month_of[day])
        if kind in INTEGRATION_KINDS and month in used:
            continue
        if any(j.start == day and j.kind == kind for j in jobs):
            continue  # one start of a kind per person and day: the exchange key of integrations
        running = [
            j
            for j in jobs
            if j.kind in MAIN_KINDS and j.start <= day and (j.end is None or j.end >= day)
        ]
        if kind == "minijob" and running:
            continue
        if any(j.ends_need for j in running):
            continue
        job = _reducing_job(rng, people, i, day, kind, ctx.last)
        for j in running:
            j.end = day - 1
        if kind in INTEGRATION_KINDS:
            used.add(month)
        jobs.append(job)
    jobs = [j for j in jobs if j.end is None or j.end >= j.start]
    jobs.sort(key=lambda j: (j.start, j.kind))
    return jobs


def _finish(
    ctx: Context,
    people: People,
    i: int,
    typ: int,
    spells: list[tuple[int, int | None]],
    jobs: list[Job],
) -> Timeline:
    if not spells:  # pre_decision: AsylbLG, no SGB II benefits
        return Timeline([], [], [], "active", None)
    own = float(people.own_llu[i])
    child = bool(people.has_child[i])
    income = [j for j in jobs if not j.ends_need]
    periods: list[tuple[int, int | None, float]] = []
    for a, b in spells:
        stop = ctx.last if b is None else b
        cuts = {a}
        for j in income:
            for x in (j.start, None if j.end is None else j.end + 1):
                if x is not None and a < x <= stop:
                    cuts.add(x)
        starts = sorted(cuts)
        for k, x in enumerate(starts):
            gross = sum(j.gross for j in income if j.start <= x and (j.end is None or j.end >= x))
            amount = round(max(0.0, own - money.counted_one(gross, child)), 2) if gross else own
            end = starts[k + 1] - 1 if k + 1 < len(starts) else b
            if periods and periods[-1][2] == amount and periods[-1][1] == x - 1:
                periods[-1] = (periods[-1][0], end, amount)
            else:
                periods.append((x, end, amount))
    status = {STOCK: "active", RETURNER: "active", INTEGRATED: "integrated", LEFT: "left"}[typ]
    a, b = spells[-1]
    at = ctx.last if b is None else b
    since: int | None = a
    for j in jobs:
        if j.kind in MAIN_KINDS and a <= j.start <= at:
            if j.end is None or j.end >= at:
                since = None
            else:
                since = j.end + 1 if since is None else max(since, j.end + 1)
    if typ == INTEGRATED:
        since = None
    return Timeline(spells, periods, jobs, status, since, None if b is None else b)
