"""The real postcodes of a Jobcenter's district, split between its sites.

People live at real postcodes of the district (:func:`lotse.reference.plz.in_district`). The
postcode list also holds *Großkunden* postcodes of single organisations (a court, a savings
bank, a factory); nobody lives there, so they are left out. A postcode is listed under the
district of its main place; postcodes that also serve a neighbouring district stay with the
district of their main place, and postcodes whose main place lies next door are not used.
Each postcode belongs to the nearest site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from lotse.domain.geo import distances_km
from lotse.reference import plz as plz_ref
from lotse.simulation.profiles import Profile

_ORGANISATION = re.compile(
    r"GmbH|\bAG\b|\bKG\b|Co\.|[Kk]asse|Amtsgericht|Agentur|Stadtverwaltung|Landkreis|Universit"
    r"|[Hh]ochschule|Hospital|Krankenhaus|[Ss]parkasse|Bank|BKK|IKK|AOK|WERKE|Werke|Finanzamt"
    r"|Post\b|Messtechnik|Logistik|Stiftung|HUK|Telekom|Oel|Niederlassung"
)


def residential(district_key: str) -> list[plz_ref.Postcode]:
    """Postcodes of the district where people live, sorted by postcode.

    >>> [p.plz for p in residential("15082")][:3]
    ['06366', '06369', '06385']
    """
    found = [p for p in plz_ref.in_district(district_key) if not _ORGANISATION.search(p.place)]
    return sorted(found, key=lambda p: p.plz)


@dataclass(frozen=True)
class Region:
    plz: list[str]
    place: list[str]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    site_of: NDArray[np.int64]
    by_site: list[NDArray[np.int64]]
    """Postcode indices per site (never empty: a site keeps at least its own postcode)."""


def make_region(p: Profile) -> Region:
    codes = residential(p.district_key)
    if not codes:
        raise ValueError(f"no residential postcode in district {p.district_key}")
    lat = np.array([c.lat for c in codes])
    lon = np.array([c.lon for c in codes])
    site_pc = [plz_ref.lookup(s.plz) for s in p.sites]
    if any(pc is None for pc in site_pc):
        raise ValueError(f"a site of profile {p.key} has an unknown postcode")
    s_lat = np.array([pc.lat for pc in site_pc if pc is not None])
    s_lon = np.array([pc.lon for pc in site_pc if pc is not None])
    dist = distances_km(lat[:, None], lon[:, None], s_lat[None, :], s_lon[None, :])
    site_of = dist.argmin(axis=1).astype(np.int64)
    index = {c.plz: i for i, c in enumerate(codes)}
    by_site = []
    for k, site in enumerate(p.sites):
        members = np.flatnonzero(site_of == k)
        if len(members) == 0 and site.plz in index:
            members = np.array([index[site.plz]], dtype=np.int64)
        by_site.append(members.astype(np.int64))
    return Region([c.plz for c in codes], [c.place for c in codes], lat, lon, site_of, by_site)
