"""The export sorts text keys by code point on PostgreSQL whatever the database's collation."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from lotse.exchange.export_repository import ExportRepository
from lotse.exchange.schema import IMPORT_ORDER


def test_every_export_statement_orders_text_keys_with_the_c_collation_on_postgresql() -> None:
    # A German production server sorts "a1" before "B2" (de_DE); Python and SQLite sort "B2"
    # first. COLLATE "C" makes PostgreSQL sort like the generator that wrote the folder.
    engine = sa.create_engine("postgresql+psycopg://nobody@localhost/none")  # never connects
    repo = ExportRepository(Session(bind=engine))
    for spec in IMPORT_ORDER:
        sql = str(repo.statement(spec.name).compile(dialect=postgresql.dialect()))
        order_by = sql.split("ORDER BY", 1)[1]
        assert 'COLLATE "C"' in order_by, spec.name
