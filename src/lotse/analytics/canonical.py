"""The canonical tables every figure is defined over.

Whatever the source — the operational database (SQLite or PostgreSQL, via SQLAlchemy and
Arrow), an exchange-format folder (CSV) or a Parquet export — it is first brought into these
tables with exactly these columns and types. The definitions in :mod:`lotse.analytics.definitions`
read nothing else, so one definition gives the same number on every source.

Column names avoid SQL keywords (``start``/``end`` become ``start_date``/``end_date``) so that
the same SQL runs unquoted on DuckDB, PostgreSQL, Spark SQL or Trino.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TABLES", "CanonicalTable", "cast_select"]


@dataclass(frozen=True)
class CanonicalTable:
    name: str
    columns: tuple[tuple[str, str], ...]
    """(column, SQL type) in order; ANSI type names (VARCHAR, DATE, DOUBLE, BOOLEAN, INTEGER)."""
    doc: str

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]


TABLES: dict[str, CanonicalTable] = {
    t.name: t
    for t in (
        CanonicalTable(
            "clients",
            (
                ("client_id", "VARCHAR"),
                ("site", "VARCHAR"),
                ("officer_id", "VARCHAR"),
                ("citizenship", "VARCHAR"),
                ("gender", "VARCHAR"),
                ("household_id", "VARCHAR"),
            ),
            "One row per person (eLb) with the attributes figures are broken down by. Attributes "
            "are current values: a person who moved site is counted at the new site throughout.",
        ),
        CanonicalTable(
            "officers",
            (
                ("officer_id", "VARCHAR"),
                ("name", "VARCHAR"),
                ("site", "VARCHAR"),
                ("team", "VARCHAR"),
            ),
            "Placement officers; a client's team is the team of the officer in charge.",
        ),
        CanonicalTable(
            "households",
            (
                ("household_id", "VARCHAR"),
                ("single_parent", "BOOLEAN"),
                ("size", "INTEGER"),
                ("monthly_benefit_eur", "DOUBLE"),
                ("monthly_housing_eur", "DOUBLE"),
            ),
            "Bedarfsgemeinschaften: single-parent flag (K2E4) and housing cost (savings).",
        ),
        CanonicalTable(
            "benefit_periods",
            (
                ("client_id", "VARCHAR"),
                ("start_date", "DATE"),
                ("end_date", "DATE"),
                ("monthly_benefit_eur", "DOUBLE"),
            ),
            "Periods in which the person was an eLb of this Jobcenter (end empty while ongoing), "
            "with the LLU entitlement per month (K1).",
        ),
        CanonicalTable(
            "job_starts",
            (
                ("client_id", "VARCHAR"),
                ("start_date", "DATE"),
                ("end_date", "DATE"),
                ("kind", "VARCHAR"),
                ("ends_benefit_need", "BOOLEAN"),
                ("monthly_gross_eur", "DOUBLE"),
            ),
            "Every job start (integrations.csv): kind employment, apprenticeship, "
            "self_employment, minijob or public_employment.",
        ),
        CanonicalTable(
            "programmes",
            (
                ("programme", "VARCHAR"),
                ("name", "VARCHAR"),
                ("kind", "VARCHAR"),
                ("contacts_per_month", "DOUBLE"),
                ("caseload_ratio", "INTEGER"),
            ),
            "Programmes and focus groups with their target contact density.",
        ),
        CanonicalTable(
            "memberships",
            (
                ("programme", "VARCHAR"),
                ("client_id", "VARCHAR"),
                ("since_date", "DATE"),
                ("until_date", "DATE"),
            ),
            "Programme memberships; empty dates mean 'always' (the exchange format's "
            "clients.programmes list carries no dates).",
        ),
        CanonicalTable(
            "participations",
            (
                ("participation_id", "VARCHAR"),
                ("client_id", "VARCHAR"),
                ("measure", "VARCHAR"),
                ("measure_name", "VARCHAR"),
                ("active_measure", "BOOLEAN"),
                ("status", "VARCHAR"),
                ("start_date", "DATE"),
                ("end_date", "DATE"),
                ("internship_start", "DATE"),
                ("internship_end", "DATE"),
            ),
            "Participations in measures; active_measure marks a Maßnahme der aktiven "
            "Arbeitsförderung (§ 2(2) Nr. 1 48a-KennzahlenV, K3E2).",
        ),
        CanonicalTable(
            "assessments",
            (
                ("client_id", "VARCHAR"),
                ("assessed_on", "DATE"),
                ("reason", "VARCHAR"),
                ("review_on", "DATE"),
                ("closed_on", "DATE"),
            ),
            "'Not integrable now' findings with their reason; open until closed_on.",
        ),
        CanonicalTable(
            "contacts",
            (
                ("client_id", "VARCHAR"),
                ("officer_id", "VARCHAR"),
                ("contact_date", "DATE"),
                ("status", "VARCHAR"),
                ("channel", "VARCHAR"),
            ),
            "Appointments between officer and client; status 'done' counts as a contact.",
        ),
    )
}


def cast_select(table: CanonicalTable, source: str, available: set[str] | None = None) -> str:
    """``SELECT`` that turns ``source`` into ``table``: every column cast, missing ones NULL.

    >>> print(cast_select(TABLES["contacts"], "raw", {"client_id", "status"}))  # doctest: +ELLIPSIS
    SELECT CAST(client_id AS VARCHAR) AS client_id, CAST(NULL AS VARCHAR) AS officer_id, ...
    """
    parts = []
    for column, sql_type in table.columns:
        expr = column if available is None or column in available else "NULL"
        parts.append(f"CAST({expr} AS {sql_type}) AS {column}")
    return f"SELECT {', '.join(parts)} FROM {source}"
