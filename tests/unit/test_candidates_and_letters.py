"""Event candidate ranking and invitation lists; invitation letters (no database)."""

from __future__ import annotations

import dataclasses
import re
import zlib
from datetime import UTC, date, datetime

from lotse.contacts.letter_texts import KEYS, TEXTS
from lotse.contacts.letters import LetterData, letter_language, render_html, render_pdf
from lotse.domain import audience
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import ContactChannel
from lotse.planning.ranking import CandidateFacts, TransparentRanking, VacancyFacts, occupation_fit


def test_the_ranking_cannot_see_protected_attributes() -> None:
    fields = {f.name for f in dataclasses.fields(CandidateFacts)}
    assert not fields & {"citizenship", "gender", "birth_year", "age", "religion", "health"}


def test_occupation_fit_follows_the_kldb_hierarchy() -> None:
    # 25101 Maschinenbau-/Betriebstechnik Helfer vs 25112 (same Berufsgruppe 251) and 26301
    assert occupation_fit(["25101"], "25101") == 1.0
    assert occupation_fit(["25102"], "25101") == 0.8
    assert occupation_fit(["25112"], "25101") == 0.5
    assert occupation_fit(["26301"], "25101") == 0.0


def test_german_below_the_vacancy_minimum_lowers_the_score() -> None:
    v = VacancyFacts(1, "25101", "Montagehelfer/in", None, None, CefrLevel.A2)
    ok = CandidateFacts(1, ("25101",), german_level=CefrLevel.A2)
    weak = CandidateFacts(2, ("25101",), german_level=CefrLevel.A0)
    # 0.5 occupation + 0.3 × 0.5 unknown distance + 0.2 × German fit (1 resp. 0 two levels below)
    assert [(r.client_id, r.score) for r in TransparentRanking().rank([weak, ok], [v])] == [
        (1, 0.85),
        (2, 0.65),
    ]


def test_an_invitation_list_on_protected_attributes_needs_the_organisers_note() -> None:
    rule = {"citizenship_in": ["UA"], "gender_in": ["m"]}
    assert len(audience.validate(rule, None)) == 2
    assert audience.validate(rule, "Arbeitgeber und Jobcenter, Aktionswoche") == []


def test_every_letter_language_has_every_fixed_text() -> None:
    for lang, texts in TEXTS.items():
        assert set(texts) == set(KEYS), lang


def test_the_letter_language_is_the_clients_first_language_when_lotse_has_it() -> None:
    assert letter_language(["fa", "de"]) == "fa"
    assert letter_language(["pl"]) == "de"
    assert letter_language([]) == "de"


def _letter(lang: str) -> LetterData:
    return LetterData(
        "Test Person",
        "K1",
        lang,
        "Bitterfeld",
        "Fachkraft 1",
        datetime(2026, 1, 12, 8, 0, tzinfo=UTC),
        30,
        ContactChannel.IN_PERSON,
        date(2026, 1, 5),
    )


def test_an_arabic_letter_has_the_german_text_and_a_right_to_left_translation() -> None:
    html = render_html(_letter("ar"))
    assert "Einladung zu einem Gespräch" in html
    assert 'lang="ar" dir="rtl"' in html
    assert TEXTS["ar"]["subject"] in html
    # 08:00 UTC on 12 January is 09:00 in Berlin (CET, UTC+1)
    assert "09:00 Uhr" in html


def test_a_german_letter_has_no_translation() -> None:
    assert "translation" not in render_html(_letter("de")).split("</style>")[1]


def test_a_tigrinya_letter_embeds_a_font_with_ethiopic_script() -> None:
    pdf = render_pdf(render_html(_letter("ti")))
    assert pdf.startswith(b"%PDF")
    # font dictionaries sit in compressed object streams: inflate every stream and look there
    text = pdf + b"".join(
        _inflate(part) for part in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)
    )
    assert b"Abyssinica" in text or b"Ethiopic" in text


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error:
        return b""
