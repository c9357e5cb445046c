"""``lotse match --data DIR --out proposals.csv`` on a small simulated folder."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from lotse.cli.main import app
from lotse.exchange.schema import PROPOSALS
from lotse.simulation.labour_market import simulate, write_folder


def test_match_on_a_folder_writes_proposals_within_the_capacities(tmp_path: Path) -> None:
    market = simulate("baseline", seed=2, scale=0.05)
    folder = write_folder(market, tmp_path / "export")
    out = tmp_path / "out" / "proposals.csv"
    result = CliRunner().invoke(app, ["match", "--data", str(folder), "--out", str(out),
                                      "--per-client", "2", "--per-opening", "1"])  # fmt: skip
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    assert list(rows[0]) == PROPOSALS.column_names
    assert max(Counter(r["client_id"] for r in rows).values()) <= 2
    openings = {v["vacancy_id"]: v["openings"] for v in market.vacancies}
    status = {v["vacancy_id"]: v["status"] for v in market.vacancies}
    for vid, n in Counter(r["vacancy_id"] for r in rows).items():
        assert n <= openings[vid]
        assert status[vid] == "open"
    active = {c["client_id"] for c in market.clients if c["work_permitted"]}
    assert {r["client_id"] for r in rows} <= active
    assert all(0 < float(r["score"]) < 1 and r["reasons"] for r in rows)
    history = {(h["client_id"], h["vacancy_id"]) for h in market.history}
    assert not history & {(r["client_id"], r["vacancy_id"]) for r in rows}
    assert rows == sorted(rows, key=lambda r: (r["client_id"], r["vacancy_id"]))


def test_a_broken_folder_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    folder = write_folder(simulate("baseline", seed=2, scale=0.02), tmp_path / "export")
    text = (folder / "vacancies.csv").read_text(encoding="utf-8").splitlines()
    cells = text[1].split(",")
    cells[3] = "99999"  # not a KldB code
    text[1] = ",".join(cells)
    (folder / "vacancies.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    out = tmp_path / "proposals.csv"
    result = CliRunner().invoke(app, ["match", "--data", str(folder), "--out", str(out)])
    assert result.exit_code == 2
    assert "vacancies.csv" in result.output
    assert "line 2" in result.output
    assert not out.exists()


def test_audit_on_a_folder_prints_every_origin_group(tmp_path: Path) -> None:
    folder = write_folder(simulate("baseline", seed=2, scale=0.05), tmp_path / "export")
    result = CliRunner().invoke(app, ["match", "audit", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    for group in ("Ukraine", "Asylherkunftsländer", "andere", "weiblich", "männlich"):
        assert group in result.output


def test_train_writes_a_model_that_match_can_use(tmp_path: Path) -> None:
    folder = write_folder(simulate("baseline", seed=2, scale=0.05), tmp_path / "export")
    model = tmp_path / "m.joblib"
    runner = CliRunner()
    result = runner.invoke(app, ["match", "train", "--data", str(folder), "--model", str(model)])
    assert result.exit_code == 0, result.output
    assert "AUC" in result.output
    assert model.is_file()
    out = tmp_path / "p.csv"
    result = runner.invoke(app, ["match", "--data", str(folder), "--out", str(out),
                                 "--model", str(model)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.is_file()


def test_match_reads_the_households_and_programmes_the_clients_point_to(tmp_path: Path) -> None:
    market = simulate("baseline", seed=2, scale=0.02)
    market.clients[0]["household_id"] = "H1"
    folder = write_folder(market, tmp_path / "export")
    out = tmp_path / "p.csv"
    runner = CliRunner()
    result = runner.invoke(app, ["match", "--data", str(folder), "--out", str(out)])
    assert result.exit_code == 2  # household H1 is defined nowhere
    assert "households.csv" in result.output
    (folder / "households.csv").write_text(
        "household_id,size,single_parent\nH1,1,false\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["match", "--data", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()
