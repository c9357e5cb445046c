"""The officer's day: the first page a placement officer or team lead sees."""

from pathlib import Path

from lotse.access.policy import Scope, allow
from lotse.api.features import Feature, NavEntry
from lotse.day import pages
from lotse.domain.codes import Role

HERE = Path(__file__).parent

FEATURE = Feature(
    name="day",
    policy=allow("day", "read", {Role.OFFICER: Scope.OWN, Role.TEAM_LEAD: Scope.TEAM}),
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[NavEntry("nav.day", "/day", "day", "read", order=10)],
    order=10,
)
