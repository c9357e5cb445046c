"""Alembic environment: uses the connection Lotse hands over, else ``Settings.database_url``."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

import lotse.models  # noqa: F401  (registers every table)
from lotse.config import get_settings
from lotse.db.base import Base
from lotse.db.engine import create_engine_for

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        user_module_prefix="lotse.db.types.",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine_for(
        config.get_main_option("sqlalchemy.url") or get_settings().database_url
    )
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    context.configure(url=get_settings().database_url, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
