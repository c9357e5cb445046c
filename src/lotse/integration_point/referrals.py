"""Referrals between agencies and to counselling services, with status, deadline and outcome.

Sending a referral to another agency shares the case with it, so the person must have
consented to share their referrals with that agency: the referral keeps the consent it rests on.
A referral to a service outside the four agencies (e.g. IQ recognition counselling) transfers
no data: the person takes the referral along. A completed recognition counselling opens (or
dates) the recognition procedure of the recognition feature.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.orm import Session

from lotse.access import gate
from lotse.access.principal import Access
from lotse.domain.agencies import Agency, DataCategory
from lotse.domain.codes import AuditAction
from lotse.domain.deadlines import is_overdue
from lotse.domain.integration_point import ReferralKind, ReferralStatus, next_referral_status
from lotse.errors import InvalidInput, InvalidTransition, NotFound, Problem
from lotse.integration_point import repository as repo
from lotse.integration_point.access import agency_of, clock_of, open_case, require_lead
from lotse.integration_point.competences import highest_degree
from lotse.integration_point.schemas import (
    DegreeWrite,
    ReferralCreate,
    ReferralRead,
    ReferralUpdate,
)
from lotse.models import Client, RecognitionProcedure, Referral
from lotse.recognition import service as recognition
from lotse.recognition.repository import RecognitionRepository
from lotse.recognition.schemas import RecognitionCreate

DEFAULT_WEEKS = 4
"""A referral's default deadline (Lotse's default; the sender may set another)."""


def create(session: Session, access: Access, client_id: int, data: ReferralCreate) -> Referral:
    """Refer the person (the lead agency does); to another agency only with consent."""
    opened = open_case(
        session,
        access,
        client_id,
        action=AuditAction.CREATE,
        what="ip_referral",
        detail={
            "kind": data.kind.value,
            "to": data.to_agency.value if data.to_agency else data.to_service,
        },
    )
    require_lead(session, access, opened, what="ip_referral")
    if opened.case is None:
        raise NotFound(f"client {client_id} has no Integration Point case")
    return add(
        session,
        opened.client,
        data,
        from_agency=opened.sight.agency,
        on=clock_of(access),
        by_user=access.principal.user_id,
    )


def add(
    session: Session,
    client: Client,
    data: ReferralCreate,
    *,
    from_agency: Agency,
    on: date,
    by_user: int | None = None,
) -> Referral:
    """Store a referral (no access check); refuses one to an agency without consent."""
    consent_id = None
    if data.to_agency is not None:
        if data.to_agency == from_agency:
            raise InvalidInput(
                Problem(
                    "own_agency",
                    "a referral goes to another agency",
                    column="to_agency",
                    value=data.to_agency.value,
                )
            )
        covering = [
            c
            for c in repo.ConsentRepository(session).in_force(client.id, data.to_agency, on)
            if DataCategory.REFERRALS in c.category_set
        ]
        if not covering:
            raise InvalidInput(
                Problem(
                    "no_consent",
                    f"the person has not consented to share referrals with {data.to_agency.label}",
                    column="to_agency",
                    value=data.to_agency.value,
                )
            )
        consent_id = covering[0].id
    referral = Referral(
        client_id=client.id,
        kind=data.kind,
        from_agency=from_agency,
        to_agency=data.to_agency,
        to_service=(data.to_service or "").strip() or None,
        status=ReferralStatus.OPEN,
        referred_on=data.referred_on,
        due_on=data.due_on or data.referred_on + timedelta(weeks=DEFAULT_WEEKS),
        note=data.note,
        consent_id=consent_id,
        owner_agency=from_agency,
        created_by=by_user,
    )
    return repo.ReferralRepository(session).add(referral)


def update(session: Session, access: Access, referral_id: int, data: ReferralUpdate) -> Referral:
    """Move a referral on (taken up, completed with an outcome, declined, cancelled).

    The lead agency and the receiving agency may; the receiving one sees it only by consent.
    """
    referral = repo.ReferralRepository(session).get(referral_id)
    opened = open_case(
        session,
        access,
        referral.client_id,
        action=AuditAction.UPDATE,
        what="ip_referral",
        detail={"referral_id": referral.id, "status": data.status.value},
    )
    agency = agency_of(access.principal)
    if not opened.sight.lead and agency != referral.to_agency:
        gate.deny_client(session, access, client_id=referral.client_id, what="ip_referral")
    return move(session, opened.client, referral, data)


def move(session: Session, client: Client, referral: Referral, data: ReferralUpdate) -> Referral:
    if not next_referral_status(referral.status, data.status):
        raise InvalidTransition(
            f"referral {referral.id} cannot go from {referral.status.value} to {data.status.value}"
        )
    if data.on < referral.referred_on:
        raise InvalidInput(
            Problem(
                "before_referral", "before the referral", column="on", value=data.on.isoformat()
            )
        )
    referral.status = data.status
    if data.outcome:
        referral.outcome = data.outcome
    if data.status.finished:
        referral.completed_on = data.on
    if data.status is ReferralStatus.COMPLETED and referral.kind is (
        ReferralKind.RECOGNITION_COUNSELLING
    ):
        _counselled(session, client, data.on, referral.outcome)
    session.flush()
    return referral


def _counselled(session: Session, client: Client, on: date, outcome: str | None) -> None:
    """Date the counselling on the open recognition procedure, or open one for the degree."""
    procedures = [
        row[0]
        for row in RecognitionRepository(session).with_clients(client_id=client.id, open_only=True)
    ]
    undated = [p for p in procedures if p.counselled_on is None]
    if undated:
        undated[0].counselled_on = on
        return
    if procedures:
        return
    assessment = repo.AssessmentRepository(session).of_client(client.id)
    degrees = [
        DegreeWrite(
            title=d.title,
            level=d.level,
            kldb=d.kldb,
            recognition=d.recognition,
            regulated=d.regulated,
        )
        for d in (assessment.degrees if assessment else [])
    ]
    best = highest_degree(degrees)
    recognition.start(
        session,
        client,
        RecognitionCreate(
            profession=best.title if best and len(best.title) >= 2 else "Referenzberuf offen",
            kldb=best.kldb if best else None,
            regulated=best.regulated if best else None,
            counselled_on=on,
            note=f"IQ-Anerkennungsberatung: {outcome}" if outcome else "IQ-Anerkennungsberatung",
        ),
    )


def of_client(session: Session, access: Access, client_id: int) -> list[ReferralRead]:
    open_case(session, access, client_id, what="ip_referrals")
    on = clock_of(access)
    return [to_read(r, on=on) for r in repo.ReferralRepository(session).of_client(client_id)]


def to_read(referral: Referral, *, on: date) -> ReferralRead:
    return ReferralRead(
        id=referral.id,
        client_id=referral.client_id,
        kind=referral.kind,
        from_agency=referral.from_agency,
        to_agency=referral.to_agency,
        to_service=referral.to_service,
        status=referral.status,
        referred_on=referral.referred_on,
        due_on=referral.due_on,
        completed_on=referral.completed_on,
        outcome=referral.outcome,
        note=referral.note,
        owner_agency=referral.owner_agency,
        overdue=not referral.status.finished and is_overdue(referral.due_on, on=on),
    )


def procedures_of(session: Session, client_id: int) -> Sequence[RecognitionProcedure]:
    return [row[0] for row in RecognitionRepository(session).with_clients(client_id=client_id)]
