"""The programmes' own figures, defined once, as SQL steps over the same scopes as the key figures.

What the programmes in ``../shared/docs/mission.md`` publish: exits into work split into benefit
need ended vs only reduced, and their change against the year before (Job-Turbo Unna: 994 vs
637); the share "not integrable now" by reason (Borken's focus group: about 35 %, mostly
language); funnels of measures (Anhalt-Bitterfeld: 15 participants → 13 internships → 2 hires);
contact density against the programme's target (Joboffensive: up to four contacts a month); and
the savings against cost as the Berliner Joboffensive judged itself (cohort-based, with a waiting
period; Abgeordnetenhaus Berlin Drs. 17/11554; ``../shared/docs/domain.md`` §3, §9).

The exits into work are the ``entries_monthly`` columns of :mod:`lotse.analytics.definitions`
(one definition: an exit into work is an Integration in the K2 sense).
"""

from __future__ import annotations

from lotse.analytics.definitions import INTEGRATION_KINDS
from lotse.analytics.steps import Step, covers, month_of

__all__ = ["PROGRAMME_STEPS"]

NOT_INTEGRABLE = Step(
    "not_integrable",
    """
WITH open_now AS (
    SELECT st.client_id, a.reason,
           CASE WHEN a.review_on < c.stichtag THEN 1 ELSE 0 END AS review_overdue
    FROM stock st
    CROSS JOIN params p
    JOIN months c ON c.m = st.m
    JOIN assessments a ON a.client_id = st.client_id AND a.assessed_on <= c.stichtag
        AND (a.closed_on IS NULL OR a.closed_on > c.stichtag)
    WHERE st.m = p.ref_m
)
SELECT sc.dimension, sc.dim_value, o.reason,
       COUNT(DISTINCT o.client_id) AS persons,
       COUNT(DISTINCT CASE WHEN o.review_overdue = 1 THEN o.client_id END) AS review_overdue
FROM open_now o
CROSS JOIN params p
JOIN months c ON c.m = p.ref_m
JOIN scopes sc ON sc.client_id = o.client_id
    AND sc.valid_from <= c.stichtag AND sc.valid_to >= c.stichtag
GROUP BY GROUPING SETS ((sc.dimension, sc.dim_value, o.reason), (sc.dimension, sc.dim_value))
""",
    "eLb in the stock at the Stichtag of the reference month with an open 'not integrable now' "
    "assessment (assessed on or before, not closed by the Stichtag), per reason; the row with "
    "an empty reason counts each person once. A review date in the past is reported as overdue.",
    "mission.md (Borken: share not integrable, mostly for lack of German)",
)

FUNNEL = Step(
    "funnel",
    f"""
WITH pa AS (
    SELECT x.participation_id, x.client_id, x.measure, x.measure_name, x.start_date,
           x.end_date, x.internship_start, x.internship_end
    FROM participations x CROSS JOIN params p
    WHERE x.status IN ('active', 'completed', 'dropped_out')
      AND x.start_date BETWEEN p.window_from AND p.window_to
),
hires AS (
    SELECT pa.participation_id,
           MAX(CASE WHEN j.client_id IS NULL THEN 0 ELSE 1 END) AS hired
    FROM pa
    CROSS JOIN params p
    LEFT JOIN job_starts j ON j.client_id = pa.client_id AND j.kind IN {INTEGRATION_KINDS}
        AND j.start_date >= pa.start_date AND j.start_date <= p.window_to
        AND days_between(COALESCE(pa.internship_end, pa.end_date, p.window_to), j.start_date)
            <= p.hire_window_days
    GROUP BY pa.participation_id
)
SELECT sc.dimension, sc.dim_value, pa.measure, MAX(pa.measure_name) AS measure_name,
       COUNT(*) AS participants,
       SUM(CASE WHEN pa.internship_start IS NOT NULL AND pa.internship_start <= p.window_to
                THEN 1 ELSE 0 END) AS internships,
       SUM(h.hired) AS hired,
       SUM(CASE WHEN pa.internship_start IS NOT NULL AND h.hired = 1 THEN 1 ELSE 0 END)
           AS hired_after_internship
FROM pa
CROSS JOIN params p
JOIN hires h ON h.participation_id = pa.participation_id
JOIN scopes sc ON sc.client_id = pa.client_id
    AND sc.valid_from <= pa.start_date AND sc.valid_to >= pa.start_date
GROUP BY sc.dimension, sc.dim_value, pa.measure
""",
    "Per measure: participations that began in the twelve months up to the reference month "
    "(status active, completed or dropped out) → those with an internship → those followed by "
    "an Integration (SV job, apprenticeship, self-employment) that began after the measure "
    "began and at most hire_window_days (default 90) after the internship or the measure ended.",
    "mission.md (Anhalt-Bitterfeld: 15 participants, 13 internships, 2 hires)",
)

CONTACT_DENSITY = Step(
    "contact_density",
    f"""
WITH ct AS (
    SELECT x.client_id, {month_of("x.contact_date")} AS m
    FROM contacts x WHERE x.status = 'done'
),
cm AS (SELECT client_id, m, COUNT(*) AS contacts FROM ct GROUP BY client_id, m)
SELECT sc.dimension, sc.dim_value, st.m,
       COUNT(*) AS persons,
       SUM(COALESCE(cm.contacts, 0)) AS contacts,
       SUM(CASE WHEN cm.contacts IS NULL THEN 1 ELSE 0 END) AS persons_without_contact
FROM stock st
CROSS JOIN params p
JOIN months c ON c.m = st.m
JOIN scopes sc ON sc.client_id = st.client_id
    AND sc.valid_from <= c.stichtag AND sc.valid_to >= c.stichtag
LEFT JOIN cm ON cm.client_id = st.client_id AND cm.m = st.m
WHERE st.m BETWEEN p.ref_m - 11 AND p.ref_m
GROUP BY sc.dimension, sc.dim_value, st.m
""",
    "Per scope and month: eLb in the stock at the Stichtag and the contacts held with them "
    "(status done) in that month; density = contacts ÷ persons, compared with "
    "Programme.contacts_per_month.",
    "mission.md (Joboffensive: up to four contacts a month; Job-Turbo: every six weeks)",
)

