"""A simple, transparent ranking of candidates for an employer event's vacancies.

This is the default that the event candidate list uses until the matcher (``matching/``)
replaces it through the :class:`CandidateRanker` protocol. It looks at three things only:
occupation fit (KldB 2010 digits in common), distance against the client's commuting radius,
and German level against the vacancy's minimum. Origin, gender, age, religion and health are
not even among its inputs (:class:`CandidateFacts` has no field for them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from lotse.domain.cefr import CefrLevel
from lotse.domain.geo import distance_km

__all__ = [
    "CandidateFacts",
    "CandidateRanker",
    "RankedCandidate",
    "TransparentRanking",
    "VacancyFacts",
    "occupation_fit",
]

DEFAULT_COMMUTE_KM = 30


@dataclass(frozen=True, slots=True)
class CandidateFacts:
    """What a ranking may look at. Deliberately without any protected attribute."""

    client_id: int
    kldb: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    max_commute_km: int | None = None
    german_level: CefrLevel | None = None


@dataclass(frozen=True, slots=True)
class VacancyFacts:
    vacancy_id: int
    kldb: str
    title: str = ""
    lat: float | None = None
    lon: float | None = None
    german_level_min: CefrLevel | None = None


@dataclass(frozen=True, slots=True)
class RankedCandidate:
    client_id: int
    vacancy_id: int | None
    score: float
    reasons: tuple[str, ...]


class CandidateRanker(Protocol):
    """Anything that orders candidates for a set of vacancies, best first, with reasons."""

    def rank(
        self, candidates: Sequence[CandidateFacts], vacancies: Sequence[VacancyFacts]
    ) -> list[RankedCandidate]: ...


def occupation_fit(client_codes: Sequence[str], vacancy_code: str) -> float:
    """Share of the KldB 2010 hierarchy two codes have in common (best of the client's codes).

    Same five digits 1.0; same Berufsuntergruppe (four digits, another requirement level) 0.8;
    same Berufsgruppe (three) 0.5; same Berufshauptgruppe (two) 0.25; else 0.

    >>> occupation_fit(["25212"], "25212"), occupation_fit(["25222", "51311"], "25212")
    (1.0, 0.5)
    >>> occupation_fit([], "25212")
    0.0
    """
    scores = {5: 1.0, 4: 0.8, 3: 0.5, 2: 0.25}
    best = 0.0
    for code in client_codes:
        for digits, value in scores.items():
            if code[:digits] == vacancy_code[:digits]:
                best = max(best, value)
                break
    return best


@dataclass(frozen=True)
class TransparentRanking:
    """Weighted sum of occupation fit, distance fit and German fit, each between 0 and 1.

    Examples
    --------
    >>> v = VacancyFacts(1, "25212", "Montagehelfer/in", 51.63, 12.33, CefrLevel.A2)
    >>> near = CandidateFacts(10, ("25212",), 51.64, 12.33, 30, CefrLevel.A2)
    >>> far = CandidateFacts(11, ("25212",), 51.90, 12.33, 30, CefrLevel.A2)  # 30 km: radius
    >>> [(r.client_id, r.score) for r in TransparentRanking().rank([far, near], [v])]
    [(10, 1.0), (11, 0.7)]
    """

    occupation_weight: float = 0.5
    distance_weight: float = 0.3
    german_weight: float = 0.2

    def rank(
        self, candidates: Sequence[CandidateFacts], vacancies: Sequence[VacancyFacts]
    ) -> list[RankedCandidate]:
        ranked = []
        for c in candidates:
            best: RankedCandidate | None = None
            for v in vacancies:
                candidate = self._score(c, v)
                if best is None or candidate.score > best.score:
                    best = candidate
            if best is None:
                best = RankedCandidate(c.client_id, None, 0.0, ("keine Stelle angehängt",))
            ranked.append(best)
        ranked.sort(key=lambda r: (-r.score, r.client_id))
        return ranked

    def _score(self, c: CandidateFacts, v: VacancyFacts) -> RankedCandidate:
        occ = occupation_fit(c.kldb, v.kldb)
        label = v.title or v.kldb
        occ_text = (
            f"Zielberuf passt zu {label} ({v.kldb}): {occ:.0%}"
            if occ
            else f"kein Zielberuf in der Nähe von {label} ({v.kldb})"
        )
        radius = c.max_commute_km or DEFAULT_COMMUTE_KM
        if c.lat is None or c.lon is None or v.lat is None or v.lon is None:
            dist_fit, dist_text = 0.5, "Entfernung unbekannt"
        else:
            km = distance_km(c.lat, c.lon, v.lat, v.lon)
            dist_fit = 1.0 if km <= 5 else max(0.0, 1 - (km - 5) / max(radius - 5, 1))
            dist_text = f"{km:.0f} km entfernt (Pendelradius {radius} km)"
        if v.german_level_min is None:
            ger_fit, ger_text = 1.0, "kein Mindestniveau Deutsch verlangt"
        elif c.german_level is None:
            ger_fit, ger_text = 0.5, f"Deutschniveau unbekannt, verlangt {v.german_level_min}"
        else:
            gap = v.german_level_min.rank - c.german_level.rank
            ger_fit = 1.0 if gap <= 0 else 0.5 if gap == 1 else 0.0
            ger_text = f"Deutsch {c.german_level}, verlangt {v.german_level_min}"
        score = (
            self.occupation_weight * occ
            + self.distance_weight * dist_fit
            + self.german_weight * ger_fit
        )
        return RankedCandidate(
            c.client_id, v.vacancy_id, round(score, 2), (occ_text, dist_text, ger_text)
        )
