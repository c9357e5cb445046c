"""Shared parameter types: record ids within what both databases can store."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import Field

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER

IdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="record id")]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
IdField = Annotated[int, Field(ge=1, le=MAX_ID)]
