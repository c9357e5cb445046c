"""Benefit amounts and counted income: what a household needs and what a wage takes away.

* Regelbedarf (RBS 1–6): €563 / 506 / 451 / 471 / 390 / 357 (2024–2026, ``domain.md`` §9):
  RBS 1 a single adult or single parent, RBS 2 each partner of a couple, RBS 4/5/6 children of
  14–17, 6–13 and 0–5 years.
* Mehrbedarf for single parents (§ 21(3) SGB II): 36 % of RBS 1 with one child under 7 or two or
  three children under 16, else 12 % per child if that is more, at most 60 %.
* Kindergeld (€250 a month, 2023–2024) is the child's income and reduces its Sozialgeld.
* KdU: about €500 per Bedarfsgemeinschaft on average (``domain.md`` §9, derived from the 2024
  totals); the profile gives a regional base for a single person, larger households pay more.
* Counted income (§ 11b SGB II): the net wage minus the Grundabsetzungsbetrag of €100 and the
  Erwerbstätigenfreibetrag of 20 % of gross income between €100 and €520, 30 % between €520 and
  €1,000 and 10 % between €1,000 and €1,200 (€1,500 with a minor child). Net wage is
  approximated: a minijob (≤ €556) is paid gross; above, employee social insurance ≈ 20.5 % and
  a flat 14 % income tax on the part above €1,250 [assumption: Steuerklasse I, no Midijob
  relief].
* Income is counted first against the Regelbedarfe (§ 19(3) SGB II), so a person's LLU shrinks
  before the household's KdU does; the need ends when the counted income covers the whole
  household need (LLU + KdU).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

RBS = {1: 563.0, 2: 506.0, 3: 451.0, 4: 471.0, 5: 390.0, 6: 357.0}
KINDERGELD = 250.0
MINIJOB_LIMIT = 556.0
KDU_FACTOR = (1.0, 1.0, 1.25, 1.45, 1.65, 1.85, 2.0)
"""KdU relative to a single person's, by household size (index = size, 6 and more = last)."""

FloatArray = NDArray[np.float64]


def child_regelbedarf(age: int) -> float:
    """RBS 6 (0–5), 5 (6–13) or 4 (14–17) for a child of ``age`` years.

    >>> child_regelbedarf(3), child_regelbedarf(10), child_regelbedarf(15)
    (357.0, 390.0, 471.0)
    """
    if age <= 5:
        return RBS[6]
    if age <= 13:
        return RBS[5]
    return RBS[4]


def single_parent_mehrbedarf(child_ages: list[int]) -> float:
    """Mehrbedarf of a single parent (§ 21(3) SGB II) for children of the given ages.

    One child of 4: 36 % of €563 = €202.68. Four children of 8, 10, 12, 15: 4 × 12 % = 48 %
    of €563 = €270.24 (two or three children under 16 would give 36 %, four give more).

    >>> single_parent_mehrbedarf([4]), single_parent_mehrbedarf([8, 10, 12, 15])
    (202.68, 270.24)
    >>> single_parent_mehrbedarf([])
    0.0
    """
    if not child_ages:
        return 0.0
    under_7 = sum(1 for a in child_ages if a < 7)
    under_16 = sum(1 for a in child_ages if a < 16)
    share = 0.36 if (len(child_ages) == 1 and under_7 == 1) or under_16 in (2, 3) else 0.0
    share = min(0.60, max(share, 0.12 * len(child_ages)))
    return round(share * RBS[1], 2)


def net_wage(gross: FloatArray) -> FloatArray:
    """Approximate monthly net wage (see the module docstring)."""
    g = np.asarray(gross, dtype=float)
    regular = 0.795 * g - 0.14 * np.maximum(0.0, g - 1250.0)
    return np.where(g <= MINIJOB_LIMIT, g, regular)


def allowance(gross: FloatArray, has_child: NDArray[np.bool_]) -> FloatArray:
    """Grundabsetzungsbetrag plus Erwerbstätigenfreibetrag (§ 11b(2), (3) SGB II)."""
    g = np.asarray(gross, dtype=float)
    cap = np.where(has_child, 1500.0, 1200.0)
    return np.asarray(
        np.minimum(g, 100.0)
        + 0.2 * np.clip(g, 100.0, 520.0)
        - 0.2 * 100.0
        + 0.3 * (np.clip(g, 520.0, 1000.0) - 520.0)
        + 0.1 * (np.clip(g, 1000.0, cap) - 1000.0)
    )


def counted_income(gross: FloatArray, has_child: NDArray[np.bool_]) -> FloatArray:
    """Income counted against the need: net wage minus the allowances, never negative."""
    return np.maximum(0.0, net_wage(gross) - allowance(gross, has_child))


def counted_one(gross: float, has_child: bool) -> float:
    """:func:`counted_income` for a single wage."""
    return float(counted_income(np.array([gross]), np.array([has_child]))[0])


def break_even_gross(need: FloatArray, has_child: NDArray[np.bool_]) -> FloatArray:
    """The lowest regular monthly gross wage whose counted income covers ``need`` (bisection)."""
    need = np.asarray(need, dtype=float)
    lo = np.full(need.shape, MINIJOB_LIMIT + 1.0)
    hi = np.full(need.shape, 30_000.0)
    for _ in range(40):
        mid = (lo + hi) / 2
        enough = counted_income(mid, has_child) >= need
        hi = np.where(enough, mid, hi)
        lo = np.where(enough, lo, mid)
    return hi


def kdu(base_single: float, size: int) -> float:
    """Typical KdU of a household of ``size`` where a single person pays ``base_single``."""
    return base_single * KDU_FACTOR[min(size, len(KDU_FACTOR) - 1)]
