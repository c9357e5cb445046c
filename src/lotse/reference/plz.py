"""German postcodes with their coordinates, state and district (GeoNames, CC BY 4.0)."""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from functools import lru_cache

from lotse.reference import data_file


@dataclass(frozen=True, slots=True)
class Postcode:
    plz: str
    place: str
    state: str
    district_key: str
    district: str
    lat: float
    lon: float


@lru_cache(maxsize=1)
def postcodes() -> dict[str, Postcode]:
    """All 10,814 postcodes, keyed by the five-digit code."""
    raw = gzip.decompress(data_file("plz.csv.gz").read_bytes()).decode("utf-8")
    return {
        r["plz"]: Postcode(
            r["plz"], r["place"], r["state"], r["district_key"], r["district"],
            float(r["lat"]), float(r["lon"]),
        )
        for r in csv.DictReader(io.StringIO(raw))
    }  # fmt: skip


def lookup(plz: str) -> Postcode | None:
    """The postcode's record, or ``None`` when the postcode does not exist.

    >>> lookup("06749").district
    'Anhalt-Bitterfeld'
    >>> lookup("00000") is None
    True
    """
    return postcodes().get(plz)


def in_district(district_key: str) -> list[Postcode]:
    """Postcodes whose main place lies in the district (five-digit Kreisschlüssel)."""
    return [p for p in postcodes().values() if p.district_key == district_key]
