"""``lotse generate`` writes a folder, shows what it wrote, and writes nothing on errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lotse.cli.main import app
from lotse.errors import InvalidInput
from lotse.simulation.generator import generate

runner = CliRunner()


def test_generate_writes_every_file_and_the_manifest(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(app, ["generate", "--jobcenter", "demo", "--clients", "120",
                                 "--seed", "4", "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"clients.csv", "vacancies.csv", "history.csv", "benefit_periods.csv",
            "integrations.csv", "sites.csv", "programmes.csv", "teams.csv", "officers.csv",
            "households.csv", "employers.csv", "generation.json"} == names  # fmt: skip
    manifest = json.loads((out / "generation.json").read_text(encoding="utf-8"))
    assert manifest["profile"]["key"] == "demo"
    assert manifest["seed"] == 4
    assert manifest["sizes"]["elb"] == 120
    assert manifest["targets"]["elb"]["value"] == manifest["produced"]["elb"] == 120
    assert "integration_quota" in manifest["targets"]
    assert "elb" in result.output


def test_an_unknown_profile_and_a_bad_size_are_reported_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    out = tmp_path / "nothing"
    result = runner.invoke(app, ["generate", "--jobcenter", "atlantis", "--clients", "0",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 2
    assert "atlantis" in result.output
    assert "clients" in result.output
    assert not out.exists()


def test_a_bad_reference_date_is_reported(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", "--jobcenter", "demo", "--as-of", "31.12.2024",
                                 "--out", str(tmp_path / "x")])  # fmt: skip
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_an_existing_export_is_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    generate("demo", out=out, clients=50, seed=1)
    before = (out / "clients.csv").read_bytes()
    refused = runner.invoke(app, ["generate", "-j", "demo", "--clients", "50", "--seed", "2",
                                  "--out", str(out)])  # fmt: skip
    assert refused.exit_code == 2
    assert (out / "clients.csv").read_bytes() == before
    forced = runner.invoke(app, ["generate", "-j", "demo", "--clients", "50", "--seed", "2",
                                 "--out", str(out), "--force"])  # fmt: skip
    assert forced.exit_code == 0, forced.output
    assert (out / "clients.csv").read_bytes() != before


def test_a_failure_half_way_leaves_no_folder_and_no_temporary_files(tmp_path: Path) -> None:
    def boom(done: int, total: int) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        generate("demo", out=tmp_path / "demo", clients=50, on_progress=boom)
    assert list(tmp_path.iterdir()) == []


def test_a_reference_date_moves_the_programmes_with_it(tmp_path: Path) -> None:
    summary = generate("demo", out=tmp_path / "d", clients=80, as_of=date(2026, 6, 30))
    rows = (tmp_path / "d" / "programmes.csv").read_text(encoding="utf-8")
    assert summary.as_of.isoformat() == "2026-06-30"
    assert "focus_group,Fokusgruppe,focus_group" in rows
    assert "2025-07-01" in rows


def test_too_few_officers_are_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        generate("demo", out=Path("/nonexistent/never"), officers=1)
    assert err.value.problems[0].column == "officers"
