"""Features of client–vacancy pairs, and that protected attributes can never become one."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import numpy as np
import pytest

from lotse.matching.features import (
    CLIENT_FIELDS,
    FEATURES,
    PROTECTED_FIELDS,
    VACANCY_FIELDS,
    ClientTable,
    client_table,
    feature_index,
    pair_features,
    vacancy_table,
)
from lotse.matching.occupations import shared_depth, skill_overlap

F = feature_index()
BITTERFELD = (51.6268, 12.3299)
KOETHEN = (51.7520, 11.9740)


def _client(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "client_id": "C1", "status": "active", "german_level": "B1", "qualification": "school",
        "degree_recognition": "not_needed", "target_kldb": ["51311"], "lat": BITTERFELD[0],
        "lon": BITTERFELD[1], "max_commute_km": 40, "hours": "full", "driving_licence": True,
        "work_permitted": True, "unemployed_since": date(2025, 1, 1), "experience_years": 2.0,
        "gender": "f", "citizenship": "SY", "birth_year": 1990, "name": "Test",
        "languages": ["ar"], "residence_status": "recognised_refugee",
    }  # fmt: skip
    return base | kw


def _vacancy(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "vacancy_id": "V1", "kldb": "51311", "german_level_min": "A2", "lat": KOETHEN[0],
        "lon": KOETHEN[1], "hours": "full", "openings": 1, "driving_licence_required": False,
        "status": "open",
    }  # fmt: skip
    return base | kw


def _features(client: dict[str, Any], vacancy: dict[str, Any]) -> dict[str, float]:
    x = pair_features(
        client_table([client]), vacancy_table([vacancy]), np.array([0]), np.array([0]),
        reference_date=date(2025, 7, 1),
    )  # fmt: skip
    return {f.name: float(x[0, i]) for i, f in enumerate(FEATURES)}


def test_no_protected_field_is_on_the_whitelist() -> None:
    assert not (CLIENT_FIELDS & PROTECTED_FIELDS)
    assert not (VACANCY_FIELDS & PROTECTED_FIELDS)
    table_fields = {f.name for f in dataclasses.fields(ClientTable)}
    assert not (table_fields & PROTECTED_FIELDS)
    assert not ({f.name for f in FEATURES} & (PROTECTED_FIELDS | {"age", "origin"}))


@pytest.mark.parametrize(
    "change",
    [
        {"gender": "m"},
        {"citizenship": "DE"},
        {"citizenship": "UA"},
        {"birth_year": 1960},
        {"name": "Anders"},
        {"languages": ["de", "uk"]},
        {"gender": None, "citizenship": None, "birth_year": None},
    ],
)
def test_changing_a_protected_attribute_never_changes_a_feature(change: dict[str, Any]) -> None:
    clients = [_client(client_id=f"C{i}") for i in range(3)] + [_client(client_id="X", **change)]
    vacancies = [_vacancy(), _vacancy(vacancy_id="V2", kldb="52122", german_level_min="B2")]
    ct, vt = client_table(clients), vacancy_table(vacancies)
    ci = np.array([0, 0, 3, 3])
    vi = np.array([0, 1, 0, 1])
    x = pair_features(ct, vt, ci, vi, reference_date=date(2025, 7, 1))
    np.testing.assert_array_equal(x[:2], x[2:])


def test_german_margin_counts_cefr_steps_above_the_vacancys_minimum() -> None:
    # B1 is two steps above A1 (A1 < A2 < B1); A1 is two steps below B1.
    assert (
        _features(_client(german_level="B1"), _vacancy(german_level_min="A1"))["german_margin"] == 2
    )
    assert (
        _features(_client(german_level="A1"), _vacancy(german_level_min="B1"))["german_margin"]
        == -2
    )
    assert np.isnan(_features(_client(german_level=None), _vacancy())["german_margin"])


def test_distance_is_the_great_circle_between_home_and_workplace() -> None:
    # Bitterfeld – Köthen is 28.2 km as the crow flies (lotse.domain.geo's reference value).
    f = _features(_client(max_commute_km=20), _vacancy())
    assert f["distance_km"] == pytest.approx(28.2, abs=0.1)
    assert f["commute_ratio"] == pytest.approx(28.2 / 20, abs=0.01)


def test_kldb_fit_counts_shared_levels_and_esco_skills() -> None:
    # 51311 and 51322 share "5", "51", "513" (Berufsgruppe Lagerwirtschaft): depth 3.
    f = _features(_client(target_kldb=["26212", "51311"]), _vacancy(kldb="51322"))
    assert f["kldb_depth"] == 3 == shared_depth("51311", "51322")
    assert f["skill_overlap"] == pytest.approx(
        max(skill_overlap("51311", "51322"), skill_overlap("26212", "51322")), abs=1e-6
    )
    assert _features(_client(target_kldb=[]), _vacancy())["no_target"] == 1


def test_a_foreign_vocational_degree_awaiting_recognition_only_opens_helper_jobs() -> None:
    client = _client(qualification="vocational", degree_recognition="pending")
    skilled = _features(client, _vacancy(kldb="51312"))  # Fachkraft (level 2)
    assert skilled["qualification_gap"] == 1  # 2 required, 1 (Helfer) attainable
    assert skilled["unrecognised_degree"] == 1
    helper = _features(client, _vacancy(kldb="51311"))
    assert helper["qualification_gap"] == 0
    assert helper["unrecognised_degree"] == 0
    recognised = _features(_client(qualification="vocational", degree_recognition="full"),
                           _vacancy(kldb="51312"))  # fmt: skip
    assert recognised["qualification_gap"] == 0


def test_hours_licence_experience_and_time_out_of_work() -> None:
    f = _features(
        _client(hours="part", driving_licence=False, experience_years=4.0),
        _vacancy(hours="full", driving_licence_required=True, kldb="51321"),
    )
    assert f["hours_mismatch"] == 1
    assert f["licence_missing"] == 1
    assert f["relevant_experience"] == 4  # same Berufsgruppe 513: the experience counts
    # 2025-01-01 to 2025-07-01 is 181 days = 181 / 30.4375 months.
    assert f["months_unemployed"] == pytest.approx(181 / 30.4375, abs=1e-3)
    any_hours = _features(_client(hours="any"), _vacancy(hours="part"))
    assert any_hours["hours_mismatch"] == 0
    elsewhere = _features(_client(experience_years=4.0), _vacancy(kldb="81302"))
    assert elsewhere["relevant_experience"] == 0


def test_the_work_permit_is_an_eligibility_not_a_feature() -> None:
    table = client_table([
        _client(work_permitted=False),
        _client(work_permitted=None, residence_status="german"),
        _client(work_permitted=None, residence_status="tolerated"),
    ])  # fmt: skip
    assert table.permitted.tolist() == [False, True, True]
    assert table.permit_unknown.tolist() == [False, False, True]
    assert "work_permitted" not in F
    assert "residence_status" not in F
