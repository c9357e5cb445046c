"""``lotse figures`` and ``lotse report`` on an exchange folder, and their error messages."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lotse.cli.main import app
from tests import controlling_expected as hand
from tests.controlling_case import write_exchange_folder

runner = CliRunner()


def test_figures_json_from_an_exchange_folder_has_every_published_key(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    result = runner.invoke(app, ["figures", "--month", "2025-03", "--format", "json",
                                 "--data", str(folder)])  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    for key in ("k2_integration_quota", "k2_integrations_12m", "k2_elb_average_12m",
                "k2_continuous_employment_6m", "k3_long_term_recipients"):  # fmt: skip
        assert key in doc["jobcenter"]
    assert hand.mismatches(doc["jobcenter"], hand.JOBCENTER, 1e-6) == {}


def test_figures_for_one_programme_count_only_its_members(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    result = runner.invoke(app, ["figures", "--month", "2025-03", "--format", "json",
                                 "--data", str(folder), "--programme", "focus_group"])  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert hand.mismatches(doc["jobcenter"], hand.FOCUS_GROUP, 1e-6) == {}


def test_figures_table_is_german(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    result = runner.invoke(
        app, ["figures", "--month", "2025-03", "--data", str(folder)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "K2 Integrationsquote" in result.output
    assert "57,6" in result.output


def test_an_unknown_programme_is_named_with_the_ones_that_exist(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    result = runner.invoke(app, ["figures", "--month", "2025-03", "--data", str(folder),
                                 "--programme", "nope"])  # fmt: skip
    assert result.exit_code == 1
    assert "nope" in result.output
    assert "focus_group" in result.output


def test_a_malformed_month_is_refused(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    result = runner.invoke(app, ["figures", "--month", "03/2025", "--data", str(folder)])
    assert result.exit_code == 2
    assert "YYYY-MM" in result.output


def test_a_folder_without_benefit_periods_is_refused_with_the_missing_file(
    tmp_path: Path,
) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    (folder / "benefit_periods.csv").unlink()
    result = runner.invoke(app, ["figures", "--month", "2025-03", "--data", str(folder)])
    assert result.exit_code == 2
    assert "benefit_periods.csv" in result.output


def test_a_cell_of_the_wrong_type_is_refused_naming_the_file(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    path = folder / "benefit_periods.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2022-01-01", "2022-13-01", 1),
                    encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["figures", "--month", "2025-03", "--data", str(folder)])
    assert result.exit_code == 2
    assert "benefit_periods.csv" in result.output


def test_report_for_a_programme_writes_its_files(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", "--month", "2025-03", "--data", str(folder),
                                 "--programme", "focus_group", "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (out / "bericht-2025-03-focus_group.html").read_text(encoding="utf-8")
    assert "Programmcontrolling Fokusgruppe" in html
    # the focus group's quota by hand: 3 Integrationen / 2.75 average stock = 109.1 %
    assert "109,1\u00a0%" in html


def test_overlapping_benefit_periods_are_refused_naming_the_person(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    with (folder / "benefit_periods.csv").open("a", encoding="utf-8") as fh:
        fh.write("P01,2024-02-01,2024-03-31,563\r\n")  # inside P01's open period since 2022
    result = runner.invoke(app, ["figures", "--month", "2025-03", "--data", str(folder)])
    assert result.exit_code == 2
    assert "P01 2024-02-01" in result.output
    assert "overlaps" in result.output


def test_a_file_that_is_no_proper_csv_is_refused_naming_it(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    (folder / "integrations.csv").write_bytes(b'client_id,start,kind\r\n"P01,2024-\x00\n')
    result = runner.invoke(app, ["figures", "--month", "2025-03", "--data", str(folder)])
    assert result.exit_code == 2
    assert "integrations.csv" in result.output


def test_figures_for_one_site_count_only_its_clients(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    result = runner.invoke(app, ["figures", "--month", "2025-03", "--format", "json",
                                 "--data", str(folder), "--site", "Nord"])  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert hand.mismatches(doc["jobcenter"], hand.SITES["Nord"], 1e-6) == {}
    assert list(doc["sites"]) == ["Nord"]
