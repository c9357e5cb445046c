"""The catalogue in the database: Lotse's measures, local ones, eligibility per client."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import IntegrationCourseState, ResidenceStatus
from lotse.domain.eligibility import Decision
from lotse.errors import InvalidInput
from lotse.measures import service
from lotse.measures.catalogue import load_file, packaged
from lotse.models import Measure
from tests.factories import make_client

LOCAL = """
measures:
  - code: sprachcafe_koethen
    name: Sprachcafé Köthen
    kind: other
    legal_basis: § 16a SGB II (kommunale Eingliederungsleistung)
    rules:
      - id: bis_a2
        effect: eligible
        when: {german_level_max: A2}
        reason: Für Menschen mit Deutsch bis A2
        legal_basis: § 16a SGB II
"""


def count(session: Session) -> int:
    return int(session.scalar(sa.select(sa.func.count(Measure.id))) or 0)


def local_file(tmp_path: Path, text: str = LOCAL) -> Path:
    path = tmp_path / "lokal.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loading_the_catalogue_twice_keeps_one_row_per_measure(session: Session) -> None:
    service.load_catalogue(session)
    service.load_catalogue(session)
    assert count(session) == len(packaged())
    row = session.scalars(sa.select(Measure).where(Measure.code == "avgs_mag")).one()
    assert row.max_weeks == 6
    assert not row.local
    assert {r["id"] for r in row.rules["rules"]} >= {
        "avgs_betrieb_6_wochen",
        "mag_arbeitserlaubnis",
    }


def test_a_local_measure_is_added_from_a_file_and_answers_eligibility(
    session: Session, tmp_path: Path
) -> None:
    service.add_local_measures(session, load_file(local_file(tmp_path)))
    client = make_client(session, german_level=CefrLevel.A1)
    (answer,) = service.eligibility_for_client(
        session, client, on=date(2025, 6, 1), codes=["sprachcafe_koethen"]
    )
    assert answer.decision is Decision.ELIGIBLE
    assert answer.reasons[0].legal_basis == "§ 16a SGB II"
    assert service.definition(session, "sprachcafe_koethen").local


def test_a_local_measure_cannot_take_the_code_of_a_built_in_one(
    session: Session, tmp_path: Path
) -> None:
    before = count(session)
    entries = load_file(local_file(tmp_path, LOCAL.replace("sprachcafe_koethen", "egz")))
    with pytest.raises(InvalidInput) as caught:
        service.add_local_measures(session, entries)
    assert caught.value.problems[0].value == "egz"
    assert count(session) == before


def test_an_existing_local_measure_is_only_replaced_when_asked(
    session: Session, tmp_path: Path
) -> None:
    service.add_local_measures(session, load_file(local_file(tmp_path)))
    changed = load_file(local_file(tmp_path, LOCAL.replace("Sprachcafé Köthen", "Sprachcafé")))
    with pytest.raises(InvalidInput):
        service.add_local_measures(session, changed)
    (row,) = service.add_local_measures(session, changed, replace=True)
    assert row.name == "Sprachcafé"


def test_eligibility_for_a_client_covers_every_measure_in_catalogue_order(session: Session) -> None:
    client = make_client(
        session,
        residence_status=ResidenceStatus.TEMPORARY_PROTECTION,
        citizenship="UA",
        german_level=CefrLevel.A1,
        integration_course=IntegrationCourseState.NONE,
    )
    answers = service.eligibility_for_client(session, client, on=date(2025, 6, 1))
    assert [a.measure for a in answers] == [m.code for m in packaged()]
    by_code = {a.measure: a.decision for a in answers}
    # § 44 Abs. 4 S. 2 Nr. 3 AufenthG
    assert by_code["integrationskurs"] is Decision.ELIGIBLE_IF_SEATS


def test_asking_about_an_unknown_measure_names_it(session: Session) -> None:
    client = make_client(session)
    with pytest.raises(InvalidInput) as caught:
        service.eligibility_for_client(session, client, on=date(2025, 6, 1), codes=["yoga"])
    assert caught.value.problems[0].value == "yoga"
    assert "integrationskurs" in caught.value.problems[0].message
