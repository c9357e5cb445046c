"""Features of client–vacancy pairs, vectorised over candidate pairs.

Rows come in the exchange-format shape (``clients.csv``, ``vacancies.csv`` as dicts, see
``lotse.exchange.reader``). :func:`client_table` and :func:`vacancy_table` turn them into arrays,
and they read **only** the fields in :data:`CLIENT_FIELDS` and :data:`VACANCY_FIELDS`: a
protected attribute (:data:`PROTECTED_FIELDS`: gender, citizenship, birth year, name, spoken
languages) never enters a table, so no feature can be computed from it. The work permit is a
legal hard rule (:data:`ELIGIBILITY_FIELDS`), turned into a yes/no eligibility and never into
a feature.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "CLIENT_FIELDS",
    "DEFAULT_MAX_COMMUTE_KM",
    "ELIGIBILITY_FIELDS",
    "FEATURES",
    "PROTECTED_FIELDS",
    "VACANCY_FIELDS",
    "ClientTable",
    "Feature",
    "VacancyTable",
    "client_table",
    "feature_index",
    "pair_features",
    "vacancy_table",
]

DEFAULT_MAX_COMMUTE_KM = 30.0
"""Commuting limit assumed when a client's ``max_commute_km`` is unknown."""

PROTECTED_FIELDS = frozenset(
    {"gender", "citizenship", "birth_year", "name", "languages", "household_id"}
)
"""Client fields that are never read for matching (origin, gender, age as such, proxies)."""

ELIGIBILITY_FIELDS = frozenset({"work_permitted", "residence_status"})
"""Fields read only for the legal hard rule "may take up employment"."""

CLIENT_FIELDS = frozenset(
    {
        "client_id", "status", "german_level", "qualification", "degree_recognition",
        "target_kldb", "experience_years", "plz", "lat", "lon", "max_commute_km", "hours",
        "driving_licence", "unemployed_since",
    }
) | ELIGIBILITY_FIELDS  # fmt: skip
"""The whitelist: the only client fields :func:`client_table` reads."""

VACANCY_FIELDS = frozenset(
    {
        "vacancy_id", "kldb", "german_level_min", "plz", "lat", "lon", "hours", "openings",
        "driving_licence_required", "status",
    }
)  # fmt: skip
"""The only vacancy fields :func:`vacancy_table` reads."""

# Residence statuses under which employment is allowed without a case-by-case permit
# (German/EU citizens, § 24 AufenthG, recognised refugees and subsidiary protection, § 4a AufenthG).
_PERMITTED_STATUSES = frozenset(
    {"german", "eu", "temporary_protection", "recognised_refugee", "subsidiary_protection"}
)
_CEFR = {lvl: i for i, lvl in enumerate(["A0", "A1", "A2", "B1", "B2", "C1", "C2"])}
_HOURS = {"full": 0, "part": 1, "any": 2}
_MAX_TARGETS = 3


@dataclass(frozen=True, slots=True)
class Feature:
    """One column of the feature matrix: its name, meaning and the direction it should act in
    (+1 more is better, -1 less is better, 0 no fixed direction)."""

    name: str
    description: str
    direction: int


FEATURES: tuple[Feature, ...] = (
    Feature("kldb_depth", "shared KldB levels of the vacancy and the closest target (0-4)", 1),
    Feature("skill_overlap", "ESCO skill overlap with the closest target occupation (0-1)", 1),
    Feature("target_level_gap", "vacancy requirement level minus the target's level", 0),
    Feature("qualification_gap", "vacancy level minus the level the recognised degree allows", 0),
    Feature("unrecognised_degree", "a foreign degree not (yet) recognised, for a skilled job", -1),
    Feature("german_margin", "client's German level minus the vacancy's minimum (CEFR steps)", 1),
    Feature("german_level", "client's German level (0 = A0 … 6 = C2)", 1),
    Feature("distance_km", "commuting distance (great circle, km)", -1),
    Feature("commute_ratio", "distance divided by the client's commuting limit", -1),
    Feature("hours_mismatch", "full-time sought but part-time offered, or the reverse", -1),
    Feature("licence_missing", "driving licence required and not held", -1),
    Feature("experience_years", "years of work in the target occupations", 0),
    Feature("relevant_experience", "experience if the vacancy is in a target's Berufsgruppe", 1),
    Feature("months_unemployed", "months since the current unemployment began", -1),
    Feature("no_target", "the client named no target occupation", 0),
    Feature("openings", "openings of the vacancy", 0),
)
"""The feature whitelist, in column order. Nothing else is ever computed for a pair."""


