"""Test fixtures: both databases, a rolled-back transaction per test, fresh databases for CLI tests.

Every test that asks for ``engine``, ``session`` or ``database_url`` runs twice: on SQLite and on
PostgreSQL (``LOTSE_TEST_POSTGRES_URL``, default the local server's ``test`` database). Each test
run works in scratch databases of its own, so parallel workers and sessions never collide.
An unreachable PostgreSQL fails the run; it is never skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from lotse.db.engine import create_engine_for
from lotse.db.migrate import upgrade

POSTGRES_URL = os.environ.get(
    "LOTSE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", "postgresql"]


def _admin_engine() -> Engine:
    engine = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is unreachable at {POSTGRES_URL}: the suite needs it "
            f"(set LOTSE_TEST_POSTGRES_URL). {exc.orig}",
            pytrace=False,
        )
    return engine


def _create_pg_database(template: str | None = None) -> str:
    name = f"lotse_t_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        suffix = f' TEMPLATE "{template}"' if template else ""
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{suffix}'))
    admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(url: str) -> None:
    name = make_url(url).database
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated, empty PostgreSQL database used as template for fresh ones."""
    url = _create_pg_database()
    engine = create_engine_for(url)
    upgrade(engine)
    engine.dispose()
    yield make_url(url).database or ""
    _drop_pg_database(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file copied for fresh databases."""
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    engine = create_engine_for(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def _fresh_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / f"lotse-{uuid.uuid4().hex[:8]}.db"
        path.write_bytes(template.read_bytes())
        return f"sqlite:///{path}"
    return _create_pg_database(template=request.getfixturevalue("pg_template"))


@pytest.fixture(scope="session", params=BACKENDS)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A migrated database per backend, shared by the session; tests roll back their changes."""
    url = _fresh_url(request.param, tmp_path_factory.mktemp("db"), request)
    eng = create_engine_for(url)
    yield eng
    eng.dispose()
    if request.param == "postgresql":
        _drop_pg_database(url)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test."""
    connection = engine.connect()
    transaction = connection.begin()
    sess = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield sess
    finally:
        sess.close()
        if transaction.is_active:
            transaction.rollback()
        connection.close()


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A fresh migrated database (for commands that commit), set as LOTSE_DATABASE_URL."""
    from lotse.config import get_settings
    from lotse.db.engine import get_engine

    url = _fresh_url(request.param, tmp_path, request)
    monkeypatch.setenv("LOTSE_DATABASE_URL", url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield url
    get_engine(url).dispose()
    get_engine.cache_clear()
    get_settings.cache_clear()
    if request.param == "postgresql":
        _drop_pg_database(url)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = getattr(item, "fixturenames", ())
        if {"engine", "session", "database_url"} & set(names):
            item.add_marker(pytest.mark.db)


@pytest.fixture
def web(database_url: str) -> Iterator[object]:
    """The web application on a fresh seeded database (both backends); see tests/web.py."""
    from lotse.db.engine import get_engine
    from tests.web import build_web

    return build_web(get_engine(database_url))
