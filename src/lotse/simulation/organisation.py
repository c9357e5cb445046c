"""Sites, teams, officers and programmes, and which officer looks after whom.

Staffing follows the guideline of § 44c(4) SGB II (``domain.md`` §4): one placement officer per
75 eLb under 25 and per 150 eLb aged 25 and over. Each site has an U25 team and general teams
of up to 12 officers. A profile's programme teams come on top (Unna's Job-Turbo team of 15,
Gelsenkirchen's 19 Joboffensive officers) and look after the programme's members only.
Officers speak German, often English, and some speak the languages of the clients (more so in a
Job-Turbo team). A client's officer is drawn from the right team in proportion to the
officers' weekly hours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from lotse.domain.programmes import BUILT_IN
from lotse.simulation import names, origins
from lotse.simulation.plan import Plan
from lotse.simulation.profiles import PROGRAMME_STARTS

TEAM_SIZE = 12
HOURS = (39.0, 30.0, 25.0, 20.0)
HOURS_P = (0.65, 0.20, 0.10, 0.05)
_OFFICER_NAME_GROUPS = {"de": 0.82, "tr": 0.06, "pl": 0.03, "ru": 0.03, "ar": 0.03, "uk": 0.03}
_GROUP_LANGUAGE = {"tr": "tr", "pl": "pl", "ru": "ru", "ar": "ar", "uk": "uk"}
_CITIZENSHIP_OF_GROUP = {"de": "DE", "tr": "TR", "pl": "PL", "ru": "RU", "ar": "SY", "uk": "UA"}


@dataclass
class Organisation:
    officers: list[dict[str, object]]
    teams: dict[str, list[int]]
    """Team key → indices of its officers. Keys: ``site:<i>``, ``u25:<i>``, ``programme:<code>``."""
    weights: dict[str, NDArray[np.float64]] = field(default_factory=dict)

    def assign(self, rng: np.random.Generator, keys: list[str]) -> list[str | None]:
        """An officer id for each team key (``None`` when the team has nobody)."""
        out: list[str | None] = [None] * len(keys)
        key_arr = np.array(keys, dtype=object)
        for key in sorted(set(keys)):
            members = self.teams.get(key) or []
            if not members:
                continue
            rows = np.flatnonzero(key_arr == key)
            cum = np.cumsum(self.weights[key])
            pick = np.searchsorted(cum, rng.random(rows.size) * cum[-1], side="right")
            for r, j in zip(rows, pick, strict=True):
                out[int(r)] = str(
                    self.officers[members[min(int(j), len(members) - 1)]]["officer_id"]
                )
        return out


def default_officers(plan: Plan) -> int:
    """Officers for the stock by § 44c(4) SGB II, plus the programme teams."""
    specs = [origins.SPECS[c] for c in origins.CATEGORIES]
    u25_share = np.array([s.ages[0] for s in specs])
    stock = plan.stock.sum(axis=0)
    u25 = float((stock * u25_share).sum())
    regular = math.ceil(u25 / 75 + (stock.sum() - u25) / 150)
    teams = sum(max(1, round(t.officers * plan.scale)) for t in plan.profile.teams)
    return int(max(len(plan.sites), regular) + teams)


def make_organisation(plan: Plan, officers: int, seed: int) -> Organisation:
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2,)))
    p = plan.profile
    default = default_officers(plan)
    team_sizes = [max(1, round(t.officers * plan.scale * officers / default)) for t in p.teams]
    regular = max(len(plan.sites), officers - sum(team_sizes))
    site_stock = plan.stock.sum(axis=1).astype(float)
    per_site = np.maximum(1, np.floor(regular * site_stock / site_stock.sum()).astype(int))
    per_site[int(np.argmax(site_stock))] += regular - int(per_site.sum())
    rows: list[dict[str, object]] = []
    teams: dict[str, list[int]] = {}

    def add(site: str, team: str, key: str, count: int, extra: tuple[str, ...]) -> None:
        for _ in range(count):
            group = str(
                rng.choice(list(_OFFICER_NAME_GROUPS), p=list(_OFFICER_NAME_GROUPS.values()))
            )
            female = bool(rng.random() < 0.6)
            langs = ["de"]
            if group in _GROUP_LANGUAGE:
                langs.append(_GROUP_LANGUAGE[group])
            if rng.random() < 0.5:
                langs.append("en")
            for lang in extra:
                if lang not in langs and rng.random() < 0.35:
                    langs.append(lang)
            teams.setdefault(key, []).append(len(rows))
            rows.append(
                {
                    "officer_id": "",
                    "name": names.person_name(rng, _CITIZENSHIP_OF_GROUP[group], female),
                    "site": site,
                    "team": team,
                    "languages": langs,
                    "weekly_hours": float(rng.choice(HOURS, p=HOURS_P)),
                }
            )

    for i, site in enumerate(plan.sites):
        u25 = max(1, round(per_site[i] * 0.2)) if per_site[i] >= 3 else 0
        add(site, f"U25 {site}", f"u25:{i}", u25, ())
        general = int(per_site[i]) - u25
        n_teams = max(1, math.ceil(general / TEAM_SIZE))
        for k in range(n_teams):
            size = general // n_teams + (1 if k < general % n_teams else 0)
            add(site, f"Vermittlung {site} {k + 1}", f"site:{i}", size, ())
    for team, size in zip(p.teams, team_sizes, strict=True):
        extra = ("uk", "ru", "ar", "fa") if team.programme == "job_turbo" else ()
        add(team.site, team.name, f"programme:{team.programme}", size, extra)
    width = max(4, len(str(len(rows))))
    for j, row in enumerate(rows):
        row["officer_id"] = f"{p.prefix}-V{j + 1:0{width}d}"
    weights = {
        key: np.array([float(rows[j]["weekly_hours"]) for j in members])  # type: ignore[arg-type]
        for key, members in teams.items()
    }
    return Organisation(rows, teams, weights)


def site_rows(plan: Plan) -> list[dict[str, object]]:
    return [{"site": s.name, "plz": s.plz, "state": plan.profile.state} for s in plan.profile.sites]


def programme_codes(plan: Plan) -> list[str]:
    codes = {seg.programme for seg in plan.profile.segments}
    if plan.profile.job_turbo:
        codes.add("job_turbo")
    return sorted(codes)


def programme_starts(plan: Plan) -> dict[str, object]:
    starts: dict[str, object] = dict(PROGRAMME_STARTS)
    for seg in plan.profile.segments:
        starts[seg.programme] = seg.starts_on
    return starts


def programme_rows(plan: Plan) -> list[dict[str, object]]:
    """The built-in definitions of the programmes the profile runs, with their start dates."""
    starts = programme_starts(plan)
    rows = []
    for code in programme_codes(plan):
        d = BUILT_IN[code]
        rows.append(
            {
                "programme": code,
                "name": d.name,
                "kind": d.kind,
                "target_rule": d.target_rule,
                "caseload_ratio": d.caseload_ratio,
                "contacts_per_month": d.contacts_per_month,
                "starts_on": starts.get(code),
                "ends_on": None,
            }
        )
    return rows


def team_rows(plan: Plan, org: Organisation) -> list[dict[str, object]]:
    """teams.csv: every team an officer belongs to, with the programme of a programme team."""
    programme = {(t.site, t.name): t.programme for t in plan.profile.teams}
    keys = {(str(o["site"]), str(o["team"])) for o in org.officers if o["team"]}
    return [
        {"site": site, "team": team, "programme": programme.get((site, team))}
        for site, team in sorted(keys)
    ]
