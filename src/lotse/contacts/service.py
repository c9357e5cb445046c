"""Contact use cases: outcomes (held, no-show), rescheduling, absences, reminders, worklist."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from lotse.audit_trail import record
from lotse.contacts.planner import REGULAR_DENSITY, build_calendars
from lotse.contacts.repository import ContactRepository, Narrowing
from lotse.contacts.schemas import AbsenceCreate, Rescheduled, WorklistRow
from lotse.domain.codes import AuditAction, ContactStatus
from lotse.errors import InvalidInput, InvalidTransition, NotFound, Problem
from lotse.models import Contact, Officer, OfficerAbsence
from lotse.planning.calendar import BERLIN, local_datetime
from lotse.planning.contacts import interval_days

__all__ = [
    "due_reminders",
    "record_absence",
    "record_outcome",
    "reschedule",
    "worklist",
]

SEARCH_DAYS = 60
"""How far ahead a new slot is searched when rescheduling."""

_OUTCOMES = {ContactStatus.DONE, ContactStatus.NO_SHOW, ContactStatus.CANCELLED}


def record_outcome(
    session: Session, contact_id: int, status: ContactStatus, *, actor: str, note: str | None = None
) -> Contact:
    """Record that a planned contact was held, missed (no-show) or cancelled."""
    contact = ContactRepository(session).get(contact_id)
    if status not in _OUTCOMES:
        raise InvalidInput(
            Problem(
                "invalid_outcome",
                "an outcome is done, no_show or cancelled",
                column="status",
                value=status.value,
            )
        )
    if contact.status is not ContactStatus.PLANNED:
        raise InvalidTransition(
            f"contact {contact_id} is {contact.status.value}; only planned contacts get one"
        )
    contact.status = status
    if note:
        contact.notes = f"{contact.notes}\n{note}" if contact.notes else note
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        entity="contact",
        entity_id=contact.id,
        client_id=contact.client_id,
        detail={"status": status.value},
    )
    session.flush()
    return contact


def _check_slot(session: Session, officer_id: int, at: datetime, minutes: int) -> None:
    local = at.astimezone(BERLIN)
    calendars, _ = build_calendars(
        session, local.date(), local.date(), share=1.0, officer_ids=[officer_id]
    )
    calendar = calendars.get(officer_id)
    minute = local.hour * 60 + local.minute
    if calendar is None or calendar.first_free(local.date(), minutes, not_before=minute) != minute:
        why = "no working time of the officer"
        if calendar is not None and not calendar.is_available(local.date()):
            why = "a weekend, public holiday or absence of the officer"
        raise InvalidInput(
            Problem(
                "slot_unavailable",
                f"{local:%Y-%m-%d %H:%M} is {why} or already taken",
                column="scheduled_at",
                value=local.isoformat(),
            )
        )


def reschedule(
    session: Session,
    contact_id: int,
    *,
    actor: str,
    now: datetime,
    at: datetime | None = None,
    share: float = 1.0,
) -> Rescheduled:
    """Give a planned or missed contact a new appointment with the same officer and channel.

    Without ``at`` the first free slot from the next working day on is taken. A planned contact
    becomes ``rescheduled``; a no-show keeps its status (it is the record of the missed date).
    """
    repo = ContactRepository(session)
    old = repo.get(contact_id)
    if old.status not in (ContactStatus.PLANNED, ContactStatus.NO_SHOW):
        raise InvalidTransition(f"contact {contact_id} is {old.status.value}; cannot reschedule")
    if old.officer_id is None:
        raise InvalidInput(Problem("no_officer", "the contact has no officer", value=str(old.id)))
    if at is None:
        first = max(now.astimezone(BERLIN).date(), old.scheduled_at.astimezone(BERLIN).date())
        first += timedelta(days=1)
        calendars, _ = build_calendars(
            session,
            first,
            first + timedelta(days=SEARCH_DAYS),
            share=share,
            officer_ids=[old.officer_id],
            exclude_contact=old.id,
        )
        if old.officer_id not in calendars:
            raise InvalidInput(Problem("officer_inactive", "the officer is not active"))
        slot = calendars[old.officer_id].next_free(
            first, old.duration_min, until=first + timedelta(days=SEARCH_DAYS)
        )
        if slot is None:
            raise InvalidInput(Problem("no_slot", f"no free slot in {SEARCH_DAYS} days"))
        at = local_datetime(*slot)
    else:
        _check_slot(session, old.officer_id, at, old.duration_min)
    new = Contact(
        client_id=old.client_id,
        officer_id=old.officer_id,
        scheduled_at=at,
        duration_min=old.duration_min,
        channel=old.channel,
        status=ContactStatus.PLANNED,
        rescheduled_from_id=old.id,
    )
    if old.status is ContactStatus.PLANNED:
        old.status = ContactStatus.RESCHEDULED
    session.add(new)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        entity="contact",
        entity_id=old.id,
        client_id=old.client_id,
        detail={"rescheduled_to": new.id, "at": at.isoformat()},
    )
    return Rescheduled(old_id=old.id, new_id=new.id, scheduled_at=at, reason="neu terminiert")


def record_absence(
    session: Session, data: AbsenceCreate, *, actor: str, now: datetime
) -> tuple[OfficerAbsence, list[Rescheduled]]:
    """Record an absence and move the officer's planned appointments in it to free slots after."""
    if data.ends_on < data.starts_on:
        raise InvalidInput(
            Problem(
                "ends_before_starts",
                "the absence ends before it starts",
                column="ends_on",
                value=data.ends_on.isoformat(),
            )
        )
    if session.get(Officer, data.officer_id) is None:
        raise NotFound(f"officer {data.officer_id} not found")
    absence = OfficerAbsence(**data.model_dump())
    session.add(absence)
    session.flush()
    repo = ContactRepository(session)
    affected = list(
        session.scalars(repo.planned_between(data.officer_id, data.starts_on, data.ends_on))
    )
    moved = []
    for contact in affected:
        after = max(now, local_datetime(data.ends_on, 23 * 60))
        result = reschedule(session, contact.id, actor=actor, now=after)
        moved.append(result.model_copy(update={"reason": "Abwesenheit der Fachkraft"}))
    return absence, moved


