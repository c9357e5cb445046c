"""The latent hire propensity never looks at protected attributes, and does look at German."""

from __future__ import annotations

from typing import Any

import pytest

from lotse.simulation.propensity import (
    ClientFeatures,
    VacancyFeatures,
    client_features,
    hire_logit,
    shared_levels,
)

BITTERFELD = (51.6330, 12.3362)
KOETHEN = (51.7519, 11.9709)


def _client(**changes: Any) -> dict[str, Any]:
    record = {
        "client_id": "X-1", "name": "Olena Melnyk", "citizenship": "UA", "gender": "f",
        "birth_year": 1985, "residence_status": "temporary_protection", "languages": ["uk", "ru"],
        "german_level": "A2", "qualification": "vocational", "experience_years": 4.0,
        "target_kldb": ["51311", "62101"], "driving_licence": False, "hours": "any",
        "max_commute_km": 25,
    }  # fmt: skip
    return record | changes


VACANCY = VacancyFeatures("51311", german_min=2, driving_licence_required=False,
                          full_time=True, lat=KOETHEN[0], lon=KOETHEN[1])  # fmt: skip


def _logit(record: dict[str, Any]) -> float:
    return hire_logit(client_features(record, *BITTERFELD), VACANCY, months_out=14)


@pytest.mark.parametrize(
    "protected",
    [
        {"citizenship": "DE", "residence_status": "german"},
        {"citizenship": "SY", "residence_status": "recognised_refugee", "languages": ["ar"]},
        {"gender": "m"},
        {"gender": "d"},
        {"birth_year": 1960},
        {"name": "Thomas Müller"},
    ],
)
def test_origin_gender_age_and_name_do_not_change_the_hire_propensity(
    protected: dict[str, Any],
) -> None:
    assert _logit(_client(**protected)) == _logit(_client())


def test_german_below_the_employers_minimum_lowers_the_propensity() -> None:
    # One CEFR level below the minimum costs 0.9 on the log-odds scale; one above gains 0.1.
    a2 = _logit(_client(german_level="A2"))  # meets A2
    a1 = _logit(_client(german_level="A1"))  # one level short
    b1 = _logit(_client(german_level="B1"))  # one level above
    assert a2 - a1 == pytest.approx(0.9)
    assert b1 - a2 == pytest.approx(0.1)


def test_a_job_in_the_target_occupation_beats_one_in_another_field() -> None:
    client = client_features(_client(), *BITTERFELD)
    other = VacancyFeatures("82101", 2, False, True, KOETHEN[0], KOETHEN[1])
    # 51311 shares all four KldB levels with the target 51311, 82101 none: 4 × 0.45.
    assert hire_logit(client, VACANCY, 14) - hire_logit(client, other, 14) == pytest.approx(1.8)


def test_a_missing_driving_licence_counts_only_when_the_job_requires_one() -> None:
    client = client_features(_client(driving_licence=False), *BITTERFELD)
    driver = VacancyFeatures("51311", 2, True, True, KOETHEN[0], KOETHEN[1])
    assert hire_logit(client, VACANCY, 14) - hire_logit(client, driver, 14) == pytest.approx(1.5)


def test_shared_levels_count_the_common_kldb_prefix() -> None:
    import numpy as np

    targets = np.array([[51311, 62101, -1], [26212, -1, -1]])
    assert shared_levels(targets, np.array([51312, 82101])).tolist() == [4, 0]


def test_client_features_read_only_the_allowed_fields() -> None:
    fields = set(ClientFeatures.__dataclass_fields__)
    assert fields.isdisjoint({"citizenship", "gender", "birth_year", "residence_status",
                              "name", "languages"})  # fmt: skip
