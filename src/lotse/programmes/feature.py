"""The programmes feature: list for every staff role, administration for admins."""

from pathlib import Path

from lotse.access.policy import allow
from lotse.api.features import Feature, NavEntry
from lotse.domain.codes import Role
from lotse.programmes import endpoints, pages

HERE = Path(__file__).parent

FEATURE = Feature(
    name="programmes",
    policy=[
        *allow(
            "programme",
            ["list", "read"],
            [Role.OFFICER, Role.TEAM_LEAD, Role.EMPLOYER_SERVICE, Role.CONTROLLING, Role.ADMIN],
        ),
        *allow("programme", ["create", "update"], [Role.ADMIN]),
    ],
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[NavEntry("nav.programmes", "/programmes", "programme", "list", order=70)],
    order=70,
)
