"""Pydantic validation that fails the Lotse way: an InvalidInput naming every problem and where."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from lotse.errors import InvalidInput, Problem

ModelT = TypeVar("ModelT", bound=BaseModel)


def problems_of(exc: ValidationError, *, source: str | None = None) -> list[Problem]:
    """One :class:`Problem` per pydantic error: field path as column, offending value, message."""
    problems = []
    for error in exc.errors():
        column = ".".join(str(part) for part in error["loc"]) or None
        value = error.get("input")
        shown = None if isinstance(value, dict | list) or value is None else str(value)
        problems.append(Problem(error["type"], error["msg"], source, None, column, shown))
    return problems


def parse(model: type[ModelT], data: dict[str, Any], *, source: str | None = None) -> ModelT:
    """``model`` validated from ``data``; raises InvalidInput listing every broken field.

    >>> from pydantic import Field
    >>> class Run(BaseModel):
    ...     seats: int = Field(ge=0)
    >>> try:
    ...     parse(Run, {"seats": -3})
    ... except InvalidInput as exc:
    ...     print(exc.problems[0])
    column seats: value '-3': Input should be greater than or equal to 0 [greater_than_equal]
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(problems_of(exc, source=source)) from None
