"""The client list and the client's file, each cut to what the user's role may see."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from lotse.access import gate
from lotse.access.principal import Access
from lotse.api.features import ClientPanel
from lotse.clients.repository import ClientRepository
from lotse.domain.codes import ClientStatus
from lotse.models import Client, Contact, JobStart, Participation, ProgrammeMembership
from lotse.proposals import service as proposals
from lotse.proposals.repository import ProposalRow

# The parts of a file beyond the shared profile, each a policy resource of its own.
SECTIONS = ("details", "programmes", "contacts", "measures", "job_starts", "audit")


@dataclass
class ClientFile:
    client: Client
    sections: dict[str, bool]
    memberships: Sequence[ProgrammeMembership] = ()
    contacts: Sequence[Contact] = ()
    participations: Sequence[Participation] = ()
    job_starts: Sequence[JobStart] = ()
    proposals: Sequence[ProposalRow] = ()
    can_decide: bool = False
    trail: Sequence[Any] = field(default_factory=list)
    panels: list[tuple[ClientPanel, Mapping[str, Any]]] = field(default_factory=list)


def list_clients(
    session: Session,
    access: Access,
    *,
    q: str | None = None,
    status: ClientStatus | None = None,
    limit: int = 50,
    offset: int = 0,
    view: str = "clients",
) -> tuple[Sequence[Client], int]:
    """A page of the clients in scope and how many there are; the page is audit-logged."""
    repo = ClientRepository(session)
    statement = repo.search(gate.client_filter(access), q=q, status=status)
    clients = repo.page(statement, limit=limit, offset=offset)
    gate.note_clients_listed(session, access, [c.id for c in clients], view=view)
    return clients, repo.count(statement)


def read_client(session: Session, access: Access, client_id: int) -> Client:
    """The client's record with its occupations (logged as a read)."""
    gate.open_client(session, access, client_id, what="record")
    return ClientRepository(session).with_profile(client_id)


def visible_panels(
    session: Session, access: Access, client_id: int, panels: Sequence[ClientPanel]
) -> list[tuple[ClientPanel, Access]]:
    """The panels the role may see for this client, each with its own access, in order."""
    shown = []
    for panel in sorted(panels, key=lambda p: (p.order, p.key)):
        panel_access = gate.section_access(session, access, client_id, panel.resource, panel.action)
        if panel_access is not None:
            shown.append((panel, panel_access))
    return shown


def open_file(
    session: Session, access: Access, client_id: int, panels: Sequence[ClientPanel] = ()
) -> ClientFile:
    """The client's file (logged as a read), with the sections and panels the role may see."""
    gate.open_client(session, access, client_id, what="file")
    repo = ClientRepository(session)
    client = repo.with_profile(client_id)
    sections = {
        s: gate.section_allowed(session, access, client_id, f"client.{s}") for s in SECTIONS
    }
    file = ClientFile(client=client, sections=sections)
    if sections["programmes"]:
        file.memberships = repo.memberships(client_id)
    if sections["contacts"]:
        file.contacts = repo.contacts(client_id)
    if sections["measures"]:
        file.participations = repo.participations(client_id)
    if sections["job_starts"]:
        file.job_starts = repo.job_starts(client_id)
    proposal_access = access.narrowed("proposal", "list")
    if proposal_access is not None:
        file.proposals = proposals.list_proposals(session, proposal_access, client_id=client_id)
        file.can_decide = access.may("proposal", "decide")
    for panel, panel_access in visible_panels(session, access, client_id, panels):
        file.panels.append((panel, panel.build(session, panel_access, client)))
    if sections["audit"]:
        session.flush()  # the read just logged belongs in the trail shown
        file.trail = repo.audit_trail(client_id)
    return file
