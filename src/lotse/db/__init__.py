"""Database plumbing: engine, sessions, declarative base, column types, base repository."""

from lotse.db.base import Base
from lotse.db.engine import create_engine_for, get_engine, session_scope

__all__ = ["Base", "create_engine_for", "get_engine", "session_scope"]
