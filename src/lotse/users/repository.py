"""Queries for user accounts."""

from __future__ import annotations

import sqlalchemy as sa

from lotse.db.repository import Repository
from lotse.models import Officer, Team, User


class UserRepository(Repository[User]):
    model = User

    def listing(self) -> sa.Select[User]:
        return sa.select(User).order_by(User.username)

    def username_taken(self, username: str) -> bool:
        return self.session.scalar(sa.select(User.id).where(User.username == username)) is not None

    def officer_taken(self, officer_id: int, *, except_user: int | None = None) -> bool:
        statement = sa.select(User.id).where(User.officer_id == officer_id)
        if except_user is not None:
            statement = statement.where(User.id != except_user)
        return self.session.scalar(statement) is not None

    def officer_by_ref(self, ref: str) -> Officer | None:
        return self.session.scalars(sa.select(Officer).where(Officer.ref == ref)).one_or_none()

    def officers(self) -> list[tuple[int, str]]:
        rows = self.session.execute(
            sa.select(Officer.id, Officer.name, Officer.ref).order_by(Officer.name)
        )
        return [(i, f"{n} ({r})") for i, n, r in rows]

    def teams(self) -> list[tuple[int, str]]:
        rows = self.session.execute(sa.select(Team.id, Team.name).order_by(Team.name))
        return [(i, n) for i, n in rows]
