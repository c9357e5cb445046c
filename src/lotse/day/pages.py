"""The officer's day page."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.routing import Guard
from lotse.day.service import build_day
from lotse.web.i18n import TIMEZONE
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)


@router.get("/day")
def day(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("day", "read")]
) -> Response:
    built = build_day(session, access, now=datetime.now(TIMEZONE))
    return renderer(request).render(
        request,
        "day/day.html",
        {
            "day": built,
            "contacts": built.contacts,
            "pending": built.pending,
            "seats": built.seats,
            "today": built.today,
            "start_of_day": built.start_of_day,
        },
    )
