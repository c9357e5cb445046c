"""What Lotse holds, summarised for the demo and for administrators."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from lotse.reference.kldb import REQUIREMENT_LEVELS
from lotse.registry.repository import RegistryRepository


@dataclass(frozen=True)
class SiteLine:
    site: str
    clients: int
    active_clients: int
    officers: int

    @property
    def ratio(self) -> float | None:
        """Clients of the Jobcenter's caseload per officer (the caseload ratio), if any officers."""
        return self.active_clients / self.officers if self.officers else None


@dataclass(frozen=True)
class ProgrammeLine:
    code: str
    name: str
    kind: str
    members: int
    active_members: int


@dataclass(frozen=True)
class VacancyLine:
    level: str
    vacancies: int
    openings: int


@dataclass(frozen=True)
class RegistrySummary:
    sites: list[SiteLine] = field(default_factory=list)
    programmes: list[ProgrammeLine] = field(default_factory=list)
    clients_by_status: dict[str, int] = field(default_factory=dict)
    open_vacancies: list[VacancyLine] = field(default_factory=list)

    @property
    def total_clients(self) -> int:
        return sum(s.clients for s in self.sites)

    @property
    def total_officers(self) -> int:
        return sum(s.officers for s in self.sites)


def summarise(session: Session) -> RegistrySummary:
    """Sites with clients and officers, members per programme, open vacancies by level."""
    repo = RegistryRepository(session)
    officers = repo.officers_per_site()
    sites = [
        SiteLine(name, int(n), int(active), officers.get(name, 0))
        for name, n, active in repo.clients_per_site()
    ]
    programmes = [
        ProgrammeLine(code, name, str(kind), int(n), int(active))
        for code, name, kind, n, active in repo.members_per_programme()
    ]
    vacancies = [
        VacancyLine(REQUIREMENT_LEVELS.get(int(level), level), int(n), int(openings or 0))
        for level, n, openings in repo.open_vacancies_by_level()
    ]
    return RegistrySummary(sites, programmes, repo.clients_by_status(), vacancies)
