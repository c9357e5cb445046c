"""Every query of the exchange import: id maps, existing rows, bulk writes.

Written for volume: one query per table for an id map, existing rows fetched in batches of
:data:`CHUNK` keys (one array parameter on PostgreSQL), new rows written with ``COPY`` on
PostgreSQL and one driver-level ``executemany`` on SQLite, never one ORM object per row. The
export's statements live in :mod:`lotse.exchange.export_repository`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import islice
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from lotse.exchange.reader import KnownIds
from lotse.models import (
    BenefitPeriod,
    Client,
    ClientOccupation,
    Household,
    Programme,
    ProgrammeMembership,
    Site,
    Team,
    Vacancy,
)

CHUNK = 2000
"""Keys per ``IN (...)`` query and rows per write batch."""

T = TypeVar("T")
Key = tuple[Any, ...]


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size``.

    >>> list(chunks(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def any_of(
    column: sa.ColumnElement[Any] | orm.InstrumentedAttribute[Any],
    values: list[Any],
    *,
    postgres: bool,
) -> sa.ColumnElement[bool]:
    """``column IN (values)``; on PostgreSQL one array parameter instead of one per value.

    >>> from sqlalchemy.dialects import postgresql as pg
    >>> str(any_of(Client.ref, ["C1", "C2"], postgres=True).compile(dialect=pg.dialect()))
    'clients.ref = ANY (%(param_1)s::VARCHAR(64)[])'
    """
    expression = column.expression
    if postgres:
        return expression == sa.any_(sa.literal(values, postgresql.ARRAY(expression.type)))
    return expression.in_(values)


def _memo(processor: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """A bind processor that converts each distinct value once (dates, times and codes repeat)."""
    if processor is None:
        return None
    cache: dict[Any, Any] = {}

    def process(value: Any) -> Any:
        try:
            return cache[value]
        except KeyError:
            result = processor(value)
            if len(cache) < 50_000:
                cache[value] = result
            return result
        except TypeError:  # unhashable (JSON lists and objects)
            return processor(value)

    return process


class ExchangeRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"

    def _in(
        self, column: sa.ColumnElement[Any] | orm.InstrumentedAttribute[Any], values: list[Any]
    ) -> sa.ColumnElement[bool]:
        return any_of(column, values, postgres=self.postgres)

    # -- what the database already holds ------------------------------------------------------

    def known_ids(self) -> KnownIds:
        """The exchange ids rows of a folder may point to without defining them."""

        def refs(column: orm.InstrumentedAttribute[str]) -> set[str]:
            return set(self.session.scalars(sa.select(column)))

        return KnownIds(
            clients=refs(Client.ref),
            vacancies=refs(Vacancy.ref),
            households=refs(Household.ref),
            programmes=refs(Programme.code),
            sites=refs(Site.name),
        )

    def id_map(self, table: sa.Table, key: str) -> dict[str, int]:
        """Exchange id (or name/code) → primary key, for the whole table in one query."""
        stmt = sa.select(table.c[key], table.c.id)
        return dict(self.session.execute(stmt).all())

    def team_map(self) -> dict[tuple[int, str], int]:
        """(site id, team name) → team id."""
        stmt = sa.select(Team.site_id, Team.name, Team.id)
        return {(s, n): i for s, n, i in self.session.execute(stmt)}

    def existing(
        self, table: sa.Table, key: Sequence[str], columns: Sequence[str], first: Iterable[Any]
    ) -> dict[Key, tuple[int, tuple[Any, ...]]]:
        """Rows whose first key column is in ``first``: key → (id, values of ``columns``)."""
        cols = [table.c[c] for c in (*key, *columns)]
        found: dict[Key, tuple[int, tuple[Any, ...]]] = {}
        n = len(key)
        for batch in chunks(set(first)):
            stmt = sa.select(table.c.id, *cols).where(self._in(table.c[key[0]], batch))
            for row in self.session.execute(stmt):
                found[tuple(row[1 : n + 1])] = (row[0], tuple(row[n + 1 :]))
        return found

    def is_empty(self, table: sa.Table) -> bool:
        return self.session.execute(sa.select(table.c.id).limit(1)).first() is None

    def occupations(self, client_ids: Iterable[int]) -> dict[int, list[str]]:
        """Client id → its target KldB codes in file order."""
        found: dict[int, list[str]] = defaultdict(list)
        for batch in chunks(client_ids):
            stmt = (
                sa.select(ClientOccupation.client_id, ClientOccupation.kldb)
                .where(self._in(ClientOccupation.client_id, batch))
                .order_by(ClientOccupation.client_id, ClientOccupation.position)
            )
            for client_id, code in self.session.execute(stmt):
                found[client_id].append(code)
        return found

    def memberships(
        self, client_ids: Iterable[int], today: date
    ) -> list[tuple[int, int, int, date | None]]:
        """(id, client id, programme id, until) of open memberships and of those begun today."""
        m = ProgrammeMembership
        found: list[tuple[int, int, int, date | None]] = []
        for batch in chunks(client_ids):
            stmt = sa.select(m.id, m.client_id, m.programme_id, m.until).where(
                self._in(m.client_id, batch), sa.or_(m.until.is_(None), m.since == today)
            )
            found.extend(self.session.execute(stmt))
        return found

    def periods_of(self, client_refs: Iterable[str]) -> dict[str, list[tuple[date, date | None]]]:
        """Client exchange id → its benefit periods (start, end) in the database."""
        found: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
        for batch in chunks(client_refs):
            stmt = (
                sa.select(Client.ref, BenefitPeriod.start, BenefitPeriod.end)
                .join(Client, Client.id == BenefitPeriod.client_id)
                .where(self._in(Client.ref, batch))
            )
            for ref, start, end in self.session.execute(stmt):
                found[ref].append((start, end))
        return found

    # -- bulk writes ------------------------------------------------------------------------------

    def insert(self, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert ``rows`` (all with the same keys) as fast as the database allows.

        PostgreSQL: ``COPY ... FROM STDIN``; SQLite: one driver-level ``executemany``. Values go
        through the column types' own bind processors first, exactly as a Core insert would.
        """
        if not rows:
            return
        connection = self.session.connection()
        dialect = connection.dialect
        names = list(rows[0])
        processors = [
            _memo(table.c[n].type.dialect_impl(dialect).bind_processor(dialect)) for n in names
        ]
        values = [
            tuple(
                [row[n] if p is None else p(row[n]) for n, p in zip(names, processors, strict=True)]
            )
            for row in rows
        ]
        quote = dialect.identifier_preparer.quote
        target = (
            f"{dialect.identifier_preparer.format_table(table)} ({', '.join(map(quote, names))})"
        )
        if dialect.name == "postgresql":
            driver = connection.connection.driver_connection
            assert driver is not None
            with driver.cursor() as cursor, cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        elif dialect.paramstyle == "qmark":
            marks = ", ".join("?" * len(names))
            connection.exec_driver_sql(f"INSERT INTO {target} VALUES ({marks})", values)
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            self.session.execute(sa.insert(table), list(rows))

    def ids_of(self, table: sa.Table, key: str, values: Iterable[Any]) -> dict[Any, int]:
        """Key → primary key for the rows whose ``key`` is in ``values``."""
        found: dict[Any, int] = {}
        for batch in chunks(values):
            stmt = sa.select(table.c[key], table.c.id).where(self._in(table.c[key], batch))
            found.update(self.session.execute(stmt).all())
        return found

    def update(self, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """Update rows by primary key; each row holds ``id`` and the same other columns."""
        if not rows:
            return
        columns = [c for c in rows[0] if c != "id"]
        stmt = (
            sa.update(table)
            .where(table.c.id == sa.bindparam("b_id"))
            .values({c: sa.bindparam(f"b_{c}") for c in columns})
        )
        params = [{f"b_{k}": v for k, v in row.items()} for row in rows]
        self.session.execute(stmt, params)

    def delete_in(self, table: sa.Table, column: str, values: Iterable[Any]) -> None:
        for batch in chunks(values):
            self.session.execute(sa.delete(table).where(self._in(table.c[column], batch)))
