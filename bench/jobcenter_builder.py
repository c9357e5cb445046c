"""A synthetic Jobcenter written straight into a database (stand-in for generate + import).

Until ``lotse generate --jobcenter <profile> ... --out DIR`` and ``lotse import DIR`` exist,
the planning benchmark and the demo of ``lotse plan quarter`` build their Jobcenter here: three
sites in Saxony-Anhalt (Bitterfeld, Köthen, Zerbst, after mission.md programme 5), a Job-Turbo
team, a Joboffensive team at 1:100 and regular teams; clients with origin, German level,
languages, programme memberships, a current officer (some unassigned, some with officers who
left) and a last contact; officers with part time, languages and leave in the quarter.
All people are synthetic. Only :func:`build` needs replacing when the generator lands.

    .venv/bin/python -m bench.jobcenter_builder --clients 12000 --officers 120 \
        --url sqlite:////tmp/jc.db
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import sqlalchemy as sa

from lotse.db.engine import create_engine_for
from lotse.db.migrate import upgrade
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    AbsenceKind,
    ClientStatus,
    ContactChannel,
    ContactStatus,
    Gender,
    ResidenceStatus,
    VacancyStatus,
)
from lotse.domain.programmes import BUILT_IN
from lotse.models import (
    Client,
    ClientOccupation,
    Contact,
    Employer,
    Officer,
    OfficerAbsence,
    Programme,
    ProgrammeMembership,
    Site,
    Team,
    Vacancy,
)

SITES = [  # name, plz, lat, lon, share of clients
    ("Bitterfeld", "06749", 51.6227, 12.3226, 0.55),
    ("Köthen", "06366", 51.7520, 11.9740, 0.30),
    ("Zerbst", "39261", 51.9677, 12.0848, 0.15),
]
OCCUPATIONS = [
    "25101",
    "26301",
    "51311",
    "51312",
    "52122",
    "63301",
    "63302",
    "81302",
    "82101",
    "82102",
    "54101",
    "12101",
    "71402",
    "62102",
    "52202",
    "29301",
    "25112",
]
ORIGINS = [  # citizenship, share, languages, residence status, German levels
    ("DE", 0.58, ["de"], ResidenceStatus.GERMAN, ["B2", "C1", "C2"]),
    ("UA", 0.13, ["uk", "ru"], ResidenceStatus.TEMPORARY_PROTECTION, ["A0", "A1", "A2", "B1"]),
    ("SY", 0.08, ["ar"], ResidenceStatus.RECOGNISED_REFUGEE, ["A1", "A2", "B1", "B2"]),
    ("AF", 0.04, ["fa"], ResidenceStatus.SUBSIDIARY_PROTECTION, ["A0", "A1", "A2", "B1"]),
    ("IQ", 0.02, ["ar"], ResidenceStatus.RECOGNISED_REFUGEE, ["A1", "A2", "B1"]),
    ("ER", 0.02, ["ti"], ResidenceStatus.RECOGNISED_REFUGEE, ["A0", "A1", "A2"]),
    ("PL", 0.05, ["pl"], ResidenceStatus.EU, ["A2", "B1", "B2"]),
    ("RO", 0.04, ["ro"], ResidenceStatus.EU, ["A1", "A2", "B1"]),
    ("TR", 0.04, ["tr"], ResidenceStatus.OTHER_PERMIT, ["B1", "B2", "C1"]),
]
OFFICER_LANGUAGES = ["uk", "ru", "ar", "fa", "en", "tr", "pl"]


def _split(total: int, shares: list[float]) -> list[int]:
    """``total`` split in proportion to ``shares`` (largest remainder)."""
    exact = [total * s / sum(shares) for s in shares]
    counts = [int(x) for x in exact]
    for i in sorted(range(len(shares)), key=lambda i: counts[i] - exact[i])[: total - sum(counts)]:
        counts[i] += 1
    return counts


def build(
    url: str,
    *,
    clients: int = 12_000,
    officers: int = 120,
    seed: int = 7,
    start: date = date(2026, 1, 1),
    joboffensive_officers: int | None = None,
) -> dict[str, int]:
    """Create the schema and a synthetic Jobcenter in ``url``; returns row counts."""
    rng = np.random.default_rng(seed)
    engine = create_engine_for(url)
    upgrade(engine)
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now}
    with engine.begin() as conn:
        ins = lambda model, rows: conn.execute(sa.insert(model.__table__), rows) if rows else None  # noqa: E731
        ins(Site, [{"name": n, "plz": p, "state": "ST", **stamp} for n, p, *_ in SITES])
        site_ids = dict(conn.execute(sa.select(Site.name, Site.id)).all())
        ins(
            Programme,
            [
                {
                    "code": d.code,
                    "name": d.name,
                    "kind": d.kind,
                    "target_rule": d.target_rule,
                    "caseload_ratio": d.caseload_ratio,
                    "contacts_per_month": d.contacts_per_month,
                    "description": d.description,
                    **stamp,
                }
                for d in BUILT_IN.values()
            ],
        )
        prog_ids = dict(conn.execute(sa.select(Programme.code, Programme.id)).all())
        teams = []
        for name, *_ in SITES:
            for label, code in (
                ("Regel", None),
                ("Job-Turbo", "job_turbo"),
                ("Joboffensive", "joboffensive"),
            ):
                teams.append(
                    {
                        "name": label,
                        "site_id": site_ids[name],
                        "programme_id": prog_ids[code] if code else None,
                        **stamp,
                    }
                )
        ins(Team, teams)
        team_ids = {
            (r[0], r[1]): r[2] for r in conn.execute(sa.select(Team.site_id, Team.name, Team.id))
        }

        # officers: Joboffensive 1:100 for its 1,900 clients scaled, Job-Turbo team of 15 scaled
        scale = officers / 120
        n_jo = round(19 * scale) if joboffensive_officers is None else joboffensive_officers
        n_jt = round(15 * scale)
        kinds = (
            ["Joboffensive"] * n_jo + ["Job-Turbo"] * n_jt + ["Regel"] * (officers - n_jo - n_jt)
        )
        shares = [s[4] for s in SITES]
        officer_rows = []
        i = 0
        for kind in ("Joboffensive", "Job-Turbo", "Regel"):
            per_site = _split(kinds.count(kind), shares)
            for (site, *_rest), count in zip(SITES, per_site, strict=True):
                for _ in range(count):
                    i += 1
                    langs = ["de"]
                    if rng.random() < (0.8 if kind == "Job-Turbo" else 0.2):
                        pool = OFFICER_LANGUAGES[:4] if kind == "Job-Turbo" else OFFICER_LANGUAGES
                        langs.append(str(rng.choice(pool)))
                    hours = float(rng.choice([39.0, 30.0, 19.5], p=[0.75, 0.15, 0.10]))
                    officer_rows.append(
                        {
                            "ref": f"VF{i:04d}",
                            "name": f"Fachkraft {i:03d}",
                            "site_id": site_ids[site],
                            "team_id": team_ids[site_ids[site], kind],
                            "languages": langs,
                            "weekly_hours": hours,
                            "active": not (kind == "Regel" and rng.random() < 0.03),
                            **stamp,
                        }
                    )
        ins(Officer, officer_rows)
        officer_table = conn.execute(
            sa.select(
                Officer.id, Officer.site_id, Team.name, Officer.active, Officer.languages
            ).join(Team, Team.id == Officer.team_id)
        ).all()

        # clients
        origin_idx = rng.choice(
            len(ORIGINS), size=clients, p=[o[1] / sum(o[1] for o in ORIGINS) for o in ORIGINS]
        )
        site_idx = rng.choice(len(SITES), size=clients, p=shares)
        ages = rng.integers(18, 64, size=clients)
        under25 = rng.random(clients) < 0.15
        ages = np.where(
            under25, rng.integers(18, 25, size=clients), rng.integers(25, 64, size=clients)
        )
        client_rows = []
        for i in range(clients):
            cz, _s, langs, status, levels = ORIGINS[origin_idx[i]]
            name, plz, lat, lon, _sh = SITES[site_idx[i]]
            client_rows.append(
                {
                    "ref": f"K{i + 1:06d}",
                    "name": f"Kund:in {i + 1:05d}",
                    "site_id": site_ids[name],
                    "status": ClientStatus.ACTIVE,
                    "birth_year": start.year - int(ages[i]),
                    "gender": Gender.FEMALE if rng.random() < 0.45 else Gender.MALE,
                    "citizenship": cz,
                    "residence_status": status,
                    "work_permitted": True,
                    "german_level": CefrLevel(str(rng.choice(levels))),
                    "languages": list(langs),
                    "plz": plz,
                    "lat": lat + float(rng.normal(0, 0.05)),
                    "lon": lon + float(rng.normal(0, 0.05)),
                    "coords_given": True,
                    "max_commute_km": int(rng.choice([15, 25, 40])),
                    "unemployed_since": start - timedelta(days=int(rng.integers(30, 1500))),
                    **stamp,
                }
            )
        ins(Client, client_rows)
        ids = [r[0] for r in conn.execute(sa.select(Client.id).order_by(Client.id))]
        ins(
            ClientOccupation,
            [
                {"client_id": cid, "kldb": str(code), "position": 0}
                for cid, code in zip(ids, rng.choice(OCCUPATIONS, size=clients), strict=True)
            ],
        )

        # memberships: Job-Turbo = refugees from A2 on (phase 2), Joboffensive = market-near
        members = []
        jt, jo = [], []
        jo_target = round(1900 * clients / 12_000)
        for i in range(len(ids)):
            row = client_rows[i]
            refugee = row["citizenship"] in {"UA", "SY", "AF", "IQ", "ER"}
            if refugee and row["german_level"] >= CefrLevel.A2:
                jt.append(i)
            elif (
                not refugee
                and row["german_level"] >= CefrLevel.B1
                and not under25[i]
                and len(jo) < jo_target
                and rng.random() < 0.5
            ):
                jo.append(i)
        for code, group in (("job_turbo", jt), ("joboffensive", jo)):
            for i in group:
                members.append(
                    {
                        "programme_id": prog_ids[code],
                        "client_id": ids[i],
                        "since": start - timedelta(days=int(rng.integers(30, 400))),
                        "reason": "Aufbau synthetisches Jobcenter",
                    }
                )
        ins(ProgrammeMembership, members)

        # current officers: mostly in the right pool with uneven loads; some new, some orphaned
        pool_of = {}
        languages_of = {}
        for officer_id, site_id, team, active, langs in officer_table:
            pool_of.setdefault((site_id, team), []).append((officer_id, active))
            languages_of[officer_id] = set(langs)
        hours = dict(conn.execute(sa.select(Officer.id, Officer.weekly_hours)).all())
        weights = {oid: float(rng.lognormal(0, 0.3)) * hours[oid] for oid, *_ in officer_table}
        jt_set, jo_set = set(jt), set(jo)
        updates = []
        for i, cid in enumerate(ids):
            r = rng.random()
            if r < 0.05:
                continue  # new client, no officer yet
            team = "Job-Turbo" if i in jt_set else "Joboffensive" if i in jo_set else "Regel"
            site_id = client_rows[i]["site_id"]
            candidates = pool_of.get((site_id, team)) or pool_of.get((site_id, "Regel")) or []
            if not candidates:
                continue
            # most clients already sit with an officer who speaks their language where one exists
            own = set(client_rows[i]["languages"]) - {"de"}
            fitting = [c for c in candidates if own & languages_of[c[0]]]
            if fitting and client_rows[i]["german_level"] < CefrLevel.B1 and rng.random() < 0.8:
                candidates = fitting
            w = np.array([weights[o] for o, _a in candidates])
            officer_id = candidates[int(rng.choice(len(candidates), p=w / w.sum()))][0]
            updates.append({"cid": cid, "oid": officer_id})
        table = Client.__table__
        conn.execute(
            sa.update(table)
            .where(table.c.id == sa.bindparam("cid"))
            .values(officer_id=sa.bindparam("oid")),
            updates,
        )

        # one past contact for most clients, between 1 and 150 days before the quarter
        contacts = []
        for cid in ids:
            if rng.random() < 0.1:
                continue
            day = start - timedelta(days=int(rng.integers(1, 150)))
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            at = datetime.combine(day, time(9, 0), tzinfo=UTC)
            contacts.append(
                {
                    "client_id": cid,
                    "officer_id": None,
                    "scheduled_at": at,
                    "duration_min": 30,
                    "channel": ContactChannel.IN_PERSON,
                    "status": ContactStatus.DONE,
                    **stamp,
                }
            )
        ins(Contact, contacts)

        # leave in the quarter for a quarter of the officers, a few sick days
        absences = []
        for officer_id, *_ in officer_table:
            if rng.random() < 0.25:
                first = start + timedelta(days=int(rng.integers(0, 80)))
                absences.append(
                    {
                        "officer_id": officer_id,
                        "starts_on": first,
                        "ends_on": first + timedelta(days=int(rng.integers(4, 14))),
                        "kind": AbsenceKind.LEAVE,
                        **stamp,
                    }
                )
            if rng.random() < 0.1:
                first = start + timedelta(days=int(rng.integers(0, 85)))
                absences.append(
                    {
                        "officer_id": officer_id,
                        "starts_on": first,
                        "ends_on": first + timedelta(days=2),
                        "kind": AbsenceKind.SICK,
                        **stamp,
                    }
                )
        ins(OfficerAbsence, absences)

        # employers and vacancies, among them the solar assembly jobs of the action week
        ins(
            Employer,
            [
                {
                    "ref": f"AG{i:04d}",
                    "name": f"Betrieb {i:03d} GmbH",
                    "plz": SITES[i % 3][1],
                    "site_id": site_ids[SITES[i % 3][0]],
                    **stamp,
                }
                for i in range(1, 41)
            ],
        )
        ins(
            Employer,
            [
                {
                    "ref": "AG-SOLAR",
                    "name": "Solarwerk Bitterfeld GmbH",
                    "plz": "06749",
                    "site_id": site_ids["Bitterfeld"],
                    **stamp,
                }
            ],
        )
        employer_ids = dict(conn.execute(sa.select(Employer.ref, Employer.id)).all())
        vacancies = [
            {
                "ref": f"ST{i:05d}",
                "employer_id": employer_ids[f"AG{1 + i % 40:04d}"],
                "title": f"Stelle {i}",
                "kldb": str(rng.choice(OCCUPATIONS)),
                "openings": 1,
                "status": VacancyStatus.OPEN,
                "plz": SITES[i % 3][1],
                "lat": SITES[i % 3][2],
                "lon": SITES[i % 3][3],
                "coords_given": True,
                "german_level_min": CefrLevel(str(rng.choice(["A2", "B1", "B2"]))),
                **stamp,
            }
            for i in range(1, 301)
        ]
        vacancies.append(
            {
                "ref": "ST-SOLAR",
                "employer_id": employer_ids["AG-SOLAR"],
                "title": "Montagehelfer/in Solarmodule",
                "kldb": "25101",
                "openings": 25,
                "status": VacancyStatus.OPEN,
                "plz": "06749",
                "lat": 51.6227,
                "lon": 12.3226,
                "coords_given": True,
                "german_level_min": CefrLevel.A1,
                **stamp,
            }
        )
        ins(Vacancy, vacancies)
        counts = {
            "sites": len(SITES),
            "officers": officers,
            "clients": clients,
            "job_turbo": len(jt),
            "joboffensive": len(jo),
            "contacts": len(contacts),
            "absences": len(absences),
            "vacancies": len(vacancies),
        }
    engine.dispose()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="database URL (an empty scratch database)")
    parser.add_argument("--clients", type=int, default=12_000)
    parser.add_argument("--officers", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--from", dest="start", default="2026-01-01")
    parser.add_argument("--joboffensive-officers", type=int, default=None)
    args = parser.parse_args()
    counts = build(
        args.url,
        clients=args.clients,
        officers=args.officers,
        seed=args.seed,
        start=date.fromisoformat(args.start),
        joboffensive_officers=args.joboffensive_officers,
    )
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
