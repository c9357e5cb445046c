"""The caseloads page: ratios, what-if, apply (with confirmation), contact density."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.routing import Guard
from lotse.caseloads import web
from lotse.caseloads.repository import CaseloadRepository
from lotse.errors import InvalidInput, Problem
from lotse.web.forms import FormDep, field_errors
from lotse.web.i18n import TIMEZONE
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)


def _render(
    request: Request,
    session: Session,
    access: Access,
    *,
    add: int = 0,
    programme: str | None = None,
    errors: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    today = datetime.now(TIMEZONE).date()
    values: dict[str, Any] = {
        "add": add,
        "programme": programme or "",
        "programmes": sorted(
            (code, p.name) for code, p in CaseloadRepository(session).programmes().items()
        ),
        "errors": errors or {},
        "view": None,
        "whatif": None,
        "density": web.density(session, on=today),
        "applied": request.query_params.get("applied"),
    }
    try:
        values["view"] = web.team_view(session, access, on=today)
        if add:
            values["whatif"] = web.team_view(
                session, access, on=today, add_officers=add, programme=programme
            )
    except InvalidInput as exc:
        values["errors"] = field_errors(exc) | {"_": exc.message}
        values["view"] = values["view"] or None
        status_code = 422
    return renderer(request).render(
        request, "caseloads/caseloads.html", values, status_code=status_code
    )


@router.get("/caseloads")
def caseloads(
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("caseload", "read")],
    add: Annotated[int, Query(ge=0, le=50)] = 0,
    programme: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    return _render(request, session, access, add=add, programme=programme or None)


@router.post("/caseloads/apply")
def apply(
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("caseload", "update")],
) -> Response:
    if form.get("confirm") != "1":
        errors = field_errors(
            InvalidInput(Problem("confirm", "please confirm the changes", column="confirm"))
        )
        return _render(request, session, access, errors=errors, status_code=422)
    count = web.apply_for_team(session, access, on=datetime.now(TIMEZONE).date())
    return RedirectResponse(f"/caseloads?applied={count}", status_code=303)
