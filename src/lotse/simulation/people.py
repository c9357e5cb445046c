"""Person attributes for one chunk, drawn per origin category and adjusted per stratum.

Adjustments on top of :mod:`lotse.simulation.origins`:

* people who later take up a job that ends their need (``returner``, ``integrated``) have
  somewhat better German and qualifications (weights × e^(0.35·level) and × e^(0.3·rank)) and
  smaller households (fewer partners and children): a job ends the need of a single person far
  more easily than that of a family;
* focus-group members speak German at A1–B1 and finished their integration course
  (``docs/mission.md``: refugees who finished the course but still struggle with German);
* Joboffensive members are market-near: German B1 or better, better qualified;
* Integration Point members arrived recently: lower German, and their protection status is
  often recent.
Everyone in these groups, and everyone who later takes a job, may work.

Residence: everyone with a benefit period is an eLb, so nobody but the ``pre_decision`` people
holds an AsylbLG status (asylum pending, tolerated; § 7 Abs. 1 Satz 2 Nr. 3 SGB II): the
origins' shares of these statuses go to the other statuses in proportion. ``pre_decision``
people hold one of the two (3 : 1 [assumption]).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from lotse.domain.codes import ASYLBLG_STATUSES
from lotse.simulation import money, names, occupations, origins
from lotse.simulation.plan import INTEGRATED, PRE_DECISION, RETURNER, Plan
from lotse.simulation.propensity import person_logit
from lotse.simulation.region import Region

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

_IP_RESIDENCE = {
    "recognised_refugee": 0.35,
    "subsidiary_protection": 0.20,
    "other_permit": 0.05,
}
"""Integration Point members who are eLb (``pre_decision`` people are the others)."""
_PRE_DECISION_RESIDENCE = {"asylum_pending": 0.75, "tolerated": 0.25}
_NO_PERMIT_P = {"asylum_pending": 0.4, "tolerated": 0.5}
"""Share without a work permit (§ 61 AsylG: after 3 months with approval; Duldung: 6 months)."""


@dataclass
class People:
    n: int
    stratum: IntArray
    site: IntArray
    origin: IntArray
    segment: IntArray
    type: IntArray
    citizenship: list[str]
    female: BoolArray
    gender: list[str]
    birth_year: IntArray
    age: IntArray
    residence: list[str]
    work_permitted: BoolArray
    german: IntArray
    qualification: IntArray
    recognition: list[str]
    targets: list[list[str]]
    experience: FloatArray
    plz_index: IntArray
    max_commute: IntArray
    hours: list[str]
    driving: BoolArray
    languages: list[list[str]]
    names: list[str]
    size: IntArray
    single_parent: BoolArray
    couple: BoolArray
    has_child: BoolArray
    own_llu: FloatArray
    household_llu: FloatArray
    kdu: FloatArray
    break_even: FloatArray
    logit: FloatArray
    """Person-level job-finding log-odds (:func:`~lotse.simulation.propensity.person_logit`)."""


def _sample_rows(rng: np.random.Generator, probs: FloatArray) -> IntArray:
    """One category per row of a (n, k) matrix of (unnormalised) probabilities."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs)) * cum[:, -1]
    return np.asarray((cum < u[:, None]).sum(axis=1), dtype=np.int64)


def _segment_code(plan: Plan, s: int) -> str | None:
    seg = plan.segments[s]
    return None if seg is None else seg.programme


