"""Caseloads, contacts and employer events through their services, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.caseloads.service import apply_plan, plan_caseloads
from lotse.contacts.ical import officer_ical
from lotse.contacts.letters import invitation_pdf
from lotse.contacts.planner import plan_horizon
from lotse.contacts.schemas import AbsenceCreate
from lotse.contacts.service import (
    due_reminders,
    record_absence,
    record_outcome,
    reschedule,
    worklist,
)
from lotse.domain.codes import AuditAction, ContactStatus, Gender
from lotse.errors import Conflict, InvalidInput, InvalidTransition
from lotse.models import AuditEntry, Client, Contact
from lotse.planning.calendar import BERLIN
from tests.factories import (
    make_client,
    make_contact,
    make_membership,
    make_officer,
    make_programme,
    make_site,
    make_team,
)


def _jobcenter(session: Session, *, jo_clients: int = 12, regular: int = 6) -> dict[str, object]:
    site = make_site(session, state="ST")
    jo = make_programme(
        session, code="jo_t", name="Joboffensive", caseload_ratio=10, contacts_per_month=2.0
    )
    jo_team = make_team(session, site=site, programme_id=jo.id)
    regular_team = make_team(session, site=site)
    a = make_officer(session, team=jo_team, name="JO Eins")
    b = make_officer(session, team=jo_team, name="JO Zwei")
    r = make_officer(session, team=regular_team, name="Regel Eins")
    members = []
    for _ in range(jo_clients):
        c = make_client(session, site=site, officer_id=a.id)
        make_membership(session, client=c, programme=jo)
        members.append(c)
    others = [make_client(session, site=site, officer_id=r.id) for _ in range(regular)]
    return {"site": site, "jo": jo, "a": a, "b": b, "r": r, "members": members, "others": others}


def test_an_overloaded_programme_officer_hands_over_exactly_the_excess(session: Session) -> None:
    # 12 members at 1:10 on officer A: 2 move to B (12 - 10), nobody else moves
    jc = _jobcenter(session)
    plan = plan_caseloads(session, on=date(2026, 1, 1))
    assert len(plan.moves) == 2
    assert {m.to_officer for m in plan.moves} == {"JO Zwei"}
    assert all("über dem Zielschlüssel 1:10" in m.reason for m in plan.moves)
    assert apply_plan(session, plan, actor="test") == 2
    b = jc["b"]
    assert session.scalar(sa.select(sa.func.count()).where(Client.officer_id == b.id)) == 2  # type: ignore[attr-defined]
    audit = session.scalars(
        sa.select(AuditEntry).where(AuditEntry.entity == "client.officer")
    ).all()
    assert len(audit) == 2
    assert all(e.action is AuditAction.UPDATE and e.detail["reason"] for e in audit)
    assert plan_caseloads(session, on=date(2026, 1, 1)).moves == []


def test_a_plan_is_refused_when_a_client_changed_officer_meanwhile(session: Session) -> None:
    jc = _jobcenter(session)
    plan = plan_caseloads(session, on=date(2026, 1, 1))
    moved = session.get(Client, plan.moves[0].client_id)
    assert moved is not None
    moved.officer_id = jc["r"].id  # type: ignore[attr-defined]
    session.flush()
    with pytest.raises(InvalidInput) as err:
        apply_plan(session, plan, actor="test")
    assert err.value.problems[0].rule == "stale_plan"


def test_a_what_if_with_new_posts_shows_who_moves_but_cannot_be_applied(session: Session) -> None:
    _jobcenter(session, jo_clients=30)
    before = session.scalars(sa.select(Client.officer_id).order_by(Client.id)).all()
    plan = plan_caseloads(session, on=date(2026, 1, 1), add_officers=1, programme="jo_t")
    assert plan.planned_posts == ["Neue Stelle jo_t 1"]
    # 30 members at 1:10 with 3 posts: 10 each, so A (30) hands 20 to B and the new post
    assert len(plan.moves) == 20
    assert session.scalars(sa.select(Client.officer_id).order_by(Client.id)).all() == before
    with pytest.raises(Conflict):
        apply_plan(session, plan, actor="test")


def test_planning_a_quarter_twice_plans_each_contact_once(session: Session) -> None:
    jc = _jobcenter(session)
    apply_plan(session, plan_caseloads(session, on=date(2026, 4, 1)), actor="test")
    first = plan_horizon(session, start=date(2026, 4, 1), end=date(2026, 6, 30))
    second = plan_horizon(session, start=date(2026, 4, 1), end=date(2026, 6, 30))
    assert first.contacts_planned > 0
    assert second.contacts_planned == 0
    stored = session.scalars(sa.select(Contact.scheduled_at)).all()
    good_friday, easter_monday = date(2026, 4, 3), date(2026, 4, 6)
    days = {at.astimezone(BERLIN).date() for at in stored}
    assert not days & {good_friday, easter_monday}
    assert all(d.weekday() < 5 for d in days)
    assert len(jc["members"]) == 12  # type: ignore[arg-type]


def _one_planned(session: Session) -> tuple[Contact, dict[str, object]]:
    jc = _jobcenter(session, jo_clients=1, regular=0)
    plan_horizon(session, start=date(2026, 4, 1), end=date(2026, 4, 30))
    contact = session.scalars(sa.select(Contact).order_by(Contact.scheduled_at)).first()
    assert contact is not None
    return contact, jc


def test_a_no_show_is_recorded_and_rescheduled_to_the_next_free_working_day(
    session: Session,
) -> None:
    contact, _ = _one_planned(session)
    assert contact.scheduled_at.astimezone(BERLIN).date() == date(2026, 4, 1)
    record_outcome(session, contact.id, ContactStatus.NO_SHOW, actor="test")
    with pytest.raises(InvalidTransition):
        record_outcome(session, contact.id, ContactStatus.DONE, actor="test")
    now = datetime(2026, 4, 1, 12, 0, tzinfo=BERLIN)  # Wednesday 1.4.; Thursday 2.4. is free
    moved = reschedule(session, contact.id, actor="test", now=now)
    new = session.get(Contact, moved.new_id)
    assert new is not None
    assert new.rescheduled_from_id == contact.id
    assert new.scheduled_at.astimezone(BERLIN).date() == date(2026, 4, 2)
    assert contact.status is ContactStatus.NO_SHOW


def test_an_appointment_cannot_be_moved_onto_a_public_holiday(session: Session) -> None:
    contact, _ = _one_planned(session)
    with pytest.raises(InvalidInput) as err:
        reschedule(
            session,
            contact.id,
            actor="test",
            now=datetime(2026, 4, 1, tzinfo=UTC),
            at=datetime(2026, 4, 3, 9, 0, tzinfo=BERLIN),
        )  # Karfreitag
    assert "public holiday" in str(err.value)


def test_an_absence_moves_the_officers_appointments_out_of_it(session: Session) -> None:
    contact, jc = _one_planned(session)
    officer = jc["a"]
    absence, moved = record_absence(
        session,
        AbsenceCreate(officer_id=officer.id, starts_on=date(2026, 4, 1), ends_on=date(2026, 4, 2)),  # type: ignore[attr-defined]
        actor="test",
        now=datetime(2026, 3, 30, tzinfo=BERLIN),
    )
    assert absence.id
    assert [m.old_id for m in moved] == [contact.id]
    # 3.4. Karfreitag, 4./5.4. weekend, 6.4. Ostermontag: first free day is Tuesday 7.4.
    assert moved[0].scheduled_at is not None
    assert moved[0].scheduled_at.astimezone(BERLIN).date() == date(2026, 4, 7)
    assert contact.status is ContactStatus.RESCHEDULED


def test_reminders_are_marked_once(session: Session) -> None:
    _one_planned(session)
    now = datetime(2026, 3, 31, 10, 0, tzinfo=BERLIN)
    assert len(due_reminders(session, now=now, actor="test")) == 1
    assert due_reminders(session, now=now, actor="test") == []


def test_the_worklist_shows_an_overdue_client_without_a_planned_contact(session: Session) -> None:
    jc = _jobcenter(session, jo_clients=2, regular=0)
    late, fine = jc["members"]  # type: ignore[misc]
    make_contact(session, client=late, scheduled_at=datetime(2026, 2, 2, 9, tzinfo=UTC))
    make_contact(session, client=fine, scheduled_at=datetime(2026, 3, 2, 9, tzinfo=UTC))
    # 2 contacts a month: due 15 days after the last (30.44 / 2 = 15.2, rounded 15)
    rows = worklist(session, today=date(2026, 3, 10), actor="test")
    assert [(r.client_ref, r.due_since, r.days_overdue) for r in rows] == [
        (late.ref, date(2026, 2, 17), 21)
    ]
    assert session.scalars(sa.select(AuditEntry).where(AuditEntry.entity == "worklist")).one()


def test_the_ical_export_lists_appointments_by_client_number_only(session: Session) -> None:
    contact, jc = _one_planned(session)
    client = session.get(Client, contact.client_id)
    assert client is not None
    client.name = "Olena Testname"
    ics = officer_ical(
        session,
        jc["a"].id,
        date(2026, 4, 1),
        date(2026, 4, 30),
        actor="test",  # type: ignore[attr-defined]
        now=datetime(2026, 3, 1, tzinfo=UTC),
    ).decode()
    assert "BEGIN:VEVENT" in ics
    assert f"Kunde {client.ref}" in ics
    assert "Olena" not in ics
    assert "DTSTART;TZID=Europe/Berlin:20260401T080000" in ics


def test_an_invitation_letter_is_a_pdf_and_its_export_is_logged(session: Session) -> None:
    contact, _ = _one_planned(session)
    client = session.get(Client, contact.client_id)
    assert client is not None
    client.languages = ["uk", "ru"]
    pdf = invitation_pdf(session, contact.id, actor="test", today=date(2026, 3, 20))
    assert pdf.startswith(b"%PDF")
    entry = session.scalars(
        sa.select(AuditEntry).where(AuditEntry.entity == "contact_letter")
    ).one()
    assert entry.action is AuditAction.EXPORT
    assert entry.detail == {"language": "uk"}
    assert entry.client_id == client.id
    assert Gender.MALE  # the enum import is used by the event tests below
