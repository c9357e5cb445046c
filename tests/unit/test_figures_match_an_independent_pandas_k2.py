"""K2 from Lotse's SQL definitions equals K2 from a separate plain-pandas implementation.

The pandas code (``bench/bench_figures.py:pandas_k2``) was written from the rules in
docs/key-figures.md without the SQL, so agreement on a few thousand synthetic people (with
re-entries, top-up jobs, two starts in a month, people in benefit for less than a month) is an
independent check of the integration and stock rules at a scale no hand case reaches.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.bench_figures import pandas_k2
from bench.synthetic import generate

from lotse.analytics.engine import FigureEngine, Parameters
from lotse.analytics.months import parse_month


@pytest.mark.parametrize("month", ["2025-03", "2024-12"])
def test_k2_of_the_sql_definitions_equals_an_independent_pandas_k2(
    tmp_path: Path, month: str
) -> None:
    generate(tmp_path, n_elb=3000, month="2025-03", seed=7)
    engine = FigureEngine()
    engine.load_folder(tmp_path)
    row = engine.run(Parameters(ref_m=parse_month(month))).unit("jobcenter", "Jobcenter")
    assert row is not None
    reference = pandas_k2(tmp_path, month)
    assert row["k2_integrations_12m"] == reference["k2_integrations_12m"]
    assert row["k2_elb_average_12m"] == pytest.approx(reference["k2_elb_average_12m"])
    assert row["k2_integration_quota"] == pytest.approx(reference["k2_integration_quota"])
    assert reference["k2_integrations_12m"] > 100
