"""Matching quality on simulated labour markets: Lotse vs an oracle and a rule-based baseline.

For each world (``lotse.simulation.labour_market.WORLDS``) and seed: simulate a market, train
the hire model on its history, propose with K per client and R per opening, and measure the
*expected hires* of the proposals under the hidden true probabilities (sum of p over proposals)
and the *expected placements* (Monte Carlo: a person takes one job, a vacancy fills at most its
openings). Compared with

* **oracle** — the same optimal assignment on the true probabilities (over every permitted pair
  of active clients and open vacancies, the best 60 per client);
* **rule** — same three-digit KldB group as a target, within the commuting limit, German level
  at least the minimum, nearest first, capacities respected;
* **prior** — Lotse with the transparent prior instead of the learned model.

Run: ``.venv/bin/python -m bench.bench_matching [--scale 1] [--seeds 2] [--worlds a,b]``.
"""

from __future__ import annotations

import argparse
import resource
import time
from typing import Any

import numpy as np
from numpy.typing import NDArray

from lotse.matching.assignment import optimal_assignment
from lotse.matching.features import client_table, vacancy_table
from lotse.matching.model import PriorModel, train_hire_model
from lotse.matching.pipeline import propose, top_per_client, training_set
from lotse.simulation.labour_market import (
    HELD_OUT_WORLDS,
    TUNING_WORLDS,
    WORLDS,
    Market,
    expected_placements,
    simulate,
    with_scale,
)


def _eligible(market: Market) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    h = market.hidden
    clients = np.flatnonzero(h["c_permitted"])
    vac = np.flatnonzero(np.array([v["status"] == "open" for v in market.vacancies]))
    return clients, vac


