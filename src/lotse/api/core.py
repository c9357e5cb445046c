"""Core routes: login and logout, language choice, the home redirect, health, API tokens."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from lotse.access.authentication import auth_version, authenticate, issue_token, revoke_token
from lotse.access.policy import Action, Rule, allow
from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.errors import PROBLEM_JSON, ProblemDetail
from lotse.api.routing import CSRF_FIELD, Guard, Public, _bearer
from lotse.domain.codes import Role
from lotse.web.forms import FormDep
from lotse.web.i18n import LOCALES
from lotse.web.templating import ensure_csrf_token, renderer

CORE_POLICY: list[Rule] = allow("self", [Action.READ, Action.UPDATE], list(Role))

api_router = APIRouter(tags=["auth"])
page_router = APIRouter(include_in_schema=False)


# --- API -------------------------------------------------------------------------------------


class TokenRequest(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    name: str = Field(default="api", max_length=100, description="what the token is for")


class TokenRead(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105
    expires_at: datetime


class MeRead(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role
    officer_id: int | None
    team_id: int | None
    site_id: int | None
    locale: str


@api_router.post(
    "/auth/token",
    response_model=TokenRead,
    status_code=201,
    dependencies=[Public(csrf=False)],
    responses={401: {"model": ProblemDetail, "content": {PROBLEM_JSON: {}}}},
)
def create_token(body: TokenRequest, session: SessionDep) -> Response | TokenRead:
    """Exchange username and password for a bearer token (valid 30 days)."""
    now = datetime.now(UTC)
    result = authenticate(session, body.username, body.password, now=now)
    if result.user is None:
        # Returned, not raised: the failure counter must be committed.
        detail = ProblemDetail(
            title="AuthenticationRequired",
            status=401,
            detail="wrong username or password, or the account is locked",
        )
        return JSONResponse(
            detail.model_dump(),
            status_code=401,
            media_type=PROBLEM_JSON,
            headers={"WWW-Authenticate": "Bearer"},
        )
    secret, token = issue_token(session, result.user, name=body.name, now=now)
    return TokenRead(access_token=secret, expires_at=token.expires_at)


@api_router.delete("/auth/token", status_code=204)
def delete_token(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("self", "update")]
) -> Response:
    """Revoke the bearer token this request was made with."""
    bearer = _bearer(request)
    if bearer is not None:
        revoke_token(session, bearer, now=datetime.now(UTC))
    return Response(status_code=204)


@api_router.get("/me", response_model=MeRead)
def read_me(access: Annotated[Access, Guard("self", "read")]) -> MeRead:
    """The logged-in user and their role."""
    p = access.principal
    return MeRead(
        id=p.user_id,
        username=p.username,
        display_name=p.display_name,
        role=p.role,
        officer_id=p.officer_id,
        team_id=p.team_id,
        site_id=p.site_id,
        locale=p.locale,
    )


# --- pages -----------------------------------------------------------------------------------


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect to another site after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@page_router.get("/health", dependencies=[Public()])
def health() -> dict[str, str]:
    return {"status": "ok"}


@page_router.get("/login", dependencies=[Public()])
def login_form(
    request: Request, next_: Annotated[str | None, Query(alias="next")] = None
) -> Response:
    return renderer(request).render(
        request, "login.html", {"next": _safe_next(next_), "failed": False}
    )


@page_router.post("/login", dependencies=[Public()])
def login(request: Request, session: SessionDep, form: FormDep) -> Response:
    username = form.get("username", "").strip()
    result = authenticate(session, username, form.get("password", ""), now=datetime.now(UTC))
    target = _safe_next(form.get("next"))
    if result.user is None:
        return renderer(request).render(
            request,
            "login.html",
            {"next": target, "failed": True, "username": username},
            status_code=401,
        )
    locale = request.session.get("loc")
    request.session.clear()  # a new session on login: no fixation
    request.session.update({"uid": result.user.id, "av": auth_version(result.user)})
    if locale in LOCALES:
        request.session["loc"] = locale
    ensure_csrf_token(request)
    return RedirectResponse(target, status_code=303)


@page_router.post("/logout", dependencies=[Public()])
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@page_router.post("/locale", dependencies=[Public()])
def choose_locale(request: Request, form: FormDep) -> Response:
    locale = form.get("locale", "")
    if locale in LOCALES:
        request.session["loc"] = locale
    return RedirectResponse(_safe_next(form.get("next")), status_code=303)


@page_router.get("/")
def home(request: Request, access: Annotated[Access, Guard("self", "read")]) -> Response:
    """The first page the role may open (the day for officers, dashboard for controlling, …)."""
    nav = renderer(request).nav_for(access.principal)
    homes = [n for n in nav if access.principal.role in n.home_for] or nav
    return RedirectResponse(homes[0].href if homes else "/account", status_code=303)


@page_router.get("/account")
def account(request: Request, access: Annotated[Access, Guard("self", "read")]) -> Response:
    return renderer(request).render(request, "account.html", {})


__all__ = ["CORE_POLICY", "CSRF_FIELD", "Depends", "api_router", "page_router"]
