"""A packaged subset of ESCO skills: URIs and English labels for the competence assessment.

Built by ``scripts/build_esco_skills.py`` (see ``data/NOTICE.md``): the transversal skills, the
skills at least five ESCO occupations list as essential, and the skills the matcher's table
``kldb_skills.csv.gz`` names for KldB codes (:func:`typical` suggests them for an occupation).
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from functools import lru_cache

from lotse.reference import data_file

SKILL_PREFIX = "http://data.europa.eu/esco/skill/"


@dataclass(frozen=True, slots=True)
class EscoSkill:
    uuid: str
    label: str
    kind: str
    reuse: str
    occupations: int
    number: int | None
    """The skill's number in ``kldb_skills.csv.gz`` (None if no occupation relation has it)."""

    @property
    def uri(self) -> str:
        return SKILL_PREFIX + self.uuid


@lru_cache(maxsize=1)
def skills() -> dict[str, EscoSkill]:
    """The packaged skills by URI, most widely needed first."""
    raw = gzip.decompress(data_file("esco_skills.csv.gz").read_bytes()).decode("utf-8")
    found = (
        EscoSkill(
            r["uuid"],
            r["label"],
            r["type"],
            r["reuse"],
            int(r["occupations"]),
            int(r["number"]) if r["number"] else None,
        )
        for r in csv.DictReader(io.StringIO(raw))
    )
    return {s.uri: s for s in found}


def skill(uri: str) -> EscoSkill | None:
    """The packaged skill with this URI.

    >>> skill("http://data.europa.eu/esco/skill/339ac029-066a-4985-9f9d-b3d7c8fea0bb").label
    'manage staff'
    >>> skill("http://data.europa.eu/esco/skill/not-there") is None
    True
    """
    return skills().get(uri)


def search(text: str, *, limit: int = 20) -> list[EscoSkill]:
    """Skills whose label contains every word of ``text``, most widely needed first.

    >>> [s.label for s in search("forklift")][:1]
    ['operate forklift']
    """
    words = [w for w in text.casefold().split() if w]
    if not words:
        return []
    hits = [s for s in skills().values() if all(w in s.label.casefold() for w in words)]
    return hits[:limit]


@lru_cache(maxsize=1)
def _by_number() -> dict[int, EscoSkill]:
    return {s.number: s for s in skills().values() if s.number is not None}


@lru_cache(maxsize=1)
def _kldb_skills() -> dict[str, list[int]]:
    raw = gzip.decompress(data_file("kldb_skills.csv.gz").read_bytes()).decode("utf-8")
    return {
        r["kldb"]: [int(cell.split(":")[0]) for cell in r["skills"].split()]
        for r in csv.DictReader(io.StringIO(raw))
    }


def typical(kldb: str, *, limit: int = 40) -> list[EscoSkill]:
    """The ESCO skills most typical of a KldB 2010 occupation, most typical first.

    >>> [s.label for s in typical("26212")][:2]
    ['electrical wiring plans', 'electricity']
    >>> typical("99999")
    []
    """
    found = _by_number()
    return [found[n] for n in _kldb_skills().get(kldb, []) if n in found][:limit]
