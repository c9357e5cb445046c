"""The users feature: account administration (admins only)."""

from pathlib import Path

from lotse.access.policy import allow
from lotse.api.features import Feature, NavEntry
from lotse.domain.codes import Role
from lotse.users import endpoints, pages

HERE = Path(__file__).parent

FEATURE = Feature(
    name="users",
    policy=allow("user", ["list", "read", "create", "update"], [Role.ADMIN]),
    api_router=endpoints.router,
    page_router=pages.router,
    templates=HERE / "templates",
    messages=HERE / "messages",
    nav=[
        NavEntry(
            "nav.users", "/admin/users", "user", "list", order=80, home_for=frozenset({Role.ADMIN})
        )
    ],
    order=80,
)
