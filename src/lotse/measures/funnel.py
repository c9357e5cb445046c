"""The funnel of an activation measure with internships: participants → internship → event → hire.

Stages count participations that started; women are counted alongside (statistics only). The
rows are chart-ready (one row per stage, shares of the start and of the previous stage).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from lotse.measures.repository import MeasureRepository, ParticipationRepository
from lotse.measures.schemas import FunnelRow
from lotse.measures.service import definition

STAGES = (
    ("participants", "Teilnehmende"),
    ("internship", "Praktikum"),
    ("presented", "Bericht bei einer Veranstaltung"),
    ("hired", "Einstellung"),
)


def funnel_rows(counts: list[tuple[int, int]]) -> list[FunnelRow]:
    """Rows from (count, women) per stage, in :data:`STAGES` order.

    >>> rows = funnel_rows([(15, 14), (13, 12), (7, 7), (2, 2)])
    >>> [r.share_of_start for r in rows], [r.share_of_previous for r in rows]
    ([1.0, 0.867, 0.467, 0.133], [None, 0.867, 0.538, 0.286])
    """
    rows = []
    start = counts[0][0] if counts else 0
    previous: int | None = None
    for (stage, label), (count, women) in zip(STAGES, counts, strict=True):
        rows.append(
            FunnelRow(
                stage=stage,
                label=label,
                count=count,
                women=women,
                share_of_start=round(count / start, 3) if start else None,
                share_of_previous=round(count / previous, 3) if previous else None,
            )
        )
        previous = count
    return rows


def measure_funnel(
    session: Session, measure_code: str, run_id: int | None = None
) -> list[FunnelRow]:
    """The funnel of one measure (optionally one run of it)."""
    definition(session, measure_code)  # an unknown code → InvalidInput
    measure = MeasureRepository(session).by_code(measure_code)
    if measure is None:  # a built-in measure nobody has used yet: nothing to count
        values = [0] * 8
    else:
        values = [int(v) for v in ParticipationRepository(session).funnel(measure.id, run_id)]
    return funnel_rows([(values[i], values[i + 1]) for i in range(0, 8, 2)])


def write_chart(rows: list[FunnelRow], path: Path, *, title: str) -> Path:
    """A horizontal bar chart of the funnel (PNG or SVG by the file's suffix)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 0.6 * len(rows) + 1.2))
    labels = [r.label for r in rows][::-1]
    counts = [r.count for r in rows][::-1]
    women = [r.women for r in rows][::-1]
    ax.barh(labels, counts, color="#9db4cf", label="alle")
    ax.barh(labels, women, color="#2d5d8a", height=0.45, label="davon Frauen")
    for y, count in enumerate(counts):
        ax.text(count, y, f" {count}", va="center")
    ax.set_xlabel("Personen")
    ax.set_title(title)
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
