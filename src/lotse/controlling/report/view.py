"""What the report page shows, in German, formatted: sections of tables and charts.

:func:`build_view` turns the computed :class:`~lotse.controlling.service.ReportData` into plain
dicts the template renders; no number is computed here except shares for display.
"""

from __future__ import annotations

from typing import Any

from lotse.analytics.figures import FIGURES
from lotse.analytics.months import month_label, stichtag
from lotse.controlling.report import charts, fmt
from lotse.controlling.service import ReportData

ORIGIN = {"ukraine": "Ukraine", "asylum_countries": "Asylherkunftsländer", "other": "Andere"}
GENDER = {"f": "Frauen", "m": "Männer", "d": "divers", "unknown": "ohne Angabe"}
REASON = {
    "language": "Sprache",
    "health": "Gesundheit",
    "childcare": "Kinderbetreuung",
    "care_of_relatives": "Pflege von Angehörigen",
    "residence_status": "Aufenthaltsstatus",
    "other": "Sonstiges",
}
DIMENSION_TITLES = {
    "site": "Standort",
    "team": "Team",
    "origin_group": "Herkunftsgruppe",
    "gender": "Geschlecht",
    "officer": "Vermittlungsfachkraft",
    "programme": "Programm",
}
MAX_OFFICERS = 25


def _count(row: dict[str, Any], key: str, digits: int = 0) -> str:
    """A count, or ``< 5`` where small-count suppression blanked it (controlling)."""
    if key in row.get("_suppressed", ()):
        return "< 5"
    return fmt.number(row[key], digits)


def _label(data: ReportData, dimension: str, value: str) -> str:
    if dimension == "origin_group":
        return ORIGIN.get(value, value)
    if dimension == "gender":
        return GENDER.get(value, value)
    if dimension == "programme":
        return data.programme_names.get(value, value)
    if dimension == "officer":
        return data.officer_names.get(value, value)
    return value


def _breakdown(data: ReportData, dimension: str) -> dict[str, Any]:
    rows = [
        r
        for r in data.results.rows("key_figures", dimension)
        if r["k2_elb_average_12m"] or "_suppressed" in r
    ]
    rows.sort(key=lambda r: -(r["k2_elb_average_12m"] or 0))
    if dimension == "officer":
        rows = rows[:MAX_OFFICERS]
    ref = data.options.reference_quota
    table = [
        {
            "name": _label(data, dimension, r["dim_value"]),
            "elb": _count(r, "elb_stock"),
            "elb_avg": _count(r, "k2_elb_average_12m", 1),
            "integrations": _count(r, "k2_integrations_12m"),
            "quota": fmt.percent(r["k2_integration_quota"]),
            "vs_ref": ""
            if ref is None or r["k2_integration_quota"] is None
            else fmt.signed(r["k2_integration_quota"] - ref, 1, "Pp."),
            "ended": _count(r, "exits_need_ended_12m"),
            "reduced": _count(r, "exits_need_reduced_12m"),
            "lzb": _count(r, "k3_long_term_recipients"),
        }
        for r in rows
    ]
    chart = ""
    if rows and dimension != "officer":
        chart = charts.bars(
            [_label(data, dimension, r["dim_value"]) for r in rows],
            [r["k2_integration_quota"] for r in rows],
            reference=ref,
            reference_label=data.options.reference_label,
        )
    return {"title": DIMENSION_TITLES[dimension], "rows": table, "chart": chart}


def _key_table(head: dict[str, Any]) -> list[dict[str, str]]:
    out = []
    for f in FIGURES:
        value = head.get(f.key)
        if f.unit == "percent":
            text = fmt.percent(value)
        elif f.unit == "eur":
            text = fmt.euro(value)
        elif f.unit == "average":
            text = fmt.number(value, 1)
        else:
            text = fmt.number(value)
        out.append({"label": f.label, "value": text, "source": f.source})
    return out


def _complete(data: ReportData, window_start: int) -> bool:
    return data.history_from_m is None or window_start >= data.history_from_m


def _trend(data: ReportData) -> str:
    rows = [r for r in data.results.rows("trend", "jobcenter") if _complete(data, r["m"] - 11)]
    if not rows:
        rows = data.results.rows("trend", "jobcenter")[-1:]
    months = [r["m"] for r in rows]
    series: dict[str, list[float | None]] = {
        data.jobcenter_label: [r["k2_integration_quota"] for r in rows]
    }
    sites = sorted({r["dim_value"] for r in data.results.rows("trend", "site")})
    if 1 < len(sites) <= 4:
        for site in sites:
            by_m = {
                r["m"]: r["k2_integration_quota"]
                for r in data.results.rows("trend", "site")
                if r["dim_value"] == site
            }
            series[site] = [by_m.get(m) for m in months]
    return charts.quota_trend(
        months,
        series,
        reference=data.options.reference_quota,
        reference_label=data.options.reference_label,
    )


