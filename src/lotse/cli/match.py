"""``lotse match``: propose vacancies to clients, train the hire model, audit, decide.

``lotse match --data DIR --out proposals.csv`` works on an exchange-format folder; the
subcommands ``train``, ``run``, ``audit`` work on the database (``train`` and ``audit`` also on
a folder with ``--data``), ``decide`` and ``outcome`` record what became of a proposal, as a
named user through the same access check and audit log as the web
(:mod:`lotse.proposals.service`).
"""

from __future__ import annotations

import csv
import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from lotse.cli._common import console, db_session, err_console, handle_errors, pct
from lotse.config import get_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lotse.access.principal import Access
    from lotse.matching.audit import AuditRow
    from lotse.matching.model import HireModel, TrainReport
    from lotse.matching.pipeline import MatchResult

app = typer.Typer(
    help="Matching: propose open vacancies to active clients, with a hire probability and "
    "reasons (on a folder with --data, or on the database with 'run').",
)

DataOpt = Annotated[
    Path | None, typer.Option("--data", help="exchange-format folder (clients.csv, ...)")
]
KOpt = Annotated[int, typer.Option("--per-client", min=1, help="K: most proposals per client")]
ROpt = Annotated[int, typer.Option("--per-opening", min=1, help="R: most proposals per opening")]
ModelOpt = Annotated[
    Path | None,
    typer.Option("--model", help="hire model file (default: lotse-hire-model.joblib in work_dir)"),
]


def _model_path(path: Path | None) -> Path:
    return path or get_settings().work_dir / "lotse-hire-model.joblib"


