"""The employers feature: employers and vacancies, maintained by the employer service."""

from pathlib import Path

from lotse.access.policy import allow
from lotse.api.features import Feature, NavEntry
from lotse.domain.codes import Role
from lotse.employers import endpoints, pages

HERE = Path(__file__).parent
READERS = [Role.OFFICER, Role.TEAM_LEAD, Role.EMPLOYER_SERVICE]

FEATURE = Feature(
    name="employers",
    policy=[
        *allow("employer", ["list", "read"], READERS),
        *allow("employer", ["create", "update"], [Role.EMPLOYER_SERVICE]),
        *allow("vacancy", ["list", "read"], READERS),
        *allow("vacancy", ["create", "update"], [Role.EMPLOYER_SERVICE]),
    ],
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[
        NavEntry(
            "nav.employers",
            "/employers",
            "employer",
            "list",
            order=40,
            home_for=frozenset({Role.EMPLOYER_SERVICE}),
        ),
        NavEntry("nav.vacancies", "/vacancies", "vacancy", "list", order=45),
    ],
    order=40,
)
