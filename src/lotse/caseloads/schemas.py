"""Caseload plans as they are shown, saved to a file and applied."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class OfficerLoadRead(BaseModel):
    officer_id: int = Field(description="negative for a planned post in a what-if")
    officer: str
    site: str
    programme: str | None
    clients: int
    units: int = Field(description="load units: a client under 25 weighs 2 in the regular service")
    capacity: int = Field(description="units at the target ratio for the officer's hours")
    weekly_hours: float
    ratio: float = Field(description="x of 1:x, clients (from-25 equivalents) per full-time post")
    target_ratio: int
    target: str
    utilisation: float = Field(description="units / capacity; 1.0 = at target")


class PoolRead(BaseModel):
    site: str
    programme: str | None
    target: str
    officers: int
    clients: int
    ratio: float = Field(description="clients (from-25 equivalents) per full-time post")
    officers_over_target: int


class ChangeRead(BaseModel):
    """A client whose officer changes (a reassignment or a first assignment) or who is left out."""

    client_id: int
    client_ref: str
    kind: str = Field(description="move, initial or unplaced")
    cause: str = Field(
        description="officer_left, site, programme, language, overload, make_room, balance, new"
    )
    from_officer_id: int | None
    from_officer: str | None
    to_officer_id: int | None
    to_officer: str | None
    reason: str


class CaseloadPlan(BaseModel):
    """An allocation, not yet written. ``apply`` writes it when nothing changed meanwhile."""

    model_config = ConfigDict(frozen=False)

    on: date
    scenario: str | None = None
    solver_status: str
    solver_gap: float = Field(
        default=0.0, description="relative gap to the proven bound; 0 when OPTIMAL"
    )
    changes: list[ChangeRead]
    stays: int
    loads_before: list[OfficerLoadRead]
    loads_after: list[OfficerLoadRead]
    pools_before: list[PoolRead]
    pools_after: list[PoolRead]
    planned_posts: list[str] = Field(default_factory=list)

    def causes(self) -> dict[str, int]:
        """Number of reassignments per cause."""
        counts: dict[str, int] = {}
        for c in self.moves:
            counts[c.cause] = counts.get(c.cause, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]))

    @property
    def moves(self) -> list[ChangeRead]:
        return [c for c in self.changes if c.kind == "move"]

    @property
    def initial(self) -> list[ChangeRead]:
        return [c for c in self.changes if c.kind == "initial"]

    @property
    def unplaced(self) -> list[ChangeRead]:
        return [c for c in self.changes if c.kind == "unplaced"]
