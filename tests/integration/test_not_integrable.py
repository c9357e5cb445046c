"""'Derzeit nicht integrierbar': coded reasons, review dates, overdue reviews, the summary."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from lotse.domain.codes import ClientStatus, NotIntegrableReason
from lotse.errors import Conflict, InvalidInput, InvalidTransition
from lotse.models import Client, NotIntegrableAssessment, ProgrammeMembership
from lotse.not_integrable import service
from lotse.not_integrable.schemas import AssessmentClose, AssessmentCreate, AssessmentReview
from lotse.validation import parse
from tests.factories import make_client, make_programme, make_site


def assess(
    session: Session,
    client: Client,
    reason: NotIntegrableReason = NotIntegrableReason.LANGUAGE,
    on: date = date(2025, 1, 10),
    **kw: Any,
) -> NotIntegrableAssessment:
    return service.assess(session, client, AssessmentCreate(reason=reason, assessed_on=on, **kw))


def test_without_a_date_the_review_is_proposed_six_months_later(session: Session) -> None:
    a = assess(session, make_client(session), on=date(2025, 8, 31))
    assert a.review_on == date(2026, 2, 28)  # six months, end of February (§ 188 Abs. 3 BGB)


def test_overdue_reviews_show_up_the_day_after_the_review_date(session: Session) -> None:
    site = make_site(session)
    client = make_client(session, site=site)
    a = assess(session, client, review_on=date(2025, 4, 1))
    assert service.overdue(session, on=date(2025, 4, 1)) == []
    (late,) = service.overdue(session, on=date(2025, 4, 11), site_id=site.id)
    assert (late.assessment.id, late.client_ref, late.days_overdue) == (a.id, client.ref, 10)
    assert service.overdue(session, on=date(2025, 4, 11), site_id=make_site(session).id) == []


def test_a_review_postpones_and_a_closed_assessment_is_never_overdue(session: Session) -> None:
    a = assess(session, make_client(session), review_on=date(2025, 4, 1))
    service.review(
        session,
        a.id,
        AssessmentReview(
            reviewed_on=date(2025, 4, 2),
            next_review_on=date(2025, 7, 1),
            note="Kurs beginnt im Mai",
        ),
    )
    assert a.review_on == date(2025, 7, 1)
    assert "2025-04-02: Kurs beginnt im Mai" in (a.note or "")
    service.close(session, a.id, AssessmentClose(on=date(2025, 6, 1)))
    assert service.overdue(session, on=date(2025, 12, 1)) == []
    with pytest.raises(InvalidTransition):
        service.close(session, a.id, AssessmentClose(on=date(2025, 6, 2)))


def test_the_same_reason_cannot_be_open_twice(session: Session) -> None:
    client = make_client(session)
    assess(session, client)
    with pytest.raises(Conflict):
        assess(session, client)
    assess(session, client, reason=NotIntegrableReason.CHILDCARE)


def test_an_uncoded_reason_or_a_review_before_the_assessment_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse(AssessmentCreate, {"reason": "hunger", "assessed_on": "2025-01-10"})
    assert caught.value.problems[0].column == "reason"
    with pytest.raises(InvalidInput):
        parse(
            AssessmentCreate,
            {"reason": "health", "assessed_on": "2025-01-10", "review_on": "2025-01-01"},
        )


def test_the_summary_gives_the_share_of_a_focus_group_by_reason(session: Session) -> None:
    focus = make_programme(session, code="focus_group_borken")
    members = [make_client(session) for _ in range(20)]
    for c in members:
        session.add(
            ProgrammeMembership(programme_id=focus.id, client_id=c.id, since=date(2024, 1, 1))
        )
    make_client(session)  # not in the focus group
    for c in members[:5]:
        assess(session, c)
    for c in members[5:7]:
        assess(session, c, reason=NotIntegrableReason.CHILDCARE)
    assess(session, members[0], reason=NotIntegrableReason.HEALTH)  # a second reason, same person
    closed = assess(session, members[7])
    service.close(session, closed.id, AssessmentClose(on=date(2025, 2, 1)))
    members[8].status = ClientStatus.INTEGRATED
    assess(session, members[8])  # integrated people are not in the active stock
    s = service.summary(session, on=date(2025, 3, 1), programme="focus_group_borken")
    # 19 active members; 7 distinct people open (5 language, 2 childcare; one also health)
    assert (s.active_clients, s.not_integrable_clients) == (19, 7)
    assert s.share == round(7 / 19, 3)
    by = {r.reason: r.clients for r in s.by_reason}
    assert (
        by[NotIntegrableReason.LANGUAGE],
        by[NotIntegrableReason.CHILDCARE],
        by[NotIntegrableReason.HEALTH],
    ) == (5, 2, 1)
