"""The hook where a client's consent to share their case with a partner agency plugs in.

Partner agencies (Integration Point: employment agency, social office, immigration office) may
see the shared part of a case only with the client's consent. Lotse has no consent records yet;
until a feature provides a :class:`ConsentProvider` (via ``Feature.consent_provider``), the
default denies everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

if TYPE_CHECKING:
    from lotse.access.principal import Principal


class ConsentProvider(Protocol):
    """Answers which clients have consented to share their case with a principal's agency."""

    def shared_clients(self, principal: Principal) -> ColumnElement[bool]:
        """A SQL condition on ``Client`` rows: true for clients the principal may see."""
        ...


class DenyAllConsent:
    """The default: no consent is recorded, so nothing is shared."""

    def shared_clients(self, principal: Principal) -> ColumnElement[bool]:
        return sa.false()
