"""Export the database to an exchange-format folder, streaming row batches from the database.

Every file of :data:`~lotse.exchange.schema.IMPORT_ORDER` that has rows is written with the
spec's canonical columns and cell formatting (:func:`~lotse.exchange.schema.write_csv`), rows
sorted by the file's key. Coordinates that were derived from a postcode are left empty, so a
folder imported and exported again gives the same rows; a folder written canonically (sorted,
canonical formatting) comes back byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse import audit_trail
from lotse.domain.codes import AuditAction
from lotse.errors import Conflict
from lotse.exchange.export_repository import ExportRepository
from lotse.exchange.report import ImportProgress
from lotse.exchange.repository import ExchangeRepository
from lotse.exchange.schema import CLIENTS, IMPORT_ORDER, PROGRAMMES, FileSpec, write_csv

ACTOR = "cli:export"
BATCH = 5000


@dataclass
class ExportReport:
    folder: Path
    files: dict[str, int] = field(default_factory=dict)
    """Rows written per file (files without rows are not written)."""


def export_folder(
    session: Session,
    folder: Path,
    *,
    actor: str = ACTOR,
    overwrite: bool = False,
    progress: ImportProgress | None = None,
) -> ExportReport:
    """Write every exchange file that has rows to ``folder`` (created if missing).

    Refuses (Conflict) when the folder already holds exchange files, unless ``overwrite``; then
    exchange files the database has no rows for are removed, so the folder matches the database.
    One audit entry records the run.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    present = [s.name for s in IMPORT_ORDER if (folder / s.name).exists()]
    if present and not overwrite:
        raise Conflict(
            f"{folder} already holds exchange files ({', '.join(present)}): "
            "choose an empty folder or overwrite them"
        )
    repo = ExportRepository(session)
    report = ExportReport(folder)
    for spec in IMPORT_ORDER:
        path = folder / spec.name
        batches = _batches(session, repo, spec)
        first = next(batches, None)
        if first is None:
            path.unlink(missing_ok=True)
            continue
        label = f"write {spec.name}"
        if progress is not None:
            progress.start(label, _count(session, repo, spec))
        tmp = path.with_suffix(".csv.part")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            report.files[spec.name] = write_csv(fh, spec, _rows(first, batches, progress, label))
        tmp.replace(path)
    audit_trail.record(
        session,
        actor=actor,
        action=AuditAction.EXPORT,
        entity="exchange",
        entity_id=folder.name[:64] or None,
        detail={"folder": str(folder), "files": dict(report.files)},
    )
    session.flush()
    return report


def _count(session: Session, repo: ExportRepository, spec: FileSpec) -> int:
    stmt = repo.statement(spec.name).order_by(None)
    return int(session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0)


def _rows(
    first: list[dict[str, Any]],
    rest: Iterator[list[dict[str, Any]]],
    progress: ImportProgress | None,
    label: str,
) -> Iterator[dict[str, Any]]:
    batch: list[dict[str, Any]] | None = first
    while batch is not None:
        yield from batch
        if progress is not None:
            progress.advance(label, len(batch))
        batch = next(rest, None)


def _batches(
    session: Session, repo: ExportRepository, spec: FileSpec
) -> Iterator[list[dict[str, Any]]]:
    """The file's rows as exchange rows, a batch at a time (server-side cursor on PostgreSQL)."""
    stmt = repo.statement(spec.name).execution_options(yield_per=BATCH)
    for partition in session.execute(stmt).mappings().partitions():
        yield _finish(spec, [dict(m) for m in partition], session)


def _finish(spec: FileSpec, rows: list[dict[str, Any]], session: Session) -> list[dict[str, Any]]:
    """Turn table values into exchange values where the two differ."""
    if spec is PROGRAMMES:
        for row in rows:
            row["target_rule"] = row["target_rule"] or None  # no conditions: an empty cell
    if "coords_given" in (rows[0] if rows else {}):
        for row in rows:
            if not row.pop("coords_given"):
                row["lat"] = row["lon"] = None
    if spec is CLIENTS:
        _add_client_lists(rows, session)
    return rows


def _add_client_lists(rows: Sequence[dict[str, Any]], session: Session) -> None:
    ids = [row.pop("id") for row in rows]
    occupations = ExchangeRepository(session).occupations(ids)
    programmes = ExportRepository(session).open_programmes(ids)
    for client_id, row in zip(ids, rows, strict=True):
        row["target_kldb"] = occupations.get(client_id, [])
        row["programmes"] = programmes.get(client_id, [])
