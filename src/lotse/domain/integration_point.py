"""Rules of an Integration Point case: the asylum procedure, handovers, referrals, age groups.

Before the asylum decision, asylum seekers and tolerated people receive benefits under the
AsylbLG and placement from the employment agency (SGB III). A recognition moves them into
SGB II and to the Jobcenter; a rejection makes the immigration office lead the case
(``../shared/docs/domain.md`` § 7). The move is a *handover*: a checklist with a deadline.

Pure rules only: no database, no web.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from lotse.domain.agencies import Agency
from lotse.domain.codes import ResidenceStatus

__all__ = [
    "AGE_GROUPS",
    "AsylumState",
    "CaseStatus",
    "ContactPlace",
    "HandoverReason",
    "ReferralKind",
    "ReferralStatus",
    "age_group",
    "checklist",
    "handover_due",
    "handover_for",
    "next_referral_status",
    "residence_after",
]


class AsylumState(StrEnum):
    """Where the person's asylum procedure stands."""

    NOT_APPLICABLE = "not_applicable"  # no asylum procedure (e.g. § 24 AufenthG, EU citizens)
    PENDING = "pending"  # Aufenthaltsgestattung (§ 55 AsylG)
    RECOGNISED = "recognised"  # refugee status or asylum (§ 3 AsylG, Art. 16a GG)
    SUBSIDIARY_PROTECTION = "subsidiary_protection"  # § 4 AsylG
    REJECTED = "rejected"  # application refused; Duldung (§ 60a AufenthG) or departure

    @property
    def decided(self) -> bool:
        return self in (
            AsylumState.RECOGNISED,
            AsylumState.SUBSIDIARY_PROTECTION,
            AsylumState.REJECTED,
        )


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ContactPlace(StrEnum):
    """Where the Integration Point first met the person."""

    SHELTER = "shelter"  # Erstaufnahme or Gemeinschaftsunterkunft
    OFFICE = "office"  # at the Integration Point
    OUTREACH = "outreach"  # aufsuchende Beratung (community centre, school, ...)
    REFERRAL = "referral"  # sent by another agency or a counselling service
    OTHER = "other"


class HandoverReason(StrEnum):
    RECOGNITION = "recognition"  # protection granted → SGB II, Jobcenter
    REJECTION = "rejection"  # asylum refused → immigration office
    OTHER = "other"  # e.g. a move, or a case the agencies agree to pass on


class ReferralKind(StrEnum):
    RECOGNITION_COUNSELLING = "recognition_counselling"  # IQ network (BQFG)
    CHILDCARE = "childcare"  # social office / Jugendamt
    LANGUAGE_COURSE = "language_course"  # Integrationskurs (BAMF), Berufssprachkurs
    WORK_PERMIT = "work_permit"  # Beschäftigungserlaubnis (immigration office)
    BENEFITS = "benefits"  # living costs (AsylbLG, SGB II)
    HOUSING = "housing"
    HEALTH = "health"
    OTHER = "other"


class ReferralStatus(StrEnum):
    OPEN = "open"  # sent, not yet taken up
    ACCEPTED = "accepted"  # the receiving side took it up
    COMPLETED = "completed"  # done, with an outcome
    DECLINED = "declined"  # the receiving side refused it
    CANCELLED = "cancelled"  # withdrawn by the sender (or the person)

    @property
    def finished(self) -> bool:
        return self in (ReferralStatus.COMPLETED, ReferralStatus.DECLINED, ReferralStatus.CANCELLED)


_REFERRAL_MOVES: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.OPEN: frozenset(
        {
            ReferralStatus.ACCEPTED,
            ReferralStatus.COMPLETED,
            ReferralStatus.DECLINED,
            ReferralStatus.CANCELLED,
        }
    ),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.COMPLETED, ReferralStatus.CANCELLED}),
}


def next_referral_status(current: ReferralStatus, wanted: ReferralStatus) -> bool:
    """Whether a referral may move from ``current`` to ``wanted``; finished ones stay finished.

    >>> next_referral_status(ReferralStatus.OPEN, ReferralStatus.COMPLETED)
    True
    >>> next_referral_status(ReferralStatus.COMPLETED, ReferralStatus.OPEN)
    False
    >>> next_referral_status(ReferralStatus.ACCEPTED, ReferralStatus.DECLINED)
    False
    """
    return wanted in _REFERRAL_MOVES.get(current, frozenset())


@dataclass(frozen=True)
class HandoverPlan:
    """What an asylum decision sets in motion."""

    reason: HandoverReason
    to_agency: Agency


