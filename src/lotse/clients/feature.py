"""The clients feature: the scoped client list and the client's file."""

from pathlib import Path

from lotse.access.policy import Scope, allow
from lotse.api.features import Feature, NavEntry
from lotse.clients import endpoints, pages
from lotse.domain.codes import Role

HERE = Path(__file__).parent
CASE_HOLDERS = {Role.OFFICER: Scope.OWN, Role.TEAM_LEAD: Scope.TEAM}

FEATURE = Feature(
    name="clients",
    policy=[
        *allow(
            "client",
            ["list", "read"],
            CASE_HOLDERS
            | {Role.EMPLOYER_SERVICE: Scope.PROPOSED, Role.PARTNER_AGENCY: Scope.CONSENTED},
        ),
        # Sections of the file beyond the shared profile (rows are scoped by client:read).
        *allow("client.details", "read", CASE_HOLDERS),
        *allow("client.contacts", "read", CASE_HOLDERS),
        *allow("client.job_starts", "read", CASE_HOLDERS),
        *allow("client.audit", "read", CASE_HOLDERS),
        *allow("client.measures", "read", CASE_HOLDERS | {Role.PARTNER_AGENCY: Scope.CONSENTED}),
        *allow("client.programmes", "read", CASE_HOLDERS | {Role.PARTNER_AGENCY: Scope.CONSENTED}),
    ],
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[NavEntry("nav.clients", "/clients", "client", "list", order=20)],
    order=20,
)
