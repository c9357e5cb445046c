"""Benchmark: every key figure for one month over N eLb with 24 months of history.

    .venv/bin/python -m bench.bench_figures                  # 200,000 eLb (python -m bench)
    .venv/bin/python -m bench.bench_figures --scale 4000000 --threads 2 --memory-limit 3GB

Writes a synthetic Jobcenter as exchange-format Parquet (``bench/synthetic.py``, NumPy, no
Python object per person), then runs, each in its own process so peak memory is its own:

* ``duckdb``: Lotse's definitions (all key figures of § 48a SGB II for the Jobcenter and per
  site) — the code ``lotse figures --data DIR`` runs;
* ``pandas``: a plain pandas implementation of K2 alone, written independently of the SQL, as a
  reference for time and memory — and as a check that both give the same K2.

Prints seconds (time.perf_counter) and peak resident memory (resource.getrusage ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

MONTH = "2025-03"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_duckdb(
    folder: Path, month: str, threads: int | None, memory_limit: str | None = None
) -> dict[str, Any]:
    from lotse.analytics.engine import FigureEngine, Parameters
    from lotse.analytics.figures import figures_document
    from lotse.analytics.months import parse_month

    t0 = time.perf_counter()
    spill = Path(tempfile.mkdtemp(prefix="lotse-spill-"))
    engine = FigureEngine(threads=threads, memory_limit=memory_limit, temp_directory=spill)
    engine.load_folder(folder)
    t1 = time.perf_counter()
    doc = figures_document(engine.run(Parameters(ref_m=parse_month(month))))
    t2 = time.perf_counter()
    jc = doc["jobcenter"]
    return {
        "engine": "duckdb (Lotse definitions, all key figures, Jobcenter + sites)",
        "load_s": round(t1 - t0, 2),
        "compute_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
        "peak_mb": round(_peak_mb()),
        "k2_integrations_12m": jc["k2_integrations_12m"],
        "k2_elb_average_12m": jc["k2_elb_average_12m"],
        "k2_integration_quota": jc["k2_integration_quota"],
        "k3_long_term_recipients": jc["k3_long_term_recipients"],
        "sites": len(doc["sites"]),
    }


def pandas_k2(folder: Path, month: str) -> dict[str, float]:
    """K2 in plain pandas: integrations of the 12 months over the average month-end stock.

    Same rules as docs/key-figures.md (S1–S3), implemented without the SQL: a job start of kind
    employment/apprenticeship/self_employment counts when a benefit period of the person covers
    the last day of the month before it or of its own month; one per person and month.
    """
    import pandas as pd

    from lotse.analytics.months import parse_month, stichtag

    ref = parse_month(month)
    bp = pd.read_parquet(folder / "benefit_periods.parquet", columns=["client_id", "start", "end"])
    js = pd.read_parquet(folder / "integrations.parquet", columns=["client_id", "start", "kind"])
    start = bp["start"].astype("datetime64[s]")
    end = bp["end"].astype("datetime64[s]")
    stock = 0
    for m in range(ref - 11, ref + 1):
        day = pd.Timestamp(stichtag(m))
        stock += int(((start <= day) & (end.isna() | (end >= day))).sum())
    js = js[js["kind"].astype(str).isin(["employment", "apprenticeship", "self_employment"])]
    js_start = js["start"].astype("datetime64[s]")
    js = js.assign(m=js_start.dt.year * 12 + js_start.dt.month - 1)
    js = js[(js["m"] >= ref - 11) & (js["m"] <= ref)]
    js = js[["client_id", "m"]].drop_duplicates()
    merged = js.merge(bp, on="client_id")
    ends = {m: pd.Timestamp(stichtag(m)) for m in range(ref - 12, ref + 1)}
    prev_day = merged["m"].map(lambda m: ends[m - 1]).astype("datetime64[s]")
    cur_day = merged["m"].map(lambda m: ends[m]).astype("datetime64[s]")
    s, e = merged["start"].astype("datetime64[s]"), merged["end"].astype("datetime64[s]")
    covers = ((s <= prev_day) & (e.isna() | (e >= prev_day))) | (
        (s <= cur_day) & (e.isna() | (e >= cur_day))
    )
    integrations = len(merged.loc[covers, ["client_id", "m"]].drop_duplicates())
    return {
        "k2_integrations_12m": integrations,
        "k2_elb_average_12m": stock / 12,
        "k2_integration_quota": 1200 * integrations / stock,
    }


def run_pandas(folder: Path, month: str) -> dict[str, Any]:
    t0 = time.perf_counter()
    k2 = pandas_k2(folder, month)
    return {
        "engine": "pandas (K2 only, reference)",
        "total_s": round(time.perf_counter() - t0, 2),
        "peak_mb": round(_peak_mb()),
        **k2,
    }


def _phase(phase: str, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "bench.bench_figures",
        "--phase",
        phase,
        "--data",
        str(folder),
        "--month",
        args.month,
    ]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    if args.memory_limit:
        cmd += ["--memory-limit", args.memory_limit]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        type=int,
        default=200_000,
        help="eLb in the stock (the issue's full size: 4000000)",
    )
    parser.add_argument("--month", default=MONTH)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads")
    parser.add_argument("--memory-limit", default=None, help="DuckDB memory limit, e.g. 6GB")
    parser.add_argument("--data", type=Path, default=None, help="reuse/keep the Parquet folder")
    parser.add_argument(
        "--phase", choices=["duckdb", "pandas"], default=None, help="one engine (needs --data)"
    )
    args = parser.parse_args()
    if args.phase and not (args.data and (args.data / "clients.parquet").exists()):
        parser.error("--phase runs one engine on data written before: give --data FOLDER")
    if args.phase:
        if args.phase == "duckdb":
            run = run_duckdb(args.data, args.month, args.threads, args.memory_limit)
        else:
            run = run_pandas(args.data, args.month)
        print(json.dumps(run))
        return
    from bench.synthetic import generate

    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as tmp:
        folder = args.data or Path(tmp) / "data"
        if not (folder / "clients.parquet").exists():
            t0 = time.perf_counter()
            counts = generate(folder, n_elb=args.scale, month=args.month)
            size = sum(p.stat().st_size for p in folder.glob("*.parquet")) / 2**20
            print(
                f"synthetic input: {args.scale:,} eLb, {counts} — written in "
                f"{time.perf_counter() - t0:.1f} s, {size:.0f} MiB Parquet"
            )
        duck = _phase("duckdb", folder, args)
        pand = _phase("pandas", folder, args)
        for run in (duck, pand):
            print(json.dumps(run, ensure_ascii=False))
        same = all(
            abs(duck[k] - pand[k]) <= 1e-6 * max(1.0, abs(pand[k]))
            for k in ("k2_integrations_12m", "k2_elb_average_12m", "k2_integration_quota")
        )
        print(f"K2 agrees between DuckDB and pandas: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
