"""Build ``src/lotse/reference/data/kldb_skills.csv.gz``: KldB 2010 five-digit code → ESCO skills.

Run from the repository root: ``.venv/bin/python scripts/build_skills.py [SHARED_DATA_DIR]``.

The path is KldB 2010 (five digits) → ISCO-08 (four digits, BA *Umsteigeschlüssel*, every
listed match, the recommended one first) → the ESCO occupations of those ISCO unit groups →
their essential and optional skills (ESCO v1.1.1 relations). A skill's weight for a KldB code is
the share of those ESCO occupations that need it, an essential relation counting 1 and an
optional one 0.5. We keep the ``TOP`` heaviest skills with a weight of at least ``MIN_WEIGHT``
and store weights in tenths (1–10), so the file stays small (the matcher compares codes by the
cosine of these vectors, ``lotse.matching.occupations``).

Skills are numbered by their position in the sorted list of ESCO skill UUIDs that occur in the
relations file, so the numbers are reproducible from the source; labels are not shipped because
the matcher never shows them (ESCO offers no German skill labels offline).
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "lotse" / "reference" / "data" / "kldb_skills.csv.gz"
TOP = 40
MIN_WEIGHT = 0.1


def build(shared: Path) -> None:
    isco_of: dict[str, list[str]] = defaultdict(list)
    with (shared / "kldb" / "kldb2010_5d_to_isco08.csv").open(encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: (r["kldb2010_5d"], -int(r["recommended"])))
    for r in rows:
        if r["isco08_4d"] not in isco_of[r["kldb2010_5d"]]:
            isco_of[r["kldb2010_5d"]].append(r["isco08_4d"])

    occupations_in: dict[str, list[str]] = defaultdict(list)
    with (shared / "esco" / "esco_occupations_de.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            occupations_in[r["iscoGroup"]].append(r["conceptUri"].rsplit("/", 1)[1])

    relations: dict[str, list[tuple[str, float]]] = defaultdict(list)
    skill_ids: set[str] = set()
    path = shared / "esco" / "esco_v1.1.1_occupation_skill_relations.csv"
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            weight = 1.0 if r["relationType"] == "essential" else 0.5
            relations[r["occupation_uuid"]].append((r["skill_uuid"], weight))
            skill_ids.add(r["skill_uuid"])
    number = {uuid: i for i, uuid in enumerate(sorted(skill_ids))}

    out_rows: list[list[str]] = []
    for code in sorted(isco_of):
        occs = [o for isco in isco_of[code] for o in occupations_in.get(isco, [])]
        occs = [o for o in dict.fromkeys(occs) if o in relations]
        if not occs:
            continue
        total: dict[str, float] = defaultdict(float)
        for o in occs:
            for skill, weight in relations[o]:
                total[skill] += weight
        weights = sorted(((w / len(occs), s) for s, w in total.items()), reverse=True)
        kept = [(s, w) for w, s in weights[:TOP] if w >= MIN_WEIGHT]
        cells = " ".join(f"{number[s]}:{max(1, round(w * 10))}" for s, w in kept)
        out_rows.append([code, ";".join(isco_of[code]), str(len(occs)), cells])

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["kldb", "isco08", "esco_occupations", "skills"])
    writer.writerows(out_rows)
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(buf.getvalue().encode("utf-8"))
    print(f"{len(out_rows)} KldB codes with ESCO skills ({len(number)} skills) → {OUT}")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
