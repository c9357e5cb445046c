"""Occupational closeness of two KldB 2010 codes: shared hierarchy depth and ESCO skill overlap.

Every five-digit KldB code gets an index (:func:`code_index`); the matcher compares codes through
two small dense matrices built once per process, so a feature over millions of candidate pairs
is a single fancy-indexing step:

* :func:`depth_matrix` — how many leading levels two codes share (0–4, the fifth digit, the
  requirement level, is ignored);
* :func:`skill_similarity` — the cosine of the two codes' weighted ESCO skill vectors
  (KldB → ISCO-08 → ESCO occupations → essential/optional skills, see
  ``scripts/build_skills.py``). Codes far apart in the KldB tree can still share skills.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from scipy import sparse

__all__ = [
    "code_index",
    "codes",
    "depth_matrix",
    "requirement_levels",
    "shared_depth",
    "skill_matrix",
    "skill_overlap",
    "skill_similarity",
]


@lru_cache(maxsize=1)
def codes() -> tuple[str, ...]:
    """All five-digit KldB 2010 codes, sorted; position = the code's index.

    Examples
    --------
    >>> from lotse.matching.occupations import codes
    >>> len(codes()), codes()[0]
    (1301, '01104')
    """
    from lotse.reference.kldb import classification

    return tuple(sorted(c for c, e in classification().items() if e.level == 5))


@lru_cache(maxsize=1)
def code_index() -> dict[str, int]:
    """Map a five-digit code to its index in :func:`codes`.

    Examples
    --------
    >>> from lotse.matching.occupations import code_index, codes
    >>> codes()[code_index()["51311"]]
    '51311'
    """
    return {c: i for i, c in enumerate(codes())}


@lru_cache(maxsize=1)
def requirement_levels() -> NDArray[np.int8]:
    """The requirement level (fifth digit, 1 Helfer … 4 Experte) of every code, by index.

    Examples
    --------
    >>> from lotse.matching.occupations import code_index, requirement_levels
    >>> int(requirement_levels()[code_index()["51312"]])
    2
    """
    return np.array([int(c[4]) for c in codes()], dtype=np.int8)


@lru_cache(maxsize=1)
def depth_matrix() -> NDArray[np.int8]:
    """Shared hierarchy depth (0–4) of every pair of codes, ignoring the requirement level.

    Examples
    --------
    >>> from lotse.matching.occupations import code_index, depth_matrix
    >>> i = code_index()
    >>> int(depth_matrix()[i["51311"], i["51312"]]), int(depth_matrix()[i["51311"], i["51321"]])
    (4, 3)
    """
    cs = codes()
    depth = np.zeros((len(cs), len(cs)), dtype=np.int8)
    same = np.ones((len(cs), len(cs)), dtype=bool)
    for n in range(1, 5):
        prefix = np.array([int(c[:n]) for c in cs])
        same &= prefix[:, None] == prefix[None, :]
        depth += same
    return depth


def shared_depth(a: str, b: str) -> int:
    """Shared hierarchy depth of two five-digit codes (0 Berufsbereich differs … 4 same
    Berufsuntergruppe).

    Examples
    --------
    >>> from lotse.matching.occupations import shared_depth
    >>> shared_depth("51311", "51312"), shared_depth("51311", "26212")
    (4, 0)
    """
    i = code_index()
    return int(depth_matrix()[i[a], i[b]])


@lru_cache(maxsize=1)
def skill_matrix() -> sparse.csr_array:
    """Codes × ESCO skills, each row the code's weighted skill vector scaled to unit length.

    A code without ESCO skills (a few military and rare codes) has an all-zero row.

    Examples
    --------
    >>> from lotse.matching.occupations import skill_matrix
    >>> m = skill_matrix()
    >>> m.shape[0], round(float((m[[0]] @ m[[0]].T).toarray()[0, 0]), 6)
    (1301, 1.0)
    """
    import csv
    import gzip
    import io

    from scipy import sparse

    from lotse.reference import data_file

    index = code_index()
    raw = gzip.decompress(data_file("kldb_skills.csv.gz").read_bytes()).decode("utf-8")
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r in csv.DictReader(io.StringIO(raw)):
        i = index.get(r["kldb"])
        if i is None:
            continue
        for cell in r["skills"].split():
            skill, weight = cell.split(":")
            rows.append(i)
            cols.append(int(skill))
            vals.append(float(weight))
    n_skills = max(cols) + 1 if cols else 1
    m = sparse.csr_array(
        (np.array(vals), (np.array(rows), np.array(cols))), shape=(len(index), n_skills)
    )
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1))).ravel()
    norms[norms == 0] = 1.0
    return sparse.csr_array(sparse.diags_array(1.0 / norms) @ m)


@lru_cache(maxsize=1)
def skill_similarity() -> NDArray[np.float32]:
    """Cosine similarity (0–1) of the ESCO skill vectors of every pair of codes.

    Examples
    --------
    >>> from lotse.matching.occupations import code_index, skill_similarity
    >>> i = code_index()
    >>> s = skill_similarity()
    >>> round(float(s[i["51311"], i["51311"]]), 3), bool(s[i["51311"], i["81302"]] < 0.2)
    (1.0, True)
    """
    m = skill_matrix()
    sim = (m @ m.T).toarray().astype(np.float32)
    np.clip(sim, 0.0, 1.0, out=sim)
    out: NDArray[np.float32] = sim
    return out


def skill_overlap(a: str, b: str) -> float:
    """ESCO skill overlap (cosine, 0–1) of two five-digit KldB codes.

    Examples
    --------
    >>> from lotse.matching.occupations import skill_overlap
    >>> skill_overlap("52122", "52122")
    1.0
    """
    i = code_index()
    return round(float(skill_similarity()[i[a], i[b]]), 6)
