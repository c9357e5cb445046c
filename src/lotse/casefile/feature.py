"""The client's file beyond the profile: eligibility, measures, contacts, plans, assessments."""

from pathlib import Path

from fastapi import APIRouter

from lotse.access.policy import Scope, allow
from lotse.api.features import ClientPanel, Feature
from lotse.casefile import endpoints, pages_cases, pages_contacts, pages_measures, panels
from lotse.domain.codes import Role

HERE = Path(__file__).parent
CASE_HOLDERS = {Role.OFFICER: Scope.OWN, Role.TEAM_LEAD: Scope.TEAM}

pages = APIRouter(include_in_schema=False)
for module in (pages_contacts, pages_measures, pages_cases):
    pages.include_router(module.router)

FEATURE = Feature(
    name="casefile",
    policy=[
        *allow("client.eligibility", "read", CASE_HOLDERS),
        *allow("client.measures", "update", CASE_HOLDERS),
        *allow("client.contacts", "update", CASE_HOLDERS),
        *allow("client.not_integrable", ["read", "update"], CASE_HOLDERS),
        *allow("client.plan", ["read", "update"], CASE_HOLDERS),
        *allow("client.recognition", ["read", "update"], CASE_HOLDERS),
    ],
    api_router=endpoints.router,
    page_router=pages,
    templates=HERE / "templates",
    messages=HERE / "messages",
    client_panels=[
        ClientPanel(
            "contacts", "casefile/_contacts.html", panels.contacts, "client.contacts", order=10
        ),
        ClientPanel(
            "participations",
            "casefile/_participations.html",
            panels.participations,
            "client.measures",
            order=20,
        ),
        ClientPanel(
            "eligibility",
            "casefile/_eligibility.html",
            panels.eligibility,
            "client.eligibility",
            order=30,
        ),
        ClientPanel(
            "kooperationsplan",
            "casefile/_kooperationsplan.html",
            panels.kooperationsplan,
            "client.plan",
            order=40,
        ),
        ClientPanel(
            "not_integrable",
            "casefile/_not_integrable.html",
            panels.not_integrable,
            "client.not_integrable",
            order=50,
        ),
        ClientPanel(
            "recognition",
            "casefile/_recognition.html",
            panels.recognition_procedures,
            "client.recognition",
            order=60,
        ),
    ],
    order=25,
)
