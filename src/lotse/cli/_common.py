"""What every CLI command shares: the console, the database, error handling, progress bars."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lotse.config import get_settings
from lotse.db.engine import get_engine, session_scope
from lotse.db.migrate import upgrade
from lotse.errors import InvalidInput, LotseError

console = Console()
err_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")


def database_url() -> str:
    return get_settings().database_url


def engine() -> Engine:
    """The engine for ``LOTSE_DATABASE_URL``, with the schema brought up to date."""
    eng = get_engine(database_url())
    upgrade(eng)
    return eng


@contextmanager
def db_session() -> Iterator[Session]:
    """One transaction for one command: commits on success, rolls back on any error (audit
    entries marked to survive a rollback, such as a refused access, are written all the same,
    as for a web request)."""
    from lotse.access import audit

    with session_scope(engine()) as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            audit.replay_after_rollback(session)
            raise
        audit.forget_kept(session)


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn Lotse errors into a readable message and the error's exit code."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except InvalidInput as exc:
            err_console.print(f"[bold red]{len(exc.problems)} problem(s) found:[/]")
            for problem in exc.problems:
                err_console.print(f"  {problem}", markup=False, highlight=False, soft_wrap=True)
            err_console.print("Nothing was written.")
            raise typer.Exit(exc.exit_code) from None
        except LotseError as exc:
            err_console.print(f"[bold red]Error:[/] {exc.message}", highlight=False)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def progress() -> Progress:
    """A progress bar for long-running commands (written to stderr)."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=False,
    )


def pct(value: float | None, digits: int = 1, none: str = "–") -> str:
    """A share as German percent: ``0.125`` → ``12,5 %`` (``none`` when unknown)."""
    from lotse.controlling.report.fmt import number

    return none if value is None else number(100 * value, digits) + "\u00a0%"


def solver_text(status: str, gap: float) -> str:
    """``OPTIMAL``, or ``FEASIBLE`` with how far the solution may be from the optimum."""
    if status == "OPTIMAL":
        return status
    return f"{status} (Abstand zur Schranke höchstens {pct(gap)})"
