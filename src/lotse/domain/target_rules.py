"""Target-group rules of programmes and focus groups, as data, with an explanation per condition.

A rule is a dict whose conditions must all hold, e.g. the Job-Turbo::

    {"origin_groups": ["ukraine", "asylum_countries"], "status_in": ["active"]}

Conditions (all optional):

``origin_groups``           list of :class:`~lotse.domain.origin.OriginGroup` values
``citizenship_in``          list of ISO 3166-1 alpha-2 codes
``residence_status_in``     list of residence-status values
``status_in``               list of client-status values
``sites``                   list of site names
``age_min`` / ``age_max``   age in years at the reference date (from the birth year)
``german_level_min`` / ``german_level_max``   CEFR levels
``qualification_min``       none < school < vocational < academic
``unemployed_months_min`` / ``unemployed_months_max``   months since ``unemployed_since``
``work_permitted``          true / false
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import Qualification
from lotse.domain.origin import origin_group

KNOWN_CONDITIONS = frozenset(
    {
        "origin_groups", "citizenship_in", "residence_status_in", "status_in", "sites",
        "age_min", "age_max", "german_level_min", "german_level_max", "qualification_min",
        "unemployed_months_min", "unemployed_months_max", "work_permitted",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ClientFacts:
    """What a target rule may look at; built from a client record by the caller."""

    status: str
    site: str | None = None
    birth_year: int | None = None
    citizenship: str | None = None
    residence_status: str | None = None
    german_level: CefrLevel | None = None
    qualification: Qualification | None = None
    unemployed_since: date | None = None
    work_permitted: bool | None = None


@dataclass(frozen=True, slots=True)
class ConditionResult:
    condition: str
    passed: bool
    explanation: str


@dataclass(frozen=True, slots=True)
class RuleResult:
    matches: bool
    conditions: tuple[ConditionResult, ...]

    def explain(self) -> str:
        return "; ".join(("✓ " if c.passed else "✗ ") + c.explanation for c in self.conditions)


def validate_rule(rule: Mapping[str, Any]) -> list[str]:
    """Problems with a rule (unknown conditions, wrong types); empty when it is valid."""
    problems = [f"unknown condition {k!r}" for k in rule if k not in KNOWN_CONDITIONS]
    for key in ("german_level_min", "german_level_max"):
        if key in rule and rule[key] not in {lv.value for lv in CefrLevel}:
            problems.append(f"{key}: {rule[key]!r} is not a CEFR level A0–C2")
    if "qualification_min" in rule and rule["qualification_min"] not in {
        q.value for q in Qualification
    }:
        problems.append(f"qualification_min: {rule['qualification_min']!r} is not a qualification")
    for key in ("age_min", "age_max", "unemployed_months_min", "unemployed_months_max"):
        if key in rule and not isinstance(rule[key], int):
            problems.append(f"{key}: {rule[key]!r} is not a whole number")
    return problems


def _months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def evaluate(rule: Mapping[str, Any], facts: ClientFacts, *, on: date) -> RuleResult:
    """Check every condition of ``rule`` for ``facts`` at date ``on``.

    >>> rule = {"origin_groups": ["ukraine", "asylum_countries"], "german_level_min": "A2"}
    >>> r = evaluate(rule, ClientFacts(status="active", citizenship="SY",
    ...                                german_level=CefrLevel.A1), on=date(2025, 1, 1))
    >>> r.matches, r.explain()
    (False, '✓ Herkunftsgruppe asylum_countries; ✗ Deutsch A1, verlangt mindestens A2')
    """
    results: list[ConditionResult] = []

    def add(condition: str, passed: bool, text: str) -> None:
        results.append(ConditionResult(condition, passed, text))

    for key, want in rule.items():
        if key == "origin_groups":
            group = origin_group(facts.citizenship).value
            add(key, group in want, f"Herkunftsgruppe {group}")
        elif key == "citizenship_in":
            add(key, facts.citizenship in want, f"Staatsangehörigkeit {facts.citizenship or '?'}")
        elif key == "residence_status_in":
            add(key, facts.residence_status in want, f"Aufenthaltsstatus {facts.residence_status}")
        elif key == "status_in":
            add(key, facts.status in want, f"Status {facts.status}")
        elif key == "sites":
            add(key, facts.site in want, f"Standort {facts.site}")
        elif key in ("age_min", "age_max"):
            if facts.birth_year is None:
                add(key, False, "Alter unbekannt")
                continue
            age = on.year - facts.birth_year
            ok = age >= want if key == "age_min" else age <= want
            add(key, ok, f"Alter {age}, {'mindestens' if key == 'age_min' else 'höchstens'} {want}")
        elif key in ("german_level_min", "german_level_max"):
            level = facts.german_level
            bound = CefrLevel(want)
            if level is None:
                add(key, False, "Deutschniveau unbekannt")
                continue
            ok = level >= bound if key == "german_level_min" else level <= bound
            word = "mindestens" if key == "german_level_min" else "höchstens"
            add(key, ok, f"Deutsch {level}" + ("" if ok else f", verlangt {word} {bound}"))
        elif key == "qualification_min":
            q = facts.qualification
            bound_q = Qualification(want)
            ok = q is not None and q.rank >= bound_q.rank
            add(key, ok, f"Qualifikation {q or 'unbekannt'}, mindestens {bound_q}")
        elif key in ("unemployed_months_min", "unemployed_months_max"):
            if facts.unemployed_since is None:
                add(key, False, "Beginn der Arbeitslosigkeit unbekannt")
                continue
            months = _months_between(facts.unemployed_since, on)
            ok = months >= want if key == "unemployed_months_min" else months <= want
            word = "mindestens" if key == "unemployed_months_min" else "höchstens"
            add(key, ok, f"{months} Monate arbeitslos, {word} {want}")
        elif key == "work_permitted":
            add(key, facts.work_permitted is want, f"Arbeitserlaubnis {facts.work_permitted}")
        else:
            raise ValueError(f"unknown target-rule condition {key!r}")
    return RuleResult(all(r.passed for r in results), tuple(results))
