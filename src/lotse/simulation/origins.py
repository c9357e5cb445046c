"""Who the eLb of a Jobcenter are, per origin category: the attribute distributions.

Thirteen origin categories: Germans (``DE``), EU citizens (``EU``), Ukrainians (``UA``), each of
the eight asylum countries of the Job-Turbo (``SY AF IQ IR ER NG PK SO``), Turkish citizens
(``TR``) and other third countries (``OTHER``). Each has distributions for citizenship, gender,
age, residence status, German level, qualification, recognition of a foreign degree, driving
licence, household shape and languages.

Sources and assumptions (order of magnitude, not statistics of a particular Jobcenter):

* Gender: adult Ukrainian refugees are mostly women (≈ 70 %); refugees from the asylum countries
  mostly men (≈ 60 %); eLb overall are about half women.
* German levels: the Job-Turbo places "grundsätzlich ab A2 oder B1" (``domain.md`` §2), so the
  target group sits mostly at A1–B1; Ukrainians arrived from 2022 and are a little lower than
  refugees of 2015/16. Germans are native speakers (C2).
* Qualifications: about two thirds of eLb have no vocational qualification (Gelsenkirchen:
  23.8 % of job seekers have one, WAZ 2024); Ukrainian refugees are often academics.
* Earliest benefit start: Ukrainians entered SGB II on 1 June 2022 (``domain.md`` §7); most
  refugees from the asylum countries arrived from 2015 on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

CATEGORIES: tuple[str, ...] = (
    "DE", "EU", "UA", "SY", "AF", "IQ", "IR", "ER", "NG", "PK", "SO", "TR", "OTHER",
)  # fmt: skip
"""Origin categories in a fixed order (array index = position)."""

AGE_BUCKETS: tuple[tuple[int, int], ...] = ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64))
GERMAN_LEVELS: tuple[str, ...] = ("A0", "A1", "A2", "B1", "B2", "C1", "C2")
QUALIFICATIONS: tuple[str, ...] = ("none", "school", "vocational", "academic")
RECOGNITION: tuple[str, ...] = ("none", "pending", "partial", "full")


@dataclass(frozen=True)
class OriginSpec:
    """Distributions of one origin category (probabilities need not sum to one exactly)."""

    code: str
    citizenships: dict[str, float]
    female: float
    ages: tuple[float, float, float, float, float]
    residence: dict[str, float]
    german: tuple[float, float, float, float, float, float, float]
    qualification: tuple[float, float, float, float]
    recognition: tuple[float, float, float, float] = (0.55, 0.15, 0.15, 0.15)
    driving: float = 0.35
    earliest: date | None = None
    single_parent_f: float = 0.15
    couple: float = 0.35
    kids_if_couple: float = 0.6
    kids_mean: float = 1.0
    extra_languages: dict[str, float] = field(default_factory=dict)

    @property
    def refugee(self) -> bool:
        return self.code in REFUGEE_CATEGORIES


REFUGEE_CATEGORIES = frozenset({"UA", "SY", "AF", "IQ", "IR", "ER", "NG", "PK", "SO"})
"""The Job-Turbo target group: Ukraine and the eight asylum countries."""

_REFUGEE_STATUS_LONG = {
    "recognised_refugee": 0.45,
    "subsidiary_protection": 0.33,
    "other_permit": 0.14,
    "asylum_pending": 0.04,
    "tolerated": 0.04,
}
_REFUGEE_GERMAN = (0.04, 0.16, 0.30, 0.33, 0.12, 0.04, 0.01)
_REFUGEE_QUALIFICATION = (0.30, 0.40, 0.18, 0.12)
_ASYLUM_START = date(2015, 1, 1)

SPECS: dict[str, OriginSpec] = {
    s.code: s
    for s in (
        OriginSpec("DE", {"DE": 1.0}, 0.50, (0.10, 0.24, 0.23, 0.20, 0.23), {"german": 1.0},
                   (0, 0, 0, 0, 0, 0.03, 0.97), (0.12, 0.46, 0.37, 0.05), driving=0.55,
                   single_parent_f=0.24, couple=0.25, kids_if_couple=0.55, kids_mean=0.9,
                   extra_languages={"en": 0.25}),
        OriginSpec("EU", {"RO": 0.30, "BG": 0.28, "PL": 0.18, "GR": 0.06, "IT": 0.06, "HR": 0.04,
                          "HU": 0.03, "NL": 0.02, "ES": 0.01, "PT": 0.01, "LT": 0.005,
                          "LV": 0.005}, 0.50, (0.12, 0.30, 0.27, 0.18, 0.13), {"eu": 1.0},
                   (0.05, 0.15, 0.25, 0.30, 0.15, 0.08, 0.02), (0.25, 0.40, 0.27, 0.08),
                   recognition=(0.45, 0.10, 0.15, 0.30), driving=0.45, couple=0.45,
                   kids_if_couple=0.7, kids_mean=1.4, extra_languages={"en": 0.2}),
        OriginSpec("UA", {"UA": 1.0}, 0.70, (0.10, 0.22, 0.30, 0.22, 0.16),
                   {"temporary_protection": 0.95, "other_permit": 0.05},
                   (0.08, 0.25, 0.30, 0.26, 0.08, 0.02, 0.01), (0.03, 0.25, 0.30, 0.42),
                   recognition=(0.45, 0.25, 0.15, 0.15), driving=0.40,
                   earliest=date(2022, 6, 1), single_parent_f=0.40, couple=0.15,
                   kids_if_couple=0.6, kids_mean=1.0, extra_languages={"en": 0.3}),
        OriginSpec("SY", {"SY": 1.0}, 0.40, (0.20, 0.35, 0.25, 0.13, 0.07),
                   {"recognised_refugee": 0.45, "subsidiary_protection": 0.43,
                    "other_permit": 0.10, "asylum_pending": 0.01, "tolerated": 0.01},
                   _REFUGEE_GERMAN, _REFUGEE_QUALIFICATION, driving=0.30, earliest=_ASYLUM_START,
                   couple=0.50, kids_if_couple=0.8, kids_mean=1.8,
                   extra_languages={"ku": 0.15, "en": 0.15}),
        OriginSpec("AF", {"AF": 1.0}, 0.38, (0.28, 0.35, 0.20, 0.11, 0.06),
                   {"recognised_refugee": 0.30, "subsidiary_protection": 0.15,
                    "other_permit": 0.30, "asylum_pending": 0.12, "tolerated": 0.13},
                   (0.06, 0.20, 0.30, 0.30, 0.10, 0.03, 0.01), (0.40, 0.38, 0.14, 0.08),
                   driving=0.20, earliest=_ASYLUM_START, couple=0.40, kids_if_couple=0.8,
                   kids_mean=2.0, extra_languages={"ps": 0.3, "ur": 0.05}),
        OriginSpec("IQ", {"IQ": 1.0}, 0.42, (0.20, 0.33, 0.25, 0.14, 0.08), _REFUGEE_STATUS_LONG,
                   _REFUGEE_GERMAN, _REFUGEE_QUALIFICATION, driving=0.30, earliest=_ASYLUM_START,
                   couple=0.50, kids_if_couple=0.8, kids_mean=1.9,
                   extra_languages={"ku": 0.35, "en": 0.1}),
        OriginSpec("IR", {"IR": 1.0}, 0.45, (0.12, 0.33, 0.30, 0.16, 0.09), _REFUGEE_STATUS_LONG,
                   (0.03, 0.12, 0.25, 0.35, 0.17, 0.07, 0.01), (0.15, 0.30, 0.25, 0.30),
                   driving=0.35, earliest=_ASYLUM_START, couple=0.40,
                   extra_languages={"en": 0.35}),
        OriginSpec("ER", {"ER": 1.0}, 0.35, (0.30, 0.38, 0.18, 0.10, 0.04),
                   {"recognised_refugee": 0.60, "subsidiary_protection": 0.25,
                    "other_permit": 0.09, "asylum_pending": 0.03, "tolerated": 0.03},
                   _REFUGEE_GERMAN, (0.45, 0.38, 0.12, 0.05), driving=0.10,
                   earliest=_ASYLUM_START, couple=0.30, kids_if_couple=0.7, kids_mean=1.5,
                   extra_languages={"ar": 0.2, "en": 0.15}),
        OriginSpec("NG", {"NG": 1.0}, 0.45, (0.18, 0.38, 0.26, 0.12, 0.06),
                   {"recognised_refugee": 0.15, "subsidiary_protection": 0.10,
                    "other_permit": 0.35, "asylum_pending": 0.15, "tolerated": 0.25},
                   (0.04, 0.16, 0.30, 0.32, 0.13, 0.04, 0.01), (0.20, 0.45, 0.22, 0.13),
                   driving=0.25, earliest=_ASYLUM_START, couple=0.35, kids_if_couple=0.7,
                   kids_mean=1.6, extra_languages={"yo": 0.3, "ig": 0.25, "ha": 0.15}),
        OriginSpec("PK", {"PK": 1.0}, 0.25, (0.20, 0.38, 0.24, 0.12, 0.06),
                   {"recognised_refugee": 0.10, "subsidiary_protection": 0.05,
                    "other_permit": 0.40, "asylum_pending": 0.20, "tolerated": 0.25},
                   _REFUGEE_GERMAN, (0.25, 0.40, 0.20, 0.15), driving=0.40,
                   earliest=_ASYLUM_START, couple=0.45, kids_if_couple=0.8, kids_mean=1.8,
                   extra_languages={"pa": 0.4, "en": 0.5}),
        OriginSpec("SO", {"SO": 1.0}, 0.45, (0.30, 0.36, 0.20, 0.10, 0.04),
                   {"recognised_refugee": 0.35, "subsidiary_protection": 0.30,
                    "other_permit": 0.15, "asylum_pending": 0.08, "tolerated": 0.12},
                   (0.07, 0.22, 0.31, 0.28, 0.09, 0.02, 0.01), (0.50, 0.35, 0.10, 0.05),
                   driving=0.12, earliest=_ASYLUM_START, single_parent_f=0.25, couple=0.35,
                   kids_if_couple=0.85, kids_mean=2.2, extra_languages={"ar": 0.3}),
        OriginSpec("TR", {"TR": 1.0}, 0.50, (0.12, 0.24, 0.25, 0.21, 0.18), {"other_permit": 1.0},
                   (0.02, 0.06, 0.14, 0.30, 0.28, 0.15, 0.05), (0.25, 0.45, 0.25, 0.05),
                   recognition=(0.6, 0.1, 0.15, 0.15), driving=0.50, couple=0.50,
                   kids_if_couple=0.7, kids_mean=1.6, extra_languages={"ku": 0.15}),
        OriginSpec("OTHER", {"RU": 0.16, "XK": 0.12, "RS": 0.08, "AL": 0.06, "MK": 0.06,
                             "BA": 0.05, "MA": 0.08, "LB": 0.06, "VN": 0.05, "GE": 0.05,
                             "MD": 0.05, "IN": 0.04, "AM": 0.03, "DZ": 0.03, "GH": 0.02,
                             "CN": 0.02, "TN": 0.02, "EG": 0.02},
                   0.50, (0.14, 0.32, 0.27, 0.16, 0.11), {"other_permit": 0.9, "tolerated": 0.05,
                                                           "asylum_pending": 0.05},
                   (0.04, 0.12, 0.25, 0.30, 0.17, 0.09, 0.03), (0.20, 0.40, 0.28, 0.12),
                   driving=0.40, couple=0.40, kids_if_couple=0.7, kids_mean=1.5,
                   extra_languages={"en": 0.25}),
    )
}  # fmt: skip

LANGUAGES: dict[str, tuple[str, ...]] = {
    "DE": ("de",), "UA": ("uk", "ru"), "SY": ("ar",), "AF": ("fa",), "IQ": ("ar",),
    "IR": ("fa",), "ER": ("ti",), "NG": ("en",), "PK": ("ur",), "SO": ("so",), "TR": ("tr",),
    "RO": ("ro",), "BG": ("bg", "tr"), "PL": ("pl",), "GR": ("el",), "IT": ("it",),
    "HR": ("hr",), "HU": ("hu",), "NL": ("nl",), "ES": ("es",), "PT": ("pt",), "LT": ("lt",),
    "LV": ("lv", "ru"), "RU": ("ru",), "XK": ("sq",), "RS": ("sr",), "AL": ("sq",),
    "MK": ("mk",), "BA": ("bs",), "MA": ("ar", "fr"), "LB": ("ar", "fr"), "VN": ("vi",),
    "GE": ("ka", "ru"), "MD": ("ro", "ru"), "IN": ("hi", "en"), "AM": ("hy", "ru"),
    "DZ": ("ar", "fr"), "GH": ("en",), "CN": ("zh",), "TN": ("ar", "fr"), "EG": ("ar",),
}  # fmt: skip
"""Languages usually spoken by citizens of a country (ISO 639-1), preferred first.

