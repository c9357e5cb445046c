"""Page of the competence assessment: the form, with ESCO skills suggested while typing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import DegreeRecognition, Qualification
from lotse.integration_point import competences, forms
from lotse.integration_point import repository as repo
from lotse.integration_point.access import clock_of, open_case, require_lead
from lotse.models import Client
from lotse.reference import esco
from lotse.web.forms import FormDep, FormErrors, save_form
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)
BASE = "/integration-point"
SUGGESTED_GENERAL = 150  # widely needed skills offered on every assessment form


def _assessment_form(
    request: Request,
    client: Client,
    targets: Sequence[str],
    values: dict[str, str],
    errors: FormErrors,
    counts: dict[str, int],
    status: int = 200,
) -> Response:
    return renderer(request).render(
        request,
        "integration_point/assessment.html",
        {
            "client": client,
            "values": values,
            "errors": errors,
            "rows": counts,
            "levels": list(CefrLevel),
            "qualifications": list(Qualification),
            "recognitions": list(DegreeRecognition),
            "skills": _suggested_skills(
                [v for k, v in values.items() if k.endswith("-kldb") and v] + list(targets)
            ),
        },
        status_code=status,
    )


def _suggested_skills(codes: list[str]) -> list[esco.EscoSkill]:
    """Skills to offer while typing: typical of the occupations named, then general ones."""
    found = [s for code in dict.fromkeys(codes) for s in esco.typical(code)]
    found += list(esco.skills().values())[:SUGGESTED_GENERAL]
    return list(dict.fromkeys(found))


@router.get(BASE + "/cases/{client_id}/assessment")
def assessment_edit(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.competences", "update")],
) -> Response:
    opened = open_case(session, access, client_id, what="ip_assessment_form")
    require_lead(session, access, opened, what="ip_assessment_form")
    found = repo.AssessmentRepository(session).of_client(client_id)
    current = competences.to_read(found, opened.client) if found is not None else None
    values = forms.assessment_values(current) or {"assessed_on": clock_of(access).isoformat()}
    targets = repo.target_codes(session, client_id)
    return _assessment_form(request, opened.client, targets, values, {}, forms.rows_for(current))


@router.post(BASE + "/cases/{client_id}/assessment")
def assessment_save(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("ip.competences", "update")],
) -> Response:
    def again(errors: FormErrors) -> Response:
        opened = open_case(session, access, client_id, what="ip_assessment_form")
        counts = {g: forms.rows(form, g) for g in forms.ROWS}
        targets = repo.target_codes(session, client_id)
        return _assessment_form(request, opened.client, targets, form, errors, counts, 422)

    return save_form(
        session,
        lambda: competences.save(session, access, client_id, forms.assessment(form)),
        done=lambda _: f"{BASE}/cases/{client_id}#competences",
        again=again,
    )
