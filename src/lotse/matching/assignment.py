"""Which proposals to make: maximise the expected number of hires under capacities.

Given candidate edges ``(client, vacancy)`` with hire probabilities ``w``, choose a set of edges
that maximises ``sum(w)`` such that every client receives at most ``client_cap`` proposals and
every vacancy at most ``vacancy_cap`` (``R`` per opening). This is a maximum-weight bipartite
b-matching, solved exactly as a min-cost flow (OR-Tools ``SimpleMinCostFlow``): source → client
(capacity K), client → vacancy (capacity 1, cost ``-w``), vacancy → sink (capacity R·openings),
plus a free source → sink bypass so that no proposal is forced just to push more flow.

:func:`greedy_assignment` (best edge first) is the fast heuristic; it is a ½-approximation in
the worst case, and :func:`optimality_gap` reports what it loses on a given instance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["Assignment", "greedy_assignment", "optimal_assignment", "optimality_gap"]

_COST_SCALE = 1_000_000


@dataclass(frozen=True, slots=True)
class Assignment:
    """The chosen edges (a boolean mask over the input edges) and the objective ``sum(w)``."""

    selected: NDArray[np.bool_]
    objective: float
    method: str


def _caps(cap: ArrayLike, n: int) -> NDArray[np.int64]:
    arr = np.asarray(cap, dtype=np.int64)
    return np.full(n, int(arr), dtype=np.int64) if arr.ndim == 0 else arr


def optimal_assignment(
    client: NDArray[np.integer[Any]],
    vacancy: NDArray[np.integer[Any]],
    weight: NDArray[np.floating[Any]],
    *,
    client_cap: ArrayLike = 3,
    vacancy_cap: ArrayLike = 1,
) -> Assignment:
    """The exact maximum-weight assignment (min-cost flow).

    Parameters
    ----------
    client, vacancy : edge end points (non-negative integers; need not be contiguous).
    weight : edge weights (hire probabilities); edges with weight ≤ 0 are never chosen.
    client_cap : K, a number or one per client index.
    vacancy_cap : a number or one per vacancy index (``R * openings``).

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.matching.assignment import optimal_assignment
    >>> # Client 0 is worth 0.9 at vacancy 0 and 0.1 at vacancy 1; client 1 fits only
    >>> # vacancy 0 (0.1). Two proposals would be possible (0.1 + 0.1), one is worth more.
    >>> a = optimal_assignment(np.array([0, 0, 1]), np.array([0, 1, 0]),
    ...                        np.array([0.9, 0.1, 0.1]), client_cap=1, vacancy_cap=1)
    >>> a.selected.tolist(), round(a.objective, 2)
    ([True, False, False], 0.9)
    """
    from ortools.graph.python import min_cost_flow

    client = np.asarray(client, dtype=np.int64)
    vacancy = np.asarray(vacancy, dtype=np.int64)
    weight = np.asarray(weight, dtype=np.float64)
    use = weight > 0
    selected = np.zeros(len(client), dtype=bool)
    if not use.any():
        return Assignment(selected, 0.0, "min_cost_flow")
    e = np.flatnonzero(use)
    cu, c_node = np.unique(client[e], return_inverse=True)
    vu, v_node = np.unique(vacancy[e], return_inverse=True)
    n_c, n_v = len(cu), len(vu)
    ccap = _caps(client_cap, int(cu.max()) + 1)[cu]
    vcap = _caps(vacancy_cap, int(vu.max()) + 1)[vu]
    source, sink = n_c + n_v, n_c + n_v + 1
    flow = int(min(ccap.sum(), vcap.sum()))
    tails = np.concatenate([c_node, np.full(n_c, source), n_c + np.arange(n_v), [source]])
    heads = np.concatenate([n_c + v_node, np.arange(n_c), np.full(n_v, sink), [sink]])
    capacities = np.concatenate([np.ones(len(e)), ccap, vcap, [flow]]).astype(np.int64)
    costs = np.concatenate([-np.round(weight[e] * _COST_SCALE), np.zeros(n_c + n_v + 1)]).astype(
        np.int64
    )
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacities, costs
    )
    supplies = np.zeros(n_c + n_v + 2, dtype=np.int64)
    supplies[source], supplies[sink] = flow, -flow
    smcf.set_nodes_supplies(np.arange(n_c + n_v + 2, dtype=np.int32), supplies)
    status = smcf.solve()
    if status != smcf.OPTIMAL:  # pragma: no cover - the bypass arc makes it always feasible
        from lotse.errors import Infeasible

        raise Infeasible(f"min-cost flow failed with status {status}")
    flows = smcf.flows(arcs[: len(e)])
    selected[e[flows > 0]] = True
    return Assignment(selected, float(weight[selected].sum()), "min_cost_flow")


def greedy_assignment(
    client: NDArray[np.integer[Any]],
    vacancy: NDArray[np.integer[Any]],
    weight: NDArray[np.floating[Any]],
    *,
    client_cap: ArrayLike = 3,
    vacancy_cap: ArrayLike = 1,
) -> Assignment:
    """Best edge first while both ends have capacity left (the fast heuristic).

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.matching.assignment import greedy_assignment
    >>> a = greedy_assignment(np.array([0, 0, 1]), np.array([0, 1, 0]),
    ...                       np.array([0.5, 0.4, 0.45]), client_cap=1, vacancy_cap=1)
    >>> a.selected.tolist()
    [True, False, False]
    """
    client = np.asarray(client, dtype=np.int64)
    vacancy = np.asarray(vacancy, dtype=np.int64)
    weight = np.asarray(weight, dtype=np.float64)
    selected = np.zeros(len(client), dtype=bool)
    if len(client) == 0:
        return Assignment(selected, 0.0, "greedy")
    cleft = _caps(client_cap, int(client.max()) + 1).copy()
    vleft = _caps(vacancy_cap, int(vacancy.max()) + 1).copy()
    order = np.argsort(-weight, kind="stable")
    order = order[weight[order] > 0]
    cs, vs = client[order].tolist(), vacancy[order].tolist()
    for k, c, v in zip(order.tolist(), cs, vs, strict=True):
        if cleft[c] > 0 and vleft[v] > 0:
            selected[k] = True
            cleft[c] -= 1
            vleft[v] -= 1
    return Assignment(selected, float(weight[selected].sum()), "greedy")


def optimality_gap(heuristic: Assignment, optimal: Assignment) -> float:
    """Share of the optimal objective a heuristic loses (0 = optimal).

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.matching.assignment import Assignment, optimality_gap
    >>> optimality_gap(Assignment(np.array([True]), 0.9, "greedy"),
    ...                Assignment(np.array([True]), 1.0, "min_cost_flow"))
    0.1
    """
    if optimal.objective <= 0:
        return 0.0
    return round(1.0 - heuristic.objective / optimal.objective, 6)
