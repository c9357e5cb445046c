"""The dashboard feature and its built-in panels.

Other features add panels with ``Feature(dashboard_panels=[DashboardPanel(...)])``.
"""

from datetime import datetime
from pathlib import Path

from lotse.access.policy import Scope, allow
from lotse.api.features import DashboardPanel, Feature, NavEntry
from lotse.dashboard import endpoints, pages, service
from lotse.domain.codes import Role
from lotse.web.i18n import TIMEZONE

HERE = Path(__file__).parent


FEATURE = Feature(
    name="dashboard",
    policy=allow(
        "dashboard", "read", {Role.TEAM_LEAD: Scope.AGGREGATE, Role.CONTROLLING: Scope.AGGREGATE}
    ),
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[NavEntry("nav.dashboard", "/dashboard", "dashboard", "read", order=60)],
    dashboard_panels=[
        DashboardPanel(
            "programme_members",
            "dashboard/_programme_members.html",
            lambda s, a: service.programme_members(s, a, today=datetime.now(TIMEZONE).date()),
            order=10,
        ),
        DashboardPanel(
            "job_starts",
            "dashboard/_job_starts.html",
            lambda s, a: service.job_starts(s, a, today=datetime.now(TIMEZONE).date()),
            order=20,
        ),
        DashboardPanel(
            "clients_per_site",
            "dashboard/_clients_per_site.html",
            lambda s, a: service.clients_per_site(s, a, today=datetime.now(TIMEZONE).date()),
            order=30,
        ),
    ],
    order=60,
)
