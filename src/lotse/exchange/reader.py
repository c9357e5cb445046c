"""Read and validate an exchange-format folder, without touching any database.

:func:`read_folder` parses every file it finds into typed rows and checks every rule of the
format: column types and vocabularies, KldB codes, postcodes, unique ids, references between
files (or to ids the caller already holds), non-overlapping benefit periods. It reports *all*
problems at once (file, line, column, value, rule) by raising :class:`~lotse.errors.InvalidInput`.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lotse.domain.countries import ISO_3166_ALPHA2
from lotse.domain.programmes import BUILT_IN
from lotse.domain.target_rules import validate_rule
from lotse.errors import InvalidInput, Problem
from lotse.exchange.schema import (
    BENEFIT_PERIODS,
    CLIENTS,
    HISTORY,
    HOUSEHOLDS,
    IMPORT_ORDER,
    INTEGRATIONS,
    PROGRAMMES,
    SITES,
    TEAMS,
    VACANCIES,
    Column,
    FileSpec,
)
from lotse.reference import kldb, plz

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[+-]?\d+$")
MAX_PROBLEMS = 10_000
INT_MAX = 2**31 - 1
"""Largest whole number every database column holds (32-bit integer)."""

Row = dict[str, Any]
ProgressFn = Callable[[str, int], None]


@dataclass
class KnownIds:
    """Ids already held (e.g. in the database) that rows of a folder may point to."""

    clients: set[str] = field(default_factory=set)
    vacancies: set[str] = field(default_factory=set)
    households: set[str] = field(default_factory=set)
    programmes: set[str] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)


@dataclass
class ExchangeData:
    """The parsed, valid content of a folder: typed rows per file, with their line numbers."""

    folder: Path
    rows: dict[str, list[Row]] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def get(self, spec: FileSpec) -> list[Row]:
        return self.rows.get(spec.name, [])

    def has(self, spec: FileSpec) -> bool:
        return spec.name in self.rows


class _Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.cells: set[tuple[str, int | None, str | None]] = set()

    def add(self, spec: FileSpec, line: int | None, column: str | None, value: Any,
            rule: str, message: str) -> None:  # fmt: skip
        self.cells.add((spec.name, line, column))
        if len(self.items) < MAX_PROBLEMS:
            shown = None if value is None else str(value)
            self.items.append(Problem(rule, message, spec.name, line, column, shown))


def parse_cell(column: Column, text: str) -> Any:
    """The typed value of one non-empty cell; raises ValueError with the broken rule's message."""
    kind = column.kind
    if kind == "text":
        if column.max_length is not None and len(text) > column.max_length:
            raise ValueError(f"length|longer than {column.max_length} characters")
        return text
    if kind == "int":
        if not _INT.match(text):
            raise ValueError("int|not a whole number")
        value: Any = int(text)
        if abs(value) > INT_MAX:
            raise ValueError(f"range|must be between {-INT_MAX} and {INT_MAX}")
    elif kind == "float":
        try:
            value = float(text)
        except ValueError:
            raise ValueError("float|not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("float|not a finite number")
    elif kind == "bool":
        low = text.lower()
        if low not in ("true", "false"):
            raise ValueError("bool|must be true or false")
        return low == "true"
    elif kind == "date":
        if not _ISO_DATE.match(text):
            raise ValueError("date|not an ISO date (YYYY-MM-DD)")
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError("date|not a calendar date") from None
    elif kind == "enum":
        assert column.choices is not None
        try:
            return column.choices(text)
        except ValueError:
            allowed = ", ".join(m.value for m in column.choices)
            raise ValueError(f"vocabulary|not one of: {allowed}") from None
    elif kind == "list":
        return _unique_items([part.strip() for part in text.split(";") if part.strip()])
    elif kind in ("kldb", "kldb_list"):
        codes = [part.strip() for part in text.split(";") if part.strip()]
        if kind == "kldb" and len(codes) != 1:
            raise ValueError("kldb|one KldB 2010 code expected, not a list")
        for code in codes:
            if not kldb.is_occupation(code):
                raise ValueError(f"kldb|{code!r} is not a five-digit KldB 2010 occupation")
        return _unique_items(codes) if kind == "kldb_list" else codes[0]
    elif kind == "plz":
        if not (len(text) == 5 and text.isdigit()):
            raise ValueError("plz|not a five-digit postcode")
        if plz.lookup(text) is None:
            raise ValueError("plz|unknown postcode")
        return text
    elif kind == "country":
        if text not in ISO_3166_ALPHA2:
            raise ValueError("country|not an ISO 3166-1 alpha-2 code (e.g. UA, SY, DE)")
        return text
    elif kind == "json":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"json|not valid JSON ({exc.msg})") from None
        if not isinstance(value, dict):
            raise ValueError("json|must be a JSON object")
        return value
    else:  # pragma: no cover - the spec is closed
        raise AssertionError(kind)
    if column.min_value is not None and value < column.min_value:
        raise ValueError(f"range|must be at least {column.min_value:g}")
    if column.max_value is not None and value > column.max_value:
        raise ValueError(f"range|must be at most {column.max_value:g}")
    return value


