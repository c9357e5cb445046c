"""Caseload allocation use cases: plan (with what-ifs), and apply a plan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from lotse.audit_trail import record_many
from lotse.caseloads.repository import CaseloadRepository, OfficerRow
from lotse.caseloads.schemas import CaseloadPlan, ChangeRead, OfficerLoadRead, PoolRead
from lotse.domain.codes import AuditAction
from lotse.domain.languages import languages_needed
from lotse.errors import Conflict, InvalidInput, NotFound, Problem
from lotse.planning.caseload import (
    REGULAR_TARGET,
    AssignmentKind,
    CaseloadClient,
    CaseloadOfficer,
    OfficerLoad,
    PoolTarget,
    allocate,
)

__all__ = ["apply_plan", "plan_caseloads"]


def _targets(repo: CaseloadRepository) -> dict[str, PoolTarget]:
    return {
        code: PoolTarget(p.caseload_ratio, p.caseload_ratio)
        for code, p in repo.programmes().items()
        if p.caseload_ratio
    }


def _planned_posts(
    count: int, programme: str, site_ids: Sequence[int], weights: dict[int, int]
) -> list[OfficerRow]:
    """``count`` new posts spread over sites in proportion to ``weights`` (largest remainder)."""
    w = {s: weights.get(s, 0) for s in site_ids}
    if not sum(w.values()):
        w = dict.fromkeys(site_ids, 1)
    total = sum(w.values())
    shares = {s: count * w[s] / total for s in site_ids}
    seats = {s: int(v) for s, v in shares.items()}
    for s in sorted(site_ids, key=lambda s: (-(shares[s] - seats[s]), s)):
        if sum(seats.values()) >= count:
            break
        seats[s] += 1
    posts = []
    n = 0
    for site_id in sorted(site_ids):
        for _ in range(seats[site_id]):
            n += 1
            posts.append(
                OfficerRow(
                    -n,
                    f"NEU-{n}",
                    f"Neue Stelle {programme} {n}",
                    site_id,
                    programme,
                    ("de",),
                    39.0,
                    True,
                )
            )
    return posts


def plan_caseloads(
    session: Session,
    *,
    on: date,
    add_officers: int = 0,
    programme: str | None = None,
    site: str | None = None,
    without: Sequence[str] = (),
    time_limit_s: float = 20.0,
) -> CaseloadPlan:
    """Allocate every active client; nothing is written.

    What-ifs: ``add_officers`` new full-time posts for ``programme`` (at ``site``, or spread over
    the sites in proportion to the programme's members), and officers ``without`` (refs) taken
    out as if they had left.
    """
    repo = CaseloadRepository(session)
    sites = repo.sites()
    site_by_name = {name: sid for sid, (name, _state) in sites.items()}
    programmes = repo.programmes()
    problems = []
    if add_officers and (programme is None or programme not in programmes):
        problems.append(
            Problem(
                "unknown_programme",
                f"programme {programme!r} is not defined",
                column="programme",
                value=str(programme),
            )
        )
    if site is not None and site not in site_by_name:
        problems.append(Problem("unknown_site", "no such site", column="site", value=site))
    officers = repo.officers()
    known_refs = {o.ref for o in officers}
    problems += [
        Problem("unknown_officer", "no such officer", column="without", value=ref)
        for ref in without
        if ref not in known_refs
    ]
    if problems:
        raise InvalidInput(problems)

    clients = repo.active_clients()
    memberships = repo.memberships_on(on)
    scenario_parts = []
    posts: list[OfficerRow] = []
    if add_officers:
        assert programme is not None
        members_per_site: dict[int, int] = defaultdict(int)
        for c in clients:
            if programme in memberships.get(c.id, ()):
                members_per_site[c.site_id] += 1
        site_ids = [site_by_name[site]] if site else sorted(sites)
        posts = _planned_posts(add_officers, programme, site_ids, members_per_site)
        scenario_parts.append(f"+{add_officers} Stellen {programmes[programme].name}")
    if without:
        scenario_parts.append("ohne " + ", ".join(without))

    gone = set(without)
    model_officers = [
        CaseloadOfficer(
            o.id,
            o.name,
            o.site_id,
            o.programme,
            frozenset(o.languages),
            o.weekly_hours,
            o.active and o.ref not in gone,
        )
        for o in [*officers, *posts]
    ]
    model_clients = [
        CaseloadClient(
            c.id,
            c.ref,
            c.site_id,
            tuple(sorted(memberships.get(c.id, ()))),
            c.officer_id,
            c.birth_year is not None and on.year - c.birth_year < 25,
            languages_needed(c.german_level, c.languages),
        )
        for c in clients
    ]
    result = allocate(
        model_clients,
        model_officers,
        programme_targets=_targets(repo),
        site_names={sid: name for sid, (name, _s) in sites.items()},
        programme_names={code: p.name for code, p in programmes.items()},
        time_limit_s=time_limit_s,
    )

    existing_before = [x for x in result.loads_before if x.officer_id > 0]  # no planned posts
    names = {o.id: o.name for o in model_officers}
    site_name = {sid: name for sid, (name, _s) in sites.items()}
    changes = [
        ChangeRead(
            client_id=a.client_id,
            client_ref=a.client_ref,
            kind=a.kind.value,
            cause=a.cause.value,
            from_officer_id=a.previous_officer_id,
            from_officer=names.get(a.previous_officer_id) if a.previous_officer_id else None,
            to_officer_id=a.officer_id,
            to_officer=names.get(a.officer_id) if a.officer_id is not None else None,
            reason=a.reason,
        )
        for a in result.assignments
        if a.kind is not AssignmentKind.STAY
    ]
    return CaseloadPlan(
        on=on,
        scenario="; ".join(scenario_parts) or None,
        solver_status=result.solver_status,
        solver_gap=result.gap,
        changes=changes,
        stays=result.count(AssignmentKind.STAY),
        loads_before=[_load_read(x, site_name) for x in existing_before],
        loads_after=[_load_read(x, site_name) for x in result.loads],
        pools_before=_pools(existing_before, site_name),
        pools_after=_pools(result.loads, site_name),
        planned_posts=[p.name for p in posts],
    )


def _load_read(load: OfficerLoad, site_name: dict[int, str]) -> OfficerLoadRead:
    return OfficerLoadRead(
        officer_id=load.officer_id,
        officer=load.name,
        site=site_name.get(load.site_id, "?"),
        programme=load.programme,
        clients=load.clients,
        units=load.units,
        capacity=load.capacity,
        weekly_hours=load.weekly_hours,
        ratio=round(load.ratio, 1),
        target_ratio=load.target.ratio_from_25,
        target=load.target.label(),
        utilisation=round(load.utilisation, 3),
    )


def _pools(loads: Sequence[OfficerLoad], site_name: dict[int, str]) -> list[PoolRead]:
    groups: dict[tuple[int, str | None], list[OfficerLoad]] = defaultdict(list)
    for load in loads:
        groups[load.site_id, load.programme].append(load)
    result = []
    for (site_id, programme), members in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
    ):
        target = members[0].target if members else REGULAR_TARGET
        units = sum(m.units for m in members)
        fte = sum(m.weekly_hours for m in members) / 39.0
        ratio = units * target.ratio_from_25 / target.unit_base / fte if fte else 0.0
        result.append(
            PoolRead(
                site=site_name.get(site_id, "?"),
                programme=programme,
                target=target.label(),
                officers=len(members),
                clients=sum(m.clients for m in members),
                ratio=round(ratio, 1),
                officers_over_target=sum(1 for m in members if m.units > m.capacity),
            )
        )
    return result


def apply_plan(session: Session, plan: CaseloadPlan, *, actor: str) -> int:
    """Write a plan's changes; refuses (Conflict) when a client's officer changed meanwhile.

    Returns the number of clients whose officer was set. Planned posts of a what-if cannot be
    applied: the officers must exist first.
    """
    if plan.planned_posts:
        raise Conflict(
            "the plan assigns clients to planned posts "
            f"({len(plan.planned_posts)}); create the officers first and plan again"
        )
    changes = [c for c in plan.changes if c.kind in ("move", "initial") and c.to_officer_id]
    repo = CaseloadRepository(session)
    current = repo.current_officers([c.client_id for c in changes])
    problems = []
    for c in changes:
        if c.client_id not in current:
            problems.append(
                Problem("unknown_client", "client no longer exists", value=c.client_ref)
            )
        elif current[c.client_id] != c.from_officer_id:
            problems.append(
                Problem(
                    "stale_plan",
                    "the client's officer changed since the plan was made; plan again",
                    value=c.client_ref,
                )
            )
    if problems:
        raise InvalidInput(problems)
    officer_ids = {o.id for o in repo.officers() if o.active}
    missing = {c.to_officer_id for c in changes} - officer_ids
    if missing:
        raise NotFound(
            f"officers {sorted(i for i in missing if i is not None)} not found or inactive"
        )
    repo.set_officers({c.client_id: c.to_officer_id for c in changes if c.to_officer_id})
    record_many(
        session,
        (
            {
                "entity_id": c.client_ref,
                "client_id": c.client_id,
                "detail": {
                    "officer_from": c.from_officer_id,
                    "officer_to": c.to_officer_id,
                    "kind": c.kind,
                    "reason": c.reason,
                },
            }
            for c in changes
        ),
        actor=actor,
        action=AuditAction.UPDATE,
        entity="client.officer",
    )
    session.flush()
    return len(changes)
