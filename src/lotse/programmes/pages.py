"""Pages: the programme list and, for admins, programme forms."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.dashboard.repository import members_per_programme
from lotse.domain.codes import ProgrammeKind
from lotse.errors import InvalidInput, Problem
from lotse.programmes import service
from lotse.programmes.repository import ProgrammeRepository
from lotse.programmes.schemas import ProgrammeCreate, ProgrammeUpdate
from lotse.web.forms import FormDep, FormErrors, parse_form, save_form
from lotse.web.i18n import TIMEZONE
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)


def _form(
    request: Request, values: dict[str, Any], errors: FormErrors, action: str, status: int = 200
) -> Response:
    return renderer(request).render(
        request,
        "programmes/form.html",
        {
            "values": values,
            "errors": errors,
            "action": action,
            "kinds": list(ProgrammeKind),
        },
        status_code=status,
    )


def _fields(form: dict[str, str]) -> dict[str, Any]:
    fields: dict[str, Any] = dict(form)
    text = form.get("target_rule", "").strip() or "{}"
    try:
        fields["target_rule"] = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            Problem(rule="json", column="target_rule", message=f"not valid JSON: {exc.msg}")
        ) from None
    return fields


@router.get("/programmes")
def programme_list(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("programme", "list")]
) -> Response:
    repo = ProgrammeRepository(session)
    members = {c: n for c, _, n in members_per_programme(session, on=datetime.now(TIMEZONE).date())}
    return renderer(request).render(
        request,
        "programmes/list.html",
        {
            "programmes": repo.all(repo.listing()),
            "members": members,
        },
    )


@router.get("/programmes/new")
def programme_new(
    request: Request, access: Annotated[Access, Guard("programme", "create")]
) -> Response:
    return _form(request, {"kind": "programme", "target_rule": "{}"}, {}, "/programmes")


@router.post("/programmes")
def programme_create(
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("programme", "create")],
) -> Response:
    return save_form(
        session,
        lambda: service.create_programme(
            session, access, parse_form(ProgrammeCreate, _fields(form))
        ),
        done=lambda _: "/programmes",
        again=lambda errors: _form(request, form, errors, "/programmes", 422),
    )


@router.get("/programmes/{programme_id}/edit")
def programme_edit(
    programme_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("programme", "update")],
) -> Response:
    p = ProgrammeRepository(session).get(programme_id)
    values = {k: getattr(p, k) for k in ProgrammeUpdate.model_fields} | {"code": p.code}
    values["target_rule"] = json.dumps(p.target_rule, ensure_ascii=False)
    return _form(request, values, {}, f"/programmes/{programme_id}")


@router.post("/programmes/{programme_id}")
def programme_update(
    programme_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("programme", "update")],
) -> Response:
    return save_form(
        session,
        lambda: service.update_programme(
            session, access, programme_id, parse_form(ProgrammeUpdate, _fields(form))
        ),
        done=lambda _: "/programmes",
        again=lambda errors: _form(request, form, errors, f"/programmes/{programme_id}", 422),
    )
