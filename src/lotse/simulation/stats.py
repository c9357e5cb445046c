"""Count what the generated files contain, chunk by chunk (see :mod:`.targets` for meanings)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
from numpy.typing import NDArray

from lotse.domain.origin import origin_group
from lotse.simulation.people import People
from lotse.simulation.plan import Plan
from lotse.simulation.timeline import INTEGRATION_KINDS, Timeline

GERMAN = ("A0", "A1", "A2", "B1", "B2", "C1", "C2")


class Stats:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        cal = plan.calendar
        self.stock_days = np.array(cal.stock_days(12))
        self.year_start = cal.last_year_start
        self.last = cal.days - 1
        self.lzb_from = self.last - 729
        self.stock = np.zeros(12, dtype=np.int64)
        self.prog_stock: dict[str, NDArray[np.int64]] = {}
        self.prog_int: Counter[str] = Counter()
        self.prog_active: Counter[str] = Counter()
        self.prog_total: Counter[str] = Counter()
        self.c: Counter[str] = Counter()
        self.kinds_12m: Counter[str] = Counter()
        self.flows: Counter[str] = Counter()
        self.sites: Counter[str] = Counter()
        self.origins: Counter[str] = Counter()
        self.german_jt: Counter[str] = Counter()
        self.status: Counter[str] = Counter()
        self.money = np.zeros(3)
        self.flow_days = [
            (f.name, f.origin_groups, cal.day(f.start), cal.day(f.end or cal.as_of))
            for f in plan.profile.flows
        ]

    def add(
        self,
        people: People,
        timelines: list[Timeline],
        tags: list[list[str]],
        course: list[str],
        hires: int,
        proposals: int,
    ) -> None:
        c = self.c
        c["proposals"] += proposals
        c["hires"] += hires
        for i, tl in enumerate(timelines):
            covered = np.zeros(12, dtype=bool)
            lzb_days = 0
            for a, b in tl.spells:
                end = self.last if b is None else b
                covered |= (self.stock_days >= a) & (self.stock_days <= end)
                lzb_days += max(0, min(end, self.last) - max(a, self.lzb_from) + 1)
            self.stock += covered
            for code in tags[i]:
                self.prog_stock.setdefault(code, np.zeros(12, dtype=np.int64))
                self.prog_stock[code] += covered
                self.prog_total[code] += 1
            active = bool(covered[0])
            self.status[tl.status] += 1
            c["asylblg_cases"] += not tl.spells
            group = origin_group(people.citizenship[i]).value
            for job in tl.jobs:
                if job.start > self.last or job.start < 0:
                    continue
                if job.kind in INTEGRATION_KINDS:
                    c["integration_starts_window"] += 1
                    c["ends_need_window"] += job.ends_need
                    if job.start <= self.last - 182:
                        c["eligible_6m"] += 1
                        c["sustained_6m"] += job.end is None or job.end >= job.start + 182
                    for name, groups, lo, hi in self.flow_days:
                        if group in groups and lo <= job.start <= hi:
                            self.flows[name] += 1
                if job.start >= self.year_start:
                    self.kinds_12m[job.kind] += 1
                    if job.kind in INTEGRATION_KINDS:
                        for code in tags[i]:
                            self.prog_int[code] += 1
            if not active:
                continue
            for code in tags[i]:
                self.prog_active[code] += 1
            site = self.plan.sites[int(people.site[i])]
            self.origins[people.citizenship[i]] += 1
            if people.citizenship[i] != "DE":
                self.sites[site] += 1
            if group != "other":
                self.german_jt[GERMAN[int(people.german[i])]] += 1
            c["lzb"] += lzb_days >= 638
            since = tl.unemployed_since
            ltu = since is not None and since <= self.last - 365
            c["ltu"] += ltu
            c["course_attending_ltu"] += ltu and course[i] == "attending"
            self.money += (float(people.kdu[i]), float(people.household_llu[i]), 1.0)

    def produced(
        self,
        files: dict[str, int],
        officers: list[dict[str, Any]],
        vacancy_levels: Counter[int],
        open_vacancies: int,
    ) -> dict[str, Any]:
        c = self.c
        avg = float(self.stock.mean())
        integrations = sum(self.kinds_12m[k] for k in INTEGRATION_KINDS)
        elb = int(self.stock[0])
        out: dict[str, Any] = {
            "elb": elb,
            "average_stock_12m": round(avg, 2),
            "integration_starts_12m": integrations,
            "integration_quota": round(integrations / avg, 4) if avg else None,
            "ends_benefit_need_share": _share(
                c["ends_need_window"], c["integration_starts_window"]
            ),
            "minijob_starts_12m": self.kinds_12m["minijob"],
            "public_employment_starts_12m": self.kinds_12m["public_employment"],
            "sustained_6_months_share": _share(c["sustained_6m"], c["eligible_6m"]),
            "long_term_unemployed_share": _share(c["ltu"], elb),
            "long_term_recipient_share": _share(c["lzb"], elb),
            "integration_course_attending_ltu": c["course_attending_ltu"],
            "status": dict(sorted(self.status.items())),
            "asylblg_cases": c["asylblg_cases"],
            "stock_by_citizenship": dict(self.origins.most_common()),
            "job_turbo_group_german_levels": {k: self.german_jt[k] for k in GERMAN},
            "proposals": c["proposals"],
            "hires": c["hires"],
            "hire_rate": _share(c["hires"], c["proposals"]),
            "mean_kdu_eur": round(float(self.money[0] / self.money[2]), 2)
            if self.money[2]
            else None,
            "mean_household_llu_eur": round(float(self.money[1] / self.money[2]), 2)
            if self.money[2]
            else None,
            "vacancies_by_level": {str(k): vacancy_levels[k] for k in sorted(vacancy_levels)},
            "vacancies_open": open_vacancies,
            "files": files,
        }
        for name, *_ in self.flow_days:
            out[name] = self.flows[name]
        for site, count in sorted(self.sites.items()):
            out[f"migration_background.{site}"] = count
        for code in sorted(self.prog_stock):
            mean = float(self.prog_stock[code].mean())
            out[f"{code}.members_active"] = self.prog_active[code]
            out[f"{code}.members_total"] = self.prog_total[code]
            out[f"{code}.members_average"] = round(mean, 2)
            out[f"{code}.integrations_12m"] = self.prog_int[code]
            out[f"{code}.quota"] = round(self.prog_int[code] / mean, 4) if mean else None
        teams = Counter(str(o["team"]) for o in officers)
        for team in self.plan.profile.teams:
            out[f"team.{team.name}.officers"] = teams[team.name]
        return out


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
