"""The sixteen German states (Länder) by their ISO 3166-2 subdivision code without ``DE-``."""

from __future__ import annotations

from enum import StrEnum


class GermanState(StrEnum):
    """A German state; the code decides, for instance, which public holidays apply.

    >>> GermanState("ST").german_name
    'Sachsen-Anhalt'
    """

    BW = "BW"
    BY = "BY"
    BE = "BE"
    BB = "BB"
    HB = "HB"
    HH = "HH"
    HE = "HE"
    MV = "MV"
    NI = "NI"
    NW = "NW"
    RP = "RP"
    SL = "SL"
    SN = "SN"
    ST = "ST"
    SH = "SH"
    TH = "TH"

    @property
    def german_name(self) -> str:
        return _TITLES[self]


_TITLES: dict[GermanState, str] = {
    GermanState.BW: "Baden-Württemberg",
    GermanState.BY: "Bayern",
    GermanState.BE: "Berlin",
    GermanState.BB: "Brandenburg",
    GermanState.HB: "Bremen",
    GermanState.HH: "Hamburg",
    GermanState.HE: "Hessen",
    GermanState.MV: "Mecklenburg-Vorpommern",
    GermanState.NI: "Niedersachsen",
    GermanState.NW: "Nordrhein-Westfalen",
    GermanState.RP: "Rheinland-Pfalz",
    GermanState.SL: "Saarland",
    GermanState.SN: "Sachsen",
    GermanState.ST: "Sachsen-Anhalt",
    GermanState.SH: "Schleswig-Holstein",
    GermanState.TH: "Thüringen",
}