def _read(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    from lotse.exchange.reader import read_folder
    from lotse.exchange.schema import CLIENTS, HISTORY, HOUSEHOLDS, PROGRAMMES, VACANCIES

    # Households and programmes only because client rows point to them (they are validated).
    data = read_folder(folder, files=(PROGRAMMES, HOUSEHOLDS, CLIENTS, VACANCIES, HISTORY))
    for warning in data.warnings:
        err_console.print(f"[yellow]Warnung:[/] {warning}", highlight=False)
    return data.get(CLIENTS), data.get(VACANCIES), data.get(HISTORY)


def _train_rows(
    clients: list[dict[str, Any]], vacancies: list[dict[str, Any]], history: list[dict[str, Any]]
) -> tuple[HireModel, TrainReport]:
    from lotse.matching.features import client_table, vacancy_table
    from lotse.matching.model import train_hire_model
    from lotse.matching.pipeline import training_set

    ct, vt = client_table(clients), vacancy_table(vacancies)
    x, y, groups = training_set(ct, vt, history)
    model, report = train_hire_model(x, y, groups)
    report.extra["clients"] = [ct.ids[g] for g in groups]
    report.extra["y"] = y
    return model, report


def _fmt(v: float | None, digits: int = 3) -> str:
    return "–" if v is None else f"{v:.{digits}f}"


def _print_report(report: TrainReport) -> None:
    table = Table(title="Hire model (cross-validated by client)")
    for col in ("model", "proposals", "hires", "folds", "AUC", "Brier", "ECE"):
        table.add_column(col, justify="right" if col != "model" else "left")
    table.add_row(report.kind, str(report.rows), str(report.hires), str(report.folds),
                  _fmt(report.auc), _fmt(report.brier, 4), _fmt(report.ece, 4))  # fmt: skip
    table.add_row("prior (documented weights)", "", "", "", _fmt(report.prior_auc),
                  _fmt(report.prior_brier, 4), _fmt(report.prior_ece, 4))  # fmt: skip
    console.print(table)
    console.print(report.note, highlight=False)


def _print_result(result: MatchResult) -> None:
    s = result.stats
    console.print(
        f"{s['proposals']:,} proposals for {s['clients_proposed']:,} of "
        f"{s['eligible_clients']:,} clients ({s['eligible_vacancies']:,} open vacancies, "
        f"{s['candidate_pairs']:,} candidate pairs, {s['relaxed_clients']:,} searched wider); "
        f"expected hires {s['expected_hires']:.1f} (optimal, model {s['model']}); greedy "
        f"{s.get('greedy_expected_hires', 0):.1f}, gap {s.get('greedy_gap', 0):.2%}; "
        f"{s['seconds']['total']:.1f} s",
        highlight=False,
    )


def _propose(clients: list[dict[str, Any]], vacancies: list[dict[str, Any]], *,
             model: HireModel, k: int, r: int, today: date | None,
             exclude: set[tuple[str, str]]) -> MatchResult:  # fmt: skip
    from lotse.cli._common import progress
    from lotse.matching.pipeline import propose

    with progress() as bar:
        task = bar.add_task("Matching", total=None)
        return propose(
            clients, vacancies, model=model, per_client=k, per_opening=r, today=today,
            exclude=exclude, on_progress=lambda msg: bar.update(task, description=msg),
        )  # fmt: skip


def _write_csv(path: Path, proposals: list[dict[str, Any]]) -> None:
    """Write proposals.csv all at once (a temporary file renamed into place)."""
    from lotse.exchange.schema import PROPOSALS, format_row

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(PROPOSALS.column_names)
            for p in sorted(proposals, key=lambda p: (p["client_id"], p["vacancy_id"])):
                writer.writerow(format_row(PROPOSALS, p))
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@app.callback(invoke_without_command=True)
@handle_errors
def match(
    ctx: typer.Context,
    data: DataOpt = None,
    out: Annotated[Path, typer.Option("--out", help="proposals file to write")] = Path(
        "proposals.csv"
    ),
    per_client: KOpt = 3,
    per_opening: ROpt = 2,
    model_file: ModelOpt = None,
    today: Annotated[str | None, typer.Option(help="day of the run (ISO date)")] = None,
) -> None:
    """Propose the open vacancies of --data DIR to its active clients; write proposals.csv."""
    if ctx.invoked_subcommand is not None:
        return
    if data is None:
        console.print(ctx.get_help())
        raise typer.Exit(0)
    from lotse.matching.model import load_model

    clients, vacancies, history = _read(data)
    if model_file is not None:
        model = load_model(model_file)
    else:
        model, report = _train_rows(clients, vacancies, history)
        _print_report(report)
    day = date.fromisoformat(today) if today else None
    exclude = {(str(h["client_id"]), str(h["vacancy_id"])) for h in history}
    result = _propose(clients, vacancies, model=model, k=per_client, r=per_opening, today=day,
                      exclude=exclude)  # fmt: skip
    _write_csv(out, result.proposals)
    _print_result(result)
    console.print(f"→ {out}", highlight=False)


@app.command("train")
@handle_errors
def train_cmd(data: DataOpt = None, model_file: ModelOpt = None) -> None:
    """Train the hire model on the history (folder or database); report AUC and calibration."""
    from lotse.matching.model import save_model

    path = _model_path(model_file)
    if data is not None:
        model, report = _train_rows(*_read(data))
    else:
        from lotse.proposals import matcher

        with db_session() as session:
            training = matcher.train(session)
        model, report = training.model, training.report
    _print_report(report)
    save_model(model, path, report=report)
    console.print(f"Modell gespeichert: {path}", highlight=False)


@app.command("run")
@handle_errors
def run_cmd(per_client: KOpt = 3, per_opening: ROpt = 2, model_file: ModelOpt = None) -> None:
    """Propose on the database; proposals are stored as pending (source matcher)."""
    from lotse.matching.model import load_model
    from lotse.proposals import matcher

    path = _model_path(model_file)
    with db_session() as session:
        if path.is_file():
            model = load_model(path)
        else:
            training = matcher.train(session)
            _print_report(training.report)
            model = training.model
        result = matcher.run_matcher(session, model=model, per_client=per_client,
                                     per_opening=per_opening)  # fmt: skip
    _print_result(result)


_GROUP_DE = {"ukraine": "Ukraine", "asylum_countries": "Asylherkunftsländer", "other": "andere"}


def _print_audit(rows: list[AuditRow], report: TrainReport) -> None:
    table = Table(title="Fairness-Audit je Gruppe")
    table.add_column("Gruppe", no_wrap=True)
    for h in ("aktiv", "berecht.", "Vorschl.", "Quote", "Verh.", "Ø Score", "Ergebn.", "vorh.",
              "eingetr.", "ECE"):  # fmt: skip
        table.add_column(h, justify="right")
    for r in rows:
        flag = "[red]![/]" if r.impact_ratio < 0.8 and r.eligible >= 30 else ""
        table.add_row(
            _GROUP_DE.get(r.group, r.group), str(r.clients), str(r.eligible), str(r.proposed),
            pct(r.proposal_rate), f"{r.impact_ratio:.2f}{flag}", _fmt(r.mean_score),
            str(r.outcomes), _fmt(r.predicted_rate), _fmt(r.realised_rate), _fmt(r.ece),
        )  # fmt: skip
    from rich.console import Console

    Console(width=max(console.width, 110)).print(table)
    console.print(
        "Quote: Anteil der berechtigten Kund:innen (aktiv, mit Arbeitserlaubnis) mit Vorschlag; "
        "Verh.: Quote / beste Quote der Gruppen ab 30 Berechtigten (! unter 0,8); "
        "vorhergesagt out-of-fold "
        f"({report.kind}, {report.rows} Vorschläge mit Ergebnis). "
        "Herkunft und Geschlecht werden nur hier gelesen, nie für die Rangfolge.",
        highlight=False,
    )


@app.command("audit")
@handle_errors
def audit_cmd(data: DataOpt = None, per_client: KOpt = 3, per_opening: ROpt = 2) -> None:
    """Fairness audit per origin group and gender (folder with --data, else the database)."""
    from lotse.matching.audit import fairness_audit

    if data is None:
        from lotse.proposals import matcher

        with db_session() as session:
            rows, report = matcher.audit(session)
        _print_audit(rows, report)
        return
    clients, vacancies, history = _read(data)
    model, report = _train_rows(clients, vacancies, history)
    exclude = {(str(h["client_id"]), str(h["vacancy_id"])) for h in history}
    result = _propose(clients, vacancies, model=model, k=per_client, r=per_opening, today=None,
                      exclude=exclude)  # fmt: skip
    outcomes = [
        (c, float(p), int(y))
        for c, p, y in zip(report.extra["clients"], report.extra["oof"], report.extra["y"],
                           strict=True)
    ]  # fmt: skip
    _print_audit(fairness_audit(clients, result.proposals, outcomes), report)


UserOpt = Annotated[
    str,
    typer.Option(
        "--user", help="who decides: a Lotse user name (the same access check as on the web)"
    ),
]


def _access(session: Session, username: str, action: str) -> Access:
    """The proposal access of ``username`` as the web's guard would grant it."""
    from lotse.access.authentication import principal_for
    from lotse.access.gate import grant
    from lotse.access.repository import UserAuthRepository
    from lotse.api.app import build_policy
    from lotse.api.features import discover
    from lotse.errors import PermissionDenied

    user = UserAuthRepository(session).by_username(username)
    principal = principal_for(session, user.id) if user is not None else None
    if principal is None:
        raise PermissionDenied(f"no active user {username!r}")
    return grant(session, principal, build_policy(discover()), "proposal", action)


@app.command("decide")
@handle_errors
def decide_cmd(
    proposal_id: int,
    accept: Annotated[bool, typer.Option("--accept/--reject", help="accept or reject")],
    user: UserOpt,
    reason: Annotated[str | None, typer.Option(help="why (required for a rejection)")] = None,
) -> None:
    """Record a placement officer's decision on a proposal."""
    from lotse.domain.codes import ProposalDecision
    from lotse.proposals import service

    decision = ProposalDecision.ACCEPTED if accept else ProposalDecision.REJECTED
    with db_session() as session:
        access = _access(session, user, "decide")
        p = service.decide(
            session, access, proposal_id, decision=decision, reason=reason, now=datetime.now(UTC)
        )
        console.print(f"Vorschlag {p.id}: {p.decision.value}", highlight=False)


@app.command("outcome")
@handle_errors
def outcome_cmd(
    proposal_id: int,
    result: Annotated[str, typer.Argument(help="hired or not_hired")],
    user: UserOpt,
    on: Annotated[str | None, typer.Option(help="date of the outcome (ISO)")] = None,
) -> None:
    """Record whether an accepted proposal led to a hire (it then feeds the next training)."""
    from lotse.domain.codes import ProposalOutcome
    from lotse.errors import InvalidInput, Problem
    from lotse.proposals import service

    try:
        outcome = ProposalOutcome(result)
    except ValueError:
        raise InvalidInput(Problem("outcome", "must be hired or not_hired", value=result)) from None
    with db_session() as session:
        access = _access(session, user, "decide")
        p = service.record_outcome(
            session,
            access,
            proposal_id,
            outcome=outcome,
            on=date.fromisoformat(on) if on else date.today(),
        )
        console.print(f"Vorschlag {p.id}: {p.outcome.value if p.outcome else ''}")
