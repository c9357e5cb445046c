"""A synthetic Jobcenter as exchange-format Parquet files, written columnar with NumPy.

Only for benchmarks and for looking at reports: no Python object per person, so four million
eLb with 24 months of history are written in well under a minute. The shape is plausible, not
calibrated (the real generator is ``lotse generate``): a stock that stays roughly level, about
3.4 % inflow a month, exits that mostly come from job starts, top-up jobs, minijobs, § 16i jobs,
people coming back after a job, long-term recipients from before the history.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from lotse.analytics.months import month_start, parse_month, stichtag

KINDS = np.array(
    ["employment", "apprenticeship", "self_employment", "minijob", "public_employment"]
)
EXIT_KIND_P = [0.78, 0.08, 0.06, 0.04, 0.04]
TOPUP_KIND_P = [0.45, 0.04, 0.03, 0.40, 0.08]
CITIZENSHIPS = np.array(["DE", "UA", "SY", "AF", "IQ", "ER", "TR", "PL", "RO", "BG"])
CITIZENSHIP_P = [0.66, 0.08, 0.06, 0.025, 0.015, 0.01, 0.05, 0.04, 0.035, 0.025]
REASONS = np.array(
    ["language", "health", "childcare", "care_of_relatives", "residence_status", "other"]
)
MEASURES = [  # code, name, active_measure, share of participations, internship share
    ("aktiv", "Aktivierung mit Praktikum", True, 0.35, 0.6),
    ("coaching", "Coaching § 16 SGB II", True, 0.25, 0.0),
    ("agh", "Arbeitsgelegenheit § 16d", True, 0.15, 0.0),
    ("bsk", "Berufssprachkurs (DeuFöV)", False, 0.15, 0.0),
    ("vb", "Vermittlungsbudget § 44 SGB III", False, 0.10, 0.0),
]


def _d(value: Any) -> np.datetime64:
    return np.datetime64(value, "D")


def _dates(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    return pa.array(values.astype("datetime64[D]"), type=pa.date32(), mask=mask)


def _strings(ids: np.ndarray, prefix: str = "") -> pa.Array:
    arr = pa.array(ids).cast(pa.string())
    if prefix:
        import pyarrow.compute as pc

        arr = pc.binary_join_element_wise(prefix, arr, "")
    return arr


def _categorical(
    rng: np.random.Generator, names: np.ndarray, p: list[float], n: int
) -> tuple[np.ndarray, pa.DictionaryArray]:
    idx = rng.choice(len(names), size=n, p=np.asarray(p) / np.sum(p)).astype(np.int32)
    return idx, pa.DictionaryArray.from_arrays(pa.array(idx), pa.array(names))


def generate(
    out: Path,
    *,
    n_elb: int,
    month: str = "2025-03",
    history_months: int = 24,
    sites: dict[str, float] | None = None,
    seed: int = 48,
    programme_data: bool = False,
) -> dict[str, int]:
    """Write clients, households, officers, benefit periods and integrations (and, with
    ``programme_data``, participations, assessments and contacts) as Parquet into ``out``."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    ref = parse_month(month)
    t0 = _d(month_start(ref - history_months + 1))
    t_end = _d(stichtag(ref))
    span = int((t_end - t0).astype(int)) + 1
    sites = sites or {f"Standort {i + 1}": 1.0 for i in range(10)}
    site_names = np.array(list(sites))

    n0 = n_elb
    n_in = int(n_elb * 0.034 * history_months)
    n = n0 + n_in
    start = np.empty(n, dtype="datetime64[D]")
    start[:n0] = t0 - rng.integers(1, 2400, size=n0).astype("timedelta64[D]")
    start[n0:] = t0 + rng.integers(0, span, size=n_in).astype("timedelta64[D]")
    remaining = np.empty(n)
    remaining[:n0] = rng.exponential(1100, size=n0)
    remaining[n0:] = rng.exponential(520, size=n_in)
    anchor = np.maximum(start, t0)
    end = anchor + remaining.astype("timedelta64[D]")
    ended = end <= t_end
    llu = rng.choice(
        [563.0, 506.0, 451.0, 390.0, 300.0, 200.0], size=n, p=[0.45, 0.2, 0.1, 0.05, 0.1, 0.1]
    )

    # job starts: most exits come with a job; some people in benefit take a top-up job
    exit_job = ended & (rng.random(n) < 0.4)
    ej = np.flatnonzero(exit_job)
    topup = ~exit_job & (rng.random(n) < 0.08)
    tj = np.flatnonzero(topup)
    t_from = np.maximum(anchor[tj], t0)
    t_to = np.where(ended[tj], end[tj], t_end)
    width = np.maximum((t_to - t_from).astype(int), 1)
    t_start = t_from + (rng.random(tj.size) * width).astype("timedelta64[D]")
    job_client = np.concatenate([ej, tj])
    job_start = np.concatenate([end[ej] + np.timedelta64(1, "D"), t_start])
    job_kind = np.concatenate(
        [rng.choice(5, size=ej.size, p=EXIT_KIND_P), rng.choice(5, size=tj.size, p=TOPUP_KIND_P)]
    )
    job_ends_need = np.concatenate([np.ones(ej.size, bool), np.zeros(tj.size, bool)])
    dup = rng.random(job_client.size) < 0.02  # a second start in the same month
    job_client = np.concatenate([job_client, job_client[dup]])
    job_start = np.concatenate([job_start, job_start[dup]])
    job_kind = np.concatenate([job_kind, rng.choice(5, size=int(dup.sum()), p=EXIT_KIND_P)])
    job_ends_need = np.concatenate([job_ends_need, job_ends_need[dup]])
    job_end_has = rng.random(job_client.size) < 0.5
    job_end = job_start + rng.exponential(150, size=job_client.size).astype("timedelta64[D]")
    job_end_has &= job_end <= t_end

    # some come back after a job that ended: a second benefit period
    back = exit_job & (rng.random(n) < 0.25)
    first_job_end = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    first_idx = np.arange(ej.size)
    ended_jobs = job_end_has[first_idx]
    first_job_end[ej[ended_jobs]] = job_end[first_idx][ended_jobs]
    back &= ~np.isnat(first_job_end)
    back &= first_job_end < t_end
    bi = np.flatnonzero(back)
    back_start = first_job_end[bi] + np.timedelta64(1, "D")
    back_end = back_start + rng.exponential(400, size=bi.size).astype("timedelta64[D]")
    back_ended = back_end <= t_end

    bp_client = np.concatenate([np.arange(n), bi])
    bp_start = np.concatenate([start, back_start])
    bp_end = np.concatenate([end, back_end])
    bp_has_end = np.concatenate([ended, back_ended])
    bp_llu = np.concatenate([llu, llu[bi]])

    site_idx, site_arr = _categorical(rng, site_names, list(sites.values()), n)
    cit_idx, cit_arr = _categorical(rng, CITIZENSHIPS, CITIZENSHIP_P, n)
    gender = pa.DictionaryArray.from_arrays(
        pa.array(rng.integers(0, 2, n).astype(np.int32)), pa.array(["f", "m"])
    )
    # officers: about one per 150 eLb per site, teams of up to 12 officers
    per_site = np.bincount(site_idx, minlength=len(site_names))
    officers_per_site = np.maximum(1, per_site // 150)
    offset = np.concatenate([[0], np.cumsum(officers_per_site)[:-1]])
    officer_idx = offset[site_idx] + (rng.random(n) * officers_per_site[site_idx]).astype(int)
    n_off = int(officers_per_site.sum())
    officer_site = np.repeat(np.arange(len(site_names)), officers_per_site)
    officer_rank = np.arange(n_off) - offset[officer_site]
    single_parent = rng.random(n) < 0.12
    size = np.where(single_parent, rng.integers(2, 5, n), rng.integers(1, 5, n))
    refugee = (cit_idx >= 1) & (cit_idx <= 5)
    programmes = np.full(n, None, dtype=object)
    turbo = refugee & (rng.random(n) < 0.7)
    focus = rng.random(n) < 0.08
    programmes[turbo] = "job_turbo"
    programmes[focus & ~turbo] = "focus_group"
    programmes[focus & turbo] = "job_turbo;focus_group"

    pq.write_table(
        pa.table(
            {
                "client_id": _strings(np.arange(n)),
                "site": site_arr,
                "officer_id": _strings(officer_idx, "O"),
                "citizenship": cit_arr,
                "gender": gender,
                "household_id": _strings(np.arange(n), "H"),
                "programmes": pa.array(programmes, pa.string()),
            }
        ),
        out / "clients.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "household_id": _strings(np.arange(n), "H"),
                "size": pa.array(size.astype(np.int32)),
                "single_parent": pa.array(single_parent),
                "monthly_benefit_eur": pa.array(llu * size * 0.8),
                "monthly_housing_eur": pa.array(rng.normal(480, 90, n).clip(250, 900).round(0)),
            }
        ),
        out / "households.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "officer_id": _strings(np.arange(n_off), "O"),
                "name": _strings(np.arange(n_off), "Vermittlungsfachkraft "),
                "site": pa.array(site_names[officer_site]),
                "team": _strings(officer_rank // 12 + 1, "Team "),
            }
        ),
        out / "officers.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "client_id": _strings(bp_client),
                "start": _dates(bp_start),
                "end": _dates(bp_end, ~bp_has_end),
                "monthly_benefit_eur": pa.array(bp_llu),
            }
        ),
        out / "benefit_periods.parquet",
    )
    extra: dict[str, Any] = {}
    if programme_data:
        extra = _programme_data(
            rng,
            out,
            n=n,
            start=anchor,
            end=np.where(ended, end, t_end),
            t0=t0,
            t_end=t_end,
            refugee=refugee,
            programmes=programmes,
        )
        job_client = np.concatenate([job_client, extra["hire_client"]])
        job_start = np.concatenate([job_start, extra["hire_start"]])
        job_kind = np.concatenate([job_kind, np.zeros(extra["hire_client"].size, int)])
        job_ends_need = np.concatenate([job_ends_need, np.zeros(extra["hire_client"].size, bool)])
        job_end = np.concatenate([job_end, extra["hire_start"]])
        job_end_has = np.concatenate([job_end_has, np.zeros(extra["hire_client"].size, bool)])
    # integrations.csv has one row per (client_id, start, kind)
    key = pa.table(
        {"c": job_client, "s": job_start.astype("datetime64[D]").astype(np.int64), "k": job_kind}
    )
    _, first = np.unique(
        np.stack([key["c"].to_numpy(), key["s"].to_numpy(), key["k"].to_numpy()]),
        axis=1,
        return_index=True,
    )
    keep = np.sort(first)
    pq.write_table(
        pa.table(
            {
                "client_id": _strings(job_client[keep]),
                "start": _dates(job_start[keep]),
                "end": _dates(job_end[keep], ~job_end_has[keep]),
                "kind": pa.DictionaryArray.from_arrays(
                    pa.array(job_kind[keep].astype(np.int32)), pa.array(KINDS)
                ),
                "ends_benefit_need": pa.array(job_ends_need[keep]),
                "monthly_gross_eur": pa.array(rng.normal(2100, 500, keep.size).clip(538, 6000)),
            }
        ),
        out / "integrations.parquet",
    )
    return {
        "persons": n,
        "benefit_periods": int(bp_client.size),
        "job_starts": int(keep.size),
        "officers": n_off,
    }