def feature_index() -> dict[str, int]:
    """Column of each feature name.

    Examples
    --------
    >>> from lotse.matching.features import feature_index
    >>> feature_index()["kldb_depth"], len(feature_index())
    (0, 16)
    """
    return {f.name: i for i, f in enumerate(FEATURES)}


@dataclass(frozen=True, slots=True)
class ClientTable:
    """Clients as arrays (one entry per client); built only from :data:`CLIENT_FIELDS`."""

    ids: list[str]
    active: NDArray[np.bool_]
    permitted: NDArray[np.bool_]
    permit_unknown: NDArray[np.bool_]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    max_commute_km: NDArray[np.float64]
    targets: NDArray[np.int32]  # (n, 3) code indices, -1 = none
    german: NDArray[np.float64]  # CEFR rank, NaN unknown
    attainable_level: NDArray[np.float64]  # 1-4, NaN unknown
    unrecognised: NDArray[np.float64]  # 1 foreign degree not (yet) recognised, NaN unknown
    experience: NDArray[np.float64]
    unemployed_since: NDArray[np.datetime64]
    hours: NDArray[np.int8]  # 0 full, 1 part, 2 any, -1 unknown
    licence: NDArray[np.float64]  # 1/0, NaN unknown

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class VacancyTable:
    """Vacancies as arrays; built only from :data:`VACANCY_FIELDS`."""

    ids: list[str]
    open: NDArray[np.bool_]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    code: NDArray[np.int32]
    level: NDArray[np.int8]
    german_min: NDArray[np.float64]  # CEFR rank, NaN unknown
    hours: NDArray[np.int8]  # 0 full, 1 part, -1 unknown
    openings: NDArray[np.int64]
    licence_required: NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.ids)


def _whitelisted(row: Mapping[str, Any], fields: frozenset[str]) -> dict[str, Any]:
    return {k: row.get(k) for k in fields}


def _value(v: Any) -> Any:
    return getattr(v, "value", v)


