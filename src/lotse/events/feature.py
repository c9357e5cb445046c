"""The events feature: employer events with invitation counts."""

from pathlib import Path

from lotse.access.policy import allow
from lotse.api.features import Feature, NavEntry
from lotse.domain.codes import Role
from lotse.events import endpoints, pages

HERE = Path(__file__).parent

FEATURE = Feature(
    name="events",
    policy=allow("event", ["list", "read"], [Role.OFFICER, Role.TEAM_LEAD, Role.EMPLOYER_SERVICE]),
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[NavEntry("nav.events", "/events", "event", "list", order=50)],
    order=50,
)
