"""Run the definitions on DuckDB over canonical tables, whatever source they came from.

The engine knows nothing about databases: a caller hands it Arrow tables (the operational
database's rows, see ``lotse.controlling.repository``) or a folder of exchange-format CSV or
Parquet files (:mod:`lotse.analytics.sources`). Both are first cast into the canonical tables,
then every :class:`~lotse.analytics.steps.Step` is materialised in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lotse.analytics.canonical import TABLES, cast_select
from lotse.analytics.key_figures import official_steps
from lotse.analytics.months import LZB_MIN_DAYS, calendar_rows, month_start, stichtag
from lotse.analytics.programme_definitions import programme_steps
from lotse.analytics.steps import Step
from lotse.domain.origin import ASYLUM_COUNTRIES, UKRAINE, OriginGroup

__all__ = ["FigureEngine", "Parameters", "Results"]

Row = dict[str, Any]


@dataclass(frozen=True)
class Parameters:
    """What to compute. Month values are month indexes (:func:`lotse.analytics.months.parse_month`).

    Every assumption of the savings estimate is a field here and is printed with the result.
    """

    ref_m: int
    dimensions: tuple[str, ...] = ("jobcenter", "site")
    trend_months: int = 1
    filter_site: str | None = None
    filter_programme: str | None = None
    programme_figures: bool = False
    lzb_min_days: int = LZB_MIN_DAYS
    continuous_months: int = 6
    window_months: int = 12
    hire_window_days: int = 90
    waiting_months: int = 6
    savings_lo: int | None = None
    savings_hi: int | None = None
    missing_llu_eur: float = 563.0
    top_up_share: float = 0.5
    kdu_per_person_eur: float = 0.0

    @property
    def trend_lo(self) -> int:
        return self.ref_m - max(self.trend_months, 1) + 1

    @property
    def savings_range(self) -> tuple[int, int]:
        hi = self.savings_hi if self.savings_hi is not None else self.ref_m - self.waiting_months
        lo = self.savings_lo if self.savings_lo is not None else hi - 11
        return lo, hi

    def row(self) -> dict[str, list[Any]]:
        """The one-row ``params`` table."""
        ref = self.ref_m
        trend_lo = self.trend_lo
        savings_lo, savings_hi = self.savings_range
        values: dict[str, Any] = {
            "ref_m": ref,
            "trend_lo": trend_lo,
            "stock_lo": min(ref - 12, trend_lo - 11),
            "entries_lo": min(
                ref - 23, trend_lo - 11, ref - self.continuous_months - 11, savings_lo
            ),
            "cont_lo": ref - self.continuous_months - 11,
            "cont_hi": ref - self.continuous_months,
            "lzb_min_days": self.lzb_min_days,
            "continuous_months": self.continuous_months,
            "window_months": self.window_months,
            "window_from": month_start(ref - self.window_months + 1),
            "window_to": stichtag(ref),
            "hire_window_days": self.hire_window_days,
            "waiting_months": self.waiting_months,
            "savings_lo": savings_lo,
            "savings_hi": savings_hi,
            "missing_llu_eur": float(self.missing_llu_eur),
            "top_up_share": float(self.top_up_share),
            "kdu_per_person_eur": float(self.kdu_per_person_eur),
            "filter_site": self.filter_site,
            "filter_programme": self.filter_programme,
        }
        return {k: [v] for k, v in values.items()}

    def first_month(self) -> int:
        row = self.row()
        return int(min(row["stock_lo"][0], row["entries_lo"][0] - 1, row["savings_lo"][0]))


@dataclass
class Results:
    """Every result table of one run, as rows (dicts), sorted for stable output."""

    parameters: Parameters
    tables: dict[str, list[Row]] = field(default_factory=dict)

    def rows(self, table: str, dimension: str | None = None) -> list[Row]:
        rows = self.tables.get(table, [])
        return [r for r in rows if dimension is None or r.get("dimension") == dimension]

    def unit(self, dimension: str, value: str, table: str = "key_figures") -> Row | None:
        for r in self.tables.get(table, []):
            if r["dimension"] == dimension and r["dim_value"] == value:
                return r
        return None


_PARAM_TYPES = {
    "window_from": "DATE",
    "window_to": "DATE",
    "missing_llu_eur": "DOUBLE",
    "top_up_share": "DOUBLE",
    "kdu_per_person_eur": "DOUBLE",
    "filter_site": "VARCHAR",
    "filter_programme": "VARCHAR",
}

_ORDER = {
    "key_figures": "dimension, dim_value",
    "trend": "dimension, dim_value, m",
    "entries_monthly": "dimension, dim_value, m",
    "stock_monthly": "dimension, dim_value, m",
    "not_integrable": "dimension, dim_value, reason NULLS FIRST",
    "funnel": "dimension, dim_value, measure",
    "contact_density": "dimension, dim_value, m",
    "savings": "dimension, dim_value, m",
}


class FigureEngine:
    """A DuckDB connection holding the canonical tables of one Jobcenter (or many).

    Examples
    --------
    >>> import pyarrow as pa
    >>> from datetime import date
    >>> from lotse.analytics.months import parse_month
    >>> engine = FigureEngine()
    >>> engine.load_arrow({
    ...     "clients": pa.table({"client_id": ["a"], "site": ["Borken"]}),
    ...     "benefit_periods": pa.table({"client_id": ["a"], "start_date": [date(2023, 1, 1)]}),
    ... })
    >>> result = engine.run(Parameters(ref_m=parse_month("2025-03")))
    >>> result.unit("site", "Borken")["k3_long_term_recipients"]
    1
    """

    def __init__(
        self,
        *,
        threads: int | None = None,
        memory_limit: str | None = None,
        temp_directory: Path | None = None,
    ) -> None:
        import duckdb

        self.con = duckdb.connect()
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            self.con.execute("SET memory_limit = ?", [memory_limit])
        if temp_directory is not None:
            # where DuckDB spills tables and joins that do not fit the memory limit
            self.con.execute("SET temp_directory = ?", [str(temp_directory)])
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute("CREATE OR REPLACE MACRO days_between(a, b) AS (b - a)")
        self.loaded: set[str] = set()

    # -- loading ---------------------------------------------------------------------------

    def load_arrow(self, tables: Mapping[str, Any]) -> None:
        """Cast Arrow tables (canonical column names, any subset) into the canonical tables.

        Tables not given are created empty, so a source without e.g. contacts still runs.
        """
        for name, spec in TABLES.items():
            source = tables.get(name)
            if source is None:
                self._create_empty(name)
                continue
            view = f"_src_{name}"
            self.con.register(view, source)
            available = set(source.column_names)
            self.con.execute(
                f"CREATE OR REPLACE TABLE {name} AS {cast_select(spec, view, available)}"
            )
            self.con.unregister(view)
        self.loaded = set(TABLES)
        self.check()

    def load_folder(self, folder: Path) -> None:
        """Read an exchange-format folder (CSV or Parquet files) into the canonical tables."""
        from lotse.analytics.sources import load_exchange_folder

        load_exchange_folder(self.con, Path(folder))
        self.loaded = set(TABLES)
        self.check()

    def check(self) -> None:
        """Refuse data the definitions cannot count: overlapping benefit periods of one person
        (the exchange format forbids them; a person would be counted twice in the stock)."""
        from lotse.errors import InvalidInput, Problem

        rows = self._fetch(
            "SELECT client_id, start_date FROM (SELECT client_id, start_date, "
            "LAG(end_date) OVER (PARTITION BY client_id ORDER BY start_date) AS prev_end, "
            "LAG(start_date) OVER (PARTITION BY client_id ORDER BY start_date) AS prev_start "
            "FROM benefit_periods) x "
            "WHERE prev_start IS NOT NULL AND (prev_end IS NULL OR prev_end >= start_date) "
            "ORDER BY client_id, start_date LIMIT 20"
        )
        if rows:
            raise InvalidInput([
                Problem("overlap", "overlaps the person's previous benefit period",
                        file="benefit_periods", column="start", value=f"{r['client_id']} "
                        f"{r['start_date'].isoformat()}")
                for r in rows
            ])  # fmt: skip

    def _create_empty(self, name: str) -> None:
        spec = TABLES[name]
        cols = ", ".join(f"{c} {t}" for c, t in spec.columns)
        self.con.execute(f"CREATE OR REPLACE TABLE {name} ({cols})")

    # -- running ---------------------------------------------------------------------------

    def _prepare(self, params: Parameters) -> None:
        import pyarrow as pa

        if not self.loaded:
            raise RuntimeError("load data first (load_arrow or load_folder)")
        months = pa.table(calendar_rows(params.first_month() - 1, params.ref_m))
        self.con.register("_months", months)
        self.con.execute("CREATE OR REPLACE TABLE months AS SELECT * FROM _months")
        self.con.unregister("_months")
        row = params.row()
        cols = ", ".join(f"CAST(? AS {_PARAM_TYPES.get(k, 'INTEGER')}) AS {k}" for k in row)
        self.con.execute(
            f"CREATE OR REPLACE TABLE params AS SELECT {cols}", [v[0] for v in row.values()]
        )
        groups = [(UKRAINE, OriginGroup.UKRAINE.value)] + [
            (code, OriginGroup.ASYLUM_COUNTRIES.value) for code in sorted(ASYLUM_COUNTRIES)
        ]
        origin = pa.table(
            {"citizenship": [g[0] for g in groups], "origin_group": [g[1] for g in groups]}
        )
        self.con.register("_origin", origin)
        self.con.execute("CREATE OR REPLACE TABLE origin_groups AS SELECT * FROM _origin")
        self.con.unregister("_origin")

    def steps(self, params: Parameters) -> list[Step]:
        steps = official_steps(params.dimensions)
        if params.programme_figures:
            steps += programme_steps(params.dimensions)
        return steps

    def run(self, params: Parameters) -> Results:
        """Materialise every step and fetch the result tables."""
        self._prepare(params)
        steps = self.steps(params)
        for step in steps:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {step.name} AS {step.sql}")
        results = Results(params)
        wanted = ["key_figures", "trend", "entries_monthly"]
        if params.programme_figures:
            wanted += ["stock_monthly", "not_integrable", "funnel", "contact_density", "savings"]
        for name in wanted:
            results.tables[name] = self._fetch(f"SELECT * FROM {name} ORDER BY {_ORDER[name]}")
        if params.programme_figures:
            results.tables["programmes"] = self._fetch(
                "SELECT * FROM programmes ORDER BY programme"
            )
        return results

    def _fetch(self, sql: str, args: list[Any] | None = None) -> list[Row]:
        cursor = self.con.execute(sql, args or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def sql(self, sql: str, args: list[Any] | None = None) -> list[Row]:
        """Rows of any query over the loaded and computed tables (``?`` marks ``args``)."""
        return self._fetch(sql, args)

    def close(self) -> None:
        self.con.close()
