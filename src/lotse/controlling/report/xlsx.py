"""The report's tables as an Excel workbook (openpyxl): numbers stay numbers, formats German-ready.

Excel shows decimal separators per the reader's locale; the number formats only fix the digits
and units (``0.0 "%"``, ``#,##0 "€"``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lotse.analytics.figures import FIGURES
from lotse.analytics.months import month_label
from lotse.controlling.report.view import DIMENSION_TITLES, GENDER, ORIGIN, REASON
from lotse.controlling.service import ReportData

PCT = '0.0 "%"'
EUR = '#,##0 "€"'
AVG = "#,##0.0"
INT = "#,##0"
_FORMATS = {"percent": PCT, "eur": EUR, "average": AVG, "count": INT}
_DIMS = {"jobcenter": "Jobcenter", **DIMENSION_TITLES, "gender": "Geschlecht"}


def _sheet(
    wb: Any,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    formats: Sequence[str | None],
) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF3F7")
    for row in rows:
        ws.append(list(row))
    for col, number_format in enumerate(formats, start=1):
        width = max(len(str(headers[col - 1])), 10)
        ws.column_dimensions[get_column_letter(col)].width = min(width + 2, 48)
        if number_format:
            for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                cell.number_format = number_format
    ws.freeze_panes = "A2"


_ORDER = ["jobcenter", "site", "team", "officer", "origin_group", "gender", "programme"]


def _ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the whole Jobcenter first, then by dimension in reading order."""
    rank = {d: i for i, d in enumerate(_ORDER)}
    return sorted(rows, key=lambda r: rank.get(r["dimension"], len(rank)))


def _unit_name(data: ReportData, dimension: str, value: str) -> str:
    if dimension == "origin_group":
        return ORIGIN.get(value, value)
    if dimension == "gender":
        return GENDER.get(value, value)
    if dimension == "programme":
        return data.programme_names.get(value, value)
    if dimension == "officer":
        return f"{data.officer_names.get(value, value)} ({value})"
    return value


Row = dict[str, Any]
# a column of a table by unit: its header, the row's key (or how to compute the cell), its format
Column = tuple[str, str | Callable[[Row], Any], str | None]


def _month(r: Row) -> str:
    return month_label(r["m"])


_MONTH: Column = ("Monat", _month, None)


def _by_unit(wb: Any, data: ReportData, title: str, table: str, columns: Sequence[Column]) -> None:
    """One result table as a sheet: a row per unit (the Jobcenter first), then ``columns``."""
    _sheet(
        wb,
        title,
        ["Gliederung", "Einheit", *(header for header, _, _ in columns)],
        [
            [
                _DIMS.get(r["dimension"], r["dimension"]),
                _unit_name(data, r["dimension"], r["dim_value"]),
                *(r[cell] if isinstance(cell, str) else cell(r) for _, cell, _ in columns),
            ]
            for r in _ordered(data.results.rows(table))
        ],
        [None, None, *(number_format for _, _, number_format in columns)],
    )


def write_workbook(data: ReportData, path: Path) -> None:
    """Every table of the report, one sheet each, plus the assumptions and the definitions."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _by_unit(
        wb,
        data,
        "Kennzahlen",
        "key_figures",
        [(f.label, f.key, _FORMATS[f.unit]) for f in FIGURES],
    )
    _by_unit(
        wb,
        data,
        "Verlauf",
        "trend",
        [
            _MONTH,
            ("Integrationen 12 M.", "k2_integrations_12m", INT),
            ("eLb Ø 12 M.", "k2_elb_average_12m", AVG),
            ("Integrationsquote", "k2_integration_quota", PCT),
        ],
    )
    _by_unit(
        wb,
        data,
        "Abgänge je Monat",
        "entries_monthly",
        [
            _MONTH,
            ("Integrationen", "integrations", INT),
            ("Bedarf beendet", "exits_ended", INT),
            ("Bedarf verringert", "exits_reduced", INT),
            ("Minijobs", "minijob_entries", INT),
            ("Öffentlich gefördert", "public_employment_entries", INT),
            ("Alleinerziehende", "integrations_single_parent", INT),
            ("LZB", "integrations_lzb", INT),
        ],
    )
    _by_unit(
        wb,
        data,
        "Nicht integrierbar",
        "not_integrable",
        [
            (
                "Grund",
                lambda r: (
                    "alle Gründe" if r["reason"] is None else REASON.get(r["reason"], r["reason"])
                ),
                None,
            ),
            ("Personen", "persons", INT),
            ("Prüftermin überschritten", "review_overdue", INT),
        ],
    )
    _by_unit(
        wb,
        data,
        "Maßnahmen",
        "funnel",
        [
            ("Maßnahme", lambda r: r["measure_name"] or r["measure"], None),
            ("Teilnehmende", "participants", INT),
            ("Praktikum", "internships", INT),
            ("Einstellung", "hired", INT),
            ("Einstellung nach Praktikum", "hired_after_internship", INT),
        ],
    )
    _by_unit(
        wb,
        data,
        "Kontaktdichte",
        "contact_density",
        [
            _MONTH,
            ("eLb am Stichtag", "persons", INT),
            ("Kontakte", "contacts", INT),
            ("ohne Kontakt", "persons_without_contact", INT),
            (
                "Kontakte je Person",
                lambda r: r["contacts"] / r["persons"] if r["persons"] else None,
                "0.00",
            ),
        ],
    )
    _by_unit(
        wb,
        data,
        "Einsparungen",
        "savings",
        [
            ("Kohortenmonat", _month, None),
            ("Integrationen", "integrations", INT),
            ("beendet nach Wartezeit", "ended_after_wait", INT),
            ("verringert nach Wartezeit", "reduced_after_wait", INT),
            ("LLU angenommen", "llu_assumed", INT),
            ("LLU eingespart", "saved_llu_eur", EUR),
            ("KdU eingespart", "saved_kdu_eur", EUR),
            ("davon im Berichtsmonat", "saved_in_ref_month_eur", EUR),
        ],
    )
    s = data.savings
    a = s.assumptions
    _sheet(
        wb,
        "Annahmen und Saldo",
        ["Größe", "Wert"],
        [
            ["Kohorte von", s.cohort_from],
            ["Kohorte bis", s.cohort_to],
            ["Berichtsmonat", s.reference_month],
            ["Wartezeit (Monate)", a.waiting_months],
            ["Zusätzliche Stellen (Vollzeit)", a.extra_staff_fte],
            ["Kosten je Stelle und Jahr (€)", a.annual_cost_per_fte_eur],
            ["LLU, wo kein Betrag erfasst ist (€)", a.missing_llu_eur],
            ["Anteil weitergezahlter LLU ohne erfassten Betrag", a.top_up_share],
            ["KdU je Person ohne Haushaltsangabe (€)", a.kdu_per_person_eur],
            ["Einsparung LLU (€)", s.saved_llu_eur],
            ["Einsparung KdU (€)", s.saved_kdu_eur],
            ["Personalkosten (€)", s.cost_eur],
            ["Saldo (€)", s.net_eur],
        ],
        [None, None],
    )
    _sheet(
        wb,
        "Definitionen",
        ["Schlüssel", "Kennzahl", "Einheit", "Grundlage"],
        [[f.key, f.label, f.unit, f.source] for f in FIGURES],
        [None, None, None, None],
    )
    wb.save(path)
