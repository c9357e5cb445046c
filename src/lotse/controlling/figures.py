"""The programme dashboard's figures for a user: computed on the operational database with the
controlling report code, small counts suppressed for roles that see no client records.
"""

from __future__ import annotations

import base64
import re
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from lotse.access import audit
from lotse.access.principal import Access
from lotse.analytics.months import month_label
from lotse.controlling.schemas import ReportOptions
from lotse.controlling.service import ReportData, compute_report, engine_from_session
from lotse.controlling.suppression import suppress
from lotse.domain.codes import AuditAction
from lotse.errors import InvalidInput, Problem
from lotse.models import Programme, Site

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
BREAKDOWN_KEYS = {
    "elb_stock": "elb_stock",
    "elb_average_12m": "k2_elb_average_12m",
    "integrations_12m": "k2_integrations_12m",
    "integration_quota": "k2_integration_quota",
    "long_term_recipients": "k3_long_term_recipients",
}


def last_complete_month(today: date) -> str:
    """The month before ``today``'s (its figures are complete).

    >>> last_complete_month(date(2026, 1, 15))
    '2025-12'
    """
    return (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


def suppressed_for(access: Access) -> bool:
    """Roles without access to client records (controlling, administration) get suppression."""
    return not access.may("client", "read")


def options(
    session: Session,
    *,
    month: str,
    programme: str | None,
    site: str | None,
    reference: str | None,
) -> ReportOptions:
    """Validated report options; InvalidInput names every bad field (nothing is computed).

    ``reference`` is the reference Integrationsquote as entered (``11,3`` or ``11.3``).
    """
    problems = []
    quota: float | None = None
    if reference is not None and reference.strip():
        try:
            quota = float(reference.strip().replace(",", "."))
        except ValueError:
            problems.append(Problem("number", "not a number", column="reference", value=reference))
    if not MONTH.match(month):
        problems.append(Problem("month", "a month as YYYY-MM", column="month", value=month))
    if (
        programme
        and session.scalar(sa.select(Programme.id).where(Programme.code == programme)) is None
    ):
        problems.append(
            Problem("unknown_programme", "no such programme", column="programme", value=programme)
        )
    if site and session.scalar(sa.select(Site.id).where(Site.name == site)) is None:
        problems.append(Problem("unknown_site", "no such site", column="site", value=site))
    if quota is not None and not 0 <= quota <= 100:
        problems.append(
            Problem(
                "too_large", "a percentage from 0 to 100", column="reference", value=str(reference)
            )
        )
    if problems:
        raise InvalidInput(problems)
    return ReportOptions(
        month=month, programme=programme or None, site=site or None, reference_quota=quota
    )


def compute(session: Session, access: Access, opts: ReportOptions) -> ReportData:
    """The report's data for ``opts``; breakdown cells under five people blanked if needed."""
    data = compute_report(engine_from_session(session), opts)
    if suppressed_for(access):
        data.results = suppress(data.results)
    return data


def note_export(session: Session, access: Access, opts: ReportOptions, kind: str) -> None:
    """Aggregated figures left Lotse as a report file: written to the audit log."""
    audit.record(
        session,
        principal=access.principal,
        action=AuditAction.EXPORT,
        entity="report",
        entity_id=opts.month,
        detail={
            "programme": opts.programme,
            "site": opts.site,
            "format": kind,
            "suppressed": suppressed_for(access),
        },
    )


def svg_image(svg: str, alt: str) -> Markup:
    """An SVG chart as an ``<img>`` (a data URI: the page's style policy does not apply)."""
    if not svg:
        return Markup("")
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup(  # noqa: S704 - base64 text and an escaped alt text only
        f'<img class="report-chart" src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'
    )


def choices(session: Session) -> dict[str, list[tuple[str, str]]]:
    programmes = session.execute(sa.select(Programme.code, Programme.name).order_by(Programme.name))
    sites = session.scalars(sa.select(Site.name).order_by(Site.name))
    return {
        "programmes": [(c, n) for c, n in programmes],
        "sites": [(s, s) for s in sites],
    }


def unit_row(dimension: str, row: dict[str, Any]) -> dict[str, Any]:
    """One unit's figures for the API (suppressed cells ``None`` and named)."""
    return {
        "dimension": dimension,
        "unit": row["dim_value"],
        **{name: row.get(key) for name, key in BREAKDOWN_KEYS.items()},
        "suppressed": [n for n, k in BREAKDOWN_KEYS.items() if k in row.get("_suppressed", ())],
    }


def document(data: ReportData) -> dict[str, Any]:
    """The figures as the API returns them."""
    results = data.results
    head = results.unit("jobcenter", "Jobcenter") or {"dim_value": "Jobcenter"}
    dims = ("site", "team", "origin_group", "gender", "programme")
    stock = head.get("elb_stock") or 0
    reasons = [
        {
            "reason": r["reason"],
            "persons": r["persons"],
            "share_of_elb": round(100 * r["persons"] / stock, 1)
            if stock and r["persons"] is not None
            else None,
            "suppressed": "persons" in r.get("_suppressed", ()),
        }
        for r in results.rows("not_integrable", "jobcenter")
        if r["reason"] is not None
    ]
    funnels = [
        {
            "measure": r["measure"],
            "participants": r["participants"],
            "internships": r["internships"],
            "hired": r["hired"],
            "suppressed": bool(r.get("_suppressed")),
        }
        for r in results.rows("funnel", "jobcenter")
    ]
    s = data.savings
    return {
        "month": data.options.month,
        "scope": data.jobcenter_label,
        "reference_quota": data.options.reference_quota,
        "headline": unit_row("jobcenter", head),
        "trend": [
            {"month": month_label(r["m"]), "integration_quota": r["k2_integration_quota"]}
            for r in results.rows("trend", "jobcenter")
        ],
        "breakdowns": [unit_row(d, r) for d in dims for r in results.rows("key_figures", d)],
        "not_integrable": reasons,
        "funnels": funnels,
        "savings": {
            "integrations": s.integrations,
            "saved_eur": s.saved_eur,
            "cost_eur": s.cost_eur,
            "net_eur": s.net_eur,
            "savings_per_cost": s.savings_per_cost,
        },
    }


def pdf_bytes(html: str) -> bytes:
    """The report page as PDF (WeasyPrint, the report's own stylesheet)."""
    from weasyprint import HTML

    from lotse.controlling.report.html import TEMPLATES

    return bytes(HTML(string=html, base_url=str(TEMPLATES)).write_pdf())


def workbook_bytes(data: ReportData) -> bytes:
    """The report's tables as an Excel workbook."""
    import tempfile
    from pathlib import Path

    from lotse.controlling.report.xlsx import write_workbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.xlsx"
        write_workbook(data, path)
        return path.read_bytes()