SAVINGS = Step(
    "savings",
    f"""
WITH coh AS (
    SELECT e.client_id, e.m, e.start_date,
           COALESCE(e.llu_before, p.missing_llu_eur) AS llu_before,
           CASE WHEN e.llu_before IS NULL THEN 1 ELSE 0 END AS llu_assumed,
           COALESCE(pe.monthly_housing_eur / NULLIF(pe.household_size, 0),
                    p.kdu_per_person_eur) AS kdu
    FROM entries e
    CROSS JOIN params p
    JOIN people pe ON pe.client_id = e.client_id
    WHERE e.is_integration = 1 AND e.m BETWEEN p.savings_lo AND p.savings_hi
),
later AS (
    SELECT coh.client_id, coh.m, k.m AS k,
           MAX(CASE WHEN bp.client_id IS NULL THEN 0 ELSE 1 END) AS in_stock,
           MAX(bp.monthly_benefit_eur) AS llu_k
    FROM coh
    CROSS JOIN params p
    JOIN months k ON k.m > coh.m AND k.m <= p.ref_m
    LEFT JOIN benefit_periods bp ON bp.client_id = coh.client_id AND {covers("bp", "k.stichtag")}
    GROUP BY coh.client_id, coh.m, k.m
),
monthly AS (
    SELECT l.client_id, l.m, l.k, l.in_stock,
           CASE WHEN l.in_stock = 0 THEN coh.llu_before
                WHEN coh.llu_before - COALESCE(l.llu_k, p.top_up_share * coh.llu_before) > 0
                THEN coh.llu_before - COALESCE(l.llu_k, p.top_up_share * coh.llu_before)
                ELSE 0 END AS saved_llu,
           CASE WHEN l.in_stock = 0 THEN COALESCE(coh.kdu, 0) ELSE 0 END AS saved_kdu
    FROM later l
    CROSS JOIN params p
    JOIN coh ON coh.client_id = l.client_id AND coh.m = l.m
),
judged AS (
    SELECT mo.client_id, mo.m,
           MAX(CASE WHEN mo.k = mo.m + p.waiting_months AND mo.in_stock = 0 THEN 1 ELSE 0 END)
               AS ended_after_wait,
           MAX(CASE WHEN mo.k = mo.m + p.waiting_months AND mo.in_stock = 1
                         AND mo.saved_llu > 0 THEN 1 ELSE 0 END) AS reduced_after_wait,
           SUM(mo.saved_llu) AS saved_llu,
           SUM(mo.saved_kdu) AS saved_kdu,
           SUM(CASE WHEN mo.k = p.ref_m THEN mo.saved_llu + mo.saved_kdu ELSE 0 END)
               AS saved_in_ref_month
    FROM monthly mo CROSS JOIN params p
    GROUP BY mo.client_id, mo.m
)
SELECT sc.dimension, sc.dim_value, coh.m,
       COUNT(*) AS integrations,
       SUM(coh.llu_assumed) AS llu_assumed,
       SUM(j.ended_after_wait) AS ended_after_wait,
       SUM(j.reduced_after_wait) AS reduced_after_wait,
       SUM(CASE WHEN j.ended_after_wait + j.reduced_after_wait > 0 THEN j.saved_llu ELSE 0 END)
           AS saved_llu_eur,
       SUM(CASE WHEN j.ended_after_wait + j.reduced_after_wait > 0 THEN j.saved_kdu ELSE 0 END)
           AS saved_kdu_eur,
       SUM(CASE WHEN j.ended_after_wait + j.reduced_after_wait > 0 THEN j.saved_in_ref_month
                ELSE 0 END) AS saved_in_ref_month_eur
FROM coh
JOIN judged j ON j.client_id = coh.client_id AND j.m = coh.m
JOIN scopes sc ON sc.client_id = coh.client_id
    AND sc.valid_from <= coh.start_date AND sc.valid_to >= coh.start_date
GROUP BY sc.dimension, sc.dim_value, coh.m
""",
    "Benefits no longer paid after Integrationen, by cohort (month of the job start). An "
    "Integration counts when, at the Stichtag after the waiting period, the person has left "
    "benefits (need ended) or receives less LLU than before (need reduced: only the difference "
    "is saved, i.e. net of top-up benefits). For every month from the one after the job start "
    "to the reference month the saving is the LLU before minus the LLU paid at that month's "
    "Stichtag (0 when out of benefits), plus the person's share of the household's housing "
    "cost (KdU) once out of benefits. Amounts missing from the records are replaced by the "
    "stated assumptions (missing_llu_eur, top_up_share, kdu_per_person_eur).",
    "domain.md §3 (Berliner Joboffensive, Drs. 17/11554: cohort savings, 6-month waiting "
    "period) and §9 (net off top-up benefits)",
)

PROGRAMME_STEPS: tuple[Step, ...] = (NOT_INTEGRABLE, FUNNEL, CONTACT_DENSITY, SAVINGS)
