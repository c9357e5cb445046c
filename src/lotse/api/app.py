"""``create_app()``: the FastAPI application with every feature's pages and API routes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine

from lotse.access.consent import ConsentProvider, DenyAllConsent
from lotse.access.policy import Policy, Rule
from lotse.api import errors
from lotse.api.features import Feature, discover
from lotse.api.middleware import SecurityHeadersMiddleware, SessionCookieMiddleware
from lotse.api.routing import verify_guards
from lotse.config import Settings, get_settings
from lotse.db.engine import get_engine, make_sessionmaker
from lotse.web.i18n import Catalogue
from lotse.web.templating import CORE_MESSAGES, CORE_TEMPLATES, STATIC_DIR, Renderer

API_PREFIX = "/api/v1"
API_DESCRIPTION = """\
The REST API of Lotse. Every endpoint applies the same role policy as the pages, and every read
or change of a client record is written to the audit log.

**Authentication.** Send `Authorization: Bearer <token>`. Get a token with
`POST /api/v1/auth/token` (username and password; five failures lock the account for fifteen
minutes) or from an administrator (`lotse users token USERNAME`). A browser session cookie is
accepted as well; state-changing requests with the cookie need the `X-CSRF-Token` header.

Errors are RFC 9457 problem documents (`application/problem+json`).
"""


def _consent(features: Sequence[Feature]) -> ConsentProvider:
    providers = [f.consent_provider for f in features if f.consent_provider is not None]
    if len(providers) > 1:
        raise RuntimeError("more than one feature provides the consent check")
    return providers[0] if providers else DenyAllConsent()


def build_policy(features: Sequence[Feature]) -> Policy:
    """The merged policy of the core and every feature (duplicates are refused)."""
    from lotse.api.core import CORE_POLICY

    rules: list[Rule] = list(CORE_POLICY)
    for feature in features:
        rules.extend(feature.policy)
    return Policy(rules, consent=_consent(features))


def create_app(
    settings: Settings | None = None,
    *,
    engine: Engine | None = None,
    features: Sequence[Feature] | None = None,
) -> FastAPI:
    """The application on ``engine`` (default: ``Settings.database_url``)."""
    from lotse.api import core

    settings = settings or get_settings()
    engine = engine or get_engine(settings.database_url)
    features = list(discover() if features is None else features)
    policy = build_policy(features)

    app = FastAPI(
        title="Lotse",
        version="1",
        description=API_DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # the bundled Swagger UI loads scripts from a CDN; we serve none
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.policy = policy
    app.state.features = features

    catalogue = Catalogue()
    catalogue.load_dir(CORE_MESSAGES, owner="core")
    template_dirs: list[Path] = [CORE_TEMPLATES]
    for feature in features:
        if feature.messages is not None:
            catalogue.load_dir(feature.messages, owner=feature.name)
        if feature.templates is not None:
            template_dirs.append(feature.templates)
    app.state.catalogue = catalogue
    app.state.renderer = Renderer(
        template_dirs=template_dirs,
        catalogue=catalogue,
        nav=[entry for f in features for entry in f.nav],
        policy=policy,
        default_locale=settings.locale,
    )

    api = APIRouter(prefix=API_PREFIX, responses=errors.ERROR_RESPONSES)
    api.include_router(core.api_router)
    for feature in features:
        if feature.api_router is not None:
            api.include_router(feature.api_router)
    app.include_router(api)
    app.include_router(core.page_router)
    for feature in features:
        if feature.page_router is not None:
            app.include_router(feature.page_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    verify_guards(app.routes, policy)
    errors.install(app)
    app.add_middleware(SessionCookieMiddleware, secret_key=settings.secret_key)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