def _programme_data(
    rng: np.random.Generator,
    out: Path,
    *,
    n: int,
    start: np.ndarray,
    end: np.ndarray,
    t0: np.datetime64,
    t_end: np.datetime64,
    refugee: np.ndarray,
    programmes: np.ndarray,
) -> dict[str, Any]:
    """Participations, assessments and contacts, plus the hires that follow internships."""
    last_year = t_end - np.timedelta64(364, "D")
    # participations: 12 % of people, started during their benefit period in the history
    who = np.flatnonzero((rng.random(n) < 0.3) & (end > t0))
    lo = np.maximum(start[who], t0)
    width = np.maximum((end[who] - lo).astype(int), 1)
    p_start = lo + (rng.random(who.size) * width).astype("timedelta64[D]")
    shares = np.array([m[3] for m in MEASURES])
    m_idx = rng.choice(len(MEASURES), size=who.size, p=shares / shares.sum())
    p_end = p_start + rng.integers(40, 180, who.size).astype("timedelta64[D]")
    internship_p = np.array([m[4] for m in MEASURES])[m_idx]
    has_internship = rng.random(who.size) < internship_p
    i_start = p_start + rng.integers(20, 60, who.size).astype("timedelta64[D]")
    i_end = i_start + rng.integers(10, 30, who.size).astype("timedelta64[D]")
    has_internship &= i_end < p_end
    status = np.where(p_end < t_end, "completed", "active")
    status = np.where(
        (rng.random(who.size) < 0.12) & (status == "completed"), "dropped_out", status
    )
    hired = has_internship & (rng.random(who.size) < 0.18)
    hire_start = i_end[hired] + rng.integers(5, 60, int(hired.sum())).astype("timedelta64[D]")
    ok = hire_start <= t_end
    names = np.array([m[1] for m in MEASURES])
    codes = np.array([m[0] for m in MEASURES])
    active = np.array([m[2] for m in MEASURES])
    pq.write_table(
        pa.table(
            {
                "client_id": _strings(who),
                "measure": pa.array(codes[m_idx]),
                "measure_name": pa.array(names[m_idx]),
                "active_measure": pa.array(active[m_idx]),
                "status": pa.array(status),
                "start": _dates(p_start),
                "end": _dates(p_end, p_end > t_end),
                "internship_start": _dates(i_start, ~has_internship),
                "internship_end": _dates(i_end, ~has_internship),
            }
        ),
        out / "participations.parquet",
    )
    # assessments: 14 % of people in benefit during the last year; refugees mostly language
    ai = np.flatnonzero((rng.random(n) < 0.14) & (end >= last_year))
    p_ref = [0.62, 0.12, 0.1, 0.04, 0.07, 0.05]
    p_other = [0.1, 0.38, 0.24, 0.1, 0.02, 0.16]
    reason = np.where(
        refugee[ai], rng.choice(6, ai.size, p=p_ref), rng.choice(6, ai.size, p=p_other)
    )
    a_lo = np.maximum(start[ai], last_year)
    a_on = a_lo + (rng.random(ai.size) * np.maximum((end[ai] - a_lo).astype(int), 1)).astype(
        "timedelta64[D]"
    )
    review = a_on + rng.integers(60, 200, ai.size).astype("timedelta64[D]")
    closed = a_on + rng.integers(30, 300, ai.size).astype("timedelta64[D]")
    has_closed = (rng.random(ai.size) < 0.45) & (closed <= t_end)
    pq.write_table(
        pa.table(
            {
                "client_id": _strings(ai),
                "assessed_on": _dates(a_on),
                "reason": pa.array(REASONS[reason]),
                "review_on": _dates(review),
                "closed_on": _dates(closed, ~has_closed),
            }
        ),
        out / "assessments.parquet",
    )
    # contacts over the last year: about 0.6 a month, more in programmes
    lo_c = np.maximum(start, last_year)
    days = np.clip((end - lo_c).astype(int) + 1, 0, None)
    rate = np.where(programmes == None, 0.6, 1.4) / 30.4  # noqa: E711
    count = rng.poisson(rate * days)
    ci = np.repeat(np.arange(n), count)
    c_date = lo_c[ci] + (rng.random(ci.size) * days[ci]).astype("timedelta64[D]")
    c_status = rng.choice(np.array(["done", "no_show", "cancelled"]), ci.size, p=[0.85, 0.1, 0.05])
    pq.write_table(
        pa.table(
            {
                "client_id": _strings(ci),
                "date": _dates(c_date),
                "status": pa.array(c_status),
                "channel": pa.array(np.full(ci.size, "in_person")),
            }
        ),
        out / "contacts.parquet",
    )
    return {"hire_client": who[hired][ok], "hire_start": hire_start[ok]}
