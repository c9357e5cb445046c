"""API and form schemas for user accounts. Password hashes never leave the server."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from lotse.api.params import IdField
from lotse.domain.codes import Role

USERNAME = Field(
    min_length=2,
    max_length=64,
    pattern=r"^[a-z0-9][a-z0-9._-]*$",
    description="lower-case letters, digits, dot, dash, underscore",
)
PASSWORD = Field(min_length=12, max_length=1024, description="at least 12 characters")


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    display_name: str
    role: Role
    officer_id: int | None
    team_id: int | None
    agency: str | None
    locale: str
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None


class UserCreate(BaseModel):
    username: str = USERNAME
    display_name: str = Field(min_length=1, max_length=200)
    role: Role
    password: str = PASSWORD
    officer_id: IdField | None = None
    team_id: IdField | None = None
    agency: str | None = Field(default=None, max_length=64)
    locale: Literal["de", "en"] = "de"


class UserUpdate(BaseModel):
    display_name: str | None = Field(default=None, min_length=1, max_length=200)
    role: Role | None = None
    officer_id: IdField | None = None
    team_id: IdField | None = None
    agency: str | None = Field(default=None, max_length=64)
    locale: Literal["de", "en"] | None = None
    active: bool | None = None
    password: str | None = Field(default=None, min_length=12, max_length=1024)
    unlock: bool = Field(default=False, description="clear a lockout after failed logins")
