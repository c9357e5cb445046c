"""An officer's appointments as an iCalendar file (RFC 5545) for Outlook, Thunderbird & co.

Events name the client by the pseudonymous client number only, never by name: calendar files
leave Lotse and end up on phones and mail servers.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.audit_trail import record
from lotse.contacts.repository import ContactRepository
from lotse.domain.codes import AuditAction, ContactChannel
from lotse.errors import NotFound
from lotse.models import Client, Officer, Site
from lotse.planning.calendar import BERLIN

CHANNEL_DE = {
    ContactChannel.IN_PERSON: "persönlich",
    ContactChannel.PHONE: "Telefon",
    ContactChannel.VIDEO: "Video",
    ContactChannel.EMAIL: "E-Mail",
}


def officer_ical(
    session: Session, officer_id: int, start: date, end: date, *, actor: str, now: datetime
) -> bytes:
    """Planned appointments of one officer from ``start`` to ``end`` as an .ics file."""
    from icalendar import Calendar, Event

    officer = session.get(Officer, officer_id)
    if officer is None:
        raise NotFound(f"officer {officer_id} not found")
    site = session.get(Site, officer.site_id)
    repo = ContactRepository(session)
    contacts = list(session.scalars(repo.planned_between(officer_id, start, end)))
    ids = [x.client_id for x in contacts]
    stmt = sa.select(Client.id, Client.ref).where(Client.id.in_(ids))
    refs = {row[0]: row[1] for row in session.execute(stmt)}
    cal = Calendar()
    cal.add("prodid", "-//Lotse//Termine//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Lotse: Termine {officer.name}")
    cal.add("x-wr-timezone", "Europe/Berlin")
    for contact in contacts:
        begin = contact.scheduled_at.astimezone(BERLIN)
        event = Event()
        event.add("uid", f"contact-{contact.id}@lotse")
        event.add("dtstamp", now)
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=contact.duration_min))
        event.add("summary", f"{CHANNEL_DE[contact.channel]}: Kunde {refs[contact.client_id]}")
        event.add("categories", [CHANNEL_DE[contact.channel]])
        if contact.channel is ContactChannel.IN_PERSON and site is not None:
            event.add("location", f"Jobcenter, Standort {site.name}")
        cal.add_component(event)
    cal.add_missing_timezones()
    record(
        session,
        actor=actor,
        action=AuditAction.EXPORT,
        entity="officer_calendar",
        entity_id=officer_id,
        detail={"from": start.isoformat(), "to": end.isoformat(), "appointments": len(contacts)},
    )
    return bytes(cal.to_ical())
