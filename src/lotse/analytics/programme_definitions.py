"""The programmes' own figures, defined once, as SQL steps counted per unit like the key figures.

What the programmes in ``../shared/docs/mission.md`` publish: exits into work split into benefit
need ended vs only reduced, and their change against the year before (Job-Turbo Unna: 994 vs
637); the share "not integrable now" by reason (Borken's focus group: about 35 %, mostly
language); funnels of measures (Anhalt-Bitterfeld: 15 participants → 13 internships → 2 hires);
contact density against the programme's target (Joboffensive: up to four contacts a month); and
the savings against cost as the Berliner Joboffensive judged itself (cohort-based, with a waiting
period; Abgeordnetenhaus Berlin Drs. 17/11554; ``../shared/docs/domain.md`` §3, §9).

The exits into work are the ``entries_monthly`` columns of :mod:`lotse.analytics.key_figures`
(one definition: an exit into work is an Integration in the K2 sense).
"""

from __future__ import annotations

from lotse.analytics.aggregation import aggregate
from lotse.analytics.definitions import INTEGRATION_KINDS
from lotse.analytics.steps import Step, covers, month_of

__all__ = ["programme_steps"]

OPEN_ASSESSMENTS = Step(
    "open_assessments",
    """
SELECT st.pid, st.stichtag, a.reason,
       CASE WHEN a.review_on < st.stichtag THEN 1 ELSE 0 END AS review_overdue
FROM stock st
CROSS JOIN params p
JOIN people pe ON pe.pid = st.pid
JOIN assessments a ON a.client_id = pe.client_id AND a.assessed_on <= st.stichtag
    AND (a.closed_on IS NULL OR a.closed_on > st.stichtag)
WHERE st.m = p.ref_m
""",
    "eLb in the stock at the Stichtag of the reference month with an open 'not integrable now' "
    "assessment (assessed on or before, not closed by the Stichtag), with its reason; a review "
    "date in the past makes it overdue.",
    "mission.md (Borken: share not integrable, mostly for lack of German)",
)


def _not_integrable(dimensions: tuple[str, ...]) -> Step:
    measures = (
        "COUNT(DISTINCT f.pid) AS persons, "
        "COUNT(DISTINCT CASE WHEN f.review_overdue = 1 THEN f.pid END) AS review_overdue"
    )
    by_reason = aggregate(
        "open_assessments", date="stichtag", keys=("reason",), measures=measures,
        dimensions=dimensions,
    )  # fmt: skip
    overall = aggregate("open_assessments", date="stichtag", measures=measures,
                        dimensions=dimensions)  # fmt: skip
    return Step(
        "not_integrable",
        f"""
SELECT r.dimension, r.dim_value, r.reason, r.persons, r.review_overdue FROM ({by_reason}) r
UNION ALL
SELECT t.dimension, t.dim_value, CAST(NULL AS VARCHAR) AS reason, t.persons, t.review_overdue
FROM ({overall}) t
""",
        "Per unit and reason, the eLb not integrable now; the row with an empty reason counts "
        "each person once.",
        OPEN_ASSESSMENTS.source,
    )


FUNNEL_FACTS = Step(
    "funnel_facts",
    f"""
WITH pa AS (
    SELECT x.participation_id, pe.pid, x.measure, x.measure_name, x.start_date, x.end_date,
           x.internship_start, x.internship_end,
           CASE WHEN x.internship_start IS NOT NULL AND x.internship_start <= p.window_to
                THEN 1 ELSE 0 END AS has_internship
    FROM participations x
    JOIN people pe ON pe.client_id = x.client_id
    CROSS JOIN params p
    WHERE x.status IN ('active', 'completed', 'dropped_out')
      AND x.start_date BETWEEN p.window_from AND p.window_to
)
SELECT pa.participation_id, pa.pid, pa.measure, pa.measure_name, pa.start_date,
       pa.has_internship,
       MAX(CASE WHEN j.pid IS NULL THEN 0 ELSE 1 END) AS hired
FROM pa
CROSS JOIN params p
LEFT JOIN jobs j ON j.pid = pa.pid AND j.kind IN {INTEGRATION_KINDS}
    AND j.start_date >= pa.start_date AND j.start_date <= p.window_to
    AND days_between(COALESCE(pa.internship_end, pa.end_date, p.window_to), j.start_date)
        <= p.hire_window_days
GROUP BY pa.participation_id, pa.pid, pa.measure, pa.measure_name, pa.start_date,
         pa.has_internship
""",
    "Participations that began in the twelve months up to the reference month (status active, "
    "completed or dropped out), whether they had an internship, and whether an Integration (SV "
    "job, apprenticeship, self-employment) followed: begun after the measure began and at most "
    "hire_window_days (default 90) after the internship or the measure ended.",
    "mission.md (Anhalt-Bitterfeld: 15 participants, 13 internships, 2 hires)",
)


