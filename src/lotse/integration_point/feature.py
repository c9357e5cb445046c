"""The Integration Point feature: shared cases, consents, assessments, referrals, handovers.

It also installs the consent provider of the access core, so the core's client pages follow
the same rule: the lead agency sees its case, others only what the person consented to share.
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from lotse.access.policy import Scope, allow
from lotse.access.principal import Access
from lotse.api.features import ClientPanel, Feature, NavEntry
from lotse.domain.codes import Role
from lotse.integration_point import endpoints, pages, view
from lotse.integration_point.access import IntegrationPointConsent

HERE = Path(__file__).parent
CASE = {Role.OFFICER: Scope.OWN, Role.TEAM_LEAD: Scope.TEAM, Role.PARTNER_AGENCY: Scope.CONSENTED}
FIGURES = dict.fromkeys((Role.TEAM_LEAD, Role.CONTROLLING, Role.PARTNER_AGENCY), Scope.AGGREGATE)


def _client_panel(session: Session, access: Access, client: Any) -> Mapping[str, Any]:
    """The Integration Point case in brief on the client's file (nothing when there is none)."""
    return {"ip": view.client_panel(session, access, client.id)}


FEATURE = Feature(
    name="integration_point",
    policy=[
        *allow("ip.case", ["list", "read", "create", "decide"], CASE),
        *allow("ip.consent", ["list", "create", "update"], CASE),
        *allow("ip.competences", ["read", "update"], CASE),
        *allow("ip.referral", ["list", "create", "update"], CASE),
        *allow("ip.handover", ["list", "update"], CASE),
        *allow("ip.measures", "read", CASE),
        *allow("ip.language", "read", CASE),
        *allow("ip.employment", "read", CASE),
        *allow("ip.export", "read", CASE),
        *allow("ip.figures", "read", FIGURES),
    ],
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[
        NavEntry(
            "nav.integration_point",
            "/integration-point/cases",
            "ip.case",
            "list",
            order=60,
            home_for=frozenset({Role.PARTNER_AGENCY}),
        ),
        NavEntry(
            "nav.integration_point_figures",
            "/integration-point/figures",
            "ip.figures",
            "read",
            order=61,
        ),
    ],
    client_panels=[
        ClientPanel(
            "integration_point",
            "integration_point/_client_panel.html",
            _client_panel,
            resource="ip.case",
            order=70,
        )
    ],
    consent_provider=IntegrationPointConsent(),
    order=60,
)
