"""Queries of the Integration Point: cases, consents in force, assessments, referrals, handovers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.domain.agencies import Agency, DataCategory
from lotse.models import (
    Client,
    ClientOccupation,
    CompetenceAssessment,
    Consent,
    ConsentCategory,
    Handover,
    IntegrationCase,
    JobStart,
    LanguageLevelRecord,
    Measure,
    MeasureRun,
    Participation,
    Programme,
    ProgrammeMembership,
    Referral,
    Site,
)

# --- conditions on Client used by the consent provider (one rule for lists and single reads) --


def led_by(agency: Agency) -> sa.Select[int]:
    """Clients whose case ``agency`` leads."""
    return sa.select(IntegrationCase.client_id).where(IntegrationCase.lead_agency == agency)


def led_elsewhere(agency: Agency) -> sa.Select[int]:
    """Clients whose case another agency leads."""
    return sa.select(IntegrationCase.client_id).where(IntegrationCase.lead_agency != agency)


def consent_in_force(on: date) -> ColumnElement[bool]:
    """Consents that hold on day ``on`` (see :func:`lotse.domain.agencies.consent_holds`)."""
    return sa.and_(
        Consent.revoked_at.is_(None),
        Consent.valid_from <= on,
        sa.or_(Consent.valid_until.is_(None), Consent.valid_until >= on),
    )


def consented_to(agency: Agency, category: DataCategory, on: date) -> sa.Select[int]:
    """Clients who consented to share ``category`` with ``agency``, in force on ``on``."""
    covered = sa.select(ConsentCategory.consent_id).where(ConsentCategory.category == category)
    return sa.select(Consent.client_id).where(
        Consent.recipient == agency, Consent.id.in_(covered), consent_in_force(on)
    )


def shared_with(agency: Agency, category: DataCategory, on: date) -> ColumnElement[bool]:
    """The rule: the lead agency sees its case; any other agency what consent shares with it."""
    return sa.or_(Client.id.in_(led_by(agency)), Client.id.in_(consented_to(agency, category, on)))


class CaseRepository(Repository[IntegrationCase]):
    model = IntegrationCase

    def of_client(self, client_id: int) -> IntegrationCase | None:
        statement = (
            self.select()
            .where(IntegrationCase.client_id == client_id)
            .options(selectinload(IntegrationCase.agencies))
        )
        return self.session.scalars(statement).one_or_none()

    def listing(
        self,
        condition: ColumnElement[bool],
        *,
        q: str | None = None,
        lead: Agency | None = None,
    ) -> sa.Select[IntegrationCase, Client]:
        statement = (
            sa.select(IntegrationCase, Client)
            .join(Client, Client.id == IntegrationCase.client_id)
            .where(condition)
            .order_by(IntegrationCase.first_contact_on.desc(), IntegrationCase.id.desc())
        )
        if q:
            pattern = f"%{q.strip()}%"
            statement = statement.where(sa.or_(Client.name.ilike(pattern), Client.ref == q))
        if lead is not None:
            statement = statement.where(IntegrationCase.lead_agency == lead)
        return statement

    def page(
        self, statement: sa.Select[IntegrationCase, Client], *, limit: int, offset: int
    ) -> list[tuple[IntegrationCase, Client]]:
        rows = self.session.execute(statement.limit(limit).offset(offset)).all()
        return [(case, client) for case, client in rows]

    def total(self, statement: sa.Select[IntegrationCase, Client]) -> int:
        return int(
            self.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery())) or 0
        )

    def next_ref(self, prefix: str) -> str:
        """The next free client reference ``<prefix>-NNNNN`` (e.g. ``IP-2025-00017``)."""
        refs = self.session.scalars(
            sa.select(Client.ref).where(Client.ref.like(f"{prefix}-%"))
        ).all()
        numbers = [int(r.rsplit("-", 1)[1]) for r in refs if r.rsplit("-", 1)[1].isdigit()]
        return f"{prefix}-{max(numbers, default=0) + 1:05d}"

    def site(self, site_id: int) -> Site | None:
        return self.session.get(Site, site_id)


class ConsentRepository(Repository[Consent]):
    model = Consent

    def of_client(self, client_id: int) -> Sequence[Consent]:
        statement = (
            self.select()
            .where(Consent.client_id == client_id)
            .order_by(Consent.valid_from.desc(), Consent.id.desc())
        )
        return self.all(statement)

    def in_force(self, client_id: int, agency: Agency, on: date) -> Sequence[Consent]:
        """The consents of ``client_id`` to ``agency`` that hold on ``on``."""
        statement = (
            self.select()
            .where(
                Consent.client_id == client_id,
                Consent.recipient == agency,
                consent_in_force(on),
            )
            .order_by(Consent.id)
        )
        return self.all(statement)


class AssessmentRepository(Repository[CompetenceAssessment]):
    model = CompetenceAssessment

    def of_client(self, client_id: int) -> CompetenceAssessment | None:
        return self.find_by(client_id=client_id)


class ReferralRepository(Repository[Referral]):
    model = Referral

    def of_client(self, client_id: int) -> Sequence[Referral]:
        statement = (
            self.select()
            .where(Referral.client_id == client_id)
            .order_by(Referral.referred_on.desc(), Referral.id.desc())
        )
        return self.all(statement)


class HandoverRepository(Repository[Handover]):
    model = Handover

    def of_client(self, client_id: int) -> Sequence[Handover]:
        statement = (
            self.select()
            .where(Handover.client_id == client_id)
            .order_by(Handover.decided_on.desc(), Handover.id.desc())
        )
        return self.all(statement)

    def open_of_client(self, client_id: int) -> Sequence[Handover]:
        statement = self.select().where(
            Handover.client_id == client_id, Handover.completed_on.is_(None)
        )
        return self.all(statement)


def participations(session: Session, client_id: int) -> list[tuple[Participation, str, str | None]]:
    """The client's participations with the measure's name and the run's provider."""
    statement = (
        sa.select(Participation, Measure.name, MeasureRun.provider)
        .join(Measure, Measure.id == Participation.measure_id)
        .outerjoin(MeasureRun, MeasureRun.id == Participation.run_id)
        .where(Participation.client_id == client_id)
        .order_by(Participation.start.desc().nulls_last(), Participation.id.desc())
    )
    return [(p, name, provider) for p, name, provider in session.execute(statement).all()]


