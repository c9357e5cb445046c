"""``lotse kooperationsplan``: the plan of a client (§ 15 SGB II), its steps and reviews."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from lotse.cli._common import console, db_session, handle_errors
from lotse.cli._measures_common import (
    NoteOption,
    OnOption,
    SiteOption,
    build,
    client_for,
    site_id,
    today_or,
)
from lotse.domain.measure_codes import PlanForm, StepResponsible
from lotse.errors import NotFound
from lotse.kooperationsplan import service
from lotse.kooperationsplan.schemas import PlanCreate, PlanRead, ReviewCreate, StepCreate, StepDone

app = typer.Typer(
    help="Kooperationsplan (§ 15 SGB II): goals, steps, six-monthly reviews.", no_args_is_help=True
)


@app.command("create")
@handle_errors
def create_cmd(
    client: str,
    goal: Annotated[list[str], typer.Option("--goal", help="a goal (repeat for more)")],
    agreed_on: Annotated[str | None, typer.Option("--agreed-on", help="default: today")] = None,
    potential_analysis_on: Annotated[
        str | None,
        typer.Option(
            "--potential-analysis-on", help="date of the Potenzialanalyse (default: agreed on)"
        ),
    ] = None,
    next_review_on: Annotated[
        str | None,
        typer.Option("--next-review-on", help="at the latest six months later (default)"),
    ] = None,
    form: Annotated[PlanForm, typer.Option()] = PlanForm.AGREEMENT,
    note: NoteOption = None,
) -> None:
    """Agree a new plan (it replaces the plan in force)."""
    agreed = today_or(agreed_on, "--agreed-on")
    with db_session() as session:
        person = client_for(session, client, "kooperationsplan create", read=False)
        plan = service.create(
            session,
            person,
            build(
                PlanCreate,
                agreed_on=agreed,
                potential_analysis_on=potential_analysis_on or agreed,
                next_review_on=next_review_on,
                goals=goal,
                form=form,
                note=note,
            ),
        )
    console.print(
        f"Kooperationsplan {plan.id} für {client}, Überprüfung spätestens am {plan.next_review_on}"
    )


@app.command("add-step")
@handle_errors
def add_step_cmd(
    plan: int,
    text: Annotated[str, typer.Option()],
    by: Annotated[StepResponsible, typer.Option(help="who does it")],
    goal: Annotated[int | None, typer.Option(help="number of the goal (1, 2, ...)")] = None,
    due: Annotated[str | None, typer.Option(help="due date")] = None,
) -> None:
    """Agree a step: who does what by when."""
    with db_session() as session:
        step = service.add_step(
            session, plan, build(StepCreate, text=text, responsible=by, goal=goal, due_on=due)
        )
    console.print(f"Schritt {step.id} im Kooperationsplan {plan}")


@app.command("step-done")
@handle_errors
def step_done_cmd(step: int, on: OnOption = None) -> None:
    with db_session() as session:
        s = service.complete_step(session, step, build(StepDone, on=today_or(on)))
    console.print(f"Schritt {s.id} erledigt am {s.done_on}")


@app.command("review")
@handle_errors
def review_cmd(
    plan: int,
    on: OnOption = None,
    next_review_on: Annotated[str | None, typer.Option("--next")] = None,
    note: NoteOption = None,
) -> None:
    """A joint review; the next is due at the latest six months later."""
    with db_session() as session:
        r = service.review(
            session,
            plan,
            build(ReviewCreate, reviewed_on=today_or(on), next_review_on=next_review_on, note=note),
        )
    console.print(
        f"Kooperationsplan {plan} überprüft am {r.reviewed_on}, nächste Überprüfung "
        f"spätestens am {r.next_review_on}"
    )


@app.command("show")
@handle_errors
def show_cmd(client: str) -> None:
    """The client's plan in force."""
    with db_session() as session:
        person = client_for(session, client, "kooperationsplan show")
        plan = service.current(session, person)
        if plan is None:
            raise NotFound(f"{client} has no Kooperationsplan in force")
        data = PlanRead.model_validate(plan)
    console.print(
        f"[bold]Kooperationsplan {data.id}[/] für {client}: vereinbart am "
        f"{data.agreed_on} (Potenzialanalyse {data.potential_analysis_on}), "
        f"nächste Überprüfung {data.next_review_on}"
    )
    numbers = {g.id: g.position for g in data.goals}
    for g in data.goals:
        console.print(f"  Ziel {g.position}: {g.text}")
    table = Table("Schritt", "Ziel", "wer", "was", "bis", "erledigt")
    for s in data.steps:
        table.add_row(
            str(s.id),
            str(numbers.get(s.goal_id or 0, "")),
            s.responsible.value,
            s.text,
            s.due_on.isoformat() if s.due_on else "",
            s.done_on.isoformat() if s.done_on else "",
        )
    console.print(table)


@app.command("overdue")
@handle_errors
def overdue_cmd(on: OnOption = None, site: SiteOption = None) -> None:
    """Plans whose six-monthly review is overdue."""
    with db_session() as session:
        rows = service.overdue(session, on=today_or(on), site_id=site_id(session, site))
    table = Table("Plan", "Klient/in", "Überprüfung fällig", "überfällig")
    for r in rows:
        table.add_row(
            str(r.plan_id),
            r.client_ref,
            r.next_review_on.isoformat(),
            f"[red]{r.days_overdue} Tage[/]",
        )
    console.print(table)
    console.print(f"{len(rows)} überfällige Überprüfungen")
