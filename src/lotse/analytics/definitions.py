"""The key figures of § 48a SGB II, defined once, as SQL steps with their legal source.

Source of every rule: Verordnung zur Festlegung der Kennzahlen nach § 48a SGB II
(48a-KennzahlenV, as amended 15.3.2019, BGBl. I 339), quoted as "§ n KennzahlenV", and where
the regulation leaves a point open, the decision taken here (S1 … S9, explained in
``docs/key-figures.md``).

The steps run in order; each one's result is a table the later ones read:

``population`` → ``people`` → ``scopes`` → ``stock`` → ``entries`` → ``lzb`` → ``in_measure``
→ ``sv_cover`` → ``continuous`` → ``stock_monthly`` → ``entries_monthly`` →
``continuous_scoped`` → ``key_figures`` and ``trend``.

A *scope* is one unit a figure is reported for: the whole Jobcenter, a site, a team, an officer,
an origin group, a gender, a programme or focus group. Every fact (a person in the stock at a
Stichtag, a job start) is counted in every scope the person belongs to at the fact's date.
"""

from __future__ import annotations

from lotse.analytics.steps import Step, covers, month_of
from lotse.domain.codes import IntegrationKind

__all__ = ["DIMENSIONS", "official_steps", "scopes_step"]


def _in(values: list[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


INTEGRATION_KINDS = _in([k.value for k in IntegrationKind if k.counts_as_integration])
SV_KINDS = _in([IntegrationKind.EMPLOYMENT.value, IntegrationKind.APPRENTICESHIP.value])

POPULATION = Step(
    "population",
    """
SELECT c.client_id, DATE '0001-01-01' AS valid_from, DATE '9999-12-31' AS valid_to
FROM clients c CROSS JOIN params p
WHERE p.filter_programme IS NULL AND (p.filter_site IS NULL OR c.site = p.filter_site)
UNION ALL
SELECT ms.client_id, COALESCE(ms.since_date, DATE '0001-01-01') AS valid_from,
       COALESCE(ms.until_date, DATE '9999-12-31') AS valid_to
FROM memberships ms JOIN clients c ON c.client_id = ms.client_id CROSS JOIN params p
WHERE ms.programme = p.filter_programme AND (p.filter_site IS NULL OR c.site = p.filter_site)
""",
    "Whom a report covers: everybody, the clients of one site, or the members of one programme "
    "while they are members.",
)

PEOPLE = Step(
    "people",
    """
SELECT c.client_id, c.site,
       CASE WHEN o.team IS NULL THEN NULL ELSE COALESCE(o.site, c.site) || ' / ' || o.team END
           AS team,
       c.officer_id,
       COALESCE(og.origin_group, 'other') AS origin_group,
       COALESCE(c.gender, 'unknown') AS gender,
       CASE WHEN h.single_parent THEN 1 ELSE 0 END AS single_parent,
       h.size AS household_size, h.monthly_housing_eur
FROM clients c
LEFT JOIN officers o ON o.officer_id = c.officer_id
LEFT JOIN origin_groups og ON og.citizenship = UPPER(c.citizenship)
LEFT JOIN households h ON h.household_id = c.household_id
""",
    "One row per person with the breakdown attributes. Origin group per lotse.domain.origin "
    "(Ukraine, the eight Asylherkunftsländer, others); single parent from the household (S8).",
    "§ 3 KennzahlenV (figures by sex); § 5(2) Nr. 4 (Alleinerziehende)",
)

DIMENSIONS: dict[str, str] = {
    "jobcenter": "'Jobcenter'",
    "site": "pe.site",
    "team": "pe.team",
    "officer": "pe.officer_id",
    "origin_group": "pe.origin_group",
    "gender": "pe.gender",
}
"""Breakdown dimensions that are attributes of the person; ``programme`` is added separately."""


def scopes_step(dimensions: tuple[str, ...]) -> Step:
    """The ``scopes`` step for the requested breakdown dimensions.

    >>> print(scopes_step(("jobcenter",)).sql.strip())  # doctest: +NORMALIZE_WHITESPACE
    SELECT pop.client_id, 'jobcenter' AS dimension, CAST('Jobcenter' AS VARCHAR) AS dim_value,
    pop.valid_from, pop.valid_to FROM population pop JOIN people pe ON pe.client_id =
    pop.client_id WHERE 'Jobcenter' IS NOT NULL
    """
    parts = []
    for dim in dimensions:
        if dim == "programme":
            parts.append(
                "SELECT ms.client_id, 'programme' AS dimension, "
                "CAST(ms.programme AS VARCHAR) AS dim_value, "
                "CASE WHEN COALESCE(ms.since_date, DATE '0001-01-01') > pop.valid_from "
                "THEN COALESCE(ms.since_date, DATE '0001-01-01') ELSE pop.valid_from END "
                "AS valid_from, "
                "CASE WHEN COALESCE(ms.until_date, DATE '9999-12-31') < pop.valid_to "
                "THEN COALESCE(ms.until_date, DATE '9999-12-31') ELSE pop.valid_to END "
                "AS valid_to "
                "FROM memberships ms JOIN population pop ON pop.client_id = ms.client_id "
                "WHERE COALESCE(ms.since_date, DATE '0001-01-01') <= pop.valid_to "
                "AND COALESCE(ms.until_date, DATE '9999-12-31') >= pop.valid_from"
            )
        elif dim in DIMENSIONS:
            expr = DIMENSIONS[dim]
            parts.append(
                f"SELECT pop.client_id, '{dim}' AS dimension, CAST({expr} AS VARCHAR) AS "
                "dim_value, pop.valid_from, pop.valid_to FROM population pop "
                f"JOIN people pe ON pe.client_id = pop.client_id WHERE {expr} IS NOT NULL"
            )
        else:
            raise ValueError(f"unknown dimension {dim!r}")
    return Step(
        "scopes",
        "\n" + "\nUNION ALL\n".join(parts) + "\n",
        "Each person's membership in the reported units, with the dates it holds "
        "(programme memberships are dated, attributes hold always).",
    )


STOCK = Step(
    "stock",
    f"""
SELECT bp.client_id, c.m, MAX(bp.monthly_benefit_eur) AS llu_eur
FROM benefit_periods bp
JOIN months c ON {covers("bp", "c.stichtag")}
CROSS JOIN params p
WHERE c.m BETWEEN p.stock_lo AND p.ref_m
GROUP BY bp.client_id, c.m
""",
    "The eLb stock: a person is in the stock of month m when a benefit period contains the "
    "Stichtag of m (the last day of the month, S1). One row per person and month.",
    "§ 5(1) KennzahlenV 'Bestand der erwerbsfähigen Leistungsberechtigten'; S1",
)

ENTRIES = Step(
    "entries",
    f"""
WITH js AS (
    SELECT j.client_id, j.start_date, {month_of("j.start_date")} AS m,
           CASE WHEN j.kind IN {INTEGRATION_KINDS} THEN 1 ELSE 0 END AS is_integration,
           CASE WHEN j.kind = 'employment' THEN 1 ELSE 0 END AS is_sv_employment,
           CASE WHEN j.kind = 'minijob' THEN 1 ELSE 0 END AS is_minijob,
           CASE WHEN j.kind = 'public_employment' THEN 1 ELSE 0 END AS is_public_employment,
           j.ends_benefit_need
    FROM job_starts j
),
elig AS (
    SELECT js.client_id, js.m, js.start_date, js.is_integration, js.is_sv_employment,
           js.is_minijob, js.is_public_employment, js.ends_benefit_need,
           MAX(CASE WHEN {covers("bp", "cp.stichtag")} THEN 1 ELSE 0 END) AS elb_before,
           MAX(CASE WHEN {covers("bp", "cp.stichtag")} THEN bp.monthly_benefit_eur END)
               AS llu_prev,
           MAX(CASE WHEN {covers("bp", "cc.stichtag")} THEN bp.monthly_benefit_eur END)
               AS llu_cur
    FROM js
    CROSS JOIN params p
    JOIN months cc ON cc.m = js.m
    JOIN months cp ON cp.m = js.m - 1
    JOIN benefit_periods bp ON bp.client_id = js.client_id
        AND bp.start_date <= cc.stichtag
        AND (bp.end_date IS NULL OR bp.end_date >= cp.stichtag)
    WHERE js.m BETWEEN p.entries_lo AND p.ref_m
    GROUP BY js.client_id, js.m, js.start_date, js.is_integration, js.is_sv_employment,
             js.is_minijob, js.is_public_employment, js.ends_benefit_need
)
SELECT client_id, m, MIN(start_date) AS start_date,
       CASE WHEN MAX(elb_before) = 1 THEN m - 1 ELSE m END AS anchor_m,
       CASE WHEN MAX(elb_before) = 1 THEN MAX(llu_prev) ELSE MAX(llu_cur) END AS llu_before,
       MAX(is_integration) AS is_integration,
       MAX(is_sv_employment) AS is_sv_employment,
       MAX(is_minijob) AS is_minijob,
       MAX(is_public_employment) AS is_public_employment,
       MAX(CASE WHEN is_integration = 1 AND ends_benefit_need THEN 1 ELSE 0 END) AS need_ended,
       MAX(CASE WHEN is_integration = 1 AND NOT ends_benefit_need THEN 1 ELSE 0 END)
           AS need_reduced
FROM elig
GROUP BY client_id, m
""",
    "Job starts of eLb, one row per person and month. A start counts when the person was in "
    "the eLb stock at the Stichtag before it, or — having just come in — at the Stichtag of the "
    "month it happened in (S2). Several starts of one person in one month make one row: 'for "
    "every month only one Integration per eLb' (S3). Integration = employment (SV, also with "
    "a wage subsidy), apprenticeship (vollqualifizierend) or self_employment; minijob and "
    "public_employment (§ 16i) are entries of their own, never Integrationen.",
    "§ 5(1) sentences 2–5 KennzahlenV; § 2(2) Nr. 2 and 3; S2, S3",
)

LZB = Step(
    "lzb",
    """
SELECT st.client_id, st.m
FROM stock st
JOIN months c ON c.m = st.m
JOIN benefit_periods bp ON bp.client_id = st.client_id
    AND bp.start_date <= c.stichtag AND (bp.end_date IS NULL OR bp.end_date >= c.lzb_from)
CROSS JOIN params p
WHERE st.m BETWEEN p.ref_m - 12 AND p.ref_m
GROUP BY st.client_id, st.m
HAVING SUM(days_between(
           CASE WHEN bp.start_date > c.lzb_from THEN bp.start_date ELSE c.lzb_from END,
           CASE WHEN bp.end_date IS NULL OR bp.end_date > c.stichtag THEN c.stichtag
                ELSE bp.end_date END) + 1) >= MAX(p.lzb_min_days)
""",
    "Langzeitleistungsbeziehende: eLb in the stock at the Stichtag who were in benefit on at "
    "least 638 of the 730 days ending on it (21 of 24 months counted to the day).",
    "§ 6(1) sentence 2 KennzahlenV; sgb2.info glossary 'Langzeitleistungsbeziehende'; S5",
)

IN_MEASURE = Step(
    "in_measure",
    f"""
SELECT pa.client_id
FROM participations pa
CROSS JOIN params p
JOIN months c ON c.m = p.ref_m
WHERE pa.active_measure AND pa.status IN ('active', 'completed', 'dropped_out')
  AND {covers("pa", "c.stichtag")}
UNION
SELECT j.client_id
FROM job_starts j
CROSS JOIN params p
JOIN months c ON c.m = p.ref_m
WHERE j.kind = 'public_employment' AND {covers("j", "c.stichtag")}
""",
    "People in a Maßnahme der aktiven Arbeitsförderung on the Stichtag of the reference month: "
    "a participation in a measure flagged active_measure (§§ 16, 16d, 16f SGB II; not the "
    "Vermittlungsbudget, not job-accompanying benefits such as EGZ or Einstiegsgeld), or a "
    "§ 16i job (job start of kind public_employment), which § 2(2) Nr. 1 names expressly.",
    "§ 6(2) Nr. 2 with § 2(2) Nr. 1 KennzahlenV; S6",
)

SV_COVER = Step(
    "sv_cover",
    f"""
SELECT DISTINCT j.client_id, c.m
FROM job_starts j
CROSS JOIN params p
JOIN months c ON {covers("j", "c.stichtag")}
WHERE j.kind IN {SV_KINDS} AND c.m BETWEEN p.cont_lo + 1 AND p.ref_m
  AND j.client_id IN (SELECT client_id FROM entries WHERE is_sv_employment = 1)
""",
    "Months at whose Stichtag a person is sozialversicherungspflichtig beschäftigt (a job of "
    "kind employment or apprenticeship covers the Stichtag), S4.",
    "§ 5(2) Nr. 3 KennzahlenV; S4",
)

CONTINUOUS = Step(
    "continuous",
    """
SELECT e.client_id, e.m, e.start_date,
       CASE WHEN COUNT(DISTINCT v.m) = MAX(p.continuous_months) THEN 1 ELSE 0 END AS continuous
FROM entries e
CROSS JOIN params p
LEFT JOIN sv_cover v ON v.client_id = e.client_id
    AND v.m BETWEEN e.m + 1 AND e.m + p.continuous_months
WHERE e.is_sv_employment = 1 AND e.m BETWEEN p.cont_lo AND p.cont_hi
GROUP BY e.client_id, e.m, e.start_date
""",
    "Integrationen into SV employment (not apprenticeship, not self-employment) of the twelve "
    "months that end six months before the reference month, each marked continuous when the "
    "person is SV-employed at the Stichtag of each of the six following months (S4).",
    "§ 5(2) Nr. 3 KennzahlenV; S4",
)

STOCK_MONTHLY = Step(
    "stock_monthly",
    """
SELECT sc.dimension, sc.dim_value, st.m,
       COUNT(*) AS elb,
       SUM(pe.single_parent) AS elb_single_parent,
       SUM(CASE WHEN lz.client_id IS NULL THEN 0 ELSE 1 END) AS lzb,
       SUM(CASE WHEN lz.client_id IS NOT NULL AND im.client_id IS NOT NULL AND st.m = p.ref_m
                THEN 1 ELSE 0 END) AS lzb_in_measure,
       SUM(st.llu_eur) AS llu_eur
FROM stock st
CROSS JOIN params p
JOIN months c ON c.m = st.m
JOIN scopes sc ON sc.client_id = st.client_id
    AND sc.valid_from <= c.stichtag AND sc.valid_to >= c.stichtag
JOIN people pe ON pe.client_id = st.client_id
LEFT JOIN lzb lz ON lz.client_id = st.client_id AND lz.m = st.m
LEFT JOIN in_measure im ON im.client_id = st.client_id
GROUP BY sc.dimension, sc.dim_value, st.m
""",
    "Per scope and month: eLb stock, single parents, LZB, LZB in an active measure (reference "
    "month only) and the LLU sum of the stock (K1).",
    "§§ 4(1), 5(1), 5(2) Nr. 4, 6 KennzahlenV",
)

ENTRIES_MONTHLY = Step(
    "entries_monthly",
    """
SELECT sc.dimension, sc.dim_value, e.m,
       SUM(e.is_integration) AS integrations,
       SUM(e.is_minijob) AS minijob_entries,
       SUM(e.is_public_employment) AS public_employment_entries,
       SUM(e.is_integration * pe.single_parent) AS integrations_single_parent,
       SUM(CASE WHEN e.is_integration = 1 AND lz.client_id IS NOT NULL THEN 1 ELSE 0 END)
           AS integrations_lzb,
       SUM(CASE WHEN e.is_integration = 1 AND e.need_ended = 1 THEN 1 ELSE 0 END)
           AS exits_ended,
       SUM(CASE WHEN e.is_integration = 1 AND e.need_ended = 0 AND e.need_reduced = 1
                THEN 1 ELSE 0 END) AS exits_reduced
FROM entries e
JOIN scopes sc ON sc.client_id = e.client_id
    AND sc.valid_from <= e.start_date AND sc.valid_to >= e.start_date
JOIN people pe ON pe.client_id = e.client_id
LEFT JOIN lzb lz ON lz.client_id = e.client_id AND lz.m = e.anchor_m
GROUP BY sc.dimension, sc.dim_value, e.m
""",
    "Per scope and month of the job start: Integrationen, entries into minijobs and into "
    "öffentlich geförderte Beschäftigung, Integrationen of single parents and of LZB (LZB at "
    "the Stichtag the start is counted from; only known for the last 13 months), and exits into "
    "work split into benefit need ended vs only reduced (JobStart.ends_benefit_need).",
    "§ 5(1), § 5(2) Nr. 1, 2, 4, § 6(2) Nr. 1 KennzahlenV",
)

CONTINUOUS_SCOPED = Step(
    "continuous_scoped",
    """
SELECT sc.dimension, sc.dim_value, COUNT(*) AS sv_integrations, SUM(co.continuous) AS continuous
FROM continuous co
JOIN scopes sc ON sc.client_id = co.client_id
    AND sc.valid_from <= co.start_date AND sc.valid_to >= co.start_date
GROUP BY sc.dimension, sc.dim_value
""",
    "Per scope: the K2E3 cohort and how many of it stayed employed six months.",
    "§ 5(2) Nr. 3 KennzahlenV",
)


def _window(column: str, lo: str, hi: str = "p.ref_m", table: str = "x") -> str:
    return f"SUM(CASE WHEN {table}.m BETWEEN {lo} AND {hi} THEN {table}.{column} ELSE 0 END)"


KEY_FIGURES = Step(
    "key_figures",
    f"""
WITH units AS (SELECT DISTINCT dimension, dim_value FROM scopes),
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

    >>> [s.name for s in official_steps(("jobcenter",))][:4]
    ['population', 'people', 'scopes', 'stock']
    """
    return [
        POPULATION, PEOPLE, scopes_step(dimensions), STOCK, ENTRIES, LZB, IN_MEASURE, SV_COVER,
        CONTINUOUS, STOCK_MONTHLY, ENTRIES_MONTHLY, CONTINUOUS_SCOPED, KEY_FIGURES, TREND,
    ]  # fmt: skip
