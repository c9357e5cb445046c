"""Benchmark: import a synthetic Jobcenter (clients, benefit periods, vacancies) into a database.

    .venv/bin/python -m bench.bench_import          # 10,000 eLb, 2,000 vacancies, both databases
    .venv/bin/python -m bench.bench_import --clients 100000 --vacancies 20000 --backend both
    .venv/bin/python -m bench.bench_import --data DIR --backend sqlite    # an existing folder

The folder comes from the synthetic Jobcenter generator
(``lotse generate --jobcenter <profile> --clients N --vacancies M --seed S --out DIR``); without
``--data`` the benchmark runs it, or says how to when the command is not there yet. Each import
runs in a fresh database (a SQLite file; a scratch PostgreSQL database created and dropped here)
and in a process of its own, so the seconds and peak memory printed are those of that import:
read and validate every file, write every row, commit. Migrating the empty schema is not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get(
    "LOTSE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _lotse() -> str:
    found = Path(sys.executable).with_name("lotse")
    return str(found) if found.exists() else (shutil.which("lotse") or "lotse")


def generator_available() -> bool:
    """Whether ``lotse generate`` exists in this installation."""
    try:
        done = subprocess.run(
            [_lotse(), "generate", "--help"], capture_output=True, text=True, check=False
        )
    except OSError:
        return False
    return done.returncode == 0


def generate(out: Path, *, jobcenter: str, clients: int, vacancies: int, seed: int) -> list[str]:
    """Run the generator into ``out``; returns the command line it ran."""
    command = [
        _lotse(), "generate", "--jobcenter", jobcenter, "--clients", str(clients),
        "--vacancies", str(vacancies), "--seed", str(seed), "--out", str(out),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"lotse generate failed (exit code {done.returncode})")
    return command


def _admin() -> sa.engine.Engine:
    return sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")


def scratch_database(backend: str, workdir: Path) -> str:
    """A fresh, empty database URL for ``backend``."""
    if backend == "sqlite":
        return f"sqlite:///{workdir / f'bench-{uuid.uuid4().hex[:8]}.db'}"
    name = f"lotse_bench_{uuid.uuid4().hex[:12]}"
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(make_url(url).database or "")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def run_one(url: str, folder: Path, twice: bool) -> dict[str, object]:
    """Import ``folder`` into the database at ``url`` (in this process) and measure it."""
    from lotse.db.engine import create_engine_for, session_scope
    from lotse.db.migrate import upgrade
    from lotse.exchange.importer import import_folder

    engine = create_engine_for(url)
    upgrade(engine)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with session_scope(engine) as session:
        report = import_folder(session, folder, actor="bench:import")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result: dict[str, object] = {
        "seconds": seconds,
        "peak_mib": peak / 1024,
        "baseline_mib": before / 1024,
        "rows": sum(c.inserted + c.updated + c.unchanged for c in report.files.values()),
        "files": {n: c.inserted for n, c in report.files.items()},
    }
    if twice:
        start = time.perf_counter()
        with session_scope(engine) as session:
            again = import_folder(session, folder, actor="bench:import")
        result["again_seconds"] = time.perf_counter() - start
        result["again_changed"] = again.changed
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    engine.dispose()
    return result


def measure(backend: str, folder: Path, workdir: Path, twice: bool) -> dict[str, object]:
    """One import into a fresh database of ``backend``, in a child process."""
    url = scratch_database(backend, workdir)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.bench_import", "--child", url, "--data", str(folder)]
            + (["--twice"] if twice else []),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"the import into {backend} failed")
        result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
        return result
    finally:
        drop_database(url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000, help="eLb to generate")
    parser.add_argument("--vacancies", type=int, default=2_000)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies both sizes")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--data", type=Path, help="import this folder instead of generating one")
    parser.add_argument("--jobcenter", default="borken", help="generator profile")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--twice", action="store_true", help="also time a second, unchanged import")
    parser.add_argument("--child", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        from lotse.errors import InvalidInput

        try:
            print(json.dumps(run_one(args.child, args.data, args.twice)))
        except InvalidInput as exc:
            print(f"{len(exc.problems)} problem(s) in {args.data}:", file=sys.stderr)
            for problem in exc.problems[:50]:
                print(f"  {problem}", file=sys.stderr)
            return 2
        return 0

    clients, vacancies = round(args.clients * args.scale), round(args.vacancies * args.scale)
    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as tmp:
        workdir = Path(tmp)
        folder = args.data
        if folder is None:
            if not generator_available():
                print(
                    "`lotse generate` is not available in this installation. Generate the data "
                    "first and pass it with --data:\n"
                    f"  lotse generate --jobcenter {args.jobcenter} --clients {clients} "
                    f"--vacancies {vacancies} --seed {args.seed} --out DIR\n"
                    "  .venv/bin/python -m bench.bench_import --data DIR",
                    file=sys.stderr,
                )
                return 2
            folder = workdir / "data"
            start = time.perf_counter()
            command = generate(folder, jobcenter=args.jobcenter, clients=clients,
                               vacancies=vacancies, seed=args.seed)  # fmt: skip
            print(f"generated with: {' '.join(command[1:])} ({time.perf_counter() - start:.1f} s)")
        sizes = {p.name: sum(1 for _ in p.open("rb")) - 1 for p in sorted(folder.glob("*.csv"))}
        print(f"folder {folder}: " + ", ".join(f"{n} {k:,}" for n, k in sizes.items()))
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} cores (a shared machine inflates the seconds)")  # fmt: skip
        backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
        print(f"{'backend':<11} {'rows':>10} {'seconds':>8} {'rows/s':>8} {'peak MiB':>9}"
              + ("  again s  changed" if args.twice else ""))  # fmt: skip
        for backend in backends:
            r = measure(backend, folder, workdir, args.twice)
            seconds, rows = float(str(r["seconds"])), int(str(r["rows"]))
            line = (f"{backend:<11} {rows:>10,} {seconds:>8.1f} {rows / seconds:>8,.0f} "
                    f"{float(str(r['peak_mib'])):>9.0f}")  # fmt: skip
            if args.twice:
                line += f"  {float(str(r['again_seconds'])):>7.1f}  {r['again_changed']}"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
