"""The invitation list of an employer event as the organiser defines it.

Some events are meant for a group the organiser names, e.g. an action-week event at which an
employer offered 25 Ukrainian men work as assembly helpers in the solar industry (mission.md,
programme 5). Such a list is a *selection recorded as the organiser's decision*, with a note
saying who decided it and why; it is never a ranking. Conditions on protected attributes
(citizenship, gender) are only accepted together with that note.

Conditions (all optional, all must hold):

``citizenship_in``      ISO 3166-1 alpha-2 codes        (protected: needs a note)
``gender_in``           ``f``, ``m``, ``d``              (protected: needs a note)
``languages_any``       ISO 639-1 codes; the client speaks at least one
``german_level_min``    CEFR level
``programmes_any``      programme codes; the client is in at least one
``sites``               site names
``kldb_prefixes_any``   KldB prefixes; one of the client's occupations starts with one
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lotse.domain.cefr import CefrLevel

KNOWN = frozenset(
    {
        "citizenship_in",
        "gender_in",
        "languages_any",
        "german_level_min",
        "programmes_any",
        "sites",
        "kldb_prefixes_any",
    }
)
PROTECTED = frozenset({"citizenship_in", "gender_in"})


@dataclass(frozen=True, slots=True)
class AudienceFacts:
    citizenship: str | None = None
    gender: str | None = None
    languages: tuple[str, ...] = ()
    german_level: CefrLevel | None = None
    programmes: tuple[str, ...] = ()
    site: str | None = None
    kldb: tuple[str, ...] = ()


def validate(rule: Mapping[str, Any], note: str | None) -> list[str]:
    """Problems with an invitation-list rule; empty when it is valid.

    >>> validate({"gender_in": ["m"]}, None)[0][:60]
    'gender_in: a condition on a protected attribute needs a note'
    >>> validate({"colour": ["red"]}, "x")
    ["unknown condition 'colour'"]
    """
    problems = [f"unknown condition {k!r}" for k in rule if k not in KNOWN]
    for key in sorted(PROTECTED & rule.keys()):
        if not (note and note.strip()):
            problems.append(
                f"{key}: a condition on a protected attribute needs a note saying who decided "
                "the list and why"
            )
    level = rule.get("german_level_min")
    if level is not None and level not in {lv.value for lv in CefrLevel}:
        problems.append(f"german_level_min: {level!r} is not a CEFR level A0–C2")
    for key, value in rule.items():
        if key != "german_level_min" and key in KNOWN and not isinstance(value, list):
            problems.append(f"{key}: expected a list, got {value!r}")
    return problems


def matches(rule: Mapping[str, Any], facts: AudienceFacts) -> bool:
    """Whether a client is on the organiser's list.

    >>> rule = {"citizenship_in": ["UA"], "gender_in": ["m"]}
    >>> matches(rule, AudienceFacts(citizenship="UA", gender="m"))
    True
    >>> matches(rule, AudienceFacts(citizenship="UA", gender="f"))
    False
    >>> matches({}, AudienceFacts())
    True
    """
    checks: dict[str, bool] = {}
    for key, want in rule.items():
        if key == "citizenship_in":
            checks[key] = facts.citizenship in want
        elif key == "gender_in":
            checks[key] = facts.gender in want
        elif key == "languages_any":
            checks[key] = bool(set(want) & set(facts.languages))
        elif key == "german_level_min":
            checks[key] = facts.german_level is not None and facts.german_level >= CefrLevel(want)
        elif key == "programmes_any":
            checks[key] = bool(set(want) & set(facts.programmes))
        elif key == "sites":
            checks[key] = facts.site in want
        elif key == "kldb_prefixes_any":
            checks[key] = any(code.startswith(tuple(want)) for code in facts.kldb)
        else:
            raise ValueError(f"unknown invitation-list condition {key!r}")
    return all(checks.values())


def describe(rule: Mapping[str, Any]) -> str:
    """The rule in German words, for the event page and the report.

    >>> describe({"citizenship_in": ["UA"], "gender_in": ["m"], "kldb_prefixes_any": ["252"]})
    'Staatsangehörigkeit UA; Geschlecht m; Zielberuf beginnt mit 252'
    """
    words = {
        "citizenship_in": "Staatsangehörigkeit",
        "gender_in": "Geschlecht",
        "languages_any": "spricht",
        "german_level_min": "Deutsch mindestens",
        "programmes_any": "Programm",
        "sites": "Standort",
        "kldb_prefixes_any": "Zielberuf beginnt mit",
    }
    parts = []
    for key, value in rule.items():
        shown = (
            ", ".join(value)
            if isinstance(value, Sequence) and not isinstance(value, str)
            else value
        )
        parts.append(f"{words.get(key, key)} {shown}")
    return "; ".join(parts) if parts else "alle"
