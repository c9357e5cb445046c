"""Matching at scale: 100,000 clients × 20,000 vacancies end to end, seconds and peak memory.

Simulates a large region (30 towns, 150 km across) with a history of past proposals, then
times each stage: reading the rows into arrays, training the hire model (cross-validated),
candidate generation, scoring, exact assignment (min-cost flow), the greedy heuristic, reasons,
and writing ``proposals.csv``.

Run: ``.venv/bin/python -m bench.bench_matching_scale [--scale 0.1]`` (1.0 = full size).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from dataclasses import replace
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=0.1, help="1.0 = 100,000 × 20,000")
    ap.add_argument("--per-client", type=int, default=3)
    ap.add_argument("--per-opening", type=int, default=2)
    args = ap.parse_args()

    from lotse.cli.match import _write_csv
    from lotse.matching.features import client_table, vacancy_table
    from lotse.matching.model import train_hire_model
    from lotse.matching.pipeline import propose, training_set
    from lotse.simulation.labour_market import WORLDS, simulate

    n_c, n_v = round(100_000 * args.scale), round(20_000 * args.scale)
    world = replace(
        WORLDS["baseline"], n_clients=n_c, n_vacancies=n_v, history=round(200_000 * args.scale),
        towns=30, region_km=150,
    )  # fmt: skip
    t = time.perf_counter()
    market = simulate(world, seed=0)
    print(f"simulated {len(market.clients):,} clients, {len(market.vacancies):,} vacancies "
          f"({n_v:,} open), {len(market.history):,} past proposals in "
          f"{time.perf_counter() - t:.1f} s")  # fmt: skip
    t0 = time.perf_counter()
    t = time.perf_counter()
    ct, vt = client_table(market.clients), vacancy_table(market.vacancies)
    print(f"tables            {time.perf_counter() - t:7.1f} s")
    t = time.perf_counter()
    x, y, g = training_set(ct, vt, market.history)
    model, report = train_hire_model(x, y, g)
    print(f"train + 5-fold CV {time.perf_counter() - t:7.1f} s  ({report.kind}, AUC "
          f"{report.auc:.3f}, ECE {report.ece:.4f}, Brier {report.brier:.4f})")  # fmt: skip
    result = propose(ct, vt, model=model, per_client=args.per_client,
                     per_opening=args.per_opening)  # fmt: skip
    for stage, sec in result.stats["seconds"].items():
        if stage not in ("tables", "total"):
            print(f"{stage:<18}{sec:7.1f} s")
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        _write_csv(Path(tmp) / "proposals.csv", result.proposals)
    print(f"write csv         {time.perf_counter() - t:7.1f} s")
    s = result.stats
    print(f"end to end        {time.perf_counter() - t0:7.1f} s")
    print(f"{s['candidate_pairs']:,} candidate pairs ({s['candidate_pairs'] / (n_c * n_v):.3%} "
          f"of all {n_c * n_v:,}), {s['edges']:,} edges to the assignment, {s['proposals']:,} "
          f"proposals; expected hires {s['expected_hires']:.0f}, greedy gap "
          f"{s['greedy_gap']:.2%}")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MB (shared 2-core machine)")


if __name__ == "__main__":
    main()
