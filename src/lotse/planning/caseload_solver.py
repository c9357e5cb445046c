"""The CP-SAT model of one caseload pool, its greedy starting solution and its diagnosis.

:func:`lotse.planning.caseload.allocate` groups a pool's clients into *classes* (same current
officer, same language need, same load weight) and hands them here. The answer is how many
clients of each class go to each officer; the model itself only decides how many of a class stay
and how many movers of each need and weight each officer receives (a move costs the same
wherever it goes), which keeps it small enough for a Jobcenter of 12,000 clients to be solved to
optimality in seconds. A greedy allocation is given to CP-SAT as a complete hint, so a feasible
solution exists from the first second; when the time limit stops the search the best solution
found is returned with the proven lower bound, and the pool fails only when the model is proven
infeasible.

A pool can be infeasible only when the last cost tier of :class:`AllocationWeights` has a finite
bound: that bound is then a hard cap on every officer's load (the default tiers end at infinity,
so the target ratio is a guideline and every pool with officers has an allocation).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lotse.errors import Infeasible, LotseError

if TYPE_CHECKING:
    from lotse.planning.caseload import AllocationWeights

__all__ = ["ClientClass", "PoolOfficer", "PoolSolution", "greedy_counts", "solve_pool"]


@dataclass(frozen=True, slots=True)
class ClientClass:
    """Clients of a pool who are interchangeable for the model."""

    current: int | None  # officer in the pool who has them now
    needs: frozenset[str]  # languages of which the officer must speak one (empty: any)
    weight: int  # load units per client
    size: int


@dataclass(frozen=True, slots=True)
class PoolOfficer:
    id: int
    languages: frozenset[str]
    capacity: int  # load units at the target ratio


@dataclass(frozen=True, slots=True)
class PoolSolution:
    counts: list[dict[int, int]]
    """Per class (in the given order): officer id -> how many of its clients that officer takes."""
    status: str  # OPTIMAL or FEASIBLE
    objective: float
    bound: float  # proven lower bound of the objective (= objective when OPTIMAL)


class _Costs:
    """The objective of one pool, evaluated outside the solver (for the hint and the fallback)."""

    def __init__(
        self,
        classes: Sequence[ClientClass],
        officers: Sequence[PoolOfficer],
        weights: AllocationWeights,
    ) -> None:
        self.classes = classes
        self.officers = officers
        self.weights = weights
        self.total_units = sum(k.weight * k.size for k in classes)
        # per officer: (upper bound in units, cost per unit) of each tier, bounds ascending
        self.tiers: dict[int, list[tuple[int, int]]] = {}
        for o in officers:
            rows, lower = [], 0
            for bound, cost in weights.tiers:
                upper = self.total_units if math.isinf(bound) else round(o.capacity * bound)
                upper = max(lower, upper)
                rows.append((upper, cost))
                lower = upper
            self.tiers[o.id] = rows

    def hard_cap(self, officer_id: int) -> int | None:
        """Most units the officer may carry, or ``None`` when the last tier is unbounded."""
        if math.isinf(self.weights.tiers[-1][0]):
            return None
        return self.tiers[officer_id][-1][0]

    def assignment(self, k: ClientClass, officer: PoolOfficer) -> int:
        """Cost per client of class ``k`` with ``officer`` (move and language, not load)."""
        cost = 0
        if k.current is not None and officer.id != k.current:
            cost += self.weights.move * k.weight
        if k.needs and not (k.needs & officer.languages):
            cost += self.weights.language * k.weight
        return cost

    def load(self, officer_id: int, units: int) -> float:
        """Tier cost of carrying ``units``; infinite above a hard cap."""
        cost, lower = 0, 0
        for upper, per_unit in self.tiers[officer_id]:
            cost += per_unit * max(0, min(units, upper) - lower)
            lower = upper
        return math.inf if units > lower else cost

    def parts(self, officer_id: int, units: int) -> list[int]:
        """How ``units`` fill the tiers, lowest first (what the solver's tier variables hold)."""
        result, lower = [], 0
        for upper, _cost in self.tiers[officer_id]:
            result.append(max(0, min(units, upper) - lower))
            lower = upper
        return result

    def total(self, counts: Sequence[dict[int, int]]) -> float:
        units = {o.id: 0 for o in self.officers}
        linear = 0
        for k, row in zip(self.classes, counts, strict=True):
            for o in self.officers:
                n = row.get(o.id, 0)
                linear += n * self.assignment(k, o)
                units[o.id] += n * k.weight
        return linear + sum(self.load(oid, u) for oid, u in units.items())


def greedy_counts(
    classes: Sequence[ClientClass],
    officers: Sequence[PoolOfficer],
    weights: AllocationWeights,
) -> list[dict[int, int]]:
    """A quick allocation: everyone stays while the officer is within the target, the rest greedy.

    Each officer first keeps the clients they can serve, up to their capacity. Every other client
    goes, one at a time, to the officer where the objective rises least (which may be the officer
    they have). Always feasible when the last cost tier is unbounded.

    Examples
    --------
    >>> from lotse.planning.caseload import AllocationWeights
    >>> officers = [PoolOfficer(1, frozenset({"de"}), 150), PoolOfficer(2, frozenset({"de"}), 150)]
    >>> classes = [ClientClass(1, frozenset(), 1, 160), ClientClass(None, frozenset(), 1, 20)]
    >>> greedy_counts(classes, officers, AllocationWeights())
    [{1: 150, 2: 10}, {2: 20}]
    """
    costs = _Costs(classes, officers, weights)
    by_id = {o.id: o for o in officers}
    units = {o.id: 0 for o in officers}
    counts: list[dict[int, int]] = [{} for _ in classes]
    left = [k.size for k in classes]

    def served(k: ClientClass, o: PoolOfficer) -> bool:
        return not k.needs or bool(k.needs & o.languages)

    # a client whose officer does not speak the language they need is placed in the second round,
    # where staying (language cost) competes with a move to a speaker (move cost)
    keep_order = [
        ci for ci, k in enumerate(classes) if k.current is not None and served(k, by_id[k.current])
    ]
    for ci in keep_order:
        k = classes[ci]
        assert k.current is not None
        room = by_id[k.current].capacity - units[k.current]
        keep = min(k.size, max(0, room) // k.weight)
        if keep:
            counts[ci][k.current] = keep
            units[k.current] += keep * k.weight
            left[ci] -= keep

    # those who need a language first, so that its speakers still have room for them
    for ci in sorted(range(len(classes)), key=lambda ci: (not classes[ci].needs, ci)):
        k = classes[ci]
        if not left[ci]:
            continue

        def rise(o: PoolOfficer, k: ClientClass = k) -> tuple[float, float, int]:
            u = units[o.id]
            extra = costs.load(o.id, u + k.weight) - costs.load(o.id, u)
            if math.isinf(extra):  # over a hard cap: only where nobody else has room
                return (math.inf, (u + k.weight) / o.capacity, o.id)
            return (costs.assignment(k, o) + extra, (u + k.weight) / o.capacity, o.id)

        # only the chosen officer's load changes, so a heap keeps the others' keys valid
        heap = [rise(o) for o in officers]
        heapq.heapify(heap)
        for _ in range(left[ci]):
            officer_id = heapq.heappop(heap)[2]
            counts[ci][officer_id] = counts[ci].get(officer_id, 0) + 1
            units[officer_id] += k.weight
            heapq.heappush(heap, rise(by_id[officer_id]))
    return counts


def solve_pool(
    classes: Sequence[ClientClass],
    officers: Sequence[PoolOfficer],
    weights: AllocationWeights,
    *,
    label: str,
    time_limit_s: float,
) -> PoolSolution:
    """Minimise moves, language mismatches and overload in one pool (see ``allocate``).

    Raises
    ------
    Infeasible
        Only when the pool is proven to have no allocation within the officers' hard caps; the
        message names the pool and the numbers.
    """
    from ortools.sat.python import cp_model

    costs = _Costs(classes, officers, weights)
    _check_total_capacity(classes, officers, costs, label)
    hint = greedy_counts(classes, officers, weights)
    by_id = {o.id: o for o in officers}

    # A moved client costs the same move wherever they go, so the model does not say who goes
    # where: per class only how many stay, per group of classes (same need and weight) only how
    # many movers each officer receives. Far fewer variables than class x officer, same optimum.
    groups: dict[tuple[frozenset[str], int], list[int]] = {}
    for ci, k in enumerate(classes):
        groups.setdefault((k.needs, k.weight), []).append(ci)
    model = cp_model.CpModel()
    terms: list[cp_model.LinearExprT] = []
    loads: dict[int, list[cp_model.LinearExprT]] = {o.id: [] for o in officers}
    stay: dict[int, cp_model.IntVar] = {}
    for ci, k in enumerate(classes):
        if k.current is None:
            continue
        var = model.new_int_var(0, k.size, f"stay_{ci}")
        model.add_hint(var, hint[ci].get(k.current, 0))
        stay[ci] = var
        loads[k.current].append(k.weight * var)
        # per unit of load, so that moving a client under 25 (two units) to even out
        # loads below the target never pays either
        terms.append(costs.weights.move * k.weight * (k.size - var))
        if k.needs and not (k.needs & by_id[k.current].languages):
            terms.append(costs.weights.language * k.weight * var)
    receive: dict[tuple[int, int], cp_model.IntVar] = {}
    for gi, ((needs, weight), members) in enumerate(groups.items()):
        movers = sum(classes[ci].size for ci in members)
        row = []
        for o in officers:
            var = model.new_int_var(0, movers, f"receive_{gi}_{o.id}")
            hinted = sum(hint[ci].get(o.id, 0) for ci in members if classes[ci].current != o.id)
            model.add_hint(var, hinted)
            receive[gi, o.id] = var
            row.append(var)
            loads[o.id].append(weight * var)
            if needs and not (needs & o.languages):
                terms.append(costs.weights.language * weight * var)
        model.add(
            sum(row)
            == sum(
                classes[ci].size - stay[ci] if ci in stay else classes[ci].size for ci in members
            )
        )
    for o in officers:
        filled = costs.parts(
            o.id, sum(k.weight * hint[ci].get(o.id, 0) for ci, k in enumerate(classes))
        )
        parts, lower = [], 0
        for ti, ((upper, cost), start) in enumerate(zip(costs.tiers[o.id], filled, strict=True)):
            part = model.new_int_var(0, upper - lower, f"t_{o.id}_{ti}")
            model.add_hint(part, start)
            parts.append(part)
            if cost:
                terms.append(cost * part)
            lower = upper
        model.add(sum(parts) == sum(loads[o.id]))
    model.minimize(sum(terms))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        counts = _split(
            classes,
            groups,
            {ci: int(solver.value(var)) for ci, var in stay.items()},
            {key: int(solver.value(var)) for key, var in receive.items()},
            officers,
        )
        return PoolSolution(
            counts,
            solver.status_name(status),
            costs.total(counts),
            solver.best_objective_bound,
        )
    if status == cp_model.INFEASIBLE:
        raise Infeasible(_why_infeasible(classes, officers, costs, label, split=True))
    # the time ran out before the solver even took the hint: the hint is still an allocation
    objective = costs.total(hint)
    if math.isinf(objective):
        raise LotseError(
            f"no caseload allocation found for {label} within {time_limit_s:g} s, and none is "
            "known to exist within the officers' load limits; allow more time"
        )
    bound = solver.best_objective_bound
    return PoolSolution(hint, "FEASIBLE", objective, bound if math.isfinite(bound) else 0.0)


def _split(
    classes: Sequence[ClientClass],
    groups: dict[tuple[frozenset[str], int], list[int]],
    stays: dict[int, int],
    received: dict[tuple[int, int], int],
    officers: Sequence[PoolOfficer],
) -> list[dict[int, int]]:
    """Turn stays and receipts per group back into how many of each class go to each officer.

    Movers of a group go to the officers with the most receipts left, never back to their own
    officer while another has room; if only their own is left they stay, which costs less.
    """
    counts: list[dict[int, int]] = [{} for _ in classes]
    for ci, n in stays.items():
        current = classes[ci].current
        if n and current is not None:
            counts[ci][current] = n
    for gi, members in enumerate(groups.values()):
        left = {o.id: received[gi, o.id] for o in officers if received[gi, o.id]}
        for ci in sorted(members, key=lambda ci: -(classes[ci].size - stays.get(ci, 0))):
            k = classes[ci]
            movers = k.size - stays.get(ci, 0)
            while movers:
                others = [oid for oid in left if oid != k.current] or list(left)
                oid = max(others, key=lambda oid: (left[oid], -oid))
                n = min(movers, left[oid])
                counts[ci][oid] = counts[ci].get(oid, 0) + n
                movers -= n
                left[oid] -= n
                if not left[oid]:
                    del left[oid]
    return counts


def _check_total_capacity(
    classes: Sequence[ClientClass],
    officers: Sequence[PoolOfficer],
    costs: _Costs,
    label: str,
) -> None:
    caps = [costs.hard_cap(o.id) for o in officers]
    if any(cap is None for cap in caps):
        return
    if costs.total_units > sum(cap or 0 for cap in caps):
        raise Infeasible(_why_infeasible(classes, officers, costs, label, split=False))


def _why_infeasible(
    classes: Sequence[ClientClass],
    officers: Sequence[PoolOfficer],
    costs: _Costs,
    label: str,
    *,
    split: bool,
) -> str:
    clients = sum(k.size for k in classes)
    caps = sum(costs.hard_cap(o.id) or 0 for o in officers)
    target = sum(o.capacity for o in officers)
    limit = costs.weights.tiers[-1][0]
    head = (
        f"no caseload allocation possible for {label}: {clients} clients weigh "
        f"{costs.total_units} load units, the {len(officers)} officers may carry at most {caps} "
        f"({limit:.0%} of their target capacity of {target})"
    )
    if not split:
        return head
    heavy = sorted({k.weight for k in classes if k.weight > 1})
    why = " and no split of the clients fits every officer's limit"
    if heavy:
        why += f" (a client under 25 weighs {heavy[-1]} units and cannot be divided)"
    return head + why
