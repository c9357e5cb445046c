"""The matcher on the database: run it, train the hire model on the recorded outcomes, audit it.
Decisions and outcomes are recorded, access-checked and audit-logged, by
:mod:`lotse.proposals.service` (web, API and command line alike).

Services take a session, may flush and never commit; the CLI command (or request) commits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from lotse.domain.codes import ProposalDecision, ProposalSource
from lotse.models import Proposal
from lotse.proposals.repository import MatchingInputRepository, ProposalRepository

if TYPE_CHECKING:
    from lotse.matching.audit import AuditRow
    from lotse.matching.model import HireModel, TrainReport
    from lotse.matching.pipeline import MatchResult

_CLIENT_COLUMNS = (
    "status", "birth_year", "gender", "citizenship", "residence_status", "work_permitted",
    "german_level", "integration_course", "qualification", "degree_recognition",
    "experience_years", "plz", "lat", "lon", "max_commute_km", "hours", "driving_licence",
    "unemployed_since",
)  # fmt: skip
_VACANCY_COLUMNS = (
    "title", "kldb", "german_level_min", "plz", "lat", "lon", "hours", "openings",
    "driving_licence_required", "posted_on", "status",
)  # fmt: skip


def client_rows(session: Session, *, caseload_only: bool = False) -> list[dict[str, Any]]:
    """Clients as exchange-format rows (``client_id`` = the client's ref, ``target_kldb``);
    ``caseload_only``: the Jobcenter's caseload
    (:func:`lotse.registry.repository.in_jobcenter_caseload`)."""
    repo = MatchingInputRepository(session)
    targets: dict[int, list[str]] = defaultdict(list)
    for client_id, kldb in session.execute(repo.occupations()):
        targets[client_id].append(kldb)
    rows = []
    for c in session.scalars(repo.clients(caseload_only=caseload_only)):
        row: dict[str, Any] = {k: getattr(c, k) for k in _CLIENT_COLUMNS}
        row["client_id"] = c.ref
        row["target_kldb"] = targets.get(c.id, [])
        rows.append(row)
    return rows


def vacancy_rows(session: Session, *, open_only: bool = False) -> list[dict[str, Any]]:
    """Vacancies as exchange-format rows (``vacancy_id`` = the vacancy's ref)."""
    repo = MatchingInputRepository(session)
    rows = []
    for v in session.scalars(repo.vacancies(open_only=open_only)):
        row: dict[str, Any] = {k: getattr(v, k) for k in _VACANCY_COLUMNS}
        row["vacancy_id"] = v.ref
        rows.append(row)
    return rows


def history_rows(session: Session) -> list[dict[str, Any]]:
    """Every proposal with a known outcome (imported history and decided proposals)."""
    return [
        {"client_id": c, "vacancy_id": v, "proposed_on": on, "outcome": outcome}
        for c, v, on, outcome in session.execute(ProposalRepository(session).with_outcome())
    ]


@dataclass
class Training:
    model: HireModel
    report: TrainReport
    clients: list[dict[str, Any]]


def train(session: Session, *, seed: int = 0) -> Training:
    """Train the hire model on every proposal with an outcome held in the database."""
    from lotse.matching.features import client_table, vacancy_table
    from lotse.matching.model import train_hire_model
    from lotse.matching.pipeline import training_set

    clients = client_rows(session)
    ct, vt = client_table(clients), vacancy_table(vacancy_rows(session))
    x, y, groups = training_set(ct, vt, history_rows(session))
    model, report = train_hire_model(x, y, groups, seed=seed)
    report.extra["clients"] = [ct.ids[g] for g in groups]
    report.extra["y"] = y
    return Training(model, report, clients)


def run_matcher(
    session: Session,
    *,
    model: HireModel,
    per_client: int = 3,
    per_opening: int = 2,
    today: date | None = None,
) -> MatchResult:
    """Propose open vacancies to the Jobcenter's caseload and store the proposals as pending
    (source ``matcher``). Pairs proposed before are not proposed again, and open proposals
    (pending, or accepted and awaiting the outcome) count against K per client and R per
    opening."""
    from lotse.matching.pipeline import propose

    today = today or date.today()
    repo = ProposalRepository(session)
    exclude = {(c, v) for c, v in session.execute(repo.pairs())}
    per_client_q, per_vacancy_q = repo.pending_counts()
    result = propose(
        client_rows(session, caseload_only=True), vacancy_rows(session, open_only=True),
        model=model, per_client=per_client, per_opening=per_opening, today=today,
        exclude=exclude, pending_per_client=dict(session.execute(per_client_q).all()),
        pending_per_vacancy=dict(session.execute(per_vacancy_q).all()),
    )  # fmt: skip
    client_q, vacancy_q = MatchingInputRepository(session).ids_by_ref()
    client_id: dict[str, int] = dict(session.execute(client_q).all())
    vacancy_id: dict[str, int] = dict(session.execute(vacancy_q).all())
    session.add_all(
        Proposal(
            client_id=client_id[p["client_id"]], vacancy_id=vacancy_id[p["vacancy_id"]],
            proposed_on=today, source=ProposalSource.MATCHER, score=p["score"],
            rank=p["rank"], reasons=p["reasons"], decision=ProposalDecision.PENDING,
        )
        for p in result.proposals
    )  # fmt: skip
    session.flush()
    return result


def audit(session: Session, *, seed: int = 0) -> tuple[list[AuditRow], TrainReport]:
    """The fairness audit on the database: proposal rates of the pending matcher proposals
    among the Jobcenter's caseload (the people the matcher may propose), and predicted
    (out-of-fold) vs realised hire rates of every proposal with an outcome."""
    from lotse.matching.audit import fairness_audit

    training = train(session, seed=seed)
    report = training.report
    outcomes = [
        (c, float(p), int(h))
        for c, p, h in zip(report.extra["clients"], report.extra["oof"], report.extra["y"],
                           strict=True)
    ]  # fmt: skip
    proposals = [
        {"client_id": c, "score": s or 0.0}
        for c, s in session.execute(ProposalRepository(session).by_matcher())
    ]
    pool = {str(r["client_id"]) for r in client_rows(session, caseload_only=True)}
    return fairness_audit(training.clients, proposals, outcomes, pool=pool), report
