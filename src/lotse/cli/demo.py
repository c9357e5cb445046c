"""``lotse demo``: build the demo Jobcenter and show what Lotse holds."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy.engine import make_url

from lotse.cli._common import console, database_url, db_session, err_console, handle_errors
from lotse.controlling.report.fmt import number
from lotse.errors import Conflict
from lotse.registry.service import RegistrySummary, summarise


def _reset_sqlite(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise Conflict("--reset only removes a SQLite demo file; empty other databases yourself")
    for suffix in ("", "-wal", "-shm"):
        Path(parsed.database + suffix).unlink(missing_ok=True)


_STATUS_DE = {"active": "aktiv", "integrated": "integriert", "left": "abgemeldet"}


def print_summary(summary: RegistrySummary) -> None:
    sites = Table(title="Standorte")
    for col in ("Standort", "Kund:innen", "davon in JC-Betreuung", "Fachkräfte", "Schlüssel 1:x"):
        sites.add_column(col, justify="left" if col == "Standort" else "right")
    for s in summary.sites:
        ratio = "–" if s.ratio is None else number(s.ratio)
        sites.add_row(s.site, number(s.clients), number(s.active_clients), str(s.officers), ratio)
    sites.add_row("[b]gesamt[/]", number(summary.total_clients),
                  number(sum(s.active_clients for s in summary.sites)), str(summary.total_officers),
                  "")  # fmt: skip
    console.print(sites)
    programmes = Table(title="Kund:innen nach Programm")
    for col in ("Programm", "Art", "Mitglieder", "davon in JC-Betreuung"):
        programmes.add_column(col, justify="left" if col in ("Programm", "Art") else "right")
    for p in summary.programmes:
        kind = "Fokusgruppe" if p.kind == "focus_group" else "Programm"
        members = (number(p.members), number(p.active_members))
        programmes.add_row(f"{p.name} ({p.code})", kind, *members)
    console.print(programmes)
    status = ", ".join(
        f"{_STATUS_DE.get(k, k)}: {number(v)}" for k, v in sorted(summary.clients_by_status.items())
    )
    console.print(f"Status der Fälle: {status}")
    vacancies = Table(title="Offene Stellen nach Anforderungsniveau")
    for col in ("Niveau", "Stellen", "Plätze"):
        vacancies.add_column(col, justify="left" if col == "Niveau" else "right")
    for v in summary.open_vacancies:
        vacancies.add_row(v.level, number(v.vacancies), number(v.openings))
    console.print(vacancies)


@handle_errors
def demo(
    reset: Annotated[
        bool, typer.Option("--reset", help="Remove the SQLite demo file and build it again.")
    ] = False,
    seed: Annotated[int, typer.Option(help="Seed of the generated Jobcenter.")] = 2024,
) -> None:
    """Build the demo Jobcenter (if the database is empty) and show what Lotse holds."""
    from lotse.demo.service import DEMO_PASSWORD, build_demo, has_clients
    from lotse.simulation.generator import generate

    url = database_url()
    if reset:
        _reset_sqlite(url)
    today = date.today()
    with db_session() as session:
        if has_clients(session):
            console.print(f"{url} holds a Jobcenter already (lotse demo --reset builds it anew).")
        else:
            # The demo lives in the present: its records run up to the end of last month.
            as_of = today.replace(day=1) - timedelta(days=1)
            with tempfile.TemporaryDirectory(prefix="lotse-demo-") as tmp:
                folder = Path(tmp) / "demo"
                with err_console.status("Generating the demo Jobcenter ..."):
                    generated = generate("demo", out=folder, seed=seed, as_of=as_of)
                with err_console.status("Importing it and planning the quarter ..."):
                    report = build_demo(session, folder, today=today)
            console.print(
                f"Demo-Jobcenter (Profil {generated.profile}, Stand {as_of:%d.%m.%Y}) in {url}: "
                f"{report.measures} Maßnahmen im Katalog, {report.course_runs} Kursdurchgänge, "
                f"{len(report.accounts)} Konten."
            )
            if report.quarter is not None:
                q = report.quarter
                console.print(
                    f"Quartal ab {q.start:%d.%m.%Y} geplant: "
                    f"{q.contacts.contacts_planned} Termine, "
                    f"{q.reassignments} Umverteilungen, {q.calendar.on_weekends} am Wochenende, "
                    f"{q.calendar.on_public_holidays} an Feiertagen."
                )
            console.print(
                f"{report.proposals} Vermittlungsvorschläge warten auf die Entscheidung der "
                f"Fachkräfte (Einstellungsmodell: {report.model})."
            )
            console.print(
                "Anmelden mit [b]lotse serve[/] → http://127.0.0.1:8000, z. B. als "
                f"[b]teamleitung[/], [b]controlling[/], [b]arbeitgeberservice[/] oder "
                f"[b]admin[/], Passwort [b]{DEMO_PASSWORD}[/]"
            )
        print_summary(summarise(session))
