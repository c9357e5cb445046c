"""Build the packaged ESCO skill subset ``src/lotse/reference/data/esco_skills.csv.gz``.

Run from the repository root: ``.venv/bin/python scripts/build_esco_skills.py [SHARED_DATA_DIR]``.

The competence assessment records skills as ESCO URIs with their label. Lotse ships a subset
of the 13,896 ESCO v1.1.1 skills: the transversal ones, every skill that at least
``MIN_OCCUPATIONS`` ESCO occupations list as essential (the skills that travel between jobs), and
every skill the matcher's table ``kldb_skills.csv.gz`` names for some KldB code (so the skills
typical of an occupation can be suggested). ``number`` is the skill's number in that table (its
position among the sorted UUIDs of the occupation–skill relations, as ``build_skills.py``
numbers them). Labels are English: no German skill labels are available offline.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "lotse" / "reference" / "data" / "esco_skills.csv.gz"
MIN_OCCUPATIONS = 5


def _typical_numbers() -> set[int]:
    """Skill numbers the matcher's KldB table names (empty if it is not built yet)."""
    path = OUT.parent / "kldb_skills.csv.gz"
    if not path.exists():
        return set()
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    return {
        int(cell.split(":")[0])
        for r in csv.DictReader(io.StringIO(text))
        for cell in r["skills"].split()
    }


def build(shared: Path) -> int:
    esco = shared / "esco"
    with (esco / "esco_v1.1.1_occupation_skill_relations.csv").open(encoding="utf-8") as fh:
        relations = list(csv.DictReader(fh))
    essential = Counter(r["skill_uuid"] for r in relations if r["relationType"] == "essential")
    number = {u: i for i, u in enumerate(sorted({r["skill_uuid"] for r in relations}))}
    typical = _typical_numbers()
    rows = []
    with (esco / "esco_v1.1.1_skills_en_slim.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            uuid, label = r["skill_uuid"], r["preferredLabel_en"].strip()
            if not uuid or not label:
                continue
            n = number.get(uuid)
            wanted = (
                r["reuseLevel"] == "transversal"
                or essential[uuid] >= MIN_OCCUPATIONS
                or (n is not None and n in typical)
            )
            if wanted:
                rows.append(
                    [uuid, label, r["skillType"], r["reuseLevel"], str(essential[uuid]),
                     "" if n is None else str(n)]
                )  # fmt: skip
    rows.sort(key=lambda row: (-int(row[4]), row[1]))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["uuid", "label", "type", "reuse", "occupations", "number"])
    writer.writerows(rows)
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(buf.getvalue().encode("utf-8"))
    return len(rows)


if __name__ == "__main__":
    count = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
    print(f"{count} ESCO skills → {OUT}")
