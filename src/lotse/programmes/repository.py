"""Queries for programmes."""

from __future__ import annotations

import sqlalchemy as sa

from lotse.db.repository import Repository
from lotse.models import Programme


class ProgrammeRepository(Repository[Programme]):
    model = Programme

    def listing(self) -> sa.Select[Programme]:
        return sa.select(Programme).order_by(Programme.name, Programme.id)

    def code_taken(self, code: str) -> bool:
        return (
            self.session.scalar(sa.select(Programme.id).where(Programme.code == code)) is not None
        )