def _exits(data: ReportData) -> dict[str, Any]:
    ref = data.options.ref_m
    months = list(range(ref - min(data.options.trend_months, 24) + 1, ref + 1))
    by_m = {r["m"]: r for r in data.results.rows("entries_monthly", "jobcenter")}
    ended = [int(by_m[m]["exits_ended"]) if m in by_m else 0 for m in months]
    reduced = [int(by_m[m]["exits_reduced"]) if m in by_m else 0 for m in months]
    total = [int(by_m[m]["integrations"]) if m in by_m else 0 for m in months]
    unknown = [t - e - r for t, e, r in zip(total, ended, reduced, strict=True)]
    groups = []
    prev_known = _complete(data, ref - 23)
    for r in data.results.rows("key_figures", "origin_group"):
        groups.append(
            {
                "name": ORIGIN.get(r["dim_value"], r["dim_value"]),
                "now": fmt.number(r["k2_integrations_12m"]),
                "before": fmt.number(r["k2_integrations_prev_12m"]) if prev_known else "–",
                "change": fmt.signed(r["exits_change_12m"], 0) if prev_known else "–",
                "change_pct": fmt.percent(r["exits_change_pct"]) if prev_known else "–",
                "ended": fmt.number(r["exits_need_ended_12m"]),
                "reduced": fmt.number(r["exits_need_reduced_12m"]),
            }
        )
    cut = sum(1 for m in months if not _complete(data, m))
    cut = cut if cut < len(months) else 0
    return {
        "chart": charts.exits(months[cut:], ended[cut:], reduced[cut:], unknown[cut:]),
        "groups": groups,
        "prev_known": prev_known,
    }


def _not_integrable(data: ReportData) -> dict[str, Any]:
    head = data.headline
    stock = head.get("elb_stock") or 0
    rows = data.results.rows("not_integrable", "jobcenter")
    total = next((r for r in rows if r["reason"] is None), None)
    reasons = sorted(
        (r for r in rows if r["reason"] is not None), key=lambda r: -(r["persons"] or 0)
    )
    labels = [REASON.get(str(r["reason"]), str(r["reason"])) for r in reasons]
    shares = [
        100 * r["persons"] / stock if stock and r["persons"] is not None else None for r in reasons
    ]
    return {
        "persons": fmt.number(total["persons"] if total else 0),
        "share": fmt.percent(100 * total["persons"] / stock if total and stock else 0),
        "overdue": fmt.number(total["review_overdue"] if total else 0),
        "rows": [
            {"reason": lab, "persons": _count(r, "persons"), "share": fmt.percent(s)}
            for lab, r, s in zip(labels, reasons, shares, strict=True)
        ],
        "chart": charts.bars(labels, shares) if reasons else "",
    }


def _funnels(data: ReportData) -> list[dict[str, Any]]:
    rows = sorted(data.results.rows("funnel", "jobcenter"), key=lambda r: -(r["participants"] or 0))
    out = []
    for i, r in enumerate(rows):
        blanked = r["participants"] is None  # small-count suppression (controlling)
        stages = [
            ("Teilnehmende", int(r["participants"] or 0)),
            ("Praktikum", int(r["internships"] or 0)),
            ("Einstellung", int(r["hired"] or 0)),
        ]
        out.append(
            {
                "measure": r["measure_name"] or r["measure"],
                "participants": _count(r, "participants"),
                "internships": _count(r, "internships"),
                "hired": _count(r, "hired"),
                "hired_after_internship": _count(r, "hired_after_internship"),
                "chart": charts.funnel(stages)
                if i < 4 and r["internships"] and not blanked
                else "",
            }
        )
    return out


def _contacts(data: ReportData) -> list[dict[str, Any]]:
    ref = data.options.ref_m
    targets = {r["programme"]: r["contacts_per_month"] for r in data.results.rows("programmes")}
    units: dict[tuple[str, str], dict[str, float]] = {}
    for r in data.results.rows("contact_density"):
        if r["dimension"] not in ("jobcenter", "programme"):
            continue
        u = units.setdefault(
            (r["dimension"], r["dim_value"]), {"contacts": 0, "persons": 0, "c_now": 0, "p_now": 0}
        )
        u["contacts"] += r["contacts"]
        u["persons"] += r["persons"]
        if r["m"] == ref:
            u["c_now"], u["p_now"] = r["contacts"], r["persons"]
    out = []
    own = data.options.programme
    for (dim, value), u in sorted(units.items()):
        if dim == "programme" and value == own:
            continue  # the report's whole population already is this programme
        target = targets.get(value) if dim == "programme" else targets.get(own or "")
        density = u["contacts"] / u["persons"] if u["persons"] else None
        now = u["c_now"] / u["p_now"] if u["p_now"] else None
        out.append(
            {
                "name": data.jobcenter_label if dim == "jobcenter" else _label(data, dim, value),
                "density_12m": fmt.number(density, 2),
                "density_now": fmt.number(now, 2),
                "target": fmt.number(target, 2) if target else "–",
                "reached": fmt.percent(100 * density / target)
                if target and density is not None
                else "–",
            }
        )
    return out