def draw_people(plan: Plan, region: Region, idx: IntArray, rng: np.random.Generator) -> People:
    """Attributes of the people whose strata are ``idx`` (one chunk)."""
    n = len(idx)
    st = plan.strata[idx]
    site, origin, segment, typ = st[:, 0], st[:, 1], st[:, 2], st[:, 3]
    cats = origins.CATEGORIES
    specs = [origins.SPECS[c] for c in cats]
    job_taker = (typ == RETURNER) | (typ == INTEGRATED)
    seg_codes = [_segment_code(plan, int(s)) for s in segment]
    fg = np.array([c == "focus_group" for c in seg_codes], dtype=bool)
    jo = np.array([c == "joboffensive" for c in seg_codes], dtype=bool)
    ip = np.array([c == "integration_point" for c in seg_codes], dtype=bool)

    citizenship = [""] * n
    residence = [""] * n
    for c, spec in enumerate(specs):
        members = np.flatnonzero(origin == c)
        if members.size == 0:
            continue
        codes = list(spec.citizenships)
        picks = _choose(rng, [spec.citizenships[k] for k in codes], members.size)
        sgb2 = {k: v for k, v in spec.residence.items() if k not in ASYLBLG_STATUSES}
        pre = typ[members] == PRE_DECISION
        use_ip = ip[members] & spec.refugee & (spec.code != "UA") & ~pre
        for dist, rows in (
            (sgb2, members[~use_ip & ~pre]),
            (_IP_RESIDENCE, members[use_ip]),
            (_PRE_DECISION_RESIDENCE, members[pre]),
        ):
            statuses = list(dist)
            chosen = _choose(rng, [dist[x] for x in statuses], rows.size)
            for r, ch in zip(rows, chosen, strict=True):
                residence[int(r)] = statuses[int(ch)]
        for r, pk in zip(members, picks, strict=True):
            citizenship[int(r)] = codes[int(pk)]

    female_p = np.array([s.female for s in specs])[origin]
    u = rng.random(n)
    female = u < female_p
    gender = ["f" if f else "m" for f in female]
    for d in np.flatnonzero(rng.random(n) < 0.001):
        gender[int(d)] = "d"

    ages_p = np.array([s.ages for s in specs])[origin]
    bucket = _sample_rows(rng, ages_p)
    lo = np.array([b[0] for b in origins.AGE_BUCKETS])[bucket]
    hi = np.array([b[1] for b in origins.AGE_BUCKETS])[bucket]
    age = (lo + rng.random(n) * (hi - lo + 1)).astype(np.int64)
    birth_year = plan.calendar.as_of.year - age

    levels = np.arange(7)
    g_p = np.array([s.german for s in specs])[origin] * np.where(
        job_taker[:, None], np.exp(0.35 * levels)[None, :], 1.0
    )
    g_p = np.where(fg[:, None], g_p * np.array([0, 0.4, 1, 1, 0, 0, 0]), g_p)
    g_p = np.where(jo[:, None], g_p * (levels >= 3), g_p)
    g_p = np.where(ip[:, None], g_p * np.exp(-0.3 * levels)[None, :], g_p)
    g_p = np.where(g_p.sum(axis=1, keepdims=True) > 0, g_p, np.eye(7)[3])
    german = _sample_rows(rng, g_p)

    q_p = np.array([s.qualification for s in specs])[origin] * np.where(
        (job_taker | jo)[:, None], np.exp(0.3 * np.arange(4))[None, :], 1.0
    )
    # Nobody finishes vocational training before 18 or a first degree before 22.
    q_p = q_p * (age[:, None] >= np.array([0, 0, 18, 22])[None, :])
    qualification = _sample_rows(rng, q_p)
    rec_p = np.array([s.recognition for s in specs])[origin]
    rec = _sample_rows(rng, rec_p)
    foreign_degree = (origin != origins.index("DE")) & (qualification >= 2)
    recognition = [
        origins.RECOGNITION[int(r)] if fd else "not_needed"
        for r, fd in zip(rec, foreign_degree, strict=True)
    ]

    permit = np.ones(n, dtype=bool)
    for k, status in enumerate(residence):
        if status in _NO_PERMIT_P and not (job_taker[k] or fg[k] or jo[k]):
            permit[k] = rng.random() >= _NO_PERMIT_P[status]

    driving = rng.random(n) < np.array([s.driving for s in specs])[origin] * np.where(
        female, 0.85, 1.15
    )
    plz_index = np.zeros(n, dtype=np.int64)
    for k, members in enumerate(region.by_site):
        sel = np.flatnonzero(site == k)
        plz_index[sel] = members[rng.integers(len(members), size=sel.size)]
    max_commute = np.where(
        driving,
        np.array([20, 30, 40, 50])[rng.integers(4, size=n)],
        np.array([10, 15, 20, 25])[rng.integers(4, size=n)],
    ).astype(np.int64)

    experience_scale = np.array([0.8, 1.2, 2.5, 2.0])[qualification]
    experience = np.minimum(rng.gamma(2.0, experience_scale), np.maximum(age - 16, 0))
    experience = np.round(experience * 2) / 2

    hh = _households(plan, rng, origin, female, age, job_taker)
    targets = _targets(rng, gender, qualification)
    languages = _languages(rng, origin, citizenship, german)
    display = names.person_names(rng, citizenship, female)
    hours_sp = _choose(rng, [0.2, 0.6, 0.2], n)  # full, part, any
    hours_other = _choose(rng, [0.6, 0.15, 0.25], n)
    hours = [
        ("full", "part", "any")[int(a if sp else b)]
        for a, b, sp in zip(hours_sp, hours_other, hh["single_parent"], strict=True)
    ]
    logit = person_logit(german, qualification, experience, driving)
    return People(
        n=n,
        stratum=idx,
        site=site,
        origin=origin,
        segment=segment,
        type=typ,
        citizenship=citizenship,
        female=female,
        gender=gender,
        birth_year=birth_year,
        age=age,
        residence=residence,
        work_permitted=permit,
        german=german,
        qualification=qualification,
        recognition=recognition,
        targets=targets,
        experience=experience,
        plz_index=plz_index,
        max_commute=max_commute,
        hours=hours,
        driving=driving,
        languages=languages,
        names=display,
        logit=logit,
        **hh,
    )


