"""Creating and changing user accounts (from the admin pages, the API and the CLI)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from lotse.access import audit
from lotse.access.authentication import set_password
from lotse.access.passwords import hash_password, password_problems
from lotse.access.principal import Principal
from lotse.domain.codes import AuditAction, Role
from lotse.errors import Conflict, InvalidInput, Problem
from lotse.models import Officer, Team, User
from lotse.users.repository import UserRepository
from lotse.users.schemas import UserCreate, UserUpdate


def _check_links(
    session: Session, repo: UserRepository, values: dict[str, Any], user_id: int | None
) -> None:
    """Role-specific links: an officer account needs its officer, a team lead a team, …"""
    problems = []
    role = values["role"]
    officer_id, team_id = values.get("officer_id"), values.get("team_id")
    if officer_id is not None and session.get(Officer, officer_id) is None:
        problems.append(
            Problem(
                rule="unknown_officer",
                column="officer_id",
                message=f"officer {officer_id} does not exist",
            )
        )
    if team_id is not None and session.get(Team, team_id) is None:
        problems.append(
            Problem(rule="unknown_team", column="team_id", message=f"team {team_id} does not exist")
        )
    if role is Role.OFFICER and officer_id is None:
        problems.append(
            Problem(
                rule="officer_required",
                column="officer_id",
                message="a placement officer's account needs its officer record",
            )
        )
    if role is Role.TEAM_LEAD and team_id is None:
        problems.append(
            Problem(
                rule="team_required", column="team_id", message="a team lead's account needs a team"
            )
        )
    if role is Role.PARTNER_AGENCY and not values.get("agency"):
        problems.append(
            Problem(
                rule="agency_required",
                column="agency",
                message="a partner-agency account needs its agency",
            )
        )
    if problems:
        raise InvalidInput(problems)
    if officer_id is not None and repo.officer_taken(officer_id, except_user=user_id):
        raise Conflict(f"officer {officer_id} already has an account")


def create_user(
    session: Session, data: UserCreate, *, principal: Principal | None, actor: str | None = None
) -> User:
    repo = UserRepository(session)
    problems = password_problems(data.password)
    if problems:
        raise InvalidInput(problems)
    if repo.username_taken(data.username):
        raise Conflict(f"user {data.username} exists already")
    values = data.model_dump(exclude={"password"})
    _check_links(session, repo, values, None)
    user = repo.add(User(**values, password_hash=hash_password(data.password)))
    audit.record(
        session,
        principal=principal,
        actor=actor,
        action=AuditAction.CREATE,
        entity="user",
        entity_id=user.username,
        detail={"role": user.role.value},
    )
    return user


def update_user(
    session: Session,
    user_id: int,
    data: UserUpdate,
    *,
    principal: Principal | None,
    now: datetime,
    actor: str | None = None,
) -> User:
    repo = UserRepository(session)
    user = repo.get(user_id)
    changes = data.model_dump(exclude_unset=True, exclude={"password", "unlock"})
    for required in ("display_name", "role", "locale", "active"):
        if required in changes and changes[required] is None:
            raise InvalidInput(
                Problem(rule="required", column=required, message=f"{required} cannot be empty")
            )
    if (
        principal is not None
        and principal.user_id == user.id
        and (changes.get("active") is False or changes.get("role", user.role) is not user.role)
    ):
        raise Conflict("you cannot deactivate your own account or change your own role")
    merged = {k: getattr(user, k) for k in ("role", "officer_id", "team_id", "agency")} | changes
    _check_links(session, repo, merged, user.id)
    for key, value in changes.items():
        setattr(user, key, value)
    changed = sorted(changes)
    if data.password is not None:
        problems = password_problems(data.password)
        if problems:
            raise InvalidInput(problems)
        set_password(session, user, data.password, now=now)
        changed.append("password")
    if data.unlock:
        user.failed_logins, user.locked_until = 0, None
        changed.append("unlock")
    session.flush()
    audit.record(
        session,
        principal=principal,
        actor=actor,
        action=AuditAction.UPDATE,
        entity="user",
        entity_id=user.username,
        detail={"fields": changed},
    )
    return user
