"""Simulated labour markets with a hidden true hire probability, to benchmark the matcher.

A :class:`World` describes a market: its geography (towns, region size, commuting limits), its
people (origin mix, German, qualifications), its vacancies (requirement levels, openings) and —
hidden from the matcher — what decides a hire: which factors matter and how strongly, in which
shape (linear, threshold, exponential decay, interactions), how much unobserved heterogeneity
there is (a client's employability, a vacancy's urgency, chemistry of the pair), how tight the
market is, and whether employers discriminate by origin (the matcher never sees origin; the
fairness audit should notice). :data:`WORLDS` holds structurally different worlds, split into
those the matcher was tuned on (:data:`TUNING_WORLDS`) and held-out ones.

:func:`simulate` draws clients, vacancies and a history of past proposals whose outcomes are
drawn from the true probability, all as exchange-format rows; :meth:`Market.true_probability`
gives the hidden probability of any pair (an oracle for the benchmark).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "HELD_OUT_WORLDS",
    "TUNING_WORLDS",
    "WORLDS",
    "Market",
    "World",
    "expected_placements",
    "simulate",
    "with_scale",
    "write_folder",
]

TODAY = date(2026, 3, 2)
_CEFR = ["A0", "A1", "A2", "B1", "B2", "C1", "C2"]


@dataclass(frozen=True)
class World:
    """Parameters of a simulated market. Effect sizes are on the log-odds scale."""

    name: str
    description: str
    n_clients: int = 3000
    n_vacancies: int = 900
    history: int = 12000
    towns: int = 8
    region_km: float = 80.0
    commute_km: float = 25.0
    base: float = -0.4
    occupation: float = 2.0
    skills: float = 0.8
    qualification: float = 0.8
    recognition: float = 0.6
    german: float = 0.7
    german_shape: str = "linear"  # linear | threshold | skilled_only
    distance: float = 1.5
    distance_shape: str = "linear"  # linear | exp | cliff
    hours: float = 0.8
    licence: float = 1.2
    experience: float = 0.3
    unemployment: float = 0.25
    client_noise: float = 0.5
    vacancy_noise: float = 0.5
    pair_noise: float = 0.3
    affinity: float = 0.3
    discrimination: float = 0.0
    helper_share: float = 0.4
    openings_mean: float = 1.6
    groups: int = 25
    past_policy: str = "mixed"  # mixed | rule | random


WORLDS: dict[str, World] = {
    w.name: w
    for w in (
        World("baseline", "additive, moderate noise, small towns"),
        World("thresholds", "German below the minimum nearly rules a hire out; distance cliff",
              german=1.6, german_shape="threshold", distance_shape="cliff", distance=1.0),
        World("skills", "ESCO skills matter more than the KldB tree, experience counts",
              occupation=0.8, skills=2.4, experience=0.6),
        World("metropolis", "one dense city, short commutes, tight market", towns=1,
              region_km=30, commute_km=12, base=0.2, n_vacancies=1500,
              distance_shape="exp", distance=2.0),
        World("rural", "many villages, long distances, licence decisive", towns=25,
              region_km=140, commute_km=40, licence=2.2, distance=2.2),
        World("noisy", "large unobserved heterogeneity, small history", client_noise=1.0,
              vacancy_noise=0.9, pair_noise=0.6, history=4000),
        World("interactions", "German matters only for skilled jobs, recognition strongly; "
              "slack market", german_shape="skilled_only", german=1.4, recognition=1.4,
              base=-1.0, qualification=1.3),
        World("discrimination", "employers penalise refugees' origin (hidden), long-term "
              "unemployed strongly", discrimination=0.7, unemployment=0.6),
    )
}  # fmt: skip
"""Structurally different worlds; the matcher's settings were chosen on :data:`TUNING_WORLDS`."""

TUNING_WORLDS = ("baseline", "thresholds", "skills")
HELD_OUT_WORLDS = tuple(n for n in WORLDS if n not in TUNING_WORLDS)


