"""ORM tables, one module per aggregate. Importing this package registers every table."""

from lotse.models.api_tokens import ApiToken
from lotse.models.audit import AuditEntry
from lotse.models.availability import OfficerAbsence, OfficerWorkingHours
from lotse.models.clients import BenefitPeriod, Client, ClientOccupation, Household
from lotse.models.contacts import Contact
from lotse.models.employers import Employer, Vacancy
from lotse.models.events import EmployerEvent, EventInvitation, event_vacancies
from lotse.models.integration_point import (
    AssessedSkill,
    CaseAgency,
    CompetenceAssessment,
    Consent,
    ConsentCategory,
    Degree,
    Handover,
    HandoverItem,
    IntegrationCase,
    LanguageSkill,
    Referral,
    WorkExperience,
)
from lotse.models.kooperationsplan import (
    Kooperationsplan,
    KooperationsplanGoal,
    KooperationsplanReview,
    KooperationsplanStep,
)
from lotse.models.language import LanguageLevelRecord
from lotse.models.measures import Measure, MeasureRun, Participation
from lotse.models.organisation import Officer, Site, Team
from lotse.models.outcomes import JobStart, NotIntegrableAssessment
from lotse.models.programmes import Programme, ProgrammeMembership
from lotse.models.proposals import Proposal
from lotse.models.recognition import RecognitionProcedure
from lotse.models.users import User

__all__ = [
    "ApiToken",
    "AssessedSkill",
    "AuditEntry",
    "BenefitPeriod",
    "CaseAgency",
    "Client",
    "ClientOccupation",
    "CompetenceAssessment",
    "Consent",
    "ConsentCategory",
    "Contact",
    "Degree",
    "Employer",
    "EmployerEvent",
    "EventInvitation",
    "Handover",
    "HandoverItem",
    "Household",
    "IntegrationCase",
    "JobStart",
    "Kooperationsplan",
    "KooperationsplanGoal",
    "KooperationsplanReview",
    "KooperationsplanStep",
    "LanguageLevelRecord",
    "LanguageSkill",
    "Measure",
    "MeasureRun",
    "NotIntegrableAssessment",
    "Officer",
    "OfficerAbsence",
    "OfficerWorkingHours",
    "Participation",
    "Programme",
    "ProgrammeMembership",
    "Proposal",
    "RecognitionProcedure",
    "Referral",
    "Site",
    "Team",
    "User",
    "Vacancy",
    "WorkExperience",
    "event_vacancies",
]
