"""What an import did: counts per file, records created from names, warnings; and progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


class ImportProgress(Protocol):
    """Receives progress of a long import (the CLI shows it as progress bars)."""

    def start(self, label: str, total: int) -> None: ...

    def advance(self, label: str, n: int) -> None: ...


@dataclass
class FileCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.inserted + self.updated


@dataclass
class ImportReport:
    """What an import did, per file, plus records created from names alone."""

    folder: Path
    files: dict[str, FileCounts] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)
    memberships_opened: int = 0
    memberships_closed: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            any(c.changed for c in self.files.values())
            or any(self.created.values())
            or self.memberships_opened
            or self.memberships_closed
        )

    def detail(self) -> dict[str, Any]:
        """A JSON-ready summary (for the audit log)."""
        return {
            "folder": str(self.folder),
            "files": {
                name: {"inserted": c.inserted, "updated": c.updated, "unchanged": c.unchanged}
                for name, c in self.files.items()
            },
            "created": {k: v for k, v in self.created.items() if v},
            "memberships": {"opened": self.memberships_opened, "closed": self.memberships_closed},
            "warnings": len(self.warnings),
        }
