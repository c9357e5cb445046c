"""Every query of programme controlling: the operational database as canonical Arrow tables.

Each statement selects exactly the columns of one canonical table
(:mod:`lotse.analytics.canonical`), labelled with the canonical names; :func:`load_tables`
streams the rows in chunks into Arrow so the analytical engine (DuckDB) can run the
definitions. Nothing here computes a figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from lotse.analytics.canonical import TABLES
from lotse.models import (
    BenefitPeriod,
    Client,
    Contact,
    Household,
    JobStart,
    Measure,
    NotIntegrableAssessment,
    Officer,
    Participation,
    Programme,
    ProgrammeMembership,
    Site,
    Team,
)

__all__ = ["ControllingRepository"]

LOCAL_TIME = ZoneInfo("Europe/Berlin")
CHUNK = 50_000


class ControllingRepository:
    """Statements for the canonical tables, and a loader that turns them into Arrow."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def statements(self) -> dict[str, sa.Select[Any]]:
        client_site = aliased(Site)
        officer_site = aliased(Site)
        client_officer = aliased(Officer)
        return {
            "clients": sa.select(
                Client.ref.label("client_id"),
                client_site.name.label("site"),
                client_officer.ref.label("officer_id"),
                Client.citizenship.label("citizenship"),
                Client.gender.label("gender"),
                Household.ref.label("household_id"),
            )
            .join(client_site, client_site.id == Client.site_id)
            .outerjoin(client_officer, client_officer.id == Client.officer_id)
            .outerjoin(Household, Household.id == Client.household_id),
            "officers": sa.select(
                Officer.ref.label("officer_id"),
                Officer.name.label("name"),
                officer_site.name.label("site"),
                Team.name.label("team"),
            )
            .join(officer_site, officer_site.id == Officer.site_id)
            .outerjoin(Team, Team.id == Officer.team_id),
            "households": sa.select(
                Household.ref.label("household_id"),
                Household.single_parent,
                Household.size,
                sa.cast(Household.monthly_benefit_eur, sa.Float).label("monthly_benefit_eur"),
                sa.cast(Household.monthly_housing_eur, sa.Float).label("monthly_housing_eur"),
            ),
            "benefit_periods": sa.select(
                Client.ref.label("client_id"),
                BenefitPeriod.start.label("start_date"),
                BenefitPeriod.end.label("end_date"),
                sa.cast(BenefitPeriod.monthly_benefit_eur, sa.Float).label("monthly_benefit_eur"),
            ).join(Client, Client.id == BenefitPeriod.client_id),
            "job_starts": sa.select(
                Client.ref.label("client_id"),
                JobStart.start.label("start_date"),
                JobStart.end.label("end_date"),
                JobStart.kind.label("kind"),
                JobStart.ends_benefit_need,
                sa.cast(JobStart.monthly_gross_eur, sa.Float).label("monthly_gross_eur"),
            ).join(Client, Client.id == JobStart.client_id),
            "programmes": sa.select(
                Programme.code.label("programme"),
                Programme.name,
                Programme.kind,
                Programme.contacts_per_month,
                Programme.caseload_ratio,
            ),
            "memberships": sa.select(
                Programme.code.label("programme"),
                Client.ref.label("client_id"),
                ProgrammeMembership.since.label("since_date"),
                ProgrammeMembership.until.label("until_date"),
            )
            .join(Programme, Programme.id == ProgrammeMembership.programme_id)
            .join(Client, Client.id == ProgrammeMembership.client_id),
            "participations": sa.select(
                sa.cast(Participation.id, sa.String).label("participation_id"),
                Client.ref.label("client_id"),
                Measure.code.label("measure"),
                Measure.name.label("measure_name"),
                Measure.active_measure,
                Participation.status,
                Participation.start.label("start_date"),
                Participation.end.label("end_date"),
                Participation.internship_start,
                Participation.internship_end,
            )
            .join(Client, Client.id == Participation.client_id)
            .join(Measure, Measure.id == Participation.measure_id),
            "assessments": sa.select(
                Client.ref.label("client_id"),
                NotIntegrableAssessment.assessed_on,
                NotIntegrableAssessment.reason,
                NotIntegrableAssessment.review_on,
                NotIntegrableAssessment.closed_on,
            ).join(Client, Client.id == NotIntegrableAssessment.client_id),
            "contacts": sa.select(
                Client.ref.label("client_id"),
                client_officer.ref.label("officer_id"),
                Contact.scheduled_at.label("contact_date"),
                Contact.status,
                Contact.channel,
            )
            .join(Client, Client.id == Contact.client_id)
            .outerjoin(client_officer, client_officer.id == Contact.officer_id),
        }

    def _rows(self, statement: sa.Select[Any]) -> Iterator[list[Any]]:
        result = self.session.execute(statement.execution_options(yield_per=CHUNK))
        for partition in result.partitions():
            yield from (list(row) for row in partition)

    def load_tables(self) -> dict[str, Any]:
        """Every canonical table as a ``pyarrow.Table`` (streamed in chunks of 50,000 rows)."""
        import pyarrow as pa

        types = {
            "VARCHAR": pa.string(),
            "DATE": pa.date32(),
            "DOUBLE": pa.float64(),
            "BOOLEAN": pa.bool_(),
            "INTEGER": pa.int32(),
        }
        out: dict[str, Any] = {}
        for name, statement in self.statements().items():
            spec = TABLES[name]
            columns: list[list[Any]] = [[] for _ in spec.columns]
            for row in self._rows(statement):
                for i, ((_, sql_type), value) in enumerate(zip(spec.columns, row, strict=True)):
                    columns[i].append(_coerce(value, sql_type))
            out[name] = pa.table(
                {
                    col: pa.array(values, type=types[t])
                    for (col, t), values in zip(spec.columns, columns, strict=True)
                }
            )
        return out


def _coerce(value: Any, sql_type: str) -> Any:
    if value is None:
        return None
    if sql_type == "VARCHAR":
        return str(value)
    if sql_type == "DATE" and isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=ZoneInfo("UTC"))
        return aware.astimezone(LOCAL_TIME).date()
    if sql_type == "DATE" and isinstance(value, date):
        return value
    if sql_type == "DOUBLE":
        return float(value)
    return value
