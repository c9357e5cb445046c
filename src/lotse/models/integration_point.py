"""The Integration Point: one case of a person shared by four agencies, with consent.

Every row names the agency that owns it (``owner_agency``). Measures, the language pathway and
job starts of the person (tables of their own features) belong to the case and so to its lead
agency; a handover moves them, and the competence assessment, to the new lead.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.agencies import Agency, ConsentPurpose, DataCategory
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import DegreeRecognition, Qualification, ResidenceStatus
from lotse.domain.integration_point import (
    AsylumState,
    CaseStatus,
    ContactPlace,
    HandoverReason,
    ReferralKind,
    ReferralStatus,
)
from lotse.models._common import IdMixin, TimestampMixin


def _client_fk() -> sa.ForeignKey:
    return sa.ForeignKey("clients.id", ondelete="CASCADE")


def _agency(name: str, **kw: object) -> Mapped[Agency]:
    return mapped_column(str_enum(Agency, name=name), **kw)  # type: ignore[arg-type]


class IntegrationCase(IdMixin, TimestampMixin, Base):
    """A person's case at the Integration Point, from first contact on; one per person."""

    __tablename__ = "ip_cases"

    client_id: Mapped[int] = mapped_column(_client_fk(), unique=True)
    lead_agency: Mapped[Agency] = _agency("lead_agency", index=True)
    owner_agency: Mapped[Agency] = _agency(
        "owner_agency", comment="the agency that opened the case (owns this row with the lead)"
    )
    status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus), default=CaseStatus.OPEN)
    first_contact_on: Mapped[date] = mapped_column(index=True)
    first_contact_place: Mapped[ContactPlace] = mapped_column(str_enum(ContactPlace))
    first_contact_note: Mapped[str | None] = mapped_column(
        sa.String(300), comment="e.g. the shelter's name"
    )
    residence_status_at_contact: Mapped[ResidenceStatus | None] = mapped_column(
        str_enum(ResidenceStatus, name="residence_at_contact"),
        comment="legal status at first contact (for the figures)",
    )
    asylum_state: Mapped[AsylumState] = mapped_column(str_enum(AsylumState))
    asylum_decided_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    opened_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    agencies: Mapped[list[CaseAgency]] = relationship(
        back_populates="case", lazy="raise", cascade="all, delete-orphan", order_by="CaseAgency.id"
    )


class CaseAgency(IdMixin, Base):
    """An agency taking part in a case from ``since`` until ``until`` (empty: still)."""

    __tablename__ = "ip_case_agencies"
    __table_args__ = (sa.UniqueConstraint("case_id", "agency", "since"),)

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ip_cases.id", ondelete="CASCADE"), index=True
    )
    agency: Mapped[Agency] = _agency("agency")
    since: Mapped[date]
    until: Mapped[date | None]

    case: Mapped[IntegrationCase] = relationship(back_populates="agencies", lazy="raise")


class Consent(IdMixin, TimestampMixin, Base):
    """What the person agreed to share with one agency, for one purpose, from when until when.

    Evidence: the signed form's reference and date, and the interpreter if one translated.
    A revocation (``revoked_at``) ends it at once.
    """

    __tablename__ = "ip_consents"
    __table_args__ = (
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from", name="until_after_from"
        ),
    )

    client_id: Mapped[int] = mapped_column(_client_fk(), index=True)
    recipient: Mapped[Agency] = _agency("recipient", index=True)
    purpose: Mapped[ConsentPurpose] = mapped_column(str_enum(ConsentPurpose))
    valid_from: Mapped[date]
    valid_until: Mapped[date | None]
    signed_on: Mapped[date] = mapped_column(comment="date on the signed consent form")
    form_reference: Mapped[str] = mapped_column(
        sa.String(100), comment="where the signed form is filed (e-Akte number)"
    )
    interpreter: Mapped[str | None] = mapped_column(
        sa.String(200), comment="who interpreted when the person signed"
    )
    interpreter_language: Mapped[str | None] = mapped_column(sa.String(3))
    owner_agency: Mapped[Agency] = _agency("owner_agency")
    recorded_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None]
    revoked_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    revocation_note: Mapped[str | None] = mapped_column(sa.String(500))

    categories: Mapped[list[ConsentCategory]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="ConsentCategory.category"
    )

    @property
    def category_set(self) -> frozenset[DataCategory]:
        return frozenset(c.category for c in self.categories)


class ConsentCategory(Base):
    """One category of data a consent covers."""

    __tablename__ = "ip_consent_categories"

    consent_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ip_consents.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[DataCategory] = mapped_column(str_enum(DataCategory), primary_key=True)


