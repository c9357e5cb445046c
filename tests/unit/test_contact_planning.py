"""Contact planning without a database: calendars, holidays, cadences, capacity."""

from __future__ import annotations

from datetime import date, timedelta

import holidays

from lotse.domain.codes import ContactChannel
from lotse.planning.calendar import OfficerCalendar, default_week, public_holidays
from lotse.planning.contacts import Cadence, plan_contacts

Q2 = (date(2026, 4, 1), date(2026, 6, 30))


def test_public_holidays_follow_the_state() -> None:
    # Q2 2026: Karfreitag 3.4., Ostermontag 6.4., 1. Mai, Himmelfahrt 14.5., Pfingstmontag 25.5.
    # everywhere; Fronleichnam 4.6. in Nordrhein-Westfalen, not in Sachsen-Anhalt
    common = {
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 1),
        date(2026, 5, 14),
        date(2026, 5, 25),
    }
    assert set(public_holidays("ST", *Q2)) == common
    assert set(public_holidays("NW", *Q2)) == common | {date(2026, 6, 4)}


def test_no_appointment_falls_on_a_weekend_a_holiday_or_an_absence() -> None:
    absent = {date(2026, 4, 13) + timedelta(days=i) for i in range(5)}
    cal = OfficerCalendar(1, default_week(39), public_holidays("ST", *Q2), absent)
    cadences = [Cadence(i, 1, 2.0, channels=(ContactChannel.IN_PERSON,)) for i in range(60)]
    plan = plan_contacts(cadences, {1: cal}, start=Q2[0], end=Q2[1])
    official = holidays.country_holidays("DE", subdiv="ST", years=2026)  # checked independently
    assert plan.planned
    for contact in plan.planned:
        assert contact.day.weekday() < 5
        assert contact.day not in official
        assert contact.day not in absent


def test_job_turbo_clients_are_seen_every_six_weeks() -> None:
    # last contact 16.3.2026; every 30.44 / 0.72 = 42.3 days: due 27.4. and 8.6. (both Mondays)
    cal = OfficerCalendar(1, default_week(39), public_holidays("ST", *Q2))
    plan = plan_contacts(
        [Cadence(1, 1, 0.72, last_contact=date(2026, 3, 16))], {1: cal}, start=Q2[0], end=Q2[1]
    )
    assert [c.day for c in plan.planned] == [date(2026, 4, 27), date(2026, 6, 8)]


def test_an_overdue_client_is_seen_on_the_first_working_day() -> None:
    # due long ago; 1.4.2026 is a Wednesday and a working day in Sachsen-Anhalt
    cal = OfficerCalendar(1, default_week(39), public_holidays("ST", *Q2))
    plan = plan_contacts(
        [Cadence(1, 1, 1.0, last_contact=date(2025, 1, 1))], {1: cal}, start=Q2[0], end=Q2[1]
    )
    assert plan.planned[0].day == date(2026, 4, 1)
    assert str(plan.planned[0].starts_at) == "2026-04-01 08:00:00+02:00"


def test_a_full_day_pushes_appointments_to_the_next_working_day() -> None:
    # 2 hours of appointments a day (share 0.5 of a 4-hour day): four 30-minute contacts fit
    week = default_week(20)
    cal = OfficerCalendar(1, week, {}, share=0.5)
    plan = plan_contacts(
        [Cadence(i, 1, 1.0) for i in range(6)],
        {1: cal},
        start=date(2026, 4, 1),
        end=date(2026, 4, 10),
    )
    days = [c.day for c in plan.planned]
    assert days.count(date(2026, 4, 1)) == 4
    assert days.count(date(2026, 4, 2)) == 2


def test_contacts_beyond_capacity_are_reported_as_missed() -> None:
    cal = OfficerCalendar(1, default_week(20), {}, share=0.5)  # 4 contacts a day
    start = date(2026, 4, 6)  # Monday to Friday: 20 places for 30 contacts
    plan = plan_contacts(
        [Cadence(i, 1, 1.0) for i in range(30)],
        {1: cal},
        start=start,
        end=start + timedelta(days=4),
    )
    assert len(plan.planned) == 20
    assert len(plan.missed) == 10


def test_contacts_already_in_the_calendar_count_and_are_not_planned_twice() -> None:
    cal = OfficerCalendar(1, default_week(39), public_holidays("ST", *Q2))
    held = (date(2026, 4, 27), date(2026, 6, 8))
    plan = plan_contacts(
        [Cadence(1, 1, 0.72, last_contact=date(2026, 3, 16), booked=held)],
        {1: cal},
        start=Q2[0],
        end=Q2[1],
    )
    assert plan.planned == []


def test_joboffensive_contacts_rotate_through_faster_channels() -> None:
    from lotse.planning.contacts import channel_cycle

    cal = OfficerCalendar(1, default_week(39), public_holidays("ST", *Q2))
    cadence = Cadence(
        1,
        1,
        2.0,
        programme="joboffensive",
        channels=channel_cycle("joboffensive", needs_interpreter=False),
    )
    plan = plan_contacts([cadence], {1: cal}, start=Q2[0], end=Q2[1])
    assert [c.channel.value for c in plan.planned[:4]] == [
        "in_person",
        "phone",
        "in_person",
        "email",
    ]
    assert [c.duration_min for c in plan.planned[:4]] == [30, 20, 30, 10]
    # 2 a month over 91 days: 30.44 / 2 = 15.2 days apart, 91 / 15.2 = 5.98, so six contacts
    assert len(plan.planned) == 6
