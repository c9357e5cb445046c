"""``lotse caseloads``: allocate clients to officers, what-ifs, apply a saved plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lotse.caseloads.schemas import CaseloadPlan
from lotse.cli._common import console, db_session, err_console, handle_errors, solver_text

app = typer.Typer(help="Caseload allocation at target ratios.", no_args_is_help=True)

OnOpt = Annotated[str | None, typer.Option("--on", help="reference date (default today)")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="save the plan as JSON for apply")]


def _print_plan(plan: CaseloadPlan, *, moves: int) -> None:
    title = f"Caseload-Plan zum {plan.on:%d.%m.%Y}" + (
        f" – {plan.scenario}" if plan.scenario else ""
    )
    console.rule(title)
    table = Table(title="Betreuungsschlüssel vorher → nachher")
    for col in (
        "Standort",
        "Programm",
        "Ziel",
        "Fachkräfte",
        "Kund:innen",
        "vorher 1:x",
        "nachher 1:x",
        "über Ziel",
    ):
        table.add_column(col)
    before = {(p.site, p.programme): p for p in plan.pools_before}
    for p in plan.pools_after:
        b = before.get((p.site, p.programme))
        officers = (
            f"{b.officers} → {p.officers}" if b and b.officers != p.officers else str(p.officers)
        )
        table.add_row(
            p.site,
            p.programme or "Regel",
            p.target,
            officers,
            str(p.clients),
            f"{b.ratio:.0f}" if b else "–",
            f"{p.ratio:.0f}",
            f"{b.officers_over_target if b else 0} → {p.officers_over_target}",
        )
    console.print(table)
    console.print(
        f"Umverteilungen: {len(plan.moves)}  |  Erstzuweisungen: {len(plan.initial)}  |  "
        f"ohne Fachkraft: {len(plan.unplaced)}  |  bleiben: {plan.stays}  |  "
        f"Solver: {solver_text(plan.solver_status, plan.solver_gap)}"
    )
    if plan.planned_posts:
        console.print("Geplante Stellen (nicht gespeichert): " + ", ".join(plan.planned_posts))
    if moves and plan.changes:
        shown = Table(title=f"Wer wechselt (erste {min(moves, len(plan.changes))})")
        for col in ("Kunde", "von", "zu", "Grund"):
            shown.add_column(col)
        for c in plan.changes[:moves]:
            shown.add_row(c.client_ref, c.from_officer or "–", c.to_officer or "–", c.reason)
        console.print(shown)


@app.command("plan")
@handle_errors
def plan_cmd(
    on: OnOpt = None,
    out: OutOpt = None,
    show: int = typer.Option(20, help="how many changes to list"),
) -> None:
    """Allocate every active client (optimisation) and show who moves and why; writes nothing."""
    what_if_cmd(on=on, out=out, show=show, add_officers=0, programme=None, site=None, without=None)


@app.command("what-if")
@handle_errors
def what_if_cmd(
    on: OnOpt = None,
    out: OutOpt = None,
    show: int = typer.Option(20, help="how many changes to list"),
    add_officers: int = typer.Option(0, "--add-officers", help="new full-time posts"),
    programme: str | None = typer.Option(
        None, help="programme of the new posts, e.g. joboffensive"
    ),
    site: str | None = typer.Option(None, help="site of the new posts (default: spread)"),
    without: Annotated[list[str] | None, typer.Option(help="officer ref taken out")] = None,
) -> None:
    """New ratios and who moves if posts are added or officers leave; writes nothing."""
    from lotse.caseloads.service import plan_caseloads

    with db_session() as session, err_console.status("Optimising caseloads ..."):
        plan = plan_caseloads(
            session,
            on=date.fromisoformat(on) if on else date.today(),
            add_officers=add_officers,
            programme=programme,
            site=site,
            without=without or [],
        )
    _print_plan(plan, moves=show)
    if out is not None:
        out.write_text(plan.model_dump_json(indent=1), encoding="utf-8")
        console.print(f"Plan gespeichert: {out}  (anwenden mit: lotse caseloads apply {out})")


@app.command("apply")
@handle_errors
def apply_cmd(path: Path) -> None:
    """Write a saved plan; refuses when any client's officer changed since it was made."""
    from lotse.caseloads.service import apply_plan

    plan = CaseloadPlan.model_validate_json(path.read_text(encoding="utf-8"))
    with db_session() as session:
        count = apply_plan(session, plan, actor="cli:caseloads apply")
    console.print(f"{count} Zuweisungen geschrieben ({len(plan.moves)} Umverteilungen).")
