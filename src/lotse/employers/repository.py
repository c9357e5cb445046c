"""Queries for employers and vacancies."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from lotse.db.repository import Repository
from lotse.domain.codes import VacancyStatus
from lotse.models import Employer, Vacancy


class EmployerRepository(Repository[Employer]):
    model = Employer

    def search(self, q: str | None = None) -> sa.Select[Employer]:
        statement = sa.select(Employer)
        if q:
            pattern = f"%{q.strip().lower()}%"
            statement = statement.where(
                sa.or_(
                    sa.func.lower(Employer.name).like(pattern),
                    sa.func.lower(Employer.ref).like(pattern),
                )
            )
        return statement.order_by(Employer.name, Employer.id)

    def open_vacancy_counts(self, employer_ids: Sequence[int]) -> dict[int, int]:
        if not employer_ids:
            return {}
        rows = self.session.execute(
            sa.select(Vacancy.employer_id, sa.func.count())
            .where(Vacancy.employer_id.in_(employer_ids), Vacancy.status == VacancyStatus.OPEN)
            .group_by(Vacancy.employer_id)
        )
        return {e: int(n) for e, n in rows}


class VacancyRepository(Repository[Vacancy]):
    model = Vacancy

    def search(
        self,
        *,
        q: str | None = None,
        status: VacancyStatus | None = None,
        employer_id: int | None = None,
    ) -> sa.Select[Vacancy]:
        statement = sa.select(Vacancy)
        if q:
            pattern = f"%{q.strip().lower()}%"
            statement = statement.where(
                sa.or_(
                    sa.func.lower(Vacancy.title).like(pattern),
                    Vacancy.kldb.like(pattern),
                    sa.func.lower(Vacancy.ref).like(pattern),
                )
            )
        if status is not None:
            statement = statement.where(Vacancy.status == status)
        if employer_id is not None:
            statement = statement.where(Vacancy.employer_id == employer_id)
        return statement.order_by(Vacancy.posted_on.desc().nulls_last(), Vacancy.id.desc())

    def employers_by_id(self, ids: set[int]) -> dict[int, Employer]:
        if not ids:
            return {}
        rows = self.session.scalars(sa.select(Employer).where(Employer.id.in_(ids)))
        return {e.id: e for e in rows}

    def page(self, statement: sa.Select[Vacancy], *, limit: int, offset: int) -> Sequence[Vacancy]:
        return self.session.scalars(statement.limit(limit).offset(offset)).all()
