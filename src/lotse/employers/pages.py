"""Pages: employers and vacancies (lists, details, forms for the employer service)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath, IdQuery
from lotse.api.routing import Guard
from lotse.clients.repository import site_names
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import VacancyHours, VacancyStatus
from lotse.employers import service
from lotse.employers.repository import EmployerRepository, VacancyRepository
from lotse.employers.schemas import EmployerCreate, EmployerUpdate, VacancyCreate, VacancyUpdate
from lotse.proposals import service as proposals
from lotse.web.forms import FormDep, FormErrors, parse_form, save_form
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def _employer_form(
    request: Request,
    session: Session,
    values: dict[str, Any],
    errors: FormErrors,
    action: str,
    status: int = 200,
) -> Response:
    return renderer(request).render(
        request,
        "employers/employer_form.html",
        {
            "values": values,
            "errors": errors,
            "action": action,
            "sites": sorted(site_names(session).items(), key=lambda kv: kv[1]),
        },
        status_code=status,
    )


@router.get("/employers")
def employer_list(
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("employer", "list")],
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    repo = EmployerRepository(session)
    statement = repo.search(q)
    employers = repo.all(statement.limit(PAGE_SIZE))
    counts = repo.open_vacancy_counts([e.id for e in employers])
    return renderer(request).render(
        request,
        "employers/list.html",
        {
            "employers": employers,
            "counts": counts,
            "q": q or "",
            "total": repo.count(statement),
        },
    )


@router.get("/employers/new")
def employer_new(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("employer", "create")]
) -> Response:
    return _employer_form(request, session, {}, {}, "/employers")


@router.post("/employers")
def employer_create(
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("employer", "create")],
) -> Response:
    return save_form(
        session,
        lambda: service.create_employer(session, access, parse_form(EmployerCreate, form)),
        done=lambda employer: f"/employers/{employer.id}",
        again=lambda errors: _employer_form(request, session, form, errors, "/employers", 422),
    )


@router.get("/employers/{employer_id}")
def employer_detail(
    employer_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("employer", "read")],
) -> Response:
    employer = service.get_employer(session, employer_id)
    vacancies = VacancyRepository(session).all(
        VacancyRepository(session).search(employer_id=employer_id)
    )
    return renderer(request).render(
        request,
        "employers/detail.html",
        {
            "employer": employer,
            "vacancies": vacancies,
            "sites": site_names(session),
        },
    )


@router.get("/employers/{employer_id}/edit")
def employer_edit(
    employer_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("employer", "update")],
) -> Response:
    e = service.get_employer(session, employer_id)
    values = {k: getattr(e, k) for k in EmployerUpdate.model_fields} | {"ref": e.ref}
    return _employer_form(request, session, values, {}, f"/employers/{employer_id}")


@router.post("/employers/{employer_id}")
def employer_update(
    employer_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("employer", "update")],
) -> Response:
    url = f"/employers/{employer_id}"
    return save_form(
        session,
        lambda: service.update_employer(
            session, access, employer_id, parse_form(EmployerUpdate, form)
        ),
        done=lambda _: url,
        again=lambda errors: _employer_form(request, session, form, errors, url, 422),
    )


# --- vacancies -------------------------------------------------------------------------------


def _vacancy_form(
    request: Request,
    session: Session,
    values: dict[str, Any],
    errors: FormErrors,
    action: str,
    status: int = 200,
) -> Response:
    repo = EmployerRepository(session)
    employers = [(e.id, e.name or e.ref) for e in repo.all(repo.search())]
    return renderer(request).render(
        request,
        "employers/vacancy_form.html",
        {
            "values": values,
            "errors": errors,
            "action": action,
            "employers": employers,
            "levels": list(CefrLevel),
            "hours": list(VacancyHours),
            "statuses": list(VacancyStatus),
        },
        status_code=status,
    )


def _vacancy_fields(form: dict[str, str]) -> dict[str, Any]:
    return dict(form) | {"driving_licence_required": form.get("driving_licence_required") == "1"}


@router.get("/vacancies")
def vacancy_list(
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("vacancy", "list")],
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: VacancyStatus | None = VacancyStatus.OPEN,
) -> Response:
    repo = VacancyRepository(session)
    statement = repo.search(q=q, status=status)
    vacancies = repo.page(statement, limit=PAGE_SIZE, offset=0)
    employers = repo.employers_by_id({v.employer_id for v in vacancies})
    return renderer(request).render(
        request,
        "employers/vacancies.html",
        {
            "vacancies": vacancies,
            "employers": employers,
            "q": q or "",
            "status": status,
            "statuses": list(VacancyStatus),
            "total": repo.count(statement),
        },
    )


@router.get("/vacancies/new")
def vacancy_new(
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("vacancy", "create")],
    employer_id: IdQuery = None,
) -> Response:
    return _vacancy_form(
        request,
        session,
        {"employer_id": employer_id, "openings": 1, "status": "open"},
        {},
        "/vacancies",
    )


@router.post("/vacancies")
def vacancy_create(
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("vacancy", "create")],
) -> Response:
    return save_form(
        session,
        lambda: service.create_vacancy(
            session, access, parse_form(VacancyCreate, _vacancy_fields(form))
        ),
        done=lambda vacancy: f"/vacancies/{vacancy.id}",
        again=lambda errors: _vacancy_form(request, session, form, errors, "/vacancies", 422),
    )


@router.get("/vacancies/{vacancy_id}")
def vacancy_detail(
    vacancy_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("vacancy", "read")],
) -> Response:
    vacancy = service.get_vacancy(session, vacancy_id)
    employer = service.get_employer(session, vacancy.employer_id)
    candidates: list[Any] = []
    proposal_access = access.narrowed("proposal", "list")
    if proposal_access is not None:
        candidates = list(
            proposals.list_proposals(
                session,
                proposal_access,
                vacancy_id=vacancy_id,
                view=f"vacancy:{vacancy_id}",
                limit=500,
            )
        )
    return renderer(request).render(
        request,
        "employers/vacancy.html",
        {
            "vacancy": vacancy,
            "employer": employer,
            "candidates": candidates,
            "show_candidates": proposal_access is not None,
        },
    )


@router.get("/vacancies/{vacancy_id}/edit")
def vacancy_edit(
    vacancy_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("vacancy", "update")],
) -> Response:
    v = service.get_vacancy(session, vacancy_id)
    values = {k: getattr(v, k) for k in VacancyUpdate.model_fields} | {
        "ref": v.ref,
        "employer_id": v.employer_id,
    }
    return _vacancy_form(request, session, values, {}, f"/vacancies/{vacancy_id}")


@router.post("/vacancies/{vacancy_id}")
def vacancy_update(
    vacancy_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("vacancy", "update")],
) -> Response:
    url = f"/vacancies/{vacancy_id}"
    return save_form(
        session,
        lambda: service.update_vacancy(
            session, access, vacancy_id, parse_form(VacancyUpdate, _vacancy_fields(form))
        ),
        done=lambda _: url,
        again=lambda errors: _vacancy_form(request, session, form, errors, url, 422),
    )
