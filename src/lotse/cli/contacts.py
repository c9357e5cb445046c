"""``lotse contacts``: worklist, outcomes, rescheduling, reminders, calendar and letters."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer
from rich.table import Table

from lotse.cli._common import console, db_session, handle_errors
from lotse.domain.codes import ContactStatus
from lotse.planning.calendar import BERLIN

app = typer.Typer(help="Contacts between officers and clients.", no_args_is_help=True)
ACTOR = "cli:contacts"


@app.command("worklist")
@handle_errors
def worklist_cmd(officer_id: int | None = None, today: str | None = None, limit: int = 30) -> None:
    """Clients whose contact is overdue, most overdue first."""
    from lotse.contacts.service import worklist

    with db_session() as session:
        rows = worklist(
            session,
            today=date.fromisoformat(today) if today else date.today(),
            officer_id=officer_id,
            actor=ACTOR,
        )
    table = Table(title=f"Überfällige Kontakte ({len(rows)})")
    for col in ("Kunde", "Programm", "letzter Kontakt", "fällig seit", "Tage"):
        table.add_column(col)
    for r in rows[:limit]:
        table.add_row(
            r.client_ref,
            r.programme or "Regel",
            str(r.last_contact or "–"),
            str(r.due_since),
            str(r.days_overdue),
        )
    console.print(table)


@app.command("outcome")
@handle_errors
def outcome_cmd(contact_id: int, status: ContactStatus, note: str | None = None) -> None:
    """Record that a contact was held (done), missed (no_show) or cancelled."""
    from lotse.contacts.service import record_outcome

    with db_session() as session:
        record_outcome(session, contact_id, status, actor=ACTOR, note=note)


@app.command("reschedule")
@handle_errors
def reschedule_cmd(contact_id: int, at: str | None = None) -> None:
    """New appointment for a planned or missed contact (first free slot, or AT)."""
    from lotse.contacts.service import reschedule

    with db_session() as session:
        result = reschedule(
            session,
            contact_id,
            actor=ACTOR,
            now=datetime.now(BERLIN),
            at=datetime.fromisoformat(at) if at else None,
        )
    console.print(f"Neuer Termin {result.new_id}: {result.scheduled_at}")


@app.command("remind")
@handle_errors
def remind_cmd(hours: int = 48) -> None:
    """Mark the reminders due for appointments in the next HOURS as sent."""
    from lotse.contacts.service import due_reminders

    with db_session() as session:
        sent = due_reminders(session, now=datetime.now(BERLIN), lead_hours=hours, actor=ACTOR)
    console.print(f"{len(sent)} Erinnerungen")


@app.command("ical")
@handle_errors
def ical_cmd(officer_id: int, start: str, end: str, out: Path) -> None:
    """An officer's appointments as an iCalendar file."""
    from lotse.contacts.ical import officer_ical

    with db_session() as session:
        data = officer_ical(
            session,
            officer_id,
            date.fromisoformat(start),
            date.fromisoformat(end),
            actor=ACTOR,
            now=datetime.now(BERLIN),
        )
    out.write_bytes(data)
    console.print(f"Kalender: {out}")


@app.command("letter")
@handle_errors
def letter_cmd(contact_id: int, out: Path) -> None:
    """The invitation letter of a contact as PDF (German plus the client's language)."""
    from lotse.contacts.letters import invitation_pdf

    with db_session() as session:
        data = invitation_pdf(session, contact_id, actor=ACTOR, today=date.today())
    out.write_bytes(data)
    console.print(f"Brief: {out}")
