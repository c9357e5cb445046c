"""The Integration Point's figures from the database (counted by :mod:`lotse.analytics`)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.analytics.integration_point import (
    CaseRow,
    HandoverRow,
    IntegrationPointFigures,
    ReferralRow,
    integration_point_figures,
)
from lotse.models import Client, Handover, IntegrationCase, Referral


def first_contact_range(session: Session) -> tuple[date | None, date | None]:
    row = session.execute(
        sa.select(
            sa.func.min(IntegrationCase.first_contact_on),
            sa.func.max(IntegrationCase.first_contact_on),
        )
    ).one()
    return row[0], row[1]


def figures(
    session: Session, *, start: date | None = None, end: date | None = None, today: date
) -> IntegrationPointFigures:
    """Figures from ``start`` (default: the first contact ever) to ``end`` (default: today)."""
    first, _ = first_contact_range(session)
    start = start or first or today
    end = end or today
    cases = (
        CaseRow(on, status.value if status else None, birth_year)
        for on, status, birth_year in session.execute(
            sa.select(
                IntegrationCase.first_contact_on,
                IntegrationCase.residence_status_at_contact,
                Client.birth_year,
            )
            .join(Client, Client.id == IntegrationCase.client_id)
            .where(IntegrationCase.first_contact_on.between(start, end))
        )
    )
    handovers = (
        HandoverRow(*row)
        for row in session.execute(
            sa.select(Handover.decided_on, Handover.due_on, Handover.completed_on).where(
                Handover.decided_on.between(start, end)
            )
        )
    )
    referrals = (
        ReferralRow(kind.value, referred_on, due_on, status.value, completed_on)
        for kind, referred_on, due_on, status, completed_on in session.execute(
            sa.select(
                Referral.kind,
                Referral.referred_on,
                Referral.due_on,
                Referral.status,
                Referral.completed_on,
            ).where(Referral.referred_on.between(start, end))
        )
    )
    return integration_point_figures(cases, handovers, referrals, start=start, end=end)
