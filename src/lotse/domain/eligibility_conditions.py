"""Conditions over eligibility facts, evaluated three-valued, with German explanations.

A condition is a mapping; all its entries must hold:

``<fact>: value``            equality (booleans, codes, numbers)
``<fact>_in: [values]``      membership
``<fact>_min`` / ``_max``    ordered bounds, inclusive (numbers, dates, CEFR levels, qualification)
``any_of: [conditions]``     at least one alternative holds
``not: condition``           negation

The facts are those of :data:`lotse.domain.eligibility_facts.FACTS`. The result is ``True``,
``False`` or ``None`` when a fact is unknown, so a rule can say "Angabe fehlt" instead of guessing.

>>> from lotse.domain.eligibility_facts import Applicant, Params, build_facts
>>> from lotse.domain.codes import ResidenceStatus
>>> facts = build_facts(Applicant(residence_status=ResidenceStatus.TOLERATED), Params(),
...                     on=date(2025, 1, 1))
>>> outcome = evaluate_condition({"any_of": [{"discretionary_duldung": True},
...                                          {"duldung_months_min": 6}]}, facts)
>>> outcome.value is None, outcome.details[0].text
(True, 'keine der Alternativen erfüllt: Ermessensduldung (§ 60a Abs. 2 S. 3 AufenthG): \
nicht angegeben, angenommen: nein (verlangt: ja) | Monate mit Duldung: unbekannt (Angabe fehlt)')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache, partial
from typing import Any

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import Qualification
from lotse.domain.countries import ISO_3166_ALPHA2
from lotse.domain.eligibility_facts import FACTS, VALUE_LABELS, YES_NO, Fact, FactSpec


@lru_cache(maxsize=1024)
def split_key(key: str) -> tuple[str, str] | None:
    """(fact, operator) of a condition key, or None if the key names no fact."""
    if key in FACTS:
        return key, "eq"
    for suffix, op in (("_in", "in"), ("_min", "min"), ("_max", "max")):
        if key.endswith(suffix) and key[: -len(suffix)] in FACTS:
            return key[: -len(suffix)], op
    return None


def normalise_value(spec: FactSpec, value: Any) -> Any:
    """A condition value in its stored form (JSON-friendly); raises ValueError if invalid."""
    kind = spec.kind
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("must be a whole number")
        return value
    if kind == "date":
        if isinstance(value, date):
            return value.isoformat()
        date.fromisoformat(str(value))
        return str(value)
    if kind == "level":
        if str(value) not in {lv.value for lv in CefrLevel}:
            raise ValueError(f"{value!r} is not a CEFR level A0–C2")
        return str(value)
    if kind == "qualification":
        return Qualification(str(value)).value
    if kind == "country":
        if str(value) not in ISO_3166_ALPHA2:
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code")
        return str(value)
    assert spec.choices is not None
    try:
        return spec.choices(str(value)).value
    except ValueError:
        allowed = ", ".join(m.value for m in spec.choices)
        raise ValueError(f"{value!r} is not one of: {allowed}") from None


def validate_condition(condition: Any, path: str) -> list[str]:
    """Problems with a condition mapping (unknown facts, wrong operators, bad values)."""
    if not isinstance(condition, Mapping):
        return [f"{path}: must be a mapping of conditions"]
    problems: list[str] = []
    for key, want in condition.items():
        where = f"{path}.{key}"
        if key == "any_of":
            if not isinstance(want, list) or not want:
                problems.append(f"{where}: must be a non-empty list of conditions")
                continue
            for i, alternative in enumerate(want):
                problems += validate_condition(alternative, f"{where}[{i}]")
            continue
        if key == "not":
            problems += validate_condition(want, where)
            continue
        parsed = split_key(str(key))
        if parsed is None:
            problems.append(f"{where}: unknown fact (known: {', '.join(sorted(FACTS))})")
            continue
        spec, op = FACTS[parsed[0]], parsed[1]
        if op in ("min", "max") and spec.kind not in ("int", "date", "level", "qualification"):
            problems.append(f"{where}: {spec.name} has no order; use {spec.name} or _in")
            continue
        values = want if op == "in" else [want]
        if op == "in" and (not isinstance(want, list) or not want):
            problems.append(f"{where}: must be a non-empty list")
            continue
        for value in values:
            try:
                normalise_value(spec, value)
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
    return problems


def normalise_condition(condition: Mapping[str, Any]) -> dict[str, Any]:
    """The condition with every value in stored form (call after :func:`validate_condition`)."""
    out: dict[str, Any] = {}
    for key, want in condition.items():
        if key == "any_of":
            out[key] = [normalise_condition(c) for c in want]
        elif key == "not":
            out[key] = normalise_condition(want)
        else:
            fact, op = split_key(key) or (key, "eq")
            spec = FACTS[fact]
            if op == "in":
                out[key] = [normalise_value(spec, v) for v in want]
            else:
                out[key] = normalise_value(spec, want)
    return out


@dataclass(frozen=True, slots=True)
class Detail:
    """One checked condition: whether it held (None: unknown) and a German explanation.

    The texts are rendered only when asked for: a caseload batch evaluates many conditions whose
    explanation nobody reads.
    """

    passed: bool | None
    render: Callable[[], str]
    assumed: bool = False
    render_assumption: Callable[[], str] | None = None

    @property
    def text(self) -> str:
        return self.render()

    @property
    def assumption(self) -> str:
        """For a check on an assumed default: what was assumed, in words."""
        return self.render_assumption() if self.render_assumption is not None else ""


@dataclass(frozen=True, slots=True)
class Outcome:
    value: bool | None
    details: tuple[Detail, ...] = field(default_factory=tuple)
    assumed: tuple[Detail, ...] = field(default_factory=tuple)
    """Checks that rested on an assumed default and decided the outcome."""

    def failing(self) -> list[Detail]:
        return [d for d in self.details if d.passed is not True]


def display(fact: str, value: Any) -> str:
    """A value as a German user reads it."""
    if value is None:
        return "unbekannt"
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    if FACTS[fact].kind == "date":
        return date.fromisoformat(text).strftime("%d.%m.%Y")
    return VALUE_LABELS.get(fact, {}).get(text, text)


@lru_cache(maxsize=4096)
def _bound(kind: str, value: Any) -> Any:
    """The order of a condition's bound (values in stored form, so hashable)."""
    if kind == "level":
        return CefrLevel(str(value)).rank
    if kind == "qualification":
        return Qualification(str(value)).rank
    if kind == "date":
        return date.fromisoformat(str(value))
    return value


