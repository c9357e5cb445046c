"""The programme dashboard: key figures, charts and report downloads (aggregates only)."""

from pathlib import Path

from lotse.access.policy import Scope, allow
from lotse.api.features import Feature, NavEntry
from lotse.controlling import endpoints, pages
from lotse.domain.codes import Role

HERE = Path(__file__).parent

FEATURE = Feature(
    name="controlling",
    policy=allow(
        "figures",
        "read",
        {
            Role.TEAM_LEAD: Scope.AGGREGATE,
            Role.CONTROLLING: Scope.AGGREGATE,
            Role.ADMIN: Scope.AGGREGATE,
        },
    ),
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[
        NavEntry(
            "nav.figures",
            "/figures",
            "figures",
            "read",
            order=62,
            home_for=frozenset({Role.CONTROLLING}),
        )
    ],
    order=62,
)