_LIST_KINDS = ("list", "kldb_list")
_MEMO_LIMIT = 20_000


def _parser(column: Column) -> Callable[[str], Any]:
    """:func:`parse_cell` for one column, remembering recent results of immutable values.

    Files repeat dates, codes, postcodes and names thousands of times; sharing one parsed value
    saves both the parsing and the memory of a large import.
    """
    if column.kind in ("list", "kldb_list", "json"):  # mutable values are never shared
        return lambda text: parse_cell(column, text)
    memo: dict[str, Any] = {}

    def parse(text: str) -> Any:
        try:
            return memo[text]
        except KeyError:
            value = parse_cell(column, text)
            if len(memo) < _MEMO_LIMIT:
                memo[text] = value
            return value

    return parse


def _unique_items(items: list[str]) -> list[str]:
    """The list itself; raises when an item repeats (a set stored in order, e.g. programmes)."""
    if len(set(items)) != len(items):
        twice = next(item for i, item in enumerate(items) if item in items[:i])
        raise ValueError(f"unique|{twice!r} appears twice in the list")
    return items


def _iter_csv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.reader(fh)


def read_file(path: Path, spec: FileSpec, problems: _Problems, warnings: list[str],
              on_progress: ProgressFn | None = None) -> tuple[list[Row], list[int]]:  # fmt: skip
    """Typed rows of one file (cell-level checks only)."""
    rows: list[Row] = []
    lines: list[int] = []
    reader = _iter_csv(path)
    try:
        header = next(reader)
    except StopIteration:
        problems.add(spec, 1, None, None, "header", "the file is empty: a header row is needed")
        return rows, lines
    except UnicodeDecodeError:
        problems.add(spec, None, None, None, "encoding", "the file is not UTF-8")
        return rows, lines
    header = [h.strip() for h in header]
    for name in {h for h in header if header.count(h) > 1}:
        problems.add(spec, 1, name, None, "header", "column appears twice in the header")
    known = set(spec.column_names)
    for name in header:
        if name not in known:
            warnings.append(f"{spec.name}: unknown column {name!r} ignored")
    for col in spec.columns:
        if col.required and col.name not in header:
            problems.add(spec, 1, col.name, None, "header", "required column is missing")
    positions = [
        (i, col.name, _parser(col), col.required, col.kind in _LIST_KINDS)
        for i, col in ((i, spec.column(h)) for i, h in enumerate(header) if h in known)
    ]
    absent = [c.name for c in spec.columns if c.name not in header]
    absent_lists = [c.name for c in spec.columns if c.name in absent and c.kind in _LIST_KINDS]
    width = len(header)
    line = 1
    try:
        for cells in reader:
            line += 1
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # blank line
            if len(cells) != width:
                problems.add(spec, line, None, None, "cell_count",
                             f"{len(cells)} cells, the header has {width}")  # fmt: skip
                continue
            row: Row = {}
            for i, name, parse, required, is_list in positions:
                text = cells[i].strip()
                if not text:
                    if required:
                        problems.add(spec, line, name, "", "required", "must not be empty")
                    row[name] = [] if is_list else None
                    continue
                try:
                    row[name] = parse(text)
                except ValueError as exc:
                    rule, _, message = str(exc).partition("|")
                    problems.add(spec, line, name, text, rule, message)
                    row[name] = None
            if absent:
                row.update(dict.fromkeys(absent))
                row.update((name, []) for name in absent_lists)
            rows.append(row)
            lines.append(line)
            if on_progress is not None and len(rows) % 10_000 == 0:
                on_progress(spec.name, 10_000)
    except UnicodeDecodeError:
        problems.add(spec, line + 1, None, None, "encoding", "the file is not UTF-8")
    except csv.Error as exc:
        problems.add(spec, line + 1, None, None, "csv", f"broken CSV: {exc}")
    if on_progress is not None:
        on_progress(spec.name, len(rows) % 10_000)
    return rows, lines


def _check_unique(spec: FileSpec, rows: list[Row], lines: list[int], problems: _Problems) -> None:
    first_seen: dict[tuple[Any, ...], int] = {}
    names = spec.key
    for row, line in zip(rows, lines, strict=True):
        key = tuple([row[k] for k in names])
        if None in key:
            continue
        if key in first_seen:
            shown = ", ".join(str(v) for v in key)
            problems.add(spec, line, spec.key[-1] if len(spec.key) > 1 else spec.key[0], shown,
                         "unique", f"duplicate of line {first_seen[key]}")  # fmt: skip
        else:
            first_seen[key] = line


def _check_refs(spec: FileSpec, column: str, rows: list[Row], lines: list[int],
                defined: set[str], where: str, problems: _Problems) -> None:  # fmt: skip
    for row, line in zip(rows, lines, strict=True):
        value = row.get(column)
        values = value if isinstance(value, list) else [value]
        for v in values:
            if v is not None and v not in defined:
                problems.add(spec, line, column, v, "reference", f"not defined in {where}")


