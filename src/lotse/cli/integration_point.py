"""``lotse integration-point``: figures, the Art. 15 export, loading generated cases."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lotse.cli._common import console, db_session, handle_errors, pct, progress
from lotse.errors import InvalidInput, Problem

app = typer.Typer(
    help="Integration Point: one case shared by four agencies, with consent.",
    no_args_is_help=True,
)


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise InvalidInput(
            Problem("date", "not an ISO date (YYYY-MM-DD)", column=option, value=text)
        ) from None


STATUS_SHORT = {
    "asylum_pending": "Gestattung",
    "tolerated": "Duldung",
    "recognised_refugee": "anerkannt",
    "subsidiary_protection": "subsidiär",
    "temporary_protection": "§ 24",
    "other_permit": "sonstige",
    "eu": "EU",
    "german": "deutsch",
    "unknown": "unbekannt",
}
AGE_DE = {
    "under_25": "unter 25",
    "25_34": "25–34",
    "35_49": "35–49",
    "50_plus": "50+",
    "unknown": "unbekannt",
}
KIND_DE = {
    "recognition_counselling": "Anerkennungsberatung (IQ)",
    "childcare": "Kinderbetreuung",
    "language_course": "Sprachkurs",
    "work_permit": "Beschäftigungserlaubnis",
    "benefits": "Lebensunterhalt",
    "housing": "Wohnen",
    "health": "Gesundheit",
    "other": "Sonstiges",
}


def _share(value: float | None) -> str:
    return pct(value)


@app.command("figures")
@handle_errors
def figures_cmd(
    start: Annotated[
        str | None, typer.Option("--from", help="First day YYYY-MM-DD (default: first contact).")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (default: today).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Write a bar chart (PNG) of advised per month.")
    ] = None,
) -> None:
    """People advised by month, legal status and age group; handovers on time; referrals."""
    from lotse.integration_point.access import today
    from lotse.integration_point.figures import figures

    with db_session() as session:
        f = figures(session, start=_date(start, "from"), end=_date(end, "to"), today=today())
    if as_json:
        payload = dict(vars(f).items()) | {
            "handovers_on_time_share": f.handovers_on_time_share,
            "referrals_completed_share": f.referrals_completed_share,
        }
        console.print_json(json.dumps(payload, default=str))
        return
    console.rule(f"Integration Point {f.start:%d.%m.%Y} – {f.end:%d.%m.%Y}")
    console.print(f"Beraten (Erstkontakt im Zeitraum): [bold]{f.advised}[/]")
    months = Table(title="Beraten nach Monat des Erstkontakts")
    months.add_column("Monat")
    statuses = list(f.advised_by_status)
    for status in statuses:
        months.add_column(STATUS_SHORT.get(status, status), justify="right")
    months.add_column("gesamt", justify="right")
    for month, n in f.advised_by_month.items():
        row = f.advised_by_month_and_status.get(month, {})
        months.add_row(month, *(str(row.get(s, 0)) for s in statuses), str(n))
    console.print(months)
    ages = Table(title="Beraten nach Altersgruppe")
    ages.add_column("Altersgruppe")
    ages.add_column("Personen", justify="right")
    for group, n in f.advised_by_age.items():
        ages.add_row(AGE_DE.get(group, group), str(n))
    console.print(ages)
    console.print(
        f"Übergaben: {f.handovers} begonnen, {f.handovers_on_time} fristgerecht, "
        f"{f.handovers_late} verspätet/überfällig, {f.handovers_pending} offen "
        f"(fristgerecht: {_share(f.handovers_on_time_share)})"
    )
    kinds = Table(title="Weiterleitungen")
    for column in ("Anlass", "gesamt", "erledigt", "überfällig"):
        kinds.add_column(column, justify="left" if column == "Anlass" else "right")
    for kind, c in f.referrals_by_kind.items():
        kinds.add_row(
            KIND_DE.get(kind, kind), str(c["total"]), str(c["completed"]), str(c["overdue"])
        )
    console.print(kinds)
    console.print(
        f"Weiterleitungen: {f.referrals}, erledigt {f.referrals_completed} "
        f"({_share(f.referrals_completed_share)}), abgelehnt/zurückgezogen "
        f"{f.referrals_declined_or_cancelled}, offen {f.referrals_open} "
        f"(davon überfällig {f.referrals_overdue})"
    )
    if chart is not None:
        from lotse.integration_point.chart import advised_chart  # matplotlib: only if asked

        advised_chart(f, chart)
        console.print(f"Chart: {chart}")


@app.command("export")
@handle_errors
def export_cmd(
    ref: Annotated[str, typer.Argument(help="The person's client id (exchange id).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the JSON, HTML and PDF.")],
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write a PDF.")] = True,
) -> None:
    """Everything Lotse holds about a person (Art. 15 GDPR), as JSON, HTML and PDF."""
    from lotse.integration_point import export

    out.mkdir(parents=True, exist_ok=True)
    with db_session() as session:
        found = export.for_cli(session, ref, fmt="json+html", actor="cli:integration-point export")
    base = out / f"auskunft-{found.ref}"
    Path(f"{base}.json").write_text(
        json.dumps(found.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    Path(f"{base}.html").write_text(export.to_html(found), encoding="utf-8")
    written = [f"{base}.json", f"{base}.html"]
    if pdf:
        Path(f"{base}.pdf").write_bytes(export.to_pdf(found))
        written.append(f"{base}.pdf")
    rows = sum(len(r) for r in found.tables.values())
    console.print(
        f"{found.ref}: {rows} rows in {len(found.tables)} tables, "
        f"{len(found.access_log)} log entries → " + ", ".join(written)
    )


@app.command("load")
@handle_errors
def load_cmd(
    folder: Annotated[Path, typer.Argument(help="A folder with ip_cases.csv etc.")],
) -> None:
    """Load generated Integration Point cases (after ``lotse import`` of the same folder)."""
    from lotse.integration_point.loader import load

    with progress() as bar:
        task = bar.add_task("Loading Integration Point cases", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        with db_session() as session:
            summary = load(session, folder, on_progress=advance)
    console.print(
        f"{summary.cases} cases, {summary.consents} consents, {summary.referrals} referrals, "
        f"{summary.handovers} handovers loaded"
        + (f"; {summary.skipped} cases existed already" if summary.skipped else "")
    )
