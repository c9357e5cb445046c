"""The report's tables as an Excel workbook (openpyxl): numbers stay numbers, formats German-ready.

Excel shows decimal separators per the reader's locale; the number formats only fix the digits
and units (``0.0 "%"``, ``#,##0 "€"``).
"""

from __future__ import annotations

from collections.abc import Sequence
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


def write_workbook(data: ReportData, path: Path) -> None:
    """Every table of the report, one sheet each, plus the assumptions and the definitions."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    res = data.results
    name = _unit_name
    _sheet(
        wb,
        "Kennzahlen",
        ["Gliederung", "Einheit", *(f.label for f in FIGURES)],
        [
            [
                _DIMS.get(r["dimension"], r["dimension"]),
                name(data, r["dimension"], r["dim_value"]),
                *(r[f.key] for f in FIGURES),
            ]
            for r in _ordered(res.rows("key_figures"))
        ],
        [None, None, *(_FORMATS[f.unit] for f in FIGURES)],
    )
    _sheet(
        wb,
        "Verlauf",
        [
            "Gliederung",
            "Einheit",
            "Monat",
            "Integrationen 12 M.",
            "eLb Ø 12 M.",
            "Integrationsquote",
        ],
        [
            [
                _DIMS.get(r["dimension"], r["dimension"]),
                name(data, r["dimension"], r["dim_value"]),
                month_label(r["m"]),
                r["k2_integrations_12m"],
                r["k2_elb_average_12m"],
                r["k2_integration_quota"],
            ]
            for r in _ordered(res.rows("trend"))
        ],
        [None, None, None, INT, AVG, PCT],
    )
    _sheet(
        wb,
        "Abgänge je Monat",
        [
            "Gliederung",
            "Einheit",
            "Monat",
            "Integrationen",
            "Bedarf beendet",
            "Bedarf verringert",
            "Minijobs",
            "Öffentlich gefördert",
            "Alleinerziehende",
            "LZB",
        ],
        [
            [
                _DIMS.get(r["dimension"], r["dimension"]),
                name(data, r["dimension"], r["dim_value"]),
                month_label(r["m"]),
                r["integrations"],
                r["exits_ended"],
                r["exits_reduced"],
                r["minijob_entries"],
                r["public_employment_entries"],
                r["integrations_single_parent"],
                r["integrations_lzb"],
            ]
            for r in _ordered(res.rows("entries_monthly"))
        ],
        [None, None, None, INT, INT, INT, INT, INT, INT, INT],
    )
    _sheet(
        wb,
        "Nicht integrierbar",
        ["Gliederung", "Einheit", "Grund", "Personen", "Prüftermin überschritten"],
        [
            [
                _DIMS.get(r["dimension"], r["dimension"]),
                name(data, r["dimension"], r["dim_value"]),
                "alle Gründe" if r["reason"] is None else REASON.get(r["reason"], r["reason"]),
                r["persons"],
                r["review_overdue"],
            ]
            for r in _ordered(res.rows("not_integrable"))
        ],
        [None, None, None, INT, INT],
    )
    _sheet(
        wb,
        "Maßnahmen",
        [
            "Gliederung",
            "Einheit",
            "Maßnahme",
            "Teilnehmende",
            "Praktikum",
            "Einstellung",
            "Einstellung nach Praktikum",
        ],
        [
            [
                _DIMS.get(r["dimension"], r["dimension"]),
                name(data, r["dimension"], r["dim_value"]),
                r["measure_name"] or r["measure"],
                r["participants"],
                r["internships"],
                r["hired"],
                r["hired_after_internship"],
            ]
            for r in _ordered(res.rows("funnel"))
        ],
        [None, None, None, INT, INT, INT, INT],
    )
    _sheet(
        wb,
        "Kontaktdichte",
        [
            "Gliederung",
            "Einheit",
            "Monat",
            "eLb am Stichtag",
            "Kontakte",
            "ohne Kontakt",
            "Kontakte je Person",
        ],
        [
            [
                _DIMS.get(r["dimension"], r["dimension"]),
                name(data, r["dimension"], r["dim_value"]),
                month_label(r["m"]),
                r["persons"],
                r["contacts"],
                r["persons_without_contact"],
                r["contacts"] / r["persons"] if r["persons"] else None,
            ]
            for r in _ordered(res.rows("contact_density"))
        ],
        [None, None, None, INT, INT, INT, "0.00"],
    )
    _sheet(
        wb,
        "Einsparungen",
        [
            "Gliederung",
            "Einheit",
            "Kohortenmonat",
            "Integrationen",
            "beendet nach Wartezeit",
            "verringert nach Wartezeit",
            "LLU angenommen",
            "LLU eingespart",
            "KdU eingespart",
            "davon im Berichtsmonat",
        ],
        [
            [
                _DIMS.get(r["dimension"], r["dimension"]),
                name(data, r["dimension"], r["dim_value"]),
                month_label(r["m"]),
                r["integrations"],
                r["ended_after_wait"],
                r["reduced_after_wait"],
                r["llu_assumed"],
                r["saved_llu_eur"],
                r["saved_kdu_eur"],
                r["saved_in_ref_month_eur"],
            ]
            for r in _ordered(res.rows("savings"))
        ],
        [None, None, None, INT, INT, INT, INT, EUR, EUR, EUR],
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
