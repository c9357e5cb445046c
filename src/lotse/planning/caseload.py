"""Caseload allocation: clients to officers at a target ratio, as an optimisation (CP-SAT).

Every client belongs to one *pool*: a site and either a programme whose dedicated officers work
at that site (the most intensive one, i.e. the smallest caseload ratio, when the client is in
several) or the regular service (``programme=None``). Officers serve the pool of their site and
their team's programme. Within a pool the model decides how many clients of each *class*
(clients who are interchangeable: same current officer, same language need, same load weight)
go to each officer, minimising

* moves away from an officer who is still in the pool (continuity),
* clients who need a language that their officer does not speak,
* load above the target, with a convex cost so that overload is shared, not piled up.

Load is counted in units so that § 44c(4) SGB II works out: in the regular service a client
under 25 weighs 150/75 = 2 units, one from 25 weighs 1, and a full-time officer carries 150
units (1:75 resp. 1:150). A programme with its own ratio (Joboffensive 1:100) weighs everyone 1.
Capacity scales with the officer's weekly hours.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from lotse.domain.languages import language_name
from lotse.planning.caseload_solver import ClientClass, PoolOfficer, solve_pool

__all__ = [
    "REGULAR_TARGET",
    "Allocation",
    "AllocationWeights",
    "Assignment",
    "AssignmentKind",
    "CaseloadClient",
    "CaseloadOfficer",
    "Cause",
    "OfficerLoad",
    "PoolTarget",
    "allocate",
    "choose_pool",
]

FULL_TIME_HOURS = 39.0
"""Weekly hours of a full-time post (TVöD); capacity is scaled by ``weekly_hours / 39``."""


@dataclass(frozen=True, slots=True)
class PoolTarget:
    """Target ratio of a pool: clients per full-time officer, by age group.

    >>> PoolTarget().weight(under_25=True), PoolTarget().weight(under_25=False)
    (2, 1)
    >>> PoolTarget(100, 100).capacity(19.5)
    50
    """

    ratio_from_25: int = 150
    ratio_under_25: int = 75

    @property
    def unit_base(self) -> int:
        """Units a full-time officer carries (least common multiple of both ratios)."""
        return math.lcm(self.ratio_from_25, self.ratio_under_25)

    def weight(self, *, under_25: bool) -> int:
        return self.unit_base // (self.ratio_under_25 if under_25 else self.ratio_from_25)

    def capacity(self, weekly_hours: float) -> int:
        return max(1, round(self.unit_base * weekly_hours / FULL_TIME_HOURS))

    def label(self) -> str:
        if self.ratio_from_25 == self.ratio_under_25:
            return f"1:{self.ratio_from_25}"
        return f"1:{self.ratio_from_25} (U25 1:{self.ratio_under_25})"


REGULAR_TARGET = PoolTarget(150, 75)
"""§ 44c(4) SGB II: 1:75 for eLb under 25, 1:150 from 25 (a guideline, not a cap)."""


@dataclass(frozen=True, slots=True)
class CaseloadOfficer:
    id: int
    name: str
    site_id: int
    programme: str | None = None
    languages: frozenset[str] = frozenset({"de"})
    weekly_hours: float = FULL_TIME_HOURS
    active: bool = True


@dataclass(frozen=True, slots=True)
class CaseloadClient:
    id: int
    ref: str
    site_id: int
    programmes: tuple[str, ...] = ()
    current_officer_id: int | None = None
    under_25: bool = False
    needs_languages: frozenset[str] = frozenset()


class Cause(StrEnum):
    """Why a client's officer changes (or not)."""

    NONE = "none"  # stays
    NEW = "new"  # had no officer
    NO_OFFICER = "no_officer"  # pool without officers
    OFFICER_LEFT = "officer_left"
    SITE = "site"
    PROGRAMME = "programme"
    LANGUAGE = "language"
    OVERLOAD = "overload"
    MAKE_ROOM = "make_room"  # the officer takes clients who speak their language
    BALANCE = "balance"


class AssignmentKind(StrEnum):
    STAY = "stay"
    INITIAL = "initial"  # had no officer before
    MOVE = "move"  # a reassignment
    UNPLACED = "unplaced"  # no officer in the pool


@dataclass(frozen=True, slots=True)
class Assignment:
    client_id: int
    client_ref: str
    pool: tuple[int, str | None]
    officer_id: int | None
    previous_officer_id: int | None
    kind: AssignmentKind
    reason: str
    cause: Cause = Cause.NONE


