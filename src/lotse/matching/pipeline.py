"""The matcher end to end: rows in, proposals with scores, ranks and reasons out.

:func:`training_set` turns a history of proposals with outcomes into features and labels;
:func:`propose` generates candidates, scores them with a hire model, keeps the best
``keep_per_client`` per client, solves the assignment exactly (and greedily, to report the
heuristic's gap) and explains every proposal.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from lotse.matching.features import (
    ClientTable,
    VacancyTable,
    client_table,
    pair_features,
    vacancy_table,
)

if TYPE_CHECKING:
    from lotse.matching.model import HireModel, TrainReport

__all__ = ["MatchResult", "propose", "score_pairs", "top_per_client", "training_set"]

Row = Mapping[str, Any]
Progress = Callable[[str], None]


def training_set(
    clients: ClientTable,
    vacancies: VacancyTable,
    history: Iterable[Row],
) -> tuple[NDArray[np.float32], NDArray[np.int8], NDArray[np.int64]]:
    """Features, labels (1 hired) and client groups of past proposals.

    History rows have ``client_id``, ``vacancy_id``, ``proposed_on`` and ``outcome``; rows
    whose client or vacancy is unknown, or without an outcome, are skipped. Features are
    judged on the day of the proposal (months out of work then).

    Examples
    --------
    >>> from datetime import date
    >>> from lotse.matching.features import client_table, vacancy_table
    >>> from lotse.matching.pipeline import training_set
    >>> c = client_table([{"client_id": "C1", "lat": 51.6, "lon": 12.3}])
    >>> v = vacancy_table([{"vacancy_id": "V1", "kldb": "51311", "lat": 51.6, "lon": 12.3}])
    >>> x, y, g = training_set(c, v, [{"client_id": "C1", "vacancy_id": "V1",
    ...                                "proposed_on": date(2025, 1, 2), "outcome": "hired"}])
    >>> x.shape[0], y.tolist(), g.tolist()
    (1, [1], [0])
    """
    cpos = {cid: i for i, cid in enumerate(clients.ids)}
    vpos = {vid: j for j, vid in enumerate(vacancies.ids)}
    ci: list[int] = []
    vi: list[int] = []
    days: list[date] = []
    labels: list[int] = []
    for r in history:
        outcome = getattr(r.get("outcome"), "value", r.get("outcome"))
        c, v = cpos.get(str(r["client_id"])), vpos.get(str(r["vacancy_id"]))
        if c is None or v is None or outcome is None:
            continue
        ci.append(c)
        vi.append(v)
        days.append(r.get("proposed_on") or date.today())
        labels.append(1 if outcome == "hired" else 0)
    c_arr = np.array(ci, dtype=np.int64)
    v_arr = np.array(vi, dtype=np.int64)
    ref = np.array(days, dtype="datetime64[D]")
    x = pair_features(clients, vacancies, c_arr, v_arr, reference_date=ref)
    return x, np.array(labels, dtype=np.int8), c_arr


def score_pairs(
    model: HireModel,
    clients: ClientTable,
    vacancies: VacancyTable,
    ci: NDArray[np.int64],
    vi: NDArray[np.int64],
    *,
    today: date | None = None,
    chunk: int = 500_000,
) -> NDArray[np.float32]:
    """Hire probabilities of the pairs, computed in chunks to bound memory.

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.matching.features import client_table, vacancy_table
    >>> from lotse.matching.model import PriorModel
    >>> from lotse.matching.pipeline import score_pairs
    >>> c = client_table([{"client_id": "C1", "lat": 51.6, "lon": 12.3}])
    >>> v = vacancy_table([{"vacancy_id": "V1", "kldb": "51311", "lat": 51.6, "lon": 12.3}])
    >>> p = score_pairs(PriorModel(), c, v, np.array([0]), np.array([0]))
    >>> bool(0 < p[0] < 1)
    True
    """
    out = np.empty(len(ci), dtype=np.float32)
    for s in range(0, len(ci), chunk):
        x = pair_features(clients, vacancies, ci[s : s + chunk], vi[s : s + chunk],
                          reference_date=today)  # fmt: skip
        out[s : s + chunk] = model.predict(x)
    return out


def top_per_client(
    ci: NDArray[np.int64], score: NDArray[np.floating[Any]], keep: int | NDArray[np.int64]
) -> NDArray[np.bool_]:
    """Mask of each group's ``keep`` highest-scored pairs (``keep`` a number, or one per group
    id in ``ci``).

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.matching.pipeline import top_per_client
    >>> top_per_client(np.array([0, 0, 0, 1]), np.array([.1, .3, .2, .5]), 2).tolist()
    [False, True, True, True]
    """
    order = np.lexsort((-score, ci))
    sorted_c = ci[order]
    first = np.r_[True, sorted_c[1:] != sorted_c[:-1]]
    start = np.maximum.accumulate(np.where(first, np.arange(len(order)), 0))
    rank = np.arange(len(order)) - start
    limit = keep[sorted_c] if isinstance(keep, np.ndarray) else keep
    mask = np.zeros(len(ci), dtype=bool)
    mask[order[rank < limit]] = True
    return mask


def _positions(ids: list[str], counts: Mapping[str, int] | None) -> list[tuple[int, int]]:
    if not counts:
        return []
    return [(i, counts[x]) for i, x in enumerate(ids) if x in counts]


def _prescorer(model: HireModel) -> HireModel | None:
    """A cheap model to rank candidates before an expensive one scores them (``None`` when
    the model is cheap itself): the blend's logistic part, else the documented prior."""
    from lotse.matching.model import PriorModel

    if model.kind in ("prior", "logistic"):
        return None
    cheap: HireModel | None = getattr(model, "logistic", None)
    return cheap if cheap is not None else PriorModel()


