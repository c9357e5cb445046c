"""Reasons in plain German for each proposal, and the factors that lowered its chance.

The positive part states the facts that make the pair fit ("gleiche Berufsgruppe, 12 km,
Deutsch B1 ≥ A2 verlangt"). The part after "senkt:" names each factor that lowered the
estimated hire chance, with how much: the model is asked again with that one factor set to its
favourable value (German at the vacancy's minimum, no distance, the hours fitting …), and the
difference in percentage points is shown. So the reasons follow the model actually used, learned
or prior, not a separate rule set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from lotse.matching.features import feature_index

if TYPE_CHECKING:
    from lotse.matching.features import ClientTable, VacancyTable
    from lotse.matching.model import HireModel

__all__ = ["LEVEL_NAMES", "explain"]

LEVEL_NAMES = {1: "Helfer", 2: "Fachkraft", 3: "Spezialist", 4: "Experte"}
_CEFR = ["A0", "A1", "A2", "B1", "B2", "C1", "C2"]
_HOURS_DE = {0: "Vollzeit", 1: "Teilzeit"}
_MIN_EFFECT_PP = 0.5

Fix = Callable[[NDArray[np.float32]], None]


def _factor_fixes() -> list[tuple[str, str, Fix]]:
    """(factor, condition feature, favourable change) in the order they are listed."""
    f = feature_index()

    def occupation(x: NDArray[np.float32]) -> None:
        x[:, f["kldb_depth"]] = 4
        x[:, f["skill_overlap"]] = 1
        x[:, f["relevant_experience"]] = x[:, f["experience_years"]]

    def level(x: NDArray[np.float32]) -> None:
        x[:, f["target_level_gap"]] = 0

    def qualification(x: NDArray[np.float32]) -> None:
        x[:, f["qualification_gap"]] = np.minimum(x[:, f["qualification_gap"]], 0)
        x[:, f["unrecognised_degree"]] = 0

    def german(x: NDArray[np.float32]) -> None:
        short = np.minimum(x[:, f["german_margin"]], 0)
        x[:, f["german_level"]] -= short
        x[:, f["german_margin"]] -= short

    def distance(x: NDArray[np.float32]) -> None:
        x[:, f["distance_km"]] = 0
        x[:, f["commute_ratio"]] = 0

    def hours(x: NDArray[np.float32]) -> None:
        x[:, f["hours_mismatch"]] = 0

    def licence(x: NDArray[np.float32]) -> None:
        x[:, f["licence_missing"]] = 0

    def unemployed(x: NDArray[np.float32]) -> None:
        x[:, f["months_unemployed"]] = 0

    return [
        ("german", "german_margin", german),
        ("qualification", "qualification_gap", qualification),
        ("licence", "licence_missing", licence),
        ("occupation", "kldb_depth", occupation),
        ("level", "target_level_gap", level),
        ("hours", "hours_mismatch", hours),
        ("distance", "commute_ratio", distance),
        ("unemployed", "months_unemployed", unemployed),
    ]


def _masks(x: NDArray[np.float32]) -> dict[str, NDArray[np.bool_]]:
    """Where each lowering factor is present at all (comparisons with NaN are False)."""
    f = feature_index()

    def c(name: str) -> NDArray[np.float32]:
        return x[:, f[name]]

    return {
        "german": c("german_margin") < 0,
        "qualification": (c("qualification_gap") > 0) | (c("unrecognised_degree") == 1),
        "licence": c("licence_missing") == 1,
        "occupation": c("kldb_depth") < 3,
        "level": np.abs(c("target_level_gap")) >= 1,
        "hours": c("hours_mismatch") == 1,
        "distance": c("commute_ratio") > 0.5,
        "unemployed": c("months_unemployed") >= 12,
    }


def _fmt_pct(share: float) -> str:
    return f"{round(share * 100)} %"


def _positives(row: dict[str, float], c: int, v: int, clients: ClientTable,
               vacancies: VacancyTable) -> list[str]:  # fmt: skip
    out: list[str] = []
    depth, skill = row["kldb_depth"], row["skill_overlap"]
    if row["no_target"] == 1:
        out.append("Helfertätigkeit, kein Zielberuf angegeben")
    elif depth == 4 and row["target_level_gap"] == 0:
        out.append("Zielberuf")
    elif depth >= 2:
        out.append({4: "gleiche Berufsuntergruppe", 3: "gleiche Berufsgruppe",
                    2: "gleiche Berufshauptgruppe"}[int(depth)])  # fmt: skip
    elif skill >= 0.3:
        out.append(f"verwandter Beruf ({_fmt_pct(skill)} gleiche ESCO-Kompetenzen)")
    else:
        out.append("Helfertätigkeit")
    if 2 <= depth < 4 and skill >= 0.3:
        out.append(f"{_fmt_pct(skill)} gleiche ESCO-Kompetenzen")
    if row["commute_ratio"] <= 0.5:  # farther ones are named among the lowering factors
        out.append(f"{round(row['distance_km'])} km")
    german, need = clients.german[c], vacancies.german_min[v]
    if not np.isnan(german):
        if np.isnan(need):
            out.append(f"Deutsch {_CEFR[int(german)]}")
        elif german >= need:
            out.append(f"Deutsch {_CEFR[int(german)]} ≥ {_CEFR[int(need)]} verlangt")
    lvl = int(vacancies.level[v])
    if lvl >= 2 and row["qualification_gap"] <= 0 and row["unrecognised_degree"] == 0:
        out.append(f"Abschluss passt ({LEVEL_NAMES[lvl]})")
    if row["relevant_experience"] >= 1:
        years = round(row["relevant_experience"])
        out.append(f"{years} {'Jahr' if years == 1 else 'Jahre'} Berufserfahrung")
    if vacancies.licence_required[v] == 1 and clients.licence[c] == 1:
        out.append("Führerschein vorhanden")
    if row["hours_mismatch"] == 0 and int(vacancies.hours[v]) in _HOURS_DE:
        out.append(f"{_HOURS_DE[int(vacancies.hours[v])]} passt")
    return out


def _negative(name: str, row: dict[str, float], c: int, v: int, clients: ClientTable,
              vacancies: VacancyTable) -> str:  # fmt: skip
    lvl = int(vacancies.level[v])
    match name:
        case "german":
            return (f"Deutsch {_CEFR[int(clients.german[c])]} < "
                    f"{_CEFR[int(vacancies.german_min[v])]} verlangt")  # fmt: skip
        case "qualification":
            if row["qualification_gap"] > 0:
                have = LEVEL_NAMES.get(int(clients.attainable_level[c]), "?")
                return f"verlangt {LEVEL_NAMES[lvl]}, Abschluss reicht für {have}"
            return "Abschluss noch nicht anerkannt"
        case "licence":
            return "Führerschein verlangt, nicht vorhanden"
        case "occupation":
            return "anderer Beruf als der Zielberuf"
        case "level":
            return f"Anforderungsniveau {LEVEL_NAMES[lvl]} weicht vom Zielberuf ab"
        case "hours":
            want = "Teilzeit" if clients.hours[c] == 1 else "Vollzeit"
            return f"sucht {want}, Stelle in {_HOURS_DE.get(int(vacancies.hours[v]), '?')}"
        case "distance":
            limit = round(clients.max_commute_km[c])
            return f"Fahrtweg {round(row['distance_km'])} km (Grenze {limit} km)"
        case "unemployed":
            return f"seit {round(row['months_unemployed'])} Monaten ohne Arbeit"
    return name  # pragma: no cover


def explain(
    x: NDArray[np.float32],
    *,
    clients: ClientTable,
    vacancies: VacancyTable,
    ci: NDArray[np.integer[Any]],
    vi: NDArray[np.integer[Any]],
    model: HireModel,
) -> list[str]:
    r"""One German reason text per pair (row of ``x``).

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.matching.features import client_table, vacancy_table, pair_features
    >>> from lotse.matching.model import PriorModel
    >>> from lotse.matching.reasons import explain
    >>> c = client_table([{"client_id": "C1", "german_level": "B1", "target_kldb": ["51322"],
    ...                    "lat": 51.63, "lon": 12.33, "driving_licence": False,
    ...                    "work_permitted": True}])
    >>> v = vacancy_table([{"vacancy_id": "V1", "kldb": "51312", "german_level_min": "A2",
    ...                     "lat": 51.70, "lon": 12.40, "driving_licence_required": True}])
    >>> i = np.array([0])
    >>> text = explain(pair_features(c, v, i, i), clients=c, vacancies=v, ci=i, vi=i,
    ...                model=PriorModel())[0]
    >>> print(text.replace("; ", ";\n"))
    gleiche Berufsgruppe, 9 km, Deutsch B1 ≥ A2 verlangt;
    senkt: Führerschein verlangt, nicht vorhanden (−15 Pp.)
    """
    col = feature_index()
    names = list(col)
    base = model.predict(x)
    effects: dict[str, NDArray[np.float64]] = {}
    fixes = _factor_fixes()
    masks = _masks(x)
    for name, _, fix in fixes:
        changed = x.copy()
        fix(changed)
        effects[name] = (model.predict(changed) - base) * 100
    texts: list[str] = []
    for k in range(len(x)):
        c, v = int(ci[k]), int(vi[k])
        row = {n: float(x[k, i]) for i, n in enumerate(names)}
        parts = _positives(row, c, v, clients, vacancies)
        lowered: list[tuple[float, str]] = []
        for name, _, _ in fixes:
            gain = float(effects[name][k])
            if masks[name][k] and gain >= _MIN_EFFECT_PP:
                phrase = _negative(name, row, c, v, clients, vacancies)
                lowered.append((gain, f"{phrase} (−{round(gain)} Pp.)"))
        if clients.permit_unknown[c]:
            lowered.append((0.0, "Arbeitserlaubnis klären"))
        text = ", ".join(parts)
        if lowered:
            lowered.sort(key=lambda t: -t[0])
            text += "; senkt: " + ", ".join(p for _, p in lowered)
        texts.append(text)
    return texts
