"""Read the Integration Point extension files of a folder into the database, all or nothing.

``ip_cases.csv``, ``ip_consents.csv`` and ``ip_referrals.csv`` (written by
``lotse generate`` for profiles with an Integration Point, see
:mod:`lotse.simulation.integration_point`) refer to clients by their exchange id, so the folder's
clients must have been imported first (``lotse import``). Every row goes through the same
services as the pages, so the rules hold: referrals to an agency need consent, decisions start
handovers. Every problem of every file is reported at once; nothing is written then.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.orm import Session

from lotse.audit_trail import record as audit_record
from lotse.domain.agencies import Agency
from lotse.domain.codes import AuditAction, ResidenceStatus
from lotse.domain.integration_point import (
    AsylumState,
    ContactPlace,
    ReferralKind,
    ReferralStatus,
)
from lotse.errors import InvalidInput, LotseError, Problem
from lotse.integration_point import cases, consents, handovers, referrals
from lotse.integration_point.repository import CaseRepository
from lotse.integration_point.schemas import (
    ConsentCreate,
    DecisionCreate,
    ReferralCreate,
    ReferralUpdate,
)
from lotse.models import Client, Consent
from lotse.simulation.integration_point import CASES_FILE, CONSENTS_FILE, REFERRALS_FILE

E = TypeVar("E", bound=StrEnum)


@dataclass
class LoadSummary:
    cases: int = 0
    consents: int = 0
    referrals: int = 0
    handovers: int = 0
    skipped: int = 0


class _Rows:
    """Typed cells of one file, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        with path.open(encoding="utf-8", newline="") as fh:
            self.rows = list(csv.DictReader(fh))
        self.problems: list[Problem] = []
        self.line = 1
        self.on_row: Callable[[], None] | None = None

    def bad(self, column: str, value: str, message: str) -> None:
        self.problems.append(
            Problem("invalid", message, file=self.name, line=self.line, column=column, value=value)
        )

    def text(self, row: dict[str, str], column: str) -> str:
        return (row.get(column) or "").strip()

    def day(self, row: dict[str, str], column: str, *, required: bool = True) -> date | None:
        value = self.text(row, column)
        if not value:
            if required:
                self.bad(column, value, "a date is required")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.bad(column, value, "not an ISO date (YYYY-MM-DD)")
            return None

    def enum(
        self, row: dict[str, str], column: str, kind: type[E], *, required: bool = True
    ) -> E | None:
        value = self.text(row, column)
        if not value:
            if required:
                self.bad(column, value, "a value is required")
            return None
        try:
            return kind(value)
        except ValueError:
            self.bad(column, value, f"one of {', '.join(m.value for m in kind)}")
            return None

    def each(self) -> Iterator[dict[str, str]]:
        """The rows, with ``line`` (for problems) following along."""
        for line, row in enumerate(self.rows, start=2):
            self.line = line
            yield row
            if self.on_row is not None:
                self.on_row()


class _Attempt:
    """``with attempt:`` runs a service call; a Lotse error becomes a problem of the row."""

    def __init__(self, problems: list[Problem], file: str, line: int) -> None:
        self.problems, self.file, self.line = problems, file, line
        self.failed = False

    def __enter__(self) -> _Attempt:
        return self

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> bool:
        if isinstance(exc, InvalidInput):
            self.problems.extend(
                Problem(
                    p.rule,
                    p.message,
                    file=self.file,
                    line=self.line,
                    column=p.column,
                    value=p.value,
                )
                for p in exc.problems
            )
        elif isinstance(exc, ValidationError):
            self.problems.extend(
                Problem(
                    "invalid",
                    str(e["msg"]),
                    file=self.file,
                    line=self.line,
                    column=".".join(str(x) for x in e["loc"]),
                )
                for e in exc.errors()
            )
        elif isinstance(exc, LotseError):
            self.problems.append(Problem("invalid", exc.message, file=self.file, line=self.line))
        else:
            return False
        self.failed = True
        return True


