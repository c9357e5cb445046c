"""The proposals feature: reading proposals in scope and deciding them."""

from pathlib import Path

from lotse.access.policy import Scope, allow
from lotse.api.features import Feature
from lotse.domain.codes import Role
from lotse.proposals import endpoints, pages

HERE = Path(__file__).parent
CASE_HOLDERS = {Role.OFFICER: Scope.OWN, Role.TEAM_LEAD: Scope.TEAM}

FEATURE = Feature(
    name="proposals",
    policy=[
        *allow(
            "proposal", ["list", "read"], CASE_HOLDERS | {Role.EMPLOYER_SERVICE: Scope.PROPOSED}
        ),
        *allow("proposal", "decide", CASE_HOLDERS),
    ],
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    order=30,
)
