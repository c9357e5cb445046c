"""The measures feature: catalogue, course runs with seats and waiting lists, funnels."""

from pathlib import Path

from lotse.access.policy import allow
from lotse.api.features import Feature, NavEntry
from lotse.domain.codes import Role
from lotse.measures import endpoints, pages

HERE = Path(__file__).parent
STAFF = [Role.OFFICER, Role.TEAM_LEAD, Role.EMPLOYER_SERVICE]

FEATURE = Feature(
    name="measures",
    policy=[
        *allow("measure", ["list", "read"], STAFF),
        *allow("course", ["list", "read"], STAFF),
    ],
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[NavEntry("nav.measures", "/measures", "measure", "list", order=30)],
    order=30,
)
