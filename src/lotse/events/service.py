"""Employer-event use cases: create, candidates, invite, respond, attend, result, funnel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.audit_trail import record
from lotse.domain import audience as audience_rules
from lotse.domain.codes import (
    AuditAction,
    IntegrationKind,
    InvitationResult,
    InvitationStatus,
)
from lotse.errors import Conflict, InvalidInput, InvalidTransition, NotFound, Problem
from lotse.events.candidates import CandidateEligibility, WorkPermitEligibility
from lotse.events.repository import EventRepository
from lotse.events.schemas import CandidateRead, EventCreate, FunnelRead
from lotse.models import EmployerEvent, EventInvitation, JobStart, Vacancy
from lotse.planning.ranking import CandidateFacts, CandidateRanker, TransparentRanking, VacancyFacts

__all__ = [
    "candidate_list",
    "create_event",
    "funnel",
    "invite",
    "invite_top",
    "record_attendance",
    "record_result",
    "respond",
]


def create_event(session: Session, data: EventCreate, *, actor: str) -> EmployerEvent:
    """Create an event with its vacancies and the organiser's invitation list (if any)."""
    repo = EventRepository(session)
    problems = [
        Problem("invalid_audience", message, column="audience")
        for message in audience_rules.validate(data.audience, data.audience_note)
    ]
    if data.ends_at is not None and data.ends_at < data.starts_at:
        problems.append(
            Problem(
                "ends_before_starts",
                "the event ends before it starts",
                column="ends_at",
                value=data.ends_at.isoformat(),
            )
        )
    missing = set(data.vacancy_ids) - repo.existing_vacancy_ids(data.vacancy_ids)
    problems += [
        Problem("unknown_vacancy", "no such vacancy", column="vacancy_ids", value=str(v))
        for v in sorted(missing)
    ]
    if problems:
        raise InvalidInput(problems)
    event = EmployerEvent(**data.model_dump(exclude={"vacancy_ids"}))
    repo.add(event)
    repo.attach_vacancies(event.id, data.vacancy_ids)
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        entity="employer_event",
        entity_id=event.id,
        detail={"audience": data.audience, "note": data.audience_note},
    )
    session.flush()
    return event


def _event(repo: EventRepository, event_id: int) -> EmployerEvent:
    return repo.get(event_id)


def candidate_list(
    session: Session,
    event_id: int,
    *,
    actor: str,
    limit: int = 50,
    ranker: CandidateRanker | None = None,
    eligibility: CandidateEligibility | None = None,
    clients: ColumnElement[bool] | None = None,
) -> list[CandidateRead]:
    """Clients on the organiser's list, eligible, not yet invited, ranked best first.

    The organiser's list (``event.audience``) only selects; the ranking sees occupation,
    place and German level, never origin or gender. ``clients`` (an SQL condition on
    ``Client``, e.g. an officer's caseload) narrows the pool.
    """
    repo = EventRepository(session)
    event = _event(repo, event_id)
    ranker = ranker or TransparentRanking()
    eligibility = eligibility or WorkPermitEligibility()
    vacancies = repo.vacancies(event_id)
    occupations = repo.occupations()
    programmes = repo.programmes_on(event.starts_at.date())
    sites = repo.site_names()
    pool = []
    verdicts = {}
    for client in repo.active_clients(repo.invited_client_ids(event_id), clients):
        facts = audience_rules.AudienceFacts(
            citizenship=client.citizenship,
            gender=client.gender.value if client.gender else None,
            languages=tuple(client.languages or ()),
            german_level=client.german_level,
            programmes=programmes.get(client.id, ()),
            site=sites.get(client.site_id),
            kldb=occupations.get(client.id, ()),
        )
        if not audience_rules.matches(event.audience, facts):
            continue
        verdict = eligibility.check(client, event)
        if not verdict.eligible:
            continue
        verdicts[client.id] = (client, verdict.reason)
        pool.append(
            CandidateFacts(
                client_id=client.id,
                kldb=occupations.get(client.id, ()),
                lat=client.lat,
                lon=client.lon,
                max_commute_km=client.max_commute_km,
                german_level=client.german_level,
            )
        )
    ranked = ranker.rank(pool, [_vacancy_facts(v) for v in vacancies])[:limit]
    result = [
        CandidateRead(
            client_id=r.client_id,
            client_ref=verdicts[r.client_id][0].ref,
            client_name=verdicts[r.client_id][0].name,
            score=r.score,
            vacancy_id=r.vacancy_id,
            reasons=list(r.reasons),
            eligibility=verdicts[r.client_id][1],
        )
        for r in ranked
    ]
    if result:
        record(
            session,
            actor=actor,
            action=AuditAction.READ,
            entity="event_candidates",
            entity_id=event_id,
            detail={"clients": [c.client_ref for c in result]},
        )
    return result


