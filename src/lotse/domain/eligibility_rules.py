"""Eligibility rules as data: the definitions of a catalogue entry and their validation.

See :mod:`lotse.domain.eligibility` for what the effects mean and how a rule is evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lotse.domain.eligibility_conditions import normalise_condition, validate_condition
from lotse.domain.eligibility_facts import FACTS
from lotse.domain.measure_codes import MeasureKind

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


class Decision(StrEnum):
    ELIGIBLE = "eligible"
    ELIGIBLE_IF_SEATS = "eligible_if_seats"
    NOT_ELIGIBLE = "not_eligible"

    @property
    def label(self) -> str:
        """German text for users."""
        return _DECISION_LABELS[self]


_DECISION_LABELS = {
    Decision.ELIGIBLE: "berechtigt",
    Decision.ELIGIBLE_IF_SEATS: "berechtigt, wenn Plätze frei sind",
    Decision.NOT_ELIGIBLE: "nicht berechtigt",
}


class Effect(StrEnum):
    REQUIRE = "require"
    EXCLUDE = "exclude"
    ELIGIBLE = "eligible"
    ELIGIBLE_IF_SEATS = "eligible_if_seats"
    LIMIT = "limit"
    INFO = "info"


GRANTS = {Effect.ELIGIBLE: Decision.ELIGIBLE, Effect.ELIGIBLE_IF_SEATS: Decision.ELIGIBLE_IF_SEATS}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    effect: Effect
    reason: str
    legal_basis: str
    when: dict[str, Any] | None = None
    unless: dict[str, Any] | None = None
    require: dict[str, Any] | None = None
    limit_fact: str | None = None
    limit_max: int | None = None
    note: str | None = None
    unverified: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The rule as stored (``measures.rules``) and written to catalogue files."""
        out: dict[str, Any] = {"id": self.id, "effect": self.effect.value}
        for key in ("when", "unless", "require"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.effect is Effect.LIMIT:
            out["limit"] = {"fact": self.limit_fact, "max": self.limit_max}
        out |= {"reason": self.reason, "legal_basis": self.legal_basis}
        if self.note:
            out["note"] = self.note
        if self.unverified:
            out["unverified"] = True
        return out


@dataclass(frozen=True, slots=True)
class MeasureRules:
    """A catalogue entry: what the measure is and the rules that decide who may join."""

    code: str
    name: str
    kind: MeasureKind
    legal_basis: str
    rules: tuple[Rule, ...]
    name_en: str | None = None
    description: str | None = None
    active_measure: bool = True
    max_weeks: int | None = None
    local: bool = False

    @classmethod
    def from_dict(cls, entry: Mapping[str, Any], *, local: bool | None = None) -> MeasureRules:
        """Parse a catalogue entry; raises ValueError listing every problem."""
        problems = validate_measure(entry)
        if problems:
            raise ValueError("; ".join(problems))
        rules = tuple(_rule(r) for r in entry.get("rules", []))
        return cls(
            code=entry["code"],
            name=entry["name"],
            kind=MeasureKind(entry["kind"]),
            legal_basis=entry["legal_basis"],
            rules=rules,
            name_en=entry.get("name_en"),
            description=entry.get("description"),
            active_measure=bool(entry.get("active_measure", True)),
            max_weeks=entry.get("max_weeks"),
            local=bool(entry.get("local", False)) if local is None else local,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "name": self.name}
        if self.name_en:
            out["name_en"] = self.name_en
        out |= {
            "kind": self.kind.value,
            "legal_basis": self.legal_basis,
            "active_measure": self.active_measure,
        }
        if self.max_weeks is not None:
            out["max_weeks"] = self.max_weeks
        if self.description:
            out["description"] = self.description
        out["rules"] = [r.to_dict() for r in self.rules]
        return out


def _rule(raw: Mapping[str, Any]) -> Rule:
    limit = raw.get("limit") or {}
    cond = {
        k: normalise_condition(raw[k]) if raw.get(k) is not None else None
        for k in ("when", "unless", "require")
    }
    return Rule(
        id=raw["id"],
        effect=Effect(raw["effect"]),
        reason=raw["reason"].strip(),
        legal_basis=raw["legal_basis"].strip(),
        when=cond["when"],
        unless=cond["unless"],
        require=cond["require"],
        limit_fact=limit.get("fact"),
        limit_max=limit.get("max"),
        note=(raw.get("note") or "").strip() or None,
        unverified=bool(raw.get("unverified")),
    )


_MEASURE_KEYS = {
    "code",
    "name",
    "name_en",
    "kind",
    "legal_basis",
    "active_measure",
    "max_weeks",
    "description",
    "rules",
    "local",
}
_RULE_KEYS = {
    "id",
    "effect",
    "when",
    "unless",
    "require",
    "limit",
    "reason",
    "legal_basis",
    "note",
    "unverified",
}


def validate_measure(entry: Any) -> list[str]:
    """Every problem with a catalogue entry (empty when it is valid), each naming where it is."""
    if not isinstance(entry, Mapping):
        return ["a measure must be a mapping"]
    code = entry.get("code")
    where = f"measure {code!r}" if code else "measure"
    problems = [f"{where}: unknown field {k!r}" for k in entry if k not in _MEASURE_KEYS]
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        problems.append(f"{where}: code must be 2–64 lower-case letters, digits or _")
    for key in ("name", "legal_basis"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            problems.append(f"{where}: {key} is required")
    if entry.get("kind") not in {k.value for k in MeasureKind}:
        allowed = ", ".join(k.value for k in MeasureKind)
        problems.append(f"{where}: kind {entry.get('kind')!r} is not one of: {allowed}")
    weeks = entry.get("max_weeks")
    if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1):
        problems.append(f"{where}: max_weeks must be a whole number ≥ 1")
    rules = entry.get("rules", [])
    if not isinstance(rules, list):
        return [*problems, f"{where}: rules must be a list"]
    seen: set[str] = set()
    for i, rule in enumerate(rules):
        problems += _validate_rule(rule, f"{where}, rule {i + 1}", seen)
    if rules and not any(isinstance(r, Mapping) and r.get("effect") in GRANTS for r in rules):
        problems.append(
            f"{where}: no rule grants eligibility (effect eligible or "
            "eligible_if_seats), so nobody could ever join"
        )
    return problems


def _validate_rule(rule: Any, where: str, seen: set[str]) -> list[str]:
    if not isinstance(rule, Mapping):
        return [f"{where}: must be a mapping"]
    rid = rule.get("id")
    if isinstance(rid, str) and rid:
        where = f"{where} ({rid})"
    problems = [f"{where}: unknown field {k!r}" for k in rule if k not in _RULE_KEYS]
    if not isinstance(rid, str) or not rid:
        problems.append(f"{where}: id is required")
    elif rid in seen:
        problems.append(f"{where}: id {rid!r} is used twice")
    else:
        seen.add(rid)
    effect = rule.get("effect")
    if effect not in {e.value for e in Effect}:
        allowed = ", ".join(e.value for e in Effect)
        problems.append(f"{where}: effect {effect!r} is not one of: {allowed}")
    for key in ("reason", "legal_basis"):
        if not isinstance(rule.get(key), str) or not rule[key].strip():
            problems.append(f"{where}: {key} is required (German text / the law it rests on)")
    for key in ("when", "unless", "require"):
        if rule.get(key) is not None:
            problems += validate_condition(rule[key], f"{where}: {key}")
    if effect == "require" and rule.get("require") is None:
        problems.append(f"{where}: a require rule needs a require condition")
    if effect != "require" and rule.get("require") is not None:
        problems.append(f"{where}: require is only for effect require")
    limit = rule.get("limit")
    if effect == "limit":
        fact = limit.get("fact") if isinstance(limit, Mapping) else None
        cap = limit.get("max") if isinstance(limit, Mapping) else None
        if fact not in FACTS or FACTS[fact].kind != "int":
            problems.append(f"{where}: limit.fact must name a numeric fact, e.g. requested_weeks")
        if isinstance(cap, bool) or not isinstance(cap, int) or cap < 0:
            problems.append(f"{where}: limit.max must be a whole number ≥ 0")
    elif limit is not None:
        problems.append(f"{where}: limit is only for effect limit")
    if rule.get("unverified") and not (rule.get("note") or "").strip():
        problems.append(f"{where}: an unverified rule needs a note saying what is unverified")
    return problems
