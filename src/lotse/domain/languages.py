"""Languages clients and officers speak (ISO 639-1), with German names for explanations.

Dari has no ISO 639-1 code of its own; Lotse records it as ``fa`` (Persian), the macrolanguage
it belongs to, and writes "Persisch (Farsi/Dari)".
"""

from __future__ import annotations

from collections.abc import Iterable

from lotse.domain.cefr import CefrLevel

GERMAN = "de"

NAMES_DE: dict[str, str] = {
    "de": "Deutsch",
    "en": "Englisch",
    "uk": "Ukrainisch",
    "ru": "Russisch",
    "ar": "Arabisch",
    "fa": "Persisch (Farsi/Dari)",
    "ps": "Paschtu",
    "ti": "Tigrinya",
    "so": "Somali",
    "ku": "Kurdisch",
    "tr": "Türkisch",
    "fr": "Französisch",
    "pl": "Polnisch",
    "ro": "Rumänisch",
}

COUNSELLING_LEVEL = CefrLevel.B1
"""From this German level on, counselling in German works without another language."""


def language_name(code: str) -> str:
    """German name of a language code, or the code itself.

    >>> language_name("ti"), language_name("xx")
    ('Tigrinya', 'xx')
    """
    return NAMES_DE.get(code, code)


def languages_needed(german_level: CefrLevel | None, languages: Iterable[str]) -> frozenset[str]:
    """The languages in which an officer could counsel a client who cannot yet do it in German.

    Empty when the client's German suffices (B1 or better) or no other language is known.

    >>> sorted(languages_needed(CefrLevel.A1, ["uk", "ru", "de"]))
    ['ru', 'uk']
    >>> languages_needed(CefrLevel.B2, ["ar"])
    frozenset()
    """
    if german_level is not None and german_level >= COUNSELLING_LEVEL:
        return frozenset()
    return frozenset(code for code in languages if code != GERMAN)
