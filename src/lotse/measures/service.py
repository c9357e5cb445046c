"""The measure catalogue in the database, and eligibility answers for clients.

Lotse's own measures come from the packaged ``catalogue.yaml`` and are written to the ``measures``
table when first needed (or by ``lotse measures load``); a Jobcenter's local measures are added
from a catalogue file and validated first (all or nothing). Services flush, never commit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy.orm import Session

from lotse.domain.eligibility import (
    Applicant,
    Decision,
    Eligibility,
    MeasureRules,
    Params,
    evaluate,
    evaluate_all,
    evaluate_facts,
)
from lotse.domain.eligibility_facts import build_facts
from lotse.errors import Conflict, InvalidInput, Problem
from lotse.measures import catalogue
from lotse.measures.repository import MeasureRepository
from lotse.models import Client, Measure


class NotEligible(Conflict):
    """The rules found a client not eligible and no officer override was given."""

    def __init__(self, answer: Eligibility, client_ref: str) -> None:
        reasons = answer.summary(decisive_only=True)
        super().__init__(f"{client_ref} ist für {answer.measure} nicht berechtigt: {reasons}")
        self.eligibility = answer


def _unknown_measure(code: str, known: Iterable[str]) -> InvalidInput:
    return InvalidInput(
        Problem(
            "unknown_measure",
            "no measure with this code (known: " + ", ".join(sorted(known)) + ")",
            column="measure",
            value=code,
        )
    )


def _apply(row: Measure, rules: MeasureRules) -> Measure:
    row.name, row.name_en, row.kind = rules.name, rules.name_en, rules.kind.value
    row.legal_basis, row.description = rules.legal_basis, rules.description
    row.active_measure, row.max_weeks, row.local = (
        rules.active_measure,
        rules.max_weeks,
        rules.local,
    )
    row.rules = {"rules": [r.to_dict() for r in rules.rules]}
    return row


def rules_of(row: Measure) -> MeasureRules:
    """The catalogue entry a database row holds."""
    entry = {
        "code": row.code,
        "name": row.name,
        "name_en": row.name_en,
        "kind": row.kind,
        "legal_basis": row.legal_basis or "",
        "description": row.description,
        "active_measure": row.active_measure,
        "max_weeks": row.max_weeks,
        "rules": (row.rules or {}).get("rules", []),
    }
    return MeasureRules.from_dict(
        {k: v for k, v in entry.items() if v is not None}, local=row.local
    )


def load_catalogue(session: Session) -> list[Measure]:
    """Write Lotse's packaged measures to the database (insert new, update changed)."""
    repo = MeasureRepository(session)
    rows = []
    for rules in catalogue.packaged():
        row = repo.by_code(rules.code)
        if row is not None and row.local:
            raise Conflict(
                f"local measure {rules.code!r} has the code of a built-in measure; "
                "rename it before loading the catalogue"
            )
        rows.append(_apply(row or Measure(code=rules.code), rules))
    session.add_all(rows)
    session.flush()
    return rows


def add_local_measures(
    session: Session, entries: Sequence[MeasureRules], *, replace: bool = False
) -> list[Measure]:
    """Add a Jobcenter's own measures; ``replace`` updates local ones with the same code.

    Nothing is written when any entry clashes with a built-in measure or (without ``replace``)
    with an existing local one.
    """
    repo = MeasureRepository(session)
    builtin = catalogue.packaged_by_code()
    problems: list[Problem] = []
    existing: dict[str, Measure | None] = {}
    for rules in entries:
        row = repo.by_code(rules.code)
        existing[rules.code] = row
        if rules.code in builtin or (row is not None and not row.local):
            problems.append(
                Problem(
                    "builtin_measure",
                    "this code belongs to a built-in measure",
                    column="code",
                    value=rules.code,
                )
            )
        elif row is not None and not replace:
            problems.append(
                Problem(
                    "exists",
                    "a local measure with this code exists (use replace to update it)",
                    column="code",
                    value=rules.code,
                )
            )
    if problems:
        raise InvalidInput(problems)
    rows = []
    for rules in entries:
        local = dataclasses.replace(rules, local=True)
        rows.append(_apply(existing[rules.code] or Measure(code=rules.code), local))
    session.add_all(rows)
    session.flush()
    return rows


def definitions(session: Session) -> dict[str, MeasureRules]:
    """Every measure eligibility can be asked about: built-in (packaged) and local (database)."""
    result = dict(catalogue.packaged_by_code())
    for row in MeasureRepository(session).local():
        result[row.code] = rules_of(row)
    return result


def definition(session: Session, code: str) -> MeasureRules:
    """One measure's rules; InvalidInput for an unknown code."""
    known = definitions(session)
    if code not in known:
        raise _unknown_measure(code, known)
    return known[code]


def ensure_measure(session: Session, code: str) -> Measure:
    """The measure's row, writing a built-in measure to the database on first use."""
    repo = MeasureRepository(session)
    row = repo.by_code(code)
    if row is not None:
        return row
    builtin = catalogue.packaged_by_code()
    if code not in builtin:
        raise _unknown_measure(code, definitions(session))
    return repo.add(_apply(Measure(code=code), builtin[code]))


def list_measures(session: Session) -> Sequence[Measure]:
    """The measures in the database, built-in first (after :func:`load_catalogue`)."""
    repo = MeasureRepository(session)
    return repo.all(repo.ordered())


def applicant_from_client(client: Client) -> Applicant:
    """What eligibility looks at, from a client record."""
    return Applicant(
        status=client.status,
        birth_year=client.birth_year,
        citizenship=client.citizenship,
        residence_status=client.residence_status,
        work_permitted=client.work_permitted,
        german_level=client.german_level,
        integration_course=client.integration_course,
        qualification=client.qualification,
        degree_recognition=client.degree_recognition,
        unemployed_since=client.unemployed_since,
    )


def eligibility_for_client(
    session: Session,
    client: Client,
    *,
    on: date,
    params: Params | None = None,
    codes: Sequence[str] | None = None,
) -> list[Eligibility]:
    """Answers for ``client`` for every measure (or the ``codes`` given), in catalogue order."""
    known = definitions(session)
    for code in codes or []:
        if code not in known:
            raise _unknown_measure(code, known)
    chosen = [known[c] for c in codes] if codes else list(known.values())
    return evaluate_all(chosen, applicant_from_client(client), on=on, params=params)


def check_client(
    session: Session, client: Client, code: str, *, on: date, params: Params | None = None
) -> Eligibility:
    return evaluate(definition(session, code), applicant_from_client(client), on=on, params=params)


def eligible_clients(
    session: Session, clients: Sequence[Client], codes: Iterable[str], *, on: date
) -> dict[str, list[int]]:
    """Per measure code, the ids of ``clients`` the rules admit (eligible, or if seats are free).

    Facts are built once per client; codes without rules (no catalogue entry) are left out.
    """
    known = definitions(session)
    chosen = [known[c] for c in dict.fromkeys(codes) if c in known]
    result: dict[str, list[int]] = {m.code: [] for m in chosen}
    for client in clients:
        facts = build_facts(applicant_from_client(client), Params(), on=on)
        for measure in chosen:
            if evaluate_facts(measure, facts).decision is not Decision.NOT_ELIGIBLE:
                result[measure.code].append(client.id)
    return result
