"""Queries for caseload allocation: officers with their programme, clients with theirs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.cefr import CefrLevel
from lotse.models import Client, Officer, Programme, ProgrammeMembership, Site, Team
from lotse.registry.repository import in_jobcenter_caseload


@dataclass(frozen=True, slots=True)
class OfficerRow:
    id: int
    ref: str
    name: str
    site_id: int
    programme: str | None
    languages: tuple[str, ...]
    weekly_hours: float
    active: bool


@dataclass(frozen=True, slots=True)
class ClientRow:
    id: int
    ref: str
    site_id: int
    officer_id: int | None
    birth_year: int | None
    german_level: CefrLevel | None
    languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProgrammeRow:
    id: int
    code: str
    name: str
    caseload_ratio: int | None
    contacts_per_month: float | None


class CaseloadRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def officers(self) -> list[OfficerRow]:
        stmt = (
            sa.select(
                Officer.id,
                Officer.ref,
                Officer.name,
                Officer.site_id,
                Programme.code,
                Officer.languages,
                Officer.weekly_hours,
                Officer.active,
            )
            .outerjoin(Team, Team.id == Officer.team_id)
            .outerjoin(Programme, Programme.id == Team.programme_id)
            .order_by(Officer.id)
        )
        return [
            OfficerRow(r[0], r[1], r[2], r[3], r[4], tuple(r[5] or ()), float(r[6]), bool(r[7]))
            for r in self.session.execute(stmt)
        ]

    def active_clients(self) -> list[ClientRow]:
        """The Jobcenter's caseload (:func:`~lotse.registry.repository.in_jobcenter_caseload`)."""
        stmt = (
            sa.select(
                Client.id,
                Client.ref,
                Client.site_id,
                Client.officer_id,
                Client.birth_year,
                Client.german_level,
                Client.languages,
            )
            .where(in_jobcenter_caseload())
            .order_by(Client.id)
        )
        return [
            ClientRow(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6] or ()))
            for r in self.session.execute(stmt)
        ]

    def memberships_on(self, on: date) -> dict[int, list[str]]:
        """Programme codes per client whose membership runs on ``on``."""
        stmt = (
            sa.select(ProgrammeMembership.client_id, Programme.code)
            .join(Programme, Programme.id == ProgrammeMembership.programme_id)
            .where(
                ProgrammeMembership.since <= on,
                sa.or_(ProgrammeMembership.until.is_(None), ProgrammeMembership.until >= on),
            )
        )
        result: dict[int, list[str]] = defaultdict(list)
        for client_id, code in self.session.execute(stmt):
            result[client_id].append(code)
        return result

    def programmes(self) -> dict[str, ProgrammeRow]:
        stmt = sa.select(
            Programme.id,
            Programme.code,
            Programme.name,
            Programme.caseload_ratio,
            Programme.contacts_per_month,
        )
        return {
            r[1]: ProgrammeRow(r[0], r[1], r[2], r[3], r[4]) for r in self.session.execute(stmt)
        }

    def sites(self) -> dict[int, tuple[str, str | None]]:
        """Site id to (name, state)."""
        return {
            r[0]: (r[1], r[2])
            for r in self.session.execute(sa.select(Site.id, Site.name, Site.state))
        }

    def current_officers(self, client_ids: list[int]) -> dict[int, int | None]:
        result: dict[int, int | None] = {}
        for chunk in range(0, len(client_ids), 5000):
            part = client_ids[chunk : chunk + 5000]
            stmt = sa.select(Client.id, Client.officer_id).where(Client.id.in_(part))
            result.update({r[0]: r[1] for r in self.session.execute(stmt)})
        return result

    def set_officers(self, officer_of: Mapping[int, int]) -> None:
        """Bulk update ``clients.officer_id``."""
        if not officer_of:
            return
        self.session.execute(
            sa.update(Client),
            [{"id": cid, "officer_id": oid} for cid, oid in officer_of.items()],
        )
