"""Eligibility for a whole caseload: clients.csv of an exchange folder in, one CSV row per
client and measure out (``client_id``, ``measure``, ``decision``, ``reasons``).

Facts the exchange format lacks come from an optional parameters file: a CSV with ``client_id``
and any of the request parameters as columns (see :class:`~lotse.domain.eligibility_facts.Params`).
Nothing is written unless every input is valid; the output appears only when complete.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lotse.domain.eligibility import Applicant, MeasureRules, Params, evaluate_facts
from lotse.domain.eligibility_facts import PARAM_NAMES, build_facts, parse_params
from lotse.errors import InvalidInput, Problem
from lotse.exchange.reader import ExchangeData, read_folder
from lotse.exchange.schema import CLIENTS, HOUSEHOLDS, OFFICERS, PROGRAMMES, SITES

OUTPUT_COLUMNS = ("client_id", "measure", "decision", "reasons")


@dataclass
class BatchSummary:
    clients: int = 0
    rows: int = 0
    decisions: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


def read_clients(folder: Path) -> ExchangeData:
    """clients.csv (and the files its rows point to) read and validated by the exchange reader."""
    data = read_folder(folder, files=(SITES, PROGRAMMES, OFFICERS, HOUSEHOLDS, CLIENTS))
    if not data.has(CLIENTS):
        raise InvalidInput(Problem("folder", "clients.csv is missing", file=str(folder)))
    return data


def read_params(path: Path, client_ids: set[str]) -> dict[str, Params]:
    """Per client the request parameters of a parameters file; every problem at once."""
    problems: list[Problem] = []
    result: dict[str, Params] = {}
    name = path.name
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
            header = rows[0].keys() if rows else []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InvalidInput(
            Problem("file", f"cannot read the parameters file: {exc}", name)
        ) from None
    for column in header:
        if column != "client_id" and column not in PARAM_NAMES:
            problems.append(
                Problem(
                    "header",
                    "unknown parameter (known: " + ", ".join(PARAM_NAMES) + ")",
                    name,
                    1,
                    column,
                )
            )
    for line, row in enumerate(rows, start=2):
        ref = (row.get("client_id") or "").strip()
        if ref not in client_ids:
            problems.append(
                Problem("reference", "not defined in clients.csv", name, line, "client_id", ref)
            )
            continue
        if ref in result:
            problems.append(Problem("unique", "client appears twice", name, line, "client_id", ref))
            continue
        values = {k: (v or "").strip() for k, v in row.items() if k in PARAM_NAMES}
        params, bad = parse_params(values)
        problems += [
            Problem("parameter", msg, name, line, col, values.get(col)) for col, msg in bad
        ]
        result[ref] = params
    if problems:
        raise InvalidInput(problems)
    return result


def _applicant(row: dict[str, Any]) -> Applicant:
    return Applicant(
        status=row["status"],
        birth_year=row["birth_year"],
        citizenship=row["citizenship"],
        residence_status=row["residence_status"],
        work_permitted=row["work_permitted"],
        german_level=row["german_level"],
        integration_course=row["integration_course"],
        qualification=row["qualification"],
        degree_recognition=row["degree_recognition"],
        unemployed_since=row["unemployed_since"],
    )


def eligibility_batch(
    measures: Sequence[MeasureRules],
    folder: Path,
    out: Path,
    *,
    on: date,
    params_file: Path | None = None,
    common: Params | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Write the eligibility of every client in ``folder`` for ``measures`` to ``out`` (CSV)."""
    data = read_clients(folder)
    clients = data.get(CLIENTS)
    per_client = read_params(params_file, {r["client_id"] for r in clients}) if params_file else {}
    base = common or Params()
    summary = BatchSummary(clients=len(clients), warnings=list(data.warnings))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(OUTPUT_COLUMNS)
            for i, row in enumerate(clients, start=1):
                params = (
                    base.merged(per_client[row["client_id"]])
                    if row["client_id"] in per_client
                    else base
                )
                facts = build_facts(_applicant(row), params, on=on)
                for measure in measures:
                    answer = evaluate_facts(measure, facts)
                    writer.writerow(
                        (row["client_id"], measure.code, answer.decision.value, answer.summary())
                    )
                    summary.decisions[answer.decision.value] += 1
                    summary.rows += 1
                if on_progress is not None and i % 1000 == 0:
                    on_progress(1000)
            if on_progress is not None:
                on_progress(len(clients) % 1000)
        Path(tmp).replace(out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return summary
