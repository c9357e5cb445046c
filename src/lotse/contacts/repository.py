"""Queries for contacts: calendars, cadences, booked appointments, worklists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import ContactStatus
from lotse.models import (
    Client,
    Contact,
    Officer,
    OfficerAbsence,
    OfficerWorkingHours,
    Programme,
    ProgrammeMembership,
    Site,
)
from lotse.planning.calendar import BERLIN
from lotse.registry.repository import in_jobcenter_caseload

Narrowing = ColumnElement[bool] | None
"""An optional SQL condition on ``Client`` (e.g. a user's row scope) that narrows a query."""

COUNTING = (ContactStatus.PLANNED, ContactStatus.DONE)
"""Statuses of a contact that counts towards the density (held, or still to come)."""


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Aware datetimes from local midnight of ``start`` to local midnight after ``end``."""
    return (
        datetime.combine(start, time(0), tzinfo=BERLIN),
        datetime.combine(end + timedelta(days=1), time(0), tzinfo=BERLIN),
    )


SelectT = TypeVar("SelectT", bound="sa.Select[*tuple[Any, ...]]")


def _narrowed(stmt: SelectT, client_id: Any, clients: Narrowing) -> SelectT:
    if clients is None:
        return stmt
    return stmt.where(client_id.in_(sa.select(Client.id).where(clients)))


@dataclass(frozen=True, slots=True)
class OfficerInfo:
    id: int
    ref: str
    name: str
    site_id: int
    site_name: str
    state: str | None
    weekly_hours: float
    active: bool


@dataclass(frozen=True, slots=True)
class ClientInfo:
    id: int
    ref: str
    name: str | None
    officer_id: int | None
    site_id: int
    german_level: CefrLevel | None
    languages: tuple[str, ...]


class ContactRepository(Repository[Contact]):
    model = Contact

    def __init__(self, session: Session) -> None:
        super().__init__(session)

    # officers and their time ------------------------------------------------------------
    def officers(self, ids: Sequence[int] | None = None) -> list[OfficerInfo]:
        stmt = (
            sa.select(
                Officer.id,
                Officer.ref,
                Officer.name,
                Officer.site_id,
                Site.name,
                Site.state,
                Officer.weekly_hours,
                Officer.active,
            )
            .join(Site, Site.id == Officer.site_id)
            .order_by(Officer.id)
        )
        if ids is not None:
            stmt = stmt.where(Officer.id.in_(list(ids)))
        return [OfficerInfo(*row) for row in self.session.execute(stmt)]

    def working_hours(self) -> dict[int, list[tuple[int, time, time]]]:
        stmt = sa.select(
            OfficerWorkingHours.officer_id,
            OfficerWorkingHours.weekday,
            OfficerWorkingHours.starts,
            OfficerWorkingHours.ends,
        )
        result: dict[int, list[tuple[int, time, time]]] = defaultdict(list)
        for officer_id, weekday, starts, ends in self.session.execute(stmt):
            result[officer_id].append((weekday, starts, ends))
        return result

    def absences(self, start: date, end: date) -> dict[int, list[tuple[date, date]]]:
        stmt = sa.select(
            OfficerAbsence.officer_id, OfficerAbsence.starts_on, OfficerAbsence.ends_on
        ).where(OfficerAbsence.starts_on <= end, OfficerAbsence.ends_on >= start)
        result: dict[int, list[tuple[date, date]]] = defaultdict(list)
        for officer_id, s, e in self.session.execute(stmt):
            result[officer_id].append((s, e))
        return result

    def booked(
        self, start: date, end: date, officer_ids: Sequence[int] | None = None
    ) -> list[tuple[int, int | None, int, datetime, int]]:
        """Planned appointments (id, officer, client, time, minutes) in the horizon."""
        lo, hi = day_bounds(start, end)
        stmt = sa.select(
            Contact.id,
            Contact.officer_id,
            Contact.client_id,
            Contact.scheduled_at,
            Contact.duration_min,
        ).where(
            Contact.scheduled_at >= lo,
            Contact.scheduled_at < hi,
            Contact.status == ContactStatus.PLANNED,
            Contact.officer_id.is_not(None),
        )
        if officer_ids is not None:
            stmt = stmt.where(Contact.officer_id.in_(list(officer_ids)))
        return [(r[0], r[1], r[2], r[3], r[4]) for r in self.session.execute(stmt)]

    # clients and their rhythm -------------------------------------------------------------
    def active_clients(self, clients: Narrowing = None) -> list[ClientInfo]:
        stmt = (
            sa.select(
                Client.id,
                Client.ref,
                Client.name,
                Client.officer_id,
                Client.site_id,
                Client.german_level,
                Client.languages,
            )
            .where(in_jobcenter_caseload())
            .order_by(Client.id)
        )
        if clients is not None:
            stmt = stmt.where(clients)
        return [
            ClientInfo(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6] or ()))
            for r in self.session.execute(stmt)
        ]

    def densities_on(
        self, on: date, clients: Narrowing = None
    ) -> dict[int, list[tuple[str, float]]]:
        """Per client: (programme code, contacts per month) of running memberships."""
        stmt = (
            sa.select(ProgrammeMembership.client_id, Programme.code, Programme.contacts_per_month)
            .join(Programme, Programme.id == ProgrammeMembership.programme_id)
            .where(
                ProgrammeMembership.since <= on,
                sa.or_(ProgrammeMembership.until.is_(None), ProgrammeMembership.until >= on),
            )
        )
        stmt = _narrowed(stmt, ProgrammeMembership.client_id, clients)
        result: dict[int, list[tuple[str, float]]] = defaultdict(list)
        for client_id, code, density in self.session.execute(stmt):
            result[client_id].append((code, float(density or 0.0)))
        return result

    def programme_targets(self) -> dict[str, tuple[str, float | None]]:
        stmt = sa.select(Programme.code, Programme.name, Programme.contacts_per_month)
        return {r[0]: (r[1], r[2]) for r in self.session.execute(stmt)}

    def last_contact_before(self, start: date) -> dict[int, date]:
        """Per client, the day of the last held or planned contact before ``start``."""
        lo, _hi = day_bounds(start, start)
        stmt = (
            sa.select(Contact.client_id, sa.func.max(Contact.scheduled_at))
            .where(Contact.scheduled_at < lo, Contact.status.in_(COUNTING))
            .group_by(Contact.client_id)
        )
        return {
            client_id: at.astimezone(BERLIN).date()
            for client_id, at in self.session.execute(stmt)
            if at is not None
        }

    def contacts_in(
        self, start: date, end: date, statuses: Sequence[ContactStatus] = COUNTING
    ) -> list[tuple[int, int | None, datetime, ContactStatus]]:
        """(client, officer, time, status) of contacts in the horizon."""
        lo, hi = day_bounds(start, end)
        stmt = sa.select(
            Contact.client_id, Contact.officer_id, Contact.scheduled_at, Contact.status
        ).where(Contact.scheduled_at >= lo, Contact.scheduled_at < hi, Contact.status.in_(statuses))
        return [(r[0], r[1], r[2], r[3]) for r in self.session.execute(stmt)]

    def add_planned(self, rows: Sequence[dict[str, object]]) -> None:
        """Bulk insert of planned contacts (dicts of Contact attributes)."""
        for chunk in range(0, len(rows), 5000):
            self.session.execute(sa.insert(Contact), list(rows[chunk : chunk + 5000]))

    def planned_between(self, officer_id: int, start: date, end: date) -> sa.Select[Contact]:
        lo, hi = day_bounds(start, end)
        return (
            sa.select(Contact)
            .where(
                Contact.officer_id == officer_id,
                Contact.scheduled_at >= lo,
                Contact.scheduled_at < hi,
                Contact.status == ContactStatus.PLANNED,
            )
            .order_by(Contact.scheduled_at)
        )

    def due_reminders(self, now: datetime, until: datetime) -> sa.Select[Contact]:
        return (
            sa.select(Contact)
            .where(
                Contact.status == ContactStatus.PLANNED,
                Contact.scheduled_at > now,
                Contact.scheduled_at <= until,
                Contact.reminder_sent_at.is_(None),
            )
            .order_by(Contact.scheduled_at)
        )

    def next_planned_after(self, now: datetime, clients: Narrowing = None) -> dict[int, datetime]:
        stmt = (
            sa.select(Contact.client_id, sa.func.min(Contact.scheduled_at))
            .where(Contact.status == ContactStatus.PLANNED, Contact.scheduled_at >= now)
            .group_by(Contact.client_id)
        )
        stmt = _narrowed(stmt, Contact.client_id, clients)
        return {r[0]: r[1] for r in self.session.execute(stmt)}

    def last_done_before(self, now: datetime, clients: Narrowing = None) -> dict[int, datetime]:
        stmt = (
            sa.select(Contact.client_id, sa.func.max(Contact.scheduled_at))
            .where(Contact.status == ContactStatus.DONE, Contact.scheduled_at < now)
            .group_by(Contact.client_id)
        )
        stmt = _narrowed(stmt, Contact.client_id, clients)
        return {r[0]: r[1] for r in self.session.execute(stmt)}

    def unrecorded_before(self, now: datetime, clients: Narrowing = None) -> dict[int, datetime]:
        """Per client the earliest planned contact in the past whose outcome nobody recorded."""
        stmt = (
            sa.select(Contact.client_id, sa.func.min(Contact.scheduled_at))
            .where(Contact.status == ContactStatus.PLANNED, Contact.scheduled_at < now)
            .group_by(Contact.client_id)
        )
        stmt = _narrowed(stmt, Contact.client_id, clients)
        return {r[0]: r[1] for r in self.session.execute(stmt)}

    def membership_starts(self, clients: Narrowing = None) -> dict[int, date]:
        """Per client the start of the earliest running programme membership."""
        stmt = (
            sa.select(ProgrammeMembership.client_id, sa.func.min(ProgrammeMembership.since))
            .where(ProgrammeMembership.until.is_(None))
            .group_by(ProgrammeMembership.client_id)
        )
        stmt = _narrowed(stmt, ProgrammeMembership.client_id, clients)
        return {r[0]: r[1] for r in self.session.execute(stmt)}
