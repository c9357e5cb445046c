"""Origin groups used by the Job-Turbo and its reporting.

The target group of the Job-Turbo is Ukraine plus the eight *Asylherkunftsländer*
(iab-forum.de/glossar/asylherkunftslaender; ``../shared/docs/domain.md`` §2).
Origin is a reporting dimension and a programme-membership rule, never a ranking feature.
"""

from __future__ import annotations

from enum import StrEnum

ASYLUM_COUNTRIES: frozenset[str] = frozenset({"AF", "ER", "IQ", "IR", "NG", "PK", "SO", "SY"})
"""Afghanistan, Eritrea, Iraq, Iran, Nigeria, Pakistan, Somalia, Syria (ISO 3166-1 alpha-2)."""

UKRAINE = "UA"


class OriginGroup(StrEnum):
    UKRAINE = "ukraine"
    ASYLUM_COUNTRIES = "asylum_countries"
    OTHER = "other"


def origin_group(citizenship: str | None) -> OriginGroup:
    """The Job-Turbo origin group of a citizenship code.

    >>> origin_group("UA"), origin_group("sy"), origin_group("DE"), origin_group(None)
    (<OriginGroup.UKRAINE: 'ukraine'>, <OriginGroup.ASYLUM_COUNTRIES: 'asylum_countries'>, \
<OriginGroup.OTHER: 'other'>, <OriginGroup.OTHER: 'other'>)
    """
    if citizenship is None:
        return OriginGroup.OTHER
    code = citizenship.upper()
    if code == UKRAINE:
        return OriginGroup.UKRAINE
    if code in ASYLUM_COUNTRIES:
        return OriginGroup.ASYLUM_COUNTRIES
    return OriginGroup.OTHER