def due_reminders(
    session: Session, *, now: datetime, lead_hours: int = 48, actor: str, mark: bool = True
) -> list[Contact]:
    """Planned contacts in the next ``lead_hours`` that have had no reminder; marks them sent.

    Sending (e-mail, SMS, letter) is the caller's job; this records that it happened.
    """
    repo = ContactRepository(session)
    contacts = list(session.scalars(repo.due_reminders(now, now + timedelta(hours=lead_hours))))
    if mark:
        for contact in contacts:
            contact.reminder_sent_at = now
            record(
                session,
                actor=actor,
                action=AuditAction.UPDATE,
                entity="contact",
                entity_id=contact.id,
                client_id=contact.client_id,
                detail={"reminder": True},
            )
        session.flush()
    return contacts


def worklist(
    session: Session,
    *,
    today: date,
    actor: str,
    officer_id: int | None = None,
    regular_density: float = REGULAR_DENSITY,
    grace_days: int = 0,
    clients: Narrowing = None,
    log: bool = True,
) -> list[WorklistRow]:
    """Clients whose next contact is overdue and not planned, most overdue first.

    ``clients`` (an SQL condition on ``Client``, e.g. a user's row scope) narrows every query,
    so a caseload's worklist reads that caseload only. The read is audit-logged as one entry,
    unless ``log`` is false because the caller logs the clients it shows itself (the
    officer's day), so that one read makes one entry.

    Overdue: the last held contact (or, without one, the start of the programme membership)
    lies more than one interval of the client's density (plus ``grace_days``) in the past, and
    no contact is planned from today on; or a past appointment still waits for its outcome.
    """
    repo = ContactRepository(session)
    now = local_datetime(today, 0)
    densities = repo.densities_on(today, clients)
    last_done = repo.last_done_before(now, clients)
    next_planned = repo.next_planned_after(now, clients)
    unrecorded = repo.unrecorded_before(now, clients)
    since = repo.membership_starts(clients)
    rows = []
    for c in repo.active_clients(clients):
        if officer_id is not None and c.officer_id != officer_id:
            continue
        programme, density = max(
            densities.get(c.id, []), key=lambda p: (p[1], p[0]), default=(None, 0.0)
        )
        if density <= 0:
            programme, density = None, regular_density
        last = last_done.get(c.id)
        last_day = last.astimezone(BERLIN).date() if last else None
        anchor = last_day or since.get(c.id)
        if anchor is None:
            continue
        due = anchor + timedelta(days=round(interval_days(density)) + grace_days)
        missing_outcome = unrecorded.get(c.id)
        if (due >= today or c.id in next_planned) and missing_outcome is None:
            continue
        rows.append(
            WorklistRow(
                client_id=c.id,
                client_ref=c.ref,
                client_name=c.name,
                officer_id=c.officer_id,
                programme=programme,
                density=round(density, 2),
                last_contact=last_day,
                due_since=due,
                days_overdue=max(0, (today - due).days),
                next_planned=next_planned.get(c.id),
                unrecorded_since=missing_outcome,
            )
        )
    rows.sort(key=lambda r: (-r.days_overdue, r.client_ref))
    if rows and log:
        record(
            session,
            actor=actor,
            action=AuditAction.READ,
            entity="worklist",
            entity_id=officer_id,
            detail={
                "clients": [r.client_ref for r in rows][:500],
                "count": len(rows),
                "on": today.isoformat(),
            },
        )
    return rows
