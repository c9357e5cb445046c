"""The single declarative access policy: role × resource × action → allowed scope.

Every route names the (resource, action) it needs; the policy answers with the *scope* of rows
the role may touch, or nothing (denied). Rules are data, contributed by each feature in its
``feature.py``; the application merges them once at start-up and refuses duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from lotse.access.consent import ConsentProvider, DenyAllConsent
from lotse.domain.codes import Role


class Scope(StrEnum):
    """Which rows a role may reach for an allowed (resource, action)."""

    ALL = "all"  # every row (employers, vacancies, programmes, users for admins)
    TEAM = "team"  # clients whose officer is in the user's team (and unassigned ones at its site)
    OWN = "own"  # clients in the user's own caseload
    PROPOSED = "proposed"  # clients proposed to employers (an accepted proposal)
    CONSENTED = "consented"  # clients who consented to share their case with the user's agency
    AGGREGATE = "aggregate"  # pseudonymised figures only, never a person


class Action(StrEnum):
    LIST = "list"
    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DECIDE = "decide"
    DELETE = "delete"


@dataclass(frozen=True)
class Rule:
    """One row of the policy: ``role`` may ``action`` on ``resource`` within ``scope``."""

    resource: str
    action: str
    role: Role
    scope: Scope = Scope.ALL


def allow(
    resource: str,
    actions: str | Iterable[str],
    roles: Mapping[Role, Scope] | Iterable[Role],
) -> list[Rule]:
    """Rules for several actions and roles at once.

    >>> [r.role.value for r in allow("vacancy", "read", [Role.OFFICER, Role.ADMIN])]
    ['officer', 'admin']
    >>> allow("client", ["read"], {Role.OFFICER: Scope.OWN})[0].scope.value
    'own'
    """
    action_list = [actions] if isinstance(actions, str) else list(actions)
    scoped = roles if isinstance(roles, Mapping) else dict.fromkeys(roles, Scope.ALL)
    return [Rule(resource, a, role, scope) for a in action_list for role, scope in scoped.items()]


@dataclass
class Policy:
    """The merged rules. ``scope()`` is the only question routes and services ask."""

    rules: list[Rule] = field(default_factory=list)
    consent: ConsentProvider = field(default_factory=DenyAllConsent)

    def __post_init__(self) -> None:
        self._table: dict[tuple[Role, str, str], Scope] = {}
        duplicates = []
        for rule in self.rules:
            key = (rule.role, rule.resource, rule.action)
            if key in self._table:
                duplicates.append(f"{rule.role.value} {rule.resource}:{rule.action}")
            self._table[key] = rule.scope
        if duplicates:
            raise ValueError("access policy declares a rule twice: " + ", ".join(duplicates))

    def scope(self, role: Role, resource: str, action: str) -> Scope | None:
        """The scope ``role`` has for ``action`` on ``resource``; ``None`` means denied."""
        return self._table.get((role, resource, action))

    def allows(self, role: Role, resource: str, action: str) -> bool:
        return (role, resource, action) in self._table

    def knows(self, resource: str, action: str) -> bool:
        """Whether any rule mentions (resource, action): guards naming unknown pairs are typos."""
        return any(r == resource and a == action for _, r, a in self._table)

    def pairs(self) -> set[tuple[str, str]]:
        return {(r, a) for _, r, a in self._table}
