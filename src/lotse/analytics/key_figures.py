"""The key figures per reported unit: counts of the person-level facts and their quotients.

The person-level steps are in :mod:`lotse.analytics.definitions`; here they are counted per
unit (:func:`lotse.analytics.aggregation.aggregate`) and turned into the published figures,
with the same legal sources.
"""

from __future__ import annotations

from lotse.analytics.aggregation import aggregate
from lotse.analytics.definitions import BASE_STEPS
from lotse.analytics.steps import Step

__all__ = ["official_steps"]


def _stock_monthly(dimensions: tuple[str, ...]) -> Step:
    return Step(
        "stock_monthly",
        aggregate(
            "stock_facts",
            date="stichtag",
            keys=("m",),
            dimensions=dimensions,
            measures="COUNT(*) AS elb, SUM(pe.single_parent) AS elb_single_parent, "
            "SUM(f.is_lzb) AS lzb, SUM(f.lzb_in_measure) AS lzb_in_measure, "
            "SUM(f.llu_eur) AS llu_eur",
        ),
        "Per unit and month: eLb stock, single parents, LZB, LZB in an active measure "
        "(reference month only) and the LLU sum of the stock (K1).",
        "§§ 4(1), 5(1), 5(2) Nr. 4, 6 KennzahlenV",
    )


def _entries_monthly(dimensions: tuple[str, ...]) -> Step:
    return Step(
        "entries_monthly",
        aggregate(
            "entry_facts",
            date="start_date",
            keys=("m",),
            dimensions=dimensions,
            measures="SUM(f.is_integration) AS integrations, "
            "SUM(f.is_minijob) AS minijob_entries, "
            "SUM(f.is_public_employment) AS public_employment_entries, "
            "SUM(f.is_integration * pe.single_parent) AS integrations_single_parent, "
            "SUM(f.is_lzb_integration) AS integrations_lzb, "
            "SUM(f.exit_ended) AS exits_ended, SUM(f.exit_reduced) AS exits_reduced",
        ),
        "Per unit and month of the job start: Integrationen, entries into minijobs and into "
        "öffentlich geförderte Beschäftigung, Integrationen of single parents and of LZB, and "
        "exits into work split into benefit need ended vs only reduced.",
        "§ 5(1), § 5(2) Nr. 1, 2, 4, § 6(2) Nr. 1 KennzahlenV",
    )


def _continuous_scoped(dimensions: tuple[str, ...]) -> Step:
    return Step(
        "continuous_scoped",
        aggregate(
            "continuous",
            date="start_date",
            dimensions=dimensions,
            measures="COUNT(*) AS sv_integrations, SUM(f.continuous) AS continuous",
        ),
        "Per unit: the K2E3 cohort and how many of it stayed employed six months.",
        "§ 5(2) Nr. 3 KennzahlenV",
    )


def _window(column: str, lo: str, hi: str = "p.ref_m", table: str = "x") -> str:
    return f"SUM(CASE WHEN {table}.m BETWEEN {lo} AND {hi} THEN {table}.{column} ELSE 0 END)"


