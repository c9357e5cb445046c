"""Small domain rules every feature relies on."""

from __future__ import annotations

from datetime import date

import pytest

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import IntegrationKind, Qualification
from lotse.domain.origin import OriginGroup, origin_group
from lotse.domain.target_rules import ClientFacts, evaluate, validate_rule
from lotse.errors import InvalidInput, Problem


def test_cefr_levels_order_from_none_to_mastery() -> None:
    assert sorted([CefrLevel.B2, CefrLevel.A0, CefrLevel.C1, CefrLevel.A2]) == [
        CefrLevel.A0,
        CefrLevel.A2,
        CefrLevel.B2,
        CefrLevel.C1,
    ]
    assert CefrLevel.B1 >= CefrLevel.A2
    assert not CefrLevel.A1 >= CefrLevel.A2


def test_an_unknown_cefr_level_is_refused() -> None:
    with pytest.raises(ValueError, match="B3"):
        CefrLevel("B3")


@pytest.mark.parametrize(
    ("kind", "counts"),
    [
        # § 5(1) 48a-KennzahlenV: SV employment, full vocational training, self-employment count.
        (IntegrationKind.EMPLOYMENT, True),
        (IntegrationKind.APPRENTICESHIP, True),
        (IntegrationKind.SELF_EMPLOYMENT, True),
        # Minijobs have their own entry rate; § 16i public employment is excluded (§ 5(1), (2)).
        (IntegrationKind.MINIJOB, False),
        (IntegrationKind.PUBLIC_EMPLOYMENT, False),
    ],
)
def test_only_regular_jobs_training_and_self_employment_are_integrations(
    kind: IntegrationKind, counts: bool
) -> None:
    assert kind.counts_as_integration is counts


@pytest.mark.parametrize(
    ("citizenship", "group"),
    [
        ("UA", OriginGroup.UKRAINE),
        ("ER", OriginGroup.ASYLUM_COUNTRIES),
        ("NG", OriginGroup.ASYLUM_COUNTRIES),
        ("TR", OriginGroup.OTHER),
        ("DE", OriginGroup.OTHER),
    ],
)
def test_job_turbo_origin_groups_follow_the_eight_asylum_countries(
    citizenship: str, group: OriginGroup
) -> None:
    assert origin_group(citizenship) is group


def test_a_target_rule_explains_each_condition_it_checked() -> None:
    rule = {"origin_groups": ["ukraine"], "age_max": 24, "qualification_min": "vocational"}
    facts = ClientFacts(
        status="active", citizenship="UA", birth_year=1999, qualification=Qualification.SCHOOL
    )
    result = evaluate(rule, facts, on=date(2025, 6, 1))
    assert not result.matches
    assert [c.passed for c in result.conditions] == [True, False, False]
    assert "Alter 26" in result.conditions[1].explanation


def test_months_out_of_work_are_counted_to_the_day() -> None:
    rule = {"unemployed_months_min": 12}
    just_short = ClientFacts(status="active", unemployed_since=date(2024, 6, 2))
    exactly = ClientFacts(status="active", unemployed_since=date(2024, 6, 1))
    assert not evaluate(rule, just_short, on=date(2025, 6, 1)).matches
    assert evaluate(rule, exactly, on=date(2025, 6, 1)).matches


def test_a_rule_with_an_unknown_condition_is_reported() -> None:
    assert validate_rule({"religion_in": ["x"], "german_level_min": "B3"}) == [
        "unknown condition 'religion_in'",
        "german_level_min: 'B3' is not a CEFR level A0–C2",
    ]


def test_invalid_input_reports_every_problem_with_its_place() -> None:
    error = InvalidInput(
        [
            Problem(
                rule="date",
                message="not an ISO date",
                file="clients.csv",
                line=3,
                column="unemployed_since",
                value="2025-13-01",
            ),
            Problem(
                rule="unique",
                message="duplicate id",
                file="clients.csv",
                line=7,
                column="client_id",
                value="C1",
            ),
        ]
    )
    assert str(error.problems[0]) == (
        "clients.csv, line 3, column unemployed_since: value '2025-13-01': not an ISO date [date]"
    )
    assert "(and 1 more)" in error.message
