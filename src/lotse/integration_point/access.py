"""Who at which agency sees which part of a case: the consent provider and the case gate.

The rule, in one place: the agency that leads a case sees all of it; every other agency sees a
category of it (``DataCategory``) only while a consent of the person to share that category
with it is in force. The consent provider hands the rule to the access core as SQL
(``lotse.access.consent``), so the core's client list and client file obey it too, and every
read here goes through :func:`lotse.access.gate.open_client`, which logs reads and refusals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.access import gate
from lotse.access.principal import Access, Principal
from lotse.domain.agencies import Agency, DataCategory, category_of
from lotse.domain.codes import AuditAction, Role
from lotse.integration_point import repository as repo
from lotse.models import Client, IntegrationCase
from lotse.web.i18n import TIMEZONE


def today() -> date:
    """The date in Germany now: consents run by German calendar days."""
    return datetime.now(TIMEZONE).date()


def agency_of(principal: Principal) -> Agency | None:
    """The agency a user works for: partner agencies say so, everyone else is the Jobcenter."""
    if principal.role is Role.PARTNER_AGENCY:
        return Agency.parse(principal.agency)
    return Agency.JOBCENTER


@dataclass
class IntegrationPointConsent:
    """The consent provider of the access core (``Feature.consent_provider``).

    ``clock`` gives the day consents are checked for (tests may fix it); it is asked on every
    query, so a revocation or an expiry acts at once.
    """

    clock: Callable[[], date] = field(default=today)

    def shared_clients(self, principal: Principal, resource: str = "client") -> ColumnElement[bool]:
        agency = agency_of(principal)
        if agency is None:
            return sa.false()
        return repo.shared_with(agency, category_of(resource), self.clock())

    def held_elsewhere(self, principal: Principal) -> ColumnElement[bool]:
        agency = agency_of(principal)
        if agency is None:
            return sa.true()
        return Client.id.in_(repo.led_elsewhere(agency))


@dataclass(frozen=True)
class CaseSight:
    """What one agency may see of one person's case, and on which ground."""

    agency: Agency
    lead: bool
    categories: frozenset[DataCategory]
    consent_ids: dict[DataCategory, list[int]]

    def sees(self, category: DataCategory) -> bool:
        return category in self.categories

    def ground(self, category: DataCategory) -> dict[str, Any]:
        """For the audit entry: why this read was allowed."""
        if self.lead:
            return {"agency": self.agency.value, "as": "lead", "category": category.value}
        return {
            "agency": self.agency.value,
            "as": "consent",
            "category": category.value,
            "consent_ids": self.consent_ids.get(category, []),
        }

    def summary(self) -> dict[str, Any]:
        """For the audit entry of a page that shows several parts: which, and on which consents."""
        consent_ids = sorted({i for ids in self.consent_ids.values() for i in ids})
        return {"shown": sorted(c.value for c in self.categories), "consent_ids": consent_ids}


def sight(
    session: Session,
    principal: Principal,
    case: IntegrationCase | None,
    client_id: int,
    *,
    on: date,
) -> CaseSight:
    """The categories of ``client_id``'s case the principal's agency sees on ``on``."""
    agency = agency_of(principal)
    if agency is None:
        return CaseSight(Agency.JOBCENTER, False, frozenset(), {})
    lead = case is not None and case.lead_agency == agency
    if lead or (case is None and agency is Agency.JOBCENTER):
        # The lead sees its case; a Jobcenter client without a case is the Jobcenter's own.
        return CaseSight(agency, lead, frozenset(DataCategory), {})
    by_category: dict[DataCategory, list[int]] = {}
    for consent in repo.ConsentRepository(session).in_force(client_id, agency, on):
        for category in consent.category_set:
            by_category.setdefault(category, []).append(consent.id)
    return CaseSight(agency, False, frozenset(by_category), by_category)


def clock_of(access: Access) -> date:
    """The day the installed consent provider checks consents for."""
    clock = getattr(access.policy.consent, "clock", today)
    found = clock()
    assert isinstance(found, date)
    return found


@dataclass(frozen=True)
class OpenedCase:
    client: Client
    case: IntegrationCase | None
    sight: CaseSight


def open_case(
    session: Session,
    access: Access,
    client_id: int,
    *,
    action: AuditAction = AuditAction.READ,
    what: str,
    detail: dict[str, Any] | None = None,
    log_sight: bool = False,
) -> OpenedCase:
    """Open a person's case for ``access`` (its resource names the category read or changed).

    The gate checks the row scope (for partner agencies: lead or consent, by category), logs
    the read or change with the ground it rests on, and logs and refuses anything else.
    """
    case = repo.CaseRepository(session).of_client(client_id)
    principal = access.principal
    seen = sight(session, principal, case, client_id, on=clock_of(access))
    category = category_of(access.resource)
    client = gate.open_client(
        session,
        access,
        client_id,
        action=action,
        what=what,
        detail=seen.ground(category) | (seen.summary() if log_sight else {}) | (detail or {}),
    )
    return OpenedCase(client, case, seen)


def require_lead(session: Session, access: Access, opened: OpenedCase, *, what: str) -> None:
    """Only the lead agency changes the case itself; anyone else is refused (and logged)."""
    if opened.sight.lead or (opened.case is None and opened.sight.agency is Agency.JOBCENTER):
        return
    gate.deny_client(session, access, client_id=opened.client.id, what=what)
