"""Fairness audit of the matcher per origin group and gender.

This is the only place in matching where origin (``citizenship`` → Job-Turbo origin group,
:func:`lotse.domain.origin.origin_group`) and gender are read — to check the matcher, never to
rank. Per group it reports:

* **proposal rate** — the share of the group's *eligible* clients (active, work permitted — the
  matcher proposes nobody else, by law) who received at least one proposal, and its ratio to the
  best-served group (the "four-fifths" impact ratio). The active clients are shown beside it, so
  a group held back by residence law (no work permit yet) is visible but not mistaken for a
  disadvantage the matcher causes;
* **mean score** of the group's proposals;
* **predicted vs realised hire rate** on proposals with a known outcome, and the group's
  expected calibration error. A model that over-predicts for one group (realised well below
  predicted) disadvantages nobody in the ranking by itself, but shows that the group meets
  something the model does not see — in a simulated world, for instance, discrimination.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["AuditRow", "fairness_audit"]


@dataclass(frozen=True, slots=True)
class AuditRow:
    dimension: str  # "origin" or "gender"
    group: str
    clients: int
    eligible: int
    proposed: int
    proposal_rate: float
    impact_ratio: float
    mean_score: float | None
    outcomes: int
    predicted_rate: float | None
    realised_rate: float | None
    ece: float | None


_GENDER = {"f": "weiblich", "m": "männlich", "d": "divers"}


def _groups(row: Mapping[str, Any]) -> dict[str, str]:
    from lotse.domain.origin import origin_group

    gender = getattr(row.get("gender"), "value", row.get("gender"))
    return {
        "origin": origin_group(row.get("citizenship")).value,
        "gender": _GENDER.get(str(gender), "unbekannt"),
    }


def fairness_audit(
    clients: Iterable[Mapping[str, Any]],
    proposals: Iterable[Mapping[str, Any]],
    outcomes: Iterable[tuple[str, float, int]] = (),
    *,
    min_group: int = 30,
    pool: Collection[str] | None = None,
) -> list[AuditRow]:
    """Proposal rates and calibration per origin group and per gender.

    Parameters
    ----------
    clients : client rows (``client_id``, ``status``, ``citizenship``, ``gender``,
        ``work_permitted``); active clients with a work permit (or none recorded) are eligible
        and make the denominator of the proposal rate.
    proposals : the proposals made (``client_id``, ``score``).
    outcomes : ``(client_id, predicted probability, 1 hired / 0 not)`` of past proposals.
    min_group : groups with fewer active clients are shown but are not the reference of the
        impact ratio (a group of eight says little).
    pool : the ids of the clients the matcher may propose (on the database: the Jobcenter's
        caseload); default: every active client. Only they count as clients of a group.

    Examples
    --------
    >>> from lotse.matching.audit import fairness_audit
    >>> clients = [{"client_id": "a", "citizenship": "UA", "gender": "f"},
    ...            {"client_id": "b", "citizenship": "DE", "gender": "m"},
    ...            {"client_id": "c", "citizenship": "DE", "gender": "f"},
    ...            {"client_id": "d", "citizenship": "UA", "gender": "m", "work_permitted": False}]
    >>> rows = fairness_audit(clients, [{"client_id": "a", "score": 0.3},
    ...                                 {"client_id": "b", "score": 0.2}],
    ...                       [("a", 0.3, 1), ("b", 0.2, 0)], min_group=1)
    >>> [(r.group, r.clients, r.eligible, r.proposal_rate, r.impact_ratio)
    ...  for r in rows if r.dimension == "origin"]
    [('other', 2, 2, 0.5, 0.5), ('ukraine', 2, 1, 1.0, 1.0)]
    """
    from lotse.matching.model import expected_calibration_error

    group_of: dict[str, dict[str, str]] = {}
    members: dict[tuple[str, str], int] = defaultdict(int)
    eligible: dict[tuple[str, str], int] = defaultdict(int)
    for r in clients:
        status = getattr(r.get("status"), "value", r.get("status"))
        g = _groups(r)
        group_of[str(r["client_id"])] = g
        in_pool = pool is None or str(r["client_id"]) in pool
        if status in (None, "active") and in_pool:
            for dim, name in g.items():
                members[dim, name] += 1
                if r.get("work_permitted") is not False:
                    eligible[dim, name] += 1
    proposed: dict[tuple[str, str], set[str]] = defaultdict(set)
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    for p in proposals:
        cid = str(p["client_id"])
        for dim, name in group_of.get(cid, {}).items():
            proposed[dim, name].add(cid)
            scores[dim, name].append(float(p["score"]))
    pred: dict[tuple[str, str], list[float]] = defaultdict(list)
    real: dict[tuple[str, str], list[int]] = defaultdict(list)
    for cid, p_hat, y in outcomes:
        for dim, name in group_of.get(str(cid), {}).items():
            pred[dim, name].append(float(p_hat))
            real[dim, name].append(int(y))
    keys = sorted(set(members) | set(pred), key=lambda k: (k[0] != "origin", k))
    rates = {k: len(proposed[k]) / eligible[k] if eligible[k] else 0.0 for k in keys}
    best = {
        d: max((v for k, v in rates.items() if k[0] == d and eligible[k] >= min_group),
               default=max((v for k, v in rates.items() if k[0] == d), default=0.0))
        for d, _ in keys
    }  # fmt: skip
    rows = []
    for k in keys:
        dim, name = k
        p_arr, y_arr = np.array(pred[k]), np.array(real[k])
        rows.append(
            AuditRow(
                dim, name, members[k], eligible[k], len(proposed[k]), round(rates[k], 4),
                round(rates[k] / best[dim], 4) if best[dim] else 0.0,
                round(float(np.mean(scores[k])), 4) if scores[k] else None,
                len(y_arr),
                round(float(p_arr.mean()), 4) if len(p_arr) else None,
                round(float(y_arr.mean()), 4) if len(y_arr) else None,
                expected_calibration_error(y_arr, p_arr) if len(y_arr) else None,
            )
        )  # fmt: skip
    return rows
