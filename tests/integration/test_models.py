"""The data model holds what the exchange format and the programmes need, on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session, selectinload

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import AuditAction, IntegrationKind, ResidenceStatus
from lotse.models import AuditEntry, Client, JobStart
from tests.factories import make_client, make_household, make_site, make_vacancy


def test_client_round_trips_every_exchange_field_and_its_occupations(session: Session) -> None:
    household = make_household(session, size=3, single_parent=True)
    client = make_client(
        session,
        citizenship="UA",
        residence_status=ResidenceStatus.TEMPORARY_PROTECTION,
        german_level=CefrLevel.A2,
        household_id=household.id,
        occupations=["51311", "25101"],
        benefit_periods=[(date(2023, 1, 1), None)],
        languages=["uk", "ru"],
    )
    session.expunge_all()
    loaded = session.scalars(
        sa.select(Client)
        .where(Client.id == client.id)
        .options(selectinload(Client.occupations), selectinload(Client.benefit_periods))
    ).one()
    assert loaded.german_level is CefrLevel.A2
    assert loaded.residence_status is ResidenceStatus.TEMPORARY_PROTECTION
    assert [o.kldb for o in loaded.occupations] == ["51311", "25101"]
    assert loaded.benefit_periods[0].end is None
    assert loaded.languages == ["uk", "ru"]


def test_a_value_outside_the_vocabulary_is_refused_by_the_database(session: Session) -> None:
    site = make_site(session)
    with pytest.raises((IntegrityError, StatementError)):
        session.execute(
            sa.insert(Client.__table__).values(
                ref="X1", site_id=site.id, status="vanished", coords_given=False, languages=[],
                created_at=datetime.now(UTC), updated_at=datetime.now(UTC),
            )
        )  # fmt: skip


def test_a_job_start_cannot_end_before_it_starts(session: Session) -> None:
    client = make_client(session)
    session.add(
        JobStart(client_id=client.id, start=date(2025, 5, 1), end=date(2025, 4, 1),
                 kind=IntegrationKind.EMPLOYMENT)
    )  # fmt: skip
    with pytest.raises(IntegrityError):
        session.flush()


def test_two_vacancies_cannot_share_an_exchange_id(session: Session) -> None:
    make_vacancy(session, ref="V-1")
    with pytest.raises(IntegrityError):
        make_vacancy(session, ref="V-1")


def test_audit_times_come_back_timezone_aware(session: Session) -> None:
    at = datetime(2025, 3, 11, 9, 30, tzinfo=UTC)
    entry = AuditEntry(at=at, actor="cli:test", action=AuditAction.READ, entity="client")
    session.add(entry)
    session.flush()
    session.expunge_all()
    loaded = session.get(AuditEntry, entry.id)
    assert loaded is not None
    assert loaded.at == at
    assert loaded.at.tzinfo is not None