def _households(
    plan: Plan,
    rng: np.random.Generator,
    origin: IntArray,
    female: BoolArray,
    age: IntArray,
    job_taker: BoolArray,
) -> dict[str, NDArray]:  # type: ignore[type-arg]
    n = len(origin)
    specs = [origins.SPECS[c] for c in origins.CATEGORIES]
    sp_f = np.array([s.single_parent_f for s in specs])[origin]
    single_parent = (rng.random(n) < np.where(female, sp_f, 0.02)) & (age >= 20) & (age <= 55)
    single_parent &= ~(job_taker & (rng.random(n) < 0.4))
    couple_p = np.array([s.couple for s in specs])[origin] * np.where(job_taker, 0.6, 1.0)
    couple = ~single_parent & (rng.random(n) < couple_p) & (age >= 21)
    kids_if = np.array([s.kids_if_couple for s in specs])[origin]
    kids_mean = np.array([s.kids_mean for s in specs])[origin] * np.where(job_taker, 0.7, 1.0)
    with_kids = single_parent | (couple & (rng.random(n) < kids_if) & (age <= 55))
    kids = np.where(with_kids, 1 + rng.poisson(np.maximum(kids_mean - 1, 0.1)), 0)
    kids = np.minimum(kids, 6)
    own = np.where(couple, money.RBS[2], money.RBS[1])
    hh_llu = own + np.where(couple, money.RBS[2], 0.0)
    for i in np.flatnonzero(kids > 0):
        oldest = int(min(17, age[i] - 18))
        ages = [int(a) for a in rng.integers(0, max(oldest, 0) + 1, size=int(kids[i]))]
        hh_llu[i] += sum(max(0.0, money.child_regelbedarf(a) - money.KINDERGELD) for a in ages)
        if single_parent[i]:
            extra = money.single_parent_mehrbedarf(ages)
            own[i] += extra
            hh_llu[i] += extra
    size = 1 + couple.astype(np.int64) + kids
    base = plan.profile.kdu_single
    kdu = np.round(np.array([money.kdu(base, int(s)) for s in size]) * rng.uniform(0.85, 1.15, n))
    has_child = kids > 0
    return {
        "size": size.astype(np.int64),
        "single_parent": single_parent,
        "couple": couple,
        "has_child": has_child,
        "own_llu": np.round(own, 2),
        "household_llu": np.round(hh_llu, 2),
        "kdu": kdu,
        "break_even": money.break_even_gross(hh_llu + kdu, has_child),
    }


