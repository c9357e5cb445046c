"""Assertions shared by the file-based and database-based runs of the hand-built case."""

from __future__ import annotations

from lotse.analytics.engine import FigureEngine, Parameters, Results
from lotse.analytics.figures import figures_of
from lotse.analytics.months import parse_month
from tests import controlling_expected as hand

PARAMS = Parameters(
    ref_m=parse_month("2025-03"),
    dimensions=("jobcenter", "site", "programme", "origin_group"),
    trend_months=3,
    programme_figures=True,
)


def run_case(engine: FigureEngine) -> Results:
    return engine.run(PARAMS)


def assert_hand_figures(results: Results) -> None:
    jobcenter = results.unit("jobcenter", "Jobcenter")
    assert jobcenter is not None
    assert hand.mismatches(jobcenter, hand.JOBCENTER) == {}
    for site, expected in hand.SITES.items():
        row = results.unit("site", site)
        assert row is not None, site
        assert hand.mismatches(row, expected) == {}, site
    focus = results.unit("programme", "focus_group")
    assert focus is not None
    assert hand.mismatches(focus, hand.FOCUS_GROUP) == {}

    not_integrable = {
        r["reason"]: r["persons"] for r in results.rows("not_integrable", "jobcenter")
    }
    assert not_integrable == hand.NOT_INTEGRABLE
    overdue = [r for r in results.rows("not_integrable", "jobcenter") if r["reason"] is None]
    assert overdue[0]["review_overdue"] == hand.NOT_INTEGRABLE_OVERDUE

    funnel = {
        r["measure"]: (r["participants"], r["internships"], r["hired"])
        for r in results.rows("funnel", "jobcenter")
    }
    assert funnel == hand.FUNNEL

    march = [r for r in results.rows("contact_density", "jobcenter") if r["m"] == PARAMS.ref_m]
    assert (march[0]["contacts"], march[0]["persons"]) == hand.CONTACTS_MARCH

    savings = results.rows("savings", "jobcenter")
    totals = {key: sum(r[key] for r in savings) for key in hand.SAVINGS}
    assert hand.mismatches(totals, hand.SAVINGS) == {}


def comparable(results: Results) -> dict[str, object]:
    """Every published figure of every unit, for comparing two sources."""
    return {
        f"{r['dimension']}|{r['dim_value']}": figures_of(r) for r in results.rows("key_figures")
    }
