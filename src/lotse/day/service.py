"""The officer's day in a fixed number of queries: due contacts, the contact worklist, pending
proposals, free course seats that fit the caseload, and overdue reviews.

Everything is narrowed by the user's row scope (``gate.client_filter``) inside the queries; the
clients shown are audit-logged as one list read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.access import gate
from lotse.access.principal import Access
from lotse.contacts import service as contacts
from lotse.contacts.schemas import WorklistRow
from lotse.day.repository import DayRepository
from lotse.domain.codes import ProposalDecision
from lotse.kooperationsplan import service as plans
from lotse.kooperationsplan.schemas import OverduePlan
from lotse.measures import service as measures
from lotse.models import Client, Measure, MeasureRun
from lotse.not_integrable import service as not_integrable
from lotse.not_integrable.schemas import OverdueReview
from lotse.proposals import service as proposals
from lotse.recognition import service as recognition
from lotse.recognition.schemas import RecognitionStatus
from lotse.registry.repository import jobcenter_caseload
from lotse.web.i18n import TIMEZONE


@dataclass
class FreeSeats:
    run: MeasureRun
    measure: Measure
    free: int
    eligible: int
    """How many of the user's clients the measure's rules admit."""


@dataclass
class Day:
    today: date
    start_of_day: datetime
    contacts: Sequence[Any] = ()
    worklist: list[WorklistRow] = field(default_factory=list)
    pending: list[Any] = field(default_factory=list)
    seats: list[FreeSeats] = field(default_factory=list)
    reviews_not_integrable: list[OverdueReview] = field(default_factory=list)
    reviews_plans: list[OverduePlan] = field(default_factory=list)
    recognition_deadlines: list[RecognitionStatus] = field(default_factory=list)
    client_names: dict[str, tuple[int, str]] = field(default_factory=dict)

    @property
    def reviews(self) -> int:
        return (
            len(self.reviews_not_integrable)
            + len(self.reviews_plans)
            + len(self.recognition_deadlines)
        )


def free_seats_for(
    session: Session, access: Access, *, today: date, limit: int = 20
) -> list[FreeSeats]:
    """Runs with free seats whose measure the rules admit at least one client in scope for."""
    rows = DayRepository(session).free_seats(
        today=today, site_id=access.principal.site_id, limit=limit
    )
    if not rows:
        return []
    clients = session.scalars(jobcenter_caseload().where(gate.client_filter(access))).all()
    fitting = measures.eligible_clients(session, clients, [m.code for _, m, _ in rows], on=today)
    seats = [
        FreeSeats(run, measure, int(free), len(fitting.get(measure.code, [])))
        for run, measure, free in rows
    ]
    return [s for s in seats if s.eligible > 0]


def build_day(session: Session, access: Access, *, now: datetime) -> Day:
    local = now.astimezone(TIMEZONE)
    start = datetime.combine(local.date(), time.min, tzinfo=TIMEZONE)
    scope = gate.client_filter(access)
    day = Day(today=local.date(), start_of_day=start)
    day.contacts = DayRepository(session).contacts_due(scope, until=start + timedelta(days=1))
    due_ids = {c.id for _, c in day.contacts}
    day.worklist = [
        r
        for r in contacts.worklist(
            session, today=day.today, actor=access.principal.username, clients=scope, log=False
        )  # the day logs every client it shows in one entry below
        if r.client_id not in due_ids  # shown above with their appointment already
    ]
    proposal_access = access.narrowed("proposal", "list")
    if proposal_access is not None:
        day.pending = list(
            proposals.list_proposals(
                session, proposal_access, limit=50, decision=ProposalDecision.PENDING, view="day"
            )
        )
    day.seats = free_seats_for(session, access, today=day.today)
    day.reviews_not_integrable = not_integrable.overdue(session, on=day.today, clients=scope)
    day.reviews_plans = plans.overdue(session, on=day.today, clients=scope)
    day.recognition_deadlines = recognition.overdue(session, on=day.today, clients=scope)
    refs = {r.client_ref for r in day.reviews_not_integrable}
    refs |= {r.client_ref for r in day.reviews_plans}
    refs |= {r.client_ref for r in day.recognition_deadlines}
    if refs:
        found = session.execute(sa.select(Client.ref, Client.id, Client.name).where(
            Client.ref.in_(refs)
        ))  # fmt: skip
        day.client_names = {ref: (cid, name or ref) for ref, cid, name in found}
    shown = due_ids | {r.client_id for r in day.worklist}
    shown |= {cid for cid, _ in day.client_names.values()}
    gate.note_clients_listed(session, access, sorted(shown), view="day")
    return day
