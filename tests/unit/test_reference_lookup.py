"""Reference data as the exchange import uses it: job titles to KldB codes, postcodes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lotse.errors import InvalidInput
from lotse.exchange.reader import read_folder
from lotse.reference import plz
from lotse.reference.job_titles import search


@pytest.mark.parametrize(
    ("free_text", "kldb"),
    [
        # Each expected code is the BA Gesamtberufsliste's own entry for the official title,
        # e.g. "Altenpfleger/in" → 82102 (8210 Altenpflege, level 2 Fachkraft).
        ("Altenpflegerin (m/w/d) in Vollzeit", "82102"),
        ("Berufskraftfahrer (m/w/d) CE", "52122"),  # "Berufskraftfahrer/in" → 52122
        ("Lagerhelfer m/w/d", "51311"),  # "Lagerhelfer/in" → 51311 (Lagerwirtschaft, Helfer)
        ("Koch (m/w/d)", "29302"),  # "Koch/Köchin" → 29302
        ("Verkäuferin Bäckerei", "62312"),  # "Bäckereiverkäufer/in" → 62312
    ],
)
def test_a_free_text_job_title_finds_the_code_of_the_official_title(
    free_text: str, kldb: str
) -> None:
    assert search(free_text, limit=3)[0].kldb == kldb


def test_a_title_of_only_gender_markers_finds_nothing() -> None:
    assert search("(m/w/d)") == []


def test_an_unknown_postcode_is_rejected(tmp_path: Path) -> None:
    # 00000 was never assigned: German postcodes start at 01001.
    assert plz.lookup("00000") is None
    assert plz.lookup("06749") is not None  # Bitterfeld-Wolfen
    (tmp_path / "clients.csv").write_text(
        "client_id,site,status,plz\nC1,Bitterfeld,active,00000\n", encoding="utf-8"
    )
    with pytest.raises(InvalidInput) as info:
        read_folder(tmp_path)
    (problem,) = info.value.problems
    assert (problem.column, problem.value, problem.rule) == ("plz", "00000", "plz")
    assert problem.message == "unknown postcode"
