"""Measure eligibility: rules as data, each citing its legal basis; answers that explain themselves.

A measure carries a list of rules (see ``src/lotse/measures/catalogue.yaml``). Each rule has an
``effect``:

``require``            the ``require`` condition must hold when the rule applies
``exclude``            the rule applying makes the client not eligible
``eligible``           the rule applying makes the client eligible (an entitlement)
``eligible_if_seats``  the rule applying admits the client if seats are free
``limit``              a requested amount (``limit.fact``) may not exceed ``limit.max``
``info``               a note shown with the answer (amounts, deadlines, who issues what)

A rule applies when its ``when`` condition holds and its ``unless`` condition does not (both
optional; see :mod:`lotse.domain.eligibility_conditions` for the condition language). The answer is
*not eligible* if a requirement fails, an exclusion applies or a limit is exceeded; otherwise the
best granting rule decides (eligible over eligible if seats are free); with none, not eligible.
Every reason carries its German text and legal basis; unknown facts give "Angabe fehlt" rather
than a guess.

>>> from lotse.domain.codes import ResidenceStatus
>>> from lotse.domain.cefr import CefrLevel
>>> course = MeasureRules.from_dict({
...     "code": "ik", "name": "Integrationskurs", "kind": "language_course",
...     "legal_basis": "§ 44 AufenthG", "rules": [
...         {"id": "tp", "effect": "eligible_if_seats",
...          "when": {"residence_status": "temporary_protection"},
...          "reason": "Zulassung im Rahmen freier Plätze",
...          "legal_basis": "§ 44 Abs. 4 S. 2 Nr. 3 AufenthG"}]})
>>> answer = evaluate(course, Applicant(residence_status=ResidenceStatus.TEMPORARY_PROTECTION,
...                                     german_level=CefrLevel.A1), on=date(2025, 5, 1))
>>> answer.decision.value, answer.reasons[0].legal_basis
('eligible_if_seats', '§ 44 Abs. 4 S. 2 Nr. 3 AufenthG')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lotse.domain.eligibility_conditions import Detail, Outcome, evaluate_condition
from lotse.domain.eligibility_facts import FACTS, Applicant, Fact, Params, build_facts
from lotse.domain.eligibility_rules import (
    GRANTS,
    Decision,
    Effect,
    MeasureRules,
    Rule,
    validate_measure,
)

__all__ = [
    "Applicant",
    "Decision",
    "Effect",
    "Eligibility",
    "MeasureRules",
    "Params",
    "Reason",
    "ReasonKind",
    "Rule",
    "evaluate",
    "evaluate_all",
    "evaluate_facts",
    "validate_measure",
]


class ReasonKind(StrEnum):
    GRANTED = "granted"
    NOT_MET = "not_met"
    MISSING = "missing"
    EXCLUDED = "excluded"
    LIMIT_EXCEEDED = "limit_exceeded"
    LIMIT = "limit"
    INFO = "info"
    UNCHECKED = "unchecked"


@dataclass(frozen=True, slots=True)
class Reason:
    rule: str
    kind: ReasonKind
    text: str
    legal_basis: str
    decisive: bool = False
    note: str | None = None
    unverified: bool = False

    def __str__(self) -> str:
        return f"{self.text} [{self.legal_basis}]"


@dataclass(frozen=True, slots=True)
class Eligibility:
    """The answer for one client and one measure."""

    measure: str
    measure_name: str
    decision: Decision
    reasons: tuple[Reason, ...]

    @property
    def decisive(self) -> list[Reason]:
        return [r for r in self.reasons if r.decisive]

    def legal_bases(self) -> list[str]:
        return [r.legal_basis for r in self.reasons]

    def summary(self, *, decisive_only: bool = False) -> str:
        """Reasons as one line: ``text [legal basis] | ...``."""
        shown = self.decisive if decisive_only else list(self.reasons)
        return " | ".join(str(r) for r in shown)


def _details(details: Iterable[Detail]) -> str:
    return "; ".join(d.text for d in details)


def _applies(rule: Rule, facts: Mapping[str, Fact]) -> Outcome:
    when = evaluate_condition(rule.when, facts) if rule.when else Outcome(True)
    if rule.unless is None or when.value is False:
        return when
    unless = evaluate_condition(rule.unless, facts)
    value: bool | None
    if unless.value is True:
        value = False
    elif when.value is None or unless.value is None:
        value = None
    else:
        value = True
    return Outcome(value, when.details + unless.details, when.assumed + unless.assumed)


def _reason(rule: Rule, kind: ReasonKind, text: str, *, decisive: bool = False) -> Reason:
    return Reason(rule.id, kind, text, rule.legal_basis, decisive, rule.note, rule.unverified)


def _with_assumptions(text: str, outcome: Outcome) -> str:
    assumed = outcome.assumed
    if not assumed:
        return text
    return f"{text} (Annahme: {'; '.join(d.assumption for d in assumed)})"


def evaluate(
    measure: MeasureRules, applicant: Applicant, *, on: date, params: Params | None = None
) -> Eligibility:
    """Whether ``applicant`` may join ``measure`` at ``on``, with every reason and legal basis."""
    facts = build_facts(applicant, params or Params(), on=on)
    return evaluate_facts(measure, facts)


def evaluate_facts(measure: MeasureRules, facts: Mapping[str, Fact]) -> Eligibility:
    """:func:`evaluate` for facts already built (the batch form builds them once per client)."""
    blockers: list[Reason] = []
    notes: list[Reason] = []
    grants: list[tuple[Rule, Outcome]] = []
    open_grants: list[tuple[Rule, Outcome]] = []
    for rule in measure.rules:
        applies = _applies(rule, facts)
        if applies.value is False:
            if rule.effect in GRANTS:
                open_grants.append((rule, applies))
            continue
        if rule.effect is Effect.REQUIRE:
            assert rule.require is not None
            req = evaluate_condition(rule.require, facts)
            if req.value is False:
                blockers.append(
                    _reason(
                        rule,
                        ReasonKind.NOT_MET,
                        f"Voraussetzung nicht erfüllt: {rule.reason} – {_details(req.failing())}",
                        decisive=True,
                    )
                )
            elif req.value is None:
                blockers.append(
                    _reason(
                        rule,
                        ReasonKind.MISSING,
                        f"Angabe fehlt: {rule.reason} – {_details(req.failing())}",
                        decisive=True,
                    )
                )
        elif rule.effect is Effect.EXCLUDE:
            if applies.value is True:
                blockers.append(
                    _reason(
                        rule,
                        ReasonKind.EXCLUDED,
                        _with_assumptions(
                            f"Ausgeschlossen: {rule.reason} – {_details(applies.details)}", applies
                        ),
                        decisive=True,
                    )
                )
            else:
                notes.append(
                    _reason(
                        rule,
                        ReasonKind.UNCHECKED,
                        f"Nicht geprüft, Angabe fehlt: {rule.reason} – "
                        f"{_details(applies.failing())}",
                    )
                )
        elif rule.effect is Effect.LIMIT:
            _limit(rule, applies, facts, blockers, notes)
        elif rule.effect is Effect.INFO:
            if applies.value is True:
                notes.append(_reason(rule, ReasonKind.INFO, rule.reason))
        elif applies.value is True:
            grants.append((rule, applies))
        else:
            open_grants.append((rule, applies))
    if blockers:
        return Eligibility(
            measure.code, measure.name, Decision.NOT_ELIGIBLE, tuple(blockers + notes)
        )
    if grants:
        best = max(_RANK[GRANTS[r.effect]] for r, _ in grants)
        decision = next(d for d, rank in _RANK.items() if rank == best)
        decisive = [
            _reason(r, ReasonKind.GRANTED, _with_assumptions(r.reason, o), decisive=True)
            for r, o in grants
            if _RANK[GRANTS[r.effect]] == best
        ]
        return Eligibility(measure.code, measure.name, decision, tuple(decisive + notes))
    missing = [
        _reason(
            r,
            ReasonKind.MISSING,
            f"Angabe fehlt: {r.reason} – {_details(o.failing())}",
            decisive=True,
        )
        for r, o in open_grants
        if o.value is None
    ]
    not_met = [
        _reason(
            r,
            ReasonKind.NOT_MET,
            f"Nicht erfüllt: {r.reason} – {_details(o.failing())}",
            decisive=True,
        )
        for r, o in open_grants
        if o.value is False
    ]
    return Eligibility(
        measure.code, measure.name, Decision.NOT_ELIGIBLE, tuple(missing + not_met + notes)
    )


_RANK = {Decision.NOT_ELIGIBLE: 0, Decision.ELIGIBLE_IF_SEATS: 1, Decision.ELIGIBLE: 2}


def _limit(
    rule: Rule,
    applies: Outcome,
    facts: Mapping[str, Fact],
    blockers: list[Reason],
    notes: list[Reason],
) -> None:
    assert rule.limit_fact is not None
    assert rule.limit_max is not None
    asked = facts[rule.limit_fact].value
    unit = FACTS[rule.limit_fact].unit
    cap = f"{rule.limit_max} {unit}".strip()
    if asked is None:
        if applies.value is True:
            notes.append(_reason(rule, ReasonKind.LIMIT, f"{rule.reason}: höchstens {cap}"))
        return
    wanted = f"{asked} {unit}".strip()
    if asked <= rule.limit_max:
        if applies.value is True:
            notes.append(
                _reason(
                    rule,
                    ReasonKind.LIMIT,
                    f"{rule.reason}: beantragt {wanted}, höchstens {cap}",
                )
            )
        return
    text = f"{rule.reason}: beantragt {wanted}, erlaubt sind höchstens {cap}"
    if applies.value is None:  # an exception might allow more, but it is not established
        text += f" (Ausnahme nicht belegt: {_details(applies.failing())})"
    blockers.append(
        _reason(rule, ReasonKind.LIMIT_EXCEEDED, _with_assumptions(text, applies), decisive=True)
    )


def evaluate_all(
    measures: Iterable[MeasureRules],
    applicant: Applicant,
    *,
    on: date,
    params: Params | None = None,
) -> list[Eligibility]:
    """The answers for every measure, in the order given."""
    facts = build_facts(applicant, params or Params(), on=on)
    return [evaluate_facts(m, facts) for m in measures]