@dataclass
class _Loading:
    session: Session
    folder: Path
    summary: LoadSummary
    problems: list[Problem]
    ids: dict[str, int]
    clients: dict[str, Client]
    loaded_before: set[str]
    """Clients whose case was in the database already: their rows are not loaded again."""
    revocations: list[tuple[Consent, datetime]] = field(default_factory=list)

    def client(self, reader: _Rows, row: dict[str, str]) -> Client | None:
        ref = reader.text(row, "client_id")
        if ref not in self.ids:
            reader.bad("client_id", ref, "no client with this id (import the folder first)")
            return None
        if ref not in self.clients:
            found = self.session.get(Client, self.ids[ref])
            assert found is not None
            self.clients[ref] = found
        return self.clients[ref]

    def attempt(self, reader: _Rows) -> _Attempt:
        return _Attempt(self.problems, reader.name, reader.line)


def load(
    session: Session,
    folder: Path,
    *,
    actor: str = "cli:integration-point load",
    on_progress: Callable[[int, int], None] | None = None,
) -> LoadSummary:
    """Load the three files of ``folder`` (flushes; the caller commits or rolls back).

    ``on_progress(done, total)`` is called after every row.
    """
    folder = Path(folder)
    names = (CASES_FILE, CONSENTS_FILE, REFERRALS_FILE)
    missing = [n for n in names if not (folder / n).exists()]
    if missing:
        raise InvalidInput(
            [Problem("missing_file", "file not found", file=str(folder / n)) for n in missing]
        )
    ids: dict[str, int] = dict(session.execute(sa.select(Client.ref, Client.id)).all())
    run = _Loading(session, folder, LoadSummary(), [], ids, {}, set())
    readers = [_Rows(folder / n) for n in names]
    if on_progress is not None:
        total = sum(len(r.rows) for r in readers)
        done = [0]

        def tick() -> None:
            done[0] += 1
            on_progress(done[0], total)

        for reader in readers:
            reader.on_row = tick
    decisions = _load_cases(run, readers[0])
    _load_consents(run, readers[1])
    _decide(run, decisions)
    _load_referrals(run, readers[2])
    for consent, at in run.revocations:
        consents.withdraw(session, consent, note="Widerruf", at=at)
    problems = [p for r in readers for p in r.problems] + run.problems
    if problems:
        raise InvalidInput(problems)
    summary = run.summary
    audit_record(
        session,
        actor=actor,
        action=AuditAction.IMPORT,
        entity="ip_cases",
        entity_id=str(folder.name)[:64],
        detail={
            "cases": summary.cases,
            "consents": summary.consents,
            "referrals": summary.referrals,
            "handovers": summary.handovers,
        },
    )
    session.flush()
    return summary


_Decision = tuple[_Attempt, Client, DecisionCreate, date | None]


def _load_cases(run: _Loading, reader: _Rows) -> list[_Decision]:
    decisions: list[_Decision] = []
    for row in reader.each():
        found = run.client(reader, row)
        first = reader.day(row, "first_contact_on")
        place = reader.enum(row, "first_contact_place", ContactPlace)
        lead = reader.enum(row, "lead_agency", Agency)
        state = reader.enum(row, "asylum_state", AsylumState)
        status = reader.enum(row, "residence_status_at_contact", ResidenceStatus, required=False)
        decision = reader.enum(row, "decision", AsylumState, required=False)
        decided = reader.day(row, "decided_on", required=decision is not None)
        completed = reader.day(row, "handover_completed_on", required=False)
        if found is None or first is None or place is None or lead is None or state is None:
            continue
        if CaseRepository(run.session).of_client(found.id) is not None:
            run.summary.skipped += 1
            run.loaded_before.add(found.ref)
            continue
        attempt = run.attempt(reader)
        with attempt:
            case = cases.open_for(
                run.session,
                found,
                lead=lead,
                first_contact_on=first,
                place=place,
                note=reader.text(row, "first_contact_note") or None,
                asylum_state=state,
            )
            case.residence_status_at_contact = status
        if attempt.failed:
            continue
        run.summary.cases += 1
        if decision is not None and decided is not None:
            data = DecisionCreate(decision=decision, decided_on=decided)
            decisions.append((attempt, found, data, completed))
    return decisions