@dataclass(frozen=True, slots=True)
class OfficerLoad:
    officer_id: int
    name: str
    site_id: int
    programme: str | None
    clients: int
    units: int
    capacity: int
    target: PoolTarget
    weekly_hours: float

    @property
    def utilisation(self) -> float:
        """Load as a share of the target load (1.0 = exactly at the target ratio)."""
        return self.units / self.capacity

    @property
    def ratio(self) -> float:
        """Clients (in from-25 equivalents) per full-time officer: the ``x`` of ``1:x``."""
        fte = self.weekly_hours / FULL_TIME_HOURS
        return self.units * self.target.ratio_from_25 / self.target.unit_base / fte


@dataclass(frozen=True, slots=True)
class AllocationWeights:
    """Costs of the objective, per unit of load (a client under 25 in regular care is two).

    ``tiers`` are (upper bound as a share of capacity, cost per unit). Costs below the target
    stay under ``move`` so that nobody is moved only to even out loads below the target; costs
    above it exceed ``move`` so that overload is relieved where another officer has room.
    """

    move: int = 10
    language: int = 15
    tiers: tuple[tuple[float, int], ...] = (
        *((k / 10, k - 1) for k in range(1, 11)),  # 0-10 % costs 0 ... 90-100 % costs 9
        (1.1, 25),
        (1.25, 50),
        (math.inf, 100),
    )


@dataclass
class Allocation:
    assignments: list[Assignment]
    loads_before: list[OfficerLoad]
    loads: list[OfficerLoad]
    solver_status: str
    objective: float
    pools: dict[tuple[int, str | None], PoolTarget] = field(default_factory=dict)
    objective_bound: float = 0.0
    """Proven lower bound of ``objective`` (sum over the pools); equal to it when OPTIMAL."""

    @property
    def gap(self) -> float:
        """Relative distance to the bound, as CP-SAT reports it: 0 when proven optimal."""
        return abs(self.objective - self.objective_bound) / max(1.0, abs(self.objective))

    @property
    def moves(self) -> list[Assignment]:
        return [a for a in self.assignments if a.kind is AssignmentKind.MOVE]

    @property
    def unplaced(self) -> list[Assignment]:
        return [a for a in self.assignments if a.kind is AssignmentKind.UNPLACED]

    def count(self, kind: AssignmentKind) -> int:
        return sum(1 for a in self.assignments if a.kind is kind)


def choose_pool(
    programmes: Sequence[str],
    staffed: set[str],
    targets: Mapping[str, PoolTarget],
) -> str | None:
    """The programme whose officers look after a client, or ``None`` for the regular service.

    Among the client's programmes that have officers at the client's site, the most intensive
    one (smallest ratio) wins; ties go to the alphabetically first code.

    >>> t = {"joboffensive": PoolTarget(100, 100), "job_turbo": PoolTarget()}
    >>> choose_pool(["job_turbo", "joboffensive"], {"job_turbo", "joboffensive"}, t)
    'joboffensive'
    >>> choose_pool(["joboffensive"], {"job_turbo"}, t) is None
    True
    """
    staffed_here = [p for p in programmes if p in staffed]
    if not staffed_here:
        return None
    return min(staffed_here, key=lambda p: (targets.get(p, REGULAR_TARGET).ratio_from_25, p))


def _loads(
    officers: Sequence[CaseloadOfficer],
    holder: Mapping[int, int | None],
    clients: Mapping[int, CaseloadClient],
    pool_of_officer: Mapping[int, tuple[int, str | None]],
    targets: Mapping[tuple[int, str | None], PoolTarget],
) -> list[OfficerLoad]:
    counts: dict[int, int] = defaultdict(int)
    units: dict[int, int] = defaultdict(int)
    for client_id, officer_id in holder.items():
        if officer_id is None or officer_id not in pool_of_officer:
            continue
        target = targets[pool_of_officer[officer_id]]
        counts[officer_id] += 1
        units[officer_id] += target.weight(under_25=clients[client_id].under_25)
    result = []
    for o in officers:
        if not o.active:
            continue
        target = targets[pool_of_officer[o.id]]
        result.append(
            OfficerLoad(
                o.id,
                o.name,
                o.site_id,
                o.programme,
                counts[o.id],
                units[o.id],
                target.capacity(o.weekly_hours),
                target,
                o.weekly_hours,
            )
        )
    return result


