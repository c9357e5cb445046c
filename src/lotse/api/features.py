"""Feature registration: how a feature folder adds routes, pages, navigation and policy rows.

A feature is any package ``lotse.<name>`` with a module ``feature.py`` that defines
``FEATURE = Feature(...)``. :func:`discover` finds them all; ``create_app()`` merges their
policy rules, mounts their routers, adds their templates, messages, navigation entries and
dashboard panels. Adding a feature never needs a change in ``lotse.api`` or ``lotse.web``.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session

import lotse
from lotse.access.consent import ConsentProvider
from lotse.access.policy import Rule
from lotse.access.principal import Access
from lotse.domain.codes import Role


@dataclass(frozen=True)
class NavEntry:
    """A link in the main navigation, shown to roles the policy lets do (resource, action)."""

    label_key: str
    href: str
    resource: str
    action: str = "list"
    order: int = 100
    home_for: frozenset[Role] = frozenset()  # roles that land here after login


@dataclass(frozen=True)
class DashboardPanel:
    """A panel of the programme dashboard: ``build`` returns the template's context.

    ``resource``/``action`` decide who sees the panel; ``template`` is a Jinja template name
    found in some feature's template folder.
    """

    key: str
    template: str
    build: Callable[[Session, Access], Mapping[str, Any]]
    resource: str = "dashboard"
    action: str = "read"
    order: int = 100


@dataclass(frozen=True)
class ClientPanel:
    """A section of the client's file contributed by a feature (no change to the template).

    ``build(session, access, client)`` returns the panel's context (``data`` in the template);
    the client has passed the gate already (the file's read is logged) and ``access`` is the
    user's access for (``resource``, ``action``), which decide who sees the panel. ``template``
    is a Jinja template name found in some feature's template folder; it gets ``panel``,
    ``data``, ``c`` (the client), ``file`` and ``errors`` (problems of the panel's last form).
    """

    key: str
    template: str
    build: Callable[[Session, Access, Any], Mapping[str, Any]]
    resource: str
    action: str = "read"
    order: int = 100


@dataclass(frozen=True)
class Feature:
    """What one feature folder contributes to the application."""

    name: str
    policy: Sequence[Rule] = ()
    api_router: APIRouter | None = None
    page_router: APIRouter | None = None
    templates: Path | None = None
    messages: Path | None = None
    nav: Sequence[NavEntry] = ()
    dashboard_panels: Sequence[DashboardPanel] = ()
    client_panels: Sequence[ClientPanel] = ()
    consent_provider: ConsentProvider | None = None
    order: int = 100


def discover() -> list[Feature]:
    """Every ``lotse.<name>.feature.FEATURE``, ordered by ``order`` then name."""
    features: list[Feature] = []
    for module in pkgutil.iter_modules(lotse.__path__):
        if not module.ispkg:
            continue
        name = f"lotse.{module.name}.feature"
        if importlib.util.find_spec(name) is None:
            continue
        feature = getattr(importlib.import_module(name), "FEATURE", None)
        if not isinstance(feature, Feature):
            raise TypeError(f"{name} must define FEATURE = Feature(...)")
        features.append(feature)
    return sorted(features, key=lambda f: (f.order, f.name))
