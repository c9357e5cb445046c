"""Route guards: every route declares the (resource, action) it needs, or that it is public.

``Guard("client", "read")`` is a dependency that authenticates the request (bearer token or
session cookie), checks CSRF on state-changing cookie requests, asks the policy, logs a refusal
and hands the endpoint an :class:`~lotse.access.principal.Access`. ``create_app()`` calls
:func:`verify_guards` and refuses to start if any route has no guard, so nothing can forget it.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy.orm import Session

from lotse.access import audit
from lotse.access.authentication import auth_version, principal_for, token_owner
from lotse.access.policy import Policy
from lotse.access.principal import Access, Principal
from lotse.api.deps import SessionDep
from lotse.api.params import MAX_ID
from lotse.domain.codes import AuditAction
from lotse.errors import AuthenticationRequired, PermissionDenied
from lotse.models import Client, User

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


async def csrf_candidate(request: Request) -> str | None:
    """The CSRF token a state-changing request presents (header, else form field)."""
    if request.method in SAFE_METHODS:
        return None
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def csrf_candidate_sync(request: Request) -> str | None:
    """The CSRF header (forms already parsed by :func:`csrf_candidate` are not re-read)."""
    return request.headers.get(CSRF_HEADER)


CsrfDep = Annotated[str | None, Depends(csrf_candidate)]


def check_csrf(request: Request, presented: str | None) -> None:
    """Refuse a state-changing cookie request whose token does not match the session's."""
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get("csrf")
    if not expected or not presented or not hmac.compare_digest(expected, presented):
        raise PermissionDenied("the form has expired or did not come from Lotse (CSRF check)")


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def authenticate_request(request: Request, session: Session, csrf: str | None) -> Principal:
    """The principal behind the request; checks CSRF for cookie sessions. Cached per request."""
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    now = datetime.now(UTC)
    principal: Principal | None = None
    bearer = _bearer(request)
    if bearer is not None:
        found = token_owner(session, bearer, now=now)
        if found is None:
            raise AuthenticationRequired("the API token is unknown, expired or revoked")
        principal = principal_for(session, found[1])
    else:
        user_id = request.session.get("uid")
        if isinstance(user_id, int):
            user = session.get(User, user_id)
            if user is not None and request.session.get("av") == auth_version(user):
                principal = principal_for(session, user_id)
            if principal is None:
                request.session.clear()
        if principal is not None:
            check_csrf(request, csrf)
    if principal is None:
        raise AuthenticationRequired("please log in")
    request.state.principal = principal
    return principal


def _client_in_path(request: Request, session: Session) -> int | None:
    """The id of an existing client named by the route's ``client_id`` path parameter."""
    raw = request.path_params.get("client_id")
    if raw is None or not str(raw).isdigit() or int(raw) > MAX_ID:
        return None
    return session.scalar(sa.select(Client.id).where(Client.id == int(raw)))


class Authorizer:
    """The dependency behind :func:`Guard`. Its (resource, action) is read by verify_guards."""

    def __init__(self, resource: str, action: str) -> None:
        self.resource = resource
        self.action = action

    def __call__(self, request: Request, session: SessionDep, csrf: CsrfDep) -> Access:
        principal = authenticate_request(request, session, csrf)
        policy: Policy = request.app.state.policy
        scope = policy.scope(principal.role, self.resource, self.action)
        if scope is None:
            # A refused look at a person's record belongs to that person's trail, whatever the
            # route: the client named in the path (if it exists) is recorded with the refusal.
            audit.record(
                session,
                principal=principal,
                action=AuditAction.DENIED,
                entity=self.resource,
                entity_id=None,
                client_id=_client_in_path(request, session),
                detail={"action": self.action, "method": request.method, "path": request.url.path},
                survive_rollback=True,
            )
            raise PermissionDenied(
                f"your role ({principal.role.value}) may not {self.action} {self.resource}"
            )
        return Access(principal, self.resource, self.action, scope, policy)

    def __repr__(self) -> str:
        return f"Guard({self.resource!r}, {self.action!r})"


class PublicMarker:
    """The dependency behind :func:`Public`: no login needed; CSRF checked unless told not to."""

    def __init__(self, *, csrf: bool = True) -> None:
        self.csrf = csrf

    def __call__(self, request: Request, csrf: CsrfDep) -> None:
        if self.csrf:
            check_csrf(request, csrf)


def Guard(resource: str, action: str) -> Any:  # noqa: N802 - reads like a type annotation
    """``access: Annotated[Access, Guard("vacancy", "update")]`` in an endpoint's signature."""
    return Depends(Authorizer(resource, action))


_PUBLIC = PublicMarker()
_PUBLIC_NO_CSRF = PublicMarker(csrf=False)


def Public(*, csrf: bool = True) -> Any:  # noqa: N802
    """Mark a route as open to everyone (login, health). CSRF still applies to its forms.

    ``csrf=False`` only for JSON endpoints that use no cookie (the token exchange).
    """
    return Depends(_PUBLIC if csrf else _PUBLIC_NO_CSRF)


def _walk(dependant: Dependant) -> Iterator[Any]:
    for dep in dependant.dependencies:
        yield dep.call
        yield from _walk(dep)


@dataclass(frozen=True)
class FlatRoute:
    """An endpoint as the application serves it (prefixes and router dependencies applied)."""

    path: str
    methods: frozenset[str]
    dependant: Dependant
    route: APIRoute


def flat_routes(routes: Sequence[Any]) -> list[FlatRoute]:
    """Every API route of ``app.routes``, with included routers expanded."""
    flat = []
    for context in iter_route_contexts(routes):
        original = context.original_route
        if isinstance(original, APIRoute):
            dependant = context.dependant
            flat.append(FlatRoute(str(context.path), frozenset(context.methods or ()),
                                  dependant, original))  # fmt: skip
    return flat


def guards_of(route: FlatRoute) -> list[Authorizer | PublicMarker]:
    """The guards a route declares (exactly one is required)."""
    return [c for c in _walk(route.dependant) if isinstance(c, Authorizer | PublicMarker)]


def verify_guards(routes: Sequence[Any], policy: Policy) -> None:
    """Raise if any API route lacks exactly one guard, or a guard names an unknown pair."""
    problems = []
    for route in flat_routes(routes):
        guards = guards_of(route)
        where = f"{','.join(sorted(route.methods))} {route.path}"
        if len(guards) != 1:
            problems.append(f"{where}: {len(guards)} guards (need exactly one Guard or Public)")
        for guard in guards:
            if isinstance(guard, Authorizer) and not policy.knows(guard.resource, guard.action):
                problems.append(f"{where}: no policy rule mentions {guard!r}")
    if problems:
        raise RuntimeError("unguarded or misconfigured routes:\n  " + "\n  ".join(problems))
