"""Figures of an Integration Point: people advised, handovers on time, referrals completed.

The Duisburg Integration Point reported about 700 people advised in its first nine months
(``../shared/docs/mission.md``, programme 4). These functions count over plain rows, so the
same figures come from the database, from files or from a test written by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from lotse.domain.integration_point import AGE_GROUPS, age_group

__all__ = [
    "CaseRow",
    "HandoverRow",
    "IntegrationPointFigures",
    "ReferralRow",
    "integration_point_figures",
    "months_between",
]


@dataclass(frozen=True, slots=True)
class CaseRow:
    first_contact_on: date
    legal_status: str | None
    birth_year: int | None


@dataclass(frozen=True, slots=True)
class HandoverRow:
    decided_on: date
    due_on: date
    completed_on: date | None


@dataclass(frozen=True, slots=True)
class ReferralRow:
    kind: str
    referred_on: date
    due_on: date
    status: str
    completed_on: date | None


@dataclass
class IntegrationPointFigures:
    """Figures for the period ``start`` to ``end`` (both days included)."""

    start: date
    end: date
    advised: int = 0
    advised_by_month: dict[str, int] = field(default_factory=dict)
    advised_by_status: dict[str, int] = field(default_factory=dict)
    advised_by_age: dict[str, int] = field(default_factory=dict)
    advised_by_month_and_status: dict[str, dict[str, int]] = field(default_factory=dict)
    handovers: int = 0
    handovers_on_time: int = 0
    handovers_late: int = 0
    handovers_pending: int = 0
    referrals: int = 0
    referrals_completed: int = 0
    referrals_declined_or_cancelled: int = 0
    referrals_open: int = 0
    referrals_overdue: int = 0
    referrals_by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def handovers_on_time_share(self) -> float | None:
        """Handovers done by their deadline among those whose outcome is known."""
        known = self.handovers_on_time + self.handovers_late
        return self.handovers_on_time / known if known else None

    @property
    def referrals_completed_share(self) -> float | None:
        return self.referrals_completed / self.referrals if self.referrals else None


def months_between(start: date, end: date) -> list[str]:
    """The months ``YYYY-MM`` from ``start``'s to ``end``'s, in order.

    >>> months_between(date(2025, 11, 15), date(2026, 2, 1))
    ['2025-11', '2025-12', '2026-01', '2026-02']
    """
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def integration_point_figures(
    cases: Iterable[CaseRow],
    handovers: Iterable[HandoverRow],
    referrals: Iterable[ReferralRow],
    *,
    start: date,
    end: date,
) -> IntegrationPointFigures:
    """Count people advised, handovers and referrals whose start lies in ``start``–``end``.

    A person counts as advised in the month of their first contact, with their legal status
    then and their age group by birth year. A handover is on time if it was complete by its
    deadline, late if completed later or still open after its deadline by ``end``, else
    pending. A referral is overdue if it is still open after its deadline by ``end``.

    Parameters
    ----------
    cases, handovers, referrals
        Rows of the Integration Point's cases, handovers and referrals.
    start, end
        The period, both days included.

    Returns
    -------
    IntegrationPointFigures

    Examples
    --------
    >>> cases = [CaseRow(date(2025, 1, 10), "asylum_pending", 2001),
    ...          CaseRow(date(2025, 2, 3), "recognised_refugee", 1980),
    ...          CaseRow(date(2024, 12, 30), "tolerated", 1990)]
    >>> handovers = [HandoverRow(date(2025, 2, 1), date(2025, 3, 31), date(2025, 3, 2)),
    ...              HandoverRow(date(2025, 2, 20), date(2025, 3, 31), None)]
    >>> referrals = [ReferralRow("childcare", date(2025, 1, 12), date(2025, 2, 9),
    ...                          "completed", date(2025, 2, 1))]
    >>> f = integration_point_figures(cases, handovers, referrals,
    ...                               start=date(2025, 1, 1), end=date(2025, 4, 30))
    >>> f.advised, f.advised_by_month["2025-01"], f.advised_by_age["under_25"]
    (2, 1, 1)
    >>> f.handovers_on_time, f.handovers_late, f.handovers_on_time_share
    (1, 1, 0.5)
    >>> f.referrals_completed_share
    1.0
    """
    figures = IntegrationPointFigures(start=start, end=end)
    months = months_between(start, end)
    by_month: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    by_age: Counter[str] = Counter()
    matrix: dict[str, Counter[str]] = {m: Counter() for m in months}
    for case in cases:
        if not start <= case.first_contact_on <= end:
            continue
        month = f"{case.first_contact_on.year:04d}-{case.first_contact_on.month:02d}"
        status = case.legal_status or "unknown"
        figures.advised += 1
        by_month[month] += 1
        by_status[status] += 1
        by_age[age_group(case.birth_year, case.first_contact_on)] += 1
        matrix[month][status] += 1
    figures.advised_by_month = {m: by_month[m] for m in months}
    figures.advised_by_status = dict(sorted(by_status.items(), key=lambda kv: (-kv[1], kv[0])))
    figures.advised_by_age = {g: by_age[g] for g in AGE_GROUPS}
    if by_age["unknown"]:
        figures.advised_by_age["unknown"] = by_age["unknown"]
    figures.advised_by_month_and_status = {m: dict(c) for m, c in matrix.items()}

    for handover in handovers:
        if not start <= handover.decided_on <= end:
            continue
        figures.handovers += 1
        done = handover.completed_on
        if done is not None and done <= handover.due_on:
            figures.handovers_on_time += 1
        elif done is not None or handover.due_on < end:
            figures.handovers_late += 1
        else:
            figures.handovers_pending += 1

    kinds: dict[str, Counter[str]] = {}
    for referral in referrals:
        if not start <= referral.referred_on <= end:
            continue
        figures.referrals += 1
        kind = kinds.setdefault(referral.kind, Counter())
        kind["total"] += 1
        if referral.status == "completed":
            figures.referrals_completed += 1
            kind["completed"] += 1
        elif referral.status in ("declined", "cancelled"):
            figures.referrals_declined_or_cancelled += 1
        else:
            figures.referrals_open += 1
            if referral.due_on < end:
                figures.referrals_overdue += 1
                kind["overdue"] += 1
    figures.referrals_by_kind = {
        k: {"total": c["total"], "completed": c["completed"], "overdue": c["overdue"]}
        for k, c in sorted(kinds.items())
    }
    return figures
