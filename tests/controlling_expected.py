"""The key figures of the hand-built case (``tests/controlling_case.py``), worked out by hand.

Every number below comes from the regulation's wording (48a-KennzahlenV) and the decisions in
``docs/key-figures.md`` applied to the records with pencil arithmetic — not from running the
code. Reference month: March 2025. Stichtage (last day of the month, decision S1) of the K2
window: 30.4.2024, 31.5., 30.6., 31.7., 31.8., 30.9., 31.10., 30.11., 31.12.2024, 31.1.2025,
28.2., 31.3.2025.

eLb stock: months of the window at whose Stichtag a benefit period is open
  P01 2022-01-01 → open ............................................... 12
  P02 2023-09-01 → 2024-10-20: Apr–Sep 2024 (20.10. < 31.10.) .......... 6
  P03 2023-09-01 → open ............................................... 12
  P04 2022-01-01 → open ............................................... 12
  P05 … → 2024-02-29, again 2024-07-01 → open: Jul 2024–Mar 2025 ....... 9
  P06 2023-05-01 → 2024-05-15: Apr 2024 only ........................... 1
  P07 2024-01-01 → 08-31, 09-01 → open: every month ................... 12
  P08 2024-11-10 → open: Nov 2024–Mar 2025 ............................. 5
  P09 2023-02-01 → 2024-01-31 .......................................... 0
  P10 2023-10-01 → open ............................................... 12
  P11 2022-01-01 → 2025-01-05: Apr–Dec 2024 ............................ 9
  P12 2024-05-01 → open: May 2024–Mar 2025 ............................ 11
  P13 2021-06-01 → open ............................................... 12
  P14 2024-06-05 → 2024-06-25: contains no Stichtag ..................... 0
  P15 2022-01-01 → 2023-06-30, again 2023-08-01 → open ................. 12
  sum 125 person-months → average stock 125 / 12 = 10.41666…
  by site: Nord (P01–P07) 12+6+12+12+9+1+12 = 64; Süd (P08–P15) 5+0+12+9+11+12+0+12 = 61.

Integrationen (§ 5(1)): SV job, apprenticeship or self-employment taken up by an eLb; at most
one per person and month; § 16i and minijobs are not Integrationen. Window Apr 2024–Mar 2025:
  P02 two SV jobs on 7.10. and 21.10.2024, eLb at 30.9. → ONE Integration (Oct 2024)
  P06 SV job 16.5.2024, eLb at 30.4. ........................................ 1
  P07 apprenticeship 1.9.2024, eLb at 31.8. ................................. 1
  P08 self-employment 20.11.2024: not eLb at 31.10. but at 30.11. (came in 10.11.; S2) 1
  P10 SV job 3.2.2025, eLb at 31.1. ......................................... 1
  P11 SV job 6.1.2025, eLb at 31.12.2024 .................................... 1
  not counted: P03 minijob (K2E1), P04 § 16i (K2E2), P05 (March 2024, before the window),
  P09 (job in June 2024, no benefit at 31.5. or 30.6.: not an eLb), P14 (in benefit only
  5.–25.6.2024, job 26.6.: in the stock at neither 31.5. nor 30.6.; S2).
  → 6 Integrationen; K2 = 6 / (125/12) = 72/125 = 57.6 %
  Nord: P02, P06, P07 = 3 → 3 / (64/12) = 56.25 %; Süd: P08, P10, P11 = 3 → 36/61 = 59.016…%

K2E1 minijob entries: P03 (15.6.2024, eLb at 31.5.) = 1 → 12/125 = 9.6 %
K2E2 entries into öffentlich geförderte Beschäftigung: P04 (§ 16i, 1.8.2024) = 1 → 9.6 %

K2E3 (§ 5(2) Nr. 3: only the "Aufnahme einer sozialversicherungspflichtigen Beschäftigung";
cohort = the twelve months ending six months before March 2025, i.e. Oct 2023–Sep 2024, S4):
  P05 SV job 1.3.2024 (eLb at 29.2.2024), ends 30.6.2024: employed at 30.4., 31.5., 30.6.,
      not at 31.7. → not continuous
  P06 SV job 16.5.2024, lasting: employed at 30.6., 31.7., 31.8., 30.9., 31.10., 30.11. →
      continuous
  P07's apprenticeship (Sep 2024) is no SV-employment Integration in this sense; P02 (Oct
  2024) lies after the cohort.
  → 1 of 2 = 50 %

K2E4 single parents (P03, P06, P10, P12): stock 12 + 1 + 12 + 11 = 36 → average 3;
  Integrationen P06, P10 = 2 → 2 / 3 = 66.666…%

K3 (§ 6(1)): LZB = eLb at the Stichtag with benefit on ≥ 638 of the 730 days ending on it.
  The 730 days ending 31.3.2025 begin 2.4.2023; those ending 31.3.2024 begin 2.4.2022.
  P01, P04 (since 1.1.2022) and P13 (since 1.6.2021) are covered on all 730 days at every
  Stichtag from 31.3.2024 on → LZB throughout. P11 (1.1.2022 – 5.1.2025) is LZB at 31.3.2024
  and at every Stichtag Apr–Dec 2024, not in the stock from January 2025.
  P15 is LZB only by adding her earlier period: the 730 days always contain the gap of July
  2023 (31 days) and nothing else uncovered → 699 days at every Stichtag from 31.3.2024 to
  31.3.2025 (e.g. at 31.3.2025: 2.4.–30.6.2023 = 90 plus 1.8.2023–31.3.2025 = 609; the current
  period alone, 609, would not be enough).
  Nobody else reaches 638 days: P05 608 at 31.3.2025 (2.4.2023–29.2.2024 = 334 plus
  1.7.2024–31.3.2025 = 274), P03 578, P10 548, the others less.
  LZB 31.3.2025: P01, P04, P13, P15 = 4; 31.3.2024: P01, P04, P11, P13, P15 = 5
  → K3 = 4/5 = 80 %, i.e. a change of −20 %.
K3E1: LZB stock over the window 12 + 12 + 12 + 9 + 12 = 57 → average 4.75; Integrationen of
  LZB: P11 (LZB at 31.12.2024, the Stichtag before the job) = 1 → 1 / 4.75 = 21.052…%
K3E2: LZB on 31.3.2025 in a Maßnahme der aktiven Arbeitsförderung (§ 2(2) Nr. 1, which
  names § 16i): P01 (coaching, active measure), P04 (§ 16i job); not P13 (Vermittlungsbudget
  is excluded by § 2(2) Nr. 1), not P15 (no measure) → 2 / 4 = 50 %

K1 (§ 4(1)): LLU of the stock at 31.3.2025: P01 563 + P03 451 + P04 300 + P05 500 + P07 100
  + P08 350 + P10 400 + P12 506 + P13 563 + P15 451 = 4,184 €; at 31.3.2024: P01 563 + P02 450
  + P03 451 + P04 300 + P06 400 + P07 250 + P10 400 + P11 563 + P13 563 + P15 451 = 4,391 €
  → 4184 / 4391 = 95.285…% → change −4.714188…%
K1E2: eLb at 31.3.2025: 10 (the ten above); at 31.3.2024: 10 → change 0 %.

Exits into work Apr 2024–Mar 2025 (the six Integrationen) by JobStart.ends_benefit_need:
  ended P02, P06, P11 = 3; reduced P07, P08, P10 = 3. Twelve months before (Apr 2023–Mar
  2024): P05 = 1 → change +5, +500 %.
"""

