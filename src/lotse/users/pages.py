"""Administration pages for user accounts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.domain.codes import Role
from lotse.errors import Conflict, InvalidInput
from lotse.users import service
from lotse.users.repository import UserRepository
from lotse.users.schemas import UserCreate, UserUpdate
from lotse.web.forms import FormDep, FormErrors, field_errors, parse_form
from lotse.web.templating import renderer

router = APIRouter(prefix="/admin/users", include_in_schema=False)


def _form(
    request: Request,
    session: Session,
    values: dict[str, Any],
    errors: FormErrors,
    action: str,
    status: int = 200,
) -> Response:
    repo = UserRepository(session)
    return renderer(request).render(
        request,
        "users/form.html",
        {
            "values": values,
            "errors": errors,
            "action": action,
            "roles": list(Role),
            "officers": repo.officers(),
            "teams": repo.teams(),
        },
        status_code=status,
    )


def _fields(form: dict[str, str]) -> dict[str, Any]:
    return dict(form) | {"active": form.get("active") == "1", "unlock": form.get("unlock") == "1"}


@router.get("")
def user_list(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("user", "list")]
) -> Response:
    repo = UserRepository(session)
    return renderer(request).render(
        request,
        "users/list.html",
        {
            "users": repo.all(repo.listing()),
            "now": datetime.now(UTC),
        },
    )


@router.get("/new")
def user_new(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("user", "create")]
) -> Response:
    return _form(request, session, {"locale": "de", "role": "officer"}, {}, "/admin/users")


@router.post("")
def user_create(
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("user", "create")],
) -> Response:
    try:
        service.create_user(session, parse_form(UserCreate, form), principal=access.principal)
    except (InvalidInput, Conflict) as exc:
        errors = field_errors(exc) if isinstance(exc, InvalidInput) else {"_": exc.message}
        return _form(request, session, form, errors, "/admin/users", 422)
    return RedirectResponse("/admin/users", status_code=303)


@router.get("/{user_id}/edit")
def user_edit(
    user_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("user", "update")],
) -> Response:
    user = UserRepository(session).get(user_id)
    values = {
        k: getattr(user, k)
        for k in (
            "display_name",
            "role",
            "officer_id",
            "team_id",
            "agency",
            "locale",
            "active",
            "username",
        )
    }
    values["locked"] = user.locked_until is not None and user.locked_until > datetime.now(UTC)
    return _form(request, session, values, {}, f"/admin/users/{user_id}")


@router.post("/{user_id}")
def user_update(
    user_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("user", "update")],
) -> Response:
    try:
        service.update_user(
            session,
            user_id,
            parse_form(UserUpdate, _fields(form)),
            principal=access.principal,
            now=datetime.now(UTC),
        )
    except (InvalidInput, Conflict) as exc:
        session.rollback()
        errors = field_errors(exc) if isinstance(exc, InvalidInput) else {"_": exc.message}
        username = UserRepository(session).get(user_id).username
        return _form(
            request, session, form | {"username": username}, errors, f"/admin/users/{user_id}", 422
        )
    return RedirectResponse("/admin/users", status_code=303)
