"""``lotse import`` and ``lotse export`` against fresh committed databases (SQLite, PostgreSQL)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from lotse.cli.main import app
from lotse.db.engine import get_engine
from lotse.models import AuditEntry, ProgrammeMembership
from tests.exchange_samples import SMALL, row_counts, write_folder

runner = CliRunner()


def _counts(url: str) -> dict[str, int]:
    with Session(get_engine(url)) as session:
        return row_counts(session)


def _broken_folder(folder: Path) -> Path:
    """SMALL with one broken rule per line; the comments say which."""
    clients = SMALL["clients.csv"].splitlines()
    files = dict(SMALL)
    files["clients.csv"] = "\n".join([
        clients[0],
        clients[1].replace("51311;52531", "51311;99999"),  # line 2: unknown KldB code
        clients[2].replace("06366", "00000"),  # line 3: unknown postcode
        clients[3].replace("2020-01-15", "2020-13-15"),  # line 4: bad date
        clients[4].replace(",false,2024-09-30", ",yes,2024-09-30"),  # line 5: bad boolean
        clients[1],  # line 6: duplicate id C001
    ]) + "\n"  # fmt: skip
    files["history.csv"] = SMALL["history.csv"] + "C999,V01,2025-02-10,hired\n"  # line 5
    files["benefit_periods.csv"] = SMALL["benefit_periods.csv"] + "C001,2022-06-01,2022-08-31,\n"
    out = io.StringIO()  # vacancies.csv without its required column title
    for cells in csv.reader(io.StringIO(SMALL["vacancies.csv"])):
        csv.writer(out, lineterminator="\n").writerow(cells[:2] + cells[3:])
    files["vacancies.csv"] = out.getvalue()
    return write_folder(folder, files)


# (file, line, column, value, rule) of every problem _broken_folder holds, worked out by hand.
EXPECTED = [
    ("clients.csv", 2, "target_kldb", "'51311;99999'", "kldb"),
    ("clients.csv", 3, "plz", "'00000'", "plz"),
    ("clients.csv", 4, "unemployed_since", "'2020-13-15'", "date"),
    ("clients.csv", 5, "driving_licence", "'yes'", "bool"),
    ("clients.csv", 6, "client_id", "'C001'", "unique"),
    ("vacancies.csv", 1, "title", None, "header"),
    ("benefit_periods.csv", 5, "start", "'2022-06-01'", "overlap"),
    ("history.csv", 5, "client_id", "'C999'", "reference"),
]


def test_a_broken_folder_is_refused_line_by_line_and_nothing_is_written(
    database_url: str, tmp_path: Path
) -> None:
    assert runner.invoke(app, ["import", str(write_folder(tmp_path / "ok", SMALL))]).exit_code == 0
    before = _counts(database_url)

    result = runner.invoke(app, ["import", str(_broken_folder(tmp_path / "broken"))])

    assert result.exit_code != 0
    lines = result.stderr.splitlines()
    assert lines[0] == f"{len(EXPECTED)} problem(s) found:"
    assert lines[-1] == "Nothing was written."
    problems = lines[1:-1]
    assert len(problems) == len(EXPECTED)
    for file, line, column, value, rule in EXPECTED:
        matching = [
            p
            for p in problems
            if p.strip().startswith(f"{file}, line {line}, column {column}")
            and (value is None or f"value {value}" in p)
            and p.endswith(f"[{rule}]")
        ]
        assert len(matching) == 1, (file, line, column, rule, problems)
    assert _counts(database_url) == before


def test_import_twice_then_export_gives_the_folder_back_and_logs_each_run(
    database_url: str, tmp_path: Path
) -> None:
    folder = write_folder(tmp_path / "in", SMALL)
    first = runner.invoke(app, ["import", str(folder)])
    assert first.exit_code == 0, first.output
    assert re.search(r"clients\.csv\s+│\s+4\s+│\s+0\s+│\s+0\s+│", first.stdout)
    second = runner.invoke(app, ["import", str(folder)])
    assert second.exit_code == 0, second.output
    assert re.search(r"clients\.csv\s+│\s+0\s+│\s+0\s+│\s+4\s+│", second.stdout)
    assert "Nothing changed" in second.stdout
    exported = runner.invoke(app, ["export", str(tmp_path / "out")])
    assert exported.exit_code == 0, exported.output
    for name in SMALL:
        assert (tmp_path / "out" / name).read_bytes() == (folder / name).read_bytes(), name
    with Session(get_engine(database_url)) as session:
        runs = session.execute(
            sa.select(AuditEntry.actor, AuditEntry.action).order_by(AuditEntry.id)
        ).all()
    assert [(actor, str(action)) for actor, action in runs] == [
        ("cli:import", "import"), ("cli:import", "import"), ("cli:export", "export"),
    ]  # fmt: skip
    again = runner.invoke(app, ["export", str(tmp_path / "out")])
    assert again.exit_code != 0
    assert "already holds exchange files" in " ".join(again.stderr.split())


def test_import_as_of_a_day_dates_the_memberships_it_opens_on_that_day(
    database_url: str, tmp_path: Path
) -> None:
    # A folder exported on 31 December is imported later: its programme memberships hold
    # from 31 December, so a quarter planned from 1 January finds the members.
    folder = write_folder(tmp_path / "in", SMALL)
    bad = runner.invoke(app, ["import", str(folder), "--as-of", "2025-12-32"])
    assert bad.exit_code != 0
    assert "--as-of" in bad.stderr
    assert "2025-12-32" in bad.stderr
    assert _counts(database_url)["clients"] == 0
    done = runner.invoke(app, ["import", str(folder), "--as-of", "2025-12-31"])
    assert done.exit_code == 0, done.output
    with Session(get_engine(database_url)) as session:
        since = set(session.scalars(sa.select(ProgrammeMembership.since)))
    assert since == {date(2025, 12, 31)}
