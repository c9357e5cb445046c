"""``lotse integration-point`` on fresh committed databases (SQLite, PostgreSQL)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from lotse.cli.main import app
from lotse.db.engine import get_engine
from lotse.domain.codes import AuditAction
from lotse.models import AuditEntry, IntegrationCase
from lotse.simulation.generator import generate
from lotse.simulation.integration_point import CASES_FILE, REFERRALS_FILE

runner = CliRunner()


def _generated(tmp_path: Path) -> Path:
    out = tmp_path / "duisburg"
    generate("duisburg", out=out, clients=2500, seed=11)
    return out


def test_figures_of_a_generated_integration_point_count_every_first_contact(
    database_url: str, tmp_path: Path
) -> None:
    folder = _generated(tmp_path)
    assert runner.invoke(app, ["import", str(folder)]).exit_code == 0
    loaded = runner.invoke(app, ["integration-point", "load", str(folder)])
    assert loaded.exit_code == 0, loaded.output
    result = runner.invoke(
        app, ["integration-point", "figures", "--from", "2025-01-01", "--to", "2025-09-30",
              "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    # Independent count from the file: first contacts per month of ip_cases.csv.
    lines = (folder / CASES_FILE).read_text(encoding="utf-8").splitlines()[1:]
    months = Counter(line.split(",")[1][:7] for line in lines)
    assert figures["advised"] == len(lines) > 0
    assert {m: n for m, n in figures["advised_by_month"].items() if n} == dict(months)
    assert sum(figures["advised_by_age"].values()) == len(lines)
    referrals = (folder / REFERRALS_FILE).read_text(encoding="utf-8").splitlines()[1:]
    assert figures["referrals"] == len(referrals)
    assert figures["referrals_completed"] == sum(",completed," in r for r in referrals)
    again = runner.invoke(app, ["integration-point", "load", str(folder)])
    assert again.exit_code == 0, again.output
    assert f"{len(lines)} cases existed already" in again.output


def test_loading_a_broken_folder_names_every_problem_and_writes_nothing(
    database_url: str, tmp_path: Path
) -> None:
    folder = _generated(tmp_path)
    assert runner.invoke(app, ["import", str(folder)]).exit_code == 0
    cases = (folder / CASES_FILE).read_text(encoding="utf-8").splitlines()
    first = cases[1].split(",")
    bad = [",".join(["NOBODY", *first[1:]]), ",".join([first[0], "2025-02-30", *first[2:]])]
    (folder / CASES_FILE).write_text("\n".join([cases[0], *bad, *cases[2:]]) + "\n")
    result = runner.invoke(app, ["integration-point", "load", str(folder)])
    assert result.exit_code == 2
    assert "ip_cases.csv, line 2, column client_id" in result.output
    assert "ip_cases.csv, line 3, column first_contact_on" in result.output
    assert "Nothing was written." in result.output
    with Session(get_engine(database_url)) as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(IntegrationCase)) == 0


def test_the_art15_export_command_writes_json_html_and_pdf_and_is_logged(
    database_url: str, tmp_path: Path
) -> None:
    folder = _generated(tmp_path)
    assert runner.invoke(app, ["import", str(folder)]).exit_code == 0
    assert runner.invoke(app, ["integration-point", "load", str(folder)]).exit_code == 0
    ref = (folder / CASES_FILE).read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    result = runner.invoke(app, ["integration-point", "export", ref, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / f"auskunft-{ref}.json").read_text(encoding="utf-8"))
    assert document["person"]["ref"] == ref
    assert document["record"]["ref"] == ref
    assert {"ip_cases", "benefit_periods"} <= set(document["tables"])
    assert (tmp_path / f"auskunft-{ref}.pdf").read_bytes().startswith(b"%PDF")
    assert "Auskunft über Ihre Daten" in (tmp_path / f"auskunft-{ref}.html").read_text()
    with Session(get_engine(database_url)) as session:
        logged = session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)
        ).all()
    assert [(e.actor, e.entity_id) for e in logged] == [("cli:integration-point export", ref)]
    missing = runner.invoke(app, ["integration-point", "export", "NOBODY", "--out", str(tmp_path)])
    assert missing.exit_code != 0
    assert "NOBODY" in missing.output
