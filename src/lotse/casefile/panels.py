"""The client-file panels: each returns the template's ``data`` from the feature services."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.contacts.letters import letter_language
from lotse.domain.codes import ContactStatus, ParticipationStatus
from lotse.domain.eligibility import Decision
from lotse.kooperationsplan import service as plans
from lotse.measures import service as measures
from lotse.measures.courses import list_runs
from lotse.measures.participation import pathway
from lotse.measures.repository import ParticipationRepository
from lotse.models import Client, Contact, Employer, Measure, MeasureRun
from lotse.not_integrable.repository import AssessmentRepository
from lotse.recognition import service as recognition
from lotse.web.i18n import TIMEZONE

OPEN_CONTACT = (ContactStatus.PLANNED, ContactStatus.NO_SHOW)
DECISION_BADGE = {
    Decision.ELIGIBLE: "badge-ok",
    Decision.ELIGIBLE_IF_SEATS: "badge-warn",
    Decision.NOT_ELIGIBLE: "badge-danger",
}


def today() -> date:
    return datetime.now(TIMEZONE).date()


def eligibility(session: Session, access: Access, client: Client) -> Mapping[str, Any]:
    """Every measure's answer for the client, eligible ones first, with reasons and law."""
    answers = measures.eligibility_for_client(session, client, on=today())
    order = {Decision.ELIGIBLE: 0, Decision.ELIGIBLE_IF_SEATS: 1, Decision.NOT_ELIGIBLE: 2}
    answers.sort(key=lambda a: order.get(a.decision, 3))
    return {"answers": answers, "badge": DECISION_BADGE, "on": today()}


def participations(session: Session, access: Access, client: Client) -> Mapping[str, Any]:
    """The client's measures, the language pathway and the course runs open for enrolment."""
    rows = ParticipationRepository(session).for_client(client.id)
    measure_ids = {p.measure_id for p in rows}
    run_ids = {p.run_id for p in rows if p.run_id}
    names = dict(
        session.execute(
            sa.select(Measure.id, Measure.name).where(Measure.id.in_(measure_ids))
        ).all()
    )
    kinds = dict(
        session.execute(
            sa.select(Measure.id, Measure.kind).where(Measure.id.in_(measure_ids))
        ).all()
    )
    runs = {
        r.id: r for r in session.scalars(sa.select(MeasureRun).where(MeasureRun.id.in_(run_ids)))
    }
    now = today()
    open_runs = [r for r in list_runs(session) if r.ends_on is None or r.ends_on >= now]
    known = measures.definitions(session)
    return {
        "rows": rows,
        "names": names,
        "kinds": kinds,
        "runs": runs,
        "pathway": pathway(session, client),
        "open_runs": [r for r in open_runs if r.measure_code in known],
        "measure_names": {code: m.name for code, m in known.items()},
        "today": now,
        "statuses": ParticipationStatus,
        "may_update": access.may("client.measures", "update"),
        "employers": session.execute(
            sa.select(Employer.id, Employer.name).order_by(Employer.name).limit(500)
        ).all()
        if rows
        else [],
    }


def contacts(session: Session, access: Access, client: Client) -> Mapping[str, Any]:
    """The client's appointments, newest first, with what can be done with each."""
    rows = session.scalars(
        sa.select(Contact)
        .where(Contact.client_id == client.id)
        .order_by(Contact.scheduled_at.desc(), Contact.id.desc())
        .limit(50)
    ).all()
    return {
        "rows": rows,
        "open": OPEN_CONTACT,
        "planned": ContactStatus.PLANNED,
        "may_update": access.may("client.contacts", "update"),
        "letter_language": letter_language(client.languages),
    }


def not_integrable(session: Session, access: Access, client: Client) -> Mapping[str, Any]:
    rows = AssessmentRepository(session).for_client(client.id)
    return {
        "rows": rows,
        "today": today(),
        "may_update": access.may("client.not_integrable", "update"),
    }


def kooperationsplan(session: Session, access: Access, client: Client) -> Mapping[str, Any]:
    plan = plans.current(session, client)
    goals = {g.id: g.position for g in plan.goals} if plan else {}
    return {
        "plan": plan,
        "goals": goals,
        "today": today(),
        "may_update": access.may("client.plan", "update"),
    }


def recognition_procedures(session: Session, access: Access, client: Client) -> Mapping[str, Any]:
    return {
        "rows": recognition.procedures(session, on=today(), client=client),
        "today": today(),
        "may_update": access.may("client.recognition", "update"),
    }