def allocate(
    clients: Sequence[CaseloadClient],
    officers: Sequence[CaseloadOfficer],
    *,
    programme_targets: Mapping[str, PoolTarget] | None = None,
    weights: AllocationWeights | None = None,
    site_names: Mapping[int, str] | None = None,
    programme_names: Mapping[str, str] | None = None,
    time_limit_s: float = 20.0,
) -> Allocation:
    """Assign every client to an officer of its pool, with as few moves as the targets allow.

    Parameters
    ----------
    clients, officers
        The caseload as it is; officers with ``active=False`` keep nobody.
    programme_targets
        Ratio per programme code; programmes without one use § 44c(4) (1:75 / 1:150).
    weights
        Costs of the objective (see :class:`AllocationWeights`).
    site_names, programme_names
        Labels for the German explanations.
    time_limit_s
        Time limit of CP-SAT per pool. The search starts from a greedy allocation, so a stop at
        the limit still returns a complete allocation: ``solver_status`` is then ``FEASIBLE``
        and ``gap`` says how far from the proven bound it may be.

    Raises
    ------
    Infeasible
        Only when a pool is proven to have no allocation, which needs a hard cap (cost tiers
        that end at a finite bound); the message names the pool and the numbers.

    Returns
    -------
    Allocation
        One assignment per client with kind and reason, loads before and after.

    Examples
    --------
    Two officers at one site, one overloaded: the model moves just enough clients.

    >>> officers = [CaseloadOfficer(1, "A", site_id=1), CaseloadOfficer(2, "B", site_id=1)]
    >>> clients = [CaseloadClient(i, f"C{i}", 1, current_officer_id=1) for i in range(160)]
    >>> result = allocate(clients, officers)
    >>> len(result.moves), [load.clients for load in result.loads]
    (10, [150, 10])
    >>> result.moves[0].reason
    'umverteilt, weil A mit 160 Kund:innen über dem Zielschlüssel 1:150 (U25 1:75) lag'
    """
    targets_by_code = dict(programme_targets or {})
    weights = weights or AllocationWeights()
    site_names = site_names or {}
    programme_names = programme_names or {}
    by_id = {o.id: o for o in officers}
    active = [o for o in officers if o.active]

    staffed: dict[int, set[str]] = defaultdict(set)
    for o in active:
        if o.programme is not None:
            staffed[o.site_id].add(o.programme)

    def target_of(programme: str | None) -> PoolTarget:
        if programme is None:
            return REGULAR_TARGET
        return targets_by_code.get(programme, REGULAR_TARGET)

    pool_of_officer = {o.id: (o.site_id, o.programme) for o in active}
    pool_of_client = {
        c.id: (c.site_id, choose_pool(c.programmes, staffed[c.site_id], targets_by_code))
        for c in clients
    }
    pool_targets = {pool: target_of(pool[1]) for pool in {*pool_of_officer.values()}}
    for pool in pool_of_client.values():
        pool_targets.setdefault(pool, target_of(pool[1]))
    client_by_id = {c.id: c for c in clients}

    officers_in_pool: dict[tuple[int, str | None], list[CaseloadOfficer]] = defaultdict(list)
    for o in active:
        officers_in_pool[pool_of_officer[o.id]].append(o)
    clients_in_pool: dict[tuple[int, str | None], list[CaseloadClient]] = defaultdict(list)
    for c in clients:
        clients_in_pool[pool_of_client[c.id]].append(c)

    before = _loads(
        officers,
        {c.id: c.current_officer_id for c in clients},
        client_by_id,
        pool_of_officer,
        pool_targets,
    )
    before_by_id = {load.officer_id: load for load in before}

    def where(pool: tuple[int, str | None]) -> str:
        site = site_names.get(pool[0], f"Standort {pool[0]}")
        if pool[1] is None:
            return f"Regelbetreuung am Standort {site}"
        return f"Programm {programme_names.get(pool[1], pool[1])} am Standort {site}"

    holder: dict[int, int | None] = {}
    assignments: list[Assignment] = []
    statuses: set[str] = set()
    objective = 0.0
    bound = 0.0

    for pool in sorted(clients_in_pool, key=lambda p: (p[0], p[1] or "")):
        members = sorted(clients_in_pool[pool], key=lambda c: c.ref)
        staff = sorted(officers_in_pool.get(pool, []), key=lambda o: o.id)
        if not staff:
            for c in members:
                holder[c.id] = None
                assignments.append(
                    Assignment(
                        c.id,
                        c.ref,
                        pool,
                        None,
                        c.current_officer_id,
                        AssignmentKind.UNPLACED,
                        f"nicht zugewiesen: keine aktive Fachkraft für {where(pool)}",
                    )
                )
            continue
        target = pool_targets[pool]
        staff_ids = {o.id for o in staff}

        classes: dict[tuple[int | None, frozenset[str], int], list[CaseloadClient]] = defaultdict(
            list
        )
        for c in members:
            current = c.current_officer_id if c.current_officer_id in staff_ids else None
            key = (
                current,
                _relevant_needs(c.needs_languages, staff),
                target.weight(under_25=c.under_25),
            )
            classes[key].append(c)
        class_keys = sorted(classes, key=lambda k: (k[0] or 0, sorted(k[1]), k[2]))

        solution = solve_pool(
            [ClientClass(*key, len(classes[key])) for key in class_keys],
            [PoolOfficer(o.id, o.languages, target.capacity(o.weekly_hours)) for o in staff],
            weights,
            label=where(pool),
            time_limit_s=time_limit_s,
        )
        statuses.add(solution.status)
        objective += solution.objective
        bound += solution.bound
        # officers who take over clients for their language (they may pass others on)
        gaining = {
            officer_id
            for ci, key in enumerate(class_keys)
            if key[1] and key[0] is not None
            for officer_id in solution.counts[ci]
            if officer_id != key[0] and key[1] & by_id[officer_id].languages
        }

        for ci, key in enumerate(class_keys):
            current = key[0]
            queue = list(classes[key])
            counts = solution.counts[ci]
            # those who stay come first (in ref order), so a re-run moves the same people
            order = ([current] if current is not None else []) + [
                o.id for o in staff if o.id != current
            ]
            for officer_id in order:
                for _ in range(counts.get(officer_id, 0)):
                    c = queue.pop(0)
                    holder[c.id] = officer_id
                    assignments.append(
                        _explain(c, pool, by_id[officer_id], by_id, before_by_id, where, gaining)
                    )
    loads = _loads(officers, holder, client_by_id, pool_of_officer, pool_targets)
    assignments.sort(key=lambda a: a.client_ref)
    status_text = "OPTIMAL" if statuses <= {"OPTIMAL"} else "FEASIBLE"
    return Allocation(assignments, before, loads, status_text, objective, pool_targets, bound)


