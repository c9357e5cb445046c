"""Service options the web pages need: results narrowed to a user's clients, and eligibility
of a whole caseload for a set of measures."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.contacts import service as contacts
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import ContactStatus, NotIntegrableReason
from lotse.events import service as events
from lotse.kooperationsplan import service as plans
from lotse.kooperationsplan.schemas import PlanCreate
from lotse.measures.service import eligible_clients
from lotse.models import Client, NotIntegrableAssessment
from lotse.not_integrable import service as not_integrable
from lotse.recognition import service as recognition
from lotse.recognition.schemas import DocumentsComplete, RecognitionCreate
from tests import factories as f


def test_eligible_clients_groups_a_caseload_by_measure(session: Session) -> None:
    b1 = f.make_client(session, german_level=CefrLevel.B1)
    a1 = f.make_client(session, german_level=CefrLevel.A1)
    found = eligible_clients(session, [b1, a1], ["bsk_basis_b1_b2", "no_such"], on=date(2026, 3, 1))
    # Berufssprachkurs B1→B2 starts at B1 (§ 4 DeuFöV): B1 fits, A1 does not; an unknown
    # code has no rules and is left out.
    assert found == {"bsk_basis_b1_b2": [b1.id]}


def test_the_worklist_reads_only_the_clients_it_is_narrowed_to(session: Session) -> None:
    programme = f.make_programme(session, contacts_per_month=1.0)
    mine = f.make_client(session)
    other = f.make_client(session)
    for client in (mine, other):
        f.make_membership(session, client=client, programme=programme, since=date(2025, 1, 1))
        f.make_contact(session, client=client, status=ContactStatus.DONE,
                       scheduled_at=datetime(2025, 1, 10, 9, tzinfo=UTC))  # fmt: skip
    today = date(2025, 6, 1)
    everyone = contacts.worklist(session, today=today, actor="test")
    narrowed = contacts.worklist(session, today=today, actor="test", clients=Client.id == mine.id)
    # One contact a month, the last one in January: both are overdue by June.
    assert {r.client_id for r in everyone} >= {mine.id, other.id}
    assert [r.client_id for r in narrowed] == [mine.id]


def test_overdue_reviews_can_be_narrowed_to_a_caseload(session: Session) -> None:
    mine, other = f.make_client(session), f.make_client(session)
    for client in (mine, other):
        session.add(NotIntegrableAssessment(client_id=client.id, reason=NotIntegrableReason.HEALTH,
                                            assessed_on=date(2025, 1, 1),
                                            review_on=date(2025, 2, 1)))  # fmt: skip
        plans.create(session, client, PlanCreate(potential_analysis_on=date(2025, 1, 1),
                                                 agreed_on=date(2025, 1, 2),
                                                 next_review_on=date(2025, 3, 1),
                                                 goals=["Arbeit"]))  # fmt: skip
        procedure = recognition.start(
            session, client, RecognitionCreate(profession="Pflege", applied_on=date(2025, 1, 5))
        )
        # Documents complete: the authority must decide within three months (§ 14 BQFG).
        recognition.documents_complete(
            session, procedure.id, DocumentsComplete(on=date(2025, 1, 6))
        )
    session.flush()
    on, only = date(2026, 1, 1), Client.id == mine.id
    assert {
        r.assessment.client_id for r in not_integrable.overdue(session, on=on, clients=only)
    } == {mine.id}
    assert {r.client_ref for r in plans.overdue(session, on=on, clients=only)} == {mine.ref}
    assert {r.client_ref for r in recognition.overdue(session, on=on, clients=only)} <= {mine.ref}


def test_event_candidates_can_be_narrowed_to_a_caseload(session: Session) -> None:
    event = f.make_event(session)
    mine, other = f.make_client(session), f.make_client(session)
    pool = events.candidate_list(session, event.id, actor="t", limit=500)
    narrowed = events.candidate_list(session, event.id, actor="t", clients=Client.id == mine.id)
    assert {mine.id, other.id} <= {c.client_id for c in pool}
    assert [c.client_id for c in narrowed] == [mine.id]
    assert session.scalar(sa.select(sa.func.count()).select_from(Client)) >= 2
