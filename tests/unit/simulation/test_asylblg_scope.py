"""People under the AsylbLG are no eLb (§ 7 Abs. 1 Satz 2 Nr. 3 SGB II): the generator gives
them no SGB II benefit period; they appear only as Integration Point cases led by the Agentur
für Arbeit, and become eLb from the day their protection is granted."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest

from lotse.simulation.integration_point import CASES_FILE
from lotse.simulation.profiles import PROFILES
from tests.unit.simulation.conftest import Factory, Generated, in_benefits

ASYLBLG = ("asylum_pending", "tolerated")


@pytest.fixture(params=sorted(PROFILES))
def small(request: pytest.FixtureRequest, generated: Factory) -> Generated:
    return generated(request.param, clients=300, seed=3)


@pytest.fixture
def duisburg(generated: Factory) -> Generated:
    return generated("duisburg", clients=2_000, seed=5)


def _cases(g: Generated) -> dict[str, dict[str, str]]:
    with (g.folder / CASES_FILE).open(encoding="utf-8", newline="") as fh:
        return {r["client_id"]: r for r in csv.DictReader(fh)}


def test_no_client_with_an_asylblg_status_has_a_benefit_period_covering_the_reference_date(
    small: Generated,
) -> None:
    periods = small.periods()
    asylblg = [c for c in small.rows("clients.csv") if c["residence_status"].value in ASYLBLG]
    for c in asylblg:
        assert not in_benefits(periods[c["client_id"]], small.as_of), c["client_id"]
        assert periods[c["client_id"]] == [], "AsylbLG people never had an SGB II period"


def test_the_elb_count_is_still_the_size_asked_for(small: Generated) -> None:
    periods = small.periods()
    elb = sum(in_benefits(periods[c["client_id"]], small.as_of) for c in small.rows("clients.csv"))
    assert elb == 300 == small.summary.produced["elb"]


def test_asylblg_people_are_integration_point_cases_led_by_the_employment_agency(
    duisburg: Generated,
) -> None:
    cases = _cases(duisburg)
    asylblg = [c for c in duisburg.rows("clients.csv") if c["residence_status"].value in ASYLBLG]
    # 40 % of the Integration Point's 700 people (full size 51,000 eLb) at 2,000 eLb: 11.
    assert len(asylblg) == round(700 * 0.40 * 2_000 / 51_000)
    for c in asylblg:
        case = cases[c["client_id"]]
        assert case["lead_agency"] == "employment_agency"
        assert case["residence_status_at_contact"] == c["residence_status"].value
        assert c["officer_id"] is None
        assert "job_turbo" not in c["programmes"]
    assert duisburg.summary.produced["asylblg_cases"] == len(asylblg)


def test_a_person_granted_asylum_becomes_an_elb_only_from_the_switch(duisburg: Generated) -> None:
    periods = duisburg.periods()
    clients = {c["client_id"]: c for c in duisburg.rows("clients.csv")}
    switched = [case for case in _cases(duisburg).values() if case["decision"]]
    assert switched
    for case in switched:
        client = clients[case["client_id"]]
        assert client["residence_status"].value in ("recognised_refugee", "subsidiary_protection")
        decided = date.fromisoformat(case["decided_on"])
        first = min(start for start, _ in periods[case["client_id"]])
        assert decided < first <= decided + timedelta(days=26)
        assert not in_benefits(periods[case["client_id"]], decided)
