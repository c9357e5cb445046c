"""``lotse figures`` and ``lotse report`` on the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from openpyxl import load_workbook
from typer.testing import CliRunner

from lotse.cli.main import app
from lotse.db.engine import get_engine, session_scope
from lotse.models import AuditEntry
from tests import controlling_expected as hand
from tests.controlling_case import build_in_database

runner = CliRunner()


def _case_in_database(url: str) -> None:
    with session_scope(get_engine(url)) as session:
        build_in_database(session)


def test_figures_json_from_the_database_carries_the_hand_worked_values(
    database_url: str,
) -> None:
    _case_in_database(database_url)
    result = runner.invoke(app, ["figures", "--month", "2025-03", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["month"] == "2025-03"
    assert hand.mismatches(doc["jobcenter"], hand.JOBCENTER, 1e-6) == {}
    assert sorted(doc["sites"]) == ["Nord", "Süd"]
    assert hand.mismatches(doc["sites"]["Nord"], hand.SITES["Nord"], 1e-6) == {}


def test_report_writes_html_pdf_and_workbook_and_notes_the_export(
    database_url: str, tmp_path: Path
) -> None:
    _case_in_database(database_url)
    out = tmp_path / "bericht"
    result = runner.invoke(app, ["report", "--month", "2025-03", "--out", str(out),
                                 "--reference", "11.3", "--extra-staff", "0.1"])  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (out / "bericht-2025-03.html").read_text(encoding="utf-8")
    # 72/125 = 57.6 % written the German way, against the reference 11,3 % (+46,3 Pp.)
    assert "57,6\u00a0%" in html
    assert "11,3\u00a0%" in html
    assert "+46,3\u00a0Pp." in html
    assert (out / "bericht-2025-03.pdf").read_bytes().startswith(b"%PDF")
    workbook = load_workbook(out / "bericht-2025-03.xlsx")
    assert "Kennzahlen" in workbook.sheetnames
    assert "Annahmen und Saldo" in workbook.sheetnames
    with session_scope(get_engine(database_url)) as session:
        entries = session.scalars(sa.select(AuditEntry).where(AuditEntry.entity == "report")).all()
        assert [(e.actor, e.entity_id) for e in entries] == [("cli:report", "2025-03")]
