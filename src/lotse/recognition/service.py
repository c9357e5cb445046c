"""Recognition procedures: counselling → application → documents complete → decision.

The decision is due three months after the documents are complete (§ 6 Abs. 3 BQFG; the
deadline may be extended once). The client's ``degree_recognition`` follows the procedure:
``pending`` once applied, then the outcome. Services flush, never commit.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.domain.codes import DegreeRecognition
from lotse.domain.deadlines import add_months, is_overdue
from lotse.domain.measure_codes import RecognitionOutcome
from lotse.errors import InvalidInput, InvalidTransition, Problem
from lotse.models import Client, RecognitionProcedure
from lotse.recognition.repository import RecognitionRepository
from lotse.recognition.schemas import (
    Application,
    DocumentsComplete,
    Extension,
    RecognitionCreate,
    RecognitionDecision,
    RecognitionRead,
    RecognitionStatus,
)

DECISION_MONTHS = 3
"""§ 6 Abs. 3 BQFG: decision within three months of the complete documents."""

_RESULT = {
    RecognitionOutcome.FULL: DegreeRecognition.FULL,
    RecognitionOutcome.PARTIAL: DegreeRecognition.PARTIAL,
    RecognitionOutcome.REFUSED: DegreeRecognition.NONE,
    RecognitionOutcome.WITHDRAWN: DegreeRecognition.NONE,
}


def _problem(column: str, value: date, message: str) -> InvalidInput:
    return InvalidInput(Problem("date", message, column=column, value=value.isoformat()))


def start(session: Session, client: Client, data: RecognitionCreate) -> RecognitionProcedure:
    """Open a procedure (after counselling, or with the application already filed)."""
    if data.counselled_on and data.applied_on and data.applied_on < data.counselled_on:
        raise _problem("applied_on", data.applied_on, "before the counselling")
    procedure = RecognitionProcedure(client_id=client.id, **data.model_dump())
    if data.applied_on is not None:
        client.degree_recognition = DegreeRecognition.PENDING
    return RecognitionRepository(session).add(procedure)


def _get(session: Session, procedure_id: int) -> RecognitionProcedure:
    return RecognitionRepository(session).get(procedure_id)


def _open(procedure: RecognitionProcedure) -> None:
    if procedure.decided_on is not None:
        raise InvalidTransition(f"recognition procedure {procedure.id} is already decided")


def apply(session: Session, procedure_id: int, data: Application) -> RecognitionProcedure:
    """The application was filed with the competent authority."""
    procedure = _get(session, procedure_id)
    _open(procedure)
    if procedure.applied_on is not None:
        raise InvalidTransition(
            f"procedure {procedure.id} was applied for on {procedure.applied_on}"
        )
    if procedure.counselled_on and data.on < procedure.counselled_on:
        raise _problem("on", data.on, "before the counselling")
    procedure.applied_on = data.on
    client = session.get(Client, procedure.client_id)
    assert client is not None
    client.degree_recognition = DegreeRecognition.PENDING
    session.flush()
    return procedure


def documents_complete(
    session: Session, procedure_id: int, data: DocumentsComplete
) -> RecognitionProcedure:
    """The authority has every document: the three-month decision period starts."""
    procedure = _get(session, procedure_id)
    _open(procedure)
    if procedure.applied_on is None:
        raise InvalidTransition(f"procedure {procedure.id} has no application yet")
    if data.on < procedure.applied_on:
        raise _problem("on", data.on, "before the application")
    procedure.documents_complete_on = data.on
    procedure.decision_due_on = add_months(data.on, DECISION_MONTHS)
    session.flush()
    return procedure


def extend(session: Session, procedure_id: int, data: Extension) -> RecognitionProcedure:
    """Extend the decision deadline once, for reasons of the case (§ 6 Abs. 3 BQFG)."""
    procedure = _get(session, procedure_id)
    _open(procedure)
    if procedure.decision_due_on is None:
        raise InvalidTransition(f"procedure {procedure.id}: the documents are not complete yet")
    if procedure.deadline_extended_to is not None:
        raise InvalidTransition(
            f"procedure {procedure.id}: the deadline was extended already (only once)"
        )
    if data.to <= procedure.decision_due_on:
        raise _problem("to", data.to, f"not after the deadline {procedure.decision_due_on}")
    procedure.deadline_extended_to, procedure.extension_reason = data.to, data.reason
    session.flush()
    return procedure


def decide(session: Session, procedure_id: int, data: RecognitionDecision) -> RecognitionProcedure:
    """The authority decided (or the client withdrew); the client's recognition status follows."""
    procedure = _get(session, procedure_id)
    _open(procedure)
    if procedure.applied_on is None and data.outcome is not RecognitionOutcome.WITHDRAWN:
        raise InvalidTransition(f"procedure {procedure.id} has no application to decide")
    if procedure.applied_on is not None and data.on < procedure.applied_on:
        raise _problem("on", data.on, "before the application")
    procedure.decided_on, procedure.outcome = data.on, data.outcome
    procedure.adaptation = data.adaptation
    client = session.get(Client, procedure.client_id)
    assert client is not None
    client.degree_recognition = _RESULT[data.outcome]
    session.flush()
    return procedure


def status(procedure: RecognitionProcedure, client_ref: str, *, on: date) -> RecognitionStatus:
    """The next step of a procedure at ``on`` and whether its deadline has passed."""
    due: date | None = None
    if procedure.decided_on is not None:
        step = "decided"
    elif procedure.documents_complete_on is not None:
        step, due = "decision", procedure.deadline_extended_to or procedure.decision_due_on
    elif procedure.applied_on is not None:
        step = "documents"
    else:
        step = "application"
    late = is_overdue(due, on=on)
    return RecognitionStatus(
        procedure=RecognitionRead.model_validate(procedure),
        client_ref=client_ref,
        next_step=step,
        due_on=due,
        overdue=late,
        days_overdue=(on - due).days if late and due is not None else 0,
    )


def procedures(
    session: Session,
    *,
    on: date,
    client: Client | None = None,
    open_only: bool = False,
    site_id: int | None = None,
) -> list[RecognitionStatus]:
    rows = RecognitionRepository(session).with_clients(
        client_id=client.id if client else None, open_only=open_only, site_id=site_id
    )
    return [status(p, ref, on=on) for p, ref in rows]


def overdue(
    session: Session,
    *,
    on: date,
    site_id: int | None = None,
    clients: ColumnElement[bool] | None = None,
) -> list[RecognitionStatus]:
    """Procedures whose decision is overdue at ``on`` (the longest overdue first); ``clients``
    narrows them (an SQL condition on Client, e.g. a user's row scope)."""
    rows = RecognitionRepository(session).overdue(on, site_id, clients)
    return [status(p, ref, on=on) for p, ref in rows]
