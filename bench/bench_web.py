"""Load run on loopback: requests per second and p95 latency of the officer's day page.

Seeds a synthetic Jobcenter (``--officers`` accounts with ``--clients`` clients each, every
client with a contact due today and a pending proposal), starts ``lotse serve`` on a free port
and lets locust (headless) run ``--users`` concurrent officers for ``--seconds``, on SQLite and
PostgreSQL. Only 127.0.0.1 is ever contacted; the run stops by itself.

    .venv/bin/python -m bench.bench_web --users 50 --seconds 20 --officers 10 --clients 20
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from lotse.db.engine import create_engine_for, session_scope
from lotse.db.migrate import upgrade

POSTGRES = os.environ.get(
    "LOTSE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
HERE = Path(__file__).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database(backend: str, folder: Path) -> tuple[str, str | None]:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'bench.db'}", None
    name = f"lotse_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(POSTGRES).set(database=name).render_as_string(hide_password=False), name


def _drop(name: str) -> None:
    admin = sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _seed(url: str, officers: int, clients: int) -> tuple[list[str], str, float]:
    sys.path.insert(0, str(HERE.parent))
    from tests.web_seed import seed

    started = time.perf_counter()
    engine = create_engine_for(url)
    upgrade(engine)
    with session_scope(engine) as session:
        seeded = seed(session, extra_officers=officers, clients_per_officer=clients)
    engine.dispose()
    return seeded.officers or ["anna"], seeded.password, time.perf_counter() - started


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):  # noqa: S310 - loopback
                return
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    raise RuntimeError("lotse serve did not start")


def run(backend: str, args: argparse.Namespace) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, pg_name = _database(backend, folder)
        try:
            usernames, password, seed_s = _seed(url, args.officers, args.clients)
            port = _free_port()
            env = os.environ | {
                "LOTSE_DATABASE_URL": url,
                "LOTSE_BENCH_USERS": ",".join(usernames),
                "LOTSE_BENCH_PASSWORD": password,
            }
            lotse = str(Path(sys.executable).parent / "lotse")
            server = subprocess.Popen(
                [
                    lotse,
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--workers",
                    str(args.workers),
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                host = f"http://127.0.0.1:{port}"
                _wait(host, server)
                locust = str(Path(sys.executable).parent / "locust")
                done = subprocess.run(
                    [
                        locust,
                        "-f",
                        str(HERE / "locust_day.py"),
                        "--headless",
                        "--only-summary",
                        "-u",
                        str(args.users),
                        "-r",
                        str(args.users),
                        "-t",
                        f"{args.seconds}s",
                        "--host",
                        host,
                        "--json-file",
                        str(folder / "stats"),
                        "--stop-timeout",
                        "5",
                        "--loglevel",
                        "WARNING",
                    ],
                    env=env,
                    check=False,
                    timeout=args.seconds + 120,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                )
                stats = json.loads((folder / "stats.json").read_text())
                day = next((e for e in stats if e["name"] == "/day"), None)
                if day is None:
                    raise RuntimeError(f"no /day figures:\n{done.stdout.decode()[-2000:]}")
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            if pg_name:
                _drop(pg_name)
    times = {int(float(ms)): n for ms, n in day["response_times"].items()}
    seconds = max(day["last_request_timestamp"] - day["start_time"], 1e-9)
    return {
        "backend": backend,
        "seed_s": f"{seed_s:.1f}",
        "requests": str(day["num_requests"]),
        "failures": str(day["num_failures"]),
        "rps": f"{day['num_requests'] / seconds:.1f}",
        "p50_ms": str(_percentile(times, 0.50)),
        "p95_ms": str(_percentile(times, 0.95)),
        "max_ms": f"{day['max_response_time']:.0f}",
    }


def _percentile(histogram: dict[int, int], q: float) -> int:
    """The ``q`` quantile of a {milliseconds: count} histogram (locust's rounded buckets).

    >>> _percentile({10: 90, 200: 10}, 0.95)
    200
    """
    total = sum(histogram.values())
    seen = 0
    for ms in sorted(histogram):
        seen += histogram[ms]
        if seen >= q * total:
            return ms
    return max(histogram, default=0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated officers")
    parser.add_argument("--seconds", type=int, default=20, help="duration of each run")
    parser.add_argument("--officers", type=int, default=10, help="officer accounts seeded (scale)")
    parser.add_argument("--clients", type=int, default=20, help="clients per officer (scale)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = [run(b, args) for b in backends]
    print(
        f"officer's day page, {args.users} concurrent users, {args.seconds} s, "
        f"{args.officers} officers × {args.clients} clients, {args.workers} worker(s)"
    )
    columns = list(results[0])
    print("  ".join(f"{c:>9}" for c in columns))
    for r in results:
        print("  ".join(f"{r[c]:>9}" for c in columns))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this driver: {peak:.0f} MiB (server and locust run in own processes)")


if __name__ == "__main__":
    main()
