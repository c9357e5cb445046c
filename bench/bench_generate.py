"""Benchmark ``lotse generate``: rows per second and peak memory, per size.

    .venv/bin/python -m bench.bench_generate --clients 50000 200000   (default: 10000 40000)

Each size runs in a fresh Python process (so the peak resident memory, ``ru_maxrss``, belongs
to that size alone) and writes into a temporary folder that is removed afterwards. Memory that
stays level from one size to the next shows that the generator streams: only one chunk of
people, the vacancies and the officers are held at a time.
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


def run_one(profile: str, clients: int, seed: int) -> dict[str, float]:
    """Generate once in this process and measure it."""
    from lotse.simulation.generator import generate

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        summary = generate(profile, out=Path(tmp) / "out", clients=clients, seed=seed)
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (Path(tmp) / "out").iterdir())
    rows = sum(summary.rows.values())
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "elb": clients,
        "rows": rows,
        "client_rows": summary.rows["clients.csv"],
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "output_mib": round(size / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="duisburg")
    parser.add_argument("--clients", "--scale", type=int, nargs="+", default=[10_000, 40_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.profile, args.clients[0], args.seed)))
        return
    print(f"lotse generate --jobcenter {args.profile} (one process per size)")
    header = f"{'eLb':>10} {'rows':>11} {'seconds':>9} {'rows/s':>9} {'peak MiB':>9} {'out MiB':>8}"
    print(header)
    for n in args.clients:
        cmd = [sys.executable, "-m", "bench.bench_generate", "--child", "--profile",
               args.profile, "--clients", str(n), "--seed", str(args.seed)]  # fmt: skip
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{r['elb']:>10,} {r['rows']:>11,} {r['seconds']:>9} {r['rows_per_second']:>9,} "
              f"{r['peak_rss_mib']:>9} {r['output_mib']:>8}")  # fmt: skip


if __name__ == "__main__":
    main()
