"""A chart of the Integration Point's figures: people advised per month, stacked by status."""

from __future__ import annotations

from pathlib import Path

from lotse.analytics.integration_point import IntegrationPointFigures
from lotse.web.charts import PALETTE

STATUS_DE = {
    "asylum_pending": "Aufenthaltsgestattung",
    "tolerated": "Duldung",
    "recognised_refugee": "anerkannt",
    "subsidiary_protection": "subsidiärer Schutz",
    "temporary_protection": "§ 24 AufenthG",
    "other_permit": "sonstige Erlaubnis",
    "eu": "EU",
    "german": "deutsch",
    "unknown": "unbekannt",
}


def advised_chart(figures: IntegrationPointFigures, path: Path) -> Path:
    """Write a PNG: people advised per month of first contact, stacked by legal status."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    months = list(figures.advised_by_month)
    fig, ax = plt.subplots(figsize=(10, 4.5))
    bottom = [0] * len(months)
    for i, status in enumerate(figures.advised_by_status):
        values = [figures.advised_by_month_and_status[m].get(status, 0) for m in months]
        ax.bar(
            months,
            values,
            bottom=bottom,
            label=STATUS_DE.get(status, status),
            color=PALETTE[i % len(PALETTE)],
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_title(
        f"Integration Point: beraten nach Monat des Erstkontakts "
        f"({figures.advised} Personen, {figures.start:%d.%m.%Y}–{figures.end:%d.%m.%Y})"
    )
    ax.set_ylabel("Personen")
    ax.tick_params(axis="x", rotation=45)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