Dari is written ``fa`` (ISO 639-1 has no code of its own for it; ISO 639-3 ``prs``).
"""

COURSE_BY_LEVEL: dict[str, tuple[float, float, float]] = {
    "A0": (0.35, 0.60, 0.05), "A1": (0.15, 0.55, 0.30), "A2": (0.10, 0.30, 0.60),
    "B1": (0.10, 0.08, 0.82), "B2": (0.35, 0.0, 0.65), "C1": (0.6, 0.0, 0.4), "C2": (1.0, 0.0, 0.0),
}  # fmt: skip
"""P(integration course none / attending / completed | German level) for refugees and other
third-country nationals; attending means the level is still below the course goal B1."""

EU_COURSE_FACTOR = 0.35
"""EU citizens may be admitted to a course when places are free (§ 44(4) AufenthG)."""


def index(code: str) -> int:
    """Position of a category in :data:`CATEGORIES`.

    >>> index("DE"), index("OTHER")
    (0, 12)
    """
    return CATEGORIES.index(code)


def migrant(code: str) -> bool:
    """Whether a category is counted as "with a migration background" (not German citizens).

    The published figure of Anhalt-Bitterfeld (815 eLb "mit Migrationshintergrund") is matched
    on citizenship, the only origin field of the exchange format; naturalised Germans with a
    migration background are therefore not counted.

    >>> migrant("DE"), migrant("UA")
    (False, True)
    """
    return code != "DE"
