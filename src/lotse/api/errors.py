"""Errors to responses, in one place: problem JSON under /api, a German (or English) page else.

``LotseError`` subclasses carry their HTTP status. A page request without login is sent to the
login form; an HTMX request gets an ``HX-Redirect`` header instead.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import DataError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from lotse.errors import AuthenticationRequired, InvalidInput, LotseError
from lotse.web.templating import renderer

log = logging.getLogger("lotse.api")
PROBLEM_JSON = "application/problem+json"


class ProblemItem(BaseModel):
    rule: str
    message: str
    field: str | None = None
    value: str | None = None


class ProblemDetail(BaseModel):
    """An RFC 9457 problem document."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    problems: list[ProblemItem] = []


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ProblemDetail, "description": text, "content": {PROBLEM_JSON: {}}}
    for code, text in (
        (401, "Not logged in, or the token is unknown, expired or revoked"),
        (403, "The role may not do this, or the record is outside the user's scope"),
        (404, "No such record"),
        (409, "The change conflicts with the record's state"),
        (422, "Invalid input: every problem found, each with the field it concerns"),
    )
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def problem(
    status: int, title: str, detail: str, items: list[ProblemItem] | None = None
) -> Response:
    body = ProblemDetail(title=title, status=status, detail=detail, problems=items or [])
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        body.model_dump(), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


TITLE_KEYS = {
    401: "error.401",
    403: "error.403",
    404: "error.404",
    409: "error.409",
    422: "error.422",
    500: "error.500",
}


def error_page(request: Request, status: int, detail: str | None = None) -> Response:
    render = renderer(request)
    return render.render(
        request,
        "error.html",
        {"status": status, "title_key": TITLE_KEYS.get(status, "error.other"), "detail": detail},
        status_code=status,
    )


def login_redirect(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = f"/login?next={quote(target, safe='/')}"
    if request.headers.get("hx-request"):
        return Response(status_code=401, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


async def lotse_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LotseError)
    if is_api(request):
        items = []
        if isinstance(exc, InvalidInput):
            items = [
                ProblemItem(rule=p.rule, message=p.message, field=p.column, value=p.value)
                for p in exc.problems
            ]
        return problem(exc.status_code, type(exc).__name__, exc.message, items)
    if isinstance(exc, AuthenticationRequired):
        return login_redirect(request)
    return error_page(request, exc.status_code)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if is_api(request):
        return problem(exc.status_code, "HTTPError", str(exc.detail))
    return error_page(request, exc.status_code)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if is_api(request):
        items = [
            ProblemItem(
                rule=str(err.get("type", "invalid")),
                message=str(err.get("msg", "")),
                field=".".join(str(x) for x in err.get("loc", ())) or None,
            )
            for err in exc.errors()
        ]
        return problem(422, "InvalidInput", f"{len(items)} problem(s) in the request", items)
    return error_page(request, 422)


async def database_error(request: Request, exc: Exception) -> Response:
    """Values the database refuses (out of range, NUL bytes; a unique key taken meanwhile)."""
    conflict = isinstance(exc, IntegrityError)
    status = 409 if conflict else 422
    log.info("database refused a value on %s %s: %s", request.method, request.url.path, exc)
    if is_api(request):
        what = "the record conflicts with another one" if conflict else "a value is out of range"
        return problem(status, "Conflict" if conflict else "InvalidInput", what)
    return error_page(request, status)


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    if is_api(request):
        return problem(500, "InternalError", "an unexpected error occurred; it has been logged")
    return error_page(request, 500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(LotseError, lotse_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(DataError, database_error)
    app.add_exception_handler(IntegrityError, database_error)
    app.add_exception_handler(OverflowError, database_error)  # SQLite: an int beyond 64 bits
    app.add_exception_handler(Exception, server_error)
