"""Recognition procedures: steps, the three-month decision deadline, overdue procedures."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from lotse.domain.codes import DegreeRecognition, Qualification
from lotse.domain.measure_codes import RecognitionOutcome
from lotse.errors import InvalidInput, InvalidTransition
from lotse.models import Client
from lotse.recognition import service
from lotse.recognition.schemas import (
    Application,
    DocumentsComplete,
    Extension,
    RecognitionCreate,
    RecognitionDecision,
)
from lotse.validation import parse
from tests.factories import make_client


def nurse(session: Session) -> Client:
    return make_client(
        session,
        citizenship="UA",
        qualification=Qualification.VOCATIONAL,
        degree_recognition=DegreeRecognition.NONE,
    )


def test_a_procedure_is_due_three_months_after_complete_documents(session: Session) -> None:
    client = nurse(session)
    p = service.start(
        session,
        client,
        RecognitionCreate(
            profession="Pflegefachfrau",
            kldb="81302",
            regulated=True,
            counselled_on=date(2025, 1, 3),
        ),
    )
    assert service.status(p, client.ref, on=date(2025, 1, 5)).next_step == "application"
    service.apply(session, p.id, Application(on=date(2025, 1, 10)))
    assert client.degree_recognition is DegreeRecognition.PENDING
    service.documents_complete(session, p.id, DocumentsComplete(on=date(2025, 1, 15)))
    # § 6 Abs. 3 BQFG with §§ 187, 188 BGB: 15.1. + 3 months = 15.4.2025
    assert p.decision_due_on == date(2025, 4, 15)
    assert service.overdue(session, on=date(2025, 4, 15)) == []
    (late,) = service.overdue(session, on=date(2025, 4, 16))
    assert (late.procedure.id, late.days_overdue, late.next_step) == (p.id, 1, "decision")


def test_the_deadline_can_be_extended_once(session: Session) -> None:
    client = nurse(session)
    p = service.start(
        session, client, RecognitionCreate(profession="Ärztin", applied_on=date(2025, 11, 1))
    )
    service.documents_complete(session, p.id, DocumentsComplete(on=date(2025, 11, 30)))
    assert p.decision_due_on == date(2026, 2, 28)  # no 30 February: § 188 Abs. 3 BGB
    service.extend(session, p.id, Extension(to=date(2026, 4, 30), reason="Gutachten nötig"))
    assert service.overdue(session, on=date(2026, 3, 15)) == []
    with pytest.raises(InvalidTransition):
        service.extend(session, p.id, Extension(to=date(2026, 6, 30), reason="noch einmal"))


def test_the_decision_sets_the_clients_recognition_and_ends_the_deadline(session: Session) -> None:
    client = nurse(session)
    p = service.start(
        session,
        client,
        RecognitionCreate(profession="Pflegefachfrau", applied_on=date(2025, 1, 10)),
    )
    service.documents_complete(session, p.id, DocumentsComplete(on=date(2025, 1, 15)))
    service.decide(
        session,
        p.id,
        RecognitionDecision(
            on=date(2025, 5, 2),
            outcome=RecognitionOutcome.PARTIAL,
            adaptation="Anpassungslehrgang 6 Monate",
        ),
    )
    assert client.degree_recognition is DegreeRecognition.PARTIAL
    assert service.overdue(session, on=date(2025, 6, 1)) == []
    with pytest.raises(InvalidTransition):
        service.decide(
            session, p.id, RecognitionDecision(on=date(2025, 6, 1), outcome=RecognitionOutcome.FULL)
        )


def test_documents_cannot_be_complete_before_an_application(session: Session) -> None:
    client = nurse(session)
    p = service.start(session, client, RecognitionCreate(profession="Elektroniker"))
    with pytest.raises(InvalidTransition):
        service.documents_complete(session, p.id, DocumentsComplete(on=date(2025, 2, 1)))
    service.apply(session, p.id, Application(on=date(2025, 2, 10)))
    with pytest.raises(InvalidInput):
        service.documents_complete(session, p.id, DocumentsComplete(on=date(2025, 2, 1)))
    assert p.documents_complete_on is None


def test_an_unknown_occupation_code_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse(RecognitionCreate, {"profession": "Pflege", "kldb": "99999"})
    assert caught.value.problems[0].column == "kldb"
