"""The measures commands end to end on a fresh database: batch eligibility, bad input, audit."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from lotse.cli.main import app
from lotse.db.engine import get_engine, session_scope
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import AuditAction, ResidenceStatus
from lotse.measures.catalogue import packaged
from lotse.models import AuditEntry, MeasureRun, Participation
from tests.factories import make_client, make_run

CLIENTS = """client_id,site,status,birth_year,gender,citizenship,residence_status,work_permitted,\
german_level,integration_course,qualification,degree_recognition,plz,unemployed_since
UA-1,Bitterfeld,active,1988,f,UA,temporary_protection,true,A1,none,vocational,none,06749,2024-10-01
IQ-2,Köthen,active,1995,m,IQ,tolerated,true,B1,completed,school,not_needed,06366,2023-05-01
SY-3,Zerbst,active,1979,f,SY,recognised_refugee,true,A2,completed,academic,pending,39261,2022-01-15
"""


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich wraps tables to the terminal; tests read whole cells."""
    from lotse.cli import _common

    monkeypatch.setattr(_common.console, "width", 240)
    monkeypatch.setattr(_common.err_console, "width", 240)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def folder(tmp_path: Path, params: str | None = None) -> Path:
    data = tmp_path / "export"
    data.mkdir()
    (data / "clients.csv").write_text(CLIENTS, encoding="utf-8")
    if params is not None:
        (tmp_path / "params.csv").write_text(params, encoding="utf-8")
    return data


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_eligibility_for_a_caseload_writes_one_row_per_client_and_measure(
    database_url: str, tmp_path: Path
) -> None:
    data = folder(tmp_path, "client_id,duldung_months\nIQ-2,7\n")
    out = tmp_path / "eligibility.csv"
    code, output = run(
        "eligibility",
        "--data",
        str(data),
        "--out",
        str(out),
        "--on",
        "2025-06-01",
        "--params",
        str(tmp_path / "params.csv"),
    )
    assert code == 0, output
    rows = read_rows(out)
    assert list(rows[0]) == ["client_id", "measure", "decision", "reasons"]
    assert len(rows) == 3 * len(packaged())
    decision = {(r["client_id"], r["measure"]): r for r in rows}
    # § 44 Abs. 4 S. 2 Nr. 3 AufenthG
    assert decision["UA-1", "integrationskurs"]["decision"] == "eligible_if_seats"
    assert "[§ 44 Abs. 4 S. 2 Nr. 3 AufenthG]" in decision["UA-1", "integrationskurs"]["reasons"]
    # tolerated for 7 months (parameter file), B1: job-related base module (§ 4 DeuFöV)
    assert decision["IQ-2", "bsk_basis_b1_b2"]["decision"] == "eligible"
    # A2 after an integration course without B1: special module A2 → B1 (§ 13 DeuFöV)
    assert decision["SY-3", "bsk_spezial_a2_b1"]["decision"] == "eligible"


def test_a_bad_parameters_file_writes_nothing(database_url: str, tmp_path: Path) -> None:
    data = folder(tmp_path, "client_id,duldung_monate\nIQ-2,7\nXX-9,\n")
    out = tmp_path / "eligibility.csv"
    code, output = run(
        "eligibility",
        "--data",
        str(data),
        "--out",
        str(out),
        "--params",
        str(tmp_path / "params.csv"),
    )
    assert code == 2
    assert "duldung_monate" in output
    assert "XX-9" in output
    assert not out.exists()


def test_eligibility_of_one_client_is_shown_and_the_read_audited(database_url: str) -> None:
    with session_scope(get_engine(database_url)) as session:
        make_client(
            session,
            ref="UA-7",
            residence_status=ResidenceStatus.TEMPORARY_PROTECTION,
            citizenship="UA",
            german_level=CefrLevel.A1,
        )
    code, output = run(
        "eligibility", "--client", "UA-7", "--measure", "integrationskurs", "--on", "2025-06-01"
    )
    assert code == 0, output
    assert "berechtigt, wenn Plätze frei sind" in output
    with session_scope(get_engine(database_url)) as session:
        entry = session.scalars(sa.select(AuditEntry)).one()
        assert (entry.action, entry.entity_id, entry.actor) == (
            AuditAction.READ,
            "UA-7",
            "cli:eligibility",
        )


def count(database_url: str, model: type[object]) -> int:
    with session_scope(get_engine(database_url)) as session:
        return int(session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def test_bad_input_is_refused_with_a_clear_error_and_nothing_changed(database_url: str) -> None:
    code, output = run("courses", "add", "--measure", "yoga", "--seats", "5")
    assert code == 2
    assert "value 'yoga': no measure with this code" in output
    code, output = run("courses", "add", "--measure", "integrationskurs", "--seats", "-3")
    assert code == 2
    assert "column seats: value '-3'" in output
    code, output = run(
        "courses", "add", "--measure", "integrationskurs", "--seats", "5", "--entry-level", "B3"
    )
    assert code == 2
    assert "column entry_level: value 'B3'" in output
    assert count(database_url, MeasureRun) == 0


def test_an_exam_level_b3_changes_nothing(database_url: str) -> None:
    with session_scope(get_engine(database_url)) as session:
        client = make_client(
            session,
            ref="SY-1",
            residence_status=ResidenceStatus.RECOGNISED_REFUGEE,
            german_level=CefrLevel.A1,
            citizenship="SY",
        )
        course = make_run(session)
        session.add(
            Participation(
                client_id=client.id,
                measure_id=course.measure_id,
                run_id=course.id,
                status="active",
                start=date(2025, 9, 1),
            )
        )
    code, output = run("courses", "exam", "1", "--level", "B3", "--on", "2026-03-01")
    assert code == 2
    assert "column level: value 'B3'" in output
    with session_scope(get_engine(database_url)) as session:
        assert session.scalars(sa.select(Participation.level_reached)).one() is None


def test_local_measures_are_checked_and_added_from_a_file(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "lokal.yaml"
    path.write_text(
        "measures:\n"
        "  - code: bewerbungswerkstatt\n"
        "    name: Bewerbungswerkstatt Zerbst\n"
        "    kind: activation\n"
        "    legal_basis: § 16 Abs. 1 SGB II i. V. m. § 45 SGB III\n"
        "    rules:\n"
        "      - {id: alle, effect: eligible, when: {status: active}, reason: Arbeitsuchende,\n"
        "         legal_basis: § 45 Abs. 1 SGB III}\n",
        encoding="utf-8",
    )
    code, output = run("measures", "add", str(path), "--dry-run")
    assert code == 0, output
    code, output = run("measures", "list")
    assert "bewerbungswerkstatt" not in output
    code, output = run("measures", "add", str(path))
    assert code == 0, output
    code, output = run("measures", "list")
    assert "bewerbungswerkstatt" in output
    code, output = run("measures", "add", str(path))
    assert code == 2
    assert "a local measure with this code exists" in output
