"""The published key figures: stable keys, labels, units and legal sources, and their JSON form.

The keys are the column names of the ``key_figures`` step
(:mod:`lotse.analytics.definitions`); this module only names and orders them. Changing a key
breaks every consumer of ``lotse figures --format json``: add keys, never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from lotse.analytics.engine import Results
from lotse.analytics.months import month_label

__all__ = ["FIGURES", "FigureDef", "figures_document"]

Unit = Literal["count", "average", "percent", "eur"]


@dataclass(frozen=True)
class FigureDef:
    key: str
    label: str
    """German label (UI text is German first)."""
    unit: Unit
    source: str


def _f(key: str, label: str, unit: Unit, source: str) -> FigureDef:
    return FigureDef(key, label, unit, source)


FIGURES: tuple[FigureDef, ...] = (
    _f("elb_stock", "eLb im Bestand (Stichtag)", "count", "§ 5(1) KennzahlenV; S1"),
    _f("elb_stock_prev_year", "eLb im Bestand, Vorjahresmonat", "count", "§ 4(2) Nr. 2"),
    _f("k1e2_elb_change_pct", "K1E2 Veränderung der Zahl der eLb", "percent", "§ 4(2) Nr. 2"),
    _f("k1_llu_sum_eur", "K1 Summe LLU im Bezugsmonat", "eur", "§ 4(1)"),
    _f("k1_llu_sum_prev_year_eur", "K1 Summe LLU im Vorjahresmonat", "eur", "§ 4(1)"),
    _f("k1_llu_change_pct", "K1 Veränderung der Summe LLU", "percent", "§ 4(1); S7"),
    _f("k2_integrations_12m", "K2 Integrationen (12 Monate)", "count", "§ 5(1)"),
    _f("k2_elb_average_12m", "K2 durchschnittlicher eLb-Bestand (12 Monate)", "average", "§ 5(1)"),
    _f("k2_integration_quota", "K2 Integrationsquote", "percent", "§ 5(1)"),
    _f(
        "k2_minijob_entries_12m",
        "K2E1 Eintritte in geringfügige Beschäftigung",
        "count",
        "§ 5(2) Nr. 1",
    ),
    _f(
        "k2_minijob_entry_quota",
        "K2E1 Quote der Eintritte in geringfügige Beschäftigung",
        "percent",
        "§ 5(2) Nr. 1",
    ),
    _f(
        "k2_public_employment_entries_12m",
        "K2E2 Eintritte in öffentlich geförderte Beschäftigung",
        "count",
        "§ 5(2) Nr. 2",
    ),
    _f(
        "k2_public_employment_entry_quota",
        "K2E2 Quote der Eintritte in öffentlich geförderte Beschäftigung",
        "percent",
        "§ 5(2) Nr. 2",
    ),
    _f(
        "k2_continuous_cohort_integrations",
        "K2E3 Integrationen in SV-Beschäftigung (Kohorte)",
        "count",
        "§ 5(2) Nr. 3; S4",
    ),
    _f(
        "k2_continuous_employments",
        "K2E3 kontinuierliche Beschäftigungen",
        "count",
        "§ 5(2) Nr. 3; S4",
    ),
    _f(
        "k2_continuous_employment_6m",
        "K2E3 Kontinuierliche Beschäftigung nach Integration",
        "percent",
        "§ 5(2) Nr. 3; S4",
    ),
    _f(
        "k2_single_parent_integrations_12m",
        "K2E4 Integrationen Alleinerziehender",
        "count",
        "§ 5(2) Nr. 4; S8",
    ),
    _f(
        "k2_single_parent_elb_average_12m",
        "K2E4 durchschnittlicher Bestand Alleinerziehender",
        "average",
        "§ 5(2) Nr. 4; S8",
    ),
    _f(
        "k2_single_parent_integration_quota",
        "K2E4 Integrationsquote der Alleinerziehenden",
        "percent",
        "§ 5(2) Nr. 4; S8",
    ),
    _f("k3_long_term_recipients", "K3 Langzeitleistungsbeziehende (LZB)", "count", "§ 6(1); S5"),
    _f("k3_long_term_recipients_prev_year", "K3 LZB im Vorjahresmonat", "count", "§ 6(1)"),
    _f("k3_change_pct", "K3 Veränderung des Bestands an LZB", "percent", "§ 6(1); S7"),
    _f("k3_integrations_12m", "K3E1 Integrationen von LZB (12 Monate)", "count", "§ 6(2) Nr. 1"),
    _f(
        "k3_lzb_average_12m",
        "K3E1 durchschnittlicher LZB-Bestand (12 Monate)",
        "average",
        "§ 6(2) Nr. 1",
    ),
    _f("k3_integration_quota", "K3E1 Integrationsquote der LZB", "percent", "§ 6(2) Nr. 1"),
    _f(
        "k3_in_active_measure",
        "K3E2 LZB in einer Maßnahme der aktiven Arbeitsförderung",
        "count",
        "§ 6(2) Nr. 2; S6",
    ),
    _f("k3_activation_quota", "K3E2 Aktivierungsquote der LZB", "percent", "§ 6(2) Nr. 2; S6"),
    _f(
        "exits_need_ended_12m",
        "Abgänge in Arbeit: Hilfebedürftigkeit beendet",
        "count",
        "mission.md (Job-Turbo)",
    ),
    _f(
        "exits_need_reduced_12m",
        "Abgänge in Arbeit: Hilfebedürftigkeit verringert",
        "count",
        "mission.md (Job-Turbo)",
    ),
    _f(
        "exits_need_unknown_12m",
        "Abgänge in Arbeit: Wirkung auf den Bezug unbekannt",
        "count",
        "mission.md",
    ),
    _f(
        "k2_integrations_prev_12m",
        "Integrationen in den 12 Monaten davor",
        "count",
        "mission.md (Vorjahresvergleich)",
    ),
    _f(
        "exits_change_12m", "Veränderung der Integrationen gegenüber Vorjahr", "count", "mission.md"
    ),
    _f(
        "exits_change_pct",
        "Veränderung der Integrationen gegenüber Vorjahr, relativ",
        "percent",
        "mission.md",
    ),
)

FIGURE_KEYS = tuple(f.key for f in FIGURES)


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    return value


def figures_of(row: dict[str, Any]) -> dict[str, Any]:
    """The published figures of one ``key_figures`` row, in published order."""
    return {key: _clean(row.get(key)) for key in FIGURE_KEYS}


def figures_document(results: Results) -> dict[str, Any]:
    """Every key figure for the whole Jobcenter and per site, as a JSON-ready dict.

    Examples
    --------
    >>> import pyarrow as pa
    >>> from datetime import date
    >>> from lotse.analytics.engine import FigureEngine, Parameters
    >>> from lotse.analytics.months import parse_month
    >>> engine = FigureEngine()
    >>> engine.load_arrow({
    ...     "clients": pa.table({"client_id": ["a"], "site": ["Borken"]}),
    ...     "benefit_periods": pa.table({"client_id": ["a"], "start_date": [date(2024, 1, 1)]}),
    ... })
    >>> doc = figures_document(engine.run(Parameters(ref_m=parse_month("2025-03"))))
    >>> doc["month"], doc["jobcenter"]["k2_elb_average_12m"], list(doc["sites"])
    ('2025-03', 1.0, ['Borken'])
    """
    params = results.parameters
    ref = params.ref_m
    jobcenter = results.unit("jobcenter", "Jobcenter")
    doc: dict[str, Any] = {
        "month": month_label(ref),
        "stichtag": "last day of the month",
        "windows": {
            "k2_integrations": [month_label(ref - 11), month_label(ref)],
            "k2_continuous_cohort": [
                month_label(ref - params.continuous_months - 11),
                month_label(ref - params.continuous_months),
            ],
            "prev_year_month": month_label(ref - 12),
        },
        "filter": {"site": params.filter_site, "programme": params.filter_programme},
        "jobcenter": figures_of(jobcenter) if jobcenter else dict.fromkeys(FIGURE_KEYS),
        "sites": {r["dim_value"]: figures_of(r) for r in results.rows("key_figures", "site")},
    }
    for dim in params.dimensions:
        if dim not in ("jobcenter", "site"):
            doc.setdefault("breakdowns", {})[dim] = {
                r["dim_value"]: figures_of(r) for r in results.rows("key_figures", dim)
            }
    return doc
