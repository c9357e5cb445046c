"""Form fields of the Integration Point's pages → the API's schemas (one validation for both)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from lotse.domain.agencies import Agency, DataCategory
from lotse.errors import InvalidInput, Problem
from lotse.integration_point.schemas import (
    AssessmentWrite,
    CaseCreate,
    ConsentCreate,
    DecisionCreate,
    HandoverUpdate,
    ReferralCreate,
    ReferralUpdate,
    Revocation,
)
from lotse.reference import esco

ModelT = TypeVar("ModelT", bound=BaseModel)
ROWS = {"exp": 4, "deg": 3, "lang": 5, "skill": 8}
"""Rows of each repeated group on an empty assessment form (one more than filled otherwise)."""
MAX_ROWS = 100


def rows(form: Mapping[str, str], group: str) -> int:
    """How many rows of ``group`` the form had (its hidden ``<group>-rows`` field)."""
    text = form.get(f"{group}-rows") or ""
    return min(int(text), MAX_ROWS) if text.isdigit() else ROWS[group]


def rows_for(found: AssessmentWrite | None) -> dict[str, int]:
    """Rows to show: what is recorded plus one empty row, at least the defaults."""
    if found is None:
        return dict(ROWS)
    counts = {
        "exp": len(found.experiences),
        "deg": len(found.degrees),
        "lang": len(found.languages),
        "skill": len(found.skills),
    }
    return {g: max(ROWS[g], counts[g] + 1) for g in ROWS}


def _text(form: Mapping[str, str], key: str) -> str | None:
    value = (form.get(key) or "").strip()
    return value or None


def validate(model: type[ModelT], data: Mapping[str, Any]) -> ModelT:
    """``model`` from ``data``; problems name the form field (the last part of the location)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = [str(x) for x in err["loc"]]
            rule = str(err["type"])
            if rule == "value_error" and not loc:
                loc = ["_"]
            problems.append(Problem(rule=rule, message=str(err["msg"]), column=".".join(loc)))
        raise InvalidInput(problems) from None


def _bool(value: str | None) -> bool | None:
    return {"1": True, "true": True, "0": False, "false": False}.get((value or "").lower())


def case_create(form: Mapping[str, str]) -> CaseCreate:
    languages = [x.strip().lower() for x in (form.get("languages") or "").split(",") if x.strip()]
    person = {
        "name": _text(form, "name"),
        "birth_year": _text(form, "birth_year"),
        "gender": _text(form, "gender"),
        "citizenship": (_text(form, "citizenship") or "").upper() or None,
        "residence_status": _text(form, "residence_status"),
        "work_permitted": _bool(form.get("work_permitted")),
        "languages": languages,
        "site_id": _text(form, "site_id"),
    }
    return validate(
        CaseCreate,
        {
            "person": person,
            "first_contact_on": _text(form, "first_contact_on"),
            "first_contact_place": _text(form, "first_contact_place"),
            "first_contact_note": _text(form, "first_contact_note"),
            "asylum_state": _text(form, "asylum_state") or "pending",
            "agencies": [a.value for a in Agency if form.get(f"agency_{a.value}")],
        },
    )


def decision(form: Mapping[str, str]) -> DecisionCreate:
    return validate(
        DecisionCreate,
        {"decision": _text(form, "decision"), "decided_on": _text(form, "decided_on")},
    )


def consent(form: Mapping[str, str]) -> ConsentCreate:
    categories = [c.value for c in DataCategory if form.get(f"cat_{c.value}")] or ["basic"]
    return validate(
        ConsentCreate,
        {
            "recipient": _text(form, "recipient"),
            "purpose": _text(form, "purpose"),
            "categories": categories,
            "valid_from": _text(form, "valid_from"),
            "valid_until": _text(form, "valid_until"),
            "signed_on": _text(form, "signed_on"),
            "form_reference": _text(form, "form_reference"),
            "interpreter": _text(form, "interpreter"),
            "interpreter_language": _text(form, "interpreter_language"),
        },
    )


def revocation(form: Mapping[str, str]) -> Revocation:
    return validate(Revocation, {"note": _text(form, "note")})


