"""Logging in: password check with lockout, principals for sessions, API bearer tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from lotse.access import audit
from lotse.access.passwords import dummy_hash, hash_password, needs_rehash, verify_password
from lotse.access.principal import Principal
from lotse.access.repository import ApiTokenRepository, UserAuthRepository
from lotse.domain.codes import AuditAction
from lotse.models import ApiToken, User

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
TOKEN_PREFIX = "lotse_"  # noqa: S105 - a prefix, not a secret
TOKEN_TTL = timedelta(days=30)


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login attempt. ``user`` is set only on success."""

    user: User | None
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.user is not None


def auth_version(user: User) -> str:
    """A fingerprint of the password hash: a session made before a password change is void."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def authenticate(session: Session, username: str, password: str, *, now: datetime) -> LoginResult:
    """Check a password, count failures, lock the account after ``MAX_FAILURES`` in a row.

    While locked, even the right password fails. Every attempt is audit-logged. The caller
    must commit even on failure (the counters are the point), so this never raises.
    """
    users = UserAuthRepository(session)
    user = users.by_username(username)
    if user is None or not user.active:
        verify_password(dummy_hash(), password)  # same work as for a real user
        audit.record(
            session,
            principal=None,
            action=AuditAction.LOGIN_FAILED,
            entity="user",
            actor=username or "anonymous",
            detail={"reason": "unknown_or_inactive"},
        )
        return LoginResult(None)
    if user.locked_until is not None and user.locked_until > now:
        audit.record(
            session,
            principal=None,
            action=AuditAction.LOGIN_FAILED,
            entity="user",
            entity_id=user.id,
            actor=user.username,
            detail={"reason": "locked"},
        )
        return LoginResult(None, locked_until=user.locked_until)
    if not verify_password(user.password_hash, password):
        user.failed_logins += 1
        reason = "wrong_password"
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
            reason = "locked_now"
        audit.record(
            session,
            principal=None,
            action=AuditAction.LOGIN_FAILED,
            entity="user",
            entity_id=user.id,
            actor=user.username,
            detail={"reason": reason},
        )
        session.flush()
        return LoginResult(None, locked_until=user.locked_until)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record(
        session,
        principal=None,
        action=AuditAction.LOGIN,
        entity="user",
        entity_id=user.id,
        actor=user.username,
    )
    session.flush()
    return LoginResult(user)


def principal_for(session: Session, user_id: int) -> Principal | None:
    """The principal of an active user (``None`` if unknown or deactivated)."""
    row = UserAuthRepository(session).principal_row(user_id)
    if row is None:
        return None
    user, site_id = row
    team_id = user.team_id
    if team_id is None and user.officer_id is not None:
        team_id = UserAuthRepository(session).team_of_officer(user.officer_id)
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        officer_id=user.officer_id,
        team_id=team_id,
        site_id=site_id,
        agency=user.agency,
        locale=user.locale,
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(
    session: Session, user: User, *, name: str, now: datetime, ttl: timedelta = TOKEN_TTL
) -> tuple[str, ApiToken]:
    """A new bearer token for ``user``. The secret is returned once and stored only hashed."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name[:100],
        token_hash=_digest(secret),
        created_at=now,
        expires_at=now + ttl,
    )
    ApiTokenRepository(session).add(token)
    audit.record(
        session,
        principal=None,
        action=AuditAction.CREATE,
        entity="api_token",
        entity_id=token.id,
        actor=user.username,
        detail={"name": token.name},
    )
    return secret, token


def token_owner(session: Session, secret: str, *, now: datetime) -> tuple[ApiToken, int] | None:
    """The valid token row and its user id for a presented secret."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = ApiTokenRepository(session).valid_by_hash(_digest(secret), now)
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        token.last_used_at = now  # coarse, so reads do not write on every request
    return token, token.user_id


def revoke_token(session: Session, secret: str, *, now: datetime) -> bool:
    found = token_owner(session, secret, now=now)
    if found is None:
        return False
    found[0].revoked_at = now
    session.flush()
    return True


def set_password(session: Session, user: User, password: str, *, now: datetime) -> None:
    """Store a new password hash, unlock the account and revoke its API tokens.

    Sessions made with the old password end too (see :func:`auth_version`).
    """
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    ApiTokenRepository(session).revoke_all_of(user.id, now)
    session.flush()
