"""Consents: recorded with their evidence by the lead agency, revocable at any agency, at once.

A consent names one recipient agency, one purpose, the categories of data it covers, and its
validity. ``basic`` (who the person is, where the case stands) is always part of it: no part
can be shared without saying whose it is. Revocation must be as easy as giving consent (Art. 7
Abs. 3 GDPR), so every agency that sees the case may record it; it acts from that moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.domain.agencies import Agency, DataCategory, consent_holds
from lotse.domain.codes import AuditAction
from lotse.errors import Conflict, InvalidInput, NotFound, Problem
from lotse.integration_point.access import clock_of, open_case, require_lead
from lotse.integration_point.repository import ConsentRepository
from lotse.integration_point.schemas import ConsentCreate, ConsentRead, Revocation
from lotse.models import Client, Consent, ConsentCategory


def record(session: Session, access: Access, client_id: int, data: ConsentCreate) -> Consent:
    """Record a consent the person signed (only the agency leading the case does)."""
    opened = open_case(
        session,
        access,
        client_id,
        action=AuditAction.CREATE,
        what="ip_consent",
        detail={
            "recipient": data.recipient.value,
            "purpose": data.purpose.value,
            "categories": sorted({c.value for c in data.categories} | {"basic"}),
        },
    )
    require_lead(session, access, opened, what="ip_consent")
    if opened.case is None:
        raise NotFound(f"client {client_id} has no Integration Point case")
    return add(
        session,
        opened.client,
        data,
        owner=opened.sight.agency,
        by_user=access.principal.user_id,
    )


def add(
    session: Session,
    client: Client,
    data: ConsentCreate,
    *,
    owner: Agency,
    by_user: int | None = None,
) -> Consent:
    """Store a consent (no access check: callers do that)."""
    if data.recipient == owner:
        raise InvalidInput(
            Problem(
                "own_agency",
                "an agency needs no consent to see the case it leads",
                column="recipient",
                value=data.recipient.value,
            )
        )
    if data.valid_from < data.signed_on:
        raise InvalidInput(
            Problem(
                "signed_after_start",
                "a consent cannot hold before it was signed",
                column="valid_from",
                value=data.valid_from.isoformat(),
            )
        )
    consent = Consent(
        client_id=client.id,
        recipient=data.recipient,
        purpose=data.purpose,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
        signed_on=data.signed_on,
        form_reference=data.form_reference,
        interpreter=data.interpreter or None,
        interpreter_language=data.interpreter_language,
        owner_agency=owner,
        recorded_by=by_user,
    )
    categories = {DataCategory.BASIC, *data.categories}
    consent.categories = [ConsentCategory(category=c) for c in sorted(categories)]
    return ConsentRepository(session).add(consent)


def revoke(session: Session, access: Access, consent_id: int, data: Revocation) -> Consent:
    """Record that the person revoked a consent; it stops sharing this very moment."""
    consent = ConsentRepository(session).get(consent_id)
    open_case(
        session,
        access,
        consent.client_id,
        action=AuditAction.UPDATE,
        what="ip_consent_revocation",
        detail={"consent_id": consent.id, "recipient": consent.recipient.value},
    )
    return withdraw(session, consent, note=data.note, by_user=access.principal.user_id)


def withdraw(
    session: Session,
    consent: Consent,
    *,
    note: str | None = None,
    by_user: int | None = None,
    at: datetime | None = None,
) -> Consent:
    if consent.revoked_at is not None:
        raise Conflict(f"consent {consent.id} was revoked already")
    consent.revoked_at = at or datetime.now(UTC)
    consent.revoked_by = by_user
    consent.revocation_note = note
    session.flush()
    return consent


def of_client(session: Session, access: Access, client_id: int) -> list[ConsentRead]:
    open_case(session, access, client_id, what="ip_consents")
    on = clock_of(access)
    return [to_read(c, on=on) for c in ConsentRepository(session).of_client(client_id)]


def to_read(consent: Consent, *, on: date) -> ConsentRead:
    return ConsentRead(
        id=consent.id,
        client_id=consent.client_id,
        recipient=consent.recipient,
        purpose=consent.purpose,
        categories=sorted(consent.category_set),
        valid_from=consent.valid_from,
        valid_until=consent.valid_until,
        signed_on=consent.signed_on,
        form_reference=consent.form_reference,
        interpreter=consent.interpreter,
        interpreter_language=consent.interpreter_language,
        owner_agency=consent.owner_agency,
        revoked_at=consent.revoked_at,
        revocation_note=consent.revocation_note,
        in_force=consent_holds(
            valid_from=consent.valid_from,
            valid_until=consent.valid_until,
            revoked_at=consent.revoked_at,
            on=on,
        ),
    )


def list_rows(session: Session, client_id: int) -> Sequence[Consent]:
    return ConsentRepository(session).of_client(client_id)
