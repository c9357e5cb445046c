"""Caseload allocation without a database. Expected numbers are worked out from § 44c(4) SGB II
(1:75 under 25, 1:150 from 25, scaled by weekly hours / 39) and the Joboffensive's 1:100."""

from __future__ import annotations

import pytest

from lotse.errors import Infeasible
from lotse.planning.caseload import (
    AllocationWeights,
    AssignmentKind,
    CaseloadClient,
    CaseloadOfficer,
    Cause,
    PoolTarget,
    allocate,
)

JO = {"joboffensive": PoolTarget(100, 100)}


def clients(
    n: int, *, officer: int | None, start: int = 0, under_25: bool = False
) -> list[CaseloadClient]:
    return [
        CaseloadClient(i, f"C{i:05d}", 1, current_officer_id=officer, under_25=under_25)
        for i in range(start, start + n)
    ]


def test_nobody_moves_while_every_officer_is_below_the_target_ratio() -> None:
    # 100 and 50 clients from 25 against 150 each: uneven, but under target, so continuity wins
    officers = [CaseloadOfficer(1, "A", 1), CaseloadOfficer(2, "B", 1)]
    result = allocate(clients(100, officer=1) + clients(50, officer=2, start=100), officers)
    assert result.moves == []
    assert [load.clients for load in result.loads] == [100, 50]


def test_an_overloaded_officer_passes_on_exactly_the_clients_above_target() -> None:
    # 80 clients under 25 weigh 160 units (1:75 = 150 units a post): 10 units too many = 5 people
    officers = [CaseloadOfficer(1, "A", 1), CaseloadOfficer(2, "B", 1)]
    result = allocate(clients(80, officer=1, under_25=True), officers)
    assert len(result.moves) == 5
    assert all(m.cause is Cause.OVERLOAD and m.officer_id == 2 for m in result.moves)
    assert "über dem Zielschlüssel" in result.moves[0].reason


def test_a_part_time_officer_carries_proportionally_fewer_clients() -> None:
    # 19.5 of 39 hours: 75 clients from 25; the other 25 of 100 go to the full-time colleague
    officers = [CaseloadOfficer(1, "Teilzeit", 1, weekly_hours=19.5), CaseloadOfficer(2, "B", 1)]
    result = allocate(clients(100, officer=1), officers)
    assert [load.clients for load in result.loads] == [75, 25]
    assert result.loads[0].capacity == 75


def test_clients_of_an_officer_who_left_are_taken_over_and_the_reason_says_so() -> None:
    officers = [
        CaseloadOfficer(1, "Frau Alt", 1, active=False),
        CaseloadOfficer(2, "B", 1),
        CaseloadOfficer(3, "C", 1),
    ]
    result = allocate(clients(40, officer=1), officers)
    assert len(result.moves) == 40
    assert {m.cause for m in result.moves} == {Cause.OFFICER_LEFT}
    assert result.moves[0].reason == "umverteilt, weil Frau Alt nicht mehr aktiv ist"
    # spread, not piled up: below target the cost rises by one per 10 % (15 units) of load
    b, c = sorted(load.clients for load in result.loads)
    assert b + c == 40
    assert c - b <= 15


def test_a_client_who_needs_ukrainian_moves_to_a_colleague_who_speaks_it() -> None:
    officers = [
        CaseloadOfficer(1, "A", 1),
        CaseloadOfficer(2, "B", 1, languages=frozenset({"de", "uk"})),
    ]
    needy = [CaseloadClient(1, "C1", 1, current_officer_id=1, needs_languages=frozenset({"uk"}))]
    result = allocate(needy + clients(20, officer=1, start=2), officers)
    assert [(m.client_id, m.officer_id, m.cause) for m in result.moves] == [(1, 2, Cause.LANGUAGE)]
    assert result.moves[0].reason == "umverteilt, weil B Ukrainisch spricht und A nicht"


def test_programme_clients_stay_in_regular_care_where_the_programme_has_no_officers() -> None:
    officers = [CaseloadOfficer(1, "Regel", site_id=1), CaseloadOfficer(2, "JO", 2, "joboffensive")]
    client = CaseloadClient(1, "C1", site_id=1, programmes=("joboffensive",))
    result = allocate([client], officers, programme_targets=JO)
    assert result.assignments[0].officer_id == 1
    assert result.assignments[0].kind is AssignmentKind.INITIAL


def test_new_joboffensive_posts_take_its_clients_at_one_to_one_hundred() -> None:
    # 190 members in regular care; two new posts: 95 each, i.e. 1:95 (target 1:100)
    regular = [CaseloadOfficer(1, "A", 1), CaseloadOfficer(2, "B", 1)]
    members = [
        CaseloadClient(i, f"C{i:03d}", 1, ("joboffensive",), current_officer_id=1 + i % 2)
        for i in range(190)
    ]
    assert allocate(members, regular, programme_targets=JO).moves == []
    posts = [
        CaseloadOfficer(-1, "Neu 1", 1, "joboffensive"),
        CaseloadOfficer(-2, "Neu 2", 1, "joboffensive"),
    ]
    result = allocate(members, regular + posts, programme_targets=JO)
    assert len(result.moves) == 190
    assert {m.cause for m in result.moves} == {Cause.PROGRAMME}
    new = [load for load in result.loads if load.officer_id < 0]
    assert sum(load.clients for load in new) == 190
    assert all(load.ratio <= 100 for load in new)


