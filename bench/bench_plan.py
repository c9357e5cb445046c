"""Benchmark: plan a quarter (caseload optimisation + contact planning) for a whole Jobcenter.

    .venv/bin/python -m bench.bench_plan --scale 0.1     # 1,200 clients, 12 officers
    .venv/bin/python -m bench.bench_plan                 # 12,000 clients, 120 officers

The Jobcenter is built in a scratch SQLite file by ``bench.jobcenter_builder`` in a separate
process, so that the peak memory printed here (ru_maxrss) is that of planning alone. When
``lotse generate`` and ``lotse import`` exist, replace :func:`prepare` by
``lotse generate --jobcenter anhalt-bitterfeld --clients N --officers K --seed S --out DIR``
followed by ``LOTSE_DATABASE_URL=... lotse import DIR``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def prepare(url: str, clients: int, officers: int, seed: int, start: date) -> str:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.jobcenter_builder",
            "--url",
            url,
            "--clients",
            str(clients),
            "--officers",
            str(officers),
            "--seed",
            str(seed),
            "--from",
            start.isoformat(),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark of lotse plan quarter")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = 12,000 clients, 120 officers"
    )
    parser.add_argument("--from", dest="start", default="2026-01-01")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    clients, officers = round(12_000 * args.scale), max(3, round(120 * args.scale))
    start = date.fromisoformat(args.start)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        t0 = time.perf_counter()
        built = prepare(url, clients, officers, args.seed, start)
        t_build = time.perf_counter() - t0

        from lotse.db.engine import create_engine_for, session_scope
        from lotse.quarter.service import plan_quarter

        engine = create_engine_for(url)
        t1 = time.perf_counter()
        with session_scope(engine) as session:
            report = plan_quarter(session, start=start, actor="bench")
        t_plan = time.perf_counter() - t1
        engine.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    over = sum(1 for o in report.officers if o.utilisation > 1)
    print(f"jobcenter: {built} (built in {t_build:.1f} s, separate process)")
    print(f"quarter {report.start} – {report.end}: clients={clients} officers={officers}")
    print(f"plan seconds (caseloads + contacts + checks, incl. commit): {t_plan:.2f}")
    print(f"peak memory (ru_maxrss of this process): {peak_mb:.0f} MiB")
    print(
        f"reassignments={report.reassignments} first_assignments={report.first_assignments} "
        f"solver={report.solver_status} officers_over_target={over}/{len(report.officers)}"
    )
    print(
        f"contacts planned={report.contacts.contacts_planned} "
        f"missed={report.contacts.contacts_missed} on_weekends={report.calendar.on_weekends} "
        f"on_holidays={report.calendar.on_public_holidays}"
    )
    for d in report.density:
        print(f"density {d.name}: {d.reached:.2f} of {d.target:.2f} per client and month")


if __name__ == "__main__":
    main()
