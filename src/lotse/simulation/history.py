"""Past placement proposals (``history.csv``), drawn from the latent hire propensity.

Every person in benefits receives proposals at 0.1 a month (more in programmes with intensive
support: the segment's ``proposals_factor``), on random days of their benefit spells while no
regular job runs. A share of 30 % of the regular jobs and minijobs in ``integrations.csv`` came
from a proposal 14–45 days before the start: that proposal is ``hired``.

Which vacancy was proposed: an officer proposes a vacancy open on that day, from the client's
target occupation group (three KldB digits) in 65 % of the cases, any open vacancy otherwise.
The outcome follows :mod:`lotse.simulation.propensity`: with independent Bernoulli(sigmoid(z))
outcomes, conditioning on how many proposals of a person ended in a hire (the hires the time
line needs) tilts the proposed vacancies by sigmoid(z) for hires and by 1 − sigmoid(z) for the
rest. The generator draws that by sampling-importance-resampling: 16 candidate vacancies per
hire, 4 per other proposal, one kept with probability proportional to the weight. So the
log-odds of a hire are learnable from the rows up to the per-person base rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from lotse.simulation import propensity
from lotse.simulation.labour import Labour, sample_open
from lotse.simulation.people import People
from lotse.simulation.plan import Plan
from lotse.simulation.region import Region
from lotse.simulation.timeline import MAIN_KINDS, Timeline

PROPOSALS_PER_MONTH = 0.10
VIA_PROPOSAL = 0.30
FIT_SHARE = 0.65
CANDIDATES_HIRED = 16
CANDIDATES_OTHER = 4
DAYS_PER_MONTH = 30.44

IntArray = NDArray[np.int64]


@dataclass
class Proposals:
    person: IntArray
    vacancy: IntArray
    day: IntArray
    hired: NDArray[np.bool_]
    logit: NDArray[np.float64]


def _in_job(tl: Timeline, day: int) -> bool:
    return any(
        j.kind in MAIN_KINDS and j.start <= day and (j.end is None or j.end >= day) for j in tl.jobs
    )


def _spell_start(tl: Timeline, day: int) -> int | None:
    for a, b in tl.spells:
        if a <= day and (b is None or day <= b):
            return a
    return None


def draw_proposals(
    plan: Plan,
    labour: Labour,
    region: Region,
    people: People,
    timelines: list[Timeline],
    rng: np.random.Generator,
) -> Proposals:
    last = plan.calendar.days - 1
    first = max(0, int(labour.posted.min()) if labour.count else last + 1)
    person: list[int] = []
    day: list[int] = []
    hired: list[bool] = []
    since: list[int] = []
    for i, tl in enumerate(timelines):
        seg = plan.segments[int(people.segment[i])]
        factor = 1.0 if seg is None else seg.proposals_factor
        windows = [(max(a, first), min(last if b is None else b, last)) for a, b in tl.spells]
        windows = [(lo, hi) for lo, hi in windows if hi >= lo]
        total = sum(hi - lo + 1 for lo, hi in windows)
        for _ in range(rng.poisson(PROPOSALS_PER_MONTH * factor * total / DAYS_PER_MONTH)):
            k = int(rng.integers(total))
            for lo, hi in windows:
                if k <= hi - lo:
                    d = lo + k
                    break
                k -= hi - lo + 1
            start = _spell_start(tl, d)
            if start is not None and not _in_job(tl, d):
                person.append(i)
                day.append(d)
                hired.append(False)
                since.append(start)
        for job in tl.jobs:
            if job.kind in ("employment", "apprenticeship", "minijob") and job.start <= last:
                if rng.random() >= VIA_PROPOSAL:
                    continue
                d = job.start - int(rng.integers(14, 46))
                start = _spell_start(tl, d)
                if d >= first and start is not None:
                    person.append(i)
                    day.append(d)
                    hired.append(True)
                    since.append(start)
    p = np.array(person, dtype=np.int64)
    days = np.array(day, dtype=np.int64)
    is_hired = np.array(hired, dtype=bool)
    months = (days - np.array(since, dtype=np.int64)) / DAYS_PER_MONTH
    if p.size == 0 or labour.count == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Proposals(empty, empty, empty, np.zeros(0, dtype=bool), np.zeros(0))
    width = CANDIDATES_HIRED
    cand = np.full((len(p), width), -1, dtype=np.int64)
    used = np.where(is_hired, CANDIDATES_HIRED, CANDIDATES_OTHER)
    targets = propensity.encode_targets(people.targets)
    n_targets = (targets >= 0).sum(axis=1)
    for k in range(width):
        rows = np.flatnonzero(used > k)
        fit = rows[rng.random(rows.size) < FIT_SHARE]
        slot = (rng.random(fit.size) * n_targets[p[fit]]).astype(np.int64)
        group = targets[p[fit], slot] // 100
        for g in np.unique(group):
            sel = fit[group == g]
            pool = labour.by_group.get(int(g))
            if pool is not None:
                cand[sel, k] = sample_open(labour, rng, days[sel], pool)
        rest = rows[cand[rows, k] < 0]
        cand[rest, k] = sample_open(labour, rng, days[rest])

    valid = cand >= 0
    flat_r, flat_k = np.nonzero(valid)
    v = cand[flat_r, flat_k]
    c = p[flat_r]
    plz = people.plz_index
    z = propensity.hire_logits(
        german=people.german[c],
        qualification=people.qualification[c],
        experience=people.experience[c],
        targets=targets[c],
        driving=people.driving[c],
        part_time_only=np.array([people.hours[int(i)] == "part" for i in c], dtype=bool),
        max_commute=people.max_commute[c].astype(float),
        lat=region.lat[plz[c]],
        lon=region.lon[plz[c]],
        months_out=months[flat_r],
        v_kldb=labour.kldb[v],
        v_german_min=labour.german_min[v],
        v_driving=labour.driving[v],
        v_full_time=labour.full_time[v],
        v_lat=region.lat[labour.plz_index[v]],
        v_lon=region.lon[labour.plz_index[v]],
    )
    z = z + rng.normal(0.0, propensity.NOISE_SD, size=z.size)
    prob = propensity.sigmoid(z)
    weight = np.zeros(cand.shape)
    weight[flat_r, flat_k] = np.where(is_hired[flat_r], prob, 1.0 - prob)
    logit = np.zeros(cand.shape)
    logit[flat_r, flat_k] = z
    total = weight.sum(axis=1)
    keep = total > 0
    cum = np.cumsum(weight, axis=1)
    u = rng.random(len(p)) * total
    choice = np.minimum((cum < u[:, None]).sum(axis=1), width - 1)
    rows = np.flatnonzero(keep)
    chosen = choice[rows]
    return Proposals(
        person=p[rows],
        vacancy=cand[rows, chosen],
        day=days[rows],
        hired=is_hired[rows],
        logit=logit[rows, chosen],
    )
