"""Agencies of an Integration Point, the categories of a shared case, and when consent holds.

At an Integration Point (``docs/integration-point.md``) four agencies work one case: the
employment agency (SGB III, placement of asylum seekers and tolerated people), the Jobcenter
(SGB II, after recognition), the social office (AsylbLG benefits, childcare, housing) and the
immigration office (residence). Each keeps its own social data (§ 35 SGB I: the Sozialgeheimnis
holds *between* agencies too); another agency sees a part of the case only when the person
consented to share that part with it (§ 67b Abs. 2 SGB X, Art. 9 Abs. 2 lit. a GDPR), or when
the law transfers it (the change of responsibility after the asylum decision, § 50 SGB II).

Everything here is pure: no database, no web.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

__all__ = [
    "RESOURCE_CATEGORY",
    "Agency",
    "ConsentPurpose",
    "DataCategory",
    "category_of",
    "consent_holds",
]


class Agency(StrEnum):
    """The four agencies of an Integration Point."""

    EMPLOYMENT_AGENCY = "employment_agency"  # Agentur für Arbeit (SGB III)
    JOBCENTER = "jobcenter"  # SGB II
    SOCIAL_OFFICE = "social_office"  # Sozialamt (AsylbLG, SGB XII, childcare with the Jugendamt)
    IMMIGRATION_OFFICE = "immigration_office"  # Ausländerbehörde

    @property
    def label(self) -> str:
        """The German name."""
        return _LABELS[self]

    @classmethod
    def parse(cls, text: str | None) -> Agency | None:
        """The agency a code or a German name stands for (``None`` if unknown).

        ``User.agency`` is free text; accounts may name the agency in German.

        >>> Agency.parse("Ausländerbehörde"), Agency.parse("jobcenter")
        (<Agency.IMMIGRATION_OFFICE: 'immigration_office'>, <Agency.JOBCENTER: 'jobcenter'>)
        >>> Agency.parse("Agentur für Arbeit Duisburg") is Agency.EMPLOYMENT_AGENCY
        True
        >>> Agency.parse("Finanzamt") is None
        True
        """
        if not text:
            return None
        key = text.strip().casefold()
        for agency in cls:
            if key == agency.value:
                return agency
        for alias, agency in _ALIASES:
            if key.startswith(alias):
                return agency
        return None


_LABELS = {
    Agency.EMPLOYMENT_AGENCY: "Agentur für Arbeit",
    Agency.JOBCENTER: "Jobcenter",
    Agency.SOCIAL_OFFICE: "Sozialamt",
    Agency.IMMIGRATION_OFFICE: "Ausländerbehörde",
}
_ALIASES = (
    ("agentur für arbeit", Agency.EMPLOYMENT_AGENCY),
    ("arbeitsagentur", Agency.EMPLOYMENT_AGENCY),
    ("employment agency", Agency.EMPLOYMENT_AGENCY),
    ("jobcenter", Agency.JOBCENTER),
    ("sozialamt", Agency.SOCIAL_OFFICE),
    ("social office", Agency.SOCIAL_OFFICE),
    ("ausländerbehörde", Agency.IMMIGRATION_OFFICE),
    ("auslaenderbehoerde", Agency.IMMIGRATION_OFFICE),
    ("immigration office", Agency.IMMIGRATION_OFFICE),
)


class DataCategory(StrEnum):
    """The parts of a case a person can agree to share, one by one."""

    BASIC = "basic"  # name, reference, lead agency, asylum procedure, first contact
    COMPETENCES = "competences"  # the competence assessment
    MEASURES = "measures"  # measures and programmes
    LANGUAGE = "language"  # the language pathway (German levels over time)
    REFERRALS = "referrals"  # referrals between agencies and to counselling
    EMPLOYMENT = "employment"  # job starts


class ConsentPurpose(StrEnum):
    """What a consent is for (purpose limitation, Art. 5 Abs. 1 lit. b GDPR; § 78 SGB X)."""

    PLACEMENT = "placement"  # Vermittlung in Arbeit oder Ausbildung
    RECOGNITION = "recognition"  # Anerkennung ausländischer Abschlüsse
    LANGUAGE = "language"  # Sprachförderung
    CHILDCARE = "childcare"  # Kinderbetreuung
    BENEFITS = "benefits"  # Leistungen zum Lebensunterhalt
    RESIDENCE = "residence"  # Aufenthalt und Beschäftigungserlaubnis


RESOURCE_CATEGORY: dict[str, DataCategory] = {
    "client": DataCategory.BASIC,
    "client.measures": DataCategory.MEASURES,
    "client.programmes": DataCategory.MEASURES,
    "ip.case": DataCategory.BASIC,
    "ip.consent": DataCategory.BASIC,
    "ip.handover": DataCategory.BASIC,
    "ip.competences": DataCategory.COMPETENCES,
    "ip.measures": DataCategory.MEASURES,
    "ip.language": DataCategory.LANGUAGE,
    "ip.referral": DataCategory.REFERRALS,
    "ip.employment": DataCategory.EMPLOYMENT,
}
"""Which category a policy resource reads. Anything else needs ``BASIC`` at least."""


def category_of(resource: str) -> DataCategory:
    """The data category a read of ``resource`` touches.

    >>> category_of("ip.competences").value, category_of("client").value
    ('competences', 'basic')
    >>> category_of("client.something_new").value
    'basic'
    """
    return RESOURCE_CATEGORY.get(resource, DataCategory.BASIC)


def consent_holds(
    *,
    valid_from: date,
    valid_until: date | None,
    revoked_at: datetime | None,
    on: date,
) -> bool:
    """Whether a consent allows sharing on day ``on``.

    It holds from ``valid_from`` through ``valid_until`` (both days included) and ends the
    moment it is revoked: a revocation acts at once and for the future (Art. 7 Abs. 3 GDPR).

    >>> consent_holds(valid_from=date(2025, 1, 1), valid_until=None, revoked_at=None,
    ...               on=date(2025, 6, 1))
    True
    >>> consent_holds(valid_from=date(2025, 1, 1), valid_until=date(2025, 3, 31),
    ...               revoked_at=None, on=date(2025, 4, 1))
    False
    >>> consent_holds(valid_from=date(2025, 1, 1), valid_until=None,
    ...               revoked_at=datetime(2025, 2, 1, 9, 0), on=date(2025, 2, 1))
    False
    """
    if revoked_at is not None:
        return False
    if on < valid_from:
        return False
    return valid_until is None or on <= valid_until