def _coords(rows: list[dict[str, Any]]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    from lotse.reference.plz import lookup

    lat = np.full(len(rows), np.nan)
    lon = np.full(len(rows), np.nan)
    for i, r in enumerate(rows):
        if r["lat"] is not None and r["lon"] is not None:
            lat[i], lon[i] = float(r["lat"]), float(r["lon"])
        elif r["plz"]:
            p = lookup(str(r["plz"]))
            if p is not None:
                lat[i], lon[i] = p.lat, p.lon
    return lat, lon


def _opt_float(v: Any) -> float:
    return float("nan") if v is None else float(v)


def _bool(v: Any) -> float:
    return float("nan") if v is None else float(bool(v))


def _attainable(qualification: Any, recognition: Any) -> tuple[float, float]:
    """Requirement level a client's qualification opens (1 Helfer … 4 Experte), and whether a
    foreign degree still waits for recognition (only ``full`` and ``not_needed`` count)."""
    q = _value(qualification)
    if q is None:
        return float("nan"), float("nan")
    base = {"none": 1.0, "school": 1.0, "vocational": 2.0, "academic": 4.0}[q]
    rec = _value(recognition)
    if base == 1.0 or rec in (None, "not_needed", "full"):
        return base, 0.0 if rec is not None or base == 1.0 else float("nan")
    if rec == "partial":
        return base - 1.0 if base == 4.0 else base, 1.0
    return 1.0 if base == 2.0 else 2.0, 1.0


def client_table(rows: Iterable[Mapping[str, Any]]) -> ClientTable:
    """Arrays of the clients' matching-relevant fields (whitelist :data:`CLIENT_FIELDS`).

    Examples
    --------
    >>> from lotse.matching.features import client_table
    >>> t = client_table([{"client_id": "C1", "status": "active", "german_level": "B1",
    ...                    "qualification": "vocational", "degree_recognition": "pending",
    ...                    "target_kldb": ["51311"], "plz": "06749", "work_permitted": True,
    ...                    "gender": "f", "citizenship": "SY"}])
    >>> float(t.german[0]), float(t.attainable_level[0]), float(t.unrecognised[0])
    (3.0, 1.0, 1.0)
    >>> hasattr(t, "gender") or hasattr(t, "citizenship")
    False
    """
    from lotse.matching.occupations import code_index

    index = code_index()
    picked = [_whitelisted(r, CLIENT_FIELDS) for r in rows]
    n = len(picked)
    lat, lon = _coords(picked)
    targets = np.full((n, _MAX_TARGETS), -1, dtype=np.int32)
    german = np.full(n, np.nan)
    level = np.full(n, np.nan)
    unrec = np.full(n, np.nan)
    hours = np.full(n, -1, dtype=np.int8)
    permitted = np.zeros(n, dtype=bool)
    permit_unknown = np.zeros(n, dtype=bool)
    since = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    for i, r in enumerate(picked):
        codes = [index[c] for c in (r["target_kldb"] or []) if c in index][:_MAX_TARGETS]
        targets[i, : len(codes)] = codes
        if r["german_level"] is not None:
            german[i] = _CEFR[_value(r["german_level"])]
        level[i], unrec[i] = _attainable(r["qualification"], r["degree_recognition"])
        if r["hours"] is not None:
            hours[i] = _HOURS[_value(r["hours"])]
        if r["work_permitted"] is not None:
            permitted[i] = bool(r["work_permitted"])
        else:
            permitted[i] = True
            permit_unknown[i] = _value(r["residence_status"]) not in _PERMITTED_STATUSES
        if r["unemployed_since"] is not None:
            since[i] = np.datetime64(r["unemployed_since"], "D")
    return ClientTable(
        ids=[str(r["client_id"]) for r in picked],
        active=np.array([_value(r["status"]) in (None, "active") for r in picked], dtype=bool),
        permitted=permitted,
        permit_unknown=permit_unknown,
        lat=lat,
        lon=lon,
        max_commute_km=np.array(
            [
                DEFAULT_MAX_COMMUTE_KM
                if r["max_commute_km"] is None
                else float(r["max_commute_km"])
                for r in picked
            ]
        ),
        targets=targets,
        german=german,
        attainable_level=level,
        unrecognised=unrec,
        experience=np.array([_opt_float(r["experience_years"]) for r in picked]),
        unemployed_since=since,
        hours=hours,
        licence=np.array([_bool(r["driving_licence"]) for r in picked]),
    )


def vacancy_table(rows: Iterable[Mapping[str, Any]]) -> VacancyTable:
    """Arrays of the vacancies' matching-relevant fields (whitelist :data:`VACANCY_FIELDS`).

    Examples
    --------
    >>> from lotse.matching.features import vacancy_table
    >>> t = vacancy_table([{"vacancy_id": "V1", "kldb": "51312", "german_level_min": "A2",
    ...                     "plz": "06749", "openings": 2, "status": "open"}])
    >>> int(t.level[0]), float(t.german_min[0]), int(t.openings[0])
    (2, 2.0, 2)
    """
    from lotse.matching.occupations import code_index

    index = code_index()
    picked = [_whitelisted(r, VACANCY_FIELDS) for r in rows]
    lat, lon = _coords(picked)
    code = np.array([index[str(r["kldb"])] for r in picked], dtype=np.int32)
    return VacancyTable(
        ids=[str(r["vacancy_id"]) for r in picked],
        open=np.array([_value(r["status"]) in (None, "open") for r in picked], dtype=bool),
        lat=lat,
        lon=lon,
        code=code,
        level=np.array([int(str(r["kldb"])[4]) for r in picked], dtype=np.int8),
        german_min=np.array(
            [
                np.nan if r["german_level_min"] is None else _CEFR[_value(r["german_level_min"])]
                for r in picked
            ]
        ),
        hours=np.array(
            [-1 if r["hours"] is None else _HOURS[_value(r["hours"])] for r in picked],
            dtype=np.int8,
        ),
        openings=np.array([int(r["openings"] or 1) for r in picked], dtype=np.int64),
        licence_required=np.array([_bool(r["driving_licence_required"]) for r in picked]),
    )


def pair_features(
    clients: ClientTable,
    vacancies: VacancyTable,
    ci: NDArray[np.integer[Any]],
    vi: NDArray[np.integer[Any]],
    *,
    reference_date: date | NDArray[np.datetime64] | None = None,
) -> NDArray[np.float32]:
    """The feature matrix (pairs × :data:`FEATURES`) of the pairs ``(ci[k], vi[k])``.

    Unknown inputs give ``NaN`` (the hire model handles missing values).

    Parameters
    ----------
    clients, vacancies : the tables from :func:`client_table` and :func:`vacancy_table`.
    ci, vi : integer arrays of equal length, row indices into the two tables.
    reference_date : the day the pairs are judged (today, or per pair the day of a past
        proposal); default today. Used for the months out of work.

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.matching.features import (client_table, vacancy_table, pair_features,
    ...                                      feature_index)
    >>> c = client_table([{"client_id": "C1", "german_level": "B1", "target_kldb": ["51311"],
    ...                    "lat": 51.63, "lon": 12.33, "max_commute_km": 20}])
    >>> v = vacancy_table([{"vacancy_id": "V1", "kldb": "51312", "german_level_min": "A2",
    ...                     "lat": 51.75, "lon": 11.97, "openings": 1}])
    >>> x = pair_features(c, v, np.array([0]), np.array([0]))
    >>> f = feature_index()
    >>> int(x[0, f["kldb_depth"]]), int(x[0, f["german_margin"]])
    (4, 1)
    >>> round(float(x[0, f["distance_km"]]))
    28
    """
    from lotse.domain.geo import distances_km
    from lotse.matching.occupations import depth_matrix, requirement_levels, skill_similarity

    ci = np.asarray(ci, dtype=np.int64)
    vi = np.asarray(vi, dtype=np.int64)
    n = len(ci)
    x = np.full((n, len(FEATURES)), np.nan, dtype=np.float32)
    col = feature_index()
    depth_m, sim_m, levels = depth_matrix(), skill_similarity(), requirement_levels()

    vcode = vacancies.code[vi]
    vlevel = vacancies.level[vi].astype(np.float64)
    targets = clients.targets[ci]
    best_depth = np.zeros(n, dtype=np.int8)
    best_sim = np.zeros(n, dtype=np.float32)
    best_level = np.full(n, np.nan)
    best_key = np.full(n, -1.0)
    for t in range(targets.shape[1]):
        tc = targets[:, t]
        has = tc >= 0
        safe = np.where(has, tc, 0)
        d = np.where(has, depth_m[safe, vcode], 0).astype(np.int8)
        s = np.where(has, sim_m[safe, vcode], 0.0).astype(np.float32)
        key = np.where(has, d + s, -1.0)  # the closest target: deepest, then most skills
        better = key > best_key
        best_key = np.where(better, key, best_key)
        best_level = np.where(better, levels[safe].astype(np.float64), best_level)
        best_depth = np.maximum(best_depth, d)
        best_sim = np.maximum(best_sim, s)
    no_target = targets[:, 0] < 0
    x[:, col["kldb_depth"]] = best_depth
    x[:, col["skill_overlap"]] = best_sim
    x[:, col["target_level_gap"]] = vlevel - best_level
    x[:, col["qualification_gap"]] = vlevel - clients.attainable_level[ci]
    unrec = clients.unrecognised[ci]
    x[:, col["unrecognised_degree"]] = np.where(vlevel >= 2, unrec, 0.0)
    german = clients.german[ci]
    x[:, col["german_margin"]] = german - np.nan_to_num(vacancies.german_min[vi], nan=0.0)
    x[:, col["german_level"]] = german
    dist = distances_km(clients.lat[ci], clients.lon[ci], vacancies.lat[vi], vacancies.lon[vi])
    x[:, col["distance_km"]] = dist
    x[:, col["commute_ratio"]] = dist / np.maximum(clients.max_commute_km[ci], 1.0)
    ch, vh = clients.hours[ci], vacancies.hours[vi]
    mismatch = np.where((ch < 0) | (vh < 0), np.nan, ((ch != 2) & (ch != vh)).astype(float))
    x[:, col["hours_mismatch"]] = mismatch
    req = vacancies.licence_required[vi]
    held = clients.licence[ci]
    x[:, col["licence_missing"]] = np.where(req == 1.0, 1.0 - held, 0.0)
    exp = clients.experience[ci]
    x[:, col["experience_years"]] = exp
    x[:, col["relevant_experience"]] = np.where(best_depth >= 3, exp, 0.0)
    ref = np.datetime64(reference_date or date.today(), "D") if not isinstance(
        reference_date, np.ndarray
    ) else reference_date.astype("datetime64[D]")  # fmt: skip
    days = (ref - clients.unemployed_since[ci]).astype("timedelta64[D]").astype(np.float64)
    days[np.isnat(clients.unemployed_since[ci])] = np.nan
    x[:, col["months_unemployed"]] = np.clip(days / 30.4375, 0.0, None)
    x[:, col["no_target"]] = no_target
    x[:, col["openings"]] = vacancies.openings[vi]
    return x
