"""A hand-built Jobcenter of 15 people over 2022–2025 whose key figures are worked out by hand.

The same case is written into the database (SQLite or PostgreSQL, via the ORM) and into an
exchange-format folder (CSV through ``lotse.exchange.schema.format_row``), so every source
must give the same numbers. The expected values and their arithmetic are in
``tests/unit/test_key_figures_by_hand.py``; this module only holds the records.

Reference month March 2025: K2 window April 2024 – March 2025, Stichtag = last day of each
month, K2E3 cohort October 2023 – September 2024, K3 compares 31.3.2025 with 31.3.2024.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from lotse.domain.codes import (
    ClientStatus,
    ContactChannel,
    ContactStatus,
    Gender,
    IntegrationKind,
    NotIntegrableReason,
    ParticipationStatus,
)
from lotse.domain.programmes import BUILT_IN
from lotse.exchange.schema import (
    BENEFIT_PERIODS,
    CLIENTS,
    HOUSEHOLDS,
    INTEGRATIONS,
    OFFICERS,
    SITES,
    FileSpec,
    format_row,
)
from lotse.exchange.schema_ext import ASSESSMENTS, CONTACTS, PARTICIPATIONS
from lotse.models import (
    BenefitPeriod,
    Client,
    Contact,
    Household,
    JobStart,
    Measure,
    NotIntegrableAssessment,
    Officer,
    Participation,
    Programme,
    ProgrammeMembership,
    Site,
    Team,
)

D = date
E, A, S = (
    IntegrationKind.EMPLOYMENT,
    IntegrationKind.APPRENTICESHIP,
    IntegrationKind.SELF_EMPLOYMENT,
)
MINI, PUBLIC = IntegrationKind.MINIJOB, IntegrationKind.PUBLIC_EMPLOYMENT

MEASURES = {
    # code: (name, active_measure)
    "aktiv": ("Aktivierung mit Praktikum", True),
    "coaching": ("Coaching § 16 SGB II", True),
    "vermittlungsbudget": ("Vermittlungsbudget § 44 SGB III", False),
}


@dataclass
class Person:
    ref: str
    site: str
    citizenship: str = "DE"
    gender: Gender = Gender.FEMALE
    single_parent: bool = False
    household_size: int = 1
    housing_eur: float | None = None
    periods: list[tuple[date, date | None, float]] = field(default_factory=list)
    jobs: list[tuple[date, date | None, IntegrationKind, bool | None]] = field(default_factory=list)
    participations: list[tuple[str, date, date | None, ParticipationStatus, date | None,
                               date | None]] = field(default_factory=list)  # fmt: skip
    assessments: list[tuple[date, NotIntegrableReason, date, date | None]] = field(
        default_factory=list
    )
    contacts: list[tuple[date, ContactStatus]] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)


DONE, CANCELLED = ContactStatus.DONE, ContactStatus.CANCELLED
ACTIVE, COMPLETED = ParticipationStatus.ACTIVE, ParticipationStatus.COMPLETED

PEOPLE: list[Person] = [
    # P01 long-term recipient since 2022, in an active measure (coaching) on 31.3.2025
    Person("P01", "Nord", periods=[(D(2022, 1, 1), None, 563)],
           participations=[("coaching", D(2025, 2, 1), D(2025, 6, 30), ACTIVE, None, None)],
           contacts=[(D(2025, 3, 4), DONE), (D(2025, 3, 18), DONE)]),
    # P02 two job starts in October 2024; benefit ended 20.10.2024
    Person("P02", "Nord", gender=Gender.MALE,
           periods=[(D(2023, 9, 1), D(2024, 10, 20), 450)],
           jobs=[(D(2024, 10, 7), D(2024, 12, 31), E, True), (D(2024, 10, 21), None, E, True)]),
    # P03 a minijob; single parent; a closed 'not integrable' finding
    Person("P03", "Nord", single_parent=True, household_size=2,
           periods=[(D(2023, 9, 1), None, 451)], jobs=[(D(2024, 6, 15), None, MINI, False)],
           assessments=[(D(2024, 7, 1), NotIntegrableReason.CHILDCARE, D(2024, 10, 1),
                         D(2024, 12, 31))],
           contacts=[(D(2025, 3, 12), CANCELLED)]),
    # P04 long-term recipient from Syria who took up a § 16i job (öffentlich gefördert)
    Person("P04", "Nord", citizenship="SY", gender=Gender.MALE,
           periods=[(D(2022, 1, 1), None, 300)], jobs=[(D(2024, 8, 1), None, PUBLIC, False)],
           programmes=["job_turbo"]),
    # P05 a job that ended after four months (March–June 2024), then back on benefit
    Person("P05", "Nord", gender=Gender.MALE,
           periods=[(D(2023, 1, 1), D(2024, 2, 29), 500), (D(2024, 7, 1), None, 500)],
           jobs=[(D(2024, 3, 1), D(2024, 6, 30), E, True)],
           assessments=[(D(2025, 3, 10), NotIntegrableReason.HEALTH, D(2025, 3, 20), None)]),
    # P06 single parent, job from 16.5.2024 that lasts; benefit ended 15.5.2024
    Person("P06", "Nord", single_parent=True, household_size=2, housing_eur=600,
           periods=[(D(2023, 5, 1), D(2024, 5, 15), 400)],
           jobs=[(D(2024, 5, 16), None, E, True)], programmes=["focus_group"]),
    # P07 apprenticeship from 1.9.2024 with top-up benefit (need only reduced: 250 → 100 €)
    Person("P07", "Nord",
           periods=[(D(2024, 1, 1), D(2024, 8, 31), 250), (D(2024, 9, 1), None, 100)],
           jobs=[(D(2024, 9, 1), None, A, False)]),
    # P08 came in on 10.11.2024 and became self-employed on 20.11.2024 (need reduced)
    Person("P08", "Süd", gender=Gender.MALE, periods=[(D(2024, 11, 10), None, 350)],
           jobs=[(D(2024, 11, 20), None, S, False)],
           participations=[("aktiv", D(2024, 10, 1), D(2024, 12, 20), COMPLETED,
                            D(2024, 10, 14), D(2024, 10, 25))]),
    # P09 took a job in June 2024 when no longer an eLb: no Integration
    Person("P09", "Süd", periods=[(D(2023, 2, 1), D(2024, 1, 31), 563)],
           jobs=[(D(2024, 6, 3), None, E, True)]),
    # P10 single parent, job from 3.2.2025 with top-up (need reduced); internship before
    Person("P10", "Süd", single_parent=True, household_size=3,
           periods=[(D(2023, 10, 1), None, 400)], jobs=[(D(2025, 2, 3), None, E, False)],
           participations=[("aktiv", D(2024, 10, 1), D(2024, 12, 20), COMPLETED,
                            D(2024, 11, 4), D(2024, 11, 29))],
           programmes=["focus_group"]),
    # P11 long-term recipient who took a job on 6.1.2025; benefit ended 5.1.2025
    Person("P11", "Süd", gender=Gender.MALE,
           periods=[(D(2022, 1, 1), D(2025, 1, 5), 563)],
           jobs=[(D(2025, 1, 6), None, E, True)], programmes=["focus_group"]),
    # P12 Ukrainian single parent, not integrable now for lack of German
    Person("P12", "Süd", citizenship="UA", single_parent=True, household_size=2,
           periods=[(D(2024, 5, 1), None, 506)],
           participations=[("aktiv", D(2024, 10, 1), D(2024, 12, 20), COMPLETED, None, None)],
           assessments=[(D(2024, 9, 1), NotIntegrableReason.LANGUAGE, D(2025, 6, 1), None)],
           contacts=[(D(2025, 1, 15), DONE), (D(2025, 3, 5), DONE)],
           programmes=["job_turbo", "focus_group"]),
    # P13 long-term recipient since 2021 in the Vermittlungsbudget only (no active measure)
    Person("P13", "Süd", gender=Gender.MALE, periods=[(D(2021, 6, 1), None, 563)],
           participations=[("vermittlungsbudget", D(2025, 3, 1), D(2025, 4, 30), ACTIVE,
                            None, None)]),
    # P14 in benefit only 5.–25.6.2024 (no Stichtag), job from 26.6.2024: no Integration
    Person("P14", "Süd", periods=[(D(2024, 6, 5), D(2024, 6, 25), 563)],
           jobs=[(D(2024, 6, 26), None, E, True)]),
    # P15 long-term recipient only by adding an earlier period: a one-month gap in July 2023
    Person("P15", "Süd", periods=[(D(2022, 1, 1), D(2023, 6, 30), 451),
                                  (D(2023, 8, 1), None, 451)]),
]  # fmt: skip

MEMBER_SINCE = D(2020, 1, 1)
"""Memberships in the database are dated; the exchange format's are not. A date before all
records makes both mean the same."""


def build_in_database(session: Session) -> None:
    """Write the case into the database (flushed, not committed)."""
    sites = {name: Site(name=name, plz="46325", state="NW") for name in ("Nord", "Süd")}
    session.add_all(sites.values())
    session.flush()
    officers: dict[str, Officer] = {}
    for name, site in sites.items():
        team = Team(name=f"Team {name}", site_id=site.id)
        session.add(team)
        session.flush()
        officers[name] = Officer(ref=f"O-{name}", name=f"Vermittlerin {name}", site_id=site.id,
                                 team_id=team.id, languages=["de"])  # fmt: skip
        session.add(officers[name])
    measures = {code: Measure(code=code, name=n, kind="test", active_measure=a)
                for code, (n, a) in MEASURES.items()}  # fmt: skip
    programmes = {code: Programme(code=code, name=d.name, kind=d.kind,
                                  contacts_per_month=d.contacts_per_month,
                                  caseload_ratio=d.caseload_ratio, target_rule={})
                  for code, d in BUILT_IN.items()}  # fmt: skip
    session.add_all([*measures.values(), *programmes.values()])
    session.flush()
    for p in PEOPLE:
        household = Household(
            ref=f"H-{p.ref}",
            size=p.household_size,
            single_parent=p.single_parent,
            monthly_housing_eur=p.housing_eur,
        )
        session.add(household)
        session.flush()
        officer = officers[p.site]
        client = Client(ref=p.ref, site_id=sites[p.site].id, status=ClientStatus.ACTIVE,
                        citizenship=p.citizenship, gender=p.gender, officer_id=officer.id,
                        household_id=household.id)  # fmt: skip
        session.add(client)
        session.flush()
        for start, end, llu in p.periods:
            session.add(BenefitPeriod(client_id=client.id, start=start, end=end,
                                      monthly_benefit_eur=llu))  # fmt: skip
        for start, end, kind, ends in p.jobs:
            session.add(JobStart(client_id=client.id, start=start, end=end, kind=kind,
                                 ends_benefit_need=ends))  # fmt: skip
        for code, start, end, status, i_start, i_end in p.participations:
            session.add(Participation(client_id=client.id, measure_id=measures[code].id,
                                      status=status, start=start, end=end,
                                      internship_start=i_start, internship_end=i_end))  # fmt: skip
        for assessed, reason, review, closed in p.assessments:
            session.add(NotIntegrableAssessment(client_id=client.id, assessed_on=assessed,
                                                reason=reason, review_on=review,
                                                closed_on=closed))  # fmt: skip
        for day, status in p.contacts:
            session.add(Contact(client_id=client.id, officer_id=officer.id,
                                scheduled_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
                                channel=ContactChannel.IN_PERSON, status=status))  # fmt: skip
        for code in p.programmes:
            session.add(ProgrammeMembership(programme_id=programmes[code].id,
                                            client_id=client.id, since=MEMBER_SINCE))  # fmt: skip
    session.flush()


def _write(folder: Path, spec: FileSpec, rows: list[dict[str, Any]]) -> None:
    with (folder / spec.name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(spec.column_names)
        for row in rows:
            writer.writerow(format_row(spec, row))


def write_exchange_folder(folder: Path) -> Path:
    """Write the case as an exchange-format folder (standard files plus extensions)."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder, SITES, [{"site": s, "plz": "46325", "state": "NW"} for s in ("Nord", "Süd")])
    _write(folder, OFFICERS, [{"officer_id": f"O-{s}", "name": f"Vermittlerin {s}", "site": s,
                               "team": f"Team {s}", "languages": ["de"]}
                              for s in ("Nord", "Süd")])  # fmt: skip
    _write(folder, HOUSEHOLDS, [
        {"household_id": f"H-{p.ref}", "size": p.household_size,
         "single_parent": p.single_parent, "monthly_housing_eur": p.housing_eur}
        for p in PEOPLE
    ])  # fmt: skip
    _write(folder, CLIENTS, [
        {"client_id": p.ref, "site": p.site, "status": ClientStatus.ACTIVE,
         "citizenship": p.citizenship, "gender": p.gender, "officer_id": f"O-{p.site}",
         "household_id": f"H-{p.ref}", "plz": "46325", "programmes": p.programmes}
        for p in PEOPLE
    ])  # fmt: skip
    _write(folder, BENEFIT_PERIODS, [{"client_id": p.ref, "start": s, "end": e,
                                      "monthly_benefit_eur": llu}
                                     for p in PEOPLE for s, e, llu in p.periods])  # fmt: skip
    _write(folder, INTEGRATIONS, [{"client_id": p.ref, "start": s, "end": e, "kind": k,
                                   "ends_benefit_need": n}
                                  for p in PEOPLE for s, e, k, n in p.jobs])  # fmt: skip
    _write(folder, PARTICIPATIONS, [
        {"client_id": p.ref, "measure": code, "measure_name": MEASURES[code][0],
         "active_measure": MEASURES[code][1], "status": status, "start": s, "end": e,
         "internship_start": i_s, "internship_end": i_e}
        for p in PEOPLE for code, s, e, status, i_s, i_e in p.participations
    ])  # fmt: skip
    _write(folder, ASSESSMENTS, [{"client_id": p.ref, "assessed_on": a, "reason": r,
                                  "review_on": rv, "closed_on": c}
                                 for p in PEOPLE for a, r, rv, c in p.assessments])  # fmt: skip
    _write(folder, CONTACTS, [{"client_id": p.ref, "date": d, "time": "10:00",
                               "officer_id": f"O-{p.site}", "channel": ContactChannel.IN_PERSON,
                               "status": st} for p in PEOPLE for d, st in p.contacts])  # fmt: skip
    return folder
