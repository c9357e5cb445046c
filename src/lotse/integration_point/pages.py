"""Pages of the Integration Point: case list, first contact, the shared case, figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.clients.repository import site_names
from lotse.domain.agencies import Agency, ConsentPurpose, DataCategory
from lotse.domain.codes import Gender, ResidenceStatus
from lotse.domain.integration_point import (
    AsylumState,
    ContactPlace,
    ReferralKind,
    ReferralStatus,
    next_referral_status,
)
from lotse.integration_point import (
    assessment_pages,
    cases,
    consents,
    export,
    figures,
    forms,
    handovers,
    referrals,
    view,
)
from lotse.integration_point.access import agency_of, clock_of
from lotse.web.forms import FormDep, FormErrors, save_form
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)
router.include_router(assessment_pages.router)
PAGE_SIZE = 50
BASE = "/integration-point"


def _case_url(client_id: int, anchor: str = "") -> str:
    return f"{BASE}/cases/{client_id}" + (f"#{anchor}" if anchor else "")


@router.get(BASE + "/cases")
def case_list(
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.case", "list")],
    q: Annotated[str | None, Query(max_length=100)] = None,
    lead: Agency | None = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    rows, total = cases.listing(
        session, access, q=q, lead=lead, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return renderer(request).render(
        request,
        "integration_point/list.html",
        {
            "rows": rows,
            "total": total,
            "q": q or "",
            "lead": lead,
            "agencies": list(Agency),
            "page": page,
            "pages": max(1, -(-total // PAGE_SIZE)),
            "your_agency": agency_of(access.principal),
        },
    )


def _new_form(
    request: Request,
    session: Session,
    access: Access,
    values: dict[str, Any],
    errors: FormErrors,
    status: int = 200,
) -> Response:
    return renderer(request).render(
        request,
        "integration_point/new.html",
        {
            "values": values,
            "errors": errors,
            "sites": sorted(site_names(session).items(), key=lambda kv: kv[1]),
            "places": list(ContactPlace),
            "states": [s for s in AsylumState if not s.decided or s is AsylumState.REJECTED],
            "statuses": list(ResidenceStatus),
            "genders": list(Gender),
            "agencies": [a for a in Agency if a != agency_of(access.principal)],
            "your_agency": agency_of(access.principal),
        },
        status_code=status,
    )


@router.get(BASE + "/cases/new")
def case_new(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("ip.case", "create")]
) -> Response:
    values = {
        "first_contact_on": clock_of(access).isoformat(),
        "first_contact_place": "shelter",
        "asylum_state": "pending",
        "site_id": access.principal.site_id or "",
    }
    return _new_form(request, session, access, values, {})


@router.post(BASE + "/cases")
def case_create(
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("ip.case", "create")],
) -> Response:
    return save_form(
        session,
        lambda: cases.first_contact(session, access, forms.case_create(form)),
        done=lambda case: _case_url(case.client_id),
        again=lambda errors: _new_form(request, session, access, form, errors, 422),
    )


def _case_page(
    request: Request,
    session: Session,
    access: Access,
    client_id: int,
    *,
    form: str | None = None,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    status: int = 200,
) -> Response:
    case_access = access.narrowed("ip.case", "read") or access
    page = view.case_page(session, case_access, client_id)
    on = page.today
    return renderer(request).render(
        request,
        "integration_point/case.html",
        {
            "p": page,
            "c": page.case,
            "form": form,
            "values": values or {},
            "errors": errors or {},
            "on": on.isoformat(),
            "agencies": list(Agency),
            "purposes": list(ConsentPurpose),
            "categories": [c for c in DataCategory if c is not DataCategory.BASIC],
            "kinds": list(ReferralKind),
            "decisions": [s for s in AsylumState if s.decided],
            "referral_moves": lambda r: [
                s for s in ReferralStatus if next_referral_status(r.status, s)
            ],
            "may_tick": lambda h: view.may_tick(access, h),
            "may_move": lambda r: view.may_move_referral(access, page, r),
        },
        status_code=status,
    )


@router.get(BASE + "/cases/{client_id}")
def case_read(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.case", "read")],
) -> Response:
    return _case_page(request, session, access, client_id)


def _handle(
    request: Request,
    session: Session,
    access: Access,
    client_id: int,
    form_name: str,
    form: dict[str, str],
    action: Callable[[], object],
    anchor: str,
) -> Response:
    return save_form(
        session,
        action,
        done=lambda _: _case_url(client_id, anchor),
        again=lambda errors: _case_page(
            request, session, access, client_id, form=form_name, values=form, errors=errors,
            status=422,
        ),
    )  # fmt: skip


@router.post(BASE + "/cases/{client_id}/decision")
def decision_create(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("ip.case", "decide")],
) -> Response:
    def act() -> None:
        cases.decide(session, access, client_id, forms.decision(form))

    return _handle(request, session, access, client_id, "decision", form, act, "handovers")


@router.post(BASE + "/cases/{client_id}/consents")
def consent_create(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("ip.consent", "create")],
) -> Response:
    def act() -> None:
        consents.record(session, access, client_id, forms.consent(form))

    return _handle(request, session, access, client_id, "consent", form, act, "consents")


@router.post(BASE + "/consents/{consent_id}/revocation")
def consent_revoke(
    consent_id: IdPath,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("ip.consent", "update")],
) -> Response:
    consent = consents.revoke(session, access, consent_id, forms.revocation(form))
    return RedirectResponse(_case_url(consent.client_id, "consents"), status_code=303)


@router.post(BASE + "/cases/{client_id}/referrals")
def referral_create(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("ip.referral", "create")],
) -> Response:
    def act() -> None:
        referrals.create(session, access, client_id, forms.referral(form))

    return _handle(request, session, access, client_id, "referral", form, act, "referrals")


@router.post(BASE + "/referrals/{referral_id}")
def referral_update(
    referral_id: IdPath,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("ip.referral", "update")],
) -> Response:
    referral = referrals.update(session, access, referral_id, forms.referral_update(form))
    return RedirectResponse(_case_url(referral.client_id, "referrals"), status_code=303)


@router.post(BASE + "/handovers/{handover_id}")
def handover_update(
    handover_id: IdPath,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("ip.handover", "update")],
) -> Response:
    handover = handovers.tick(session, access, handover_id, forms.checklist(form))
    return RedirectResponse(_case_url(handover.client_id, "handovers"), status_code=303)


@router.get(BASE + "/cases/{client_id}/export")
def export_page(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.export", "read")],
) -> Response:
    found = export.for_person(session, access, client_id, fmt="html")
    return renderer(request).render(
        request,
        "integration_point/export_page.html",
        {"e": found, "body": Markup(export.body_html(found))},  # noqa: S704 - our own template
    )


@router.get(BASE + "/cases/{client_id}/export.pdf")
def export_pdf(
    client_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("ip.export", "read")]
) -> Response:
    found = export.for_person(session, access, client_id, fmt="pdf")
    return Response(
        export.to_pdf(found),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="auskunft-{found.ref}.pdf"'},
    )


@router.get(BASE + "/figures")
def figures_page(
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.figures", "read")],
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> Response:
    found = figures.figures(session, start=start, end=end, today=clock_of(access))
    t = renderer(request).translator(request)
    series = {
        (t(f"enum.residence_status.{status}") if status != "unknown" else t("ip.unknown")): [
            found.advised_by_month_and_status[m].get(status, 0) for m in found.advised_by_month
        ]
        for status in found.advised_by_status
    }
    months = list(found.advised_by_month)
    step = -(-len(months) // 12)  # at most about twelve labels, so they do not overlap
    labels = [
        t.month(int(m[:4]), int(m[5:])) if i % step == 0 else "" for i, m in enumerate(months)
    ]
    return renderer(request).render(
        request,
        "integration_point/figures.html",
        {"f": found, "chart_labels": labels, "chart_series": series},
    )