KEY_FIGURES = Step(
    "key_figures",
    f"""
WITH units AS (
    SELECT dimension, dim_value FROM stock_monthly
    UNION SELECT dimension, dim_value FROM entries_monthly
    UNION SELECT dimension, dim_value FROM continuous_scoped
),
s AS (
    SELECT x.dimension, x.dim_value,
           {_window("elb", "p.ref_m", "p.ref_m")} AS elb_now,
           {_window("elb", "p.ref_m - 12", "p.ref_m - 12")} AS elb_prev_year,
           {_window("elb", "p.ref_m - 11")} AS elb_sum_12m,
           {_window("elb_single_parent", "p.ref_m - 11")} AS single_parent_sum_12m,
           {_window("lzb", "p.ref_m - 11")} AS lzb_sum_12m,
           {_window("lzb", "p.ref_m", "p.ref_m")} AS lzb_now,
           {_window("lzb", "p.ref_m - 12", "p.ref_m - 12")} AS lzb_prev_year,
           {_window("lzb_in_measure", "p.ref_m", "p.ref_m")} AS lzb_in_measure,
           {_window("llu_eur", "p.ref_m", "p.ref_m")} AS llu_now,
           {_window("llu_eur", "p.ref_m - 12", "p.ref_m - 12")} AS llu_prev_year
    FROM stock_monthly x CROSS JOIN params p
    GROUP BY x.dimension, x.dim_value
),
e AS (
    SELECT x.dimension, x.dim_value,
           {_window("integrations", "p.ref_m - 11")} AS integrations_12m,
           {_window("minijob_entries", "p.ref_m - 11")} AS minijob_12m,
           {_window("public_employment_entries", "p.ref_m - 11")} AS public_12m,
           {_window("integrations_single_parent", "p.ref_m - 11")} AS single_parent_12m,
           {_window("integrations_lzb", "p.ref_m - 11")} AS lzb_integrations_12m,
           {_window("exits_ended", "p.ref_m - 11")} AS ended_12m,
           {_window("exits_reduced", "p.ref_m - 11")} AS reduced_12m,
           {_window("integrations", "p.ref_m - 23", "p.ref_m - 12")} AS integrations_prev_12m
    FROM entries_monthly x CROSS JOIN params p
    GROUP BY x.dimension, x.dim_value
)
SELECT u.dimension, u.dim_value,
       COALESCE(s.elb_now, 0) AS elb_stock,
       COALESCE(s.elb_prev_year, 0) AS elb_stock_prev_year,
       100.0 * s.elb_now / NULLIF(s.elb_prev_year, 0) - 100.0 AS k1e2_elb_change_pct,
       ROUND(COALESCE(s.llu_now, 0), 2) AS k1_llu_sum_eur,
       ROUND(COALESCE(s.llu_prev_year, 0), 2) AS k1_llu_sum_prev_year_eur,
       100.0 * ROUND(s.llu_now, 2) / NULLIF(ROUND(s.llu_prev_year, 2), 0) - 100.0
           AS k1_llu_change_pct,
       COALESCE(e.integrations_12m, 0) AS k2_integrations_12m,
       COALESCE(s.elb_sum_12m, 0) / 12.0 AS k2_elb_average_12m,
       1200.0 * COALESCE(e.integrations_12m, 0) / NULLIF(s.elb_sum_12m, 0)
           AS k2_integration_quota,
       COALESCE(e.minijob_12m, 0) AS k2_minijob_entries_12m,
       1200.0 * COALESCE(e.minijob_12m, 0) / NULLIF(s.elb_sum_12m, 0)
           AS k2_minijob_entry_quota,
       COALESCE(e.public_12m, 0) AS k2_public_employment_entries_12m,
       1200.0 * COALESCE(e.public_12m, 0) / NULLIF(s.elb_sum_12m, 0)
           AS k2_public_employment_entry_quota,
       COALESCE(cs.sv_integrations, 0) AS k2_continuous_cohort_integrations,
       COALESCE(cs.continuous, 0) AS k2_continuous_employments,
       100.0 * cs.continuous / NULLIF(cs.sv_integrations, 0) AS k2_continuous_employment_6m,
       COALESCE(e.single_parent_12m, 0) AS k2_single_parent_integrations_12m,
       COALESCE(s.single_parent_sum_12m, 0) / 12.0 AS k2_single_parent_elb_average_12m,
       1200.0 * COALESCE(e.single_parent_12m, 0) / NULLIF(s.single_parent_sum_12m, 0)
           AS k2_single_parent_integration_quota,
       COALESCE(s.lzb_now, 0) AS k3_long_term_recipients,
       COALESCE(s.lzb_prev_year, 0) AS k3_long_term_recipients_prev_year,
       100.0 * s.lzb_now / NULLIF(s.lzb_prev_year, 0) - 100.0 AS k3_change_pct,
       COALESCE(e.lzb_integrations_12m, 0) AS k3_integrations_12m,
       COALESCE(s.lzb_sum_12m, 0) / 12.0 AS k3_lzb_average_12m,
       1200.0 * COALESCE(e.lzb_integrations_12m, 0) / NULLIF(s.lzb_sum_12m, 0)
           AS k3_integration_quota,
       COALESCE(s.lzb_in_measure, 0) AS k3_in_active_measure,
       100.0 * s.lzb_in_measure / NULLIF(s.lzb_now, 0) AS k3_activation_quota,
       COALESCE(e.ended_12m, 0) AS exits_need_ended_12m,
       COALESCE(e.reduced_12m, 0) AS exits_need_reduced_12m,
       COALESCE(e.integrations_12m, 0) - COALESCE(e.ended_12m, 0) - COALESCE(e.reduced_12m, 0)
           AS exits_need_unknown_12m,
       COALESCE(e.integrations_prev_12m, 0) AS k2_integrations_prev_12m,
       COALESCE(e.integrations_12m, 0) - COALESCE(e.integrations_prev_12m, 0)
           AS exits_change_12m,
       100.0 * e.integrations_12m / NULLIF(e.integrations_prev_12m, 0) - 100.0
           AS exits_change_pct
FROM units u
LEFT JOIN s ON s.dimension = u.dimension AND s.dim_value = u.dim_value
LEFT JOIN e ON e.dimension = u.dimension AND e.dim_value = u.dim_value
LEFT JOIN continuous_scoped cs ON cs.dimension = u.dimension AND cs.dim_value = u.dim_value
""",
    "Every key figure per scope for the reference month. Quotients in percent (§ 3 sentence 4); "
    "K1, K1E2 and K3 are given as change against the same month a year before in percent "
    "(quotient × 100 − 100), as the BMAS publishes them (S7).",
    "§§ 3–6 KennzahlenV",
)

