"""Handovers: when responsibility moves, the case moves with a checklist and a deadline.

The asylum decision starts the handover (recognition → Jobcenter, § 50 SGB II lets the
employment agency pass the case on; rejection → immigration office). From that moment the new
agency leads: the competence assessment, the referrals, the measures and the language pathway
are carried over (they belong to the lead), and the earlier agency keeps read access only as far
as the person's consent to it reaches.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from lotse.access import gate
from lotse.access.principal import Access
from lotse.domain.agencies import Agency
from lotse.domain.codes import AuditAction
from lotse.domain.integration_point import (
    AsylumState,
    HandoverReason,
    checklist,
    handover_due,
    handover_for,
)
from lotse.errors import InvalidInput, InvalidTransition, Problem
from lotse.integration_point import repository as repo
from lotse.integration_point.access import agency_of, clock_of, open_case
from lotse.integration_point.schemas import HandoverItemRead, HandoverRead, HandoverUpdate
from lotse.models import CaseAgency, Client, Handover, HandoverItem, IntegrationCase


def start(
    session: Session,
    client: Client,
    case: IntegrationCase,
    decision: AsylumState,
    decided_on: date,
    *,
    by_user: int | None = None,
) -> Handover:
    """Hand the case over to the agency the decision makes responsible."""
    plan = handover_for(decision)
    return move(session, client, case, plan.to_agency, plan.reason, decided_on, by_user=by_user)


def move(
    session: Session,
    client: Client,
    case: IntegrationCase,
    to_agency: Agency,
    reason: HandoverReason,
    decided_on: date,
    *,
    by_user: int | None = None,
) -> Handover:
    """Move the lead of ``case`` to ``to_agency``, carrying the case's records over."""
    from_agency = case.lead_agency
    if from_agency == to_agency:
        raise InvalidTransition(f"{client.ref}'s case is led by {to_agency.value} already")
    carried = carry_over(session, client.id, to_agency)
    handover = Handover(
        client_id=client.id,
        reason=reason,
        from_agency=from_agency,
        to_agency=to_agency,
        decided_on=decided_on,
        due_on=handover_due(reason, decided_on),
        carried_over=carried,
        owner_agency=to_agency,
        created_by=by_user,
    )
    handover.items = [HandoverItem(position=i, key=key) for i, key in enumerate(checklist(reason))]
    case.lead_agency = to_agency
    for row in case.agencies:
        if row.agency == from_agency and row.until is None:
            row.until = decided_on
    if not any(a.agency == to_agency and a.until is None for a in case.agencies):
        case.agencies.append(CaseAgency(agency=to_agency, since=decided_on))
    return repo.HandoverRepository(session).add(handover)


def carry_over(session: Session, client_id: int, to_agency: Agency) -> dict[str, int]:
    """Give the new lead the assessment and referrals; count what else follows the lead."""
    assessment = repo.AssessmentRepository(session).of_client(client_id)
    if assessment is not None:
        assessment.owner_agency = to_agency
    referrals = repo.ReferralRepository(session).of_client(client_id)
    for referral in referrals:
        referral.owner_agency = to_agency
    return {
        "assessment": int(assessment is not None),
        "referrals": len(referrals),
        "participations": len(repo.participation_ids(session, client_id)),
        "language_levels": len(repo.language_level_ids(session, client_id)),
    }


def of_client(session: Session, access: Access, client_id: int) -> list[HandoverRead]:
    open_case(session, access, client_id, what="ip_handovers")
    on = clock_of(access)
    return [to_read(h, on=on) for h in repo.HandoverRepository(session).of_client(client_id)]


def tick(session: Session, access: Access, handover_id: int, data: HandoverUpdate) -> Handover:
    """Mark checklist items done; the handover is complete when every item is."""
    handover = repo.HandoverRepository(session).get(handover_id)
    opened = open_case(
        session,
        access,
        handover.client_id,
        action=AuditAction.UPDATE,
        what="ip_handover",
        detail={"handover_id": handover.id, "done": sorted(data.done)},
    )
    if agency_of(access.principal) != handover.to_agency:
        gate.deny_client(session, access, client_id=opened.client.id, what="ip_handover")
    return complete_items(session, handover, data.done, data.on, by_user=access.principal.user_id)


def complete_items(
    session: Session,
    handover: Handover,
    keys: Sequence[str],
    on: date,
    *,
    by_user: int | None = None,
) -> Handover:
    items = {item.key: item for item in handover.items}
    unknown = [k for k in keys if k not in items]
    if unknown:
        raise InvalidInput(
            [
                Problem(
                    "unknown_item",
                    "not an item of this handover's checklist",
                    column="done",
                    value=k,
                )
                for k in unknown
            ]
        )
    if on < handover.decided_on:
        raise InvalidInput(
            Problem("before_decision", "before the decision", column="on", value=on.isoformat())
        )
    for key in keys:
        if items[key].done_on is None:
            items[key].done_on, items[key].done_by = on, by_user
    if handover.completed_on is None and all(i.done_on is not None for i in handover.items):
        handover.completed_on = max(i.done_on for i in handover.items if i.done_on is not None)
    session.flush()
    return handover


def to_read(handover: Handover, *, on: date) -> HandoverRead:
    done = handover.completed_on
    return HandoverRead(
        id=handover.id,
        client_id=handover.client_id,
        reason=handover.reason,
        from_agency=handover.from_agency,
        to_agency=handover.to_agency,
        decided_on=handover.decided_on,
        due_on=handover.due_on,
        completed_on=done,
        on_time=None
        if done is None and on <= handover.due_on
        else (done is not None and done <= handover.due_on),
        carried_over=dict(handover.carried_over or {}),
        items=[HandoverItemRead(key=i.key, done_on=i.done_on) for i in handover.items],
    )
