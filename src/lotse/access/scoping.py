"""Row scopes as SQL conditions on clients, so lists and single reads use the same rule."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from lotse.access.consent import ConsentProvider, DenyAllConsent
from lotse.access.policy import Scope
from lotse.access.principal import Principal
from lotse.domain.codes import ProposalDecision
from lotse.models import Client, Officer, Proposal


def client_condition(
    principal: Principal,
    scope: Scope,
    consent: ConsentProvider | None = None,
    resource: str = "client",
) -> ColumnElement[bool]:
    """The clients ``principal`` reaches within ``scope`` (``AGGREGATE``: none individually).

    ``resource`` is the policy resource being read; the consent provider may share some kinds
    of data of a client and not others.
    """
    consent = consent or DenyAllConsent()
    if scope in (Scope.OWN, Scope.TEAM):
        # Cases another agency leads stay out of the Jobcenter's scopes unless shared.
        own = _own_scope(principal, scope)
        return sa.and_(
            own,
            sa.or_(
                sa.not_(consent.held_elsewhere(principal)),
                consent.shared_clients(principal, resource),
            ),
        )
    if scope is Scope.ALL:
        return sa.true()
    if scope is Scope.PROPOSED:
        accepted = sa.select(Proposal.client_id).where(
            Proposal.decision == ProposalDecision.ACCEPTED
        )
        return Client.id.in_(accepted)
    if scope is Scope.CONSENTED:
        return consent.shared_clients(principal, resource)
    return sa.false()


def _own_scope(principal: Principal, scope: Scope) -> ColumnElement[bool]:
    if scope is Scope.OWN:
        if principal.officer_id is None:
            return sa.false()
        return Client.officer_id == principal.officer_id
    if principal.team_id is None:
        return sa.false()
    team_officers = sa.select(Officer.id).where(Officer.team_id == principal.team_id)
    in_team = Client.officer_id.in_(team_officers)
    if principal.site_id is None:
        return in_team
    # Unassigned clients at the team's site: the team lead hands them out.
    return sa.or_(
        in_team, sa.and_(Client.officer_id.is_(None), Client.site_id == principal.site_id)
    )
