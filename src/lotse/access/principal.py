"""The authenticated user as the rest of Lotse sees it, and what one request was allowed."""

from __future__ import annotations

from dataclasses import dataclass

from lotse.access.policy import Policy, Scope
from lotse.domain.codes import Role


@dataclass(frozen=True)
class Principal:
    """A logged-in user: identity, role and the organisational units that scope their access."""

    user_id: int
    username: str
    display_name: str
    role: Role
    officer_id: int | None = None
    team_id: int | None = None
    site_id: int | None = None
    agency: str | None = None
    locale: str = "de"


@dataclass(frozen=True)
class Access:
    """A granted (resource, action) for a principal, with the scope the policy gave it."""

    principal: Principal
    resource: str
    action: str
    scope: Scope
    policy: Policy

    def may(self, resource: str, action: str) -> bool:
        """Whether the same principal may also do ``action`` on ``resource`` (e.g. a section)."""
        return self.policy.allows(self.principal.role, resource, action)

    def scope_for(self, resource: str, action: str) -> Scope | None:
        return self.policy.scope(self.principal.role, resource, action)

    def narrowed(self, resource: str, action: str) -> Access | None:
        """The access for another (resource, action) of the same principal, if allowed."""
        scope = self.scope_for(resource, action)
        if scope is None:
            return None
        return Access(self.principal, resource, action, scope, self.policy)
