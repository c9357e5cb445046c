"""Import an exchange-format folder into the database: upsert by exchange ids, all or nothing.

:func:`import_folder` reads and validates the whole folder first (:func:`~lotse.exchange.reader.
read_folder` plus the checks that need the database), so a broken folder raises
:class:`~lotse.errors.InvalidInput` before anything is written. It then writes file by file in
:data:`~lotse.exchange.schema.IMPORT_ORDER`, comparing every row with the database: a row whose
values are already stored is left untouched, so importing the same folder twice changes nothing.
Rows only in the database are left alone. The caller owns the transaction (flush, never commit).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse import audit_trail
from lotse.domain.codes import AuditAction
from lotse.errors import InvalidInput, Problem
from lotse.exchange.reader import ExchangeData, KnownIds, read_folder
from lotse.exchange.report import FileCounts, ImportProgress, ImportReport
from lotse.exchange.repository import ExchangeRepository
from lotse.exchange.rows import money_problems
from lotse.exchange.schema import BENEFIT_PERIODS, IMPORT_ORDER
from lotse.exchange.writer import Writer

__all__ = ["FileCounts", "ImportProgress", "ImportReport", "import_folder"]

ACTOR = "cli:import"


def import_folder(
    session: Session,
    folder: Path,
    *,
    actor: str = ACTOR,
    today: date | None = None,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Import every exchange-format file in ``folder``; raises InvalidInput before writing.

    ``today`` dates memberships opened or closed by this import (default: today).
    One audit entry records the run.
    """
    folder = Path(folder)
    repo = ExchangeRepository(session)
    if progress is not None:
        for spec in IMPORT_ORDER:
            if (folder / spec.name).is_file():
                progress.start(f"read {spec.name}", _count_rows(folder / spec.name))
    known = repo.known_ids()
    data = read_folder(
        folder,
        known=known,
        on_progress=None if progress is None else lambda n, k: progress.advance(f"read {n}", k),
    )
    problems = [*money_problems(data), *_overlaps_with_database(data, repo, known)]
    if problems:
        raise InvalidInput(problems)
    writer = Writer(repo, data, today or date.today(), progress)
    try:
        report = writer.run()
    except sa.exc.DBAPIError as exc:
        raise InvalidInput(
            Problem("database", f"the database refused the import: {exc.orig}", str(folder))
        ) from exc
    audit_trail.record(
        session,
        actor=actor,
        action=AuditAction.IMPORT,
        entity="exchange",
        entity_id=folder.name[:64] or None,
        detail=report.detail(),
    )
    session.flush()
    return report


def _count_rows(path: Path) -> int:
    """Data lines of a CSV file (an estimate for the progress bar: quoted line breaks count)."""
    with path.open("rb") as fh:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    return max(lines - 1, 0)


def _overlaps_with_database(
    data: ExchangeData, repo: ExchangeRepository, known: KnownIds
) -> list[Problem]:
    """Benefit periods of the folder that overlap a period the database holds for the person."""
    rows = data.get(BENEFIT_PERIODS)
    if not rows:
        return []
    stored = repo.periods_of({row["client_id"] for row in rows} & known.clients)
    if not stored:
        return []
    in_file = {(row["client_id"], row["start"]) for row in rows}
    far = date.max
    problems: list[Problem] = []
    for row, line in zip(rows, data.lines[BENEFIT_PERIODS.name], strict=True):
        for start, end in stored.get(row["client_id"], ()):
            if (row["client_id"], start) in in_file:
                continue  # the file replaces this period
            if row["start"] <= (end or far) and start <= (row["end"] or far):
                problems.append(
                    Problem("overlap", f"overlaps the period from {start.isoformat()} already "
                            "in the database", BENEFIT_PERIODS.name, line, "start",
                            row["start"].isoformat())
                )  # fmt: skip
    return problems
