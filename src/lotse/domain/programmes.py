"""The programmes Lotse knows out of the box (``../shared/docs/mission.md``).

A Jobcenter may define more in ``programmes.csv`` or the administration pages; these defaults
are used when a client file names one of these codes and nothing else defines it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lotse.domain.codes import ProgrammeKind


@dataclass(frozen=True)
class ProgrammeDefinition:
    code: str
    name: str
    kind: ProgrammeKind
    target_rule: dict[str, Any] = field(default_factory=dict)
    caseload_ratio: int | None = None
    contacts_per_month: float | None = None
    description: str = ""


BUILT_IN: dict[str, ProgrammeDefinition] = {
    p.code: p
    for p in (
        ProgrammeDefinition(
            "job_turbo", "Job-Turbo", ProgrammeKind.PROGRAMME,
            {"origin_groups": ["ukraine", "asylum_countries"], "status_in": ["active"]},
            contacts_per_month=round(30.44 / 42, 2),
            description="Geflüchtete aus der Ukraine und den acht Asylherkunftsländern; "
            "Kontakt grundsätzlich alle sechs Wochen nach dem Integrationskurs.",
        ),
        ProgrammeDefinition(
            "joboffensive", "Joboffensive", ProgrammeKind.PROGRAMME,
            {"status_in": ["active"], "german_level_min": "B1", "work_permitted": True},
            caseload_ratio=100, contacts_per_month=2.0,
            description="Marktnahe Kundinnen und Kunden, Betreuungsschlüssel 1:100, "
            "bis zu vier Kontakte im Monat.",
        ),
        ProgrammeDefinition(
            "focus_group", "Fokusgruppe", ProgrammeKind.FOCUS_GROUP, {"status_in": ["active"]},
            contacts_per_month=2.0,
            description="Fokusgruppe der Vermittlungsoffensive mit intensiverer Betreuung.",
        ),
        ProgrammeDefinition(
            "integration_point", "Integration Point", ProgrammeKind.PROGRAMME,
            {"residence_status_in": ["asylum_pending", "tolerated", "recognised_refugee",
                                     "subsidiary_protection", "temporary_protection"]},
            description="Agentur für Arbeit, Jobcenter, Sozialamt und Ausländerbehörde "
            "betreuen einen gemeinsamen Fall.",
        ),
    )
}  # fmt: skip
