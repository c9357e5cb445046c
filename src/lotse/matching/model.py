"""The hire model: the probability that a proposal of a vacancy to a client ends in a hire.

Four kinds, one interface (``predict(X) -> probabilities``):

* :class:`PriorModel` — a transparent logistic score with hand-set weights (:data:`PRIOR_TERMS`),
  used when the history is too small to learn from. Every weight is written down and explained.
* :class:`LogisticModel` — the prior's terms with weights learned from the history.
* :class:`BlendModel` — the mean of the two learned kinds.
* :class:`LearnedModel` — gradient boosting (scikit-learn ``HistGradientBoostingClassifier``,
  missing values handled natively, monotone where the direction is certain) followed by a
  probability calibration (isotonic, or Platt scaling on small data) fitted on held-out clients.

:func:`train_hire_model` cross-validates the learned kinds by client and keeps the one (or the
prior) with the lowest out-of-fold log loss, so the choice adapts to how much history there is
and how the hiring works; no client is in two folds. It
reports AUC, Brier score and expected calibration error; :func:`save_model` and
:func:`load_model` persist a model to a file.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from lotse.matching.features import FEATURES, feature_index

__all__ = [
    "PRIOR_TERMS",
    "BlendModel",
    "HireModel",
    "LearnedModel",
    "LogisticModel",
    "PriorModel",
    "PriorTerm",
    "TrainReport",
    "expected_calibration_error",
    "load_model",
    "save_model",
    "train_hire_model",
]

MODEL_FORMAT = 1


class HireModel(Protocol):
    kind: str

    def predict(self, x: NDArray[np.float32]) -> NDArray[np.float64]: ...


@dataclass(frozen=True, slots=True)
class PriorTerm:
    """``weight * clip(value - shift, lo, hi)`` of one feature (``|value|`` if ``absolute``);
    a missing value contributes nothing."""

    feature: str
    weight: float
    why: str
    shift: float = 0.0
    lo: float = -math.inf
    hi: float = math.inf
    absolute: bool = False


PRIOR_INTERCEPT = -2.6
"""Log-odds of a hire for a proposal with nothing for or against it: about 7 %."""

PRIOR_TERMS: tuple[PriorTerm, ...] = (
    PriorTerm("kldb_depth", 0.45, "each shared KldB level (same Berufsgruppe: +1.35)"),
    PriorTerm("skill_overlap", 1.2, "share of ESCO skills in common (cosine)"),
    PriorTerm("target_level_gap", -0.5, "each requirement level away from the target",
              absolute=True),
    PriorTerm("qualification_gap", -0.9, "each level the recognised degree falls short", lo=0),
    PriorTerm("unrecognised_degree", -0.6, "degree needed but not (yet) recognised"),
    PriorTerm("german_margin", 1.0, "each CEFR step below the vacancy's minimum", hi=0),
    PriorTerm("german_margin", 0.15, "each CEFR step above the minimum (up to two)", lo=0, hi=2),
    PriorTerm("commute_ratio", -1.0, "share of the commuting limit used (up to twice it)", hi=2),
    PriorTerm("commute_ratio", -1.5, "beyond the commuting limit", shift=1, lo=0),
    PriorTerm("hours_mismatch", -0.8, "working hours do not fit"),
    PriorTerm("licence_missing", -1.5, "driving licence required, not held"),
    PriorTerm("relevant_experience", 0.06, "each year in the occupation (up to ten)", hi=10),
    PriorTerm("months_unemployed", -0.015, "each month out of work (up to five years)", hi=60),
)  # fmt: skip
"""The prior's weights. Signs and sizes follow the placement literature and officers' rules of
thumb (occupation first, then language, distance, formal requirements); they are a starting
point that any history of a few hundred proposals replaces."""


def _sigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


@dataclass
class PriorModel:
    """The transparent prior: logistic in the documented :data:`PRIOR_TERMS`.

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.matching.model import PriorModel
    >>> from lotse.matching.features import FEATURES, feature_index
    >>> x = np.zeros((2, len(FEATURES)), dtype=np.float32)
    >>> x[1, feature_index()["licence_missing"]] = 1
    >>> p = PriorModel().predict(x)
    >>> round(float(p[0]), 3), bool(p[1] < p[0])
    (0.069, True)
    """

    kind: str = "prior"

    def logit(self, x: NDArray[np.float32]) -> NDArray[np.float64]:
        col = feature_index()
        z = np.full(len(x), PRIOR_INTERCEPT)
        for t in PRIOR_TERMS:
            v = x[:, col[t.feature]].astype(np.float64)
            v = np.abs(v) if t.absolute else v
            z += np.nan_to_num(t.weight * np.clip(v - t.shift, t.lo, t.hi), nan=0.0)
        return z

    def predict(self, x: NDArray[np.float32]) -> NDArray[np.float64]:
        return _sigmoid(self.logit(x))


@dataclass
class LearnedModel:
    """Gradient boosting plus a calibration map fitted on held-out clients."""

    booster: Any
    calibrator: Any
    calibration: str
    kind: str = "learned"

    def predict(self, x: NDArray[np.float32]) -> NDArray[np.float64]:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

        with threadpool_limits(limits=1):
            raw = self.booster.predict_proba(_with_prior(x))[:, 1]
        if self.calibration == "isotonic":
            p = self.calibrator.predict(raw)
        else:
            p = self.calibrator.predict_proba(_logit_column(raw))[:, 1]
        return np.clip(np.asarray(p, dtype=np.float64), 1e-4, 1 - 1e-4)


def _with_prior(x: NDArray[np.float32]) -> NDArray[np.float32]:
    """The features plus the prior's log-odds as one more column: a strong, smooth summary the
    trees can refine, which makes boosting useful on a few thousand proposals already."""
    return np.column_stack([x, PriorModel().logit(x).astype(np.float32)])


def _basis(x: NDArray[np.float32]) -> NDArray[np.float64]:
    """The prior's terms, one column each (missing values contribute 0), plus the log of the
    openings, the German level and whether a target occupation is named."""
    col = feature_index()
    cols = []
    for t in PRIOR_TERMS:
        v = x[:, col[t.feature]].astype(np.float64)
        v = np.abs(v) if t.absolute else v
        cols.append(np.nan_to_num(np.clip(v - t.shift, t.lo, t.hi), nan=0.0))
    cols.append(np.log(np.maximum(np.nan_to_num(x[:, col["openings"]], nan=1.0), 1.0)))
    cols.append(np.nan_to_num(x[:, col["german_level"]], nan=3.0))
    cols.append(np.nan_to_num(x[:, col["no_target"]], nan=0.0))
    return np.column_stack(cols)


@dataclass
class LogisticModel:
    """The prior's terms with weights learned from the history (L2-regularised logistic
    regression): as transparent as the prior, and calibrated by construction."""

    coef: NDArray[np.float64]
    intercept: float
    kind: str = "logistic"

    def predict(self, x: NDArray[np.float32]) -> NDArray[np.float64]:
        z = _basis(x) @ self.coef + self.intercept
        return np.clip(_sigmoid(z), 1e-4, 1 - 1e-4)


@dataclass
class BlendModel:
    """The mean of the logistic model and gradient boosting: steadier than either alone."""

    logistic: LogisticModel
    boosting: LearnedModel
    kind: str = "blend"

    def predict(self, x: NDArray[np.float32]) -> NDArray[np.float64]:
        return (self.logistic.predict(x) + self.boosting.predict(x)) / 2


def _fit_logistic(x: NDArray[np.float32], y: NDArray[np.int8]) -> LogisticModel:
    from sklearn.linear_model import LogisticRegression

    b = _basis(x)
    scale = np.maximum(b.std(axis=0), 1e-6)
    lr = LogisticRegression(C=1.0, max_iter=1000)
    lr.fit(b / scale, y)
    return LogisticModel(lr.coef_[0] / scale, float(lr.intercept_[0]))


def _logit_column(p: NDArray[np.float64]) -> NDArray[np.float64]:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q)).reshape(-1, 1)


@dataclass
class TrainReport:
    """What :func:`train_hire_model` measured (cross-validated, by client)."""

    rows: int
    hires: int
    kind: str
    folds: int
    auc: float | None
    brier: float | None
    ece: float | None
    prior_auc: float | None
    prior_brier: float | None
    prior_ece: float | None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def expected_calibration_error(y: NDArray[Any], p: NDArray[np.float64], *, bins: int = 10) -> float:
    """Expected calibration error: the row-weighted mean gap between predicted and realised
    rates over ``bins`` equal-width probability bins.

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.matching.model import expected_calibration_error
    >>> y = np.array([0, 0, 0, 1])  # realised 25 %, all predicted 25 %: perfectly calibrated
    >>> expected_calibration_error(y, np.full(4, 0.25))
    0.0
    >>> expected_calibration_error(y, np.full(4, 0.75))  # predicted 75 %, realised 25 %
    0.5
    """
    y = np.asarray(y, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    if len(y) == 0:
        return 0.0
    which = np.minimum((p * bins).astype(np.int64), bins - 1)
    gap = 0.0
    for b in range(bins):
        m = which == b
        if m.any():
            gap += m.sum() * abs(p[m].mean() - y[m].mean())
    return round(float(gap / len(y)), 6)


def _log_loss(y: NDArray[Any], p: NDArray[np.float64]) -> float:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))


def _metrics(y: NDArray[Any], p: NDArray[np.float64]) -> tuple[float | None, float, float]:
    from sklearn.metrics import brier_score_loss, roc_auc_score

    auc = float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else None
    return auc, float(brier_score_loss(y, p)), expected_calibration_error(y, p)


def _fit_boosting(
    x: NDArray[np.float32], y: NDArray[np.int8], groups: NDArray[Any], *, seed: int,
    monotone: bool,
) -> LearnedModel:  # fmt: skip
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupShuffleSplit

    fit_idx, cal_idx = next(
        GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=seed).split(x, y, groups)
    )
    if y[fit_idx].min() == y[fit_idx].max() or y[cal_idx].min() == y[cal_idx].max():
        fit_idx = cal_idx = np.arange(len(y))
    booster = HistGradientBoostingClassifier(
        learning_rate=0.06,
        max_iter=300,
        max_leaf_nodes=15,
        min_samples_leaf=40,
        l2_regularization=1.0,
        early_stopping=len(fit_idx) >= 2000,
        n_iter_no_change=20,
        monotonic_cst=[*(f.direction for f in FEATURES), 1] if monotone else None,
        random_state=seed,
    )
    xa = _with_prior(x)
    booster.fit(xa[fit_idx], y[fit_idx])
    raw = booster.predict_proba(xa[cal_idx])[:, 1]
    if int(y[cal_idx].sum()) >= 200:
        iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
        iso.fit(raw, y[cal_idx])
        return LearnedModel(booster, iso, "isotonic")
    platt = LogisticRegression(C=1.0)
    platt.fit(_logit_column(raw), y[cal_idx])
    return LearnedModel(booster, platt, "sigmoid")


def train_hire_model(
    x: NDArray[np.float32],
    y: NDArray[Any],
    groups: NDArray[Any] | None = None,
    *,
    min_rows: int = 300,
    min_each: int = 25,
    folds: int = 5,
    seed: int = 0,
    monotone: bool = True,
) -> tuple[HireModel, TrainReport]:
    """Train the hire model on past proposals and report cross-validated quality.

    With fewer than ``min_rows`` proposals or fewer than ``min_each`` hires or non-hires the
    :class:`PriorModel` is returned (its quality on the history is still reported).
    Cross-validation keeps all proposals of one client (``groups``) in the same fold.

    Parameters
    ----------
    x : feature matrix (:func:`lotse.matching.features.pair_features`).
    y : 1 hired, 0 not hired.
    groups : client of each row (default: every row its own group).

    Examples
    --------
    >>> import numpy as np
    >>> from lotse.matching.model import train_hire_model
    >>> from lotse.matching.features import FEATURES
    >>> x = np.zeros((50, len(FEATURES)), dtype=np.float32)
    >>> model, report = train_hire_model(x, np.r_[np.ones(5), np.zeros(45)])
    >>> model.kind, report.rows, report.hires
    ('prior', 50, 5)
    """
    # One thread: OpenMP in gradient boosting slows down by two orders of magnitude when the
    # cores are shared (measured: 0.1 s vs 11 s for 3,000 rows on a busy 2-core machine).
    # threadpoolctl limits the libraries loaded so far, so load scikit-learn's OpenMP first.
    import sklearn.ensemble  # noqa: F401
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _train(x, y, groups, min_rows=min_rows, min_each=min_each, folds=folds,
                      seed=seed, monotone=monotone)  # fmt: skip


def _train(
    x: NDArray[np.float32], y: NDArray[Any], groups: NDArray[Any] | None, *, min_rows: int,
    min_each: int, folds: int, seed: int, monotone: bool,
) -> tuple[HireModel, TrainReport]:  # fmt: skip
    from sklearn.model_selection import StratifiedGroupKFold

    y = np.asarray(y, dtype=np.int8)
    groups = np.arange(len(y)) if groups is None else np.asarray(groups)
    hires = int(y.sum())
    prior = PriorModel()
    p_prior = prior.predict(x)
    pa, pb, pe = _metrics(y, p_prior) if len(y) else (None, None, None)
    enough = len(y) >= min_rows and min(hires, len(y) - hires) >= min_each
    if not enough:
        note = (
            f"history too small to learn from ({len(y)} proposals, {hires} hires; need "
            f"{min_rows} and {min_each} of each outcome): using the documented prior"
        )
        return prior, TrainReport(
            len(y), hires, "prior", 0, pa, pb, pe, pa, pb, pe, note, {"oof": p_prior}
        )
    n_groups = len(np.unique(groups))
    k = max(2, min(folds, n_groups, hires, len(y) - hires))
    oof = {"logistic": np.zeros(len(y)), "boosting": np.zeros(len(y))}
    splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    for tr, te in splitter.split(x, y, groups):
        oof["logistic"][te] = _fit_logistic(x[tr], y[tr]).predict(x[te])
        oof["boosting"][te] = _fit_boosting(
            x[tr], y[tr], groups[tr], seed=seed, monotone=monotone
        ).predict(x[te])
    oof["blend"] = (oof["logistic"] + oof["boosting"]) / 2
    loss = {"prior": _log_loss(y, p_prior)} | {n: _log_loss(y, p) for n, p in oof.items()}
    chosen = min(loss, key=lambda n: loss[n])
    extra: dict[str, Any] = {"log_loss": loss, "oof": oof.get(chosen, p_prior)}
    extra["auc_by_kind"] = {n: _metrics(y, p)[0] for n, p in oof.items()}
    if chosen == "prior":
        note = "the documented prior predicts the history better than the learned models"
        return prior, TrainReport(len(y), hires, "prior", k, pa, pb, pe, pa, pb, pe, note, extra)
    auc, brier, ece = _metrics(y, oof[chosen])
    model: HireModel
    if chosen == "logistic":
        model = _fit_logistic(x, y)
        note = "logistic regression on the prior's terms (chosen by cross-validated log loss)"
    elif chosen == "boosting":
        booster = _fit_boosting(x, y, groups, seed=seed, monotone=monotone)
        model = booster
        note = (f"gradient boosting, {booster.calibration} calibration "
                "(chosen by cross-validated log loss)")  # fmt: skip
    else:
        booster = _fit_boosting(x, y, groups, seed=seed, monotone=monotone)
        model = BlendModel(_fit_logistic(x, y), booster)
        note = (f"mean of logistic regression and gradient boosting ({booster.calibration} "
                "calibration), chosen by cross-validated log loss")  # fmt: skip
    report = TrainReport(len(y), hires, model.kind, k, auc, brier, ece, pa, pb, pe, note, extra)
    return model, report


def save_model(model: HireModel, path: Path, *, report: TrainReport | None = None) -> None:
    """Write a model (and what it was trained on) to ``path`` (joblib).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from lotse.matching.model import PriorModel, save_model, load_model
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "model.joblib"
    >>> save_model(PriorModel(), path)
    >>> load_model(path).kind
    'prior'
    """
    import joblib  # type: ignore[import-untyped]

    meta = None
    if report is not None:
        meta = {k: v for k, v in report.as_dict().items() if k != "extra"}
    payload = {
        "format": MODEL_FORMAT,
        "features": [f.name for f in FEATURES],
        "model": model,
        "report": meta,
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(payload, path, compress=3)


def load_model(path: Path) -> HireModel:
    """Read a model written by :func:`save_model`; refuses one trained on other features.

    Only load files you wrote yourself: the format is a pickle.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from lotse.matching.model import load_model
    >>> load_model(pathlib.Path(tempfile.mkdtemp()) / "none.joblib")
    Traceback (most recent call last):
    ...
    lotse.errors.InvalidInput: ...no model file at ... [model]
    """
    import joblib

    from lotse.errors import InvalidInput, Problem

    path = Path(path)
    if not path.is_file():
        raise InvalidInput(Problem("model", f"no model file at {path}", file=str(path)))
    payload = joblib.load(path)
    if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
        raise InvalidInput(Problem("model", "not a Lotse hire model file", file=str(path)))
    if payload["features"] != [f.name for f in FEATURES]:
        raise InvalidInput(
            Problem("model", "the model was trained on other features: train it again "
                    "(lotse match train)", file=str(path))
        )  # fmt: skip
    model: HireModel = payload["model"]
    return model