from __future__ import annotations

import math
from typing import Any

JOBCENTER: dict[str, float | int | None] = {
    "elb_stock": 10,
    "elb_stock_prev_year": 10,
    "k1e2_elb_change_pct": 0.0,
    "k1_llu_sum_eur": 4184.0,
    "k1_llu_sum_prev_year_eur": 4391.0,
    "k1_llu_change_pct": 4184 / 4391 * 100 - 100,
    "k2_integrations_12m": 6,
    "k2_elb_average_12m": 125 / 12,
    "k2_integration_quota": 72 / 125 * 100,
    "k2_minijob_entries_12m": 1,
    "k2_minijob_entry_quota": 12 / 125 * 100,
    "k2_public_employment_entries_12m": 1,
    "k2_public_employment_entry_quota": 12 / 125 * 100,
    "k2_continuous_cohort_integrations": 2,
    "k2_continuous_employments": 1,
    "k2_continuous_employment_6m": 50.0,
    "k2_single_parent_integrations_12m": 2,
    "k2_single_parent_elb_average_12m": 3.0,
    "k2_single_parent_integration_quota": 200 / 3,
    "k3_long_term_recipients": 4,
    "k3_long_term_recipients_prev_year": 5,
    "k3_change_pct": -20.0,
    "k3_integrations_12m": 1,
    "k3_lzb_average_12m": 4.75,
    "k3_integration_quota": 100 / 4.75,
    "k3_in_active_measure": 2,
    "k3_activation_quota": 50.0,
    "exits_need_ended_12m": 3,
    "exits_need_reduced_12m": 3,
    "exits_need_unknown_12m": 0,
    "k2_integrations_prev_12m": 1,
    "exits_change_12m": 5,
    "exits_change_pct": 500.0,
}

