"""Counting queries over the registry (sites, officers, clients, programmes, vacancies), and
the one definition of the Jobcenter's caseload that every feature uses."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.domain.agencies import Agency
from lotse.domain.codes import ASYLBLG_STATUSES, ClientStatus, ProgrammeKind, VacancyStatus
from lotse.domain.integration_point import CaseStatus
from lotse.models import (
    Client,
    IntegrationCase,
    Officer,
    Programme,
    ProgrammeMembership,
    Site,
    Vacancy,
)

__all__ = ["RegistryRepository", "in_jobcenter_caseload", "jobcenter_caseload"]


def in_jobcenter_caseload() -> ColumnElement[bool]:
    """Whether a client is in the Jobcenter's caseload: a person its placement officers work.

    That is a client whose case is active, who is not under the AsylbLG and whom no open
    Integration Point case led by the Agentur für Arbeit holds:

    * people with an Aufenthaltsgestattung (``asylum_pending``) or a Duldung (``tolerated``)
      receive benefits under the AsylbLG and are no eLb (§ 7 Abs. 1 Satz 2 Nr. 3 SGB II); the
      Agentur für Arbeit (SGB III) places them (domain.md §7);
    * at an Integration Point the lead agency works the case; before the asylum decision that
      is the Agentur für Arbeit, and the Jobcenter takes over with the handover.

    A client whose residence status is unknown counts (the Jobcenter holds the case). The key
    figures are not defined by this: they count benefit periods (§ 48a SGB II).
    """
    led_by_the_agency = sa.select(IntegrationCase.client_id).where(
        IntegrationCase.lead_agency == Agency.EMPLOYMENT_AGENCY,
        IntegrationCase.status == CaseStatus.OPEN,
    )
    return sa.and_(
        Client.status == ClientStatus.ACTIVE,
        sa.or_(
            Client.residence_status.is_(None),
            Client.residence_status.not_in(sorted(ASYLBLG_STATUSES)),
        ),
        Client.id.not_in(led_by_the_agency),
    )


def jobcenter_caseload() -> sa.Select[Client]:
    """The clients of :func:`in_jobcenter_caseload`, as a statement callers can narrow."""
    return sa.select(Client).where(in_jobcenter_caseload())


class RegistryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def clients_per_site(self) -> Sequence[sa.Row[str, int, int]]:
        """Per site: all clients and those in the Jobcenter's caseload."""
        active = sa.func.sum(sa.case((in_jobcenter_caseload(), 1), else_=0))
        stmt = (
            sa.select(Site.name, sa.func.count(Client.id), sa.func.coalesce(active, 0))
            .select_from(Site)
            .outerjoin(Client, Client.site_id == Site.id)
            .group_by(Site.name)
            .order_by(Site.name)
        )
        return self.session.execute(stmt).all()

    def officers_per_site(self) -> dict[str, int]:
        stmt = (
            sa.select(Site.name, sa.func.count(Officer.id))
            .join(Officer, Officer.site_id == Site.id)
            .where(Officer.active.is_(True))
            .group_by(Site.name)
        )
        return {name: int(n) for name, n in self.session.execute(stmt).all()}

    def members_per_programme(self) -> Sequence[sa.Row[str, str, ProgrammeKind, int, int]]:
        """Per programme: code, name, kind, current members and those of them in the Jobcenter's
        caseload."""
        active = sa.func.sum(sa.case((in_jobcenter_caseload(), 1), else_=0))
        stmt = (
            sa.select(
                Programme.code,
                Programme.name,
                Programme.kind,
                sa.func.count(ProgrammeMembership.id),
                sa.func.coalesce(active, 0),
            )
            .select_from(Programme)
            .outerjoin(
                ProgrammeMembership,
                sa.and_(
                    ProgrammeMembership.programme_id == Programme.id,
                    ProgrammeMembership.until.is_(None),
                ),
            )
            .outerjoin(Client, Client.id == ProgrammeMembership.client_id)
            .group_by(Programme.code, Programme.name, Programme.kind)
            .order_by(Programme.code)
        )
        return self.session.execute(stmt).all()

    def clients_by_status(self) -> dict[str, int]:
        stmt = sa.select(Client.status, sa.func.count()).group_by(Client.status)
        return {str(status): int(n) for status, n in self.session.execute(stmt).all()}

    def open_vacancies_by_level(self) -> Sequence[sa.Row[str, int, int]]:
        """Open vacancies per requirement level (fifth KldB digit): count and openings."""
        level = sa.func.substr(Vacancy.kldb, 5, 1)
        stmt = (
            sa.select(level, sa.func.count(), sa.func.sum(Vacancy.openings))
            .where(Vacancy.status == VacancyStatus.OPEN)
            .group_by(level)
            .order_by(level)
        )
        return self.session.execute(stmt).all()
