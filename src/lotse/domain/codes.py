"""The closed vocabularies of Lotse, shared by the data model, the exchange format and the rules.

Values are the exchange-format spellings (``../shared/docs/exchange-format.md``), so a value read
from a file, stored in a database and shown in an API is the same string everywhere.
"""

from __future__ import annotations

from enum import StrEnum


class ClientStatus(StrEnum):
    ACTIVE = "active"
    INTEGRATED = "integrated"
    LEFT = "left"


class Gender(StrEnum):
    """For statistics only; never a ranking feature."""

    FEMALE = "f"
    MALE = "m"
    DIVERSE = "d"


class ResidenceStatus(StrEnum):
    GERMAN = "german"
    EU = "eu"
    TEMPORARY_PROTECTION = "temporary_protection"  # § 24 AufenthG (Ukraine)
    RECOGNISED_REFUGEE = "recognised_refugee"
    SUBSIDIARY_PROTECTION = "subsidiary_protection"
    ASYLUM_PENDING = "asylum_pending"  # Aufenthaltsgestattung
    TOLERATED = "tolerated"  # Duldung § 60a AufenthG
    OTHER_PERMIT = "other_permit"


ASYLBLG_STATUSES: frozenset[ResidenceStatus] = frozenset(
    {ResidenceStatus.ASYLUM_PENDING, ResidenceStatus.TOLERATED}
)
"""Residence statuses whose holders receive benefits under the AsylbLG and are therefore no
eLb (§ 7 Abs. 1 Satz 2 Nr. 3 SGB II): the Agentur für Arbeit (SGB III), not the Jobcenter,
places them until a protection status is granted (domain.md §7)."""


class IntegrationCourseState(StrEnum):
    NONE = "none"
    ATTENDING = "attending"
    COMPLETED = "completed"


class Qualification(StrEnum):
    """Highest qualification, in ascending order."""

    NONE = "none"
    SCHOOL = "school"
    VOCATIONAL = "vocational"
    ACADEMIC = "academic"

    @property
    def rank(self) -> int:
        return list(Qualification).index(self)


class DegreeRecognition(StrEnum):
    NOT_NEEDED = "not_needed"
    NONE = "none"
    PENDING = "pending"
    PARTIAL = "partial"
    FULL = "full"


class HoursPreference(StrEnum):
    FULL = "full"
    PART = "part"
    ANY = "any"


class VacancyHours(StrEnum):
    FULL = "full"
    PART = "part"


class VacancyStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class IntegrationKind(StrEnum):
    """Kinds of job start. Only some are an *Integration* under § 5(1) 48a-KennzahlenV."""

    EMPLOYMENT = "employment"  # sozialversicherungspflichtig, also with a wage subsidy
    APPRENTICESHIP = "apprenticeship"  # vollqualifizierende Berufsausbildung
    SELF_EMPLOYMENT = "self_employment"
    MINIJOB = "minijob"  # geringfügige Beschäftigung: own entry rate, no Integration
    PUBLIC_EMPLOYMENT = "public_employment"  # öffentlich geförderte Beschäftigung, e.g. § 16i

    @property
    def counts_as_integration(self) -> bool:
        """Whether a start of this kind is an Integration in the K2 sense (§ 5(1) KennzahlenV)."""
        return self in (
            IntegrationKind.EMPLOYMENT,
            IntegrationKind.APPRENTICESHIP,
            IntegrationKind.SELF_EMPLOYMENT,
        )


class ProposalOutcome(StrEnum):
    HIRED = "hired"
    NOT_HIRED = "not_hired"


class ProposalDecision(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ProposalSource(StrEnum):
    MATCHER = "matcher"
    OFFICER = "officer"
    IMPORT = "import"


class ContactChannel(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    EMAIL = "email"


class ContactStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"


class AbsenceKind(StrEnum):
    """Why an officer takes no appointments on some days."""

    LEAVE = "leave"  # Urlaub
    SICK = "sick"
    TRAINING = "training"
    OTHER = "other"


class NotIntegrableReason(StrEnum):
    LANGUAGE = "language"
    HEALTH = "health"
    CHILDCARE = "childcare"
    CARE_OF_RELATIVES = "care_of_relatives"
    RESIDENCE_STATUS = "residence_status"
    OTHER = "other"


class ProgrammeKind(StrEnum):
    PROGRAMME = "programme"
    FOCUS_GROUP = "focus_group"


class Role(StrEnum):
    OFFICER = "officer"  # Vermittlungsfachkraft: own caseload
    TEAM_LEAD = "team_lead"  # the team's caseloads
    EMPLOYER_SERVICE = "employer_service"  # Arbeitgeberservice
    CONTROLLING = "controlling"  # pseudonymised aggregates only
    PARTNER_AGENCY = "partner_agency"  # shared part of a case, with consent
    ADMIN = "admin"


class EventKind(StrEnum):
    INFO_DAY = "info_day"
    COMPANY_VISIT = "company_visit"
    INFO_ROUND = "info_round"
    STAND = "stand"
    ACTION_WEEK = "action_week"
    JOB_FAIR = "job_fair"


class InvitationStatus(StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class InvitationResult(StrEnum):
    INTERNSHIP = "internship"
    HIRE = "hire"
    NOTHING = "nothing"


class ParticipationStatus(StrEnum):
    WAITING = "waiting"  # on a waiting list
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    DROPPED_OUT = "dropped_out"


class AuditAction(StrEnum):
    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    IMPORT = "import"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    DENIED = "denied"
