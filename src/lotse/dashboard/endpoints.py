"""REST endpoint for the dashboard figures."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.routing import Guard
from lotse.dashboard import service
from lotse.dashboard.schemas import FiguresRead, MonthStarts, ProgrammeMembers, SiteClients
from lotse.web.i18n import TIMEZONE

router = APIRouter(prefix="/dashboard", tags=["dashboard"])


@router.get("/figures", response_model=FiguresRead)
def figures(
    session: SessionDep, access: Annotated[Access, Guard("dashboard", "read")]
) -> FiguresRead:
    """Members per programme, job starts per month (12 months) and active clients per site."""
    today = datetime.now(TIMEZONE).date()
    members = service.programme_members(session, access, today=today)
    starts = service.job_starts(session, access, today=today)
    sites = service.clients_per_site(session, access, today=today)
    return FiguresRead(
        programme_members=[
            ProgrammeMembers(code=c, name=n, members=k) for c, n, k in members["rows"]
        ],
        job_starts_by_month=[
            MonthStarts(month=f"{y:04d}-{m:02d}", integrations=i, other_starts=o)
            for (y, m), i, o in zip(
                starts["months"], starts["integrations"], starts["others"], strict=True
            )
        ],
        active_clients_by_site=[SiteClients(site=s, active_clients=n) for s, n in sites["rows"]],
    )
