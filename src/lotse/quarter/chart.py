"""Charts of a planned quarter: officers' load against the target, density against the target."""

from __future__ import annotations

from pathlib import Path

from lotse.quarter.schemas import QuarterReport


def quarter_chart(report: QuarterReport, path: Path) -> Path:
    """Write a PNG with the utilisation of every officer and the density per programme."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from lotse.controlling.report.fmt import number

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    loads = sorted(report.officers, key=lambda o: o.utilisation)
    colours = ["#c0392b" if o.utilisation > 1 else "#2e86c1" for o in loads]
    left.bar(range(len(loads)), [100 * o.utilisation for o in loads], color=colours, width=1.0)
    left.axhline(100, color="black", linewidth=1, linestyle="--", label="Zielschlüssel")
    left.set_title("Auslastung je Fachkraft (100 % = Zielschlüssel)")
    left.set_xlabel("Fachkräfte, aufsteigend")
    left.set_ylabel("% des Zielschlüssels")
    left.legend()
    names = [d.name for d in report.density]
    x = range(len(names))
    right.bar([i - 0.2 for i in x], [d.target for d in report.density], 0.4, label="Ziel")
    right.bar([i + 0.2 for i in x], [d.reached for d in report.density], 0.4, label="geplant")
    right.set_xticks(list(x), names, rotation=20, ha="right")
    right.set_title("Kontakte je Kund:in und Monat")
    right.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, 2)))
    left.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v)))
    right.legend()
    fig.suptitle(f"Quartal ab {report.start:%d.%m.%Y}")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