def _relevant_needs(needs: frozenset[str], staff: Sequence[CaseloadOfficer]) -> frozenset[str]:
    """The part of a language need that tells the pool's officers apart.

    A need that every officer of the pool serves, or none does, costs the same wherever the client
    goes; dropping it merges such clients into one class and keeps the model small.
    """
    if not needs:
        return needs
    served = [bool(needs & o.languages) for o in staff]
    if all(served) or not any(served):
        return frozenset()
    return needs & frozenset().union(*(o.languages for o in staff))


def _explain(
    client: CaseloadClient,
    pool: tuple[int, str | None],
    new: CaseloadOfficer,
    by_id: Mapping[int, CaseloadOfficer],
    before: Mapping[int, OfficerLoad],
    where: Callable[[tuple[int, str | None]], str],
    gaining: set[int],
) -> Assignment:
    """The German reason why ``client`` ends up with ``new``."""
    prev_id = client.current_officer_id
    speaks = sorted(client.needs_languages & new.languages)
    lang = " und ".join(language_name(code) for code in speaks)

    def done(kind: AssignmentKind, cause: Cause, reason: str) -> Assignment:
        return Assignment(client.id, client.ref, pool, new.id, prev_id, kind, reason, cause)

    move = AssignmentKind.MOVE
    if prev_id == new.id:
        return done(AssignmentKind.STAY, Cause.NONE, f"bleibt bei {new.name}")
    if prev_id is None or prev_id not in by_id:
        why = f"{new.name} spricht {lang}" if lang else f"{new.name} hat freie Kapazität"
        return done(
            AssignmentKind.INITIAL, Cause.NEW, f"erstmals zugewiesen: {why} ({where(pool)})"
        )
    old = by_id[prev_id]
    if not old.active:
        return done(move, Cause.OFFICER_LEFT, f"umverteilt, weil {old.name} nicht mehr aktiv ist")
    if old.site_id != client.site_id:
        return done(
            move, Cause.SITE, f"umverteilt, weil die Betreuung jetzt liegt bei: {where(pool)}"
        )
    if old.programme != pool[1]:
        return done(
            move, Cause.PROGRAMME, f"umverteilt, weil die Betreuung jetzt liegt bei: {where(pool)}"
        )
    if client.needs_languages and speaks and not (client.needs_languages & old.languages):
        return done(
            move, Cause.LANGUAGE, f"umverteilt, weil {new.name} {lang} spricht und {old.name} nicht"
        )
    load = before.get(old.id)
    if load is not None and load.units > load.capacity:
        return done(
            move,
            Cause.OVERLOAD,
            f"umverteilt, weil {old.name} mit {load.clients} Kund:innen über dem "
            f"Zielschlüssel {load.target.label()} lag",
        )
    if old.id in gaining:
        return done(
            move,
            Cause.MAKE_ROOM,
            f"umverteilt, weil {old.name} Kund:innen übernimmt, die nur in einer Sprache der "
            "Fachkraft beraten werden können, und sonst über dem Zielschlüssel läge",
        )
    return done(move, Cause.BALANCE, f"umverteilt zu {new.name} (Ausgleich der Belastung)")
