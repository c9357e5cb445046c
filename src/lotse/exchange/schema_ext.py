"""Extension files of the exchange format needed by programme controlling.

Version 1 of the format has no "not integrable now" assessments, no participations in measures
and no contacts, but the programmes' figures need them (share not integrable by reason, funnels
of measures, K3E2 activation, contact density). These :class:`FileSpec` s follow the rules of
:mod:`lotse.exchange.schema` (extension files, canonical column order, key for sorting and
uniqueness) and are documented in ``docs/exchange-format.md``. Wiring them into import and
export is left to the exchange module; the analytical engine reads them directly
(:mod:`lotse.analytics.sources`).
"""

from __future__ import annotations

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    ContactChannel,
    ContactStatus,
    NotIntegrableReason,
    ParticipationStatus,
)
from lotse.exchange.schema import Column, FileSpec

__all__ = ["ASSESSMENTS", "CONTACTS", "EXTENSION_SPECS", "PARTICIPATIONS"]


def _c(name: str, kind: str, **kw: object) -> Column:
    return Column(name, kind, **kw)  # type: ignore[arg-type]


ASSESSMENTS = FileSpec(
    "assessments.csv",
    ("client_id", "assessed_on", "reason"),
    (
        _c("client_id", "text", required=True),
        _c("assessed_on", "date", required=True),
        _c("reason", "enum", required=True, choices=NotIntegrableReason),
        _c("review_on", "date", required=True),
        _c("closed_on", "date"),
        _c("officer_id", "text"),
        _c("note", "text"),
    ),
    extension=True,
)
"""'Not integrable now' findings: reason, the date to look again, and when it was closed."""

PARTICIPATIONS = FileSpec(
    "participations.csv",
    ("client_id", "measure", "start"),
    (
        _c("client_id", "text", required=True),
        _c("measure", "text", required=True),
        _c("measure_name", "text"),
        _c("active_measure", "bool"),
        _c("status", "enum", required=True, choices=ParticipationStatus),
        _c("start", "date"),
        _c("end", "date"),
        _c("level_reached", "enum", choices=CefrLevel),
        _c("internship_employer_id", "text"),
        _c("internship_start", "date"),
        _c("internship_end", "date"),
    ),
    extension=True,
)
"""A client in a measure. ``active_measure``: counts as Maßnahme der aktiven Arbeitsförderung
(§ 2(2) Nr. 1 48a-KennzahlenV); empty means the measure catalogue decides."""

CONTACTS = FileSpec(
    "contacts.csv",
    ("client_id", "date", "time"),
    (
        _c("client_id", "text", required=True),
        _c("date", "date", required=True),
        _c("time", "text"),
        _c("officer_id", "text"),
        _c("channel", "enum", required=True, choices=ContactChannel),
        _c("status", "enum", required=True, choices=ContactStatus),
        _c("duration_min", "int", min_value=0, max_value=600),
    ),
    extension=True,
)
"""Appointments between officer and client; ``time`` is local time ``HH:MM``."""

EXTENSION_SPECS: tuple[FileSpec, ...] = (ASSESSMENTS, PARTICIPATIONS, CONTACTS)
"""In import order: each after clients.csv (and officers.csv) it points to."""
