"""``lotse figures`` and ``lotse report``: the key figures and the controlling report."""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from lotse.analytics.engine import FigureEngine
from lotse.analytics.figures import FIGURES
from lotse.cli._common import console, db_session, handle_errors, progress
from lotse.controlling.report import fmt
from lotse.errors import InvalidInput, Problem

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Exchange-format folder (CSV or Parquet) instead of the database.",
        file_okay=False,
    ),
]
MonthOpt = Annotated[str, typer.Option("--month", help="Reference month YYYY-MM.")]
SiteOpt = Annotated[str | None, typer.Option("--site", help="Only the clients of this site.")]
ProgrammeOpt = Annotated[
    str | None, typer.Option("--programme", help="Only the members of this programme (code).")
]


def _engine(data: Path | None, session: Any) -> FigureEngine:
    from lotse.controlling.service import engine_from_folder, engine_from_session

    return engine_from_folder(data) if data is not None else engine_from_session(session)


def _format(unit: str, value: Any) -> str:
    if unit == "percent":
        return fmt.percent(value)
    if unit == "eur":
        return fmt.euro(value)
    if unit == "average":
        return fmt.number(value, 1)
    return fmt.number(value)


@handle_errors
def figures(
    month: MonthOpt,
    output: Annotated[str, typer.Option("--format", help="json or table.")] = "table",
    data: DataOpt = None,
    site: SiteOpt = None,
    programme: ProgrammeOpt = None,
) -> None:
    """Print every key figure (§ 48a SGB II) for the whole Jobcenter and per site."""
    from lotse.controlling.service import compute_figures

    if output not in ("json", "table"):
        raise InvalidInput(Problem("format", "use json or table", column="--format", value=output))
    with nullcontext(None) if data is not None else db_session() as session:
        doc = compute_figures(_engine(data, session), month, site=site, programme=programme)
    if output == "json":
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    units = {"Jobcenter": doc["jobcenter"], **doc["sites"]}
    table = Table(title=f"Kennzahlen nach § 48a SGB II, {doc['month']}", title_justify="left")
    table.add_column("Kennzahl")
    for name in units:
        table.add_column(name, justify="right")
    for f in FIGURES:
        table.add_row(f.label, *(_format(f.unit, u.get(f.key)) for u in units.values()))
    console.print(table)


@handle_errors
def report(
    month: MonthOpt,
    out: Annotated[
        Path,
        typer.Option("--out", help="Folder for the HTML, PDF and Excel files.", file_okay=False),
    ],
    programme: ProgrammeOpt = None,
    site: SiteOpt = None,
    data: DataOpt = None,
    reference: Annotated[
        float | None,
        typer.Option("--reference", help="Reference Integrationsquote in percent, e.g. 11.3."),
    ] = None,
    reference_label: Annotated[
        str, typer.Option("--reference-label", help="What the reference value is.")
    ] = "Landesdurchschnitt",
    extra_staff: Annotated[
        float,
        typer.Option(
            "--extra-staff", help="Extra full-time staff of the programme (savings vs cost)."
        ),
    ] = 0.0,
    cost_per_fte: Annotated[
        float | None,
        typer.Option("--cost-per-fte", help="Cost of one full-time post per year in euro."),
    ] = None,
    waiting: Annotated[
        int, typer.Option("--waiting", help="Waiting period in months before a saving counts.")
    ] = 6,
    top_up_share: Annotated[
        float,
        typer.Option(
            "--top-up-share",
            help="Share of LLU still paid when need was only reduced and no amount is recorded.",
        ),
    ] = 0.5,
    missing_llu: Annotated[
        float, typer.Option("--missing-llu", help="LLU per month assumed where none is recorded.")
    ] = 563.0,
    kdu_per_person: Annotated[
        float,
        typer.Option(
            "--kdu-per-person", help="Housing cost per person where the household has none."
        ),
    ] = 0.0,
    trend_months: Annotated[
        int, typer.Option("--trend-months", help="Months shown in the quota trend.")
    ] = 24,
) -> None:
    """Write the controlling report for a month: HTML page with charts, PDF and Excel."""
    from lotse.controlling.report.html import render_html, write_pdf
    from lotse.controlling.report.xlsx import write_workbook
    from lotse.controlling.schemas import ReportOptions, SavingsInput
    from lotse.controlling.service import compute_report, record_report

    savings: dict[str, Any] = {
        "waiting_months": waiting,
        "extra_staff_fte": extra_staff,
        "top_up_share": top_up_share,
        "missing_llu_eur": missing_llu,
        "kdu_per_person_eur": kdu_per_person,
    }
    if cost_per_fte is not None:
        savings["annual_cost_per_fte_eur"] = cost_per_fte
    try:
        options = ReportOptions(
            month=month,
            programme=programme,
            site=site,
            reference_quota=reference,
            reference_label=reference_label,
            trend_months=trend_months,
            savings=SavingsInput(**savings),
        )
    except ValueError as exc:
        raise InvalidInput(Problem("option", str(exc).splitlines()[-1].strip())) from None
    stem = "-".join(["bericht", options.month, *(x for x in (programme, site) if x)])
    out.mkdir(parents=True, exist_ok=True)
    paths = {ext: out / f"{stem.replace(' ', '_')}.{ext}" for ext in ("html", "pdf", "xlsx")}
    with progress() as bar, nullcontext(None) if data is not None else db_session() as session:
        task = bar.add_task("Bericht", total=5)
        engine = _engine(data, session)
        bar.update(task, advance=1, description="Kennzahlen")
        result = compute_report(engine, options)
        bar.update(task, advance=1, description="HTML")
        html = render_html(result)
        paths["html"].write_text(html, encoding="utf-8")
        bar.update(task, advance=1, description="PDF")
        write_pdf(html, paths["pdf"])
        bar.update(task, advance=1, description="Excel")
        write_workbook(result, paths["xlsx"])
        if session is not None:
            record_report(session, options, [str(p) for p in paths.values()])
        bar.update(task, advance=1, description="fertig")
    head = result.headline
    console.print(
        f"{result.jobcenter_label}, {fmt.month_name(options.ref_m)}: "
        f"Integrationsquote {fmt.percent(head.get('k2_integration_quota'))} "
        f"({fmt.number(head.get('k2_integrations_12m'))} Integrationen, "
        f"Ø {fmt.number(head.get('k2_elb_average_12m'), 1)} eLb)"
    )
    s = result.savings
    console.print(
        f"Einsparung {fmt.euro(s.saved_eur)} gegen Personalkosten {fmt.euro(s.cost_eur)}"
        f" (Saldo {fmt.euro(s.net_eur)}); Annahmen: {s.assumptions.as_dict()}",
        highlight=False,
    )
    for path in paths.values():
        console.print(f"  {path}")
