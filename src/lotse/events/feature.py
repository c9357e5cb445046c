"""The events feature: employer events, candidates, invitations, attendance, results, funnel."""

from pathlib import Path

from fastapi import APIRouter

from lotse.access.policy import Scope, allow
from lotse.api.features import Feature, NavEntry
from lotse.domain.codes import Role
from lotse.events import endpoints, pages, pages_manage

HERE = Path(__file__).parent
# Candidates and invitations: case holders for their own clients; the employer service, which
# organises the events, for every active client (each list is audit-logged).
PICKERS = {
    Role.OFFICER: Scope.OWN,
    Role.TEAM_LEAD: Scope.TEAM,
    Role.EMPLOYER_SERVICE: Scope.ALL,
}

page_router = APIRouter(include_in_schema=False)
page_router.include_router(pages_manage.router)  # /events/new before /events/{event_id}
page_router.include_router(pages.router)

FEATURE = Feature(
    name="events",
    policy=[
        *allow("event", ["list", "read"], [Role.OFFICER, Role.TEAM_LEAD, Role.EMPLOYER_SERVICE]),
        *allow("event", ["create", "update"], [Role.EMPLOYER_SERVICE]),
        *allow("event.candidates", "list", PICKERS),
        *allow("event.invitations", ["list", "create"], PICKERS),
    ],
    api_router=endpoints.router,
    page_router=page_router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[NavEntry("nav.events", "/events", "event", "list", order=50)],
    order=50,
)
