"""The exchange format as data: one :class:`FileSpec` per file, columns in canonical order.

Standard files and columns follow ``../shared/docs/exchange-format.md`` (version 1). Lotse adds
files and columns (marked ``extension=True``) that it needs to run the programmes; it never
changes the meaning of a standard column. Anything that reads or writes the format (validation,
import, export, the generator) goes through these specs, so they cannot drift apart.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal, TextIO

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    ClientStatus,
    DegreeRecognition,
    Gender,
    HoursPreference,
    IntegrationCourseState,
    IntegrationKind,
    ProgrammeKind,
    ProposalOutcome,
    Qualification,
    ResidenceStatus,
    VacancyHours,
    VacancyStatus,
)
from lotse.domain.states import GermanState

FORMAT_VERSION = 1
ID = 64
"""Longest id (``client_id``, ``vacancy_id``, ...) the database holds."""

Kind = Literal[
    "text", "int", "float", "bool", "date", "enum", "list", "kldb", "kldb_list", "plz",
    "country", "json",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    required: bool = False
    choices: type[StrEnum] | None = None
    min_value: float | None = None
    max_value: float | None = None
    extension: bool = False
    max_length: int | None = None
    """Longest text the database column holds (``text`` columns)."""


@dataclass(frozen=True, slots=True)
class FileSpec:
    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    extension: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _c(name: str, kind: Kind, **kw: Any) -> Column:
    return Column(name, kind, **kw)


def _e(name: str, kind: Kind, **kw: Any) -> Column:
    return Column(name, kind, extension=True, **kw)


SITES = FileSpec(
    "sites.csv", ("site",),
    (
        _c("site", "text", required=True, max_length=120), _c("plz", "plz"),
        _c("state", "enum", choices=GermanState),
    ),
    extension=True,
)  # fmt: skip

PROGRAMMES = FileSpec(
    "programmes.csv", ("programme",),
    (
        _c("programme", "text", required=True, max_length=ID),
        _c("name", "text", required=True, max_length=200),
        _c("kind", "enum", required=True, choices=ProgrammeKind),
        _c("target_rule", "json"), _c("caseload_ratio", "int", min_value=1),
        _c("contacts_per_month", "float", min_value=0), _c("starts_on", "date"),
        _c("ends_on", "date"),
    ),
    extension=True,
)  # fmt: skip

TEAMS = FileSpec(
    "teams.csv", ("site", "team"),
    (
        _c("site", "text", required=True, max_length=120),
        _c("team", "text", required=True, max_length=120),
        _c("programme", "text", max_length=ID),
    ),
    extension=True,
)  # fmt: skip
"""A team and the programme its officers are dedicated to (empty: a general team)."""

OFFICERS = FileSpec(
    "officers.csv", ("officer_id",),
    (
        _c("officer_id", "text", required=True, max_length=ID),
        _c("name", "text", required=True, max_length=200),
        _c("site", "text", required=True, max_length=120), _c("team", "text", max_length=120),
        _c("languages", "list"),
        _c("weekly_hours", "float", min_value=0, max_value=60),
    ),
    extension=True,
)  # fmt: skip

HOUSEHOLDS = FileSpec(
    "households.csv", ("household_id",),
    (
        _c("household_id", "text", required=True, max_length=ID),
        _c("size", "int", required=True, min_value=1),
        _c("single_parent", "bool", required=True),
        _c("monthly_benefit_eur", "float", min_value=0),
        _c("monthly_housing_eur", "float", min_value=0),
    ),
    extension=True,
)  # fmt: skip

EMPLOYERS = FileSpec(
    "employers.csv", ("employer_id",),
    (
        _c("employer_id", "text", required=True, max_length=ID),
        _c("name", "text", max_length=200), _c("plz", "plz"),
    ),
    extension=True,
)  # fmt: skip

CLIENTS = FileSpec(
    "clients.csv", ("client_id",),
    (
        _c("client_id", "text", required=True, max_length=ID),
        _c("site", "text", required=True, max_length=120),
        _c("status", "enum", required=True, choices=ClientStatus),
        _c("birth_year", "int", min_value=1900, max_value=2100),
        _c("gender", "enum", choices=Gender),
        _c("citizenship", "country"),
        _c("residence_status", "enum", choices=ResidenceStatus),
        _c("work_permitted", "bool"),
        _c("german_level", "enum", choices=CefrLevel),
        _c("integration_course", "enum", choices=IntegrationCourseState),
        _c("qualification", "enum", choices=Qualification),
        _c("degree_recognition", "enum", choices=DegreeRecognition),
        _c("target_kldb", "kldb_list"),
        _c("experience_years", "float", min_value=0, max_value=70),
        _c("plz", "plz"),
        _c("lat", "float", min_value=-90, max_value=90),
        _c("lon", "float", min_value=-180, max_value=180),
        _c("max_commute_km", "int", min_value=0, max_value=1000),
        _c("hours", "enum", choices=HoursPreference),
        _c("driving_licence", "bool"),
        _c("unemployed_since", "date"),
        _c("officer_id", "text", max_length=ID),
        _c("programmes", "list"),
        _e("name", "text", max_length=200),
        _e("household_id", "text", max_length=ID),
        _e("languages", "list"),
    ),
)  # fmt: skip

VACANCIES = FileSpec(
    "vacancies.csv", ("vacancy_id",),
    (
        _c("vacancy_id", "text", required=True, max_length=ID),
        _c("employer_id", "text", required=True, max_length=ID),
        _c("title", "text", required=True, max_length=300),
        _c("kldb", "kldb", required=True),
        _c("german_level_min", "enum", choices=CefrLevel),
        _c("plz", "plz"),
        _c("lat", "float", min_value=-90, max_value=90),
        _c("lon", "float", min_value=-180, max_value=180),
        _c("hours", "enum", choices=VacancyHours),
        _c("openings", "int", required=True, min_value=1),
        _c("driving_licence_required", "bool"),
        _c("posted_on", "date"),
        _c("status", "enum", required=True, choices=VacancyStatus),
    ),
)  # fmt: skip

HISTORY = FileSpec(
    "history.csv", ("client_id", "vacancy_id", "proposed_on"),
    (
        _c("client_id", "text", required=True), _c("vacancy_id", "text", required=True),
        _c("proposed_on", "date", required=True),
        _c("outcome", "enum", required=True, choices=ProposalOutcome),
    ),
)  # fmt: skip

BENEFIT_PERIODS = FileSpec(
    "benefit_periods.csv", ("client_id", "start"),
    (
        _c("client_id", "text", required=True), _c("start", "date", required=True),
        _c("end", "date"), _e("monthly_benefit_eur", "float", min_value=0),
    ),
)  # fmt: skip

INTEGRATIONS = FileSpec(
    "integrations.csv", ("client_id", "start", "kind"),
    (
        _c("client_id", "text", required=True), _c("start", "date", required=True),
        _c("end", "date"), _c("kind", "enum", required=True, choices=IntegrationKind),
        _c("monthly_gross_eur", "float", min_value=0), _c("ends_benefit_need", "bool"),
    ),
)  # fmt: skip

PROPOSALS = FileSpec(
    "proposals.csv", ("client_id", "vacancy_id"),
    (
        _c("client_id", "text", required=True), _c("vacancy_id", "text", required=True),
        _c("score", "float", required=True), _c("rank", "int", required=True, min_value=1),
        _c("reasons", "text"),
    ),
)  # fmt: skip
"""Output of the matcher; not imported."""

IMPORT_ORDER: tuple[FileSpec, ...] = (
    SITES, PROGRAMMES, TEAMS, OFFICERS, HOUSEHOLDS, EMPLOYERS, CLIENTS, VACANCIES,
    BENEFIT_PERIODS, INTEGRATIONS, HISTORY,
)  # fmt: skip
"""Every importable file, each after the files its rows point to."""

SPECS: dict[str, FileSpec] = {s.name: s for s in (*IMPORT_ORDER, PROPOSALS)}


# ---------------------------------------------------------------------------------------------
# Canonical cell formatting: the generator and the exporter both write through these, so an
# exported file equals the file it was imported from, byte for byte.


def format_float(value: float | Decimal) -> str:
    """Shortest faithful text of a number, without a trailing ``.0``.

    >>> format_float(51.633), format_float(3.0), format_float(Decimal("2150.50"))
    ('51.633', '3', '2150.5')
    """
    text = format(float(value), ".10g")
    return "0" if text == "-0" else text


def format_cell(value: Any) -> str:
    """One cell as the format writes it: empty for unknown, ``true``/``false``, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, float | Decimal):
        return format_float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(format_cell(v) for v in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def format_row(spec: FileSpec, row: dict[str, Any]) -> list[str]:
    """A row (column name → value) as cells in the spec's canonical column order."""
    return [format_cell(row.get(name)) for name in spec.column_names]


def write_csv(fh: TextIO, spec: FileSpec, rows: Iterable[dict[str, Any]]) -> int:
    """Write the header and ``rows`` in the canonical form; returns the number of rows.

    Canonical: columns in the spec's order, cells through :func:`format_cell`, the csv module's
    default dialect but for LF line ends (comma, quotes only where needed). Open ``fh`` with
    ``encoding="utf-8", newline=""``. The exporter writes through this, the generator the same way.
    """
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(spec.column_names)
    n = 0
    for row in rows:
        writer.writerow(format_row(spec, row))
        n += 1
    return n
