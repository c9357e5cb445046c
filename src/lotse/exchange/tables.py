"""The tables an import writes, as Core tables, and the planning of one batch of an upsert."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from lotse.exchange.repository import Key
from lotse.models import (
    BenefitPeriod,
    Client,
    ClientOccupation,
    Employer,
    Household,
    JobStart,
    Officer,
    Programme,
    ProgrammeMembership,
    Proposal,
    Site,
    Team,
    Vacancy,
)

IMPORT_REASON = "import"
"""Reason recorded on programme memberships opened by an import."""

TableRow = dict[str, Any]


def _table(model: Any) -> sa.Table:
    table = model.__table__
    assert isinstance(table, sa.Table)
    return table


SITES_T, PROGRAMMES_T, TEAMS_T = _table(Site), _table(Programme), _table(Team)
OFFICERS_T, HOUSEHOLDS_T, EMPLOYERS_T = _table(Officer), _table(Household), _table(Employer)
CLIENTS_T, OCCUPATIONS_T = _table(Client), _table(ClientOccupation)
MEMBERSHIPS_T, VACANCIES_T = _table(ProgrammeMembership), _table(Vacancy)
PERIODS_T, JOB_STARTS_T, PROPOSALS_T = _table(BenefitPeriod), _table(JobStart), _table(Proposal)


def plan(
    existing: dict[Key, tuple[int, tuple[Any, ...]]],
    batch: list[TableRow],
    key: tuple[str, ...],
    columns: list[str],
) -> tuple[list[TableRow], list[tuple[TableRow, int]], list[tuple[TableRow, int]]]:
    """Split table rows into new ones, changed ones (with id) and unchanged ones (with id)."""
    new: list[TableRow] = []
    changed: list[tuple[TableRow, int]] = []
    same: list[tuple[TableRow, int]] = []
    for row in batch:
        found = existing.get(tuple(row[c] for c in key))
        if found is None:
            new.append(row)
        elif found[1] == tuple(row[c] for c in columns):
            same.append((row, found[0]))
        else:
            changed.append((row, found[0]))
    return new, changed, same