def _hash_normal(a: NDArray[np.int64], b: NDArray[np.int64], seed: int) -> NDArray[np.float64]:
    """A standard-normal number per (a, b), reproducible without storing a matrix."""
    x = (a.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ (
        b.astype(np.uint64) * np.uint64(0xBF58476D1CE4E5B9) + np.uint64(seed)
    )
    x ^= x >> np.uint64(31)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(29)
    u1 = ((x >> np.uint64(11)).astype(np.float64) + 0.5) / 2.0**53
    y = x * np.uint64(0xD6E8FEB86659FD93)
    y ^= y >> np.uint64(32)
    u2 = ((y >> np.uint64(11)).astype(np.float64) + 0.5) / 2.0**53
    return np.asarray(np.sqrt(-2 * np.log(u1)) * np.cos(2 * np.pi * u2))


@dataclass
class Market:
    """A simulated market: exchange-format rows plus the hidden truth."""

    world: World
    seed: int
    clients: list[dict[str, Any]]
    vacancies: list[dict[str, Any]]
    history: list[dict[str, Any]]
    hidden: dict[str, NDArray[Any]] = field(default_factory=dict)

    def true_probability(
        self,
        ci: NDArray[np.int64],
        vi: NDArray[np.int64],
        *,
        on: NDArray[np.datetime64] | None = None,
        observable: bool = False,
    ) -> NDArray[np.float64]:
        """The hidden hire probability of the pairs (row indices into clients, vacancies).

        ``observable=True`` leaves out what no matcher can see (a client's employability, a
        vacancy's urgency, the chemistry of the pair, affinities between occupations)."""
        from lotse.domain.geo import distances_km
        from lotse.matching.occupations import depth_matrix, skill_similarity

        w, h = self.world, self.hidden
        ci = np.asarray(ci, dtype=np.int64)
        vi = np.asarray(vi, dtype=np.int64)
        vcode = h["v_code"][vi]
        vlevel = h["v_level"][vi]
        occ = np.zeros(len(ci))
        sim = np.zeros(len(ci))
        rel = np.zeros(len(ci), dtype=bool)
        for t in range(h["c_targets"].shape[1]):
            tc = h["c_targets"][ci, t]
            has = tc >= 0
            safe = np.where(has, tc, 0)
            d = np.where(has, depth_matrix()[safe, vcode], 0)
            same = has & (safe == vcode)
            score = np.select([same, d == 4, d == 3, d == 2, d == 1], [1.0, 0.8, 0.6, 0.25, 0.1])
            occ = np.maximum(occ, np.where(has, score, 0.0))
            sim = np.maximum(sim, np.where(has, skill_similarity()[safe, vcode], 0.0))
            rel |= d >= 3
        no_target = h["c_targets"][ci, 0] < 0
        occ = np.where(no_target & (vlevel == 1), 0.5, occ)
        # Occupation matters more the more skilled the job: anyone can learn a Helfer job.
        occ_scale = np.select([vlevel == 1, vlevel == 2], [0.6, 1.4], 2.0)
        z = np.full(len(ci), w.base) + occ_scale * (
            w.occupation * (occ - 0.5) + w.skills * (sim - 0.3)
        )
        if not observable:
            z += h["affinity"][h["c_group"][ci], h["v_group"][vi]]
        gap = vlevel - h["c_attain"][ci]
        z -= w.qualification * np.clip(gap, 0, 3)
        z -= w.recognition * (h["c_unrecognised"][ci] & (vlevel >= 2))
        margin = h["c_german"][ci] - h["v_german"][vi]
        if w.german_shape == "linear":
            z += w.german * np.clip(margin, -3, 2) * 0.6
        elif w.german_shape == "threshold":
            z += np.where(margin < 0, -2.0 * w.german, 0.15 * np.minimum(margin, 2))
        else:  # skilled_only
            z += np.where(vlevel >= 2, w.german * np.clip(margin, -3, 1), 0.1 * margin)
        dist = distances_km(h["c_lat"][ci], h["c_lon"][ci], h["v_lat"][vi], h["v_lon"][vi])
        ratio = dist / h["c_commute"][ci]
        if w.distance_shape == "linear":
            z -= w.distance * ratio
        elif w.distance_shape == "exp":
            z -= w.distance * (np.exp(np.minimum(ratio, 3)) - 1) / (np.e - 1)
        else:  # cliff
            z -= w.distance * 0.5 * ratio + np.where(ratio > 1, 2.5, 0.0)
        ch, vh = h["c_hours"][ci], h["v_hours"][vi]
        z -= w.hours * ((ch != 2) & (ch != vh))
        z -= w.licence * (h["v_licence"][vi] & ~h["c_licence"][ci])
        z += w.experience * np.log1p(np.where(rel, h["c_experience"][ci], 0.0))
        ref = np.datetime64(TODAY, "D") if on is None else on
        months = np.clip((ref - h["c_since"][ci]).astype(np.float64) / 30.44, 0, None)
        z -= w.unemployment * np.sqrt(months / 12)
        if not observable:
            z += h["c_latent"][ci] + h["v_latent"][vi]
            z += w.pair_noise * _hash_normal(ci, vi, self.seed)
        z -= w.discrimination * h["c_refugee"][ci]
        return np.asarray(1.0 / (1.0 + np.exp(-z)))


def _codes_pool(rng: np.random.Generator, groups: int) -> NDArray[np.int64]:
    from lotse.matching.occupations import codes

    cs = codes()
    group = np.array([c[:3] for c in cs])
    usable = [g for g in np.unique(group) if not g.startswith("0")]
    chosen = rng.choice(usable, size=min(groups, len(usable)), replace=False)
    return np.flatnonzero(np.isin(group, chosen)).astype(np.int64)


def simulate(world: World | str, *, seed: int = 0, scale: float = 1.0) -> Market:
    """Draw a market of ``world`` (``scale`` multiplies clients, vacancies and history).

    Examples
    --------
    >>> from lotse.simulation.labour_market import simulate
    >>> m = simulate("baseline", seed=1, scale=0.05)
    >>> len(m.clients), len(m.vacancies) > 0, sorted({r["outcome"] for r in m.history})
    (150, True, ['hired', 'not_hired'])
    """
    from lotse.matching.occupations import codes, requirement_levels

    w = WORLDS[world] if isinstance(world, str) else world
    rng = np.random.default_rng(seed)
    nc = max(10, round(w.n_clients * scale))
    nv_open = max(5, round(w.n_vacancies * scale))
    nv = nv_open + max(5, round(w.n_vacancies * scale * 0.6))  # plus closed, past vacancies
    levels = requirement_levels().astype(np.int64)
    pool = _codes_pool(rng, w.groups)
    helper = pool[levels[pool] == 1]
    skilled = pool[levels[pool] >= 2]
    pool_w = rng.zipf(1.6, len(pool)).astype(float)
    pool_w /= pool_w.sum()

    # geography: towns with lognormal sizes around a centre in Germany
    lat0, lon0 = 51.2, 10.4
    spread = w.region_km / 2
    t_lat = lat0 + rng.uniform(-spread, spread, w.towns) / 111.0
    t_lon = lon0 + rng.uniform(-spread, spread, w.towns) / (111.0 * np.cos(np.radians(lat0)))
    t_size = rng.lognormal(0, 1.0, w.towns)
    t_size /= t_size.sum()
    t_radius = 2 + 6 * np.sqrt(t_size * w.towns)

    def place(n: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        town = rng.choice(w.towns, n, p=t_size)
        r = rng.normal(0, 1, (n, 2)) * t_radius[town, None]
        return (t_lat[town] + r[:, 0] / 111.0,
                t_lon[town] + r[:, 1] / (111.0 * np.cos(np.radians(lat0))))  # fmt: skip

    # clients
    origin = rng.choice(3, nc, p=[0.25, 0.30, 0.45])  # 0 UA, 1 asylum countries, 2 other
    citizenship = np.where(
        origin == 0, "UA",
        np.where(origin == 1, rng.choice(["SY", "AF", "IQ", "ER"], nc),
                 rng.choice(["DE", "DE", "DE", "PL", "TR", "RO"], nc)),
    )  # fmt: skip
    german_mean = np.select([origin == 0, origin == 1], [2.2, 2.0], 4.5)
    c_german = np.clip(np.round(rng.normal(german_mean, 1.1)), 0, 6).astype(np.int64)
    c_german[citizenship == "DE"] = 6
    qual = np.where(
        origin == 0, rng.choice(4, nc, p=[0.1, 0.25, 0.35, 0.3]),
        np.where(origin == 1, rng.choice(4, nc, p=[0.35, 0.35, 0.2, 0.1]),
                 rng.choice(4, nc, p=[0.2, 0.35, 0.4, 0.05])),
    )  # fmt: skip
    foreign = citizenship != "DE"
    recog = np.where(
        (qual >= 2) & foreign, rng.choice(4, nc, p=[0.35, 0.25, 0.15, 0.25]), 4
    )  # 0 none 1 pending 2 partial 3 full 4 not_needed
    base_level = np.select([qual == 3, qual == 2], [4, 2], 1)
    attain = np.where(
        recog >= 3, base_level,
        np.where(recog == 2, np.where(base_level == 4, 3, base_level),
                 np.where(base_level == 2, 1, np.where(base_level == 4, 2, 1))),
    )  # fmt: skip
    n_targets = rng.choice([0, 1, 2], nc, p=[0.1, 0.6, 0.3])
    targets = np.full((nc, 3), -1, dtype=np.int64)
    first = rng.choice(pool, nc, p=pool_w)
    targets[n_targets >= 1, 0] = first[n_targets >= 1]
    second = np.where(rng.random(nc) < 0.5, rng.choice(pool, nc), rng.choice(helper, nc))
    targets[n_targets == 2, 1] = second[n_targets == 2]
    c_lat, c_lon = place(nc)
    c_commute = np.clip(rng.normal(w.commute_km, w.commute_km / 3, nc), 5, 100).round()
    c_hours = rng.choice(3, nc, p=[0.6, 0.25, 0.15])
    c_licence = rng.random(nc) < np.where(foreign, 0.4, 0.75)
    c_exp = np.round(rng.gamma(1.5, 2.5, nc) * (n_targets > 0), 1)
    c_since = np.datetime64(TODAY, "D") - rng.gamma(1.3, 300, nc).astype(np.int64)
    status = np.where(origin == 1, rng.choice(["recognised_refugee", "asylum_pending",
                                               "subsidiary_protection"], nc, p=[.7, .2, .1]),
                      np.where(origin == 0, "temporary_protection",
                               np.where(citizenship == "DE", "german", "eu")))  # fmt: skip
    permitted = ~((status == "asylum_pending") & (rng.random(nc) < 0.5))
    gender = rng.choice(["f", "m", "d"], nc, p=[0.48, 0.51, 0.01])

    # vacancies
    v_code = np.where(rng.random(nv) < w.helper_share, rng.choice(helper, nv),
                      rng.choice(skilled, nv))  # fmt: skip
    v_level = levels[v_code]
    v_german = np.clip(np.round(rng.normal(np.select([v_level == 1, v_level == 2],
                                                     [1.8, 3.0], 4.0), 0.8)), 0, 6)  # fmt: skip
    v_german = v_german.astype(np.int64)
    v_lat, v_lon = place(nv)
    v_hours = (rng.random(nv) < 0.3).astype(np.int64)
    v_licence = rng.random(nv) < 0.2
    openings = 1 + rng.poisson(max(w.openings_mean - 1, 0.01), nv)
    v_status = np.r_[np.full(nv_open, "open"), np.full(nv - nv_open, "closed")]

    group_of = np.array([int(c[:3]) for c in codes()])
    ug, inv = np.unique(group_of, return_inverse=True)
    affinity = rng.normal(0, 1.0, (len(ug) + 1, len(ug))) * w.affinity
    c_group = np.where(targets[:, 0] >= 0, inv[np.maximum(targets[:, 0], 0)], len(ug))
    hidden: dict[str, NDArray[Any]] = {
        "c_targets": targets, "c_attain": attain, "c_unrecognised": recog <= 2,
        "c_german": c_german, "c_lat": c_lat, "c_lon": c_lon, "c_commute": c_commute,
        "c_hours": c_hours, "c_licence": c_licence, "c_experience": c_exp, "c_since": c_since,
        "c_latent": rng.normal(0, w.client_noise, nc), "c_refugee": origin <= 1,
        "c_origin": origin, "c_gender": gender, "c_group": c_group, "c_permitted": permitted,
        "v_code": v_code, "v_level": v_level, "v_german": v_german, "v_lat": v_lat,
        "v_lon": v_lon, "v_hours": v_hours, "v_licence": v_licence,
        "v_latent": rng.normal(0, w.vacancy_noise, nv), "v_group": inv[v_code],
        "affinity": affinity, "openings": openings,
    }  # fmt: skip
    cs = codes()
    qual_names = ["none", "school", "vocational", "academic"]
    rec_names = ["none", "pending", "partial", "full", "not_needed"]
    clients = [
        {
            "client_id": f"C{i:06d}", "site": f"Standort {1 + int(c_group[i]) % 3}",
            "status": "active", "birth_year": int(rng.integers(1965, 2005)),
            "gender": str(gender[i]), "citizenship": str(citizenship[i]),
            "residence_status": str(status[i]), "work_permitted": bool(permitted[i]),
            "german_level": _CEFR[c_german[i]], "integration_course": None,
            "qualification": qual_names[qual[i]], "degree_recognition": rec_names[recog[i]],
            "target_kldb": [cs[t] for t in targets[i] if t >= 0],
            "experience_years": float(c_exp[i]), "plz": None,
            "lat": round(float(c_lat[i]), 5), "lon": round(float(c_lon[i]), 5),
            "max_commute_km": int(c_commute[i]), "hours": ["full", "part", "any"][c_hours[i]],
            "driving_licence": bool(c_licence[i]),
            "unemployed_since": c_since[i].item(), "officer_id": None, "programmes": [],
        }
        for i in range(nc)
    ]  # fmt: skip
    vacancies = [
        {
            "vacancy_id": f"V{j:06d}", "employer_id": f"E{j % max(1, nv // 3):05d}",
            "title": f"Stelle {cs[v_code[j]]}", "kldb": cs[v_code[j]],
            "german_level_min": _CEFR[v_german[j]], "plz": None,
            "lat": round(float(v_lat[j]), 5), "lon": round(float(v_lon[j]), 5),
            "hours": ["full", "part"][v_hours[j]], "openings": int(openings[j]),
            "driving_licence_required": bool(v_licence[j]),
            "posted_on": TODAY - timedelta(days=int(rng.integers(0, 120))),
            "status": str(v_status[j]),
        }
        for j in range(nv)
    ]  # fmt: skip
    market = Market(w, seed, clients, vacancies, [], hidden)
    market.history = _history(market, rng, max(20, round(w.history * scale)))
    return market


def _history(market: Market, rng: np.random.Generator, n: int) -> list[dict[str, Any]]:
    """Past proposals made by officers (a noisy rule: nearby, related occupation, or random)."""
    from lotse.domain.geo import distances_km
    from lotse.matching.occupations import depth_matrix

    h, w = market.hidden, market.world
    nc, nv = len(market.clients), len(market.vacancies)
    m = n * 6
    ci = rng.integers(0, nc, m)
    vi = rng.integers(0, nv, m)
    ok = h["c_permitted"][ci]
    dist = distances_km(h["c_lat"][ci], h["c_lon"][ci], h["v_lat"][vi], h["v_lon"][vi])
    near = dist <= 1.5 * h["c_commute"][ci]
    tc = h["c_targets"][ci, 0]
    related = (tc >= 0) & (depth_matrix()[np.maximum(tc, 0), h["v_code"][vi]] >= 2)
    german_ok = h["c_german"][ci] >= h["v_german"][vi] - 1
    if w.past_policy == "rule":
        keep = ok & near & related & german_ok
    elif w.past_policy == "random":
        keep = ok & (dist <= 80)
    else:
        keep = ok & ((near & (related | (h["v_level"][vi] == 1))) | (rng.random(m) < 0.05))
    ci, vi = ci[keep][:n], vi[keep][:n]
    key = np.unique(ci * nv + vi, return_index=True)[1]
    ci, vi = ci[np.sort(key)], vi[np.sort(key)]
    days = rng.integers(30, 720, len(ci))
    on = np.datetime64(TODAY, "D") - days
    p = market.true_probability(ci, vi, on=on)
    hired = rng.random(len(ci)) < p
    return [
        {"client_id": market.clients[c]["client_id"],
         "vacancy_id": market.vacancies[v]["vacancy_id"],
         "proposed_on": d.item(), "outcome": "hired" if y else "not_hired"}
        for c, v, d, y in zip(ci.tolist(), vi.tolist(), on, hired.tolist(), strict=True)
    ]  # fmt: skip


def expected_placements(
    ci: NDArray[np.int64],
    vi: NDArray[np.int64],
    p: NDArray[np.float64],
    openings: NDArray[np.int64],
    *,
    draws: int = 200,
    seed: int = 0,
) -> float:
    """Mean number of people placed when each proposal succeeds with probability ``p``, a person
    takes at most one job and a vacancy hires at most ``openings`` people (Monte Carlo).

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.simulation.labour_market import expected_placements
    >>> # one client, two sure offers: one placement, not two
    >>> expected_placements(np.array([0, 0]), np.array([0, 1]), np.array([1.0, 1.0]),
    ...                     np.array([1, 1]))
    1.0
    """
    rng = np.random.default_rng(seed)
    total = 0.0
    for _ in range(draws):
        ok = rng.random(len(p)) < p
        c, v = ci[ok], vi[ok]
        order = rng.permutation(len(c))
        c, v = c[order], v[order]
        _, first = np.unique(c, return_index=True)  # a person accepts one offer
        v = v[first]
        counts = np.bincount(v, minlength=len(openings))
        total += float(np.minimum(counts, openings).sum())
    return round(total / draws, 3)


def with_scale(world: World, scale: float, *, noise: float = 1.0) -> World:
    """The world with ``scale`` times the clients, vacancies and history, and ``noise`` times
    its unobserved heterogeneity."""
    return replace(
        world,
        n_clients=round(world.n_clients * scale),
        n_vacancies=round(world.n_vacancies * scale),
        history=round(world.history * scale),
        client_noise=world.client_noise * noise,
        vacancy_noise=world.vacancy_noise * noise,
        pair_noise=world.pair_noise * noise,
        affinity=world.affinity * noise,
    )


def write_folder(market: Market, folder: Path) -> Path:
    """Write the market as an exchange-format folder (clients, vacancies, history).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from lotse.simulation.labour_market import simulate, write_folder
    >>> folder = write_folder(simulate("baseline", scale=0.01), pathlib.Path(tempfile.mkdtemp()))
    >>> sorted(p.name for p in folder.iterdir())
    ['clients.csv', 'history.csv', 'vacancies.csv']
    """
    import csv

    from lotse.exchange.schema import CLIENTS, HISTORY, VACANCIES, format_row

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for spec, rows in ((CLIENTS, market.clients), (VACANCIES, market.vacancies),
                       (HISTORY, market.history)):  # fmt: skip
        with (folder / spec.name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(spec.column_names)
            for row in sorted(rows, key=lambda r: tuple(str(r[k]) for k in spec.key)):
                writer.writerow(format_row(spec, row))
    return folder
