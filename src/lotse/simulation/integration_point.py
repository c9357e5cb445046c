"""Integration Point cases for a generated Jobcenter: first contacts, consents, referrals.

The generator tags Integration Point members (``integration_point`` in ``clients.csv``) but
says nothing about when they were first advised. This module adds three Lotse extension files
to a generated folder, drawn from what the folder holds, reproducibly for the folder's seed:

* ``ip_cases.csv``: first contact (a day between the programme's start and the reference date
  while the person was a client), place, the lead agency then, the legal status then, and for
  people recognised while advised (their first SGB II period starts after the programme
  started) the asylum decision a few weeks before and the day the handover was completed;
* ``ip_consents.csv``: what each person agreed to share, with whom;
* ``ip_referrals.csv``: recognition counselling for foreign degrees not (fully) recognised,
  childcare for single parents and larger households, language courses for people below A2,
  employment permission for asylum seekers without it.

Shares and delays are assumptions, chosen to look like an Integration Point's first year
(marked [assumption]); ``lotse integration-point load`` reads the files into a database.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from lotse.domain.codes import ASYLBLG_STATUSES

CASES_FILE = "ip_cases.csv"
CONSENTS_FILE = "ip_consents.csv"
REFERRALS_FILE = "ip_referrals.csv"
CASE_COLUMNS = (
    "client_id",
    "first_contact_on",
    "first_contact_place",
    "first_contact_note",
    "lead_agency",
    "residence_status_at_contact",
    "asylum_state",
    "decision",
    "decided_on",
    "handover_completed_on",
)
CONSENT_COLUMNS = (
    "client_id",
    "recipient",
    "purpose",
    "categories",
    "valid_from",
    "valid_until",
    "signed_on",
    "form_reference",
    "interpreter_language",
    "revoked_on",
)
REFERRAL_COLUMNS = (
    "client_id",
    "kind",
    "to_agency",
    "to_service",
    "referred_on",
    "due_on",
    "status",
    "completed_on",
    "outcome",
)

_STATE = {
    "asylum_pending": "pending",
    "tolerated": "rejected",
    "recognised_refugee": "recognised",
    "subsidiary_protection": "subsidiary_protection",
}
SHELTERS = ("Erstaufnahme", "Gemeinschaftsunterkunft Nord", "Gemeinschaftsunterkunft Süd")
HANDOVER_DAYS_MEDIAN = 24.0  # [assumption] most handovers within the month after the decision
HANDOVER_SPREAD = 0.9  # [assumption] log-normal spread: some take months (missing papers)
REFERRAL_DAYS_MEDIAN = 18.0  # [assumption]
REFERRAL_WINDOW_DAYS = 40  # [assumption] referrals follow the first contact within 40 days


@dataclass(frozen=True)
class Member:
    ref: str
    residence: str
    qualification: str
    recognition: str
    german: str
    course: str
    work_permitted: bool
    single_parent: bool
    household_size: int
    first_benefit: date | None
    left_on: date | None
    language: str


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def members(folder: Path) -> tuple[list[Member], date, date, int]:
    """Integration Point members of a generated folder, the programme start, as-of and seed."""
    manifest = json.loads((folder / "generation.json").read_text(encoding="utf-8"))
    as_of = date.fromisoformat(manifest["as_of"])
    starts = [
        _day(r["starts_on"])
        for r in _read(folder / "programmes.csv")
        if r["programme"] == "integration_point"
    ]
    start = starts[0] if starts and starts[0] else as_of.replace(month=1, day=1)
    periods: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
    for r in _read(folder / "benefit_periods.csv"):
        begin = _day(r["start"])
        assert begin is not None
        periods[r["client_id"]].append((begin, _day(r["end"])))
    households = {r["household_id"]: r for r in _read(folder / "households.csv")}
    found = []
    for r in _read(folder / "clients.csv"):
        if "integration_point" not in r["programmes"].split(";"):
            continue
        mine = sorted(periods.get(r["client_id"], []))
        open_ = any(end is None for _, end in mine)
        ends = [end for _, end in mine if end is not None]
        household = households.get(r["household_id"], {})
        found.append(
            Member(
                ref=r["client_id"],
                residence=r["residence_status"],
                qualification=r["qualification"],
                recognition=r["degree_recognition"],
                german=r["german_level"],
                course=r["integration_course"],
                work_permitted=r["work_permitted"] == "true",
                single_parent=household.get("single_parent") == "true",
                household_size=int(household.get("size") or 1),
                first_benefit=mine[0][0] if mine else None,
                left_on=None if open_ or not ends else max(ends),
                language=(r["languages"].split(";") or [""])[0],
            )
        )
    return found, start, as_of, int(manifest.get("seed", 0))


def _between(rng: np.random.Generator, low: date, high: date) -> date:
    if high <= low:
        return low
    return low + timedelta(days=int(rng.integers(0, (high - low).days + 1)))


def _delay(rng: np.random.Generator, median: float, spread: float = 0.6) -> int:
    return max(1, round(float(rng.lognormal(np.log(median), spread))))


def synthesise(
    folder: Path,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of the three files for the members of ``folder`` (deterministic for its seed)."""
    people, start, as_of, seed = members(folder)
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(80,)))
    cases: list[dict[str, Any]] = []
    consents: list[dict[str, Any]] = []
    referrals: list[dict[str, Any]] = []
    for n, m in enumerate(people):
        case, given, sent = _one(rng, n, m, start, as_of)
        cases.append(case)
        consents.extend(given)
        referrals.extend(sent)
    return cases, consents, referrals


