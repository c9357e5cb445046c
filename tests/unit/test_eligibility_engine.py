"""How the eligibility engine reads rules, handles unknown facts, and validates catalogue files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import ResidenceStatus
from lotse.domain.deadlines import add_months, whole_months_between
from lotse.domain.eligibility import (
    Applicant,
    Decision,
    MeasureRules,
    Params,
    ReasonKind,
    evaluate,
    validate_measure,
)
from lotse.domain.eligibility_facts import parse_params
from lotse.errors import InvalidInput
from lotse.measures.catalogue import load_file, packaged, parse_catalogue

BRIEF_MEASURES = {
    "integrationskurs",
    "integrationskurs_verpflichtung",
    "bsk_basis_b1_b2",
    "bsk_basis_b2_c1",
    "bsk_basis_c1_c2",
    "bsk_spezial_a2_b1",
    "bsk_spezial_unter_a2",
    "bsk_spezial_anerkennung",
    "bsk_spezial_fach",
    "avgs_mat",
    "avgs_mag",
    "avgs_mpav",
    "egz",
    "einstiegsgeld",
    "anerkennung_bqfg",
    "iq_beratung",
    "orientierungskurs_junge_menschen",
    "schulabschlussklasse",
}


def measure(*rules: dict[str, Any]) -> MeasureRules:
    return MeasureRules.from_dict(
        {
            "code": "lokal_test",
            "name": "Test",
            "kind": "other",
            "legal_basis": "Test",
            "rules": list(rules),
        }
    )


GRANT = {"id": "g", "effect": "eligible", "reason": "offen für alle", "legal_basis": "§ 1 Test"}


def test_the_packaged_catalogue_holds_every_measure_of_the_brief() -> None:
    assert {m.code for m in packaged()} == BRIEF_MEASURES


def test_every_packaged_rule_cites_a_legal_basis_and_unverified_ones_say_why() -> None:
    for m in packaged():
        assert m.legal_basis
        for rule in m.rules:
            assert rule.legal_basis.strip(), (m.code, rule.id)
            if rule.unverified:
                assert "[U]" in (rule.note or ""), (m.code, rule.id)


def test_a_requirement_on_an_unknown_fact_answers_information_missing() -> None:
    m = measure(
        {
            "id": "r",
            "effect": "require",
            "require": {"german_level_min": "B1"},
            "reason": "Deutsch B1",
            "legal_basis": "§ 2 Test",
        },
        GRANT,
    )
    answer = evaluate(m, Applicant(german_level=None), on=date(2025, 1, 1))
    assert answer.decision is Decision.NOT_ELIGIBLE
    assert answer.reasons[0].kind is ReasonKind.MISSING
    assert "Angabe fehlt" in answer.reasons[0].text


def test_an_exclusion_that_cannot_be_checked_is_reported_but_does_not_decide() -> None:
    m = measure(
        {
            "id": "x",
            "effect": "exclude",
            "when": {"german_level_min": "B1"},
            "reason": "kann schon Deutsch",
            "legal_basis": "§ 3 Test",
        },
        GRANT,
    )
    answer = evaluate(m, Applicant(german_level=None), on=date(2025, 1, 1))
    assert answer.decision is Decision.ELIGIBLE
    assert [r.kind for r in answer.reasons] == [ReasonKind.GRANTED, ReasonKind.UNCHECKED]


def test_an_entitlement_beats_an_admission_if_seats_are_free() -> None:
    seats = {
        "id": "s",
        "effect": "eligible_if_seats",
        "reason": "freie Plätze",
        "legal_basis": "§ 4 Test",
    }
    answer = evaluate(measure(seats, GRANT), Applicant(), on=date(2025, 1, 1))
    assert answer.decision is Decision.ELIGIBLE
    assert [r.rule for r in answer.decisive] == ["g"]


def test_an_assumed_default_is_named_in_the_reason() -> None:
    m = measure({**GRANT, "unless": {"in_school": True}})
    answer = evaluate(m, Applicant(), on=date(2025, 1, 1))
    assert "Annahme: In schulischer Ausbildung nicht angegeben, angenommen: nein" in (
        answer.reasons[0].text
    )


def test_age_from_the_birth_year_alone_is_a_range_until_the_last_day_of_the_year() -> None:
    m = measure({**GRANT, "when": {"age_min": 25}})
    # born 2000: on 30.6.2025 the person is 24 or 25, on 31.12.2025 certainly 25
    assert evaluate(m, Applicant(birth_year=2000), on=date(2025, 6, 30)).decision is (
        Decision.NOT_ELIGIBLE
    )
    assert evaluate(m, Applicant(birth_year=2000), on=date(2025, 12, 31)).decision is (
        Decision.ELIGIBLE
    )
    exact = Params(birth_date=date(2000, 6, 30))
    assert evaluate(m, Applicant(birth_year=2000), on=date(2025, 6, 30), params=exact).decision is (
        Decision.ELIGIBLE
    )


def test_long_term_unemployment_starts_after_twelve_months() -> None:
    # § 18 Abs. 1 SGB III: "ein Jahr und länger"; unemployed since 15.3.2024
    m = measure({**GRANT, "when": {"long_term_unemployed": True}})
    since = Applicant(unemployed_since=date(2024, 3, 15))
    assert evaluate(m, since, on=date(2025, 3, 14)).decision is Decision.NOT_ELIGIBLE
    assert evaluate(m, since, on=date(2025, 3, 15)).decision is Decision.ELIGIBLE


def test_asylum_seekers_and_tolerated_people_count_as_outside_the_sgb_ii() -> None:
    m = measure({**GRANT, "when": {"receives_sgb2": True}})
    tolerated = Applicant(residence_status=ResidenceStatus.TOLERATED)
    assert evaluate(m, tolerated, on=date(2025, 1, 1)).decision is Decision.NOT_ELIGIBLE
    on_benefits = Params(receives_sgb2=True)
    assert evaluate(m, tolerated, on=date(2025, 1, 1), params=on_benefits).decision is (
        Decision.ELIGIBLE
    )


def test_a_limit_without_a_requested_amount_is_shown_as_information() -> None:
    m = measure(
        GRANT,
        {
            "id": "l",
            "effect": "limit",
            "limit": {"fact": "requested_weeks", "max": 6},
            "reason": "Höchstdauer",
            "legal_basis": "§ 5 Test",
        },
    )
    answer = evaluate(m, Applicant(), on=date(2025, 1, 1))
    assert answer.decision is Decision.ELIGIBLE
    assert answer.reasons[1].text == "Höchstdauer: höchstens 6 Wochen"


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ({"rules": [{**GRANT, "when": {"german_level_min": "B3"}}]}, "'B3' is not a CEFR level"),
        ({"rules": [{**GRANT, "when": {"hair_colour": "red"}}]}, "unknown fact"),
        ({"rules": [{**GRANT, "legal_basis": ""}]}, "legal_basis is required"),
        ({"rules": [{**GRANT, "effect": "maybe"}]}, "effect 'maybe' is not one of"),
        ({"rules": [{**GRANT, "effect": "exclude"}]}, "no rule grants eligibility"),
        ({"rules": [GRANT, GRANT]}, "is used twice"),
        ({"rules": [{**GRANT, "unverified": True}]}, "needs a note"),
        ({"code": "Bad Code", "rules": [GRANT]}, "code must be"),
        ({"kind": "holiday", "rules": [GRANT]}, "kind 'holiday'"),
        (
            {
                "rules": [
                    GRANT,
                    {
                        "id": "l",
                        "effect": "limit",
                        "limit": {"fact": "status", "max": 1},
                        "reason": "x",
                        "legal_basis": "y",
                    },
                ]
            },
            "limit.fact",
        ),
    ],
)
def test_a_broken_catalogue_entry_is_refused_with_the_reason(
    entry: dict[str, Any], fragment: str
) -> None:
    base = {"code": "lokal_test", "name": "Test", "kind": "other", "legal_basis": "Test"}
    problems = validate_measure(base | entry)
    assert any(fragment in p for p in problems), problems


def test_a_catalogue_file_reports_every_problem_with_file_and_place(tmp_path: Path) -> None:
    path = tmp_path / "lokal.yaml"
    path.write_text(
        "measures:\n"
        "  - {code: kurs_a, name: A, kind: other, legal_basis: X, rule_sets: [fehlt],\n"
        "     rules: [{id: g, effect: eligible, reason: r, legal_basis: b}]}\n"
        "  - {code: kurs_b, name: B, kind: other, legal_basis: X,\n"
        "     rules: [{id: g, effect: eligible, when: {german_level: B3}, reason: r,\n"
        "              legal_basis: b}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as caught:
        load_file(path)
    texts = [str(p) for p in caught.value.problems]
    assert any("measures[0]" in t and "unknown rule set 'fehlt'" in t for t in texts), texts
    assert any("measures[1]" in t and "'B3'" in t for t in texts), texts
    assert all(p.file == "lokal.yaml" for p in caught.value.problems)


def test_broken_yaml_names_the_line() -> None:
    from lotse.measures.catalogue import read_document

    with pytest.raises(InvalidInput) as caught:
        read_document("measures:\n  - code: a\n   name: b: c\n", source="x.yaml")
    assert caught.value.problems[0].line is not None


def test_a_rule_set_is_expanded_into_each_measure() -> None:
    doc = {
        "rule_sets": {"gemeinsam": [GRANT]},
        "measures": [
            {
                "code": "kurs_a",
                "name": "A",
                "kind": "other",
                "legal_basis": "X",
                "rule_sets": ["gemeinsam"],
            }
        ],
    }
    (m,) = parse_catalogue(doc, source="test", local=True)
    assert [r.id for r in m.rules] == ["g"]
    assert m.local


def test_request_parameters_are_parsed_and_bad_ones_named() -> None:
    params, problems = parse_params(
        {
            "duldung_months": "x",
            "serious_obstacles": "ja",
            "requested_start": "2025-02-30",
            "weeks": "3",
        }
    )
    assert dict(problems) == {
        "duldung_months": "must be a whole number",
        "serious_obstacles": "must be true or false",
        "requested_start": "must be an ISO date (YYYY-MM-DD)",
        "weeks": "unknown parameter",
    }
    assert params == Params()


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        # §§ 187 Abs. 1, 188 Abs. 2 BGB: same day number; § 188 Abs. 3: month end if missing
        (date(2025, 1, 15), 3, date(2025, 4, 15)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
    ],
)
def test_periods_of_months_end_as_the_bgb_counts(start: date, months: int, end: date) -> None:
    assert add_months(start, months) == end


def test_whole_months_count_only_completed_months() -> None:
    # one month from 31.1. reaches 28.2. (§ 188 Abs. 3 BGB: February has no 31st)
    assert whole_months_between(date(2025, 1, 31), date(2025, 2, 27)) == 0
    assert whole_months_between(date(2025, 1, 31), date(2025, 2, 28)) == 1
    assert whole_months_between(date(2025, 1, 15), date(2025, 2, 15)) == 1
    assert whole_months_between(date(2025, 3, 1), date(2025, 1, 1)) == -2


def test_language_levels_in_a_catalogue_condition_compare_in_cefr_order() -> None:
    m = measure({**GRANT, "when": {"german_level_max": "A2"}})
    assert evaluate(m, Applicant(german_level=CefrLevel.A2), on=date(2025, 1, 1)).decision is (
        Decision.ELIGIBLE
    )
    assert evaluate(m, Applicant(german_level=CefrLevel.B1), on=date(2025, 1, 1)).decision is (
        Decision.NOT_ELIGIBLE
    )


def test_every_packaged_measure_and_answer_reads_as_the_api_schema() -> None:
    from lotse.measures.schemas import EligibilityRead, MeasureRead

    for m in packaged():
        read = MeasureRead.of(m)
        assert [r.id for r in read.rules] == [r.id for r in m.rules]
    answer = evaluate(packaged()[0], Applicant(), on=date(2025, 1, 1))
    assert EligibilityRead.of(answer).decision_label == answer.decision.label
