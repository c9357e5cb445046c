"""Queries behind authentication: users by name, principals, API tokens."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.db.repository import Repository
from lotse.models import ApiToken, Officer, Team, User


class UserAuthRepository(Repository[User]):
    model = User

    def by_username(self, username: str) -> User | None:
        return self.find_by(username=username)

    def principal_row(self, user_id: int) -> sa.Row[User, int | None] | None:
        """The active user with the site their officer record or team belongs to."""
        site = sa.func.coalesce(Officer.site_id, Team.site_id)
        statement = (
            sa.select(User, site)
            .outerjoin(Officer, Officer.id == User.officer_id)
            .outerjoin(Team, Team.id == sa.func.coalesce(User.team_id, Officer.team_id))
            .where(User.id == user_id, User.active.is_(True))
        )
        return self.session.execute(statement).one_or_none()

    def team_of_officer(self, officer_id: int) -> int | None:
        return self.session.scalar(sa.select(Officer.team_id).where(Officer.id == officer_id))


class ApiTokenRepository(Repository[ApiToken]):
    model = ApiToken

    def valid_by_hash(self, token_hash: str, now: datetime) -> ApiToken | None:
        statement = self.select().where(
            ApiToken.token_hash == token_hash,
            ApiToken.revoked_at.is_(None),
            ApiToken.expires_at > now,
        )
        return self.session.scalars(statement).one_or_none()

    def revoke_all_of(self, user_id: int, now: datetime) -> int:
        result = self.session.execute(
            sa.update(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def session_repositories(session: Session) -> tuple[UserAuthRepository, ApiTokenRepository]:
    return UserAuthRepository(session), ApiTokenRepository(session)
