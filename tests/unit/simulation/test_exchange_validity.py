"""Every profile generates a folder the exchange reader accepts, written canonically, with
benefit periods, job starts and proposals that agree with each other."""

from __future__ import annotations

import csv
import itertools
from collections import Counter, defaultdict
from datetime import timedelta

import pytest

from lotse.exchange.schema import SPECS, format_row
from lotse.reference import kldb
from lotse.simulation.profiles import PROFILES
from lotse.simulation.region import residential
from tests.unit.simulation.conftest import Factory, Generated, in_benefits

PROFILE_NAMES = sorted(PROFILES)


@pytest.fixture(params=PROFILE_NAMES)
def small(request: pytest.FixtureRequest, generated: Factory) -> Generated:
    return generated(request.param, clients=300, seed=3)


def test_every_profile_passes_the_exchange_reader_without_warnings(small: Generated) -> None:
    assert small.data.warnings == []
    expected = {name for name in SPECS if name != "proposals.csv"}
    assert set(small.data.rows) == expected


def test_files_have_the_canonical_header_and_are_sorted_by_their_key(small: Generated) -> None:
    for name, rows in small.data.rows.items():
        spec = SPECS[name]
        with (small.folder / name).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == spec.column_names, name
        keys = [tuple(str(r[k]) for k in spec.key) for r in rows]
        assert all(a < b for a, b in itertools.pairwise(keys)), f"{name} not sorted by key"


def test_cells_are_written_as_the_schema_formats_them(small: Generated) -> None:
    # Parsing a file and formatting its typed rows again gives the same text, cell for cell:
    # what an exporter writes through the same schema.
    for name, rows in small.data.rows.items():
        spec = SPECS[name]
        with (small.folder / name).open(encoding="utf-8", newline="") as fh:
            text_rows = list(csv.reader(fh))[1:]
        assert [format_row(spec, r) for r in rows] == text_rows, name


def test_people_live_at_residential_postcodes_of_their_district(small: Generated) -> None:
    district = PROFILES[small.summary.profile].district_key
    allowed = {p.plz for p in residential(district)}
    assert {r["plz"] for r in small.rows("clients.csv")} <= allowed
    assert {r["plz"] for r in small.rows("vacancies.csv")} <= allowed


def test_occupations_are_real_kldb_codes(small: Generated) -> None:
    codes = {c for r in small.rows("clients.csv") for c in r["target_kldb"]}
    codes |= {r["kldb"] for r in small.rows("vacancies.csv")}
    assert codes
    assert all(kldb.is_occupation(c) for c in codes)


def test_status_follows_the_benefit_periods(small: Generated) -> None:
    periods = small.periods()
    for c in small.rows("clients.csv"):
        own = periods[c["client_id"]]
        if not own:  # only Integration Point cases under the AsylbLG have no SGB II period
            assert c["residence_status"].value in ("asylum_pending", "tolerated")
            assert "integration_point" in c["programmes"]
            assert c["status"].value == "active"
            assert c["officer_id"] is None
            continue
        assert (c["status"].value == "active") == in_benefits(own, small.as_of)
        if c["unemployed_since"] is not None:
            assert c["unemployed_since"] <= small.as_of


def test_a_job_that_ends_the_need_closes_the_benefit_period(small: Generated) -> None:
    periods = small.periods()
    needs_ended = 0
    for j in small.rows("integrations.csv"):
        own = periods[j["client_id"]]
        assert j["start"] <= small.as_of
        if j["ends_benefit_need"]:
            needs_ended += 1
            assert not in_benefits(own, j["start"])
            assert any(end == j["start"] - timedelta(days=1) for _, end in own)
        else:
            assert in_benefits(own, j["start"]), (
                "a job that only reduces the need starts in benefits"
            )
    assert needs_ended > 0


def test_integrated_clients_have_a_job_that_ended_their_need(small: Generated) -> None:
    ended = {j["client_id"] for j in small.rows("integrations.csv") if j["ends_benefit_need"]}
    integrated = {c["client_id"] for c in small.rows("clients.csv")
                  if c["status"].value == "integrated"}  # fmt: skip
    assert integrated
    assert integrated <= ended


def test_at_most_one_integration_per_person_and_month(small: Generated) -> None:
    # § 5(1) 48a-KennzahlenV counts at most one Integration per person and month.
    months = Counter(
        (j["client_id"], j["start"].year, j["start"].month)
        for j in small.rows("integrations.csv")
        if j["kind"].counts_as_integration
    )
    assert max(months.values()) == 1


def test_proposals_are_made_in_benefits_for_posted_vacancies_and_hires_lead_to_jobs(
    small: Generated,
) -> None:
    periods = small.periods()
    posted = {v["vacancy_id"]: v["posted_on"] for v in small.rows("vacancies.csv")}
    starts = defaultdict(list)
    for j in small.rows("integrations.csv"):
        starts[j["client_id"]].append(j["start"])
    hires = 0
    for h in small.rows("history.csv"):
        assert posted[h["vacancy_id"]] <= h["proposed_on"] <= small.as_of
        assert in_benefits(periods[h["client_id"]], h["proposed_on"])
        if h["outcome"].value == "hired":
            hires += 1
            gaps = [(s - h["proposed_on"]).days for s in starts[h["client_id"]]]
            assert any(14 <= g <= 45 for g in gaps)
    assert hires > 0


def test_nobody_holds_a_degree_before_the_age_it_takes(small: Generated) -> None:
    # A vocational qualification takes until about 18 (school to 15/16, two to three years of
    # training), a first university degree until about 22; the generator drew 21-year-old
    # academics before it knew this.
    year = small.as_of.year
    for r in small.rows("clients.csv"):
        age = year - r["birth_year"]
        if r["qualification"].value == "academic":
            assert age >= 22, r["client_id"]
        if r["qualification"].value == "vocational":
            assert age >= 18, r["client_id"]


def test_programme_members_live_where_the_programme_has_its_team(generated: Factory) -> None:
    # Gelsenkirchen's Joboffensive team works at Mitte only; the caseload planner pools a
    # programme's clients with its officers by site, so members at Buer would fall back to
    # regular care and be moved away from their Joboffensive officer.
    g = generated("gelsenkirchen", clients=300, seed=3)
    members = [r for r in g.rows("clients.csv") if "joboffensive" in r["programmes"]]
    assert members
    assert {r["site"] for r in members} == {"Gelsenkirchen-Mitte"}
    teams = {r["team"]: r["site"] for r in g.rows("teams.csv") if r["programme"] == "joboffensive"}
    assert set(teams.values()) == {"Gelsenkirchen-Mitte"}
