"""Proposals in the database (SQLite and PostgreSQL): the matcher's run, officers' decisions,
outcomes, and outcomes flowing back into the hire model's training data."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from lotse.access.gate import grant
from lotse.access.principal import Access, Principal
from lotse.api.app import build_policy
from lotse.api.features import discover
from lotse.cli.main import app
from lotse.db.engine import get_engine, session_scope
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    AuditAction,
    ProposalDecision,
    ProposalOutcome,
    ProposalSource,
    Role,
    VacancyStatus,
)
from lotse.errors import InvalidInput, InvalidTransition, PermissionDenied
from lotse.matching.model import PriorModel
from lotse.models import AuditEntry, Client, Proposal, User
from lotse.proposals import matcher, service
from tests.factories import make_client, make_site, make_team, make_user, make_vacancy

DAY = date(2026, 3, 2)


def _access(session: Session) -> Access:
    """The market's team lead (scope: the team's and the site's unassigned clients), who may
    decide its proposals; created on first use."""
    site_id = session.scalars(sa.select(Client.site_id)).first()
    user = session.scalar(sa.select(User).where(User.username == "leitung"))
    if user is None:
        team = make_team(session, site_id=site_id)
        user = make_user(session, role=Role.TEAM_LEAD, username="leitung", team=team)
    principal = Principal(user_id=user.id, username=user.username, display_name="Leitung",
                          role=Role.TEAM_LEAD, team_id=user.team_id, site_id=site_id)  # fmt: skip
    return grant(session, principal, build_policy(discover()), "proposal", "decide")


def _decide(session: Session, proposal_id: int, *, accepted: bool, reason: str | None = None
            ) -> Proposal:  # fmt: skip
    decision = ProposalDecision.ACCEPTED if accepted else ProposalDecision.REJECTED
    return service.decide(session, _access(session), proposal_id, decision=decision,
                          reason=reason, now=datetime(2026, 3, 2, 9, tzinfo=UTC))  # fmt: skip


def _outcome(session: Session, proposal_id: int, outcome: ProposalOutcome) -> Proposal:
    return service.record_outcome(session, _access(session), proposal_id, outcome=outcome, on=DAY)


def _market(session: Session) -> None:
    site = make_site(session)
    for i in range(3):
        make_client(session, site=site, ref=f"K{i}", occupations=["51312"],
                    german_level=CefrLevel.B1, max_commute_km=30)  # fmt: skip
    make_vacancy(session, ref="S1", kldb="51312", german_level_min=CefrLevel.A2, openings=1)
    make_vacancy(session, ref="S2", kldb="51322", german_level_min=CefrLevel.A2, openings=1)
    make_vacancy(session, ref="S3", kldb="51312", status=VacancyStatus.CLOSED)


def test_the_matcher_stores_pending_proposals_and_never_repeats_a_pair(session: Session) -> None:
    _market(session)
    result = matcher.run_matcher(session, model=PriorModel(), per_client=2, per_opening=1,
                                 today=DAY)  # fmt: skip
    rows = session.scalars(sa.select(Proposal)).all()
    # Two open vacancies with one opening each and R = 1: two proposals in all.
    assert len(rows) == len(result.proposals) == 2
    assert {r.source for r in rows} == {ProposalSource.MATCHER}
    assert {r.decision for r in rows} == {ProposalDecision.PENDING}
    assert all(r.reasons and r.score and r.rank == 1 for r in rows)
    # Both vacancies already hold their one pending proposal (R = 1): a second run adds none.
    again = matcher.run_matcher(session, model=PriorModel(), per_client=2, per_opening=1,
                                today=DAY)  # fmt: skip
    assert again.proposals == []
    # Once one is rejected, its vacancy has room again, but not for the same client.
    rejected = rows[0]
    _decide(session, rejected.id, accepted=False, reason="kein Interesse")
    third = matcher.run_matcher(session, model=PriorModel(), per_client=2, per_opening=1,
                                today=DAY)  # fmt: skip
    assert len(third.proposals) == 1
    ref = {c.id: c.ref for c in session.scalars(sa.select(Client))}
    assert third.proposals[0]["client_id"] != ref[rejected.client_id]


def test_an_officer_accepts_or_rejects_with_a_reason_and_decides_only_once(
    session: Session,
) -> None:
    _market(session)
    matcher.run_matcher(session, model=PriorModel(), per_client=1, per_opening=1, today=DAY)
    first, second = session.scalars(sa.select(Proposal).order_by(Proposal.id)).all()
    with pytest.raises(InvalidInput, match="needs a reason"):
        _decide(session, first.id, accepted=False, reason="  ")
    _decide(session, first.id, accepted=False, reason="Kinderbetreuung erst ab Mai")
    assert first.decision == ProposalDecision.REJECTED
    assert first.decision_reason == "Kinderbetreuung erst ab Mai"
    assert first.decided_at is not None
    with pytest.raises(InvalidTransition, match="was already rejected"):
        _decide(session, first.id, accepted=True)
    _decide(session, second.id, accepted=True)
    assert second.decision == ProposalDecision.ACCEPTED
    with pytest.raises(InvalidTransition, match="only an accepted proposal"):
        _outcome(session, first.id, ProposalOutcome.HIRED)


def test_outcomes_of_accepted_proposals_become_training_data(session: Session) -> None:
    _market(session)
    matcher.run_matcher(session, model=PriorModel(), per_client=1, per_opening=1, today=DAY)
    assert matcher.history_rows(session) == []
    proposals = session.scalars(sa.select(Proposal).order_by(Proposal.id)).all()
    for p in proposals:
        _decide(session, p.id, accepted=True)
    _outcome(session, proposals[0].id, ProposalOutcome.HIRED)
    with pytest.raises(InvalidTransition, match="already has the outcome"):
        _outcome(session, proposals[0].id, ProposalOutcome.NOT_HIRED)
    history = matcher.history_rows(session)
    assert len(history) == 1
    assert history[0]["outcome"] == ProposalOutcome.HIRED
    training = matcher.train(session)
    # One proposal with an outcome is far too little to learn from: the prior, trained on 1 row.
    assert training.report.rows == 1
    assert training.report.hires == 1
    assert training.model.kind == "prior"


def test_match_run_decide_and_outcome_from_the_command_line(database_url: str) -> None:
    with session_scope(get_engine(database_url)) as s:
        _market(s)
        team = make_team(s, site_id=s.scalars(sa.select(Client.site_id)).first())
        make_user(s, role=Role.TEAM_LEAD, username="leitung", team=team)
        make_user(s, role=Role.CONTROLLING, username="controlling")
    runner = CliRunner()
    result = runner.invoke(app, ["match", "run", "--per-client", "1", "--per-opening", "1",
                                 "--model", "/nonexistent/model.joblib"])  # fmt: skip
    assert result.exit_code == 0, result.output
    with session_scope(get_engine(database_url)) as s:
        ids = s.scalars(sa.select(Proposal.id).order_by(Proposal.id)).all()
    assert len(ids) == 2
    lead = ["--user", "leitung"]
    result = runner.invoke(app, ["match", "decide", str(ids[0]), "--reject", *lead])
    assert result.exit_code == 2  # a rejection without reason is invalid input
    # Controlling sees aggregates only: refused, and the refusal is on record.
    result = runner.invoke(app, ["match", "decide", str(ids[0]), "--accept",
                                 "--user", "controlling"])  # fmt: skip
    assert result.exit_code == PermissionDenied.exit_code, result.output
    result = runner.invoke(app, ["match", "decide", str(ids[0]), "--accept", *lead])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["match", "outcome", str(ids[0]), "hired", *lead])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["match", "outcome", str(ids[1]), "hired", *lead])
    assert result.exit_code == 1  # still pending: no outcome yet
    with session_scope(get_engine(database_url)) as s:
        outcomes = s.scalars(sa.select(Proposal.outcome).order_by(Proposal.id)).all()
        decided_by = s.scalar(sa.select(Proposal.decided_by_id).where(Proposal.id == ids[0]))
        lead_id = s.scalar(sa.select(User.id).where(User.username == "leitung"))
        entries = s.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert outcomes == [ProposalOutcome.HIRED, None]
    assert decided_by == lead_id
    # As on the web: the decision and the outcome each write one change entry on the client.
    changes = [(e.actor, e.entity, e.detail.get("decision") or e.detail.get("outcome"))
               for e in entries if e.action is AuditAction.UPDATE]  # fmt: skip
    assert changes == [("leitung", "client", "accepted"), ("leitung", "client", "hired")]
    denied = [(e.actor, e.entity) for e in entries if e.action is AuditAction.DENIED]
    assert denied == [("controlling", "proposal")]
