"""'Not integrable now': an officer's coded finding, a date to look again, overdue reviews.

Review dates are the officer's choice; without one Lotse proposes six months (a Lotse default,
not a legal period). Services flush, never commit.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.domain.codes import NotIntegrableReason
from lotse.domain.deadlines import add_months
from lotse.errors import Conflict, InvalidInput, InvalidTransition, Problem
from lotse.models import Client, NotIntegrableAssessment
from lotse.not_integrable.repository import AssessmentRepository
from lotse.not_integrable.schemas import (
    AssessmentClose,
    AssessmentCreate,
    AssessmentRead,
    AssessmentReview,
    NotIntegrableSummary,
    OverdueReview,
    ReasonCount,
)

DEFAULT_REVIEW_MONTHS = 6


def _append(note: str | None, on: date, text: str | None) -> str | None:
    if not text:
        return note
    line = f"{on.isoformat()}: {text}"
    return f"{note}\n{line}" if note else line


def assess(session: Session, client: Client, data: AssessmentCreate) -> NotIntegrableAssessment:
    """Record that ``client`` is not integrable now for a coded reason, with a review date."""
    repo = AssessmentRepository(session)
    existing = repo.open_for(client.id, data.reason)
    if existing is not None:
        raise Conflict(
            f"{client.ref} has an open assessment for {data.reason.value} "
            f"(id {existing.id}); review or close it"
        )
    review_on = data.review_on or add_months(data.assessed_on, DEFAULT_REVIEW_MONTHS)
    assessment = NotIntegrableAssessment(
        client_id=client.id,
        assessed_on=data.assessed_on,
        reason=data.reason,
        review_on=review_on,
        officer_id=data.officer_id,
        note=data.note,
    )
    return repo.add(assessment)


def _open(session: Session, assessment_id: int) -> NotIntegrableAssessment:
    assessment = AssessmentRepository(session).get(assessment_id)
    if assessment.closed_on is not None:
        raise InvalidTransition(f"assessment {assessment_id} was closed on {assessment.closed_on}")
    return assessment


def review(session: Session, assessment_id: int, data: AssessmentReview) -> NotIntegrableAssessment:
    """Looked at again, still not integrable: the next review date, and a note why."""
    assessment = _open(session, assessment_id)
    if data.reviewed_on < assessment.assessed_on:
        raise InvalidInput(
            Problem(
                "date",
                "before the assessment",
                column="reviewed_on",
                value=data.reviewed_on.isoformat(),
            )
        )
    assessment.review_on = data.next_review_on
    assessment.note = _append(assessment.note, data.reviewed_on, data.note or "überprüft")
    session.flush()
    return assessment


def close(session: Session, assessment_id: int, data: AssessmentClose) -> NotIntegrableAssessment:
    """The reason no longer holds: the client is integrable again."""
    assessment = _open(session, assessment_id)
    if data.on < assessment.assessed_on:
        raise InvalidInput(
            Problem("date", "before the assessment", column="on", value=data.on.isoformat())
        )
    assessment.closed_on = data.on
    assessment.note = _append(assessment.note, data.on, data.note)
    session.flush()
    return assessment


def overdue(
    session: Session,
    *,
    on: date,
    site_id: int | None = None,
    officer_id: int | None = None,
    clients: ColumnElement[bool] | None = None,
) -> list[OverdueReview]:
    """Open assessments whose review date has passed at ``on`` (``clients``: an SQL condition
    on ``Client`` narrowing them, e.g. a user's row scope)."""
    rows = AssessmentRepository(session).overdue(
        on, site_id=site_id, officer_id=officer_id, clients=clients
    )
    return [
        OverdueReview(
            assessment=AssessmentRead.model_validate(a),
            client_ref=ref,
            days_overdue=(on - a.review_on).days,
        )
        for a, ref in rows
    ]


def summary(
    session: Session, *, on: date, site_id: int | None = None, programme: str | None = None
) -> NotIntegrableSummary:
    """Active clients not integrable at ``on``, by reason (e.g. a focus group: ≈35 %, language)."""
    repo = AssessmentRepository(session)
    active = repo.active_clients(on, site_id, programme)
    counts, total = repo.open_by_reason(on, site_id, programme)
    by_reason = [
        ReasonCount(
            reason=r,
            clients=counts.get(r, 0),
            share_of_active=round(counts.get(r, 0) / active, 3) if active else None,
        )
        for r in NotIntegrableReason
    ]
    return NotIntegrableSummary(
        active_clients=active,
        not_integrable_clients=total,
        share=round(total / active, 3) if active else None,
        by_reason=by_reason,
    )
