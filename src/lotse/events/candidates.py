"""Where an event's candidate list comes from: eligibility and ranking, both replaceable.

The defaults are deliberately simple: :class:`WorkPermitEligibility` (an active case whose
holder may work) and :class:`lotse.planning.ranking.TransparentRanking`. The integrator plugs in
the measure-eligibility rules (branch ``measures``) and the matcher (branch ``matching``) by
passing objects that satisfy these protocols to :func:`lotse.events.service.candidate_list`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from lotse.domain.codes import ASYLBLG_STATUSES, ClientStatus
from lotse.models import Client, EmployerEvent
from lotse.planning.ranking import CandidateRanker, TransparentRanking

__all__ = [
    "CandidateEligibility",
    "CandidateRanker",
    "TransparentRanking",
    "WorkPermitEligibility",
]


@dataclass(frozen=True, slots=True)
class Verdict:
    eligible: bool
    reason: str


class CandidateEligibility(Protocol):
    """Whether a client may be invited to an event, with a reason a person can read."""

    def check(self, client: Client, event: EmployerEvent) -> Verdict: ...


class WorkPermitEligibility:
    """An active case of the Jobcenter, and the person may take up work."""

    def check(self, client: Client, event: EmployerEvent) -> Verdict:
        if client.status is not ClientStatus.ACTIVE:
            return Verdict(False, f"Fall {client.status.value}")
        if client.residence_status in ASYLBLG_STATUSES:  # § 7 Abs. 1 S. 2 Nr. 3 SGB II
            return Verdict(False, "AsylbLG: die Agentur für Arbeit vermittelt")
        if client.work_permitted is not True:
            return Verdict(False, "keine Arbeitserlaubnis erfasst")
        return Verdict(True, "aktiver Fall mit Arbeitserlaubnis")
