"""The hook where a client's consent to share their case with a partner agency plugs in.

Partner agencies (Integration Point: employment agency, social office, immigration office) may
see the shared part of a case only with the client's consent. Until a feature provides a
:class:`ConsentProvider` (via ``Feature.consent_provider``), the default denies everything.

The provider answers two questions, both as SQL conditions on ``Client``:

* ``shared_clients(principal, resource)``: whose data of the kind ``resource`` names (a policy
  resource such as ``client`` or ``client.measures``) the principal's agency may see;
* ``held_elsewhere(principal)``: whose case another agency leads, so that the Jobcenter's own
  scopes (OWN, TEAM) leave them out unless ``shared_clients`` lets them in (§ 35 SGB I: the
  Sozialgeheimnis holds between agencies too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

if TYPE_CHECKING:
    from lotse.access.principal import Principal


class ConsentProvider(Protocol):
    """Answers which clients have consented to share their case with a principal's agency."""

    def shared_clients(self, principal: Principal, resource: str = "client") -> ColumnElement[bool]:
        """A SQL condition on ``Client`` rows: true for clients the principal may see."""
        ...

    def held_elsewhere(self, principal: Principal) -> ColumnElement[bool]:
        """A SQL condition on ``Client`` rows: true for cases another agency leads."""
        ...


class DenyAllConsent:
    """The default: no consent is recorded, so nothing is shared and nothing held elsewhere."""

    def shared_clients(self, principal: Principal, resource: str = "client") -> ColumnElement[bool]:
        return sa.false()

    def held_elsewhere(self, principal: Principal) -> ColumnElement[bool]:
        return sa.false()
