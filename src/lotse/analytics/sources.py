"""Read an exchange-format folder straight into the canonical tables, with DuckDB.

Each file may be CSV (``clients.csv``, as in ``docs/exchange-format.md``) or Parquet with the
same name and columns (``clients.parquet``); Parquet wins when both exist. Nothing is parsed
row by row in Python, so a folder with millions of rows loads in seconds. This is the one
engine-specific layer (``read_csv``/``read_parquet``, ``string_split``); the definitions that
follow are portable SQL.

A cell that does not fit its column's type raises :class:`~lotse.errors.InvalidInput` naming the
file; full validation (vocabularies, references) is the exchange reader's job
(:func:`lotse.exchange.reader.read_folder`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lotse.analytics.canonical import TABLES
from lotse.domain.programmes import BUILT_IN
from lotse.errors import InvalidInput, Problem

__all__ = ["load_exchange_folder", "write_parquet_folder"]

# canonical table -> (exchange file stem, {canonical column: exchange column})
_MAPPING: dict[str, tuple[str, dict[str, str]]] = {
    "clients": (
        "clients",
        {
            "client_id": "client_id",
            "site": "site",
            "officer_id": "officer_id",
            "citizenship": "citizenship",
            "gender": "gender",
            "household_id": "household_id",
        },
    ),
    "officers": (
        "officers",
        {"officer_id": "officer_id", "name": "name", "site": "site", "team": "team"},
    ),
    "households": (
        "households",
        {
            "household_id": "household_id",
            "single_parent": "single_parent",
            "size": "size",
            "monthly_benefit_eur": "monthly_benefit_eur",
            "monthly_housing_eur": "monthly_housing_eur",
        },
    ),
    "benefit_periods": (
        "benefit_periods",
        {
            "client_id": "client_id",
            "start_date": "start",
            "end_date": "end",
            "monthly_benefit_eur": "monthly_benefit_eur",
        },
    ),
    "job_starts": (
        "integrations",
        {
            "client_id": "client_id",
            "start_date": "start",
            "end_date": "end",
            "kind": "kind",
            "ends_benefit_need": "ends_benefit_need",
            "monthly_gross_eur": "monthly_gross_eur",
        },
    ),
    "programmes": (
        "programmes",
        {
            "programme": "programme",
            "name": "name",
            "kind": "kind",
            "contacts_per_month": "contacts_per_month",
            "caseload_ratio": "caseload_ratio",
        },
    ),
    "participations": (
        "participations",
        {
            "client_id": "client_id",
            "measure": "measure",
            "measure_name": "measure_name",
            "active_measure": "active_measure",
            "status": "status",
            "start_date": "start",
            "end_date": "end",
            "internship_start": "internship_start",
            "internship_end": "internship_end",
        },
    ),
    "assessments": (
        "assessments",
        {
            "client_id": "client_id",
            "assessed_on": "assessed_on",
            "reason": "reason",
            "review_on": "review_on",
            "closed_on": "closed_on",
        },
    ),
    "contacts": (
        "contacts",
        {
            "client_id": "client_id",
            "officer_id": "officer_id",
            "contact_date": "date",
            "status": "status",
            "channel": "channel",
        },
    ),
}

REQUIRED = ("clients", "benefit_periods")


def _reader(folder: Path, stem: str) -> tuple[str, Path] | None:
    parquet, csv = folder / f"{stem}.parquet", folder / f"{stem}.csv"
    if parquet.exists():
        return f"read_parquet('{_quote(parquet)}')", parquet
    if csv.exists():
        return f"read_csv('{_quote(csv)}', header = true, all_varchar = true)", csv
    return None


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _columns(con: Any, reader: str, path: Path) -> set[str]:
    import duckdb

    try:
        return {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()}
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        raise InvalidInput(Problem("csv", f"cannot read {path.name}: {message}",
                                   file=path.name)) from None  # fmt: skip


def _create(con: Any, table: str, body: str, path: Path | None) -> None:
    import duckdb

    try:
        con.execute(f"CREATE OR REPLACE TABLE {table} AS {body}")
    except duckdb.Error as exc:
        where = path.name if path else table
        message = str(exc).splitlines()[0]
        raise InvalidInput(Problem("type", f"cannot read {where}: {message}", file=where)) from None


def load_exchange_folder(con: Any, folder: Path) -> None:
    r"""Create every canonical table in ``con`` from the files in ``folder``.

    Missing optional files give empty tables; missing optional columns give NULLs. The
    ``memberships`` table comes from the ``programmes`` list of ``clients`` (undated), and
    ``programmes`` adds Lotse's built-in programmes that the folder does not define.

    Examples
    --------
    >>> import tempfile, duckdb
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "clients.csv").write_text("client_id,site,status,programmes\n"
    ...                                         "a,Borken,active,job_turbo\n")
    >>> _ = (folder / "benefit_periods.csv").write_text("client_id,start,end\na,2024-01-01,\n")
    >>> con = duckdb.connect()
    >>> load_exchange_folder(con, folder)
    >>> con.execute("SELECT client_id, start_date, end_date FROM benefit_periods").fetchall()
    [('a', datetime.date(2024, 1, 1), None)]
    >>> con.execute("SELECT programme, client_id FROM memberships").fetchall()
    [('job_turbo', 'a')]
    """
    if not folder.is_dir():
        raise InvalidInput(Problem("folder", f"{folder} is not a folder", file=str(folder)))
    missing = [f"{_MAPPING[t][0]}.csv" for t in REQUIRED if _reader(folder, _MAPPING[t][0]) is None]
    if missing:
        raise InvalidInput(
            [
                Problem("file", "needed for the key figures but not found", file=name)
                for name in missing
            ]
        )
    for table, (stem, mapping) in _MAPPING.items():
        spec = TABLES[table]
        found = _reader(folder, stem)
        if found is None:
            cols = ", ".join(f"{c} {t}" for c, t in spec.columns)
            con.execute(f"CREATE OR REPLACE TABLE {table} ({cols})")
            continue
        reader, path = found
        available = _columns(con, reader, path)
        parts = []
        for column, sql_type in spec.columns:
            source = mapping.get(column)
            if column == "participation_id":
                expr = "CAST(ROW_NUMBER() OVER () AS VARCHAR)"
            elif source is not None and source in available:
                expr = f'CAST("{source}" AS {sql_type})'
            else:
                expr = f"CAST(NULL AS {sql_type})"
            parts.append(f"{expr} AS {column}")
        _create(con, table, f"SELECT {', '.join(parts)} FROM {reader}", path)
    _memberships(con, folder)
    _builtin_programmes(con)


def _memberships(con: Any, folder: Path) -> None:
    found = _reader(folder, "clients")
    assert found is not None
    reader, path = found
    if "programmes" not in _columns(con, reader, path):
        body = (
            "SELECT CAST(NULL AS VARCHAR) AS programme, CAST(NULL AS VARCHAR) AS client_id, "
            "CAST(NULL AS DATE) AS since_date, CAST(NULL AS DATE) AS until_date WHERE 1 = 0"
        )
    else:
        body = (
            "SELECT DISTINCT TRIM(CAST(code AS VARCHAR)) AS programme, client_id, "
            "CAST(NULL AS DATE) AS since_date, CAST(NULL AS DATE) AS until_date FROM ("
            f"SELECT CAST(client_id AS VARCHAR) AS client_id, "
            f"UNNEST(string_split(CAST(programmes AS VARCHAR), ';')) AS code FROM {reader} "
            "WHERE programmes IS NOT NULL) WHERE TRIM(CAST(code AS VARCHAR)) <> ''"
        )
    _create(con, "memberships", body, path)


def _builtin_programmes(con: Any) -> None:
    for p in BUILT_IN.values():
        con.execute(
            "INSERT INTO programmes SELECT ?, ?, ?, ?, ? "
            "WHERE NOT EXISTS (SELECT 1 FROM programmes WHERE programme = ?)",
            [p.code, p.name, p.kind.value, p.contacts_per_month, p.caseload_ratio, p.code],
        )


def write_parquet_folder(con: Any, folder: Path) -> list[Path]:
    """Write the canonical tables held in ``con`` as an exchange-format folder of Parquet files.

    Column names and file names are the exchange format's (``integrations.parquet`` with
    ``start``/``end`` …), typed; ``clients.programmes`` is rebuilt from the memberships (undated,
    as the format has it). Reading the folder back with :func:`load_exchange_folder` gives the
    same canonical tables (apart from membership dates).

    Examples
    --------
    >>> import tempfile, duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE clients AS SELECT 'a' AS client_id, 'Borken' AS site, "
    ...     "NULL AS officer_id, 'UA' AS citizenship, 'f' AS gender, NULL AS household_id")
    >>> for t in ("officers", "households", "benefit_periods", "job_starts", "programmes",
    ...           "memberships", "participations", "assessments", "contacts"):
    ...     cols = ", ".join(f"CAST(NULL AS {ty}) AS {c}" for c, ty in TABLES[t].columns)
    ...     _ = con.execute(f"CREATE TABLE {t} AS SELECT {cols} WHERE 1 = 0")
    >>> paths = write_parquet_folder(con, Path(tempfile.mkdtemp()))
    >>> sorted(p.name for p in paths)[:3]
    ['assessments.parquet', 'benefit_periods.parquet', 'clients.parquet']
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, (stem, mapping) in _MAPPING.items():
        parts = [f'{canonical} AS "{exchange}"' for canonical, exchange in mapping.items()]
        source = table
        if table == "clients":
            parts.append(
                "(SELECT string_agg(ms.programme, ';' ORDER BY ms.programme) "
                "FROM memberships ms WHERE ms.client_id = clients.client_id) "
                'AS "programmes"'
            )
        path = folder / f"{stem}.parquet"
        con.execute(
            f"COPY (SELECT {', '.join(parts)} FROM {source}) TO '{_quote(path)}' (FORMAT parquet)"
        )
        written.append(path)
    return written
