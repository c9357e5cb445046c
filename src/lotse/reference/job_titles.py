"""Free-text job title → KldB 2010 codes, through the BA Gesamtberufsliste.

Employers write titles their own way ("Staplerfahrer (m/w/d) Lager"). We compare the text with
the 27,717 official titles (neutral, male and female forms) by character trigrams (TF-IDF,
cosine similarity), which tolerates German compounds, gender suffixes and typos, and return the
KldB codes of the closest titles.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lotse.reference import data_file
from lotse.reference.kldb import entry

_NOISE = re.compile(
    r"\(\s*[mwdfx]\s*(/\s*[mwdfx]\s*)*\)|\b[mwd]/[mwd](/[mwd])?\b|/in\b|/-in\b", re.I
)


def normalise(title: str) -> str:
    """Lower case, gender markers removed, whitespace collapsed.

    >>> normalise("Staplerfahrer (m/w/d)  Lager")
    'staplerfahrer lager'
    """
    text = _NOISE.sub(" ", title)
    text = re.sub(r"[^\wäöüß]+", " ", text.lower())
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class TitleMatch:
    kldb: str
    title: str
    kldb_title: str
    score: float


@lru_cache(maxsize=1)
def _index() -> tuple[list[str], list[str], Any, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    raw = gzip.decompress(data_file("job_titles.csv.gz").read_bytes()).decode("utf-8")
    titles: list[str] = []
    codes: list[str] = []
    seen: set[tuple[str, str]] = set()
    for r in csv.DictReader(io.StringIO(raw)):
        for form in (r["neutral"], r["male"], r["female"]):
            key = (normalise(form), r["kldb"])
            if key[0] and key not in seen:
                seen.add(key)
                titles.append(form)
                codes.append(r["kldb"])
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True)
    matrix = vectorizer.fit_transform([normalise(t) for t in titles])
    return titles, codes, vectorizer, matrix


def search(text: str, *, limit: int = 5) -> list[TitleMatch]:
    """The KldB codes whose official titles are closest to ``text``, best first, one per code.

    >>> [m.kldb for m in search("Gabelstaplerfahrer (m/w/d)", limit=1)]
    ['52531']
    """
    query = normalise(text)
    if not query:
        return []
    titles, codes, vectorizer, matrix = _index()
    scores = (matrix @ vectorizer.transform([query]).T).toarray().ravel()
    order = scores.argsort()[::-1]
    results: list[TitleMatch] = []
    used: set[str] = set()
    for i in order:
        if scores[i] <= 0 or len(results) >= limit:
            break
        code = codes[i]
        if code in used:
            continue
        used.add(code)
        results.append(TitleMatch(code, titles[i], entry(code).title, round(float(scores[i]), 3)))
    return results
