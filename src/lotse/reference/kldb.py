"""The KldB 2010 occupation classification (version 2020): codes, titles, hierarchy, level.

A five-digit code reads: 1 Berufsbereich, 2 Berufshauptgruppe, 3 Berufsgruppe, 4 Berufsuntergruppe,
and the fifth digit is the Anforderungsniveau (1 Helfer, 2 Fachkraft, 3 Spezialist, 4 Experte).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache

from lotse.reference import data_file

REQUIREMENT_LEVELS = {1: "Helfer", 2: "Fachkraft", 3: "Spezialist", 4: "Experte"}


@dataclass(frozen=True, slots=True)
class KldbEntry:
    code: str
    level: int
    title: str
    short_title: str

    @property
    def requirement_level(self) -> int | None:
        """1 Helfer … 4 Experte for a five-digit code, else ``None``."""
        return int(self.code[4]) if self.level == 5 else None


@lru_cache(maxsize=1)
def classification() -> dict[str, KldbEntry]:
    """Every KldB code (all five levels) with its entry."""
    text = data_file("kldb2010.csv").read_text(encoding="utf-8")
    return {
        r["code"]: KldbEntry(r["code"], int(r["ebene"]), r["titel"], r["kurztitel"])
        for r in csv.DictReader(io.StringIO(text))
    }


def is_occupation(code: str) -> bool:
    """Whether ``code`` is a five-digit KldB 2010 code that exists.

    >>> is_occupation("51311"), is_occupation("51319"), is_occupation("5131")
    (True, False, False)
    """
    entry = classification().get(code)
    return entry is not None and entry.level == 5


def entry(code: str) -> KldbEntry:
    """The entry of an existing code; raises KeyError naming the code."""
    try:
        return classification()[code]
    except KeyError:
        raise KeyError(f"unknown KldB 2010 code {code!r}") from None


def requirement_level(code: str) -> int:
    """The Anforderungsniveau of a five-digit code (its fifth digit).

    >>> requirement_level("51312")
    2
    """
    if len(code) != 5 or not code.isdigit():
        raise ValueError(f"{code!r} is not a five-digit KldB code")
    return int(code[4])


def ancestors(code: str) -> list[str]:
    """The codes above ``code``, from the Berufsbereich down to its parent.

    >>> ancestors("51312")
    ['5', '51', '513', '5131']
    """
    return [code[:n] for n in range(1, len(code))]


def shared_depth(a: str, b: str) -> int:
    """How many leading hierarchy levels two codes share, ignoring the requirement level (0–4).

    >>> shared_depth("51311", "51312"), shared_depth("51311", "51321")
    (4, 3)
    >>> shared_depth("51311", "26212")
    0
    """
    depth = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        depth += 1
    return depth
