"""One chunk of people: attributes, time lines, courses, officers, programmes, proposals, rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from lotse.simulation import origins
from lotse.simulation.history import draw_proposals
from lotse.simulation.labour import Labour
from lotse.simulation.organisation import Organisation, programme_starts
from lotse.simulation.people import People, draw_people
from lotse.simulation.plan import Plan
from lotse.simulation.region import Region
from lotse.simulation.stats import Stats
from lotse.simulation.timeline import Context, Timeline, draw_timelines

GERMAN = ("A0", "A1", "A2", "B1", "B2", "C1", "C2")
QUALIFICATION = ("none", "school", "vocational", "academic")
COURSE = ("none", "attending", "completed")
Row = dict[str, Any]


@dataclass
class Shared:
    """What every chunk of one generation run uses."""

    plan: Plan
    region: Region
    labour: Labour
    org: Organisation
    stats: Stats
    width: int
    starts: dict[str, int] = field(default_factory=dict)
    dates: list[date] = field(default_factory=list)


def make_shared(
    plan: Plan, region: Region, labour: Labour, org: Organisation, stats: Stats
) -> Shared:
    cal = plan.calendar
    starts = {code: cal.day(d) for code, d in programme_starts(plan).items() if isinstance(d, date)}
    width = max(6, len(str(plan.total)))
    return Shared(plan, region, labour, org, stats, width, starts)


@dataclass
class ChunkRows:
    clients: list[Row]
    households: list[Row]
    benefit_periods: list[Row]
    integrations: list[Row]
    history: list[Row]


def _courses(
    plan: Plan, people: People, timelines: list[Timeline], rng: np.random.Generator
) -> list[str]:
    last = plan.calendar.days - 1
    boost = plan.profile.course_boost
    out: list[str] = []
    for i, tl in enumerate(timelines):
        code = origins.CATEGORIES[int(people.origin[i])]
        seg = plan.segments[int(people.segment[i])]
        programme = None if seg is None else seg.programme
        if code == "DE":
            out.append("none")
            continue
        if programme == "focus_group":
            out.append("completed")
            continue
        level = int(people.german[i])
        p = list(origins.COURSE_BY_LEVEL[GERMAN[level]])
        if code == "EU":
            f = origins.EU_COURSE_FACTOR
            p = [1 - f * (p[1] + p[2]), f * p[1], f * p[2]]
        if programme == "integration_point":
            p = [p[0] + 0.7 * p[2], p[1], 0.3 * p[2]]
        since = tl.unemployed_since
        ltu = tl.status == "active" and since is not None and since <= last - 365
        if boost != 1.0 and code != "EU" and ltu and level <= 3 and p[1] > 0:
            attend = min(0.95, p[1] * boost)
            rest = (1 - attend) / (p[0] + p[2]) if p[0] + p[2] > 0 else 0.0
            p = [p[0] * rest, attend, p[2] * rest]
        out.append(COURSE[int(rng.choice(3, p=np.array(p) / sum(p)))])
    return out


def _tags(shared: Shared, people: People, timelines: list[Timeline]) -> list[list[str]]:
    plan = shared.plan
    jt_start = shared.starts.get("job_turbo", 0)
    tags: list[list[str]] = []
    for i, tl in enumerate(timelines):
        mine: list[str] = []
        seg = plan.segments[int(people.segment[i])]
        exit_day = tl.exit_day
        if seg is not None and (exit_day is None or exit_day >= shared.starts[seg.programme]):
            mine.append(seg.programme)
        refugee = origins.CATEGORIES[int(people.origin[i])] in origins.REFUGEE_CATEGORIES
        in_sgb2 = bool(tl.spells)  # the Job-Turbo serves refugees in SGB II only
        if (
            plan.profile.job_turbo
            and refugee
            and in_sgb2
            and (exit_day is None or exit_day >= jt_start)
        ):
            mine.append("job_turbo")
        tags.append(sorted(mine))
    return tags


def _team_keys(shared: Shared, people: People, tags: list[list[str]]) -> list[str]:
    teams = {t.programme for t in shared.plan.profile.teams}
    keys = []
    for i in range(people.n):
        site = int(people.site[i])
        own = [code for code in ("joboffensive", "job_turbo") if code in tags[i] and code in teams]
        if own:
            keys.append(f"programme:{own[0]}")
        elif people.age[i] < 25 and shared.org.teams.get(f"u25:{site}"):
            keys.append(f"u25:{site}")
        else:
            keys.append(f"site:{site}")
    return keys


def build_chunk(
    shared: Shared,
    idx: NDArray[np.int64],
    first: int,
    rng: np.random.Generator,
) -> ChunkRows:
    """Rows of the people ``first + 1 …`` whose strata are ``idx``."""
    plan = shared.plan
    cal = plan.calendar
    last = cal.days - 1
    prefix = plan.profile.prefix
    people = draw_people(plan, shared.region, idx, rng)
    ctx = Context(plan, people)
    timelines = draw_timelines(ctx, people, rng)
    course = _courses(plan, people, timelines, rng)
    tags = _tags(shared, people, timelines)
    officers = shared.org.assign(rng, _team_keys(shared, people, tags))
    for i, tl in enumerate(timelines):
        if not tl.spells:  # an Integration Point case led by the Agentur für Arbeit
            officers[i] = None
    proposals = draw_proposals(plan, shared.labour, shared.region, people, timelines, rng)

    def day(t: int | None) -> date | None:
        return None if t is None else cal.to_date(t)

    ids = [f"{prefix}-{first + i + 1:0{shared.width}d}" for i in range(people.n)]
    clients: list[Row] = []
    households: list[Row] = []
    periods: list[Row] = []
    jobs: list[Row] = []
    for i, tl in enumerate(timelines):
        cid = ids[i]
        hid = f"{prefix}-H{first + i + 1:0{shared.width}d}"
        clients.append(
            {
                "client_id": cid,
                "site": plan.sites[int(people.site[i])],
                "status": tl.status,
                "birth_year": int(people.birth_year[i]),
                "gender": people.gender[i],
                "citizenship": people.citizenship[i],
                "residence_status": people.residence[i],
                "work_permitted": bool(people.work_permitted[i]),
                "german_level": GERMAN[int(people.german[i])],
                "integration_course": course[i],
                "qualification": QUALIFICATION[int(people.qualification[i])],
                "degree_recognition": people.recognition[i],
                "target_kldb": people.targets[i],
                "experience_years": float(people.experience[i]),
                "plz": shared.region.plz[int(people.plz_index[i])],
                "max_commute_km": int(people.max_commute[i]),
                "hours": people.hours[i],
                "driving_licence": bool(people.driving[i]),
                "unemployed_since": day(tl.unemployed_since),
                "officer_id": officers[i],
                "programmes": tags[i],
                "name": people.names[i],
                "household_id": hid,
                "languages": people.languages[i],
            }
        )
        households.append(
            {
                "household_id": hid,
                "size": int(people.size[i]),
                "single_parent": bool(people.single_parent[i]),
                "monthly_benefit_eur": float(people.household_llu[i]),
                "monthly_housing_eur": float(people.kdu[i]),
            }
        )
        for a, b, amount in tl.periods:
            periods.append(
                {"client_id": cid, "start": day(a), "end": day(b), "monthly_benefit_eur": amount}
            )
        for job in tl.jobs:
            if 0 <= job.start <= last:
                jobs.append(
                    {
                        "client_id": cid,
                        "start": day(job.start),
                        "end": day(job.end),
                        "kind": job.kind,
                        "monthly_gross_eur": float(job.gross),
                        "ends_benefit_need": job.ends_need,
                    }
                )
    history: list[Row] = []
    seen: set[tuple[int, int, int]] = set()
    order = np.lexsort((~proposals.hired, proposals.day, proposals.vacancy, proposals.person))
    for k in order:
        key = (int(proposals.person[k]), int(proposals.vacancy[k]), int(proposals.day[k]))
        if key in seen:
            continue
        seen.add(key)
        history.append(
            {
                "client_id": ids[key[0]],
                "vacancy_id": shared.labour.ids[key[1]],
                "proposed_on": cal.to_date(key[2]),
                "outcome": "hired" if proposals.hired[k] else "not_hired",
            }
        )
    shared.stats.add(
        people, timelines, tags, course, int(proposals.hired.sum()), len(proposals.hired)
    )
    return ChunkRows(clients, households, periods, jobs, history)