def _vacancy_facts(v: Vacancy) -> VacancyFacts:
    return VacancyFacts(v.id, v.kldb, v.title, v.lat, v.lon, v.german_level_min)


def invite(
    session: Session,
    event_id: int,
    client_ids: Sequence[int],
    *,
    on: date,
    actor: str,
    reasons: dict[int, str] | None = None,
    vacancy_ids: dict[int, int | None] | None = None,
) -> list[EventInvitation]:
    """Invite clients; refuses people already invited and more than the event's capacity."""
    repo = EventRepository(session)
    event = _event(repo, event_id)
    already = repo.invited_client_ids(event_id)
    clients = repo.clients(client_ids)
    problems = [
        Problem("unknown_client", "no such client", value=str(c))
        for c in client_ids
        if c not in clients
    ] + [
        Problem("already_invited", "already invited to this event", value=clients[c].ref)
        for c in client_ids
        if c in already and c in clients
    ]
    if len(set(client_ids)) != len(client_ids):
        problems.append(Problem("duplicate", "a client is listed twice"))
    if problems:
        raise InvalidInput(problems)
    if event.capacity is not None and len(already) + len(client_ids) > event.capacity:
        raise Conflict(
            f"event {event_id} has {event.capacity} places; {len(already)} invited already"
        )
    invitations = []
    for client_id in client_ids:
        invitation = EventInvitation(
            event_id=event_id,
            client_id=client_id,
            invited_on=on,
            status=InvitationStatus.INVITED,
            selection_reason=(reasons or {}).get(client_id),
            vacancy_id=(vacancy_ids or {}).get(client_id),
        )
        session.add(invitation)
        invitations.append(invitation)
        record(
            session,
            actor=actor,
            action=AuditAction.CREATE,
            entity="event_invitation",
            entity_id=event_id,
            client_id=client_id,
        )
    session.flush()
    return invitations


def invite_top(
    session: Session,
    event_id: int,
    count: int,
    *,
    on: date,
    actor: str,
    ranker: CandidateRanker | None = None,
    eligibility: CandidateEligibility | None = None,
) -> list[EventInvitation]:
    """Invite the ``count`` best candidates, recording why each was chosen."""
    event = _event(EventRepository(session), event_id)
    candidates = candidate_list(
        session, event_id, actor=actor, limit=count, ranker=ranker, eligibility=eligibility
    )
    list_text = audience_rules.describe(event.audience)
    note = f" – Liste des Veranstalters: {list_text}" if event.audience else ""
    reasons = {
        c.client_id: f"Rang {i + 1}, Punktzahl {c.score:.2f}: " + "; ".join(c.reasons) + note
        for i, c in enumerate(candidates)
    }
    return invite(
        session,
        event_id,
        [c.client_id for c in candidates],
        on=on,
        actor=actor,
        reasons=reasons,
        vacancy_ids={c.client_id: c.vacancy_id for c in candidates},
    )


def _invitation(repo: EventRepository, invitation_id: int) -> EventInvitation:
    invitation = repo.invitation(invitation_id)
    if invitation is None:
        raise NotFound(f"invitation {invitation_id} not found")
    return invitation


def respond(session: Session, invitation_id: int, *, accepted: bool, actor: str) -> EventInvitation:
    """The client confirms or declines."""
    invitation = _invitation(EventRepository(session), invitation_id)
    if invitation.status not in (
        InvitationStatus.INVITED,
        InvitationStatus.CONFIRMED,
        InvitationStatus.DECLINED,
    ):
        raise InvalidTransition(f"invitation {invitation_id} is {invitation.status.value}")
    invitation.status = InvitationStatus.CONFIRMED if accepted else InvitationStatus.DECLINED
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        entity="event_invitation",
        entity_id=invitation.id,
        client_id=invitation.client_id,
        detail={"status": invitation.status.value},
    )
    session.flush()
    return invitation


