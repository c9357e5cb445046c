"""Programme controlling: load the records into the analytical engine and compute what to show.

Two sources, one engine: :func:`engine_from_session` reads the operational database (SQLite or
PostgreSQL) through the repository, :func:`engine_from_folder` reads an exchange-format folder
(CSV or Parquet). Everything after that is the same code and the same SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from lotse.analytics.engine import FigureEngine, Parameters, Results
from lotse.analytics.figures import figures_document
from lotse.analytics.months import parse_month
from lotse.analytics.savings import SavingsResult, savings_against_cost
from lotse.controlling.repository import ControllingRepository
from lotse.controlling.schemas import ReportOptions
from lotse.errors import NotFound

__all__ = [
    "REPORT_DIMENSIONS",
    "ReportData",
    "compute_figures",
    "compute_report",
    "engine_from_folder",
    "engine_from_session",
]

REPORT_DIMENSIONS = ("jobcenter", "site", "team", "officer", "origin_group", "gender", "programme")


def engine_from_session(session: Session) -> FigureEngine:
    """An engine holding the database's records as canonical tables."""
    engine = FigureEngine()
    engine.load_arrow(ControllingRepository(session).load_tables())
    return engine


def engine_from_folder(folder: Path) -> FigureEngine:
    """An engine holding an exchange-format folder's records as canonical tables."""
    engine = FigureEngine()
    engine.load_folder(folder)
    return engine


def _check_scope(engine: FigureEngine, *, site: str | None, programme: str | None) -> None:
    if site is not None and not engine.sql(
        "SELECT 1 AS x FROM clients WHERE site = ? LIMIT 1", [site]
    ):
        sites = ", ".join(
            r["site"]
            for r in engine.sql(
                "SELECT DISTINCT site FROM clients WHERE site IS NOT NULL ORDER BY site"
            )
        )
        raise NotFound(f"no client at site {site!r} (sites: {sites})")
    if programme is not None and not engine.sql(
        "SELECT 1 AS x FROM programmes WHERE programme = ? LIMIT 1", [programme]
    ):
        codes = ", ".join(
            r["programme"]
            for r in engine.sql("SELECT programme FROM programmes ORDER BY programme")
        )
        raise NotFound(f"programme {programme!r} is not defined (programmes: {codes})")


def compute_figures(
    engine: FigureEngine,
    month: str,
    *,
    site: str | None = None,
    programme: str | None = None,
) -> dict[str, Any]:
    """Every key figure for the whole Jobcenter and per site (``lotse figures``)."""
    _check_scope(engine, site=site, programme=programme)
    params = Parameters(ref_m=parse_month(month), filter_site=site, filter_programme=programme)
    return figures_document(engine.run(params))


@dataclass
class ReportData:
    """Everything a report shows, computed; rendering only formats it."""

    options: ReportOptions
    results: Results
    savings: SavingsResult
    programme_names: dict[str, str]
    officer_names: dict[str, str]
    jobcenter_label: str
    history_from_m: int | None = None
    """Month of the earliest recorded job start: twelve-month windows reaching further back
    would count too few Integrationen, so trend and year-on-year leave them out."""

    @property
    def headline(self) -> dict[str, Any]:
        row = self.results.unit("jobcenter", "Jobcenter")
        return row or {}


def compute_report(engine: FigureEngine, options: ReportOptions) -> ReportData:
    """Compute a programme or Jobcenter report for one month."""
    _check_scope(engine, site=options.site, programme=options.programme)
    savings_in = options.savings
    params = Parameters(
        ref_m=options.ref_m,
        dimensions=REPORT_DIMENSIONS,
        trend_months=options.trend_months,
        filter_site=options.site,
        filter_programme=options.programme,
        programme_figures=True,
        waiting_months=savings_in.waiting_months,
        missing_llu_eur=savings_in.missing_llu_eur,
        top_up_share=savings_in.top_up_share,
        kdu_per_person_eur=savings_in.kdu_per_person_eur,
    )
    results = engine.run(params)
    savings = savings_against_cost(
        results.rows("savings", "jobcenter"),
        ref_m=params.ref_m,
        cohort=params.savings_range,
        assumptions=savings_in.assumptions(),
    )
    programmes = {r["programme"]: r["name"] or r["programme"] for r in results.rows("programmes")}
    officers = {
        r["officer_id"]: r["name"] or r["officer_id"]
        for r in engine.sql("SELECT officer_id, name FROM officers")
    }
    parts = []
    if options.programme:
        parts.append(programmes.get(options.programme, options.programme))
    if options.site:
        parts.append(f"Standort {options.site}")
    label = " · ".join(parts) if parts else "Jobcenter gesamt"
    first = engine.sql(
        "SELECT CAST(EXTRACT(YEAR FROM MIN(start_date)) * 12 + EXTRACT(MONTH FROM MIN(start_date))"
        " - 1 AS INTEGER) AS m FROM job_starts"
    )
    history = first[0]["m"] if first else None
    return ReportData(options, results, savings, programmes, officers, label, history)


def record_report(session: Session, options: ReportOptions, files: list[str]) -> None:
    """Note in the audit log that aggregated figures left Lotse as a report (flushes only)."""
    from lotse.domain.codes import AuditAction
    from lotse.models import AuditEntry

    session.add(
        AuditEntry(
            actor="cli:report",
            action=AuditAction.EXPORT,
            entity="report",
            entity_id=options.month,
            detail={"programme": options.programme, "site": options.site, "files": files},
        )
    )
    session.flush()
