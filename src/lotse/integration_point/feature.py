"""The Integration Point feature: shared cases, consents, assessments, referrals, handovers.

It also installs the consent provider of the access core, so the core's client pages follow
the same rule: the lead agency sees its case, others only what the person consented to share.
"""

from pathlib import Path

from lotse.access.policy import Scope, allow
from lotse.api.features import Feature, NavEntry
from lotse.domain.codes import Role
from lotse.integration_point import endpoints, pages
from lotse.integration_point.access import IntegrationPointConsent

HERE = Path(__file__).parent
CASE = {Role.OFFICER: Scope.OWN, Role.TEAM_LEAD: Scope.TEAM, Role.PARTNER_AGENCY: Scope.CONSENTED}
FIGURES = dict.fromkeys((Role.TEAM_LEAD, Role.CONTROLLING, Role.PARTNER_AGENCY), Scope.AGGREGATE)

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
    consent_provider=IntegrationPointConsent(),
    order=60,
)
