"""Form handling for pages: the posted fields as a dict, and problems to show next to fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError

from lotse.errors import InvalidInput, Problem


async def form_fields(request: Request) -> dict[str, str]:
    """The posted text fields (the CSRF guard has read the body already; it is cached)."""
    form = await request.form()
    return {key: value for key, value in form.multi_items() if isinstance(value, str)}


FormDep = Annotated[dict[str, str], Depends(form_fields)]


ModelT = TypeVar("ModelT", bound=BaseModel)


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


def field_errors(exc: InvalidInput) -> dict[str, str]:
    """Problems by field name, for templates."""
    return {p.column or "_": p.message for p in exc.problems}
