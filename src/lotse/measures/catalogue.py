"""The measure catalogue as data: Lotse's packaged ``catalogue.yaml`` and a Jobcenter's own files.

A catalogue file (YAML or JSON) has ``measures`` (a list of entries, see
:mod:`lotse.domain.eligibility`) and optionally ``rule_sets`` (named lists of rules a measure
pulls in with ``rule_sets: [name, ...]``). :func:`parse_catalogue` expands the rule sets,
validates every entry and reports *all* problems at once as :class:`~lotse.errors.InvalidInput`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from lotse.domain.eligibility import MeasureRules, validate_measure
from lotse.errors import InvalidInput, Problem

PACKAGED = "catalogue.yaml"


def _problem(source: str, where: str, message: str) -> Problem:
    return Problem(rule="catalogue", message=message, file=source, column=where or None)


def read_document(text: str, *, source: str) -> Any:
    """A YAML or JSON document (JSON is YAML); raises InvalidInput naming the broken line."""
    try:
        if source.endswith(".json"):
            return json.loads(text)
        return yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        problem = Problem("syntax", f"not valid JSON: {exc.msg}", source, exc.lineno)
        raise InvalidInput(problem) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InvalidInput(Problem("syntax", f"not valid YAML: {exc}", source, line)) from None


def parse_catalogue(document: Any, *, source: str, local: bool) -> list[MeasureRules]:
    """Validated catalogue entries of a document; ``local`` marks a Jobcenter's own measures."""
    problems: list[Problem] = []
    if not isinstance(document, Mapping) or not isinstance(document.get("measures"), list):
        raise InvalidInput(_problem(source, "", "the file needs a list under 'measures'"))
    unknown = set(document) - {"version", "measures", "rule_sets"}
    problems += [_problem(source, key, "unknown top-level key") for key in sorted(unknown)]
    rule_sets = document.get("rule_sets") or {}
    if not isinstance(rule_sets, Mapping) or not all(
        isinstance(v, list) for v in rule_sets.values()
    ):
        problems.append(_problem(source, "rule_sets", "must map names to lists of rules"))
        rule_sets = {}
    entries: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(document["measures"]):
        where = f"measures[{i}]"
        if not isinstance(raw, Mapping):
            problems.append(_problem(source, where, "a measure must be a mapping"))
            continue
        entry = dict(raw)
        if "local" in entry:
            problems.append(_problem(source, where, "'local' is set by Lotse, not by the file"))
            entry.pop("local")
        expanded: list[Any] = []
        for name in entry.pop("rule_sets", None) or []:
            if name not in rule_sets:
                problems.append(_problem(source, where, f"unknown rule set {name!r}"))
            else:
                expanded += list(rule_sets[name])
        entry["rules"] = expanded + list(entry.get("rules") or [])
        problems += [_problem(source, where, message) for message in validate_measure(entry)]
        code = entry.get("code")
        if isinstance(code, str):
            if code in seen:
                message = f"code {code!r} is used twice (also measures[{seen[code]}])"
                problems.append(_problem(source, where, message))
            seen.setdefault(code, i)
        entries.append(entry)
    if problems:
        raise InvalidInput(problems)
    return [MeasureRules.from_dict(e, local=local) for e in entries]


def load_file(path: Path, *, local: bool = True) -> list[MeasureRules]:
    """Parse and validate a catalogue file (a Jobcenter's local measures by default)."""
    if not path.is_file():
        raise InvalidInput(Problem("file", f"{path} is not a file", str(path)))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(Problem("encoding", "the file is not UTF-8", str(path))) from None
    return parse_catalogue(read_document(text, source=path.name), source=path.name, local=local)


@lru_cache(maxsize=1)
def packaged() -> tuple[MeasureRules, ...]:
    """Lotse's own catalogue (``lotse/measures/catalogue.yaml``), parsed once per process."""
    text = resources.files("lotse.measures").joinpath(PACKAGED).read_text(encoding="utf-8")
    return tuple(
        parse_catalogue(read_document(text, source=PACKAGED), source=PACKAGED, local=False)
    )


def packaged_by_code() -> dict[str, MeasureRules]:
    return {m.code: m for m in packaged()}
