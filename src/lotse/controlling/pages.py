"""The programme dashboard page (key figures with charts) and the report downloads."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.routing import Guard
from lotse.controlling import figures
from lotse.controlling.report.view import build_view
from lotse.errors import InvalidInput
from lotse.web.forms import field_errors
from lotse.web.i18n import TIMEZONE
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)
MonthQ = Annotated[str | None, Query(max_length=7)]
TextQ = Annotated[str | None, Query(max_length=100)]
RefQ = Annotated[str | None, Query(max_length=10)]
MEDIA = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _images(view: dict[str, Any]) -> dict[str, Any]:
    """The report's SVG charts as images with alternative texts."""
    view["trend"] = figures.svg_image(view["trend"], "Integrationsquote (K2) im Zeitverlauf")
    for b in view["breakdowns"]:
        b["chart"] = figures.svg_image(b["chart"], f"Integrationsquote nach {b['title']}")
    view["exits"]["chart"] = figures.svg_image(view["exits"]["chart"], "Abgänge in Arbeit")
    ni = view["not_integrable"]
    ni["chart"] = figures.svg_image(ni["chart"], "Anteile nicht integrierbar nach Grund")
    for f in view["funnels"]:
        f["chart"] = figures.svg_image(f["chart"], f"Trichter {f['measure']}")
    return view


@router.get("/figures")
def figures_page(
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("figures", "read")],
    month: MonthQ = None,
    programme: TextQ = None,
    site: TextQ = None,
    reference: RefQ = None,
) -> Response:
    chosen = month or figures.last_complete_month(datetime.now(TIMEZONE).date())
    form = {"month": chosen, "programme": programme or "", "site": site or "",
            "reference": reference or ""}  # fmt: skip
    values: dict[str, Any] = {"form": form, "errors": {}, "view": None,
                              "suppressed": figures.suppressed_for(access),
                              **figures.choices(session)}  # fmt: skip
    status = 200
    try:
        opts = figures.options(
            session, month=chosen, programme=programme, site=site, reference=reference
        )
        values["view"] = _images(build_view(figures.compute(session, access, opts)))
        values["query"] = request.url.query
    except InvalidInput as exc:
        values["errors"] = field_errors(exc)
        status = 422
    return renderer(request).render(request, "controlling/figures.html", values, status_code=status)


@router.get("/figures/report.{kind}")
def report_download(
    kind: Literal["html", "pdf", "xlsx"],
    session: SessionDep,
    access: Annotated[Access, Guard("figures", "read")],
    month: MonthQ = None,
    programme: TextQ = None,
    site: TextQ = None,
    reference: RefQ = None,
) -> Response:
    """The controlling report for the month, programme and site chosen."""
    from lotse.controlling.report.html import render_html

    chosen = month or figures.last_complete_month(datetime.now(TIMEZONE).date())
    opts = figures.options(
        session, month=chosen, programme=programme, site=site, reference=reference
    )
    data = figures.compute(session, access, opts)
    if kind == "xlsx":
        body = figures.workbook_bytes(data)
    else:
        html = render_html(data)
        body = html.encode("utf-8") if kind == "html" else figures.pdf_bytes(html)
    figures.note_export(session, access, opts, kind)
    name = "_".join(p for p in ("Lotse-Kennzahlen", opts.month, opts.programme, opts.site) if p)
    return Response(
        body,
        media_type=MEDIA[kind],
        headers={"Content-Disposition": f'attachment; filename="{name}.{kind}"'},
    )