def referral(form: Mapping[str, str]) -> ReferralCreate:
    return validate(
        ReferralCreate,
        {
            "kind": _text(form, "kind"),
            "to_agency": _text(form, "to_agency"),
            "to_service": _text(form, "to_service"),
            "referred_on": _text(form, "referred_on"),
            "due_on": _text(form, "due_on"),
            "note": _text(form, "note"),
        },
    )


def referral_update(form: Mapping[str, str]) -> ReferralUpdate:
    return validate(
        ReferralUpdate,
        {
            "status": _text(form, "status"),
            "on": _text(form, "on"),
            "outcome": _text(form, "outcome"),
        },
    )


def checklist(form: Mapping[str, str]) -> HandoverUpdate:
    done = [key[len("item_") :] for key, value in form.items() if key.startswith("item_") and value]
    return validate(HandoverUpdate, {"done": done, "on": _text(form, "on")})


def _skill_uri(text: str) -> str:
    """An ESCO URI as given, or the URI of the packaged skill with exactly this label."""
    if text.startswith("http"):
        return text
    found = [s for s in esco.search(text, limit=50) if s.label.casefold() == text.casefold()]
    return found[0].uri if found else text


def assessment(form: Mapping[str, str]) -> AssessmentWrite:
    """The assessment from the fixed rows of the form (empty rows are skipped)."""
    experiences = [
        {
            "title": _text(form, f"exp-{i}-title"),
            "kldb": _text(form, f"exp-{i}-kldb"),
            "country": (_text(form, f"exp-{i}-country") or "").upper() or None,
            "years": _text(form, f"exp-{i}-years") or "0",
        }
        for i in range(rows(form, "exp"))
        if _text(form, f"exp-{i}-title")
    ]
    degrees = [
        {
            "title": _text(form, f"deg-{i}-title"),
            "level": _text(form, f"deg-{i}-level"),
            "country": (_text(form, f"deg-{i}-country") or "").upper() or None,
            "kldb": _text(form, f"deg-{i}-kldb"),
            "recognition": _text(form, f"deg-{i}-recognition") or "none",
            "regulated": _bool(form.get(f"deg-{i}-regulated")),
        }
        for i in range(rows(form, "deg"))
        if _text(form, f"deg-{i}-title")
    ]
    languages = [
        {
            "language": (_text(form, f"lang-{i}-language") or "").lower(),
            "level": _text(form, f"lang-{i}-level"),
            "native": bool(form.get(f"lang-{i}-native")),
        }
        for i in range(rows(form, "lang"))
        if _text(form, f"lang-{i}-language")
    ]
    skills = [
        {"esco_uri": _skill_uri(text)}
        for i in range(rows(form, "skill"))
        if (text := _text(form, f"skill-{i}")) is not None
    ]
    return validate(
        AssessmentWrite,
        {
            "assessed_on": _text(form, "assessed_on"),
            "german_level": _text(form, "german_level"),
            "notes": _text(form, "notes"),
            "experiences": experiences,
            "degrees": degrees,
            "languages": languages,
            "skills": skills,
        },
    )


def assessment_values(found: AssessmentWrite | None) -> dict[str, str]:
    """Form values for an existing assessment."""
    if found is None:
        return {}
    values: dict[str, str] = {
        "assessed_on": found.assessed_on.isoformat(),
        "german_level": found.german_level.value if found.german_level else "",
        "notes": found.notes or "",
    }
    for i, e in enumerate(found.experiences):
        values |= {
            f"exp-{i}-title": e.title,
            f"exp-{i}-kldb": e.kldb or "",
            f"exp-{i}-country": e.country or "",
            f"exp-{i}-years": f"{e.years:g}",
        }
    for i, d in enumerate(found.degrees):
        values |= {
            f"deg-{i}-title": d.title,
            f"deg-{i}-level": d.level.value,
            f"deg-{i}-country": d.country or "",
            f"deg-{i}-kldb": d.kldb or "",
            f"deg-{i}-recognition": d.recognition.value,
            f"deg-{i}-regulated": "" if d.regulated is None else str(int(d.regulated)),
        }
    for i, lang in enumerate(found.languages):
        values |= {
            f"lang-{i}-language": lang.language,
            f"lang-{i}-level": lang.level.value if lang.level else "",
            f"lang-{i}-native": "1" if lang.native else "",
        }
    for i, s in enumerate(found.skills):
        values[f"skill-{i}"] = s.label or s.esco_uri
    return values