def test_clients_of_a_pool_without_officers_are_left_unplaced_with_a_reason() -> None:
    result = allocate(
        [CaseloadClient(1, "C1", site_id=9)], [CaseloadOfficer(1, "A", 1)], site_names={9: "Zerbst"}
    )
    assert result.unplaced[0].reason == (
        "nicht zugewiesen: keine aktive Fachkraft für Regelbetreuung am Standort Zerbst"
    )


def test_overload_is_shared_up_to_where_another_move_no_longer_pays() -> None:
    # 400 clients from 25 on A, B empty, 150 units a post. Each unit above 125 % costs 100; B's
    # units cost 0-9 up to 150, 25 up to 165, 50 up to 187.5 (rounded 188), then 100. A move
    # costs 10, so B takes clients while 100 (saved at A) > B's unit cost + 10: up to 188.
    officers = [CaseloadOfficer(1, "A", 1), CaseloadOfficer(2, "B", 1)]
    result = allocate(clients(400, officer=1), officers)
    assert [load.clients for load in result.loads] == [212, 188]


HARD_CAP_AT_TARGET = AllocationWeights(tiers=((1.0, 0),))
"""One tier ending at 100 %: the target ratio becomes a hard cap instead of a guideline."""


def test_when_the_greedy_start_is_already_optimal_the_solver_proves_it() -> None:
    # A keeps 150 of 160 (a full post), the 10 above and 20 new clients go to the empty B:
    # moves 10 x 10 = 100; A's tiers 15 units each at 0..9 = 675; B's 30 units 15 x 0 + 15 x 1 =
    # 15. Keeping one more at A costs 25, moving one more off A saves 9 but costs 10 + 2.
    officers = [CaseloadOfficer(1, "A", 1), CaseloadOfficer(2, "B", 1)]
    fresh = clients(20, officer=None, start=200)
    result = allocate(clients(160, officer=1) + fresh, officers)
    assert result.solver_status == "OPTIMAL"
    assert (result.objective, result.objective_bound, result.gap) == (790, 790, 0)
    assert [load.clients for load in result.loads] == [150, 30]
    assert len(result.moves) == 10


def test_a_time_limit_too_short_to_prove_the_optimum_still_gives_a_complete_allocation() -> None:
    officers = [CaseloadOfficer(1, "A", 1), CaseloadOfficer(2, "B", 1)]
    fresh = clients(20, officer=None, start=200)
    result = allocate(clients(160, officer=1) + fresh, officers, time_limit_s=0)
    assert result.solver_status == "FEASIBLE"
    assert result.objective == 790  # the greedy start, see the case above
    assert result.objective_bound < result.objective
    assert result.gap > 0
    assert all(a.officer_id in (1, 2) for a in result.assignments)
    assert len(result.assignments) == 180


def test_more_clients_than_hard_capacity_is_refused_naming_the_pool_and_the_numbers() -> None:
    officers = [CaseloadOfficer(1, "A", 1), CaseloadOfficer(2, "B", 1)]
    with pytest.raises(Infeasible) as raised:
        allocate(
            clients(301, officer=1), officers, weights=HARD_CAP_AT_TARGET, site_names={1: "Mitte"}
        )
    assert raised.value.message == (
        "no caseload allocation possible for Regelbetreuung am Standort Mitte: 301 clients weigh "
        "301 load units, the 2 officers may carry at most 300 (100% of their target capacity "
        "of 300)"
    )


def test_clients_under_25_that_cannot_be_split_within_hard_caps_are_refused() -> None:
    # 0.78 of 39 hours = 3 units each, 6 in all; three clients under 25 weigh 2 units each:
    # the totals fit, but each officer can take only one of them
    officers = [
        CaseloadOfficer(1, "A", 1, weekly_hours=0.78),
        CaseloadOfficer(2, "B", 1, weekly_hours=0.78),
    ]
    with pytest.raises(Infeasible, match="no split of the clients fits every officer's limit"):
        allocate(clients(3, officer=1, under_25=True), officers, weights=HARD_CAP_AT_TARGET)


def test_within_hard_caps_the_allocation_fills_every_officer_up_to_the_cap() -> None:
    officers = [CaseloadOfficer(1, "A", 1), CaseloadOfficer(2, "B", 1)]
    result = allocate(clients(300, officer=1), officers, weights=HARD_CAP_AT_TARGET)
    assert [load.clients for load in result.loads] == [150, 150]
