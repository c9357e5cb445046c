"""The key figures of § 48a SGB II, defined once, as SQL steps with their legal source.

Source of every rule: Verordnung zur Festlegung der Kennzahlen nach § 48a SGB II
(48a-KennzahlenV, as amended 15.3.2019, BGBl. I 339), quoted as "§ n KennzahlenV", and where
the regulation leaves a point open, the decision taken here (S1 … S9, explained in
``docs/key-figures.md``).

This module holds the person-level steps (who is in the stock at which Stichtag, which job
starts count, who is a long-term recipient …); :mod:`lotse.analytics.key_figures` counts them
per reported unit and forms the quotients. Steps run in order, each one's result a table:

``people`` → ``periods``/``jobs``/``members`` → ``population`` → ``stock`` → ``entries`` →
``lzb`` → ``in_measure`` → ``sv_cover`` → ``continuous`` → ``stock_facts`` → ``entry_facts``.

Persons get an integer key ``pid`` once (``people``); every later join is on integers.
"""

from __future__ import annotations

from lotse.analytics.steps import Step, covers, month_of
from lotse.domain.codes import IntegrationKind

__all__ = ["BASE_STEPS", "INTEGRATION_KINDS"]


def _in(values: list[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


INTEGRATION_KINDS = _in([k.value for k in IntegrationKind if k.counts_as_integration])
SV_KINDS = _in([IntegrationKind.EMPLOYMENT.value, IntegrationKind.APPRENTICESHIP.value])

PEOPLE = Step(
    "people",
    """
SELECT CAST(ROW_NUMBER() OVER (ORDER BY c.client_id) AS INTEGER) AS pid,
       c.client_id, c.site,
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
    "One row per person with an integer key and the breakdown attributes: origin group per "
    "lotse.domain.origin (Ukraine, the eight Asylherkunftsländer, others), the team of the "
    "officer in charge, single parent from the household (S8).",
    "§ 3 KennzahlenV (figures by sex); § 5(2) Nr. 4 (Alleinerziehende)",
)

PERIODS = Step(
    "periods",
    """
SELECT pe.pid, bp.start_date, bp.end_date, bp.monthly_benefit_eur
FROM benefit_periods bp JOIN people pe ON pe.client_id = bp.client_id
""",
    "Benefit periods keyed by person.",
)

JOBS = Step(
    "jobs",
    """
SELECT pe.pid, j.start_date, j.end_date, j.kind, j.ends_benefit_need
FROM job_starts j JOIN people pe ON pe.client_id = j.client_id
""",
    "Job starts keyed by person.",
)

MEMBERS = Step(
    "members",
    """
SELECT pe.pid, ms.programme,
       COALESCE(ms.since_date, DATE '0001-01-01') AS since_date,
       COALESCE(ms.until_date, DATE '9999-12-31') AS until_date
FROM memberships ms JOIN people pe ON pe.client_id = ms.client_id
""",
    "Programme memberships keyed by person; no date means always.",
)

POPULATION = Step(
    "population",
    """
SELECT pe.pid, DATE '0001-01-01' AS valid_from, DATE '9999-12-31' AS valid_to
FROM people pe CROSS JOIN params p
WHERE p.filter_programme IS NULL AND (p.filter_site IS NULL OR pe.site = p.filter_site)
UNION ALL
SELECT ms.pid, ms.since_date AS valid_from, ms.until_date AS valid_to
FROM members ms JOIN people pe ON pe.pid = ms.pid CROSS JOIN params p
WHERE ms.programme = p.filter_programme AND (p.filter_site IS NULL OR pe.site = p.filter_site)
""",
    "Whom a report covers: everybody, the clients of one site, or the members of one programme "
    "while they are members.",
)

STOCK = Step(
    "stock",
    f"""
SELECT bp.pid, c.m, c.stichtag, bp.monthly_benefit_eur AS llu_eur,
       bp.start_date AS period_start
FROM periods bp
JOIN months c ON {covers("bp", "c.stichtag")}
CROSS JOIN params p
WHERE c.m BETWEEN p.stock_lo AND p.ref_m
""",
    "The eLb stock: a person is in the stock of month m when a benefit period contains the "
    "Stichtag of m (the last day of the month, S1). One row per person and month (periods of "
    "one person never overlap: checked when the data is loaded), with the start of the period "
    "that contains the Stichtag.",
    "§ 5(1) KennzahlenV 'Bestand der erwerbsfähigen Leistungsberechtigten'; S1",
)

ENTRIES = Step(
    "entries",
    f"""
WITH js AS (
    SELECT j.pid, j.start_date, {month_of("j.start_date")} AS m,
           CASE WHEN j.kind IN {INTEGRATION_KINDS} THEN 1 ELSE 0 END AS is_integration,
           CASE WHEN j.kind = 'employment' THEN 1 ELSE 0 END AS is_sv_employment,
           CASE WHEN j.kind = 'minijob' THEN 1 ELSE 0 END AS is_minijob,
           CASE WHEN j.kind = 'public_employment' THEN 1 ELSE 0 END AS is_public_employment,
           j.ends_benefit_need
    FROM jobs j
),
elig AS (
    SELECT js.pid, js.m, js.start_date, js.is_integration, js.is_sv_employment,
           js.is_minijob, js.is_public_employment, js.ends_benefit_need,
           MAX(CASE WHEN {covers("bp", "cp.stichtag")} THEN 1 ELSE 0 END) AS elb_before,
           MAX(CASE WHEN {covers("bp", "cc.stichtag")} THEN 1 ELSE 0 END) AS elb_now,
           MAX(CASE WHEN {covers("bp", "cp.stichtag")} THEN bp.monthly_benefit_eur END)
               AS llu_prev,
           MAX(CASE WHEN {covers("bp", "cc.stichtag")} THEN bp.monthly_benefit_eur END)
               AS llu_cur
    FROM js
    CROSS JOIN params p
    JOIN months cc ON cc.m = js.m
    JOIN months cp ON cp.m = js.m - 1
    JOIN periods bp ON bp.pid = js.pid
        AND bp.start_date <= cc.stichtag
        AND (bp.end_date IS NULL OR bp.end_date >= cp.stichtag)
    WHERE js.m BETWEEN p.entries_lo AND p.ref_m
    GROUP BY js.pid, js.m, js.start_date, js.is_integration, js.is_sv_employment,
             js.is_minijob, js.is_public_employment, js.ends_benefit_need
)
SELECT pid, m, MIN(start_date) AS start_date,
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
WHERE elb_before = 1 OR elb_now = 1
GROUP BY pid, m
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
WITH cur AS (
    SELECT st.pid, st.m, st.period_start, c.lzb_from,
           days_between(CASE WHEN st.period_start > c.lzb_from THEN st.period_start
                             ELSE c.lzb_from END, c.stichtag) + 1 AS days
    FROM stock st
    JOIN months c ON c.m = st.m
    CROSS JOIN params p
    WHERE st.m BETWEEN p.ref_m - 12 AND p.ref_m
),
earlier AS (
    SELECT cur.pid, cur.m,
           SUM(days_between(CASE WHEN bp.start_date > cur.lzb_from THEN bp.start_date
                                 ELSE cur.lzb_from END, bp.end_date) + 1) AS days
    FROM cur
    JOIN periods bp ON bp.pid = cur.pid
        AND bp.end_date < cur.period_start AND bp.end_date >= cur.lzb_from
    GROUP BY cur.pid, cur.m
)
SELECT cur.pid, cur.m
FROM cur
CROSS JOIN params p
LEFT JOIN earlier e ON e.pid = cur.pid AND e.m = cur.m
WHERE cur.days + COALESCE(e.days, 0) >= p.lzb_min_days
""",
    "Langzeitleistungsbeziehende: eLb in the stock at the Stichtag who were in benefit on at "
    "least 638 of the 730 days ending on it (21 of 24 months counted to the day): the days of "
    "the period that contains the Stichtag plus those of earlier periods inside the 730 days "
    "(periods of one person do not overlap).",
    "§ 6(1) sentence 2 KennzahlenV; sgb2.info glossary 'Langzeitleistungsbeziehende'; S5",
)

IN_MEASURE = Step(
    "in_measure",
    f"""
SELECT pe.pid
FROM participations pa
JOIN people pe ON pe.client_id = pa.client_id
CROSS JOIN params p
JOIN months c ON c.m = p.ref_m
WHERE pa.active_measure AND pa.status IN ('active', 'completed', 'dropped_out')
  AND {covers("pa", "c.stichtag")}
UNION
SELECT j.pid
FROM jobs j
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
SELECT DISTINCT j.pid, c.m
FROM jobs j
CROSS JOIN params p
JOIN months c ON {covers("j", "c.stichtag")}
WHERE j.kind IN {SV_KINDS} AND c.m BETWEEN p.cont_lo + 1 AND p.ref_m
  AND j.pid IN (SELECT e.pid FROM entries e WHERE e.is_sv_employment = 1)
""",
    "Months at whose Stichtag a person is sozialversicherungspflichtig beschäftigt (a job of "
    "kind employment or apprenticeship covers the Stichtag), S4.",
    "§ 5(2) Nr. 3 KennzahlenV; S4",
)

CONTINUOUS = Step(
    "continuous",
    """
SELECT e.pid, e.m, e.start_date,
       CASE WHEN COUNT(DISTINCT v.m) = MAX(p.continuous_months) THEN 1 ELSE 0 END AS continuous
FROM entries e
CROSS JOIN params p
LEFT JOIN sv_cover v ON v.pid = e.pid
    AND v.m BETWEEN e.m + 1 AND e.m + p.continuous_months
WHERE e.is_sv_employment = 1 AND e.m BETWEEN p.cont_lo AND p.cont_hi
GROUP BY e.pid, e.m, e.start_date
""",
    "Integrationen into SV employment (not apprenticeship, not self-employment) of the twelve "
    "months that end six months before the reference month, each marked continuous when the "
    "person is SV-employed at the Stichtag of each of the six following months (S4).",
    "§ 5(2) Nr. 3 KennzahlenV; S4",
)

STOCK_FACTS = Step(
    "stock_facts",
    """
SELECT st.pid, st.m, st.stichtag, st.llu_eur,
       CASE WHEN lz.pid IS NULL THEN 0 ELSE 1 END AS is_lzb,
       CASE WHEN lz.pid IS NOT NULL AND im.pid IS NOT NULL AND st.m = p.ref_m THEN 1 ELSE 0 END
           AS lzb_in_measure
FROM stock st
CROSS JOIN params p
LEFT JOIN lzb lz ON lz.pid = st.pid AND lz.m = st.m
LEFT JOIN in_measure im ON im.pid = st.pid
""",
    "One row per person and month in the stock with LZB status and, in the reference month, "
    "whether an LZB is in an active measure.",
    "§§ 5(1), 6 KennzahlenV",
)

ENTRY_FACTS = Step(
    "entry_facts",
    """
SELECT e.pid, e.m, e.start_date, e.is_integration, e.is_minijob, e.is_public_employment,
       CASE WHEN e.is_integration = 1 AND lz.pid IS NOT NULL THEN 1 ELSE 0 END
           AS is_lzb_integration,
       CASE WHEN e.is_integration = 1 AND e.need_ended = 1 THEN 1 ELSE 0 END AS exit_ended,
       CASE WHEN e.is_integration = 1 AND e.need_ended = 0 AND e.need_reduced = 1
            THEN 1 ELSE 0 END AS exit_reduced
FROM entries e
LEFT JOIN lzb lz ON lz.pid = e.pid AND lz.m = e.anchor_m
""",
    "Job starts with the person's LZB status at the Stichtag the start is counted from (known "
    "for the last 13 months) and the exit split into benefit need ended vs only reduced "
    "(JobStart.ends_benefit_need).",
    "§ 6(2) Nr. 1 KennzahlenV; mission.md (Job-Turbo: need ended vs reduced)",
)

BASE_STEPS: tuple[Step, ...] = (
    PEOPLE, PERIODS, JOBS, MEMBERS, POPULATION, STOCK, ENTRIES, LZB, IN_MEASURE, SV_COVER,
    CONTINUOUS, STOCK_FACTS, ENTRY_FACTS,
)  # fmt: skip
