"""Between exchange rows and table rows: the column mapping both import and export rely on.

An exchange row is what :mod:`lotse.exchange.reader` returns (column name → typed value); a table
row is a dict of column values for a Core insert or update. Ids are resolved by the caller.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lotse.errors import Problem
from lotse.exchange.reader import ExchangeData, Row
from lotse.exchange.schema import BENEFIT_PERIODS, HOUSEHOLDS, INTEGRATIONS, FileSpec
from lotse.reference import plz

DEFAULT_WEEKLY_HOURS = 39.0
"""An officer's weekly hours when officers.csv leaves them empty: a full-time week (TVöD)."""

MONEY_COLUMNS: dict[FileSpec, tuple[str, ...]] = {
    HOUSEHOLDS: ("monthly_benefit_eur", "monthly_housing_eur"),
    BENEFIT_PERIODS: ("monthly_benefit_eur",),
    INTEGRATIONS: ("monthly_gross_eur",),
}
"""Amounts stored in euros and cents (``NUMERIC(10, 2)``)."""

MONEY_LIMIT = 100_000_000

_CENT = Decimal("0.01")


def money(value: float | None) -> Decimal | None:
    """An amount read as a float, as the exact euros-and-cents the database stores.

    >>> money(2150.5), money(None)
    (Decimal('2150.50'), None)
    """
    return None if value is None else Decimal(repr(value)).quantize(_CENT)


def money_problems(data: ExchangeData) -> list[Problem]:
    """Amounts the database cannot hold exactly: more than two decimals, or too large."""
    problems: list[Problem] = []
    for spec, columns in MONEY_COLUMNS.items():
        for row, line in zip(data.get(spec), data.lines.get(spec.name, []), strict=True):
            for column in columns:
                value = row[column]
                if value is None:
                    continue
                exponent = Decimal(repr(value)).as_tuple().exponent
                if isinstance(exponent, int) and exponent < -2:
                    problems.append(
                        Problem("money", "more than two decimal places (whole cents only)",
                                spec.name, line, column, repr(value))
                    )  # fmt: skip
                elif value >= MONEY_LIMIT:
                    problems.append(
                        Problem("range", f"must be below {MONEY_LIMIT}", spec.name, line,
                                column, repr(value))
                    )  # fmt: skip
    return problems


def place(row: Row) -> dict[str, Any]:
    """Postcode and coordinates of a client or vacancy; coordinates from the postcode if absent.

    ``coords_given`` remembers which it was, so the export leaves derived coordinates empty.

    >>> place({"plz": "06749", "lat": None, "lon": None})["coords_given"]
    False
    """
    if row["lat"] is not None and row["lon"] is not None:
        return {"plz": row["plz"], "lat": row["lat"], "lon": row["lon"], "coords_given": True}
    found = plz.lookup(row["plz"]) if row["plz"] else None
    return {
        "plz": row["plz"],
        "lat": found.lat if found else None,
        "lon": found.lon if found else None,
        "coords_given": False,
    }


def site_row(row: Row) -> dict[str, Any]:
    state = row["state"]
    return {"name": row["site"], "plz": row["plz"], "state": None if state is None else str(state)}


def programme_row(row: Row) -> dict[str, Any]:
    return {
        "code": row["programme"],
        "name": row["name"],
        "kind": row["kind"],
        "target_rule": row["target_rule"] or {},
        "caseload_ratio": row["caseload_ratio"],
        "contacts_per_month": row["contacts_per_month"],
        "starts_on": row["starts_on"],
        "ends_on": row["ends_on"],
    }


def team_row(row: Row, site_id: int, programme_id: int | None) -> dict[str, Any]:
    return {"site_id": site_id, "name": row["team"], "programme_id": programme_id}


def officer_row(row: Row, site_id: int, team_id: int | None) -> dict[str, Any]:
    hours = row["weekly_hours"]
    return {
        "ref": row["officer_id"],
        "name": row["name"],
        "site_id": site_id,
        "team_id": team_id,
        "languages": row["languages"],
        "weekly_hours": DEFAULT_WEEKLY_HOURS if hours is None else float(hours),
    }


def household_row(row: Row) -> dict[str, Any]:
    return {
        "ref": row["household_id"],
        "size": row["size"],
        "single_parent": row["single_parent"],
        "monthly_benefit_eur": money(row["monthly_benefit_eur"]),
        "monthly_housing_eur": money(row["monthly_housing_eur"]),
    }


def employer_row(row: Row) -> dict[str, Any]:
    return {"ref": row["employer_id"], "name": row["name"], "plz": row["plz"]}


_CLIENT_PLAIN = (
    "status", "birth_year", "gender", "citizenship", "residence_status", "work_permitted",
    "german_level", "integration_course", "qualification", "degree_recognition",
    "experience_years", "max_commute_km", "hours", "driving_licence", "unemployed_since",
    "name", "languages",
)  # fmt: skip


def client_row(
    row: Row, site_id: int, officer_id: int | None, household_id: int | None
) -> dict[str, Any]:
    out: dict[str, Any] = {"ref": row["client_id"], "site_id": site_id}
    out.update((c, row[c]) for c in _CLIENT_PLAIN)
    if out["experience_years"] is not None:
        out["experience_years"] = float(out["experience_years"])
    out.update(place(row))
    out["officer_id"] = officer_id
    out["household_id"] = household_id
    return out


_VACANCY_PLAIN = (
    "title", "kldb", "german_level_min", "hours", "openings", "driving_licence_required",
    "posted_on", "status",
)  # fmt: skip


def vacancy_row(row: Row, employer_id: int) -> dict[str, Any]:
    out: dict[str, Any] = {"ref": row["vacancy_id"], "employer_id": employer_id}
    out.update((c, row[c]) for c in _VACANCY_PLAIN)
    out.update(place(row))
    return out


def period_row(row: Row, client_id: int) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "start": row["start"],
        "end": row["end"],
        "monthly_benefit_eur": money(row["monthly_benefit_eur"]),
    }


def job_start_row(row: Row, client_id: int) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "start": row["start"],
        "kind": row["kind"],
        "end": row["end"],
        "monthly_gross_eur": money(row["monthly_gross_eur"]),
        "ends_benefit_need": row["ends_benefit_need"],
    }


def history_row(row: Row, client_id: int, vacancy_id: int) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "vacancy_id": vacancy_id,
        "proposed_on": row["proposed_on"],
        "outcome": row["outcome"],
    }
