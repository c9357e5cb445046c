"""A curated set of real KldB 2010 occupations, grouped by sector, with vacancy titles.

Every code is a five-digit KldB 2010 occupation (checked by the tests against
:mod:`lotse.reference.kldb`); the fifth digit is the requirement level (1 Helfer, 2 Fachkraft,
3 Spezialist, 4 Experte). The sectors are the ones in which eLb are usually placed: logistics,
care, cleaning, hospitality, retail, construction, manufacturing, temporary agency work, plus
office, social and a few expert jobs so that academics (many Ukrainians) have targets too.

Demand mix: a Jobcenter's vacancies are mostly helper (…1) and skilled (…2) jobs with few
specialist and expert jobs (``DEMAND_LEVELS``). Duisburg reports that over 84 % of its
registered vacancies ask for skilled workers or higher (bz-duisburg.de, March 2024), while two
thirds of its eLb seek helper jobs; the Jobcenter's own employer service sees more helper jobs,
hence 40 % helper, 48 % skilled, 7 % specialist, 5 % expert [assumption].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Occupation:
    kldb: str
    title: str

    @property
    def level(self) -> int:
        return int(self.kldb[4])


def _occ(spec: str) -> tuple[Occupation, ...]:
    out = []
    for line in spec.strip().splitlines():
        code, title = line.strip().split(" ", 1)
        out.append(Occupation(code, f"{title} (m/w/d)"))
    return tuple(out)


SECTORS: dict[str, tuple[Occupation, ...]] = {
    "logistics": _occ("""
        51311 Lagerhelfer
        51312 Fachkraft für Lagerlogistik
        52531 Staplerfahrer
        51321 Zusteller
        51322 Fachkraft Kurier-, Express- und Postdienstleistungen
        52122 Berufskraftfahrer CE
        51393 Schichtleiter Lager
    """),
    "care": _occ("""
        82101 Pflegehelfer Altenpflege
        81301 Pflegehelfer Krankenhaus
        82102 Altenpfleger
        81302 Pflegefachkraft
        83143 Familienpfleger
        81404 Assistenzarzt
    """),
    "cleaning": _occ("""
        54101 Reinigungskraft
        54112 Gebäudereiniger
        54113 Objektleiter Gebäudereinigung
    """),
    "hospitality": _occ("""
        29301 Küchenhilfe
        63301 Servicekraft
        63221 Housekeeping-Kraft
        29302 Koch
        63302 Restaurantfachkraft
        63312 Fachkraft Systemgastronomie
    """),
    "retail": _occ("""
        62101 Verkaufshilfe
        62301 Aushilfe Lebensmittelmarkt
        62102 Verkäufer
        62112 Kassierer
        62302 Fachverkäufer Lebensmittel
        62103 Stellvertretende Filialleitung
    """),
    "construction": _occ("""
        32101 Bauhelfer
        33101 Helfer Bodenverlegung
        34201 Helfer Sanitärinstallation
        32122 Maurer
        33102 Bodenleger
        34212 Anlagenmechaniker SHK
        26212 Elektroniker Energie- und Gebäudetechnik
    """),
    "manufacturing": _occ("""
        24201 Produktionshelfer Metall
        25101 Produktionshelfer Maschinenbau
        22101 Produktionshelfer Kunststoff
        29201 Produktionshelfer Lebensmittel
        26301 Elektrohelfer
        24202 Zerspanungsmechaniker
        24412 Metallbauer
        25102 Industriemechaniker
        25212 Kfz-Mechatroniker
        26302 Elektroniker für Betriebstechnik
        29202 Fachkraft für Lebensmitteltechnik
        26303 Elektrotechniker
    """),
    "office": _occ("""
        71401 Bürohilfe
        71402 Kaufmännischer Angestellter
        71302 Industriekaufmann
        43412 Fachinformatiker Anwendungsentwicklung
        72213 Finanzbuchhalter
        71304 Controller
        43104 Informatiker
    """),
    "social": _occ("""
        83112 Erzieher
        83132 Heilerziehungspfleger
        84114 Grundschullehrer
    """),
    "security": _occ("""
        53111 Sicherheitsmitarbeiter
        53112 Fachkraft für Schutz und Sicherheit
    """),
    "agriculture": _occ("""
        11101 Erntehelfer
        12101 Gartenhelfer
        12102 Gärtner
        12142 Landschaftsgärtner
    """),
    "temp_agency": _occ("""
        51311 Kommissionierer
        24201 Produktionshelfer
        54101 Reinigungskraft Industrie
        29201 Verpackungshelfer Lebensmittel
        25101 Maschinenbediener
        24202 CNC-Fräser
    """),
    "solar": _occ("""
        26301 Montagehelfer Solarmodule
        25101 Produktionshelfer Modulfertigung
        26302 Elektroniker Photovoltaik
        26303 Techniker Photovoltaik
    """),
    "transport": _occ("""
        52112 Fahrer Personenbeförderung
        52132 Busfahrer
    """),
}  # fmt: skip

DEMAND: dict[str, float] = {
    "logistics": 0.14, "care": 0.12, "cleaning": 0.08, "hospitality": 0.10, "retail": 0.11,
    "construction": 0.10, "manufacturing": 0.12, "office": 0.08, "social": 0.04,
    "security": 0.03, "agriculture": 0.02, "temp_agency": 0.08, "transport": 0.03,
}  # fmt: skip
"""Default share of vacancies per sector (profiles may add e.g. ``solar``)."""

DEMAND_LEVELS = (0.40, 0.48, 0.07, 0.05)
"""Share of vacancies per requirement level 1–4 (helper, skilled, specialist, expert)."""

SUPPLY_FEMALE: dict[str, float] = {
    "care": 0.20, "cleaning": 0.16, "hospitality": 0.12, "retail": 0.18, "office": 0.12,
    "social": 0.08, "logistics": 0.06, "manufacturing": 0.05, "agriculture": 0.02,
    "construction": 0.005, "security": 0.01, "transport": 0.005,
}  # fmt: skip
SUPPLY_MALE: dict[str, float] = {
    "logistics": 0.22, "construction": 0.16, "manufacturing": 0.18, "hospitality": 0.10,
    "cleaning": 0.06, "security": 0.06, "retail": 0.07, "care": 0.04, "transport": 0.05,
    "agriculture": 0.03, "office": 0.03,
}  # fmt: skip
"""Sectors in which clients look for work. Occupational choices in Germany differ by gender,
and the generator reproduces that; the hire propensity never looks at gender itself."""

PART_TIME = {
    "cleaning": 0.55,
    "retail": 0.45,
    "hospitality": 0.40,
    "care": 0.35,
    "social": 0.30,
    "office": 0.25,
}
DRIVING_CODES = frozenset({"52122", "52112", "52132"})
DRIVING_SOMETIMES = {"care": 0.3, "construction": 0.3, "agriculture": 0.2, "security": 0.2}

GERMAN_MIN_BY_LEVEL: dict[int, dict[str, float]] = {
    1: {"A1": 0.15, "A2": 0.45, "B1": 0.35, "B2": 0.05},
    2: {"A2": 0.10, "B1": 0.50, "B2": 0.35, "C1": 0.05},
    3: {"B2": 0.5, "C1": 0.5},
    4: {"B2": 0.4, "C1": 0.6},
}
GERMAN_MIN_BY_CODE: dict[str, dict[str, float]] = {
    "82102": {"B1": 0.3, "B2": 0.6, "C1": 0.1},
    "81302": {"B1": 0.3, "B2": 0.6, "C1": 0.1},
    "81404": {"C1": 1.0},  # Fachsprachprüfung at C1 for physicians
    "84114": {"C1": 0.6, "C2": 0.4},
    "83112": {"B2": 0.7, "C1": 0.3},
    "54101": {"A0": 0.1, "A1": 0.45, "A2": 0.4, "B1": 0.05},
}

FULL_TIME_WAGE: dict[int, tuple[float, float]] = {
    1: (2200.0, 2700.0), 2: (2600.0, 3500.0), 3: (3300.0, 4500.0), 4: (4200.0, 6000.0),
}  # fmt: skip
"""Monthly gross for full time per requirement level (minimum wage 2024/25 ≈ €2,150–2,220)."""


def codes() -> list[str]:
    """Every KldB code used by the generator, sorted."""
    return sorted({o.kldb for occs in SECTORS.values() for o in occs})


def pick(rng: np.random.Generator, sector: str, level: int) -> Occupation:
    """An occupation of ``sector`` at the requirement level closest to ``level``."""
    occs = SECTORS[sector]
    best = min(abs(o.level - level) for o in occs)
    fitting = [o for o in occs if abs(o.level - level) == best]
    return fitting[int(rng.integers(len(fitting)))]


def choose(rng: np.random.Generator, weights: dict[str, float]) -> str:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]
