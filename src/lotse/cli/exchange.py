"""``lotse import`` and ``lotse export``: the exchange format (docs/exchange-format.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, TaskID
from rich.table import Table

from lotse.cli._common import console, db_session, err_console, handle_errors, progress
from lotse.cli._measures_common import day
from lotse.exchange.exporter import export_folder
from lotse.exchange.importer import import_folder

LARGE = 20_000
"""Rows (roughly: lines of all files) from which a progress bar is shown."""


class _Bars:
    """Rich progress bars fed by the import/export service."""

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.tasks: dict[str, TaskID] = {}

    def start(self, label: str, total: int) -> None:
        self.tasks[label] = self.bar.add_task(label, total=total)

    def advance(self, label: str, n: int) -> None:
        if label in self.tasks:
            self.bar.advance(self.tasks[label], n)


def _folder_lines(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(p.stat().st_size for p in folder.glob("*.csv")) // 100  # ~100 bytes a row


@handle_errors
def import_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder with the exchange-format CSV files.")],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Day the folder's state holds for (YYYY-MM-DD): programme memberships it "
            "opens or closes are dated on it. Default: today.",
        ),
    ] = None,
) -> None:
    """Import an exchange-format folder (all or nothing; a second import changes nothing)."""
    show = _folder_lines(folder) >= LARGE
    today = day(as_of, "--as-of")
    with db_session() as session:
        if show:
            with progress() as bar:
                report = import_folder(session, folder, today=today, progress=_Bars(bar))
        else:
            report = import_folder(session, folder, today=today)
    table = Table("file", "inserted", "updated", "unchanged", title=f"Imported {folder}")
    for name, counts in report.files.items():
        table.add_row(name, str(counts.inserted), str(counts.updated), str(counts.unchanged))
    console.print(table)
    for what, n in report.created.items():
        console.print(f"created from names alone: {n} {what}")
    if report.memberships_opened or report.memberships_closed:
        console.print(
            f"programme memberships: {report.memberships_opened} opened, "
            f"{report.memberships_closed} closed"
        )
    for warning in report.warnings:
        err_console.print(f"warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    if not report.changed:
        console.print("Nothing changed: the database already held every row.")


@handle_errors
def export_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder to write (created if missing).")],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace exchange files already in the folder.")
    ] = False,
) -> None:
    """Export the database to an exchange-format folder."""
    with db_session() as session, progress() as bar:
        report = export_folder(session, folder, overwrite=overwrite, progress=_Bars(bar))
    table = Table("file", "rows", title=f"Exported to {folder}")
    for name, n in report.files.items():
        table.add_row(name, str(n))
    console.print(table)