def _choose(rng: np.random.Generator, weights: list[float], size: int) -> IntArray:
    """``size`` draws of an index with probabilities proportional to ``weights``."""
    cum = np.cumsum(np.asarray(weights, dtype=float))
    return np.asarray(np.searchsorted(cum, rng.random(size) * cum[-1], side="right"), np.int64)


_SECTORS = sorted(occupations.SECTORS)
_SUPPLY = {
    "f": [occupations.SUPPLY_FEMALE.get(k, 0.0) for k in _SECTORS],
    "m": [occupations.SUPPLY_MALE.get(k, 0.0) for k in _SECTORS],
}
_SUPPLY["d"] = [a + b for a, b in zip(_SUPPLY["f"], _SUPPLY["m"], strict=True)]
_CLOSEST = {
    (sector, level): [
        o.kldb
        for o in occupations.SECTORS[sector]
        if abs(o.level - level) == min(abs(x.level - level) for x in occupations.SECTORS[sector])
    ]
    for sector in _SECTORS
    for level in (1, 2, 3, 4)
}
"""Codes of a sector at the requirement level closest to the one wanted."""


def _targets(
    rng: np.random.Generator, gender: list[str], qualification: IntArray
) -> list[list[str]]:
    """1–3 target occupations: by gender-typical sectors, at a level that fits the
    qualification (helpers without vocational training, skilled workers with it, academics
    often lower than their degree)."""
    n = len(gender)
    u = rng.random((n, 8))
    academic = np.array([4, 3, 2, 1])[_choose(rng, [0.35, 0.15, 0.3, 0.2], n)]
    level = np.where(
        qualification <= 1,
        np.where(u[:, 0] < 0.85, 1, 2),
        np.where(qualification == 2, np.where(u[:, 0] < 0.7, 2, 1), academic),
    )
    sector = {g: _choose(rng, w, n) for g, w in _SUPPLY.items()}
    other = {g: _choose(rng, w, n) for g, w in _SUPPLY.items()}
    extra = _choose(rng, [0.5, 0.35, 0.15], n)
    out: list[list[str]] = []
    for i in range(n):
        g = gender[i] if gender[i] in _SUPPLY else "d"
        main = _SECTORS[int(sector[g][i])]
        lv = int(level[i])
        options = _CLOSEST[(main, lv)]
        codes = [options[int(u[i, 1] * len(options))]]
        for k in range(int(extra[i])):
            sec = main if u[i, 2 + k] < 0.5 else _SECTORS[int(other[g][i])]
            lv2 = max(1, lv - (1 if u[i, 4 + k] < 0.5 else 0))
            options = _CLOSEST[(sec, lv2)]
            code = options[int(u[i, 6 + k] * len(options))]
            if code not in codes:
                codes.append(code)
        out.append(codes)
    return out


def _languages(
    rng: np.random.Generator, origin: IntArray, citizenship: list[str], german: IntArray
) -> list[list[str]]:
    """The languages of the citizenship, extra ones by origin, German from B1 on."""
    u = rng.random((len(origin), 5))
    out: list[list[str]] = []
    for i, code in enumerate(citizenship):
        spec = origins.SPECS[origins.CATEGORIES[int(origin[i])]]
        langs = list(origins.LANGUAGES.get(code, ("en",)))
        if code == "UA" and u[i, 0] < 0.4:
            langs.reverse()
        for k, (lang, p) in enumerate(spec.extra_languages.items(), start=1):
            if lang not in langs and u[i, k] < p:
                langs.append(lang)
        if "de" not in langs and german[i] >= 3:
            langs.append("de")
        out.append(langs)
    return out
