"""The assignment: optimal against brute force, capacities respected, greedy never better."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from lotse.matching.assignment import greedy_assignment, optimal_assignment, optimality_gap


def _brute_force(c: np.ndarray, v: np.ndarray, w: np.ndarray, k: int,
                 cap: np.ndarray) -> float:  # fmt: skip
    best = 0.0
    n = len(c)
    for mask in itertools.product([False, True], repeat=n):
        m = np.array(mask)
        if (np.bincount(c[m], minlength=c.max() + 1) > k).any():
            continue
        if (np.bincount(v[m], minlength=len(cap)) > cap).any():
            continue
        best = max(best, float(w[m].sum()))
    return best


def _instance(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, np.ndarray]:
    rng = np.random.default_rng(seed)
    n_c, n_v = rng.integers(2, 5), rng.integers(2, 4)
    pairs = [(a, b) for a in range(n_c) for b in range(n_v) if rng.random() < 0.7][:12]
    if not pairs:
        pairs = [(0, 0)]
    c = np.array([p[0] for p in pairs])
    v = np.array([p[1] for p in pairs])
    w = np.round(rng.random(len(pairs)), 3)
    return c, v, w, int(rng.integers(1, 3)), rng.integers(1, 3, n_v)


@pytest.mark.parametrize("seed", range(40))
def test_min_cost_flow_finds_the_brute_force_optimum(seed: int) -> None:
    c, v, w, k, cap = _instance(seed)
    best = optimal_assignment(c, v, w, client_cap=k, vacancy_cap=cap)
    assert best.objective == pytest.approx(_brute_force(c, v, w, k, cap), abs=1e-5)


@pytest.mark.parametrize("seed", range(40))
def test_capacities_hold_and_greedy_is_never_better(seed: int) -> None:
    c, v, w, k, cap = _instance(seed)
    for a in (optimal_assignment(c, v, w, client_cap=k, vacancy_cap=cap),
              greedy_assignment(c, v, w, client_cap=k, vacancy_cap=cap)):  # fmt: skip
        assert (np.bincount(c[a.selected], minlength=c.max() + 1) <= k).all()
        assert (np.bincount(v[a.selected], minlength=len(cap)) <= cap).all()
        assert a.objective == pytest.approx(float(w[a.selected].sum()))
    best = optimal_assignment(c, v, w, client_cap=k, vacancy_cap=cap)
    greedy = greedy_assignment(c, v, w, client_cap=k, vacancy_cap=cap)
    assert greedy.objective <= best.objective + 1e-9
    assert 0 <= optimality_gap(greedy, best) < 0.5 + 1e-9  # greedy is a 1/2-approximation


def test_greedy_can_lose_where_the_optimum_does_not() -> None:
    # Client 0 fits vacancies 0 (0.6) and 1 (0.5); client 1 only vacancy 0 (0.5). One each.
    # Greedy takes 0-0 (0.6) and strands client 1: 0.6. Optimal: 0-1 and 1-0 = 1.0.
    c, v, w = np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([0.6, 0.5, 0.5])
    greedy = greedy_assignment(c, v, w, client_cap=1, vacancy_cap=1)
    best = optimal_assignment(c, v, w, client_cap=1, vacancy_cap=1)
    assert greedy.objective == pytest.approx(0.6)
    assert best.objective == pytest.approx(1.0)
    assert optimality_gap(greedy, best) == pytest.approx(0.4)


def test_per_opening_capacity_lets_a_vacancy_with_two_openings_take_two_per_opening() -> None:
    # Five clients, one vacancy with 2 openings, R = 2: four proposals at most, the best four.
    c = np.arange(5)
    v = np.zeros(5, dtype=int)
    w = np.array([0.1, 0.5, 0.3, 0.4, 0.2])
    a = optimal_assignment(c, v, w, client_cap=3, vacancy_cap=2 * np.array([2]))
    assert sorted(c[a.selected].tolist()) == [1, 2, 3, 4]
