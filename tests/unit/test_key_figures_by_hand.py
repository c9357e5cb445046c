"""The key figures of a hand-built case, read from exchange-format files (CSV and Parquet).

The expected values are worked out by hand from the regulation in
``tests/controlling_expected.py``; the database runs of the same case are in
``tests/integration/test_key_figures_from_database.py``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from lotse.analytics.engine import FigureEngine
from lotse.exchange.reader import read_folder
from lotse.exchange.schema import IMPORT_ORDER
from lotse.exchange.schema_ext import EXTENSION_SPECS
from tests.controlling_case import write_exchange_folder
from tests.controlling_checks import assert_hand_figures, comparable, run_case


def test_the_hand_built_case_written_as_exchange_files_is_valid(tmp_path: Path) -> None:
    folder = write_exchange_folder(tmp_path / "case")
    data = read_folder(folder, files=(*IMPORT_ORDER, *EXTENSION_SPECS))
    assert len(data.rows["clients.csv"]) == 15
    assert len(data.rows["participations.csv"]) == 5


def test_key_figures_from_exchange_csv_files_match_the_hand_worked_values(
    tmp_path: Path,
) -> None:
    engine = FigureEngine()
    engine.load_folder(write_exchange_folder(tmp_path / "case"))
    assert_hand_figures(run_case(engine))


def test_key_figures_from_parquet_files_equal_those_from_csv_files(tmp_path: Path) -> None:
    csv_folder = write_exchange_folder(tmp_path / "csv")
    parquet_folder = tmp_path / "parquet"
    parquet_folder.mkdir()
    con = duckdb.connect()
    for path in csv_folder.glob("*.csv"):
        con.execute(
            f"COPY (SELECT * FROM read_csv('{path}', header = true, all_varchar = true)) "
            f"TO '{parquet_folder / (path.stem + '.parquet')}' (FORMAT parquet)"
        )
    from_csv, from_parquet = FigureEngine(), FigureEngine()
    from_csv.load_folder(csv_folder)
    from_parquet.load_folder(parquet_folder)
    results = run_case(from_parquet)
    assert_hand_figures(results)
    assert comparable(results) == comparable(run_case(from_csv))