def memberships(session: Session, client_id: int) -> list[tuple[ProgrammeMembership, str]]:
    statement = (
        sa.select(ProgrammeMembership, Programme.name)
        .join(Programme, Programme.id == ProgrammeMembership.programme_id)
        .where(ProgrammeMembership.client_id == client_id)
        .order_by(ProgrammeMembership.since.desc())
    )
    return [(m, name) for m, name in session.execute(statement).all()]


def language_levels(session: Session, client_id: int) -> Sequence[LanguageLevelRecord]:
    statement = (
        sa.select(LanguageLevelRecord)
        .where(LanguageLevelRecord.client_id == client_id)
        .order_by(LanguageLevelRecord.recorded_on, LanguageLevelRecord.id)
    )
    return session.scalars(statement).all()


def job_starts(session: Session, client_id: int) -> Sequence[JobStart]:
    statement = (
        sa.select(JobStart).where(JobStart.client_id == client_id).order_by(JobStart.start.desc())
    )
    return session.scalars(statement).all()


def participation_ids(session: Session, client_id: int) -> list[int]:
    return list(
        session.scalars(sa.select(Participation.id).where(Participation.client_id == client_id))
    )


def language_level_ids(session: Session, client_id: int) -> list[int]:
    return list(
        session.scalars(
            sa.select(LanguageLevelRecord.id).where(LanguageLevelRecord.client_id == client_id)
        )
    )


def has_targets(session: Session, client_id: int) -> bool:
    found = session.scalar(
        sa.select(ClientOccupation.id).where(ClientOccupation.client_id == client_id).limit(1)
    )
    return found is not None


def target_codes(session: Session, client_id: int) -> Sequence[str]:
    """The client's target occupations (KldB codes), in their order."""
    return session.scalars(
        sa.select(ClientOccupation.kldb)
        .where(ClientOccupation.client_id == client_id)
        .order_by(ClientOccupation.position)
    ).all()