TREND = Step(
    "trend",
    """
WITH r AS (SELECT c.m AS ref FROM months c CROSS JOIN params p
           WHERE c.m BETWEEN p.trend_lo AND p.ref_m),
s AS (
    SELECT r.ref, x.dimension, x.dim_value, SUM(x.elb) AS elb_sum
    FROM r JOIN stock_monthly x ON x.m BETWEEN r.ref - 11 AND r.ref
    GROUP BY r.ref, x.dimension, x.dim_value
),
e AS (
    SELECT r.ref, x.dimension, x.dim_value, SUM(x.integrations) AS integrations
    FROM r JOIN entries_monthly x ON x.m BETWEEN r.ref - 11 AND r.ref
    GROUP BY r.ref, x.dimension, x.dim_value
)
SELECT s.dimension, s.dim_value, s.ref AS m,
       COALESCE(e.integrations, 0) AS k2_integrations_12m,
       s.elb_sum / 12.0 AS k2_elb_average_12m,
       1200.0 * COALESCE(e.integrations, 0) / NULLIF(s.elb_sum, 0) AS k2_integration_quota
FROM s LEFT JOIN e ON e.ref = s.ref AND e.dimension = s.dimension AND e.dim_value = s.dim_value
""",
    "K2 for each of the months of the trend (the same definition, reference month moved).",
    "§ 5(1) KennzahlenV",
)


def official_steps(dimensions: tuple[str, ...]) -> list[Step]:
    """Every step of the official key figures, in order, for the given breakdowns.

    >>> [s.name for s in official_steps(("jobcenter",))][-5:]
    ['stock_monthly', 'entries_monthly', 'continuous_scoped', 'key_figures', 'trend']
    """
    return [
        *BASE_STEPS, _stock_monthly(dimensions), _entries_monthly(dimensions),
        _continuous_scoped(dimensions), KEY_FIGURES, TREND,
    ]  # fmt: skip
