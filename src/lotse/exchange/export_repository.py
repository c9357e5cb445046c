"""The statements the exporter streams: one per exchange file, labelled with its columns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeAlias

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.orm import Session

from lotse.exchange.repository import any_of, chunks
from lotse.models import (
    BenefitPeriod,
    Client,
    Employer,
    Household,
    JobStart,
    Officer,
    Programme,
    ProgrammeMembership,
    Proposal,
    Site,
    Team,
    Vacancy,
)

Stmt: TypeAlias = "sa.Select[*tuple[Any, ...]]"


class ExportRepository:
    """The statements the exporter streams, one per file, sorted by the file's key.

    Text keys sort by code point (``COLLATE "C"`` on PostgreSQL, SQLite's binary default), the
    order Python's ``sorted`` gives, so an export is the same on both databases.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"

    def _key(
        self, column: sa.ColumnElement[Any] | orm.InstrumentedAttribute[Any]
    ) -> sa.ColumnElement[Any]:
        expression = column.expression
        return expression.collate("C") if self.postgres else expression

    def statement(self, file: str) -> Stmt:
        """The rows of one exchange file, labelled with its column names."""
        return getattr(self, "_" + file.removesuffix(".csv"))()  # type: ignore[no-any-return]

    def _sites(self) -> Stmt:
        return sa.select(Site.name.label("site"), Site.plz, Site.state).order_by(
            self._key(Site.name)
        )

    def _programmes(self) -> Stmt:
        p = Programme
        return sa.select(
            p.code.label("programme"), p.name, p.kind, p.target_rule, p.caseload_ratio,
            p.contacts_per_month, p.starts_on, p.ends_on,
        ).order_by(self._key(p.code))  # fmt: skip

    def _teams(self) -> Stmt:
        return (
            sa.select(
                Site.name.label("site"), Team.name.label("team"), Programme.code.label("programme")
            )
            .join(Site, Site.id == Team.site_id)
            .outerjoin(Programme, Programme.id == Team.programme_id)
            .order_by(self._key(Site.name), self._key(Team.name))
        )

    def _officers(self) -> Stmt:
        return (
            sa.select(
                Officer.ref.label("officer_id"),
                Officer.name,
                Site.name.label("site"),
                Team.name.label("team"),
                Officer.languages,
                Officer.weekly_hours,
            )
            .join(Site, Site.id == Officer.site_id)
            .outerjoin(Team, Team.id == Officer.team_id)
            .order_by(self._key(Officer.ref))
        )

    def _households(self) -> Stmt:
        h = Household
        return sa.select(
            h.ref.label("household_id"), h.size, h.single_parent, h.monthly_benefit_eur,
            h.monthly_housing_eur,
        ).order_by(self._key(h.ref))  # fmt: skip

    def _employers(self) -> Stmt:
        e = Employer
        return sa.select(e.ref.label("employer_id"), e.name, e.plz).order_by(self._key(e.ref))

    def _clients(self) -> Stmt:
        c = Client
        return (
            sa.select(
                c.id,
                c.ref.label("client_id"),
                Site.name.label("site"),
                c.status,
                c.birth_year,
                c.gender,
                c.citizenship,
                c.residence_status,
                c.work_permitted,
                c.german_level,
                c.integration_course,
                c.qualification,
                c.degree_recognition,
                c.experience_years,
                c.plz,
                c.lat,
                c.lon,
                c.coords_given,
                c.max_commute_km,
                c.hours,
                c.driving_licence,
                c.unemployed_since,
                Officer.ref.label("officer_id"),
                c.name,
                Household.ref.label("household_id"),
                c.languages,
            )
            .join(Site, Site.id == c.site_id)
            .outerjoin(Officer, Officer.id == c.officer_id)
            .outerjoin(Household, Household.id == c.household_id)
            .order_by(self._key(c.ref))
        )

    def _vacancies(self) -> Stmt:
        v = Vacancy
        return (
            sa.select(
                v.ref.label("vacancy_id"),
                Employer.ref.label("employer_id"),
                v.title,
                v.kldb,
                v.german_level_min,
                v.plz,
                v.lat,
                v.lon,
                v.coords_given,
                v.hours,
                v.openings,
                v.driving_licence_required,
                v.posted_on,
                v.status,
            )
            .join(Employer, Employer.id == v.employer_id)
            .order_by(self._key(v.ref))
        )

    def _benefit_periods(self) -> Stmt:
        b = BenefitPeriod
        return (
            sa.select(Client.ref.label("client_id"), b.start, b.end, b.monthly_benefit_eur)
            .join(Client, Client.id == b.client_id)
            .order_by(self._key(Client.ref), b.start)
        )

    def _integrations(self) -> Stmt:
        j = JobStart
        return (
            sa.select(
                Client.ref.label("client_id"),
                j.start,
                j.end,
                j.kind,
                j.monthly_gross_eur,
                j.ends_benefit_need,
            )
            .join(Client, Client.id == j.client_id)
            .order_by(self._key(Client.ref), j.start, self._key(j.kind))
        )

    def _history(self) -> Stmt:
        p = Proposal
        return (
            sa.select(
                Client.ref.label("client_id"),
                Vacancy.ref.label("vacancy_id"),
                p.proposed_on,
                p.outcome,
            )
            .join(Client, Client.id == p.client_id)
            .join(Vacancy, Vacancy.id == p.vacancy_id)
            .where(p.outcome.is_not(None))
            .order_by(self._key(Client.ref), self._key(Vacancy.ref), p.proposed_on)
        )

    def open_programmes(self, client_ids: Iterable[int]) -> dict[int, list[str]]:
        """Client id → codes of its open memberships, oldest first (the order they were listed)."""
        m = ProgrammeMembership
        found: dict[int, list[str]] = defaultdict(list)
        for batch in chunks(client_ids):
            stmt = (
                sa.select(m.client_id, Programme.code)
                .join(Programme, Programme.id == m.programme_id)
                .where(any_of(m.client_id, batch, postgres=self.postgres), m.until.is_(None))
                .order_by(m.client_id, m.since, m.id)
            )
            for client_id, code in self.session.execute(stmt):
                found[client_id].append(code)
        return found
