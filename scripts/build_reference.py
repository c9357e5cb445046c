"""Rebuild the reference data shipped in ``src/lotse/reference/data`` from ``../shared/data``.

Run from the repository root: ``.venv/bin/python scripts/build_reference.py [SHARED_DATA_DIR]``.
Keeps only the columns Lotse uses and compresses the larger files; the sources and their
terms are listed in ``src/lotse/reference/data/NOTICE.md``.
"""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "lotse" / "reference" / "data"

# First two digits of the Amtlicher Gemeindeschlüssel → ISO 3166-2 state code.
AGS_STATE = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP",
    "08": "BW", "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN",
    "15": "ST", "16": "TH",
}  # fmt: skip


def _write_gz(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(buf.getvalue().encode("utf-8"))


def build(shared: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shared / "kldb" / "kldb2010_codes_all_levels.csv", OUT / "kldb2010.csv")
    shutil.copyfile(shared / "kldb" / "kldb2010_5d_to_isco08.csv", OUT / "kldb2010_to_isco08.csv")

    with (shared / "kldb" / "gesamtberufsliste_ba_2019-01.csv").open(encoding="utf-8") as fh:
        titles = [
            [r["Bezeichnung neutral kurz"], r["Bezeichnung männlich lang"],
             r["Bezeichnung weiblich lang"], r["kldb2010_5d"]]
            for r in csv.DictReader(fh)
            if r["kldb2010_5d"]
        ]  # fmt: skip
    _write_gz(OUT / "job_titles.csv.gz", ["neutral", "male", "female", "kldb"], titles)

    by_plz: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (shared / "plz" / "zipcodes.de.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            by_plz[r["zipcode"]].append(r)
    plz_rows = []
    for plz, rows in sorted(by_plz.items()):
        # Prefer places over large-company postcodes (rows without a community are rare).
        places = [r for r in rows if not r["place"].endswith(("GmbH", "AG", "KG", "e.V."))] or rows
        lat = sum(float(r["latitude"]) for r in places) / len(places)
        lon = sum(float(r["longitude"]) for r in places) / len(places)
        first = places[0]
        district = first["community_code"]
        state = AGS_STATE.get(district[:2], "BY" if first["place"] == "Jungholz" else "")
        plz_rows.append(
            [plz, first["place"], state, district, first["community"], f"{lat:.4f}", f"{lon:.4f}"]
        )
    _write_gz(
        OUT / "plz.csv.gz",
        ["plz", "place", "state", "district_key", "district", "lat", "lon"],
        plz_rows,
    )
    print(f"kldb codes, {len(titles)} job titles, {len(plz_rows)} postcodes → {OUT}")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