def _load_consents(run: _Loading, reader: _Rows) -> None:
    for row in reader.each():
        found = run.client(reader, row)
        revoked = reader.day(row, "revoked_on", required=False)
        language = reader.text(row, "interpreter_language") or None
        categories = [x for x in reader.text(row, "categories").split(";") if x]
        try:
            data = ConsentCreate.model_validate(
                {
                    "recipient": reader.text(row, "recipient"),
                    "purpose": reader.text(row, "purpose"),
                    "categories": categories,
                    "valid_from": reader.text(row, "valid_from"),
                    "valid_until": reader.text(row, "valid_until") or None,
                    "signed_on": reader.text(row, "signed_on"),
                    "form_reference": reader.text(row, "form_reference"),
                    "interpreter": "Dolmetschdienst" if language else None,
                    "interpreter_language": language,
                }
            )
        except ValidationError as exc:
            for err in exc.errors():
                reader.bad(".".join(str(x) for x in err["loc"]), "", str(err["msg"]))
            continue
        if found is None or found.ref in run.loaded_before:
            continue
        case = CaseRepository(run.session).of_client(found.id)
        owner = case.lead_agency if case is not None else Agency.JOBCENTER
        attempt = run.attempt(reader)
        with attempt:
            consent = consents.add(run.session, found, data, owner=owner)
            if revoked is not None:  # revoked after the referrals resting on it are loaded
                run.revocations.append((consent, datetime.combine(revoked, time(12), UTC)))
        if not attempt.failed:
            run.summary.consents += 1


def _decide(run: _Loading, decisions: list[_Decision]) -> None:
    for where, found, data, completed in decisions:
        case = CaseRepository(run.session).of_client(found.id)
        assert case is not None
        attempt = _Attempt(run.problems, where.file, where.line)
        with attempt:
            handover = cases.record_decision(run.session, found, case, data)
            if completed is not None:
                keys = [item.key for item in handover.items]
                handovers.complete_items(run.session, handover, keys, completed)
        if not attempt.failed:
            run.summary.handovers += 1


def _load_referrals(run: _Loading, reader: _Rows) -> None:
    for row in reader.each():
        found = run.client(reader, row)
        kind = reader.enum(row, "kind", ReferralKind)
        to_agency = reader.enum(row, "to_agency", Agency, required=False)
        on = reader.day(row, "referred_on")
        due = reader.day(row, "due_on")
        status = reader.enum(row, "status", ReferralStatus)
        closed = reader.day(row, "completed_on", required=bool(status and status.finished))
        if found is None or kind is None or on is None or due is None or status is None:
            continue
        if found.ref in run.loaded_before:
            continue
        case = CaseRepository(run.session).of_client(found.id)
        if case is None:
            reader.bad("client_id", found.ref, "the client has no case in ip_cases.csv")
            continue
        attempt = run.attempt(reader)
        with attempt:
            create = ReferralCreate(
                kind=kind,
                to_agency=to_agency,
                to_service=reader.text(row, "to_service") or None,
                referred_on=on,
                due_on=due,
            )
            referral = referrals.add(
                run.session, found, create, from_agency=case.lead_agency, on=on
            )
            if status is not ReferralStatus.OPEN:
                update = ReferralUpdate(
                    status=status, on=closed or on, outcome=reader.text(row, "outcome") or None
                )
                referrals.move(run.session, found, referral, update)
        if not attempt.failed:
            run.summary.referrals += 1