def _savings(data: ReportData) -> dict[str, Any]:
    s = data.savings
    a = s.assumptions
    return {
        "cohort": f"{fmt.month_name(_m(s.cohort_from))} bis {fmt.month_name(_m(s.cohort_to))}",
        "integrations": fmt.number(s.integrations),
        "ended": fmt.number(s.ended_after_wait),
        "reduced": fmt.number(s.reduced_after_wait),
        "saved_llu": fmt.euro(s.saved_llu_eur),
        "saved_kdu": fmt.euro(s.saved_kdu_eur),
        "saved": fmt.euro(s.saved_eur),
        "saved_month": fmt.euro(s.saved_in_ref_month_eur),
        "cost": fmt.euro(s.cost_eur),
        "net": fmt.euro(s.net_eur),
        "ratio": fmt.number(s.savings_per_cost, 2) if s.savings_per_cost is not None else "–",
        "cost_months": fmt.number(s.cost_months),
        "assumptions": [
            ("Wartezeit", f"{a.waiting_months} Monate"),
            ("Zusätzliche Stellen (Vollzeit)", fmt.number(a.extra_staff_fte, 1)),
            ("Kosten je Stelle und Jahr", fmt.euro(a.annual_cost_per_fte_eur)),
            ("LLU, wo kein Betrag erfasst ist", fmt.euro(a.missing_llu_eur)),
            (
                "Anteil weiter gezahlter LLU bei nur verringertem Bedarf ohne erfassten Betrag",
                fmt.percent(100 * a.top_up_share, 0),
            ),
            ("KdU je Person, wo der Haushalt keine angibt", fmt.euro(a.kdu_per_person_eur)),
            ("Integrationen mit angenommenem LLU-Betrag", fmt.number(s.llu_assumed)),
        ],
    }


def _m(label: str) -> int:
    year, month = label.split("-")
    return int(year) * 12 + int(month) - 1


def build_view(data: ReportData) -> dict[str, Any]:
    """Everything the template needs, formatted."""
    opts = data.options
    ref = opts.ref_m
    head = data.headline
    quota = head.get("k2_integration_quota")
    dims = ["site", "team", "origin_group", "gender", "officer"]
    if not opts.programme:
        dims.insert(3, "programme")
    return {
        "title": f"Programmcontrolling {data.jobcenter_label}",
        "month": fmt.month_name(ref),
        "month_label": month_label(ref),
        "stichtag": fmt.day(stichtag(ref)),
        "window": f"{fmt.month_name(ref - 11)} bis {fmt.month_name(ref)}",
        "scope": data.jobcenter_label,
        "reference_label": opts.reference_label,
        "reference": fmt.percent(opts.reference_quota)
        if opts.reference_quota is not None
        else None,
        "vs_reference": fmt.signed(quota - opts.reference_quota, 1, "Pp.")
        if quota is not None and opts.reference_quota is not None
        else None,
        "cards": [
            ("Integrationsquote (K2)", fmt.percent(quota)),
            ("Integrationen, 12 Monate", fmt.number(head.get("k2_integrations_12m"))),
            ("eLb im Durchschnitt", fmt.number(head.get("k2_elb_average_12m"))),
            ("Langzeitleistungsbeziehende", fmt.number(head.get("k3_long_term_recipients"))),
        ],
        "key_table": _key_table(head),
        "trend": _trend(data),
        "history_note": None
        if _complete(data, data.results.parameters.trend_lo - 11)
        else "Arbeitsaufnahmen sind erst ab "
        f"{fmt.month_name(data.history_from_m or ref)} erfasst; Monate, deren "
        "Zwölfmonatszeitraum früher beginnt, sind nicht dargestellt.",
        "breakdowns": [_breakdown(data, d) for d in dims],
        "exits": _exits(data),
        "not_integrable": _not_integrable(data),
        "funnels": _funnels(data),
        "contacts": _contacts(data),
        "savings": _savings(data),
    }
