"""Base repository: every query lives in a repository; services call them with a session."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.db.base import Base
from lotse.errors import NotFound

ModelT = TypeVar("ModelT", bound=Base)


class Repository(Generic[ModelT]):
    """Queries for one model. Subclasses add named statements that callers can narrow."""

    model: type[ModelT]

    def __init__(self, session: Session) -> None:
        self.session = session

    def select(self) -> sa.Select[ModelT]:
        return sa.select(self.model)

    def get(self, id_: int) -> ModelT:
        """The row with primary key ``id_``; raises NotFound."""
        obj = self.session.get(self.model, id_)
        if obj is None:
            raise NotFound(f"{self.model.__name__} {id_} not found")
        return obj

    def get_by(self, **filters: Any) -> ModelT:
        """The one row matching ``filters``; raises NotFound."""
        obj = self.session.scalars(self.select().filter_by(**filters)).one_or_none()
        if obj is None:
            what = ", ".join(f"{k}={v!r}" for k, v in filters.items())
            raise NotFound(f"{self.model.__name__} with {what} not found")
        return obj

    def find_by(self, **filters: Any) -> ModelT | None:
        return self.session.scalars(self.select().filter_by(**filters)).one_or_none()

    def all(self, statement: sa.Select[ModelT] | None = None) -> Sequence[ModelT]:
        return self.session.scalars(statement if statement is not None else self.select()).all()

    def count(self, statement: sa.Select[Any] | None = None) -> int:
        base = statement if statement is not None else self.select()
        return int(
            self.session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
        )

    def add(self, obj: ModelT) -> ModelT:
        self.session.add(obj)
        self.session.flush()
        return obj
