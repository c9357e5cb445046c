"""One error hierarchy for Lotse, turned into HTTP (API) and exit codes (CLI) in one place each."""

from __future__ import annotations

from dataclasses import dataclass


class LotseError(Exception):
    """Base of every error Lotse raises on purpose."""

    status_code: int = 400
    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(LotseError):
    status_code = 404


class PermissionDenied(LotseError):
    status_code = 403


class AuthenticationRequired(LotseError):
    status_code = 401


class Conflict(LotseError):
    status_code = 409


class InvalidTransition(Conflict):
    """A state change the rules do not allow (e.g. deciding a proposal twice)."""


class Infeasible(LotseError):
    """An optimisation or plan has no solution under the given constraints."""

    status_code = 422


@dataclass(frozen=True)
class Problem:
    """One broken rule in some input: where it is and what is wrong."""

    rule: str
    message: str
    file: str | None = None
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def location(self) -> str:
        parts = [p for p in (self.file, f"line {self.line}" if self.line else None) if p]
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        value = f" value {self.value!r}:" if self.value is not None else ""
        prefix = f"{where}:" if where else ""
        return f"{prefix}{value} {self.message} [{self.rule}]".strip()


class InvalidInput(LotseError):
    """Input that breaks one or more rules. Carries every problem found, not just the first."""

    status_code = 422
    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(rule="invalid", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        first = str(problems[0]) if problems else "invalid input"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)
