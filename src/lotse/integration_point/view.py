"""The case page: every part of a case the user's agency may see, read with one audit entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.domain.agencies import DataCategory
from lotse.errors import NotFound
from lotse.integration_point import cases, competences, consents, handovers, referrals, sections
from lotse.integration_point import repository as repo
from lotse.integration_point.access import agency_of, clock_of, open_case
from lotse.integration_point.schemas import (
    AssessmentRead,
    CaseRead,
    ConsentRead,
    EmploymentRead,
    HandoverRead,
    LanguageRead,
    MeasuresRead,
    ReferralRead,
)


@dataclass
class CasePage:
    case: CaseRead
    today: date
    consents: list[ConsentRead] = field(default_factory=list)
    assessment: AssessmentRead | None = None
    referrals: list[ReferralRead] = field(default_factory=list)
    handovers: list[HandoverRead] = field(default_factory=list)
    measures: MeasuresRead | None = None
    language: LanguageRead | None = None
    employment: EmploymentRead | None = None
    can_decide: bool = False
    can_manage: bool = False
    can_revoke: bool = False

    def sees(self, category: DataCategory) -> bool:
        return self.case.sections[category]

    @property
    def hidden(self) -> list[DataCategory]:
        return [c for c, shown in self.case.sections.items() if not shown]


def case_page(session: Session, access: Access, client_id: int) -> CasePage:
    """Open the case (logged once, with the parts shown) and read what may be seen."""
    opened = open_case(session, access, client_id, what="ip_case_page", log_sight=True)
    if opened.case is None:
        raise NotFound(f"client {client_id} has no Integration Point case")
    seen = opened.sight
    on = clock_of(access)
    page = CasePage(case=cases.to_read(opened), today=on)
    page.consents = [
        consents.to_read(c, on=on) for c in repo.ConsentRepository(session).of_client(client_id)
    ]
    page.handovers = [
        handovers.to_read(h, on=on) for h in repo.HandoverRepository(session).of_client(client_id)
    ]
    if seen.sees(DataCategory.COMPETENCES):
        found = repo.AssessmentRepository(session).of_client(client_id)
        page.assessment = competences.to_read(found, opened.client) if found else None
    if seen.sees(DataCategory.REFERRALS):
        page.referrals = [
            referrals.to_read(r, on=on)
            for r in repo.ReferralRepository(session).of_client(client_id)
        ]
    if seen.sees(DataCategory.MEASURES):
        page.measures = sections.measures_of(session, opened)
    if seen.sees(DataCategory.LANGUAGE):
        page.language = sections.language_of(session, opened)
    if seen.sees(DataCategory.EMPLOYMENT):
        page.employment = sections.employment_of(session, opened)
    page.can_manage = seen.lead
    page.can_decide = seen.lead and not opened.case.asylum_state.decided
    page.can_revoke = access.may("ip.consent", "update")
    return page


def may_tick(access: Access, handover: HandoverRead) -> bool:
    return agency_of(access.principal) == handover.to_agency and handover.completed_on is None


def may_move_referral(access: Access, page: CasePage, referral: ReferralRead) -> bool:
    if referral.status.finished:
        return False
    return page.can_manage or agency_of(access.principal) == referral.to_agency


@dataclass(frozen=True)
class ClientPanel:
    """What the client file may show about the person's Integration Point case."""

    client_id: int
    lead_agency: str
    asylum_state: str
    consents_in_force: int
    open_handover_due: date | None


def client_panel(session: Session, access: Access, client_id: int) -> ClientPanel | None:
    """For a client file already opened through the gate: the case in brief, or ``None``.

    The feature's panel on the client file (``Feature.client_panels``); it reads only the
    case's basic data, which whoever may open the file may see.
    """
    if not access.may("ip.case", "read"):
        return None
    case = repo.CaseRepository(session).of_client(client_id)
    if case is None:
        return None
    on = clock_of(access)
    in_force = [
        c for c in repo.ConsentRepository(session).of_client(client_id)
        if consents.to_read(c, on=on).in_force
    ]  # fmt: skip
    pending = list(repo.HandoverRepository(session).open_of_client(client_id))
    return ClientPanel(
        client_id=client_id,
        lead_agency=case.lead_agency.value,
        asylum_state=case.asylum_state.value,
        consents_in_force=len(in_force),
        open_handover_due=min((h.due_on for h in pending), default=None),
    )
