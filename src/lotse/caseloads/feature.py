"""Caseloads for team leads: ratios, what-if, applying a plan, contact density."""

from pathlib import Path

from lotse.access.policy import Scope, allow
from lotse.api.features import Feature, NavEntry
from lotse.caseloads import endpoints, pages
from lotse.domain.codes import Role

HERE = Path(__file__).parent

FEATURE = Feature(
    name="caseloads",
    policy=allow("caseload", ["read", "update"], {Role.TEAM_LEAD: Scope.TEAM}),
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[NavEntry("nav.caseloads", "/caseloads", "caseload", "read", order=35)],
    order=35,
)