def _order(kind: str, value: Any) -> Any:
    if isinstance(value, CefrLevel | Qualification):
        return value.rank
    if kind == "date" and isinstance(value, date):
        return value
    return _bound(kind, value)


def _shown(fact_name: str, fact: Fact) -> str:
    if fact.value is not None:
        return display(fact_name, fact.value)
    return f"{fact.low} oder {fact.high}"


def _explain(fact_name: str, fact: Fact, op: str, want: Any, passed: bool | None) -> str:
    spec = FACTS[fact_name]
    shown = _shown(fact_name, fact)
    if fact.assumed:
        shown = f"nicht angegeben, angenommen: {shown}"
    text = f"{spec.label}: {shown}"
    if passed is not True:
        if op in ("min", "max"):
            need = f"{'mindestens' if op == 'min' else 'höchstens'} {display(fact_name, want)}"
        elif op == "in":
            need = " oder ".join(display(fact_name, w) for w in want)
        else:
            need = display(fact_name, want)
        text += f" (verlangt: {need})"
    if passed is None and fact.hint:
        text += f" – {fact.hint}"
    return text


def _check(fact_name: str, op: str, want: Any, facts: Mapping[str, Fact]) -> Detail:
    spec = FACTS[fact_name]
    fact = facts[fact_name]
    if not fact.known:
        label = spec.label
        return Detail(None, lambda: f"{label}: unbekannt (Angabe fehlt)")
    passed: bool | None
    if op in ("min", "max"):
        bound = _bound(spec.kind, want)
        if fact.value is not None:
            low = high = _order(spec.kind, fact.value)
        else:
            low, high = fact.low, fact.high
        if op == "min":
            passed = True if low >= bound else False if high < bound else None
        else:
            passed = True if high <= bound else False if low > bound else None
    elif op == "in":
        passed = _plain(fact.value) in want
    else:
        passed = _plain(fact.value) == want
    assumption = None
    if fact.assumed:
        assumption = partial(_assumption, fact_name, fact)
    return Detail(
        passed, partial(_explain, fact_name, fact, op, want, passed), fact.assumed, assumption
    )


def _assumption(fact_name: str, fact: Fact) -> str:
    return f"{FACTS[fact_name].label} nicht angegeben, angenommen: {_shown(fact_name, fact)}"


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    return value


def _alternatives(outcomes: list[Outcome]) -> str:
    parts = ["; ".join(d.text for d in o.failing()) for o in outcomes]
    return "keine der Alternativen erfüllt: " + " | ".join(p for p in parts if p)


def _negated(inner: Outcome) -> str:
    return "nicht (" + "; ".join(d.text for d in inner.details) + ")"


def _said(inner: Outcome) -> str:
    return "; ".join(d.assumption for d in inner.details if d.assumed)


def evaluate_condition(condition: Mapping[str, Any], facts: Mapping[str, Fact]) -> Outcome:
    """Whether ``condition`` holds for ``facts`` (True, False or None = unknown), with details."""
    details: list[Detail] = []
    values: list[bool | None] = []
    for key, want in condition.items():
        if key == "any_of":
            outcomes = [evaluate_condition(c, facts) for c in want]
            value = _any(o.value for o in outcomes)
            if value is True:
                chosen = next(o for o in outcomes if o.value is True)
                details.extend(chosen.details)
            else:
                details.append(Detail(value, partial(_alternatives, outcomes)))
            values.append(value)
        elif key == "not":
            inner = evaluate_condition(want, facts)
            value = None if inner.value is None else not inner.value
            leans = any(d.assumed for d in inner.details)
            said = partial(_said, inner) if leans else None
            details.append(Detail(value, partial(_negated, inner), leans, said))
            values.append(value)
        else:
            fact_name, op = split_key(key) or (key, "eq")
            detail = _check(fact_name, op, want, facts)
            details.append(detail)
            values.append(detail.passed)
    value = _all(values)
    # an assumption matters if the outcome rests on it: all checks when it holds, failed ones else
    assumed = tuple(d for d in details if d.assumed and (value is not False or d.passed is False))
    return Outcome(value, tuple(details), assumed)


def _all(values: list[bool | None]) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


def _any(values: Any) -> bool | None:
    seen = list(values)
    if True in seen:
        return True
    return None if None in seen else False