def _funnel(dimensions: tuple[str, ...]) -> Step:
    return Step(
        "funnel",
        aggregate(
            "funnel_facts",
            date="start_date",
            keys=("measure",),
            dimensions=dimensions,
            measures="MAX(f.measure_name) AS measure_name, COUNT(*) AS participants, "
            "SUM(f.has_internship) AS internships, SUM(f.hired) AS hired, "
            "SUM(f.has_internship * f.hired) AS hired_after_internship",
        ),
        "Per unit and measure: participants → internships → hires.",
        FUNNEL_FACTS.source,
    )


CONTACT_FACTS = Step(
    "contact_facts",
    f"""
WITH ct AS (
    SELECT pe.pid, {month_of("x.contact_date")} AS m
    FROM contacts x JOIN people pe ON pe.client_id = x.client_id
    WHERE x.status = 'done'
),
cm AS (SELECT pid, m, COUNT(*) AS contacts FROM ct GROUP BY pid, m)
SELECT st.pid, st.m, st.stichtag, COALESCE(cm.contacts, 0) AS contacts
FROM stock st
CROSS JOIN params p
LEFT JOIN cm ON cm.pid = st.pid AND cm.m = st.m
WHERE st.m BETWEEN p.ref_m - 11 AND p.ref_m
""",
    "Per person in the stock at the Stichtag of each of the last twelve months: the contacts "
    "held with them (status done) in that month.",
    "mission.md (Joboffensive: up to four contacts a month; Job-Turbo: every six weeks)",
)


def _contact_density(dimensions: tuple[str, ...]) -> Step:
    return Step(
        "contact_density",
        aggregate(
            "contact_facts",
            date="stichtag",
            keys=("m",),
            dimensions=dimensions,
            measures="COUNT(*) AS persons, SUM(f.contacts) AS contacts, "
            "SUM(CASE WHEN f.contacts = 0 THEN 1 ELSE 0 END) AS persons_without_contact",
        ),
        "Per unit and month: eLb and contacts; density = contacts ÷ persons, compared with "
        "Programme.contacts_per_month.",
        CONTACT_FACTS.source,
    )