@dataclass
class MatchResult:
    """Proposals (rows of ``proposals.csv``) and what the run measured."""

    proposals: list[dict[str, Any]]
    stats: dict[str, Any] = field(default_factory=dict)
    report: TrainReport | None = None


def propose(
    clients: ClientTable | Iterable[Row],
    vacancies: VacancyTable | Iterable[Row],
    *,
    model: HireModel,
    per_client: int = 3,
    per_opening: int = 2,
    today: date | None = None,
    exclude: set[tuple[str, str]] | None = None,
    pending_per_client: Mapping[str, int] | None = None,
    pending_per_vacancy: Mapping[str, int] | None = None,
    keep_per_client: int | None = None,
    keep_per_vacancy: int | None = None,
    radius_factor: float = 1.25,
    greedy: bool = True,
    explain: bool = True,
    client_chunk: int = 20_000,
    on_progress: Progress | None = None,
) -> MatchResult:
    """Propose open vacancies to active clients.

    Parameters
    ----------
    clients, vacancies : tables or exchange-format rows.
    model : the hire model (:func:`lotse.matching.model.train_hire_model`).
    per_client : K, the most proposals one client receives.
    per_opening : R, the most proposals per opening of a vacancy.
    exclude : ``(client_id, vacancy_id)`` pairs already proposed, not proposed again.
    pending_per_client, pending_per_vacancy : proposals still open from earlier runs, by id;
        they count against K and R, so repeated runs never exceed them.
    keep_per_client, keep_per_vacancy : the assignment sees each client's best
        ``keep_per_client`` (default ``max(4K, 12)``) and each vacancy's best
        ``keep_per_vacancy`` candidates (default ``max(10 R × openings, 40)``);
        ``keep_per_client=0`` keeps every candidate (exact over all of them).
    greedy : also run the greedy heuristic and report its optimality gap.
    client_chunk : clients searched and scored at a time (bounds the memory).

    Examples
    --------
    >>> from lotse.matching.model import PriorModel
    >>> from lotse.matching.pipeline import propose
    >>> clients = [{"client_id": "C1", "target_kldb": ["51312"], "lat": 51.63, "lon": 12.33,
    ...             "german_level": "B1", "work_permitted": True}]
    >>> vacancies = [{"vacancy_id": "V1", "kldb": "51312", "lat": 51.66, "lon": 12.35,
    ...               "german_level_min": "A2", "openings": 1},
    ...              {"vacancy_id": "V2", "kldb": "51322", "lat": 51.70, "lon": 12.20,
    ...               "german_level_min": "C1", "openings": 1}]
    >>> result = propose(clients, vacancies, model=PriorModel(), per_client=2)
    >>> [(p["vacancy_id"], p["rank"]) for p in result.proposals]
    [('V1', 1), ('V2', 2)]
    >>> result.proposals[0]["reasons"]
    'Zielberuf, 4 km, Deutsch B1 ≥ A2 verlangt'
    """
    from lotse.matching.assignment import greedy_assignment, optimal_assignment, optimality_gap
    from lotse.matching.candidates import candidate_pairs
    from lotse.matching.reasons import explain as explain_pairs

    say = on_progress or (lambda _msg: None)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    ct = clients if isinstance(clients, ClientTable) else client_table(clients)
    vt = vacancies if isinstance(vacancies, VacancyTable) else vacancy_table(vacancies)
    timings["tables"] = time.perf_counter() - t0

    keep = max(4 * per_client, 12) if keep_per_client is None else keep_per_client
    keep_v = (
        np.full(len(vt), keep_per_vacancy, dtype=np.int64)
        if keep_per_vacancy
        else np.maximum(10 * per_opening * vt.openings, 40)
    )
    eligible = np.flatnonzero(ct.active & ct.permitted)
    prescorer = _prescorer(model)
    parts_c: list[NDArray[np.int64]] = []
    parts_v: list[NDArray[np.int64]] = []
    parts_p: list[NDArray[np.float32]] = []
    counts = {"candidate_pairs": 0, "relaxed_clients": 0, "eligible_clients": 0}
    timings["candidates"] = timings["scoring"] = 0.0
    n_parts = max(1, -(-len(eligible) // client_chunk))
    for part_no, begin in enumerate(range(0, max(len(eligible), 1), client_chunk)):
        say(f"Kandidaten suchen und bewerten ({part_no + 1}/{n_parts})")
        t = time.perf_counter()
        cands = candidate_pairs(ct, vt, radius_factor=radius_factor, exclude=exclude,
                                min_per_client=per_client,
                                subset=eligible[begin : begin + client_chunk])  # fmt: skip
        timings["candidates"] += time.perf_counter() - t
        counts["candidate_pairs"] += len(cands)
        counts["relaxed_clients"] += cands.relaxed_clients
        counts["eligible_clients"] += cands.eligible_clients
        eligible_vacancies = cands.eligible_vacancies
        t = time.perf_counter()
        ci, vi = cands.client, cands.vacancy
        if prescorer is not None and keep > 0 and len(ci):
            # Two stages: the cheap linear part ranks every candidate, the full model scores
            # each client's and each vacancy's best three times as many as will be kept.
            pre = score_pairs(prescorer, ct, vt, ci, vi, today=today)
            m = top_per_client(ci, pre, 3 * keep) | top_per_client(vi, pre, 3 * keep_v)
            ci, vi = ci[m], vi[m]
        score = score_pairs(model, ct, vt, ci, vi, today=today)
        if keep > 0 and len(ci):
            # Each client's best pairs, and each vacancy's best pairs: a popular vacancy's
            # best candidates stay in the graph even where they are not among their own top.
            mask = top_per_client(ci, score, keep) | top_per_client(vi, score, keep_v)
            ci, vi, score = ci[mask], vi[mask], score[mask]
        parts_c.append(ci)
        parts_v.append(vi)
        parts_p.append(score)
        timings["scoring"] += time.perf_counter() - t
    ci, vi, score = np.concatenate(parts_c), np.concatenate(parts_v), np.concatenate(parts_p)

    say("Zuordnung optimieren")
    t = time.perf_counter()
    vcap = per_opening * vt.openings
    ccap = np.full(len(ct), per_client, dtype=np.int64)
    for pos, n in _positions(ct.ids, pending_per_client):
        ccap[pos] = max(per_client - n, 0)
    for pos, n in _positions(vt.ids, pending_per_vacancy):
        vcap[pos] = max(vcap[pos] - n, 0)
    best = optimal_assignment(ci, vi, score, client_cap=ccap, vacancy_cap=vcap)
    timings["assignment"] = time.perf_counter() - t
    stats: dict[str, Any] = {
        **counts,
        "eligible_vacancies": eligible_vacancies,
        "edges": len(ci),
        "proposals": int(best.selected.sum()),
        "expected_hires": best.objective,
        "model": model.kind,
    }
    if greedy:
        t = time.perf_counter()
        heuristic = greedy_assignment(ci, vi, score, client_cap=ccap, vacancy_cap=vcap)
        timings["greedy"] = time.perf_counter() - t
        stats["greedy_expected_hires"] = heuristic.objective
        stats["greedy_gap"] = optimality_gap(heuristic, best)

    sel_c, sel_v, sel_p = ci[best.selected], vi[best.selected], score[best.selected]
    order = np.lexsort((-sel_p, sel_c))
    sel_c, sel_v, sel_p = sel_c[order], sel_v[order], sel_p[order]
    first = np.r_[True, sel_c[1:] != sel_c[:-1]] if len(sel_c) else np.zeros(0, dtype=bool)
    start = np.maximum.accumulate(np.where(first, np.arange(len(sel_c)), 0))
    rank = np.arange(len(sel_c)) - start + 1
    stats["clients_proposed"] = int(first.sum())

    texts: list[str] = [""] * len(sel_c)
    if explain and len(sel_c):
        say("Begründungen schreiben")
        t = time.perf_counter()
        texts = []
        for s in range(0, len(sel_c), 200_000):
            part_c, part_v = sel_c[s : s + 200_000], sel_v[s : s + 200_000]
            x = pair_features(ct, vt, part_c, part_v, reference_date=today)
            texts += explain_pairs(x, clients=ct, vacancies=vt, ci=part_c, vi=part_v,
                                   model=model)  # fmt: skip
        timings["reasons"] = time.perf_counter() - t
    proposals = [
        {"client_id": ct.ids[c], "vacancy_id": vt.ids[v], "score": round(float(p), 4),
         "rank": int(r), "reasons": text}
        for c, v, p, r, text in zip(sel_c.tolist(), sel_v.tolist(), sel_p.tolist(),
                                    rank.tolist(), texts, strict=True)
    ]  # fmt: skip
    timings["total"] = time.perf_counter() - t0
    stats["seconds"] = {k: round(v, 3) for k, v in timings.items()}
    return MatchResult(proposals, stats)