SITES: dict[str, dict[str, float | int | None]] = {
    "Nord": {"k2_integrations_12m": 3, "k2_elb_average_12m": 64 / 12,
             "k2_integration_quota": 56.25, "k2_continuous_employment_6m": 50.0,
             "k3_long_term_recipients": 2},
    # Süd has no SV Integration in the K2E3 cohort: the quotient is undefined (None)
    "Süd": {"k2_integrations_12m": 3, "k2_elb_average_12m": 61 / 12,
            "k2_integration_quota": 36 / 61 * 100, "k2_continuous_employment_6m": None,
            "k3_long_term_recipients": 2},
}  # fmt: skip

# Programme figures of the case, by hand:
# Not integrable on 31.3.2025 among the 10 eLb: P12 (language, open since 1.9.2024), P05
# (health, since 10.3.2025, review date 20.3.2025 passed → overdue); P03's childcare finding
# was closed on 31.12.2024. → 2 of 10 = 20 %, language 1, health 1, overdue 1.
NOT_INTEGRABLE = {None: 2, "language": 1, "health": 1}
NOT_INTEGRABLE_OVERDUE = 1
# Funnel of 'aktiv' (participations begun Apr 2024–Mar 2025): P08, P10, P12 = 3 participants;
# internships P08, P10 = 2; hired (Integration after the start, ≤ 90 days after the internship
# ended): P08 self-employed 20.11.2024 (internship ended 25.10.), P10 job 3.2.2025 (internship
# ended 29.11.2024, 66 days) = 2. 'coaching': P01 = 1 participant, no internship, no hire.
FUNNEL = {"aktiv": (3, 2, 2), "coaching": (1, 0, 0), "vermittlungsbudget": (1, 0, 0)}
# Contacts held (status done) in March 2025 with eLb of that month: P01 2, P12 1 (P03's was
# cancelled) → 3 contacts for 10 eLb.
CONTACTS_MARCH = (3, 10)
# Savings (waiting period 6 months, cohort Oct 2023–Sep 2024): Integrationen P05 (Mar 2024),
# P06 (May 2024), P07 (Sep 2024).
#   P05: 6 months later (Sep 2024) back on benefit at the same 500 € → neither ended nor
#        reduced → no saving counted.
#   P06: out of benefit at 30.11.2024 → ended. Saved every month Jun 2024–Mar 2025 (10 months):
#        LLU 400 € and her share of housing cost 600 € / 2 persons = 300 € → 4,000 + 3,000.
#   P07: at 31.3.2025 (Sep + 6) still in benefit with 100 € instead of 250 € → reduced.
#        Saved 150 € LLU in each month Oct 2024–Mar 2025 (6 months) = 900 €; no KdU saving.
#   → LLU 4,900 €, KdU 3,000 €; in March 2025 alone 400 + 300 + 150 = 850 €.
SAVINGS = {
    "integrations": 3,
    "ended_after_wait": 1,
    "reduced_after_wait": 1,
    "saved_llu_eur": 4900.0,
    "saved_kdu_eur": 3000.0,
    "saved_in_ref_month_eur": 850.0,
}
# Focus group (P06, P10, P11, P12; members since 2020): stock 1 + 12 + 9 + 11 = 33 → 2.75;
# Integrationen P06, P10, P11 = 3 → 3 / 2.75 = 109.09…%
FOCUS_GROUP = {
    "k2_integrations_12m": 3,
    "k2_elb_average_12m": 2.75,
    "k2_integration_quota": 300 / 2.75,
}


def close(a: Any, b: Any, tol: float = 1e-9) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=tol, abs_tol=tol)


def mismatches(
    actual: dict[str, Any], expected: dict[str, Any], tol: float = 1e-9
) -> dict[str, tuple[Any, Any]]:
    """Keys whose actual value differs from the expected one: {key: (actual, expected)}.

    ``tol`` 1e-6 for the JSON output, which rounds to six decimals."""
    return {k: (actual.get(k), v) for k, v in expected.items() if not close(actual.get(k), v, tol)}
