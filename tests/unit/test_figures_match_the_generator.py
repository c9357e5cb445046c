"""The figures Lotse computes from a generated Jobcenter agree with what the generator put in.

``lotse generate --jobcenter borken|anhalt_bitterfeld --out DIR`` writes an exchange folder and
``generation.json`` with ``as_of`` (a month end), ``targets`` (what it aimed at: the published
figures, scaled) and ``produced`` (the same figures counted in the files with the generator's
own definitions, ``lotse.simulation.targets.DEFINITIONS``). The analytics read the folder with
DuckDB and must reproduce them; the tolerances below say why a figure may differ at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lotse.analytics.engine import FigureEngine, Parameters
from lotse.analytics.months import parse_month

runner = CliRunner()


def check_against_manifest(folder: Path) -> None:
    manifest: dict[str, Any] = json.loads((folder / "generation.json").read_text("utf-8"))
    produced, targets = manifest["produced"], manifest["targets"]
    month = manifest["as_of"][:7]
    engine = FigureEngine()
    engine.load_folder(folder)
    results = engine.run(
        Parameters(ref_m=parse_month(month), dimensions=("jobcenter", "site", "programme"))
    )
    jc = results.unit("jobcenter", "Jobcenter")
    assert jc is not None
    # as_of is a month end, i.e. the Stichtag: the stock is the same count, exactly
    assert jc["elb_stock"] == produced["elb"] == targets["elb"]["value"]
    # the generator averages the stock on as_of and the same day of the 11 months before
    # (month ends), rounded to 2 decimals
    assert jc["k2_elb_average_12m"] == pytest.approx(produced["average_stock_12m"], abs=0.006)
    # the generator counts every integration-kind start in the window; Lotse leaves out starts
    # of people who were in the stock at neither Stichtag around the start (S2) — rare
    starts = produced["integration_starts_12m"]
    assert 0.98 * starts <= jc["k2_integrations_12m"] <= starts
    assert jc["k2_integration_quota"] == pytest.approx(
        100 * produced["integration_quota"], rel=0.02
    )
    # and the quota the profile aims at (the published figure), up to the generator's chance
    assert jc["k2_integration_quota"] == pytest.approx(
        100 * targets["integration_quota"]["value"], rel=0.10
    )
    pairs = (
        ("minijob_starts_12m", "k2_minijob_entries_12m"),
        ("public_employment_starts_12m", "k2_public_employment_entries_12m"),
    )
    for key, ours in pairs:
        assert 0.98 * produced[key] <= jc[ours] <= produced[key]
    # LZB: both count ≥ 638 benefit days of the 730 before as_of
    assert jc["k3_long_term_recipients"] / jc["elb_stock"] == pytest.approx(
        produced["long_term_recipient_share"], abs=0.001
    )
    # the generator's share is over its whole generated period, Lotse's over the twelve months
    ended_share = jc["exits_need_ended_12m"] / jc["k2_integrations_12m"]
    assert ended_share == pytest.approx(produced["ends_benefit_need_share"], abs=0.03)
    for key, value in produced.items():
        if key.endswith(".quota") and value is not None:
            code = key.removesuffix(".quota")
            unit = results.unit("programme", code)
            assert unit is not None, code
            assert unit["k2_integration_quota"] == pytest.approx(100 * value, rel=0.02), code
    for key, value in targets.items():
        if key.startswith("migration_background."):
            site = key.removeprefix("migration_background.")
            rows = engine.sql(
                "SELECT COUNT(DISTINCT c.client_id) AS n FROM clients c "
                "JOIN benefit_periods bp ON bp.client_id = c.client_id "
                "WHERE c.site = ? AND c.citizenship <> 'DE' AND bp.start_date <= CAST(? AS DATE) "
                "AND (bp.end_date IS NULL OR bp.end_date >= CAST(? AS DATE))",
                [site, manifest["as_of"], manifest["as_of"]],
            )
            assert rows[0]["n"] == value["value"], site


@pytest.mark.parametrize("jobcenter", ["borken", "anhalt_bitterfeld"])
def test_figures_of_a_generated_jobcenter_agree_with_the_generation_manifest(
    tmp_path: Path, jobcenter: str
) -> None:
    from lotse.cli.main import app

    result = runner.invoke(app, ["generate", "--jobcenter", jobcenter, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    check_against_manifest(tmp_path)
