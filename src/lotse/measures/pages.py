"""Pages: the measure catalogue, one measure with its rules, runs and funnel, the course runs
with seats and waiting lists, and one run's participants in the user's scope."""

from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import Response

from lotse.access import gate
from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.errors import NotFound
from lotse.measures import courses, funnel, service
from lotse.measures.repository import RunRepository
from lotse.models import Client, Measure, Participation
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)


@router.get("/measures")
def measure_list(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("measure", "list")]
) -> Response:
    return renderer(request).render(
        request,
        "measures/list.html",
        {"measures": list(service.definitions(session).values())},
    )


@router.get("/measures/{code}")
def measure_detail(
    code: str,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("measure", "read")],
) -> Response:
    known = service.definitions(session)
    if code not in known:
        raise NotFound(f"measure {code!r} not found")
    runs = courses.list_runs(session, code)
    rows = funnel.measure_funnel(session, code)
    return renderer(request).render(
        request,
        "measures/detail.html",
        {"m": known[code], "runs": runs, "funnel": rows},
    )


@router.get("/courses")
def course_list(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("course", "list")]
) -> Response:
    runs = courses.list_runs(session)
    names = {code: m.name for code, m in service.definitions(session).items()}
    extra = session.execute(sa.select(Measure.code, Measure.name)).all()
    names = dict(extra) | names
    return renderer(request).render(
        request, "measures/courses.html", {"runs": runs, "names": names}
    )


@router.get("/courses/{run_id}")
def course_detail(
    run_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("course", "read")],
) -> Response:
    run = RunRepository(session).get(run_id)
    overview = courses.run_overviews(session, [run])[0]
    measure = session.get(Measure, run.measure_id)
    waiting_ids = [p.id for p in courses.waiting_list(session, run_id)]
    people: list[Any] = []
    client_access = access.narrowed("client", "list")
    if client_access is not None:
        people = list(
            session.execute(
                sa.select(Participation, Client)
                .join(Client, Client.id == Participation.client_id)
                .where(Participation.run_id == run_id, gate.client_filter(client_access))
                .order_by(Participation.status, Participation.id)
            ).all()
        )
        gate.note_clients_listed(
            session, client_access, [c.id for _, c in people], view=f"course:{run_id}"
        )
    return renderer(request).render(
        request,
        "measures/course.html",
        {
            "run": run,
            "o": overview,
            "measure": measure,
            "people": people,
            "waiting_rank": {pid: i for i, pid in enumerate(waiting_ids, 1)},
        },
    )
