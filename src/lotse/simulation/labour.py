"""Employers and their vacancies over the window (small: held in memory as arrays).

Employers get a sector (the profile's demand mix), a plausible German name and a real postcode
of the district. Vacancies pick an employer (a few employers post many, Pareto weights), an
occupation of the employer's sector at a requirement level drawn from
:data:`~lotse.simulation.occupations.DEMAND_LEVELS`, a German minimum by level, hours, openings
and a posting date. Three quarters are posted uniformly over the window (and two months before
it), a quarter in the last three months; each stays open 14 days plus an exponential time with
a mean of 90 days, so older vacancies are closed and recent ones open at ``as_of``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from lotse.simulation import names, occupations
from lotse.simulation.plan import Plan
from lotse.simulation.region import Region

GERMAN = ("A0", "A1", "A2", "B1", "B2", "C1", "C2")
OPENINGS = (1, 2, 3, 4, 5, 8, 10)
OPENINGS_P = (0.70, 0.14, 0.06, 0.04, 0.03, 0.02, 0.01)
MEAN_OPEN_DAYS = 90.0

IntArray = NDArray[np.int64]


@dataclass
class Labour:
    employer_ids: list[str]
    employer_names: list[str]
    employer_plz: list[str]
    ids: list[str]
    employer: IntArray
    kldb: IntArray
    titles: list[str]
    german_min: IntArray
    plz_index: IntArray
    full_time: NDArray[np.bool_]
    openings: IntArray
    driving: NDArray[np.bool_]
    posted: IntArray
    """Day index of the posting (negative: before the window)."""
    closes: IntArray
    """Last day the vacancy is open (may lie after as_of)."""
    order: IntArray
    """Vacancy indices sorted by posting day."""
    by_group: dict[int, IntArray]
    """Vacancy indices per three-digit KldB group, sorted by posting day."""

    @property
    def count(self) -> int:
        return len(self.ids)


def _demand(plan: Plan) -> dict[str, float]:
    weights = dict(occupations.DEMAND)
    weights.update(plan.profile.sector_demand)
    return weights


def make_labour(plan: Plan, region: Region, vacancies: int, seed: int) -> Labour:
    """``vacancies`` job offers of ``max(5, vacancies // 3)`` employers."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1,)))
    prefix = plan.profile.prefix
    n_emp = max(5, vacancies // 3)
    demand = _demand(plan)
    sectors = list(demand)
    p_sector = np.array([demand[s] for s in sectors])
    emp_sector = rng.choice(len(sectors), size=n_emp, p=p_sector / p_sector.sum())
    emp_plz = rng.integers(len(region.plz), size=n_emp)
    width_e = max(5, len(str(n_emp)))
    employer_ids = [f"{prefix}-A{i + 1:0{width_e}d}" for i in range(n_emp)]
    employer_names = [
        names.employer_name(rng, sectors[int(emp_sector[i])], region.place[int(emp_plz[i])])
        for i in range(n_emp)
    ]

    weight = rng.pareto(1.5, size=n_emp) + 1.0
    employer = rng.choice(n_emp, size=vacancies, p=weight / weight.sum())
    cal = plan.calendar
    recent = rng.random(vacancies) < 0.25
    posted = np.where(
        recent,
        rng.integers(cal.days - 90, cal.days, size=vacancies),
        rng.integers(-60, cal.days, size=vacancies),
    ).astype(np.int64)
    closes = posted + 14 + rng.exponential(MEAN_OPEN_DAYS, size=vacancies).astype(np.int64)
    kldb = np.zeros(vacancies, dtype=np.int64)
    titles: list[str] = []
    german_min = np.zeros(vacancies, dtype=np.int64)
    full_time = np.ones(vacancies, dtype=bool)
    driving = np.zeros(vacancies, dtype=bool)
    levels = np.array(occupations.DEMAND_LEVELS)
    for j in range(vacancies):
        sector = sectors[int(emp_sector[employer[j]])]
        occs = occupations.SECTORS[sector]
        present = sorted({o.level for o in occs})
        p_level = levels[[lv - 1 for lv in present]]
        level = present[int(rng.choice(len(present), p=p_level / p_level.sum()))]
        fitting = [o for o in occs if o.level == level]
        occ = fitting[int(rng.integers(len(fitting)))]
        kldb[j] = int(occ.kldb)
        titles.append(occ.title)
        dist = (
            occupations.GERMAN_MIN_BY_CODE.get(occ.kldb)
            or occupations.GERMAN_MIN_BY_LEVEL[occ.level]
        )
        keys = list(dist)
        probs = np.array([dist[k] for k in keys])
        german_min[j] = GERMAN.index(keys[int(rng.choice(len(keys), p=probs / probs.sum()))])
        full_time[j] = rng.random() >= occupations.PART_TIME.get(sector, 0.1)
        if occ.kldb in occupations.DRIVING_CODES:
            driving[j] = True
        else:
            driving[j] = rng.random() < occupations.DRIVING_SOMETIMES.get(sector, 0.05)
    openings = np.array(OPENINGS)[rng.choice(len(OPENINGS), size=vacancies, p=OPENINGS_P)]
    order = np.argsort(posted, kind="stable").astype(np.int64)
    groups = kldb[order] // 100
    by_group = {int(g): order[groups == g] for g in np.unique(groups)}
    width_v = max(6, len(str(vacancies)))
    return Labour(
        employer_ids=employer_ids,
        employer_names=employer_names,
        employer_plz=[region.plz[int(i)] for i in emp_plz],
        ids=[f"{prefix}-S{j + 1:0{width_v}d}" for j in range(vacancies)],
        employer=employer,
        kldb=kldb,
        titles=titles,
        german_min=german_min,
        plz_index=emp_plz[employer],
        full_time=full_time,
        openings=openings.astype(np.int64),
        driving=driving,
        posted=posted,
        closes=closes,
        order=order,
        by_group=by_group,
    )


def sample_open(
    labour: Labour,
    rng: np.random.Generator,
    days: IntArray,
    pool: IntArray | None = None,
    tries: int = 6,
) -> IntArray:
    """For each day, a vacancy of ``pool`` (default: all) open on that day, or -1.

    A vacancy is open from its posting day to its closing day. Uniform among the vacancies
    posted in the 180 days before (rejection sampling on the closing day).
    """
    pool = labour.order if pool is None else pool
    posted = labour.posted[pool]
    lo = np.searchsorted(posted, days - 180, side="left")
    hi = np.searchsorted(posted, days, side="right")
    out = np.full(len(days), -1, dtype=np.int64)
    todo = np.flatnonzero(hi > lo)
    for _ in range(tries):
        if todo.size == 0:
            break
        pick = lo[todo] + (rng.random(todo.size) * (hi[todo] - lo[todo])).astype(np.int64)
        cand = pool[pick]
        ok = labour.closes[cand] >= days[todo]
        out[todo[ok]] = cand[ok]
        todo = todo[~ok]
    return out
