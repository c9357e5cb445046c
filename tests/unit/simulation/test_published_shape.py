"""The generated Jobcenters have the published size and shape of mission.md.

Every expected figure here is counted by hand from the files (``conftest.integration_quota``)
and compared with the published figure of ``docs/mission.md``. Where the figure comes out of
random draws, the tolerance is about three standard deviations of a Poisson count of that
size (e.g. ≈ 1,480 Borken integrations: sd ≈ 38, 2.6 %; tolerance 8 %).
"""

from __future__ import annotations

from collections import Counter

import pytest

from lotse.domain.origin import ASYLUM_COUNTRIES
from tests.unit.simulation.conftest import Factory, Generated, in_benefits, integration_quota

REFUGEE_STATUSES = {"recognised_refugee", "subsidiary_protection", "asylum_pending",
                    "tolerated", "other_permit"}  # fmt: skip


def _active(g: Generated) -> list[dict[str, object]]:
    periods = g.periods()
    return [c for c in g.rows("clients.csv") if in_benefits(periods[c["client_id"]], g.as_of)]


def _tagged(g: Generated, code: str) -> set[str]:
    return {c["client_id"] for c in g.rows("clients.csv") if code in c["programmes"]}


@pytest.fixture
def anhalt(generated: Factory) -> Generated:
    return generated("anhalt_bitterfeld")


@pytest.fixture
def borken(generated: Factory) -> Generated:
    return generated("borken")


@pytest.mark.xdist_group("anhalt")
def test_anhalt_bitterfeld_sites_have_the_published_elb_with_a_migration_background(
    anhalt: Generated,
) -> None:
    # mission.md: 815 eLb with a migration background: Bitterfeld 510, Köthen 224, Zerbst 81.
    migrants = Counter(c["site"] for c in _active(anhalt) if c["citizenship"] != "DE")
    assert dict(migrants) == {"Bitterfeld": 510, "Köthen": 224, "Zerbst": 81}
    assert len(_active(anhalt)) == 8800


@pytest.mark.xdist_group("borken")
def test_borken_has_11900_elb_and_reaches_its_integration_quota(borken: Generated) -> None:
    assert len(_active(borken)) == 11_900
    starts, stock = integration_quota(borken)
    target = borken.summary.targets["integration_quota"]["value"]
    assert target == 0.124  # mission.md: 1,490 of 11,900 eLb, a quota of 12.4 %
    assert starts / stock == pytest.approx(0.124, rel=0.08)
    assert borken.summary.produced["integration_quota"] == pytest.approx(starts / stock, abs=1e-4)


@pytest.mark.xdist_group("borken")
def test_borken_focus_group_reaches_298_integrations_at_a_quota_of_29_percent(
    borken: Generated,
) -> None:
    starts, stock = integration_quota(borken, _tagged(borken, "focus_group"))
    assert starts == pytest.approx(298, rel=0.15)
    assert starts / stock == pytest.approx(0.29, rel=0.15)


@pytest.mark.xdist_group("borken")
def test_borken_has_over_1300_long_term_unemployed_in_integration_courses(
    borken: Generated,
) -> None:
    from tests.unit.simulation.conftest import months_back

    year_ago = months_back(borken.as_of, 12)
    attending = [
        c for c in _active(borken)
        if c["integration_course"].value == "attending"
        and c["unemployed_since"] is not None and c["unemployed_since"] <= year_ago
    ]  # fmt: skip
    assert len(attending) > 1300


@pytest.mark.xdist_group("borken")
def test_about_44_percent_of_integrations_end_the_benefit_need(borken: Generated) -> None:
    # domain.md §1: 43.7 % of integrations were bedarfsdeckend (Jan 2019).
    kinds = [j for j in borken.rows("integrations.csv") if j["kind"].counts_as_integration]
    share = sum(j["ends_benefit_need"] for j in kinds) / len(kinds)
    assert share == pytest.approx(0.437, abs=0.03)


@pytest.mark.xdist_group("borken")
def test_the_job_turbo_group_speaks_mostly_a1_to_b1_and_has_refugee_statuses(
    borken: Generated,
) -> None:
    group = [c for c in _active(borken) if c["citizenship"] == "UA" or
             c["citizenship"] in ASYLUM_COUNTRIES]  # fmt: skip
    levels = Counter(c["german_level"].value for c in group)
    assert (levels["A1"] + levels["A2"] + levels["B1"]) / len(group) > 0.6
    for c in group:
        status = c["residence_status"].value
        if c["citizenship"] == "UA":
            assert status in {"temporary_protection", "other_permit"}
        else:
            assert status in REFUGEE_STATUSES
    assert {lang for c in group for lang in c["languages"]} >= {"uk", "ru", "ar", "fa", "ti"}


