"""The competence assessment: recorded once, and fed into eligibility and matching.

Work experience, degrees (with recognition), languages and ESCO skills are kept in their own
tables. Saving the assessment also updates the client record where eligibility and matching
read these facts (``qualification``, ``degree_recognition``, ``experience_years``, the target
occupations when none are set, ``languages`` and the German level with a pathway entry), so
there is one place to record them and one truth to decide by.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.domain.agencies import Agency
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import AuditAction, DegreeRecognition, Qualification
from lotse.domain.measure_codes import LanguageLevelSource
from lotse.errors import InvalidInput, NotFound, Problem
from lotse.integration_point.access import open_case, require_lead
from lotse.integration_point.repository import AssessmentRepository, has_targets
from lotse.integration_point.schemas import (
    AssessmentRead,
    AssessmentWrite,
    DegreeWrite,
    ExperienceWrite,
    LanguageWrite,
    SkillWrite,
)
from lotse.measures import participation
from lotse.measures.schemas import LanguageLevelCreate
from lotse.models import (
    AssessedSkill,
    Client,
    ClientOccupation,
    CompetenceAssessment,
    Degree,
    LanguageSkill,
    WorkExperience,
)
from lotse.reference import esco
from lotse.reference.kldb import is_occupation

MAX_TARGETS = 3


def _check(data: AssessmentWrite) -> None:
    problems = []
    for i, e in enumerate(data.experiences):
        if e.kldb is not None and not is_occupation(e.kldb):
            problems.append(
                Problem(
                    "unknown_kldb",
                    "not a KldB 2010 occupation code",
                    column=f"experiences.{i}.kldb",
                    value=e.kldb,
                )
            )
    for i, d in enumerate(data.degrees):
        if d.kldb is not None and not is_occupation(d.kldb):
            problems.append(
                Problem(
                    "unknown_kldb",
                    "not a KldB 2010 occupation code",
                    column=f"degrees.{i}.kldb",
                    value=d.kldb,
                )
            )
    for i, s in enumerate(data.skills):
        if esco.skill(s.esco_uri) is None:
            problems.append(
                Problem(
                    "unknown_skill",
                    "not an ESCO skill Lotse knows",
                    column=f"skills.{i}.esco_uri",
                    value=s.esco_uri,
                )
            )
    if problems:
        raise InvalidInput(problems)


def save(session: Session, access: Access, client_id: int, data: AssessmentWrite) -> AssessmentRead:
    """Record or replace the assessment (the lead agency does) and update the client record."""
    opened = open_case(session, access, client_id, action=AuditAction.UPDATE, what="ip_assessment")
    require_lead(session, access, opened, what="ip_assessment")
    assessment = store(
        session,
        opened.client,
        data,
        owner=opened.sight.agency,
        by_user=access.principal.user_id,
    )
    return to_read(assessment, opened.client)


def store(
    session: Session,
    client: Client,
    data: AssessmentWrite,
    *,
    owner: Agency,
    by_user: int | None = None,
) -> CompetenceAssessment:
    """Write the assessment (no access check) and carry its facts into the client record."""
    _check(data)
    repo = AssessmentRepository(session)
    assessment = repo.of_client(client.id)
    if assessment is None:
        assessment = CompetenceAssessment(client_id=client.id, owner_agency=owner)
        session.add(assessment)
    assessment.assessed_on = data.assessed_on
    assessment.assessed_by = by_user
    assessment.german_level = data.german_level
    assessment.notes = data.notes
    assessment.experiences = [WorkExperience(**e.model_dump()) for e in data.experiences]
    assessment.degrees = [Degree(**d.model_dump()) for d in data.degrees]
    assessment.languages = [LanguageSkill(**lang.model_dump()) for lang in data.languages]
    assessment.skills = [AssessedSkill(esco_uri=s.esco_uri, label=_label(s)) for s in data.skills]
    session.flush()
    _to_client(session, client, data)
    return assessment


def _label(skill: SkillWrite) -> str:
    known = esco.skill(skill.esco_uri)
    return known.label if known is not None else skill.label


def highest_degree(degrees: list[DegreeWrite]) -> DegreeWrite | None:
    """The degree of the highest level (the first of them if several)."""
    best: DegreeWrite | None = None
    for degree in degrees:
        if best is None or degree.level.rank > best.level.rank:
            best = degree
    return best


def experience_years(experiences: list[ExperienceWrite]) -> float:
    """Years of work experience, summed and rounded to half years (the client field's unit)."""
    return round(sum(e.years for e in experiences) * 2) / 2


def _to_client(session: Session, client: Client, data: AssessmentWrite) -> None:
    best = highest_degree(data.degrees)
    if best is not None:
        client.qualification = best.level
        client.degree_recognition = (
            DegreeRecognition.NOT_NEEDED
            if best.level in (Qualification.NONE, Qualification.SCHOOL)
            and best.recognition is DegreeRecognition.NONE
            else best.recognition
        )
    if data.experiences:
        client.experience_years = experience_years(data.experiences)
    _targets(session, client, data)
    if data.languages:
        client.languages = _language_order(data.languages)
    if data.german_level is not None and data.german_level != client.german_level:
        participation.record_level(
            session,
            client,
            LanguageLevelCreate(
                level=data.german_level,
                recorded_on=data.assessed_on,
                source=LanguageLevelSource.OFFICER,
                note="Kompetenzfeststellung (Integration Point)",
            ),
        )
        client.german_level = data.german_level


def _language_order(languages: list[LanguageWrite]) -> list[str]:
    """Native languages first, then by level (best first), each once."""

    def key(lang: LanguageWrite) -> tuple[int, int]:
        return (0 if lang.native else 1, -(lang.level or CefrLevel.A0).rank)

    return list(dict.fromkeys(lang.language for lang in sorted(languages, key=key)))


def _targets(session: Session, client: Client, data: AssessmentWrite) -> None:
    """Target occupations from degrees and experience, if the client has none yet."""
    if has_targets(session, client.id):
        return
    codes = [d.kldb for d in data.degrees if d.kldb]
    codes += [e.kldb for e in sorted(data.experiences, key=lambda e: -e.years) if e.kldb]
    for position, code in enumerate(list(dict.fromkeys(codes))[:MAX_TARGETS]):
        session.add(ClientOccupation(client_id=client.id, kldb=code, position=position))
    session.flush()


def read(session: Session, access: Access, client_id: int) -> AssessmentRead:
    opened = open_case(session, access, client_id, what="ip_assessment")
    assessment = AssessmentRepository(session).of_client(client_id)
    if assessment is None:
        raise NotFound(f"client {client_id} has no competence assessment")
    return to_read(assessment, opened.client)


def to_read(assessment: CompetenceAssessment, client: Client) -> AssessmentRead:
    experiences = [
        ExperienceWrite(
            title=e.title, kldb=e.kldb, country=e.country, years=e.years, last_year=e.last_year
        )
        for e in assessment.experiences
    ]
    degrees = [
        DegreeWrite(
            title=d.title,
            level=d.level,
            country=d.country,
            year=d.year,
            kldb=d.kldb,
            recognition=d.recognition,
            regulated=d.regulated,
        )
        for d in assessment.degrees
    ]
    best = highest_degree(degrees)
    return AssessmentRead(
        client_id=client.id,
        owner_agency=assessment.owner_agency,
        assessed_on=assessment.assessed_on,
        german_level=assessment.german_level,
        notes=assessment.notes,
        experiences=experiences,
        degrees=degrees,
        languages=[
            LanguageWrite(language=lang.language, level=lang.level, native=lang.native)
            for lang in assessment.languages
        ],
        skills=[SkillWrite(esco_uri=s.esco_uri, label=s.label) for s in assessment.skills],
        experience_years=experience_years(experiences),
        qualification=best.level if best else None,
    )
