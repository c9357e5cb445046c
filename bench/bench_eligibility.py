"""Batch eligibility for a caseload: seconds and peak memory for N clients × every measure.

    .venv/bin/python -m bench.bench_eligibility --scale 20000

Writes a synthetic clients.csv (valid exchange format) to a temporary folder, then times reading
it (the exchange reader) and evaluating every packaged measure for every client, writing the
eligibility CSV. Figures depend on the machine; it may be shared with other work.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from lotse.domain.eligibility import Applicant, Params, evaluate_all
from lotse.measures.batch import eligibility_batch, read_clients
from lotse.measures.catalogue import packaged

STATUSES = [
    "temporary_protection",
    "recognised_refugee",
    "subsidiary_protection",
    "asylum_pending",
    "tolerated",
    "other_permit",
    "eu",
    "german",
]
LEVELS = ["A0", "A1", "A2", "B1", "B2", "C1"]
COURSE = ["none", "attending", "completed"]
QUALI = ["none", "school", "vocational", "academic"]
RECOG = ["not_needed", "none", "pending", "partial", "full"]
HEADER = (
    "client_id,site,status,birth_year,gender,citizenship,residence_status,work_permitted,"
    "german_level,integration_course,qualification,degree_recognition,plz,unemployed_since"
)


def write_clients(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with (folder / "clients.csv").open("w", encoding="utf-8") as fh:
        fh.write(HEADER + "\n")
        for i in range(n):
            since = date(2020, 1, 1) + timedelta(days=rng.randrange(2000))
            fh.write(
                ",".join(
                    [
                        f"C{i:07d}",
                        rng.choice(["Bitterfeld", "Köthen", "Zerbst"]),
                        "active",
                        str(rng.randint(1960, 2005)),
                        rng.choice("fm"),
                        rng.choice(["UA", "SY", "AF", "DE"]),
                        rng.choice(STATUSES),
                        rng.choice(["true", "false"]),
                        rng.choice(LEVELS),
                        rng.choice(COURSE),
                        rng.choice(QUALI),
                        rng.choice(RECOG),
                        "06749",
                        since.isoformat(),
                    ]
                )
                + "\n"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=2000, help="number of clients")
    args = parser.parse_args()
    measures = list(packaged())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_clients(folder, args.scale)
        t0 = time.perf_counter()
        clients = read_clients(folder)
        t_read = time.perf_counter() - t0
        first = clients.rows["clients.csv"][0]
        t1 = time.perf_counter()
        evaluate_all(
            measures,
            Applicant(residence_status=first["residence_status"]),
            on=date(2025, 6, 1),
            params=Params(),
        )
        t2 = time.perf_counter()
        summary = eligibility_batch(
            measures, folder, folder / "eligibility.csv", on=date(2025, 6, 1)
        )
        t_batch = time.perf_counter() - t2
        size = (folder / "eligibility.csv").stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"clients:                 {args.scale}")
    print(f"measures:                {len(measures)}")
    print(f"answers (rows):          {summary.rows}")
    print(f"read clients.csv:        {t_read:.2f} s")
    print(f"one client, all measures {(t2 - t1) * 1000:.2f} ms (first call)")
    print(f"batch (read+eval+write): {t_batch:.2f} s = {summary.rows / t_batch:,.0f} answers/s")
    print(f"output size:             {size / 1e6:.1f} MB")
    print(f"peak memory (ru_maxrss): {peak_mb:.0f} MB")
    print(f"decisions:               {dict(summary.decisions)}")


if __name__ == "__main__":
    main()
