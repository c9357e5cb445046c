"""Generate a synthetic Jobcenter as an exchange-format folder (the public entry point).

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     summary = generate("demo", out=pathlib.Path(tmp) / "demo", clients=60, seed=7)
...     sorted(p.name for p in summary.out.iterdir())[:4]
['benefit_periods.csv', 'clients.csv', 'employers.csv', 'generation.json']
>>> summary.elb, summary.produced["elb"]
(60, 60)

The run is deterministic for a seed: every random draw comes from a
:class:`numpy.random.Generator` on a :class:`numpy.random.SeedSequence` with a fixed spawn key
per purpose (0 the allocation of strata to chunks, 1 employers and vacancies, 2 officers,
``(3, k)`` chunk *k* of people), so chunks can be generated one after the other with only one
chunk in memory and still give the same files.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

import lotse
from lotse.errors import InvalidInput, Problem
from lotse.exchange import schema
from lotse.simulation import history, integration_point, occupations, propensity, timeline
from lotse.simulation.calendar import WINDOW_MONTHS, add_months
from lotse.simulation.chunk import build_chunk, make_shared
from lotse.simulation.labour import Labour, make_labour
from lotse.simulation.organisation import (
    default_officers,
    make_organisation,
    programme_rows,
    site_rows,
    team_rows,
)
from lotse.simulation.plan import CHUNK, TYPES, Allocator, Plan, make_plan
from lotse.simulation.profiles import PROFILES, Profile
from lotse.simulation.region import make_region
from lotse.simulation.stats import Stats
from lotse.simulation.targets import DEFINITIONS, build_targets
from lotse.simulation.writer import MANIFEST, FolderWriter

DEFAULT_SEED = 2024
MAX_CLIENTS = 10_000_000
VACANCIES_PER_ELB = 0.2
ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class GenerationSummary:
    out: Path
    profile: str
    seed: int
    as_of: date
    elb: int
    rows: dict[str, int]
    targets: dict[str, dict[str, Any]]
    produced: dict[str, Any]


def shift_profile(p: Profile, as_of: date) -> Profile:
    """The profile moved to another ``as_of``: programme starts and flows move by as many
    months (Job-Turbo's federal start and the origins' arrival dates stay where they are)."""
    months = (as_of.year - p.as_of.year) * 12 + as_of.month - p.as_of.month
    segments = tuple(
        dataclasses.replace(s, starts_on=add_months(s.starts_on, months)) for s in p.segments
    )
    flows = tuple(
        dataclasses.replace(
            f,
            start=add_months(f.start, months),
            end=None if f.end is None else add_months(f.end, months),
        )
        for f in p.flows
    )
    return dataclasses.replace(p, as_of=as_of, segments=segments, flows=flows)


def check(
    profile: str | Profile,
    clients: int | None,
    vacancies: int | None,
    officers: int | None,
    as_of: date | None,
) -> Profile:
    problems: list[Problem] = []
    p: Profile | None = None
    if isinstance(profile, Profile):
        p = profile
    elif profile in PROFILES:
        p = PROFILES[profile]
    else:
        problems.append(
            Problem(
                "profile",
                f"unknown Jobcenter profile {profile!r}; known: {', '.join(PROFILES)}",
                column="jobcenter",
                value=str(profile),
            )
        )
    if clients is not None and not 1 <= clients <= MAX_CLIENTS:
        problems.append(
            Problem(
                "range",
                f"must be between 1 and {MAX_CLIENTS:,}",
                column="clients",
                value=str(clients),
            )
        )
    if vacancies is not None and vacancies < 1:
        problems.append(
            Problem("range", "must be at least 1", column="vacancies", value=str(vacancies))
        )
    if officers is not None and p is not None and officers < len(p.sites) + len(p.teams):
        problems.append(
            Problem(
                "range",
                f"must be at least {len(p.sites) + len(p.teams)} (one per site and programme team)",
                column="officers",
                value=str(officers),
            )
        )
    if as_of is not None and not date(2024, 1, 1) <= as_of <= date(2035, 12, 31):
        problems.append(
            Problem(
                "range",
                "must lie between 2024-01-01 and 2035-12-31",
                column="as_of",
                value=as_of.isoformat(),
            )
        )
    if problems or p is None:
        raise InvalidInput(problems)
    return p if as_of is None else shift_profile(p, as_of)


def generate(
    profile: str | Profile,
    *,
    out: Path | str,
    seed: int = DEFAULT_SEED,
    clients: int | None = None,
    vacancies: int | None = None,
    officers: int | None = None,
    as_of: date | None = None,
    on_progress: ProgressFn | None = None,
    overwrite: bool = False,
) -> GenerationSummary:
    """Write a synthetic Jobcenter to ``out`` and return what was written.

    ``clients`` is the number of eLb at ``as_of`` (default: the profile's published size);
    ``clients.csv`` also holds the people who left during the 36 months before and, for an
    Integration Point, its cases still under the AsylbLG (no benefit period). Nothing is
    written when anything fails; an existing export in ``out`` is refused unless
    ``overwrite``.
    """
    p = check(profile, clients, vacancies, officers, as_of)
    n = clients if clients is not None else p.elb
    plan = make_plan(p, n)
    region = make_region(p)
    labour = make_labour(plan, region, vacancies or max(20, round(VACANCIES_PER_ELB * n)), seed)
    org = make_organisation(plan, officers or default_officers(plan), seed)
    stats = Stats(plan)
    shared = make_shared(plan, region, labour, org, stats)
    cal = plan.calendar
    files: dict[str, int] = {}
    with FolderWriter(Path(out), overwrite=overwrite) as w:
        files["sites.csv"] = w.write_all(
            schema.SITES, sorted(site_rows(plan), key=lambda r: str(r["site"]))
        )
        files["programmes.csv"] = w.write_all(schema.PROGRAMMES, programme_rows(plan))
        files["teams.csv"] = w.write_all(schema.TEAMS, team_rows(plan, org))
        files["officers.csv"] = w.write_all(schema.OFFICERS, org.officers)
        files["employers.csv"] = w.write_all(schema.EMPLOYERS, _employer_rows(labour))
        files["vacancies.csv"] = w.write_all(schema.VACANCIES, _vacancy_rows(plan, labour))
        streams = (
            schema.CLIENTS,
            schema.HOUSEHOLDS,
            schema.BENEFIT_PERIODS,
            schema.INTEGRATIONS,
            schema.HISTORY,
        )
        sinks = [w.sink(spec) for spec in streams]
        allocator = Allocator(plan.counts, seed)
        total = plan.total
        for k, start in enumerate(range(0, total, CHUNK)):
            idx = allocator.take(min(CHUNK, total - start))
            rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(3, k)))
            rows = build_chunk(shared, idx, start, rng)
            for sink, part in zip(
                sinks,
                (
                    rows.clients,
                    rows.households,
                    rows.benefit_periods,
                    rows.integrations,
                    rows.history,
                ),
                strict=True,
            ):
                sink.write(part)
            if on_progress is not None:
                on_progress(start + len(idx), total)
        for spec, sink in zip(streams, sinks, strict=True):
            files[spec.name] = sink.rows
        team_sizes = Counter(str(o["team"]) for o in org.officers)
        targets = build_targets(plan, dict(team_sizes))
        levels = Counter(int(k) % 10 for k in labour.kldb)
        open_count = int((labour.closes >= cal.days - 1).sum())
        produced = stats.produced(files, org.officers, levels, open_count)
        w.write_json(MANIFEST, _manifest(plan, seed, labour, len(org.officers), targets, produced))
    if any(s.programme == "integration_point" for s in p.segments):  # first contacts etc.
        files.update(integration_point.write_cases(Path(out)))
    return GenerationSummary(Path(out), p.key, seed, p.as_of, n, files, targets, produced)


def _employer_rows(labour: Labour) -> Iterator[dict[str, Any]]:
    return (
        {"employer_id": e, "name": name, "plz": plz}
        for e, name, plz in zip(
            labour.employer_ids, labour.employer_names, labour.employer_plz, strict=True
        )
    )


def _vacancy_rows(plan: Plan, labour: Labour) -> Iterator[dict[str, Any]]:
    cal = plan.calendar
    german = ("A0", "A1", "A2", "B1", "B2", "C1", "C2")
    last = cal.days - 1
    return (
        {
            "vacancy_id": labour.ids[j],
            "employer_id": labour.employer_ids[int(labour.employer[j])],
            "title": labour.titles[j],
            "kldb": str(int(labour.kldb[j])),
            "german_level_min": german[int(labour.german_min[j])],
            "plz": labour.employer_plz[int(labour.employer[j])],
            "hours": "full" if labour.full_time[j] else "part",
            "openings": int(labour.openings[j]),
            "driving_licence_required": bool(labour.driving[j]),
            "posted_on": cal.to_date(int(labour.posted[j])),
            "status": "open" if labour.closes[j] >= last else "closed",
        }
        for j in range(labour.count)
    )


def _manifest(
    plan: Plan,
    seed: int,
    labour: Labour,
    officers: int,
    targets: dict[str, Any],
    produced: dict[str, Any],
) -> dict[str, Any]:
    p = plan.profile
    types = {name: int(plan.counts[plan.strata[:, 3] == k].sum()) for k, name in enumerate(TYPES)}
    published = {
        k: v
        for k, v in p.published.items()
        if k not in ("integration_course_ltu_participants_min", "state_quota")
    }
    return {
        "format_version": schema.FORMAT_VERSION,
        "generator": {
            "package": "lotse.simulation",
            "lotse_version": lotse.__version__,
            "chunk": CHUNK,
            "window_months": WINDOW_MONTHS,
        },
        "profile": {"key": p.key, "name": p.name, "district_key": p.district_key, "state": p.state},
        "seed": seed,
        "as_of": p.as_of.isoformat(),
        "window_start": plan.calendar.start.isoformat(),
        "sizes": {
            "elb": int(plan.stock.sum()),
            "published_elb": p.elb,
            "scale": round(plan.scale, 6),
            "clients": plan.total,
            "vacancies": labour.count,
            "employers": len(labour.employer_ids),
            "officers": officers,
            "people_by_type": types,
        },
        "parameters": {
            "quota": p.quota,
            "base_rate": round(plan.base_rate, 5),
            "need_ending_share": p.need_ending_share,
            "short_job_share": p.short_job_share,
            "other_exit_rate": p.other_exit_rate,
            "kdu_single_eur": p.kdu_single,
            "course_boost": p.course_boost,
            "origin_mix": p.origin_mix,
            "sites": [dataclasses.asdict(s) for s in p.sites],
            "segments": [
                dataclasses.asdict(s) | {"planned_stock": plan.segment_stock.get(s.programme)}
                for s in p.segments
            ],
            "flows": [dataclasses.asdict(f) for f in p.flows],
            "job_turbo": p.job_turbo,
            "teams": [dataclasses.asdict(t) for t in p.teams],
            "sector_demand": occupations.DEMAND | p.sector_demand,
            "demand_levels": list(occupations.DEMAND_LEVELS),
            "minijob_rate": timeline.MINIJOB_RATE,
            "public_employment_rate": timeline.PUBLIC_RATE,
            "proposals_per_month": history.PROPOSALS_PER_MONTH,
            "jobs_via_proposal": history.VIA_PROPOSAL,
            "hire_propensity": {
                "intercept": propensity.INTERCEPT,
                "fit_per_kldb_level": propensity.BETA_FIT,
                "underqualified_per_level": propensity.BETA_UNDERQUALIFIED,
                "german_below_minimum_per_level": propensity.BETA_GERMAN_SHORT,
                "german_above_minimum_per_level": propensity.BETA_GERMAN_ABOVE,
                "distance_per_10km_beyond_10": propensity.BETA_DISTANCE,
                "beyond_max_commute": propensity.BETA_BEYOND_COMMUTE,
                "months_out_of_work": propensity.BETA_MONTHS_OUT,
                "experience_year": propensity.BETA_EXPERIENCE,
                "licence_missing": propensity.BETA_NO_LICENCE,
                "part_time_only_for_full_time_job": propensity.BETA_HOURS,
                "noise_sd": propensity.NOISE_SD,
            },
        },
        "targets": targets,
        "definitions": DEFINITIONS,
        "produced": produced,
        "not_represented": published,
        "notes": list(p.notes),
    }
