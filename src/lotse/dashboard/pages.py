"""The dashboard page: every feature's panels the user's role may see, in order."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.features import DashboardPanel, Feature
from lotse.api.routing import Guard
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)


@router.get("/dashboard")
def dashboard(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("dashboard", "read")]
) -> Response:
    features: list[Feature] = request.app.state.features
    panels: list[DashboardPanel] = sorted(
        (p for f in features for p in f.dashboard_panels if access.may(p.resource, p.action)),
        key=lambda p: (p.order, p.key),
    )
    built = [(panel, panel.build(session, access)) for panel in panels]
    return renderer(request).render(request, "dashboard/dashboard.html", {"panels": built})
