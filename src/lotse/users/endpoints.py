"""REST endpoints for user accounts (administrators)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.users import service
from lotse.users.repository import UserRepository
from lotse.users.schemas import UserCreate, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", response_model=list[UserRead])
def list_users(
    session: SessionDep, access: Annotated[Access, Guard("user", "list")]
) -> list[UserRead]:
    """Every user account with its role."""
    repo = UserRepository(session)
    return [UserRead.model_validate(u) for u in repo.all(repo.listing())]


@router.post("", response_model=UserRead, status_code=201)
def create_user(
    body: UserCreate, session: SessionDep, access: Annotated[Access, Guard("user", "create")]
) -> UserRead:
    """Create an account (officers need their officer record, team leads a team)."""
    return UserRead.model_validate(service.create_user(session, body, principal=access.principal))


@router.get("/{user_id}", response_model=UserRead)
def read_user(
    user_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("user", "read")]
) -> UserRead:
    """One user account."""
    return UserRead.model_validate(UserRepository(session).get(user_id))


@router.patch("/{user_id}", response_model=UserRead)
def update_user(
    user_id: IdPath,
    body: UserUpdate,
    session: SessionDep,
    access: Annotated[Access, Guard("user", "update")],
) -> UserRead:
    """Change role, links, language, activity or password; or lift a lockout."""
    user = service.update_user(
        session, user_id, body, principal=access.principal, now=datetime.now(UTC)
    )
    return UserRead.model_validate(user)
