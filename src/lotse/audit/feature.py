"""The audit feature: the log viewer for administrators."""

from pathlib import Path

from lotse.access.policy import allow
from lotse.api.features import Feature, NavEntry
from lotse.audit import endpoints, pages
from lotse.domain.codes import Role

HERE = Path(__file__).parent

FEATURE = Feature(
    name="audit",
    policy=allow("audit", "list", [Role.ADMIN]),
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[NavEntry("nav.audit", "/admin/audit", "audit", "list", order=90)],
    order=90,
)