def oracle(
    market: Market, k: int, r: int, keep: int = 60, *, observable: bool = False
) -> tuple[NDArray[Any], ...]:
    clients, vac = _eligible(market)
    cs: list[NDArray[np.int64]] = []
    vs: list[NDArray[np.int64]] = []
    ps: list[NDArray[np.float64]] = []
    step = max(1, 2_000_000 // max(len(vac), 1))
    for s in range(0, len(clients), step):
        part = clients[s : s + step]
        ci = np.repeat(part, len(vac))
        vi = np.tile(vac, len(part))
        p = market.true_probability(ci, vi, observable=observable)
        m = top_per_client(ci, p, keep)
        cs.append(ci[m])
        vs.append(vi[m])
        ps.append(p[m])
    ci, vi, p = np.concatenate(cs), np.concatenate(vs), np.concatenate(ps)
    a = optimal_assignment(ci, vi, p, client_cap=k, vacancy_cap=r * market.hidden["openings"])
    return ci[a.selected], vi[a.selected]


def rule_baseline(market: Market, k: int, r: int) -> tuple[NDArray[Any], ...]:
    from lotse.domain.geo import distances_km

    h = market.hidden
    clients, vac = _eligible(market)
    left = r * h["openings"].copy()
    vgroup = np.array([int(market.vacancies[j]["kldb"][:3]) for j in range(len(left))])
    out_c: list[int] = []
    out_v: list[int] = []
    rng = np.random.default_rng(0)
    for c in rng.permutation(clients):
        groups = {int(t[:3]) for t in market.clients[c]["target_kldb"]}
        if not groups:
            continue
        cand = vac[np.isin(vgroup[vac], list(groups))]
        if len(cand) == 0:
            continue
        d = distances_km(h["c_lat"][c], h["c_lon"][c], h["v_lat"][cand], h["v_lon"][cand])
        ok = (d <= h["c_commute"][c]) & (h["c_german"][c] >= h["v_german"][cand])
        ok &= left[cand] > 0
        chosen = cand[ok][np.argsort(d[ok])][:k]
        left[chosen] -= 1
        out_c += [int(c)] * len(chosen)
        out_v += chosen.tolist()
    return np.array(out_c, dtype=np.int64), np.array(out_v, dtype=np.int64)


def _index(market: Market, proposals: list[dict[str, Any]]) -> tuple[NDArray[Any], ...]:
    cpos = {c["client_id"]: i for i, c in enumerate(market.clients)}
    vpos = {v["vacancy_id"]: j for j, v in enumerate(market.vacancies)}
    return (np.array([cpos[p["client_id"]] for p in proposals], dtype=np.int64),
            np.array([vpos[p["vacancy_id"]] for p in proposals], dtype=np.int64))  # fmt: skip


def evaluate(
    name: str, seed: int, scale: float, k: int, r: int, noise: float = 1.0
) -> dict[str, Any]:
    market = simulate(with_scale(WORLDS[name], scale, noise=noise), seed=seed)
    ct, vt = client_table(market.clients), vacancy_table(market.vacancies)
    x, y, g = training_set(ct, vt, market.history)
    t = time.perf_counter()
    model, report = train_hire_model(x, y, g, seed=seed)
    train_s = time.perf_counter() - t
    openings = market.hidden["openings"]

    def value(ci: NDArray[Any], vi: NDArray[Any]) -> tuple[float, float]:
        p = market.true_probability(ci, vi)
        return float(p.sum()), expected_placements(ci, vi, p, openings, draws=100)

    res = propose(ct, vt, model=model, per_client=k, per_opening=r, explain=False,
                  today=None)  # fmt: skip
    lotse = value(*_index(market, res.proposals))
    prior_res = propose(ct, vt, model=PriorModel(), per_client=k, per_opening=r,
                        explain=False, greedy=False)  # fmt: skip
    prior = value(*_index(market, prior_res.proposals))
    best = value(*oracle(market, k, r))
    seen = value(*oracle(market, k, r, observable=True))
    rule = value(*rule_baseline(market, k, r))
    return {
        "world": name, "seed": seed, "held_out": name in HELD_OUT_WORLDS,
        "history": report.rows, "hire_rate": report.hires / max(report.rows, 1),
        "kind": report.kind, "auc": report.auc, "ece": report.ece, "brier": report.brier,
        "train_s": train_s,
        "lotse": lotse, "prior": prior, "oracle": best, "rule": rule, "observable": seen,
        "greedy_gap": res.stats.get("greedy_gap"), "candidates": res.stats["candidate_pairs"],
    }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=0.3, help="market size (1 = 3,000 clients)")
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--worlds", default=",".join(WORLDS))
    ap.add_argument("--per-client", type=int, default=3)
    ap.add_argument("--per-opening", type=int, default=2)
    ap.add_argument(
        "--noise",
        type=float,
        default=1.0,
        help="multiplies every world's unobserved heterogeneity (0 = none)",
    )
    args = ap.parse_args()
    t0 = time.perf_counter()
    rows = [
        evaluate(w, s, args.scale, args.per_client, args.per_opening, args.noise)
        for w in args.worlds.split(",")
        for s in range(args.seeds)
    ]
    print(f"K={args.per_client} per client, R={args.per_opening} per opening, scale "
          f"{args.scale}, noise × {args.noise}; tuned on: {', '.join(TUNING_WORLDS)}")  # fmt: skip
    head = (f"{'world':<15}{'seed':>4}{'held':>5}{'model':>9}{'hist':>7}{'rate':>6}{'AUC':>6}"
            f"{'ECE':>7}"
            f"{'E[hires] Lotse/oracle':>23}{'prior/oracle':>13}{'rule/oracle':>12}"
            f"{'placed L/O':>11}{'rule':>6}{'obs/O':>7}{'gap':>7}")  # fmt: skip
    print(head)
    for r in rows:
        lo, pr, orc, ru = r["lotse"], r["prior"], r["oracle"], r["rule"]
        print(
            f"{r['world']:<15}{r['seed']:>4}{'yes' if r['held_out'] else 'no':>5}{r['kind']:>9}"
            f"{r['history']:>7}{r['hire_rate']:>6.2f}{(r['auc'] or 0):>6.3f}{(r['ece'] or 0):>7.3f}"
            f"{lo[0]:>10.1f}/{orc[0]:<7.1f}{lo[0] / orc[0]:>5.0%}{pr[0] / orc[0]:>13.0%}"
            f"{ru[0] / orc[0]:>12.0%}{lo[1] / orc[1]:>11.0%}{ru[1] / orc[1]:>6.0%}"
            f"{r['observable'][0] / orc[0]:>7.0%}"
            f"{(r['greedy_gap'] or 0):>7.2%}"
        )
    for label, held in (("tuning worlds", False), ("held-out worlds", True)):
        sel = [r for r in rows if r["held_out"] == held]
        if sel:
            share = np.mean([r["lotse"][0] / r["oracle"][0] for r in sel])
            rule = np.mean([r["rule"][0] / r["oracle"][0] for r in sel])
            prior = np.mean([r["prior"][0] / r["oracle"][0] for r in sel])
            placed = np.mean([r["lotse"][1] / r["oracle"][1] for r in sel])
            seen = np.mean([r["lotse"][0] / r["observable"][0] for r in sel])
            print(f"mean over {label}: Lotse {share:.1%} of oracle expected hires "
                  f"({placed:.1%} of placements; {seen:.1%} of the observable oracle), "
                  f"prior {prior:.1%}, rule {rule:.1%}")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{time.perf_counter() - t0:.1f} s, peak memory {peak:.0f} MB (shared 2-core machine)")


if __name__ == "__main__":
    main()