def _check_place(spec: FileSpec, rows: list[Row], lines: list[int], problems: _Problems) -> None:
    for row, line in zip(rows, lines, strict=True):
        if any((spec.name, line, c) in problems.cells for c in ("plz", "lat", "lon")):
            continue  # the broken cell is reported already; its emptiness is no second problem
        has_lat, has_lon = row["lat"] is not None, row["lon"] is not None
        if has_lat != has_lon:
            problems.add(spec, line, "lon" if has_lat else "lat", "", "coordinates",
                         "lat and lon must be given together")  # fmt: skip
        elif row["plz"] is None and not has_lat:
            problems.add(spec, line, "plz", "", "place",
                         "give a postcode, or lat and lon")  # fmt: skip


def _check_periods(spec: FileSpec, rows: list[Row], lines: list[int], problems: _Problems,
                   *, overlap: bool) -> None:  # fmt: skip
    by_client: dict[str, list[tuple[date, date | None, int]]] = defaultdict(list)
    for row, line in zip(rows, lines, strict=True):
        if (spec.name, line, "end") in problems.cells:
            continue  # a broken end is no open end
        start, end = row["start"], row["end"]
        if start is not None and end is not None and end < start:
            problems.add(spec, line, "end", end.isoformat(), "period", "ends before it starts")
        elif start is not None and row["client_id"] is not None:
            by_client[row["client_id"]].append((start, end, line))
    if not overlap:
        return
    for periods in by_client.values():
        periods.sort()
        for (_s1, e1, line1), (s2, _e2, line2) in itertools.pairwise(periods):
            if e1 is None or e1 >= s2:
                problems.add(spec, line2, "start", s2.isoformat(), "overlap",
                             f"overlaps the period of line {line1} of the same person")  # fmt: skip


def read_folder(folder: Path, *, known: KnownIds | None = None,
                on_progress: ProgressFn | None = None,
                files: Iterable[FileSpec] = IMPORT_ORDER) -> ExchangeData:  # fmt: skip
    """Parse and validate every exchange-format file in ``folder``.

    Raises :class:`InvalidInput` listing every problem found; nothing is returned partially.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InvalidInput(Problem("folder", f"{folder} is not a folder", file=str(folder)))
    known = known or KnownIds()
    problems = _Problems()
    data = ExchangeData(folder)
    for spec in files:
        path = folder / spec.name
        if path.exists():
            rows, lines = read_file(path, spec, problems, data.warnings, on_progress)
            _check_unique(spec, rows, lines, problems)
            data.rows[spec.name], data.lines[spec.name] = rows, lines
    if not data.rows:
        names = ", ".join(s.name for s in files)
        raise InvalidInput(Problem("folder", f"no exchange-format file found (looked for {names})",
                                   file=str(folder)))  # fmt: skip

    def ids(spec: FileSpec, column: str) -> set[str]:
        return {r[column] for r in data.get(spec) if r[column] is not None}

    def refs(spec: FileSpec, column: str, defined: set[str], where: str) -> None:
        if data.has(spec):
            _check_refs(spec, column, data.get(spec), data.lines[spec.name], defined, where,
                        problems)  # fmt: skip

    clients = ids(CLIENTS, "client_id") | known.clients
    vacancies = ids(VACANCIES, "vacancy_id") | known.vacancies
    refs(BENEFIT_PERIODS, "client_id", clients, "clients.csv")
    refs(INTEGRATIONS, "client_id", clients, "clients.csv")
    refs(HISTORY, "client_id", clients, "clients.csv")
    refs(HISTORY, "vacancy_id", vacancies, "vacancies.csv")
    refs(CLIENTS, "household_id", ids(HOUSEHOLDS, "household_id") | known.households,
         "households.csv")  # fmt: skip
    programmes = ids(PROGRAMMES, "programme") | known.programmes | set(BUILT_IN)
    refs(CLIENTS, "programmes", programmes, "programmes.csv or the built-in programmes")
    # a team is defined at a site: sites.csv (or the database) must know it, a typo is no new site
    refs(TEAMS, "site", ids(SITES, "site") | known.sites, "sites.csv")
    refs(TEAMS, "programme", programmes, "programmes.csv or the built-in programmes")
    for spec in (CLIENTS, VACANCIES):
        if data.has(spec):
            _check_place(spec, data.get(spec), data.lines[spec.name], problems)
    for spec, overlap in ((BENEFIT_PERIODS, True), (INTEGRATIONS, False)):
        if data.has(spec):
            _check_periods(spec, data.get(spec), data.lines[spec.name], problems, overlap=overlap)
    for row, line in zip(data.get(PROGRAMMES), data.lines.get(PROGRAMMES.name, []), strict=True):
        for message in validate_rule(row["target_rule"] or {}):
            problems.add(PROGRAMMES, line, "target_rule", None, "target_rule", message)
    if problems.items:
        raise InvalidInput(problems.items)
    return data