def handover_for(decision: AsylumState) -> HandoverPlan:
    """The handover an asylum decision starts: protection → Jobcenter, rejection → immigration.

    >>> handover_for(AsylumState.SUBSIDIARY_PROTECTION).to_agency.value
    'jobcenter'
    >>> handover_for(AsylumState.REJECTED).to_agency.value
    'immigration_office'
    """
    if decision in (AsylumState.RECOGNISED, AsylumState.SUBSIDIARY_PROTECTION):
        return HandoverPlan(HandoverReason.RECOGNITION, Agency.JOBCENTER)
    if decision is AsylumState.REJECTED:
        return HandoverPlan(HandoverReason.REJECTION, Agency.IMMIGRATION_OFFICE)
    raise ValueError(f"{decision.value} is not an asylum decision")


def residence_after(decision: AsylumState) -> ResidenceStatus | None:
    """The residence status a decision gives (a rejection gives none by itself).

    >>> residence_after(AsylumState.RECOGNISED).value
    'recognised_refugee'
    >>> residence_after(AsylumState.REJECTED) is None
    True
    """
    return {
        AsylumState.RECOGNISED: ResidenceStatus.RECOGNISED_REFUGEE,
        AsylumState.SUBSIDIARY_PROTECTION: ResidenceStatus.SUBSIDIARY_PROTECTION,
    }.get(decision)


REJECTION_HANDOVER_DAYS = 30
"""Lotse's default for a handover to the immigration office (no statutory deadline) [assumption]."""


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def handover_due(reason: HandoverReason, decided_on: date) -> date:
    """The deadline of a handover started by a decision on ``decided_on``.

    After a recognition, AsylbLG benefits end with the month in which the entitlement ends
    (§ 1 Abs. 3 AsylbLG); SGB II pays from the first of the next month if the application is
    made within that month, since it acts back to the first day of its month (§ 37 Abs. 2
    S. 2 SGB II). So the handover, the SGB II application above all, is due by the last day of
    the month after the decision. Other handovers are due ``REJECTION_HANDOVER_DAYS`` later.

    >>> handover_due(HandoverReason.RECOGNITION, date(2025, 3, 10))
    datetime.date(2025, 4, 30)
    >>> handover_due(HandoverReason.RECOGNITION, date(2025, 12, 31))
    datetime.date(2026, 1, 31)
    >>> handover_due(HandoverReason.REJECTION, date(2025, 3, 10))
    datetime.date(2025, 4, 9)
    """
    if reason is HandoverReason.RECOGNITION:
        year, month = (
            (decided_on.year + 1, 1)
            if decided_on.month == 12
            else (
                decided_on.year,
                decided_on.month + 1,
            )
        )
        return _month_end(year, month)
    return decided_on + timedelta(days=REJECTION_HANDOVER_DAYS)


_CHECKLISTS: dict[HandoverReason, tuple[str, ...]] = {
    HandoverReason.RECOGNITION: (
        "sgb2_application",  # Antrag auf Bürgergeld gestellt
        "residence_permit",  # Aufenthaltserlaubnis oder Fiktionsbescheinigung liegt vor
        "officer_assigned",  # Integrationsfachkraft im Jobcenter zugewiesen
        "assessment_reviewed",  # Kompetenzfeststellung übernommen
        "measures_continued",  # laufende Maßnahmen und Sprachkurs weitergeführt
        "handover_meeting",  # Übergabegespräch zwischen den Behörden
    ),
    HandoverReason.REJECTION: (
        "decision_received",  # Bescheid liegt der Ausländerbehörde vor
        "residence_checked",  # Duldung oder Ausreisepflicht geprüft
        "work_permit_checked",  # Beschäftigungserlaubnis geprüft (§ 60a Abs. 6, § 4a AufenthG)
        "measures_reviewed",  # laufende Maßnahmen geprüft
        "handover_meeting",
    ),
    HandoverReason.OTHER: ("assessment_reviewed", "measures_continued", "handover_meeting"),
}


def checklist(reason: HandoverReason) -> tuple[str, ...]:
    """The checklist items of a handover, in the order they are usually done.

    >>> checklist(HandoverReason.RECOGNITION)[0]
    'sgb2_application'
    """
    return _CHECKLISTS[reason]


AGE_GROUPS = ("under_25", "25_34", "35_49", "50_plus")
"""Age groups of the Integration Point figures (BA statistics' bands under 25, …, 50 and over)."""


def age_group(birth_year: int | None, on: date) -> str:
    """The age group of someone born in ``birth_year``, by the age reached in ``on``'s year.

    Only the birth year is held, so the age is the one reached during the year.

    >>> age_group(2001, date(2025, 5, 1)), age_group(2000, date(2025, 5, 1))
    ('under_25', '25_34')
    >>> age_group(1975, date(2025, 1, 1)), age_group(None, date(2025, 1, 1))
    ('50_plus', 'unknown')
    """
    if birth_year is None:
        return "unknown"
    age = on.year - birth_year
    if age < 25:
        return "under_25"
    if age < 35:
        return "25_34"
    if age < 50:
        return "35_49"
    return "50_plus"
