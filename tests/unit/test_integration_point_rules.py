"""Rules of the Integration Point without a database: deadlines, consent, agencies, figures.

Expected values are worked out by hand from the rule each test names.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lotse.analytics.integration_point import (
    CaseRow,
    HandoverRow,
    ReferralRow,
    integration_point_figures,
)
from lotse.domain.agencies import Agency, DataCategory, category_of, consent_holds
from lotse.domain.integration_point import (
    AsylumState,
    HandoverReason,
    ReferralStatus,
    age_group,
    checklist,
    handover_due,
    handover_for,
    next_referral_status,
)


@pytest.mark.parametrize(
    ("decided", "due"),
    [
        # AsylbLG ends with the decision's month (§ 1 Abs. 3 AsylbLG); SGB II from the 1st of
        # the next month if the application is made in that month (§ 37 Abs. 2 S. 2 SGB II).
        (date(2025, 3, 10), date(2025, 4, 30)),
        (date(2025, 3, 31), date(2025, 4, 30)),
        (date(2024, 1, 31), date(2024, 2, 29)),  # leap year
        (date(2025, 12, 15), date(2026, 1, 31)),  # over the year's end
    ],
)
def test_a_recognition_handover_is_due_at_the_end_of_the_month_after_the_decision(
    decided: date, due: date
) -> None:
    assert handover_due(HandoverReason.RECOGNITION, decided) == due


def test_a_rejection_handover_is_due_thirty_days_after_the_decision() -> None:
    assert handover_due(HandoverReason.REJECTION, date(2025, 2, 10)) == date(2025, 3, 12)


def test_a_decision_hands_over_to_the_agency_now_responsible() -> None:
    assert handover_for(AsylumState.RECOGNISED).to_agency is Agency.JOBCENTER
    assert handover_for(AsylumState.SUBSIDIARY_PROTECTION).reason is HandoverReason.RECOGNITION
    assert handover_for(AsylumState.REJECTED).to_agency is Agency.IMMIGRATION_OFFICE
    with pytest.raises(ValueError, match="not an asylum decision"):
        handover_for(AsylumState.PENDING)
    assert "sgb2_application" in checklist(HandoverReason.RECOGNITION)
    assert "work_permit_checked" in checklist(HandoverReason.REJECTION)


def test_a_consent_holds_from_its_first_to_its_last_day_and_not_after_revocation() -> None:
    kw = {"valid_from": date(2025, 3, 1), "valid_until": date(2025, 8, 31)}
    assert not consent_holds(**kw, revoked_at=None, on=date(2025, 2, 28))
    assert consent_holds(**kw, revoked_at=None, on=date(2025, 3, 1))
    assert consent_holds(**kw, revoked_at=None, on=date(2025, 8, 31))
    assert not consent_holds(**kw, revoked_at=None, on=date(2025, 9, 1))
    revoked = datetime(2025, 4, 1, 10, 0)
    assert not consent_holds(**kw, revoked_at=revoked, on=date(2025, 4, 1))


def test_agencies_are_recognised_by_code_or_german_name() -> None:
    assert Agency.parse("Agentur für Arbeit Duisburg") is Agency.EMPLOYMENT_AGENCY
    assert Agency.parse("  Sozialamt ") is Agency.SOCIAL_OFFICE
    assert Agency.parse("Ausländerbehörde") is Agency.IMMIGRATION_OFFICE
    assert Agency.parse("immigration_office") is Agency.IMMIGRATION_OFFICE
    assert Agency.parse("Jobcenter Duisburg") is Agency.JOBCENTER
    assert Agency.parse("Bundesamt für Migration") is None
    assert Agency.parse(None) is None


def test_the_core_client_sections_read_the_matching_consent_category() -> None:
    assert category_of("client") is DataCategory.BASIC
    assert category_of("client.measures") is DataCategory.MEASURES
    assert category_of("client.programmes") is DataCategory.MEASURES
    assert category_of("ip.employment") is DataCategory.EMPLOYMENT
    assert category_of("client.contacts") is DataCategory.BASIC


def test_age_groups_count_the_age_reached_in_the_year_of_first_contact() -> None:
    on = date(2025, 6, 1)
    assert [age_group(y, on) for y in (2001, 2000, 1991, 1990, 1976, 1975)] == [
        "under_25", "25_34", "25_34", "35_49", "35_49", "50_plus",
    ]  # fmt: skip


def test_finished_referrals_stay_finished() -> None:
    assert next_referral_status(ReferralStatus.OPEN, ReferralStatus.ACCEPTED)
    assert next_referral_status(ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)
    assert not next_referral_status(ReferralStatus.ACCEPTED, ReferralStatus.DECLINED)
    for done in (ReferralStatus.COMPLETED, ReferralStatus.DECLINED, ReferralStatus.CANCELLED):
        assert not any(next_referral_status(done, s) for s in ReferralStatus)


def test_figures_count_by_month_status_and_age_and_judge_handovers_against_their_deadline() -> None:
    cases = [
        CaseRow(date(2025, 1, 2), "asylum_pending", 2003),  # Jan, 22 → under 25
        CaseRow(date(2025, 1, 31), "asylum_pending", 1985),  # Jan, 40
        CaseRow(date(2025, 3, 15), "recognised_refugee", 1970),  # Mar, 55
        CaseRow(date(2025, 3, 16), None, None),  # Mar, unknown status and age
        CaseRow(date(2024, 12, 31), "tolerated", 1990),  # before the period: not counted
        CaseRow(date(2025, 4, 1), "tolerated", 1990),  # after the period: not counted
    ]
    handovers = [
        HandoverRow(date(2025, 1, 20), date(2025, 2, 28), date(2025, 2, 28)),  # on time (due day)
        HandoverRow(date(2025, 1, 25), date(2025, 2, 28), date(2025, 3, 3)),  # late
        HandoverRow(date(2025, 2, 10), date(2025, 3, 31), None),  # open, due after the end
        HandoverRow(date(2025, 1, 5), date(2025, 2, 28), None),  # open, overdue → late
        HandoverRow(date(2024, 12, 5), date(2025, 1, 31), None),  # decided before: not counted
    ]
    referrals = [
        ReferralRow("childcare", date(2025, 1, 10), date(2025, 2, 7), "completed",
                    date(2025, 2, 1)),
        ReferralRow("childcare", date(2025, 2, 1), date(2025, 3, 1), "open", None),  # overdue
        ReferralRow("recognition_counselling", date(2025, 3, 1), date(2025, 3, 29), "accepted",
                    None),  # due before the end → overdue
        ReferralRow("work_permit", date(2025, 3, 20), date(2025, 4, 17), "open", None),
        ReferralRow("childcare", date(2025, 3, 2), date(2025, 3, 30), "declined",
                    date(2025, 3, 5)),
    ]  # fmt: skip
    f = integration_point_figures(
        cases, handovers, referrals, start=date(2025, 1, 1), end=date(2025, 3, 31)
    )
    assert f.advised == 4
    assert f.advised_by_month == {"2025-01": 2, "2025-02": 0, "2025-03": 2}
    assert f.advised_by_status == {"asylum_pending": 2, "recognised_refugee": 1, "unknown": 1}
    assert f.advised_by_age == {
        "under_25": 1, "25_34": 0, "35_49": 1, "50_plus": 1, "unknown": 1,
    }  # fmt: skip
    assert f.advised_by_month_and_status["2025-03"] == {"recognised_refugee": 1, "unknown": 1}
    assert (f.handovers, f.handovers_on_time, f.handovers_late, f.handovers_pending) == (
        4, 1, 2, 1,
    )  # fmt: skip
    assert f.handovers_on_time_share == pytest.approx(1 / 3)
    assert (f.referrals, f.referrals_completed, f.referrals_declined_or_cancelled) == (5, 1, 1)
    assert (f.referrals_open, f.referrals_overdue) == (3, 2)
    assert f.referrals_by_kind["childcare"] == {"total": 3, "completed": 1, "overdue": 1}
    assert f.referrals_completed_share == pytest.approx(0.2)
