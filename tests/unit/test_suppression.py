"""Small-count suppression of breakdowns (controlling sees no cell of one to four people)."""

from __future__ import annotations

from lotse.analytics.engine import Parameters, Results
from lotse.controlling.suppression import SUPPRESSED, suppress, suppress_row
from lotse.controlling.suppression import suppress_key_row as suppress_row_of_key_figures


def _results(tables: dict[str, list[dict[str, object]]]) -> Results:
    return Results(parameters=Parameters(ref_m=2025 * 12), tables=tables)  # type: ignore[arg-type]


def test_a_breakdown_row_with_four_people_is_blanked_with_its_share() -> None:
    row = {"dimension": "site", "dim_value": "Köthen", "elb_stock": 4,
           "k2_integrations_12m": 0, "k2_integration_quota": 12.5}  # fmt: skip
    out = suppress_row(row)
    # 4 < 5 people: the count goes, and so does the quota (it would give the count back).
    assert out["elb_stock"] is None
    assert out["k2_integration_quota"] is None
    assert out["k2_integrations_12m"] is None
    assert out[SUPPRESSED] == ["elb_stock"]
    assert out["dim_value"] == "Köthen"


def test_five_people_and_zero_people_stay_visible() -> None:
    assert suppress_row({"dim_value": "A", "elb_stock": 5})["elb_stock"] == 5
    assert suppress_row({"dim_value": "A", "elb_stock": 0, "quota": 0.0}) == {
        "dim_value": "A",
        "elb_stock": 0,
        "quota": 0.0,
    }


def test_the_whole_jobcenter_stays_but_its_small_breakdowns_go() -> None:
    results = _results({
        "key_figures": [
            {"dimension": "jobcenter", "dim_value": "Jobcenter", "elb_stock": 3},
            {"dimension": "gender", "dim_value": "d", "elb_stock": 2},
        ],
        "not_integrable": [
            {"dimension": "jobcenter", "dim_value": "Jobcenter", "reason": None, "persons": 3},
            {"dimension": "jobcenter", "dim_value": "Jobcenter", "reason": "health", "persons": 1},
        ],
        "funnel": [{"dimension": "jobcenter", "dim_value": "Jobcenter", "measure": "egz",
                    "participants": 9, "internships": 2, "hired": 0}],
        "trend": [{"dimension": "site", "dim_value": "A", "m": 1, "k2_integrations_12m": 1}],
    })  # fmt: skip
    out = suppress(results)
    key = {r["dim_value"]: r for r in out.tables["key_figures"]}
    assert key["Jobcenter"]["elb_stock"] == 3
    assert key["d"]["elb_stock"] is None
    reasons = {r["reason"]: r for r in out.tables["not_integrable"]}
    assert reasons[None]["persons"] == 3
    assert reasons["health"]["persons"] is None
    # Two internships among nine participants: the whole funnel row is blanked.
    assert out.tables["funnel"][0]["participants"] is None
    assert out.tables["trend"][0]["k2_integrations_12m"] == 1  # trends are not breakdowns
    assert results.tables["key_figures"][1]["elb_stock"] == 2  # the input is left alone


def test_three_entries_into_public_employment_blank_their_quota_not_the_site() -> None:
    # Bitterfeld: 550 eLb, 100 integrations (18.5 %), 3 of them into § 16i/§ 16e jobs.
    row = {"dimension": "site", "dim_value": "Bitterfeld", "elb_stock": 550,
           "k2_elb_average_12m": 540.3, "k2_integrations_12m": 100,
           "k2_integration_quota": 18.5, "k2_public_employment_entries_12m": 3,
           "k2_public_employment_entry_quota": 0.56}  # fmt: skip
    out = suppress_row_of_key_figures(row)
    assert out["k2_integration_quota"] == 18.5
    assert out["k2_integrations_12m"] == 100
    assert out["elb_stock"] == 550
    # 3 / 540.3 = 0.56 %: the quota beside the shown average would give the 3 back.
    assert out["k2_public_employment_entries_12m"] is None
    assert out["k2_public_employment_entry_quota"] is None
    assert out[SUPPRESSED] == ["k2_public_employment_entries_12m"]


def test_one_small_part_of_a_split_blanks_the_other_parts_but_not_the_total() -> None:
    # 20 exits = 15 need ended + 2 reduced + 3 unknown; showing 15 and the total 20 alone
    # would still leave 2 + 3 together, and showing 15 and 3 would give the 2 back.
    row = {"dimension": "team", "dim_value": "Job-Turbo", "elb_stock": 200,
           "k2_elb_average_12m": 190.0, "k2_integrations_12m": 20,
           "exits_need_ended_12m": 15, "exits_need_reduced_12m": 2,
           "exits_need_unknown_12m": 3}  # fmt: skip
    out = suppress_row_of_key_figures(row)
    assert out["k2_integrations_12m"] == 20
    assert [out[k] for k in ("exits_need_ended_12m", "exits_need_reduced_12m",
                             "exits_need_unknown_12m")] == [None, None, None]  # fmt: skip
    assert sorted(out[SUPPRESSED]) == ["exits_need_reduced_12m", "exits_need_unknown_12m"]


def test_a_group_of_three_people_on_average_is_blanked_whole() -> None:
    row = {
        "dimension": "officer",
        "dim_value": "V1",
        "elb_stock": 6,
        "k2_elb_average_12m": 3.5,
        "k2_integrations_12m": 0,
        "k2_integration_quota": 0.0,
    }
    out = suppress_row_of_key_figures(row)
    assert out["elb_stock"] is None
    assert out["k2_integration_quota"] is None
    assert out[SUPPRESSED] == ["k2_elb_average_12m"]
