"""Rendering pages: one Jinja2 environment over the core and every feature's template folder."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from lotse.access.policy import Policy
from lotse.access.principal import Principal
from lotse.api.features import NavEntry
from lotse.web.charts import bar_chart, funnel_chart
from lotse.web.forms import error_text
from lotse.web.i18n import DEFAULT_LOCALE, LOCALES, Catalogue, Translator

WEB_DIR = Path(__file__).parent
CORE_TEMPLATES = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
CORE_MESSAGES = WEB_DIR / "messages"


def ensure_csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def kldb_title(code: str) -> str:
    """The short German title of a KldB 2010 code (the code itself if unknown)."""
    from lotse.reference.kldb import classification

    found = classification().get(code)
    return found.short_title or found.title if found else code


def enum_options(values: Sequence[Enum], t: Translator) -> list[tuple[str, str]]:
    """``(value, label)`` pairs of enum members for a select field."""
    return [(str(v.value), t.enum(v)) for v in values]


def request_locale(request: Request, default: str = DEFAULT_LOCALE) -> str:
    chosen = request.session.get("loc")
    if isinstance(chosen, str) and chosen in LOCALES:
        return chosen
    principal = getattr(request.state, "principal", None)
    if isinstance(principal, Principal) and principal.locale in LOCALES:
        return principal.locale
    return default if default in LOCALES else DEFAULT_LOCALE


class Renderer:
    """Renders templates with the request's language, user, navigation and CSRF token."""

    def __init__(
        self,
        *,
        template_dirs: Sequence[Path],
        catalogue: Catalogue,
        nav: Sequence[NavEntry],
        policy: Policy,
        default_locale: str = DEFAULT_LOCALE,
    ) -> None:
        self.env = Environment(
            loader=FileSystemLoader([str(d) for d in template_dirs]),
            autoescape=select_autoescape(["html", "svg", "xml"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.do"],
        )
        self.env.globals["kldb_title"] = kldb_title
        self.env.globals["options"] = enum_options
        self.env.globals["bar_chart"] = bar_chart
        self.env.globals["funnel_chart"] = funnel_chart
        self.env.globals["error_text"] = error_text
        self.catalogue = catalogue
        self.nav = sorted(nav, key=lambda n: (n.order, n.href))
        self.policy = policy
        self.default_locale = default_locale

    def translator(self, request: Request) -> Translator:
        return self.catalogue.translator(request_locale(request, self.default_locale))

    def nav_for(self, principal: Principal | None) -> list[NavEntry]:
        if principal is None:
            return []
        return [n for n in self.nav if self.policy.allows(principal.role, n.resource, n.action)]

    def _may(self, user: Principal | None) -> Callable[[str, str], bool]:
        def may(resource: str, action: str) -> bool:
            return user is not None and self.policy.allows(user.role, resource, action)

        return may

    def context(self, request: Request, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        principal = getattr(request.state, "principal", None)
        user = principal if isinstance(principal, Principal) else None
        t = self.translator(request)
        return {
            "request": request,
            "t": t,
            "locale": t.locale,
            "locales": LOCALES,
            "user": user,
            "nav": self.nav_for(user),
            "csrf_token": ensure_csrf_token(request),
            "path": request.url.path,
            "may": self._may(user),
        } | dict(values or {})

    def render(
        self,
        request: Request,
        name: str,
        values: Mapping[str, Any] | None = None,
        *,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> HTMLResponse:
        html = self.env.get_template(name).render(self.context(request, values))
        return HTMLResponse(html, status_code=status_code, headers=dict(headers or {}))


def renderer(request: Request) -> Renderer:
    found: Renderer = request.app.state.renderer
    return found
