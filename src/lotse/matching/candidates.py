"""Candidate generation: the client–vacancy pairs worth scoring, without scoring every pair.

Two filters cut the pairs of a region down to those that can plausibly lead to a hire:

1. **Occupational blocking.** A vacancy is *reachable* from a target occupation when the two
   codes share the Berufsgruppe (three KldB digits) or at least ``min_skill_overlap`` of their
   ESCO skills; Helfer jobs (requirement level 1) are reachable from any target in the same
   Berufsbereich and, for clients without a target occupation, from anywhere. Vacancies are
   grouped by Berufshauptgruppe (two digits), and a client is only compared with the groups
   its targets reach.
2. **Spatial index.** Inside each group a k-d tree over points on the unit sphere (SciPy
   ``cKDTree``; chord length is monotone in great-circle distance) returns the vacancies
   within ``radius_factor`` times the client's commuting limit.

Hard rules apply before anything is scored: only active clients who may work and open
vacancies. **Relaxation:** a client with fewer than ``min_per_client`` candidates is searched
again with 1.5 times the radius and a wider occupational neighbourhood (same Berufshauptgruppe,
a third of the skills, any Helfer job).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from lotse.matching.features import ClientTable, VacancyTable

__all__ = ["Candidates", "candidate_pairs", "reach_matrix"]


@dataclass(frozen=True, slots=True)
class Candidates:
    """Candidate pairs as parallel index arrays, and how many clients needed relaxation."""

    client: NDArray[np.int64]
    vacancy: NDArray[np.int64]
    relaxed_clients: int
    eligible_clients: int
    eligible_vacancies: int

    def __len__(self) -> int:
        return len(self.client)


def reach_matrix(
    *, min_depth: int = 3, min_skill_overlap: float = 0.5, helper_depth: int = 1
) -> NDArray[np.bool_]:
    """Which vacancy codes (columns) a target code (rows) reaches, over all five-digit codes.

    Examples
    --------
    >>> from lotse.matching.candidates import reach_matrix
    >>> from lotse.matching.occupations import code_index
    >>> r, i = reach_matrix(), code_index()
    >>> bool(r[i["51312"], i["51322"]]), bool(r[i["51312"], i["81302"]])
    (True, False)
    >>> bool(r[i["52122"], i["51311"]])  # a Helfer job in the same Berufsbereich
    True
    """
    from lotse.matching.occupations import depth_matrix, requirement_levels, skill_similarity

    depth = depth_matrix()
    helper = requirement_levels() == 1
    return np.asarray(
        (depth >= min_depth)
        | (skill_similarity() >= min_skill_overlap)
        | (helper[None, :] & (depth >= helper_depth)),
        dtype=bool,
    )


def _unit_xyz(lat: NDArray[np.float64], lon: NDArray[np.float64]) -> NDArray[np.float64]:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _chord(km: NDArray[np.float64]) -> NDArray[np.float64]:
    from lotse.domain.geo import EARTH_RADIUS_KM

    return np.asarray(2.0 * np.sin(np.minimum(km / EARTH_RADIUS_KM, np.pi) / 2.0))


def _search(
    clients: ClientTable,
    vacancies: VacancyTable,
    cidx: NDArray[np.int64],
    vidx: NDArray[np.int64],
    reach: NDArray[np.bool_],
    radius_km: NDArray[np.float64],
    chunk: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    from scipy.spatial import cKDTree

    from lotse.matching.occupations import codes, requirement_levels

    group_of_code = np.array([int(c[:2]) for c in codes()])
    groups = np.unique(group_of_code)
    gpos = np.searchsorted(groups, group_of_code)
    # target code -> which Berufshauptgruppen it reaches
    reach_groups = np.zeros((reach.shape[0], len(groups)), dtype=bool)
    for g in range(len(groups)):
        reach_groups[:, g] = reach[:, gpos == g].any(axis=1)
    helper_codes = requirement_levels() == 1
    targets = clients.targets[cidx]
    has_target = targets[:, 0] >= 0
    client_groups = np.zeros((len(cidx), len(groups)), dtype=bool)
    for t in range(targets.shape[1]):
        tc = targets[:, t]
        ok = tc >= 0
        client_groups[ok] |= reach_groups[tc[ok]]
    helper_groups = np.array([helper_codes[gpos == g].any() for g in range(len(groups))])
    client_groups[~has_target] = helper_groups
    cxyz = _unit_xyz(clients.lat[cidx], clients.lon[cidx])
    vxyz = _unit_xyz(vacancies.lat[vidx], vacancies.lon[vidx])
    vgroup = gpos[vacancies.code[vidx]]
    chord = _chord(radius_km)
    out_c: list[NDArray[np.int64]] = []
    out_v: list[NDArray[np.int64]] = []
    for g in range(len(groups)):
        vg = np.flatnonzero(vgroup == g)
        cg = np.flatnonzero(client_groups[:, g])
        if len(vg) == 0 or len(cg) == 0:
            continue
        cg = cg[np.argsort(radius_km[cg], kind="stable")]  # similar radii share a chunk
        tree_v = cKDTree(vxyz[vg])
        for start in range(0, len(cg), chunk):
            part = cg[start : start + chunk]
            tree_c = cKDTree(cxyz[part])
            found = tree_c.sparse_distance_matrix(
                tree_v, float(chord[part].max()), output_type="ndarray"
            )
            if len(found) == 0:
                continue
            a = np.asarray(found["i"], dtype=np.int64)
            b = np.asarray(found["j"], dtype=np.int64)
            keep = np.asarray(found["v"]) <= chord[part][a]
            a, b = part[a[keep]], vg[b[keep]]
            vcode = vacancies.code[vidx[b]]
            ok = np.zeros(len(a), dtype=bool)
            tg = targets[a]
            for t in range(tg.shape[1]):
                tc = tg[:, t]
                has = tc >= 0
                ok |= has & reach[np.where(has, tc, 0), vcode]
            ok |= (tg[:, 0] < 0) & helper_codes[vcode]
            out_c.append(cidx[a[ok]])
            out_v.append(vidx[b[ok]])
    if not out_c:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(out_c), np.concatenate(out_v)


def candidate_pairs(
    clients: ClientTable,
    vacancies: VacancyTable,
    *,
    radius_factor: float = 1.0,
    min_depth: int = 3,
    helper_depth: int = 1,
    min_skill_overlap: float = 0.4,
    min_per_client: int = 5,
    exclude: set[tuple[str, str]] | None = None,
    subset: NDArray[np.int64] | None = None,
    chunk: int = 5_000,
) -> Candidates:
    """The client–vacancy pairs to score (see the module text for the rules).

    Parameters
    ----------
    radius_factor : multiple of each client's commuting limit searched.
    min_skill_overlap : ESCO skill overlap that makes codes of different Berufsgruppen reach
        each other.
    min_per_client : clients with fewer candidates are searched again, relaxed.
    exclude : ``(client_id, vacancy_id)`` pairs never to return (already proposed).
    subset : only these clients (row indices), to process a large region in parts.

    Examples
    --------
    >>> from lotse.matching.features import client_table, vacancy_table
    >>> from lotse.matching.candidates import candidate_pairs
    >>> c = client_table([{"client_id": "C1", "target_kldb": ["51312"], "lat": 51.63,
    ...                    "lon": 12.33, "max_commute_km": 30, "work_permitted": True}])
    >>> v = vacancy_table([
    ...     {"vacancy_id": "near", "kldb": "51322", "lat": 51.70, "lon": 12.30},
    ...     {"vacancy_id": "far", "kldb": "51322", "lat": 52.52, "lon": 13.40},
    ...     {"vacancy_id": "other", "kldb": "81302", "lat": 51.63, "lon": 12.33}])
    >>> pairs = candidate_pairs(c, v)
    >>> [v.ids[j] for j in pairs.vacancy]
    ['near']
    """
    ok_c = clients.active & clients.permitted & ~np.isnan(clients.lat)
    if subset is not None:
        ok_c &= np.isin(np.arange(len(clients)), subset)
    ok_v = vacancies.open & ~np.isnan(vacancies.lat)
    cidx = np.flatnonzero(ok_c).astype(np.int64)
    vidx = np.flatnonzero(ok_v).astype(np.int64)
    reach = reach_matrix(
        min_depth=min_depth, min_skill_overlap=min_skill_overlap, helper_depth=helper_depth
    )
    radius = clients.max_commute_km[cidx] * radius_factor
    c, v = _search(clients, vacancies, cidx, vidx, reach, radius, chunk)
    c, v = _drop_excluded(clients, vacancies, c, v, exclude)
    counts = np.bincount(c, minlength=len(clients))[cidx]
    starved = cidx[counts < min_per_client]
    if len(starved):
        wide = reach_matrix(
            min_depth=min(2, min_depth), min_skill_overlap=min_skill_overlap / 1.5, helper_depth=0
        )
        c2, v2 = _search(
            clients, vacancies, starved, vidx, wide,
            clients.max_commute_km[starved] * radius_factor * 1.5, chunk,
        )  # fmt: skip
        c2, v2 = _drop_excluded(clients, vacancies, c2, v2, exclude)
        c, v = np.concatenate([c, c2]), np.concatenate([v, v2])
        key = np.unique(c * len(vacancies) + v)
        c, v = key // len(vacancies), key % len(vacancies)
    return Candidates(c, v, len(starved), len(cidx), len(vidx))


def _drop_excluded(
    clients: ClientTable,
    vacancies: VacancyTable,
    c: NDArray[np.int64],
    v: NDArray[np.int64],
    exclude: set[tuple[str, str]] | None,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    if not exclude or len(c) == 0:
        return c, v
    cpos = {cid: i for i, cid in enumerate(clients.ids)}
    vpos = {vid: j for j, vid in enumerate(vacancies.ids)}
    keys: list[Any] = [
        cpos[a] * len(vacancies) + vpos[b] for a, b in exclude if a in cpos and b in vpos
    ]
    if not keys:
        return c, v
    drop = np.isin(c * len(vacancies) + v, np.array(keys, dtype=np.int64))
    return c[~drop], v[~drop]