@pytest.mark.xdist_group("borken")
def test_vacancies_are_mostly_helper_and_skilled_jobs_open_and_closed(borken: Generated) -> None:
    vacancies = borken.rows("vacancies.csv")
    levels = Counter(v["kldb"][4] for v in vacancies)
    assert (levels["1"] + levels["2"]) / len(vacancies) > 0.8
    assert levels["3"] + levels["4"] > 0
    statuses = Counter(v["status"].value for v in vacancies)
    assert statuses["open"] > 0
    assert statuses["closed"] > statuses["open"]


@pytest.mark.xdist_group("borken")
def test_history_carries_a_learnable_signal(borken: Generated) -> None:
    # The latent propensity punishes German below the employer's minimum: proposals that meet
    # the minimum must end in a hire more often.
    german = {c["client_id"]: c["german_level"] for c in borken.rows("clients.csv")}
    minimum = {v["vacancy_id"]: v["german_level_min"] for v in borken.rows("vacancies.csv")}
    rates: dict[bool, list[int]] = {True: [0, 0], False: [0, 0]}
    for h in borken.rows("history.csv"):
        meets = german[h["client_id"]] >= minimum[h["vacancy_id"]]
        rates[meets][0] += h["outcome"].value == "hired"
        rates[meets][1] += 1
    assert rates[True][0] / rates[True][1] > 1.5 * rates[False][0] / rates[False][1]


@pytest.mark.xdist_group("unna")
def test_unna_job_turbo_exits_follow_the_published_years(generated: Factory) -> None:
    # Half size: mission.md's 637 (2023) and 994 (2024) exits become ≈ 318 and 497.
    unna = generated("unna", clients=11_000)
    group = {c["client_id"] for c in unna.rows("clients.csv")
             if c["citizenship"] == "UA" or c["citizenship"] in ASYLUM_COUNTRIES}  # fmt: skip
    by_year = Counter(
        j["start"].year for j in unna.rows("integrations.csv")
        if j["client_id"] in group and j["kind"].counts_as_integration
    )  # fmt: skip
    assert by_year[2023] == pytest.approx(637 / 2, rel=0.18)
    assert by_year[2024] == pytest.approx(994 / 2, rel=0.15)
    assert by_year[2024] > by_year[2023]
    team = [o for o in unna.rows("officers.csv") if o["team"] == "Job-Turbo"]
    assert len(team) == round(15 / 2)
    officers = {o["officer_id"] for o in team}
    jt_active = [c for c in _active(unna) if "job_turbo" in c["programmes"]]
    assert jt_active
    assert all(c["officer_id"] in officers for c in jt_active)


@pytest.mark.xdist_group("gelsenkirchen")
def test_gelsenkirchen_joboffensive_keeps_market_near_members_at_one_to_one_hundred(
    generated: Factory,
) -> None:
    # A fifth of the size: 1,900 members and 19 officers become 380 and 4.
    ge = generated("gelsenkirchen", clients=7000)
    members = [c for c in _active(ge) if "joboffensive" in c["programmes"]]
    assert len(members) == 380
    assert all(c["german_level"].value in {"B1", "B2", "C1", "C2"} for c in members)
    assert all(c["work_permitted"] for c in members)
    team = {o["officer_id"] for o in ge.rows("officers.csv") if o["team"] == "Joboffensive"}
    assert len(team) == 4
    assert all(c["officer_id"] in team for c in members)


@pytest.mark.xdist_group("duisburg")
def test_duisburg_integration_point_advised_about_700_refugees(generated: Factory) -> None:
    # A fifth of the size: ≈ 700 people advised since January become ≈ 140.
    du = generated("duisburg", clients=10_200)
    tagged = [c for c in du.rows("clients.csv") if "integration_point" in c["programmes"]]
    assert len(tagged) == pytest.approx(140, rel=0.2)
    assert {c["residence_status"].value for c in tagged} >= {"asylum_pending",
                                                            "recognised_refugee"}  # fmt: skip


def test_clients_scales_the_stock_exactly(generated: Factory) -> None:
    g = generated("demo", clients=777, seed=2)
    assert len(_active(g)) == 777
    assert g.summary.produced["elb"] == 777
