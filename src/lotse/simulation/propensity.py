"""The latent hire propensity behind ``history.csv``: what makes a proposal succeed.

The log-odds that a proposal of client *c* for vacancy *v* ends in a hire are

    z = β0
      + 0.45 × (KldB levels shared by the vacancy and the closest target occupation, 0–4)
      − 0.80 × (requirement levels the vacancy asks above what the client can do)
      − 0.90 × (CEFR levels the client's German lies below the vacancy's minimum)
      + 0.10 × (CEFR levels above the minimum, at most 2)
      − 0.25 × (km between home and work beyond 10, per 10 km)
      − 0.80 × (1 if the distance exceeds the client's maximum commute)
      − 0.02 × (months out of work at the proposal, at most 60)
      + 0.05 × (years of experience, at most 10)
      − 1.50 × (1 if the vacancy requires a driving licence the client does not have)
      − 0.70 × (1 if the client can only work part time and the job is full time)
      + ε,  ε ~ Normal(0, 0.5) per proposal (unobserved: the interview, the day)

and the outcome is Bernoulli(sigmoid(z)). What a client can do: helper jobs (level 1) always;
skilled jobs (2) with a vocational qualification or three years of experience; specialist and
expert jobs (3, 4) with an academic degree. Origin, citizenship, residence status, gender, age
and name never enter ``z``: :func:`client_features` does not even read them. German matters
only as the distance to what the employer asks.

A person-level summary of ``z`` (:func:`person_logit`: German, qualification, experience and
driving licence, roughly ``z`` averaged over the vacancy mix) also scales how often a person
finds a job in :mod:`lotse.simulation.timeline`, so the people hired in ``history.csv`` and the
people with job starts in ``integrations.csv`` are alike. It uses no protected attribute either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import Qualification
from lotse.domain.geo import distances_km

INTERCEPT = -2.6
BETA_FIT = 0.45
BETA_UNDERQUALIFIED = -0.80
BETA_GERMAN_SHORT = -0.90
BETA_GERMAN_ABOVE = 0.10
BETA_DISTANCE = -0.25
BETA_BEYOND_COMMUTE = -0.80
BETA_MONTHS_OUT = -0.02
BETA_EXPERIENCE = 0.05
BETA_NO_LICENCE = -1.50
BETA_HOURS = -0.70
NOISE_SD = 0.5

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class ClientFeatures:
    """The only client facts the hire propensity may use."""

    german: int
    qualification: int
    experience_years: float
    targets: tuple[str, ...]
    driving_licence: bool
    part_time_only: bool
    max_commute_km: float
    lat: float
    lon: float


@dataclass(frozen=True)
class VacancyFeatures:
    kldb: str
    german_min: int
    driving_licence_required: bool
    full_time: bool
    lat: float
    lon: float


def client_features(record: Mapping[str, Any], lat: float, lon: float) -> ClientFeatures:
    """Features from a client row (exchange-format names); reads no protected attribute."""
    return ClientFeatures(
        german=CefrLevel(record["german_level"]).rank,
        qualification=Qualification(record["qualification"]).rank,
        experience_years=float(record.get("experience_years") or 0.0),
        targets=tuple(record.get("target_kldb") or ()),
        driving_licence=bool(record.get("driving_licence")),
        part_time_only=record.get("hours") == "part",
        max_commute_km=float(record.get("max_commute_km") or 30),
        lat=lat,
        lon=lon,
    )


def capability(qualification: IntArray, experience: FloatArray) -> IntArray:
    """Highest requirement level a client can fill (1 helper … 4 expert)."""
    skilled = (qualification >= 2) | (experience >= 3)
    return np.where(qualification >= 3, 4, np.where(skilled, 2, 1)).astype(np.int64)


def shared_levels(targets: IntArray, vacancy: IntArray) -> IntArray:
    """Best number of leading KldB levels (0–4) a vacancy code shares with any target code.

    ``targets`` is (n, k) with -1 for unused slots; codes are five-digit integers.
    """
    best = np.zeros(len(vacancy), dtype=np.int64)
    for j in range(targets.shape[1]):
        t = targets[:, j]
        depth = np.zeros(len(vacancy), dtype=np.int64)
        same = t >= 0
        for level, div in enumerate((10_000, 1000, 100, 10), start=1):
            same &= (t // div) == (vacancy // div)
            depth = np.where(same, level, depth)
        best = np.maximum(best, depth)
    return best


def person_logit(
    german: IntArray, qualification: IntArray, experience: FloatArray, driving: NDArray[np.bool_]
) -> FloatArray:
    """``z`` averaged over the vacancy mix, as a function of the person alone (approximate):
    German below A2 misses most minimums, above B1 meets nearly all; qualification opens
    skilled jobs; experience and a driving licence help."""
    return np.asarray(
        BETA_GERMAN_ABOVE * np.minimum(np.maximum(german - 3, 0), 2)
        + BETA_GERMAN_SHORT * np.maximum(2 - german, 0) * 0.5
        + 0.3 * qualification
        + BETA_EXPERIENCE * np.minimum(experience, 10)
        + 0.3 * driving
    )


def hire_logits(
    *,
    german: IntArray,
    qualification: IntArray,
    experience: FloatArray,
    targets: IntArray,
    driving: NDArray[np.bool_],
    part_time_only: NDArray[np.bool_],
    max_commute: FloatArray,
    lat: FloatArray,
    lon: FloatArray,
    months_out: FloatArray,
    v_kldb: IntArray,
    v_german_min: IntArray,
    v_driving: NDArray[np.bool_],
    v_full_time: NDArray[np.bool_],
    v_lat: FloatArray,
    v_lon: FloatArray,
) -> FloatArray:
    """The deterministic part of ``z`` for aligned arrays of client and vacancy features."""
    km = distances_km(lat, lon, v_lat, v_lon)
    gap = german - v_german_min
    z = (
        INTERCEPT
        + BETA_FIT * shared_levels(targets, v_kldb)
        + BETA_UNDERQUALIFIED * np.maximum(v_kldb % 10 - capability(qualification, experience), 0)
        + BETA_GERMAN_SHORT * np.maximum(-gap, 0)
        + BETA_GERMAN_ABOVE * np.minimum(np.maximum(gap, 0), 2)
        + BETA_DISTANCE * np.maximum(km - 10, 0) / 10
        + BETA_BEYOND_COMMUTE * (km > max_commute)
        + BETA_MONTHS_OUT * np.minimum(months_out, 60)
        + BETA_EXPERIENCE * np.minimum(experience, 10)
        + BETA_NO_LICENCE * (v_driving & ~driving)
        + BETA_HOURS * (part_time_only & v_full_time)
    )
    return np.asarray(z, dtype=np.float64)


def encode_targets(targets: Sequence[Sequence[str]], width: int = 3) -> IntArray:
    """Target codes as an (n, width) integer array, -1 where a client has fewer."""
    out = np.full((len(targets), width), -1, dtype=np.int64)
    for i, codes in enumerate(targets):
        for j, code in enumerate(codes[:width]):
            out[i, j] = int(code)
    return out


def hire_logit(client: ClientFeatures, vacancy: VacancyFeatures, months_out: float) -> float:
    """``z`` without the noise term for one client and one vacancy.

    >>> c = ClientFeatures(3, 2, 4.0, ("51311",), True, False, 30.0, 51.63, 12.33)
    >>> v = VacancyFeatures("51311", 2, False, True, 51.63, 12.33)
    >>> round(hire_logit(c, v, months_out=6), 2)  # -2.6 + 4×0.45 + 0.1 - 0.12 + 0.2
    -0.62
    """
    return float(
        hire_logits(
            german=np.array([client.german]),
            qualification=np.array([client.qualification]),
            experience=np.array([client.experience_years]),
            targets=encode_targets([client.targets]),
            driving=np.array([client.driving_licence]),
            part_time_only=np.array([client.part_time_only]),
            max_commute=np.array([client.max_commute_km]),
            lat=np.array([client.lat]),
            lon=np.array([client.lon]),
            months_out=np.array([months_out]),
            v_kldb=np.array([int(vacancy.kldb)]),
            v_german_min=np.array([vacancy.german_min]),
            v_driving=np.array([vacancy.driving_licence_required]),
            v_full_time=np.array([vacancy.full_time]),
            v_lat=np.array([vacancy.lat]),
            v_lon=np.array([vacancy.lon]),
        )[0]
    )


def sigmoid(z: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)))
