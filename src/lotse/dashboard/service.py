"""The built-in dashboard panels: figures that the data model supports today."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.dashboard import repository
from lotse.domain.codes import IntegrationKind


def last_months(today: date, n: int = 12) -> list[tuple[int, int]]:
    """The ``n`` calendar months up to and including ``today``'s, oldest first.

    >>> last_months(date(2025, 2, 10), 3)
    [(2024, 12), (2025, 1), (2025, 2)]
    """
    months = []
    year, month = today.year, today.month
    for _ in range(n):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def programme_members(session: Session, access: Access, *, today: date) -> Mapping[str, Any]:
    rows = repository.members_per_programme(session, on=today)
    return {"rows": rows, "total": sum(n for _, _, n in rows)}


def job_starts(session: Session, access: Access, *, today: date) -> Mapping[str, Any]:
    months = last_months(today)
    first = date(months[0][0], months[0][1], 1)
    counts = repository.job_starts_by_month(session, first=first, last=today)
    integrations = [
        sum(n for k, n in counts.get(m, {}).items() if k.counts_as_integration) for m in months
    ]
    others = [
        sum(n for k, n in counts.get(m, {}).items() if not k.counts_as_integration) for m in months
    ]
    return {
        "months": months,
        "integrations": integrations,
        "others": others,
        "kinds": list(IntegrationKind),
    }


def clients_per_site(session: Session, access: Access, *, today: date) -> Mapping[str, Any]:
    rows = repository.active_clients_per_site(session)
    return {"rows": rows, "total": sum(n for _, n in rows)}