class CompetenceAssessment(IdMixin, TimestampMixin, Base):
    """The competence assessment, recorded once per person and kept up to date."""

    __tablename__ = "ip_assessments"

    client_id: Mapped[int] = mapped_column(_client_fk(), unique=True)
    owner_agency: Mapped[Agency] = _agency("owner_agency")
    assessed_on: Mapped[date]
    assessed_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    german_level: Mapped[CefrLevel | None] = mapped_column(str_enum(CefrLevel))
    notes: Mapped[str | None] = mapped_column(sa.Text)

    experiences: Mapped[list[WorkExperience]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="WorkExperience.id"
    )
    degrees: Mapped[list[Degree]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="Degree.id"
    )
    languages: Mapped[list[LanguageSkill]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="LanguageSkill.id"
    )
    skills: Mapped[list[AssessedSkill]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="AssessedSkill.id"
    )


class WorkExperience(IdMixin, Base):
    __tablename__ = "ip_work_experiences"
    __table_args__ = (sa.CheckConstraint("years >= 0", name="years_nonneg"),)

    assessment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ip_assessments.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    kldb: Mapped[str | None] = mapped_column(sa.String(5))
    country: Mapped[str | None] = mapped_column(sa.String(2))
    years: Mapped[float]
    last_year: Mapped[int | None]


class Degree(IdMixin, Base):
    __tablename__ = "ip_degrees"

    assessment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ip_assessments.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    level: Mapped[Qualification] = mapped_column(str_enum(Qualification))
    country: Mapped[str | None] = mapped_column(sa.String(2))
    year: Mapped[int | None]
    kldb: Mapped[str | None] = mapped_column(sa.String(5), comment="German reference occupation")
    recognition: Mapped[DegreeRecognition] = mapped_column(str_enum(DegreeRecognition))
    regulated: Mapped[bool | None] = mapped_column(comment="reglementierter Beruf")


class LanguageSkill(IdMixin, Base):
    __tablename__ = "ip_language_skills"

    assessment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ip_assessments.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(sa.String(3), comment="ISO 639-1")
    level: Mapped[CefrLevel | None] = mapped_column(str_enum(CefrLevel))
    native: Mapped[bool] = mapped_column(default=False)


class AssessedSkill(IdMixin, Base):
    """A skill in ESCO terms (URI and label), e.g. from the occupation's essential skills."""

    __tablename__ = "ip_skills"

    assessment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ip_assessments.id", ondelete="CASCADE"), index=True
    )
    esco_uri: Mapped[str] = mapped_column(sa.String(200))
    label: Mapped[str] = mapped_column(sa.String(300))


class Referral(IdMixin, TimestampMixin, Base):
    """A referral from one agency to another, or to a counselling service, with its outcome."""

    __tablename__ = "ip_referrals"
    __table_args__ = (
        sa.CheckConstraint("due_on >= referred_on", name="due_after_referral"),
        sa.CheckConstraint("to_agency IS NOT NULL OR to_service IS NOT NULL", name="has_recipient"),
    )

    client_id: Mapped[int] = mapped_column(_client_fk(), index=True)
    kind: Mapped[ReferralKind] = mapped_column(str_enum(ReferralKind))
    from_agency: Mapped[Agency] = _agency("from_agency")
    to_agency: Mapped[Agency | None] = mapped_column(str_enum(Agency, name="to_agency"))
    to_service: Mapped[str | None] = mapped_column(
        sa.String(200), comment="a service outside the four agencies (e.g. IQ counselling)"
    )
    status: Mapped[ReferralStatus] = mapped_column(str_enum(ReferralStatus), index=True)
    referred_on: Mapped[date]
    due_on: Mapped[date] = mapped_column(index=True)
    completed_on: Mapped[date | None]
    outcome: Mapped[str | None] = mapped_column(sa.String(1000))
    note: Mapped[str | None] = mapped_column(sa.String(1000))
    consent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("ip_consents.id", ondelete="SET NULL"),
        comment="the consent that allowed sending the case to the receiving agency",
    )
    owner_agency: Mapped[Agency] = _agency("owner_agency")
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))


class Handover(IdMixin, TimestampMixin, Base):
    """Responsibility moving from one agency to another, with a checklist and a deadline."""

    __tablename__ = "ip_handovers"
    __table_args__ = (sa.CheckConstraint("due_on >= decided_on", name="due_after_decision"),)

    client_id: Mapped[int] = mapped_column(_client_fk(), index=True)
    reason: Mapped[HandoverReason] = mapped_column(str_enum(HandoverReason))
    from_agency: Mapped[Agency] = _agency("from_agency")
    to_agency: Mapped[Agency] = _agency("to_agency")
    decided_on: Mapped[date]
    due_on: Mapped[date] = mapped_column(index=True)
    completed_on: Mapped[date | None]
    carried_over: Mapped[dict[str, int]] = mapped_column(
        sa.JSON, default=dict, comment="what moved with the case: assessment, measures, ..."
    )
    owner_agency: Mapped[Agency] = _agency("owner_agency")
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    items: Mapped[list[HandoverItem]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="HandoverItem.position"
    )


class HandoverItem(IdMixin, Base):
    __tablename__ = "ip_handover_items"
    __table_args__ = (sa.UniqueConstraint("handover_id", "key"),)

    handover_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ip_handovers.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    key: Mapped[str] = mapped_column(sa.String(64))
    done_on: Mapped[date | None]
    done_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