def record_attendance(
    session: Session, event_id: int, attended: Sequence[int], *, actor: str
) -> Counter[str]:
    """Who came: listed clients attended, every other invited or confirmed one did not."""
    repo = EventRepository(session)
    _event(repo, event_id)
    invitations = list(session.scalars(repo.invitations(event_id)))
    invited = {i.client_id for i in invitations}
    strangers = [c for c in attended if c not in invited]
    if strangers:
        raise InvalidInput(
            [Problem("not_invited", "client was not invited", value=str(c)) for c in strangers]
        )
    came = set(attended)
    counts: Counter[str] = Counter()
    for invitation in invitations:
        if invitation.status is InvitationStatus.DECLINED and invitation.client_id not in came:
            continue
        if invitation.result is not None:
            continue
        new = (
            InvitationStatus.ATTENDED if invitation.client_id in came else InvitationStatus.NO_SHOW
        )
        invitation.status = new
        counts[new.value] += 1
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        entity="employer_event",
        entity_id=event_id,
        detail=dict(counts),
    )
    session.flush()
    return counts


def record_result(
    session: Session,
    invitation_id: int,
    result: InvitationResult,
    *,
    on: date,
    actor: str,
    vacancy_id: int | None = None,
    job_start: bool = False,
    note: str | None = None,
) -> EventInvitation:
    """What the invitation led to. A hire may also be recorded as a job start (an Integration)."""
    repo = EventRepository(session)
    invitation = _invitation(repo, invitation_id)
    if invitation.status is not InvitationStatus.ATTENDED:
        raise InvalidTransition(
            f"invitation {invitation_id} is {invitation.status.value}; record attendance first"
        )
    vacancy = None
    if vacancy_id is not None:
        vacancy = session.get(Vacancy, vacancy_id)
        if vacancy is None:
            raise NotFound(f"vacancy {vacancy_id} not found")
    invitation.result = result
    invitation.result_on = on
    invitation.vacancy_id = vacancy_id if vacancy_id is not None else invitation.vacancy_id
    if note:
        invitation.note = note
    if job_start and result is InvitationResult.HIRE:
        vacancy = vacancy or (
            session.get(Vacancy, invitation.vacancy_id) if invitation.vacancy_id else None
        )
        session.add(
            JobStart(
                client_id=invitation.client_id,
                start=on,
                kind=IntegrationKind.EMPLOYMENT,
                vacancy_id=vacancy.id if vacancy else None,
                employer_id=vacancy.employer_id if vacancy else None,
            )
        )
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        entity="event_invitation",
        entity_id=invitation.id,
        client_id=invitation.client_id,
        detail={"result": result.value, "on": on.isoformat()},
    )
    session.flush()
    return invitation


def funnel(session: Session, event_ids: Sequence[int]) -> FunnelRead:
    """The funnel of one event, or the sum over several."""
    repo = EventRepository(session)
    events = [_event(repo, e) for e in event_ids]
    status: Counter[InvitationStatus] = Counter()
    results: Counter[InvitationResult | None] = Counter()
    invited = 0
    for event in events:
        for invitation in session.scalars(repo.invitations(event.id)):
            invited += 1
            status[invitation.status] += 1
            if invitation.status is InvitationStatus.ATTENDED:
                results[invitation.result] += 1
    single = events[0] if len(events) == 1 else None
    return FunnelRead(
        event_id=single.id if single else None,
        title=single.title if single else f"{len(events)} Veranstaltungen",
        kind=single.kind.value if single else None,
        audience=audience_rules.describe(single.audience) if single else "",
        invited=invited,
        confirmed=status[InvitationStatus.CONFIRMED],
        declined=status[InvitationStatus.DECLINED],
        attended=status[InvitationStatus.ATTENDED],
        no_show=status[InvitationStatus.NO_SHOW],
        internship=results[InvitationResult.INTERNSHIP],
        hire=results[InvitationResult.HIRE],
        nothing=results[InvitationResult.NOTHING],
        open=results[None],
    )