def _one(
    rng: np.random.Generator, n: int, m: Member, start: date, as_of: date
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    consents: list[dict[str, Any]] = []
    referrals: list[dict[str, Any]] = []
    latest = min(as_of, m.left_on) if m.left_on else as_of
    recognised_here = (
        m.residence in ("recognised_refugee", "subsidiary_protection")
        and m.first_benefit is not None
        and start < m.first_benefit <= as_of
    )
    case: dict[str, Any] = {
        "client_id": m.ref,
        "decision": "",
        "decided_on": "",
        "handover_completed_on": "",
    }
    if recognised_here:
        assert m.first_benefit is not None
        decided = max(start, m.first_benefit - timedelta(days=int(rng.integers(5, 26))))
        first = _between(rng, start, max(start, decided - timedelta(days=14)))
        completed = decided + timedelta(days=_delay(rng, HANDOVER_DAYS_MEDIAN, HANDOVER_SPREAD))
        case |= {
            "lead_agency": "employment_agency",
            "residence_status_at_contact": "asylum_pending",
            "asylum_state": "pending",
            "decision": "recognised"
            if m.residence == "recognised_refugee"
            else "subsidiary_protection",
            "decided_on": decided,
            "handover_completed_on": completed if completed <= as_of else "",
        }
        place = rng.choice(["shelter", "office", "outreach"], p=[0.65, 0.25, 0.10])
    else:
        first = _between(rng, start, max(start, latest))
        pending = m.residence in ASYLBLG_STATUSES
        case |= {
            # AsylbLG (no eLb, § 7 Abs. 1 Satz 2 Nr. 3 SGB II): the Agentur für Arbeit places
            "lead_agency": "employment_agency" if pending else "jobcenter",
            "residence_status_at_contact": m.residence,
            "asylum_state": _STATE.get(m.residence, "not_applicable"),
        }
        place = rng.choice(
            ["shelter", "office", "outreach", "referral"],
            p=[0.5, 0.3, 0.1, 0.1] if pending else [0.1, 0.55, 0.15, 0.2],
        )
    case |= {
        "first_contact_on": first,
        "first_contact_place": str(place),
        "first_contact_note": str(rng.choice(SHELTERS)) if place == "shelter" else "",
    }
    lead = case["lead_agency"]
    form = f"IP-EV-{first.year}-{n + 1:05d}"
    interpreter = m.language if m.language not in ("", "de") and rng.random() < 0.7 else ""

    def consent(recipient: str, purpose: str, categories: str, on: date, k: int) -> None:
        revoked: date | str = ""
        earliest = on + timedelta(days=REFERRAL_WINDOW_DAYS + 1)  # after referrals relying on it
        if rng.random() < 0.03 and earliest <= as_of:  # [assumption] a few revoke
            revoked = _between(rng, earliest, as_of)
        consents.append(
            {
                "client_id": m.ref,
                "recipient": recipient,
                "purpose": purpose,
                "categories": categories,
                "valid_from": on,
                "valid_until": "",
                "signed_on": on,
                "form_reference": f"{form}-{k}",
                "interpreter_language": interpreter,
                "revoked_on": revoked,
            }
        )

    if lead == "employment_agency" and rng.random() < 0.85:  # [assumption]
        consent("jobcenter", "placement", "basic;competences;measures;language", first, 1)
    if lead == "jobcenter" and rng.random() < 0.5:
        consent("employment_agency", "placement", "basic;competences;measures", first, 1)
    childcare = m.single_parent or m.household_size >= 3
    social = childcare and rng.random() < 0.6
    if social:
        consent("social_office", "childcare", "basic;referrals", first, 2)
    permit = m.residence in ("asylum_pending", "tolerated") and not m.work_permitted
    immigration = permit and rng.random() < 0.6
    if immigration:
        consent("immigration_office", "residence", "basic;referrals", first, 3)

    def refer(kind: str, to_agency: str, to_service: str, p: float, outcome: str) -> None:
        if rng.random() >= p:
            return
        on = _between(rng, first, min(latest, first + timedelta(days=REFERRAL_WINDOW_DAYS)))
        due = on + timedelta(weeks=4)
        done = on + timedelta(days=_delay(rng, REFERRAL_DAYS_MEDIAN))
        status = "open"
        closed: date | str = ""
        if done <= as_of:
            status = str(rng.choice(["completed", "declined", "cancelled"], p=[0.85, 0.08, 0.07]))
            closed = done
        elif rng.random() < 0.3:
            status = "accepted"
        referrals.append(
            {
                "client_id": m.ref,
                "kind": kind,
                "to_agency": to_agency,
                "to_service": to_service,
                "referred_on": on,
                "due_on": due,
                "status": status,
                "completed_on": closed,
                "outcome": outcome if status == "completed" else "",
            }
        )

    if m.qualification in ("vocational", "academic") and m.recognition in (
        "none",
        "pending",
        "partial",
    ):
        refer(
            "recognition_counselling",
            "",
            "IQ Anerkennungsberatung",
            0.6,
            "Beratung erfolgt, Antrag auf Gleichwertigkeitsprüfung empfohlen",
        )
    if social:
        refer("childcare", "social_office", "", 0.7, "Betreuungsplatz vermittelt")
    if m.german in ("A0", "A1") and m.course == "none":
        refer("language_course", "", "Integrationskursträger", 0.4, "Kursplatz zugesagt")
    if immigration:
        refer("work_permit", "immigration_office", "", 0.7, "Beschäftigung erlaubt")
    return case, consents, referrals


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> int:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if row.get(k) is None else str(row.get(k)) for k in columns})
    return len(rows)


def write_cases(folder: Path) -> dict[str, int]:
    """Write the three files into ``folder``; returns rows per file."""
    folder = Path(folder)
    cases, consents, referrals = synthesise(folder)
    return {
        CASES_FILE: _write(folder / CASES_FILE, CASE_COLUMNS, cases),
        CONSENTS_FILE: _write(folder / CONSENTS_FILE, CONSENT_COLUMNS, consents),
        REFERRALS_FILE: _write(folder / REFERRALS_FILE, REFERRAL_COLUMNS, referrals),
    }
