"""The hand-built case in the database (SQLite and PostgreSQL) gives the hand-worked figures,
and an export of it to Parquet gives the same numbers as the database itself."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from lotse.analytics.engine import FigureEngine
from lotse.analytics.sources import write_parquet_folder
from lotse.controlling.repository import ControllingRepository
from tests.controlling_case import build_in_database, write_exchange_folder
from tests.controlling_checks import assert_hand_figures, comparable, run_case


def test_key_figures_from_the_database_match_the_hand_worked_values(session: Session) -> None:
    build_in_database(session)
    engine = FigureEngine()
    engine.load_arrow(ControllingRepository(session).load_tables())
    assert_hand_figures(run_case(engine))


def test_database_exported_files_and_exchange_files_give_identical_figures(
    session: Session, tmp_path: Path
) -> None:
    build_in_database(session)
    from_db = FigureEngine()
    from_db.load_arrow(ControllingRepository(session).load_tables())
    write_parquet_folder(from_db.con, tmp_path / "export")
    from_export, from_files = FigureEngine(), FigureEngine()
    from_export.load_folder(tmp_path / "export")
    from_files.load_folder(write_exchange_folder(tmp_path / "files"))
    expected = comparable(run_case(from_db))
    assert comparable(run_case(from_export)) == expected
    assert comparable(run_case(from_files)) == expected
