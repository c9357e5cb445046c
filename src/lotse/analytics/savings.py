"""Benefit savings against the programme's extra staff cost, as the Joboffensive judged itself.

The savings per cohort come from the ``savings`` step
(:mod:`lotse.analytics.programme_definitions`); this module adds them up, prices the extra
staff and prints every assumption with the result.
It is a controlling figure in the way Berlin and NRW reported their Joboffensiven (BA counts,
cohort savings, a waiting period), **not** a causal evaluation: nobody knows how many of the
counted integrations would have happened without the programme (``domain.md`` §3).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from lotse.analytics.months import month_label

__all__ = ["SavingsAssumptions", "SavingsResult", "savings_against_cost"]

COST_PER_FTE_YEAR_EUR = 46_700.0
"""Derived from the Berliner Joboffensive: ≈ €32.7m for 350 extra staff over 24 months
(domain.md §3, [D]) → €32.7m / 350 / 2 ≈ €46,700 per full-time post and year."""


@dataclass(frozen=True)
class SavingsAssumptions:
    """Every input of the estimate. Printed with the result, never hidden."""

    waiting_months: int = 6
    extra_staff_fte: float = 0.0
    annual_cost_per_fte_eur: float = COST_PER_FTE_YEAR_EUR
    missing_llu_eur: float = 563.0
    """LLU assumed where a benefit period has no amount: Regelbedarf RBS 1 (domain.md §9)."""
    top_up_share: float = 0.5
    """Share of the former LLU still paid where need was only reduced and no amount is known."""
    kdu_per_person_eur: float = 0.0
    """Housing cost per person where the household record has none (0: KdU not counted)."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SavingsResult:
    assumptions: SavingsAssumptions
    cohort_from: str
    cohort_to: str
    reference_month: str
    integrations: int
    ended_after_wait: int
    reduced_after_wait: int
    llu_assumed: int
    saved_llu_eur: float
    saved_kdu_eur: float
    saved_in_ref_month_eur: float
    cost_months: int
    cost_eur: float

    @property
    def saved_eur(self) -> float:
        return self.saved_llu_eur + self.saved_kdu_eur

    @property
    def net_eur(self) -> float:
        return self.saved_eur - self.cost_eur

    @property
    def savings_per_cost(self) -> float | None:
        return self.saved_eur / self.cost_eur if self.cost_eur else None

    @property
    def counted(self) -> int:
        return self.ended_after_wait + self.reduced_after_wait


def savings_against_cost(
    rows: list[dict[str, Any]],
    *,
    ref_m: int,
    cohort: tuple[int, int],
    assumptions: SavingsAssumptions,
) -> SavingsResult:
    """Add up the cohort rows of one scope and set them against the extra staff cost.

    The cost runs from the first cohort month to the reference month (the months in which
    savings were counted): ``extra_staff_fte × annual_cost_per_fte_eur / 12 × months``.

    Examples
    --------
    >>> rows = [{"integrations": 2, "ended_after_wait": 1, "reduced_after_wait": 0,
    ...          "llu_assumed": 0, "saved_llu_eur": 4000.0, "saved_kdu_eur": 3000.0,
    ...          "saved_in_ref_month_eur": 700.0}]
    >>> r = savings_against_cost(rows, ref_m=24302, cohort=(24285, 24296),
    ...                          assumptions=SavingsAssumptions(extra_staff_fte=0.1,
    ...                                                         annual_cost_per_fte_eur=60000))
    >>> r.cost_months, r.cost_eur, r.net_eur
    (18, 9000.0, -2000.0)
    """
    lo, hi = cohort
    months = ref_m - lo + 1

    def total(key: str) -> float:
        return float(sum(r[key] or 0 for r in rows))

    return SavingsResult(
        assumptions=assumptions,
        cohort_from=month_label(lo),
        cohort_to=month_label(hi),
        reference_month=month_label(ref_m),
        integrations=int(total("integrations")),
        ended_after_wait=int(total("ended_after_wait")),
        reduced_after_wait=int(total("reduced_after_wait")),
        llu_assumed=int(total("llu_assumed")),
        saved_llu_eur=round(total("saved_llu_eur"), 2),
        saved_kdu_eur=round(total("saved_kdu_eur"), 2),
        saved_in_ref_month_eur=round(total("saved_in_ref_month_eur"), 2),
        cost_months=months,
        cost_eur=round(
            assumptions.extra_staff_fte * assumptions.annual_cost_per_fte_eur / 12 * months, 2
        ),
    )