SAVINGS_FACTS = Step(
    "savings_facts",
    f"""
WITH coh AS (
    SELECT e.pid, e.m, e.start_date,
           COALESCE(e.llu_before, p.missing_llu_eur) AS llu_before,
           CASE WHEN e.llu_before IS NULL THEN 1 ELSE 0 END AS llu_assumed,
           COALESCE(pe.monthly_housing_eur / NULLIF(pe.household_size, 0),
                    p.kdu_per_person_eur) AS kdu
    FROM entries e
    CROSS JOIN params p
    JOIN people pe ON pe.pid = e.pid
    WHERE e.is_integration = 1 AND e.m BETWEEN p.savings_lo AND p.savings_hi
),
later AS (
    SELECT coh.pid, coh.m, k.m AS k,
           MAX(CASE WHEN bp.pid IS NULL THEN 0 ELSE 1 END) AS in_stock,
           MAX(bp.monthly_benefit_eur) AS llu_k
    FROM coh
    CROSS JOIN params p
    JOIN months k ON k.m > coh.m AND k.m <= p.ref_m
    LEFT JOIN periods bp ON bp.pid = coh.pid AND {covers("bp", "k.stichtag")}
    GROUP BY coh.pid, coh.m, k.m
),
monthly AS (
    SELECT l.pid, l.m, l.k, l.in_stock,
           CASE WHEN l.in_stock = 0 THEN coh.llu_before
                WHEN coh.llu_before - COALESCE(l.llu_k, p.top_up_share * coh.llu_before) > 0
                THEN coh.llu_before - COALESCE(l.llu_k, p.top_up_share * coh.llu_before)
                ELSE 0 END AS saved_llu,
           CASE WHEN l.in_stock = 0 THEN COALESCE(coh.kdu, 0) ELSE 0 END AS saved_kdu
    FROM later l
    CROSS JOIN params p
    JOIN coh ON coh.pid = l.pid AND coh.m = l.m
),
judged AS (
    SELECT mo.pid, mo.m,
           MAX(CASE WHEN mo.k = mo.m + p.waiting_months AND mo.in_stock = 0 THEN 1 ELSE 0 END)
               AS ended_after_wait,
           MAX(CASE WHEN mo.k = mo.m + p.waiting_months AND mo.in_stock = 1
                         AND mo.saved_llu > 0 THEN 1 ELSE 0 END) AS reduced_after_wait,
           SUM(mo.saved_llu) AS saved_llu,
           SUM(mo.saved_kdu) AS saved_kdu,
           SUM(CASE WHEN mo.k = p.ref_m THEN mo.saved_llu + mo.saved_kdu ELSE 0 END)
               AS saved_in_ref_month
    FROM monthly mo CROSS JOIN params p
    GROUP BY mo.pid, mo.m
)
SELECT coh.pid, coh.m, coh.start_date, coh.llu_assumed,
       COALESCE(j.ended_after_wait, 0) AS ended_after_wait,
       COALESCE(j.reduced_after_wait, 0) AS reduced_after_wait,
       CASE WHEN j.ended_after_wait + j.reduced_after_wait > 0 THEN j.saved_llu ELSE 0 END
           AS saved_llu,
       CASE WHEN j.ended_after_wait + j.reduced_after_wait > 0 THEN j.saved_kdu ELSE 0 END
           AS saved_kdu,
       CASE WHEN j.ended_after_wait + j.reduced_after_wait > 0 THEN j.saved_in_ref_month
            ELSE 0 END AS saved_in_ref_month
FROM coh LEFT JOIN judged j ON j.pid = coh.pid AND j.m = coh.m
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


def _savings(dimensions: tuple[str, ...]) -> Step:
    return Step(
        "savings",
        aggregate(
            "savings_facts",
            date="start_date",
            keys=("m",),
            dimensions=dimensions,
            measures="COUNT(*) AS integrations, SUM(f.llu_assumed) AS llu_assumed, "
            "SUM(f.ended_after_wait) AS ended_after_wait, "
            "SUM(f.reduced_after_wait) AS reduced_after_wait, "
            "SUM(f.saved_llu) AS saved_llu_eur, SUM(f.saved_kdu) AS saved_kdu_eur, "
            "SUM(f.saved_in_ref_month) AS saved_in_ref_month_eur",
        ),
        "Per unit and cohort month: integrations, how many counted, and what they saved.",
        SAVINGS_FACTS.source,
    )


def programme_steps(dimensions: tuple[str, ...]) -> list[Step]:
    """The programme figures' steps for the given breakdowns (after the official ones).

    >>> [s.name for s in programme_steps(("jobcenter",))][:2]
    ['open_assessments', 'not_integrable']
    """
    return [
        OPEN_ASSESSMENTS, _not_integrable(dimensions), FUNNEL_FACTS, _funnel(dimensions),
        CONTACT_FACTS, _contact_density(dimensions), SAVINGS_FACTS, _savings(dimensions),
    ]  # fmt: skip
