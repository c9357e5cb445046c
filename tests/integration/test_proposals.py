"""Proposals in the database (SQLite and PostgreSQL): the matcher's run, officers' decisions,
outcomes, and outcomes flowing back into the hire model's training data."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from lotse.cli.main import app
from lotse.db.engine import get_engine, session_scope
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import ProposalDecision, ProposalOutcome, ProposalSource, VacancyStatus
from lotse.errors import InvalidInput, InvalidTransition
from lotse.matching.model import PriorModel
from lotse.models import Client, Proposal
from lotse.proposals import matcher
from tests.factories import make_client, make_site, make_vacancy

DAY = date(2026, 3, 2)


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
    matcher.record_decision(session, rejected.id, accepted=False, reason="kein Interesse")
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
        matcher.record_decision(session, first.id, accepted=False, reason="  ")
    matcher.record_decision(session, first.id, accepted=False, reason="Kinderbetreuung erst ab Mai")
    assert first.decision == ProposalDecision.REJECTED
    assert first.decision_reason == "Kinderbetreuung erst ab Mai"
    assert first.decided_at is not None
    with pytest.raises(InvalidTransition, match="already decided"):
        matcher.record_decision(session, first.id, accepted=True)
    matcher.record_decision(session, second.id, accepted=True)
    assert second.decision == ProposalDecision.ACCEPTED
    with pytest.raises(InvalidTransition, match="only an accepted proposal"):
        matcher.record_outcome(session, first.id, ProposalOutcome.HIRED)


def test_outcomes_of_accepted_proposals_become_training_data(session: Session) -> None:
    _market(session)
    matcher.run_matcher(session, model=PriorModel(), per_client=1, per_opening=1, today=DAY)
    assert matcher.history_rows(session) == []
    proposals = session.scalars(sa.select(Proposal).order_by(Proposal.id)).all()
    for p in proposals:
        matcher.record_decision(session, p.id, accepted=True)
    matcher.record_outcome(session, proposals[0].id, ProposalOutcome.HIRED, on=DAY)
    with pytest.raises(InvalidTransition, match="already has the outcome"):
        matcher.record_outcome(session, proposals[0].id, ProposalOutcome.NOT_HIRED)
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
    runner = CliRunner()
    result = runner.invoke(app, ["match", "run", "--per-client", "1", "--per-opening", "1",
                                 "--model", "/nonexistent/model.joblib"])  # fmt: skip
    assert result.exit_code == 0, result.output
    with session_scope(get_engine(database_url)) as s:
        ids = s.scalars(sa.select(Proposal.id).order_by(Proposal.id)).all()
    assert len(ids) == 2
    result = runner.invoke(app, ["match", "decide", str(ids[0]), "--reject"])
    assert result.exit_code == 2  # a rejection without reason is invalid input
    result = runner.invoke(app, ["match", "decide", str(ids[0]), "--accept"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["match", "outcome", str(ids[0]), "hired"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["match", "outcome", str(ids[1]), "hired"])
    assert result.exit_code == 1  # still pending: no outcome yet
    with session_scope(get_engine(database_url)) as s:
        outcomes = s.scalars(sa.select(Proposal.outcome).order_by(Proposal.id)).all()
    assert outcomes == [ProposalOutcome.HIRED, None]
