"""``lotse generate``: a synthetic Jobcenter as an exchange-format folder (no database)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lotse.cli._common import console, handle_errors, progress
from lotse.errors import InvalidInput, Problem
from lotse.simulation.generator import DEFAULT_SEED, check, generate
from lotse.simulation.profiles import PROFILES

_SHOWN = ("elb", "integration_quota", "ends_benefit_need_share")


def _parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise InvalidInput(
            Problem("date", "not an ISO date (YYYY-MM-DD)", column="as-of", value=text)
        ) from None


@handle_errors
def generate_cmd(
    jobcenter: Annotated[
        str, typer.Option("--jobcenter", "-j", help=f"Profile: {', '.join(PROFILES)}.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the files into.")],
    clients: Annotated[
        int | None,
        typer.Option(help="eLb at the reference date (scales the profile; default: its size)."),
    ] = None,
    vacancies: Annotated[int | None, typer.Option(help="Vacancies (default: 0.2 per eLb).")] = None,
    officers: Annotated[
        int | None,
        typer.Option(
            help="Placement officers (default: 1:75 under 25, 1:150 from 25, plus programme teams)."
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same files.")
    ] = DEFAULT_SEED,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Reference date YYYY-MM-DD (default: the profile's)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an export already in OUT.")
    ] = False,
) -> None:
    """Generate a synthetic Jobcenter (clients, vacancies, history, ...) in the exchange format."""
    reference = _parse_date(as_of)
    check(jobcenter, clients, vacancies, officers, reference)
    with progress() as bar:
        task = bar.add_task(f"Generating {jobcenter}", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        summary = generate(
            jobcenter,
            out=out,
            seed=seed,
            clients=clients,
            vacancies=vacancies,
            officers=officers,
            as_of=reference,
            on_progress=advance,
            overwrite=force,
        )
    table = Table(title=f"{summary.profile} (seed {summary.seed}, as of {summary.as_of})")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, rows in summary.rows.items():
        table.add_row(name, f"{rows:,}")
    console.print(table)
    figures = Table(title="Targets and what the files contain")
    for column in ("figure", "target", "produced"):
        figures.add_column(column, justify="left" if column == "figure" else "right")
    for name, target in summary.targets.items():
        if name in _SHOWN or "." in name or name.startswith("job_turbo"):
            figures.add_row(name, str(target["value"]), str(summary.produced.get(name, "–")))
    console.print(figures)
    console.print(f"Written to {summary.out} (manifest: generation.json)")
