"""Form handling for pages: the posted fields as a dict, and problems to show next to fields."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from lotse.errors import InvalidInput, Problem
from lotse.web.i18n import Translator


async def form_fields(request: Request) -> dict[str, str]:
    """The posted text fields (the CSRF guard has read the body already; it is cached)."""
    form = await request.form()
    return {key: value for key, value in form.multi_items() if isinstance(value, str)}


FormDep = Annotated[dict[str, str], Depends(form_fields)]


ModelT = TypeVar("ModelT", bound=BaseModel)
SavedT = TypeVar("SavedT")


def parse_form(model: type[ModelT], fields: Mapping[str, Any]) -> ModelT:
    """Validate form fields into ``model``; an empty field is ``None`` (clears the value).

    Raises InvalidInput with one Problem per bad field (``column`` names the field).
    """
    names = set(model.model_fields)
    data = {k: (None if v == "" else v) for k, v in fields.items() if k in names}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(
                rule=str(err["type"]),
                message=str(err["msg"]),
                column=".".join(str(x) for x in err["loc"]) or None,
            )
            for err in exc.errors()
        ]
        raise InvalidInput(problems) from None


# pydantic error types → message keys of the catalogue (``form.error.<key>``)
ERROR_KEYS = {
    "missing": "required",
    "string_type": "required",
    "int_type": "required",
    "int_parsing": "number",
    "float_parsing": "number",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "string_pattern_mismatch": "pattern",
    "string_too_long": "too_long",
    "string_too_short": "required",
    "greater_than_equal": "too_small",
    "less_than_equal": "too_large",
    "enum": "choice",
    "literal_error": "choice",
    "dict_type": "json",
    "bool_parsing": "choice",
}


@dataclass(frozen=True)
class FieldError:
    """A problem with one field: a rule (looked up as ``form.error.<rule>``) and a fallback text."""

    rule: str
    message: str

    def __str__(self) -> str:
        return self.message


FormErrors = Mapping[str, FieldError | str]


def field_errors(exc: InvalidInput) -> dict[str, FieldError | str]:
    """Problems by field name, for templates (``error_text`` translates them)."""
    return {
        (p.column or "_").split(".")[-1]: FieldError(ERROR_KEYS.get(p.rule, p.rule), p.message)
        for p in exc.problems
    }


def error_text(error: FieldError | str, t: Translator) -> str:
    """The error in the page's language: a known rule's text, else the problem's own message."""
    if isinstance(error, FieldError):
        key = f"form.error.{error.rule}"
        return t(key) if t.has(key) else error.message
    return str(error)


def save_form(
    session: Session,
    save: Callable[[], SavedT],
    *,
    done: Callable[[SavedT], str],
    again: Callable[[FormErrors], Response],
) -> Response:
    """Save a posted form, then go on to ``done(saved)`` (303).

    Refused input rolls the transaction back (nothing of the attempt stays) and shows the form
    ``again`` with the problems next to its fields.
    """
    try:
        saved = save()
    except InvalidInput as exc:
        session.rollback()
        return again(field_errors(exc))
    return RedirectResponse(done(saved), status_code=303)
