"""The figures a profile aims at, how the generator produces each, and how to count it.

``generation.json`` holds ``targets`` (what the generator aimed at, scaled to the size asked
for, with the published figure and its source) and ``produced`` (the same figures counted in
the files written). The analytics can recompute every figure from the files with the
definitions below and compare.

How each target is produced:

``elb``
    Exact: the stock per site and origin is allocated with largest remainders
    (:mod:`~lotse.simulation.plan`); every ``stock``/``returner`` person has an open period.
``integration_quota``
    The base rate is solved so that expected integration-kind starts in the 12 months to
    ``as_of`` equal quota × eLb; need-ending starts are planned as people, the others are a
    Poisson process over benefit days. The denominator equals the eLb because entries into the
    stock balance the exits of the year. Random: within a few per cent at a few thousand eLb.
``ends_benefit_need_share``
    Need-ending starts are planned at this share of the integration rate (the rest only reduce
    the need), so the share holds over the window up to chance.
``<programme>.quota`` / ``.integrations_12m``
    The segment's own rate from its start date; for a cohort the exposure accounts for
    members who leave during the year.
``<programme>.members_active`` / ``.members_average`` / ``.members_total``
    Segment sizes derived from the published figure (see ``Segment.size_kind``).
``job_turbo_exits_*`` (Unna)
    The published count is spread as a rate over the Ukrainian and asylum-country stock in the
    period; random like the quota.
``migration_background.<site>``
    Exact at any size (largest remainder of the published figures).
``integration_course_attending_ltu``
    The profile's ``course_boost`` raises the chance of attending an integration course for
    long-term unemployed third-country nationals; tuned to the published minimum.
``team.<name>.officers``
    Exact: the team's size scaled with the number of officers.
"""

from __future__ import annotations

from typing import Any

from lotse.simulation.plan import Plan

DEFINITIONS: dict[str, str] = {
    "elb": "clients with a benefit period covering as_of",
    "integration_quota": "integration_starts_12m / average_stock_12m",
    "integration_starts_12m": "integrations.csv rows of kind employment, apprenticeship or "
    "self_employment with as_of - 12 months < start <= as_of (at most one per person and "
    "month by construction)",
    "average_stock_12m": "mean over as_of and the same day of each of the 11 months before of "
    "the clients with a benefit period covering that day",
    "ends_benefit_need_share": "integration-kind starts in the window with ends_benefit_need = "
    "true / all integration-kind starts in the window",
    "programme": "clients whose programmes column lists the code; members_active: those "
    "with a period covering as_of; members_average, integrations_12m and quota: as for the "
    "whole Jobcenter, restricted to these clients",
    "job_turbo_exits": "integration-kind starts in the period by clients whose citizenship "
    "is UA (ukraine) or one of AF ER IQ IR NG PK SO SY (asylum_countries)",
    "migration_background": "clients with a period covering as_of and a citizenship other "
    "than DE, per site",
    "integration_course_attending_ltu": "clients with a period covering as_of, "
    "integration_course = attending and unemployed_since <= as_of - 12 months",
    "team": "officers.csv rows of the team",
    "asylblg_cases": "clients without any benefit period: Integration Point cases still in "
    "the asylum procedure or tolerated (AsylbLG, no eLb; § 7 Abs. 1 Satz 2 Nr. 3 SGB II)",
}


def build_targets(plan: Plan, team_sizes: dict[str, int]) -> dict[str, dict[str, Any]]:
    """Every target of the profile, scaled to the plan's size."""
    p, s = plan.profile, plan.scale
    targets: dict[str, dict[str, Any]] = {
        "elb": {"value": int(plan.stock.sum()), "published": p.elb, "source": p.size_source},
        "integration_quota": {
            "value": p.quota,
            "published": p.quota,
            "source": p.quota_source,
        },
        "ends_benefit_need_share": {
            "value": p.need_ending_share,
            "published": 0.437,
            "source": "43.7 % of integrations bedarfsdeckend, Jan 2019 (domain.md §1)",
        },
    }
    for seg in p.segments:
        code = seg.programme
        members = plan.segment_stock.get(code, 0)
        if seg.size_kind == "average":
            targets[f"{code}.members_average"] = {
                "value": round(seg.size * s),
                "published": seg.size,
                "source": seg.source,
            }
        elif seg.size_kind == "total":
            targets[f"{code}.members_total"] = {
                "value": round(seg.size * s),
                "published": seg.size,
                "source": seg.source,
            }
        else:
            targets[f"{code}.members_active"] = {
                "value": members,
                "published": seg.size,
                "source": seg.source,
            }
        if seg.quota is not None:
            targets[f"{code}.quota"] = {
                "value": seg.quota,
                "published": seg.quota,
                "source": seg.source,
            }
            if seg.size_kind == "average":
                published = round(seg.quota * seg.size)
                targets[f"{code}.integrations_12m"] = {
                    "value": round(seg.quota * seg.size * s),
                    "published": published,
                    "source": seg.source,
                }
    for flow in p.flows:
        targets[flow.name] = {
            "value": round(flow.count * s),
            "published": flow.count,
            "source": flow.source,
            "origin_groups": list(flow.origin_groups),
            "start": flow.start.isoformat(),
            "end": (flow.end or p.as_of).isoformat(),
        }
    for site in p.sites:
        if site.migrants is not None:
            row = int(
                plan.stock[plan.sites.index(site.name)].sum()
                - plan.stock[plan.sites.index(site.name), 0]
            )
            targets[f"migration_background.{site.name}"] = {
                "value": row,
                "published": site.migrants,
                "source": p.shape_source,
            }
    minimum = p.published.get("integration_course_ltu_participants_min")
    if isinstance(minimum, int):
        targets["integration_course_attending_ltu"] = {
            "value": round(minimum * s),
            "published": minimum,
            "at_least": True,
            "source": "mission.md: 58 integration courses with over 1,300 long-term unemployed "
            "participants",
        }
    state = p.published.get("state_quota")
    if state is not None:
        targets["state_quota_reference"] = {
            "value": state,
            "published": state,
            "reference_only": True,
            "source": "mission.md: state average to compare the Jobcenter with",
        }
    for team in p.teams:
        targets[f"team.{team.name}.officers"] = {
            "value": team_sizes.get(team.name, 0),
            "published": team.officers,
            "source": p.shape_source,
        }
    return targets
