"""Benchmark: plan a quarter (caseload optimisation + contact planning) for a whole Jobcenter.

    .venv/bin/python -m bench.bench_plan                                  # 12,000 eLb, 120 officers
    .venv/bin/python -m bench.bench_plan --clients 1200 --officers 12     # a tenth

The Jobcenter takes the real path: ``lotse generate --jobcenter gelsenkirchen --clients N
--officers K --seed S --as-of D --out DIR``, ``lotse db upgrade`` and the import of DIR into a
scratch SQLite file, each in a process of its own, so that the seconds and the peak memory
(ru_maxrss) printed for planning are those of planning alone. The import dates the programme
memberships it opens on the reference date ``D`` (``import_folder(today=D)``; ``lotse import``
would date them on the machine's today, after the quarter planned here). Then the quarter after
``D`` is planned as ``lotse plan quarter`` does: caseloads allocated and applied, contacts planned,
the calendar checked, committed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def _lotse() -> str:
    found = Path(sys.executable).with_name("lotse")
    return str(found) if found.exists() else (shutil.which("lotse") or "lotse")


def _run(command: list[str], *, env: dict[str, str] | None = None) -> float:
    """Run a step in its own process; its seconds."""
    t0 = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{' '.join(command[:3])} ... failed (exit code {done.returncode})")
    return time.perf_counter() - t0


def import_into(url: str, folder: Path, as_of: date) -> None:
    """The import step (run in a child process): the folder into the database at ``url``."""
    from lotse.db.engine import create_engine_for, session_scope
    from lotse.exchange.importer import import_folder

    engine = create_engine_for(url)
    with session_scope(engine) as session:
        import_folder(session, folder, today=as_of)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark of lotse plan quarter")
    parser.add_argument("--jobcenter", default="gelsenkirchen")
    parser.add_argument("--clients", type=int, default=12_000)
    parser.add_argument("--officers", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--as-of", default="2025-12-31", help="reference date of the data")
    parser.add_argument("--import-into", help=argparse.SUPPRESS)  # child process: URL
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    as_of = date.fromisoformat(args.as_of)
    if args.import_into:
        import_into(args.import_into, Path(args.folder), as_of)
        return
    start = as_of + timedelta(days=1)
    with tempfile.TemporaryDirectory(prefix="lotse-bench-plan-") as tmp:
        folder, url = Path(tmp) / "export", f"sqlite:///{Path(tmp) / 'bench.db'}"
        t_generate = _run(
            [
                _lotse(), "generate", "--jobcenter", args.jobcenter,
                "--clients", str(args.clients), "--officers", str(args.officers),
                "--seed", str(args.seed), "--as-of", as_of.isoformat(), "--out", str(folder),
            ]
        )  # fmt: skip
        _run([_lotse(), "db", "upgrade"], env={**os.environ, "LOTSE_DATABASE_URL": url})
        t_import = _run(
            [
                sys.executable, "-m", "bench.bench_plan", "--import-into", url,
                "--folder", str(folder), "--as-of", as_of.isoformat(),
            ]
        )  # fmt: skip

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
    print(
        f"jobcenter: {args.jobcenter} clients={args.clients} officers={args.officers} "
        f"seed={args.seed} as_of={as_of} (generate {t_generate:.1f} s, import {t_import:.1f} s, "
        "separate processes)"
    )
    print(f"quarter {report.start} – {report.end}")
    print(f"plan seconds (caseloads + contacts + checks, incl. commit): {t_plan:.2f}")
    print(f"peak memory (ru_maxrss of this process): {peak_mb:.0f} MiB")
    gap = f" gap={report.solver_gap:.2%}" if report.solver_status != "OPTIMAL" else ""
    print(
        f"solver={report.solver_status}{gap} reassignments={report.reassignments} "
        f"first_assignments={report.first_assignments} unplaced={report.unplaced} "
        f"officers_over_target={over}/{len(report.officers)}"
    )
    print(
        "reassignments by cause: "
        + ", ".join(f"{k} {v}" for k, v in report.reassignment_causes.items())
    )
    for p in report.pools:
        print(
            f"pool {p.site} / {p.programme or 'regular'} ({p.target}): officers={p.officers} "
            f"clients={p.clients} ratio=1:{p.ratio:.0f}"
        )
    print(
        f"contacts planned={report.contacts.contacts_planned} "
        f"missed={report.contacts.contacts_missed} "
        f"appointments={report.calendar.appointments} on_weekends={report.calendar.on_weekends} "
        f"on_holidays={report.calendar.on_public_holidays}"
    )
    for d in report.density:
        print(f"density {d.name}: {d.reached:.2f} of {d.target:.2f} per client and month")


if __name__ == "__main__":
    main()
