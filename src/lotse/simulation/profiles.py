"""The Jobcenters of ``docs/mission.md`` as generator profiles, with sources and assumptions.

A profile gives the size (eLb at ``as_of``), the sites with their share of the stock, the origin
mix, the integration quota (K2) the generator aims at, and the published figures of the
Jobcenter's programme. Figures marked [assumption] are not published by the Jobcenter; figures
marked [D] are derived from cited ones. Every figure that is aimed at is written into
``generation.json`` (``targets``), next to the figure the generated files actually contain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

REFUGEES = {
    "UA": 1.0,
    "SY": 1.0,
    "AF": 1.0,
    "IQ": 1.0,
    "IR": 1.0,
    "ER": 1.0,
    "NG": 1.0,
    "PK": 1.0,
    "SO": 1.0,
}


@dataclass(frozen=True)
class Site:
    name: str
    plz: str
    share: float
    migrants: int | None = None
    """Published number of eLb with a migration background at the site (full size)."""


@dataclass(frozen=True)
class Segment:
    """Members of a programme or focus group, generated with their own integration rate."""

    programme: str
    size: int
    """Published size at full scale; what it counts is ``size_kind``."""
    size_kind: str
    """``stock``: members who are eLb at ``as_of``; ``average``: average members over the last
    12 months (a quota's denominator); ``total``: everybody tagged since ``starts_on``."""
    origins: dict[str, float]
    """Eligibility weight per origin category (members are drawn proportionally)."""
    starts_on: date
    quota: float | None = None
    """Integration-kind job starts per 12 months per average member; None: the base rate."""
    cohort: bool = False
    """Members were selected at the start and nobody joins later (a focus group)."""
    min_unemployed_days: int = 0
    """Members had been unemployed at least this long when selected."""
    need_ending: float | None = None
    short_jobs: float | None = None
    proposals_factor: float = 1.0
    asylblg_share: float = 0.0
    """Share of a ``total`` size still under the AsylbLG at ``as_of`` (asylum pending or
    tolerated): Integration Point cases led by the Agentur für Arbeit, no eLb, no benefit
    period (§ 7 Abs. 1 Satz 2 Nr. 3 SGB II)."""
    source: str = ""


@dataclass(frozen=True)
class FlowTarget:
    """A published count of integration-kind job starts of origin groups in a period."""

    name: str
    origin_groups: tuple[str, ...]
    start: date
    end: date | None
    """Inclusive; None means up to ``as_of``."""
    count: int
    source: str = ""


@dataclass(frozen=True)
class Team:
    name: str
    site: str
    officers: int
    programme: str | None = None


@dataclass(frozen=True)
class Profile:
    key: str
    name: str
    district_key: str
    state: str
    prefix: str
    elb: int
    size_source: str
    as_of: date
    sites: tuple[Site, ...]
    origin_mix: dict[str, float]
    quota: float
    quota_source: str
    kdu_single: float = 450.0
    need_ending_share: float = 0.437
    """Share of integrations that end the benefit need: 43.7 % (BA, Jan 2019; domain.md §1)."""
    short_job_share: float = 0.30
    """Share of need-ending jobs that end within 1–10 months [assumption]."""
    other_exit_rate: float = 0.18
    """Exits per year for other reasons (moving, pension, partner's income) [assumption]."""
    segments: tuple[Segment, ...] = ()
    flows: tuple[FlowTarget, ...] = ()
    job_turbo: bool = False
    teams: tuple[Team, ...] = ()
    sector_demand: dict[str, float] = field(default_factory=dict)
    course_boost: float = 1.0
    """Multiplies the chance of attending an integration course for long-term unemployed
    third-country nationals (Borken reports > 1,300 such participants)."""
    published: dict[str, object] = field(default_factory=dict)
    """Published figures that have no place in the exchange format (kept for the record)."""
    notes: tuple[str, ...] = ()
    shape_source: str = "mission.md"
    """Where the sites' migrant figures and the programme teams come from."""

    @property
    def migrants_fixed(self) -> bool:
        return any(s.migrants is not None for s in self.sites)


_JT_START = date(2023, 10, 1)

PROFILES: dict[str, Profile] = {
    p.key: p
    for p in (
        Profile(
            "borken", "Jobcenter Kreis Borken", "05554", "NW", "BOR", 11_900,
            "11,900 eLb (mission.md: NRW Vermittlungsoffensive, Kreis Borken)",
            date(2024, 12, 31),
            (Site("Bocholt", "46395", 0.32), Site("Borken", "46325", 0.22),
             Site("Ahaus", "48683", 0.26), Site("Gronau", "48599", 0.20)),
            {"DE": 0.55, "EU": 0.07, "UA": 0.10, "SY": 0.09, "AF": 0.03, "IQ": 0.04, "IR": 0.01,
             "ER": 0.01, "NG": 0.005, "PK": 0.005, "SO": 0.005, "TR": 0.025, "OTHER": 0.065},
            0.124, "12.4 % integration quota, state average 11.3 % (mission.md); the press "
            "figures may be year-to-date values [U], the generator treats 12.4 % as K2",
            kdu_single=450.0,
            segments=(Segment(
                "focus_group", round(298 / 0.29), "average",
                REFUGEES | {"UA": 0.6, "TR": 0.3, "OTHER": 0.3}, date(2024, 1, 1), quota=0.29,
                cohort=True, min_unemployed_days=365, proposals_factor=2.0,
                source="focus group: 298 integrations at a quota of 29 % (mission.md), so "
                "298 / 0.29 ≈ 1,028 members on average [D]",
            ),),
            sector_demand={"manufacturing": 0.16, "agriculture": 0.04},
            course_boost=2.9,
            published={
                "integrations": 1490, "state_quota": 0.113, "integration_courses": 58,
                "integration_course_ltu_participants_min": 1300,
                "job_related_language_course_participants": 200,
                "focus_group_not_integrable_share": 0.35,
            },
            notes=("Sites and their shares follow the towns' population [assumption].",
                   "Not integrable now (35 % of the focus group) and job-related language "
                   "courses (≈ 200) have no exchange-format file; they are not generated."),
        ),
        Profile(
            "unna", "Jobcenter Kreis Unna", "05978", "NW", "UNA", 22_000,
            "[D] ≈ €91m KdU a year (hawr-digital.de) ÷ €500 per BG and month ≈ 15,000 BG "
            "× ≈ 1.45 eLb per BG",
            date(2025, 2, 28),
            (Site("Lünen", "44532", 0.32), Site("Unna", "59423", 0.24),
             Site("Kamen", "59174", 0.30), Site("Schwerte", "58239", 0.14)),
            {"DE": 0.58, "EU": 0.07, "UA": 0.07, "SY": 0.045, "AF": 0.012, "IQ": 0.012,
             "IR": 0.005, "ER": 0.002, "NG": 0.002, "PK": 0.001, "SO": 0.001, "TR": 0.07,
             "OTHER": 0.13},
            0.20, "[assumption] Unna reported a quota of 24.5 % in an earlier year "
            "(hawr-digital.de); 20 % for the weaker market of 2024/25",
            kdu_single=460.0,
            flows=(
                FlowTarget("job_turbo_exits_2023", ("ukraine", "asylum_countries"),
                           date(2023, 1, 1), date(2023, 12, 31), 637, "mission.md"),
                FlowTarget("job_turbo_exits_2024", ("ukraine", "asylum_countries"),
                           date(2024, 1, 1), date(2024, 12, 31), 994, "mission.md"),
                FlowTarget("job_turbo_exits_2025_ukraine", ("ukraine",), date(2025, 1, 1),
                           None, 49, "mission.md: since January of the next year"),
                FlowTarget("job_turbo_exits_2025_asylum_countries", ("asylum_countries",),
                           date(2025, 1, 1), None, 95, "mission.md: since January"),
            ),
            job_turbo=True,
            teams=(Team("Job-Turbo", "Unna", 15, "job_turbo"),),
            notes=("Exits into work are counted as integration-kind job starts (employment, "
                   "apprenticeship, self-employment) of Ukrainian and asylum-country citizens.",
                   "as_of is the end of February 2025, so 'since January' is two months."),
        ),
        Profile(
            "gelsenkirchen", "Jobcenter Gelsenkirchen", "05513", "NW", "GE", 35_000,
            "WAZ 2022: 33,779 eLb in 2021; plus Ukrainians from 2022 [assumption]",
            date(2025, 6, 30),
            (Site("Gelsenkirchen-Mitte", "45879", 0.60), Site("Gelsenkirchen-Buer", "45894", 0.40)),
            {"DE": 0.47, "EU": 0.15, "UA": 0.06, "SY": 0.10, "AF": 0.015, "IQ": 0.03, "IR": 0.005,
             "ER": 0.003, "NG": 0.004, "PK": 0.002, "SO": 0.001, "TR": 0.07, "OTHER": 0.09},
            0.19, "WAZ 2022: 6,460 integrations of 33,779 eLb in 2021 ≈ 19 % [D]",
            kdu_single=420.0,
            segments=(Segment(
                "joboffensive", 1900, "stock",
                {"DE": 1.0, "EU": 0.6, "TR": 0.8, "OTHER": 0.6, "UA": 0.4, "SY": 0.4, "AF": 0.3,
                 "IQ": 0.4, "IR": 0.5, "ER": 0.2, "NG": 0.3, "PK": 0.3, "SO": 0.2},
                date(2024, 7, 1), quota=0.40, need_ending=0.55, short_jobs=0.20,
                proposals_factor=3.0,
                source="1,900 market-near clients at 1:100 (mission.md), kept full as members "
                "leave; quota 40 % [D]: Berlin's 17,516 "
                "additional integrations for ≈ 35,000 clients at 1:100 in 18 months ≈ +33 % a "
                "year on top of a market-near base [assumption]",
            ),),
            teams=(Team("Joboffensive", "Gelsenkirchen-Mitte", 19, "joboffensive"),),
        ),
        Profile(
            "duisburg", "Jobcenter Duisburg", "05112", "NW", "DU", 51_000,
            "WAZ 2023: about 51,000 erwerbsfähige Leistungsberechtigte",
            date(2025, 9, 30),
            (Site("Duisburg-Mitte", "47051", 0.40), Site("Duisburg-Hamborn", "47166", 0.35),
             Site("Duisburg-Rheinhausen", "47226", 0.25)),
            {"DE": 0.46, "EU": 0.15, "UA": 0.075, "SY": 0.08, "AF": 0.02, "IQ": 0.03, "IR": 0.005,
             "ER": 0.003, "NG": 0.005, "PK": 0.002, "SO": 0.005, "TR": 0.09, "OTHER": 0.075},
            0.17, "[assumption] Ruhr cities 2024: Wuppertal 5,390 integrations of 32,536 eLb "
            "≈ 16.6 % (wuppertal-total.de)",
            kdu_single=440.0,
            segments=(Segment(
                "integration_point", 700, "total", REFUGEES | {"UA": 0.5, "AF": 1.3},
                date(2025, 1, 1), asylblg_share=0.40,
                source="≈ 700 people advised by September of the first year (mission.md); the "
                "first Integration Point year (2016) is transposed to the year of as_of so that "
                "today's origin mix applies; 40 % still in the asylum procedure or tolerated "
                "(AsylbLG, led by the Agentur für Arbeit) at as_of [assumption]",
            ),),
            sector_demand={"logistics": 0.20, "manufacturing": 0.14},
        ),
        Profile(
            "anhalt_bitterfeld", "Jobcenter Anhalt-Bitterfeld", "15082", "ST", "ABI", 8_800,
            "[D] 'Wir sind ABI' (Nov 2024): ≈ 12,600 Leistungsberechtigte in ≈ 7,000 BG × ≈ 70 % "
            "erwerbsfähig",
            date(2024, 12, 31),
            (Site("Bitterfeld", "06749", 0.55, migrants=510), Site("Köthen", "06366", 0.32,
             migrants=224), Site("Zerbst", "39261", 0.13, migrants=81)),
            {"DE": 1.0, "UA": 0.42, "SY": 0.22, "AF": 0.10, "IQ": 0.04, "IR": 0.02, "ER": 0.01,
             "NG": 0.01, "PK": 0.01, "SO": 0.01, "EU": 0.08, "TR": 0.02, "OTHER": 0.06},
            0.20, "[assumption] east German Jobcenters report higher quotas than NRW",
            kdu_single=370.0,
            job_turbo=True,
            sector_demand={"solar": 0.05, "manufacturing": 0.15},
            published={"migration_background_total": 815, "solar_event_ukrainian_men": 25,
                       "activation_measure": {"participants": 15, "women": 14,
                                              "internships": 13, "reported": 7, "hired": 2}},
            notes=("Migration background = citizenship other than German (the only origin "
                   "field of the exchange format); the origin mix gives the split among them.",
                   "The activation measure has no exchange-format file; it is not generated."),
        ),
        Profile(
            "demo", "Jobcenter Demo (Anhalt-Bitterfeld-ähnlich)", "15082", "ST", "DEMO", 1_000,
            "small demo [assumption]: three sites like Anhalt-Bitterfeld, a third migrants",
            date(2025, 6, 30),
            (Site("Bitterfeld", "06749", 0.55, migrants=190), Site("Köthen", "06366", 0.32,
             migrants=80), Site("Zerbst", "39261", 0.13, migrants=30)),
            {"DE": 1.0, "UA": 0.40, "SY": 0.22, "AF": 0.10, "IQ": 0.05, "IR": 0.02, "ER": 0.02,
             "NG": 0.01, "PK": 0.01, "SO": 0.01, "EU": 0.08, "TR": 0.02, "OTHER": 0.06},
            0.20, "[assumption] as anhalt_bitterfeld",
            kdu_single=370.0,
            segments=(Segment("focus_group", 40, "average", REFUGEES | {"TR": 0.3, "OTHER": 0.3},
                              date(2024, 7, 1), quota=0.29, cohort=True,
                              min_unemployed_days=365, proposals_factor=2.0,
                              source="as Borken's focus group, small"),),
            job_turbo=True,
            teams=(Team("Job-Turbo", "Bitterfeld", 3, "job_turbo"),),
            sector_demand={"solar": 0.05, "manufacturing": 0.15},
            shape_source="demo [assumption]",
        ),
    )
}  # fmt: skip

PROGRAMME_STARTS: dict[str, date] = {"job_turbo": _JT_START}
"""Start dates of programmes that are not a profile segment (Job-Turbo: October 2023)."""


def get(key: str) -> Profile:
    """The profile named ``key``; raises KeyError listing the known profiles."""
    try:
        return PROFILES[key]
    except KeyError:
        raise KeyError(f"unknown profile {key!r}; known: {', '.join(PROFILES)}") from None
