"""Import and export of the exchange format on both databases: round trip, upsert, all or none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.caseloads.service import plan_caseloads
from lotse.domain.codes import AuditAction, ProposalDecision, ProposalOutcome, ProposalSource
from lotse.errors import Conflict, InvalidInput
from lotse.exchange.exporter import export_folder
from lotse.exchange.importer import import_folder
from lotse.models import (
    AuditEntry,
    Client,
    Employer,
    Officer,
    Programme,
    ProgrammeMembership,
    Proposal,
    Site,
    Team,
    Vacancy,
)
from lotse.simulation.generator import generate
from tests.exchange_samples import SMALL, SMALL_ROWS, row_counts, write_folder

TODAY = date(2025, 6, 2)


def _client(session: Session, ref: str) -> Client:
    return session.scalars(sa.select(Client).where(Client.ref == ref)).one()


def _open_programmes(session: Session, ref: str) -> list[str]:
    stmt = (
        sa.select(Programme.code)
        .join(ProgrammeMembership, ProgrammeMembership.programme_id == Programme.id)
        .join(Client, Client.id == ProgrammeMembership.client_id)
        .where(Client.ref == ref, ProgrammeMembership.until.is_(None))
        .order_by(Programme.code)
    )
    return list(session.scalars(stmt))


def test_a_canonical_folder_comes_back_byte_for_byte(session: Session, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", SMALL)
    report = import_folder(session, folder, today=TODAY)
    assert {n: c.inserted for n, c in report.files.items()} == SMALL_ROWS
    exported = export_folder(session, tmp_path / "out")
    assert exported.files == SMALL_ROWS
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(SMALL)
    for name in SMALL:
        assert (tmp_path / "out" / name).read_bytes() == (folder / name).read_bytes(), name


def test_coordinates_come_from_the_postcode_when_the_row_gives_none(
    session: Session, tmp_path: Path
) -> None:
    import_folder(session, write_folder(tmp_path, SMALL), today=TODAY)
    c001, c003, c004 = (_client(session, ref) for ref in ("C001", "C003", "C004"))
    # 06749 is Bitterfeld-Wolfen (Friedersdorf) in the GeoNames postcode table: 51.633, 12.3362.
    assert (c001.plz, c001.lat, c001.lon, c001.coords_given) == ("06749", 51.633, 12.3362, False)
    assert (c003.plz, c003.lat, c003.lon, c003.coords_given) == (None, 51.9634, 12.0855, True)
    assert (c004.lat, c004.lon, c004.coords_given) == (51.6301, 12.3302, True)  # kept as given
    v01 = session.scalars(sa.select(Vacancy).where(Vacancy.ref == "V01")).one()
    assert (v01.lat, v01.lon, v01.coords_given) == (51.633, 12.3362, False)


def test_importing_the_same_folder_twice_changes_nothing(session: Session, tmp_path: Path) -> None:
    folder = write_folder(tmp_path, SMALL)
    import_folder(session, folder, today=TODAY)
    before = row_counts(session)
    stamps = session.execute(sa.select(Client.ref, Client.updated_at).order_by(Client.ref)).all()
    again = import_folder(session, folder, today=date(2025, 7, 1))
    after = row_counts(session)
    assert {n: (c.inserted, c.updated, c.unchanged) for n, c in again.files.items()} == {
        n: (0, 0, rows) for n, rows in SMALL_ROWS.items()
    }
    assert again.created == {}
    assert (again.memberships_opened, again.memberships_closed) == (0, 0)
    assert not again.changed
    assert after == before | {"audit_log": before["audit_log"] + 1}  # only the run's entry
    assert (
        session.execute(sa.select(Client.ref, Client.updated_at).order_by(Client.ref)).all()
        == stamps
    )


def test_a_changed_row_is_updated_and_rows_only_in_the_database_are_left_alone(
    session: Session, tmp_path: Path
) -> None:
    import_folder(session, write_folder(tmp_path / "a", SMALL), today=TODAY)
    head, c001 = SMALL["clients.csv"].splitlines()[:2]
    changed = (
        c001.replace(",A2,", ",B1,")
        .replace("51311;52531", "52531")
        .replace("job_turbo;fokus", "fokus")
    )
    later = date(2025, 9, 1)
    report = import_folder(
        session, write_folder(tmp_path / "b", {"clients.csv": f"{head}\n{changed}\n"}), today=later
    )
    assert (report.files["clients.csv"].updated, report.files["clients.csv"].unchanged) == (1, 0)
    assert (report.memberships_opened, report.memberships_closed) == (0, 1)
    session.expire_all()
    assert _client(session, "C001").german_level == "B1"
    assert _open_programmes(session, "C001") == ["fokus"]
    closed = session.scalars(
        sa.select(ProgrammeMembership.until)
        .join(Programme, Programme.id == ProgrammeMembership.programme_id)
        .where(Programme.code == "job_turbo")
    ).one()
    assert closed == later
    assert {c.ref for c in session.scalars(sa.select(Client))} == {"C001", "C002", "C003", "C004"}
    export_folder(session, tmp_path / "out")
    lines = (tmp_path / "out" / "clients.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == changed
    assert lines[2:] == SMALL["clients.csv"].splitlines()[2:]


def test_a_programme_closed_and_listed_again_on_the_same_day_is_reopened(
    session: Session, tmp_path: Path
) -> None:
    head = "client_id,site,status,plz,programmes"
    with_ = write_folder(tmp_path / "a", {"clients.csv": f"{head}\nC1,A,active,06749,job_turbo\n"})
    without = write_folder(tmp_path / "b", {"clients.csv": f"{head}\nC1,A,active,06749,\n"})
    for folder in (with_, without, with_):
        import_folder(session, folder, today=TODAY)
    assert _open_programmes(session, "C1") == ["job_turbo"]
    assert session.scalar(sa.select(sa.func.count()).select_from(ProgrammeMembership)) == 1


def test_names_that_no_file_defines_create_records(session: Session, tmp_path: Path) -> None:
    files = {
        "clients.csv": "client_id,site,status,plz,officer_id,programmes\n"
        "C1,Zerbst,active,39261,O9,job_turbo\n",
        "vacancies.csv": "vacancy_id,employer_id,title,kldb,openings,status,plz\n"
        "V1,E9,Helfer,51311,1,open,39261\n",
    }
    report = import_folder(session, write_folder(tmp_path, files), today=TODAY)
    assert report.created == {"sites": 1, "programmes": 1, "officers": 1, "employers": 1}
    assert len(report.warnings) == 4
    officer = session.scalars(sa.select(Officer).where(Officer.ref == "O9")).one()
    site = session.scalars(sa.select(Site).where(Site.name == "Zerbst")).one()
    assert (officer.name, officer.site_id, officer.weekly_hours) == ("O9", site.id, 39.0)
    job_turbo = session.scalars(sa.select(Programme).where(Programme.code == "job_turbo")).one()
    assert job_turbo.name == "Job-Turbo"  # the built-in definition
    assert session.scalars(sa.select(Employer.ref)).all() == ["E9"]
    export_folder(session, tmp_path / "out")
    sites = (tmp_path / "out" / "sites.csv").read_text().splitlines()
    assert sites == ["site,plz,state", "Zerbst,,"]


def test_an_empty_weekly_hours_cell_means_a_full_time_week(
    session: Session, tmp_path: Path
) -> None:
    files = {"officers.csv": "officer_id,name,site,weekly_hours\nO1,Anna,Bitterfeld,\n"}
    import_folder(session, write_folder(tmp_path, files), today=TODAY)
    assert session.scalars(sa.select(Officer.weekly_hours)).one() == 39.0


def test_history_rows_become_decided_proposals_with_their_outcome(
    session: Session, tmp_path: Path
) -> None:
    import_folder(session, write_folder(tmp_path, SMALL), today=TODAY)
    proposals = session.scalars(sa.select(Proposal).order_by(Proposal.proposed_on)).all()
    assert [(p.proposed_on, p.outcome) for p in proposals] == [
        (date(2024, 11, 20), ProposalOutcome.HIRED),
        (date(2024, 11, 20), ProposalOutcome.NOT_HIRED),
        (date(2025, 2, 10), ProposalOutcome.NOT_HIRED),
    ]
    assert {(p.source, p.decision) for p in proposals} == {
        (ProposalSource.IMPORT, ProposalDecision.ACCEPTED)
    }


def test_a_benefit_period_overlapping_one_in_the_database_is_refused(
    session: Session, tmp_path: Path
) -> None:
    import_folder(session, write_folder(tmp_path / "a", SMALL), today=TODAY)
    before = row_counts(session)
    # C001 already has 2022-03-01 … 2022-12-31 in the database.
    overlapping = {"benefit_periods.csv": "client_id,start,end\nC001,2022-06-01,2022-07-31\n"}
    with pytest.raises(InvalidInput) as info:
        import_folder(session, write_folder(tmp_path / "b", overlapping), today=TODAY)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column, problem.rule) == (
        "benefit_periods.csv", 2, "start", "overlap",
    )  # fmt: skip
    assert row_counts(session) == before
    # The same start replaces the stored period instead (the key is client and start).
    shorter = {"benefit_periods.csv": "client_id,start,end\nC001,2022-03-01,2022-07-31\n"}
    report = import_folder(session, write_folder(tmp_path / "c", shorter), today=TODAY)
    assert report.files["benefit_periods.csv"].updated == 1


def test_an_amount_with_fractions_of_a_cent_is_refused(session: Session, tmp_path: Path) -> None:
    files = {"households.csv": "household_id,size,single_parent,monthly_benefit_eur\nH1,1,false,10.005\n"}  # fmt: skip # noqa: E501
    with pytest.raises(InvalidInput) as info:
        import_folder(session, write_folder(tmp_path, files), today=TODAY)
    assert [(p.line, p.column, p.rule) for p in info.value.problems] == [
        (2, "monthly_benefit_eur", "money")
    ]


def test_a_folder_in_any_layout_exports_as_the_canonical_one(
    session: Session, tmp_path: Path
) -> None:
    # Columns in another order, CRLF line ends, rows unsorted, TRUE for true, an extra column.
    lines = SMALL["clients.csv"].splitlines()
    header = lines[0].split(",")
    order = list(reversed(range(len(header))))

    def shuffle(line: str) -> str:
        import csv
        import io

        cells = next(csv.reader(io.StringIO(line)))
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow([cells[i] for i in order] + ["x"])
        return out.getvalue()

    clients = "\n".join([shuffle(lines[0]).replace(",x", ",remark")]
                        + [shuffle(x) for x in reversed(lines[1:])]) + "\n"  # fmt: skip
    files = dict(SMALL, **{"clients.csv": clients.replace(",true,", ",TRUE,")})
    report = import_folder(session, write_folder(tmp_path / "in", files, crlf=True), today=TODAY)
    assert report.warnings == ["clients.csv: unknown column 'remark' ignored"]
    export_folder(session, tmp_path / "out")
    canonical = write_folder(tmp_path / "canonical", SMALL)
    for name in SMALL:
        assert (tmp_path / "out" / name).read_bytes() == (canonical / name).read_bytes(), name


def test_export_refuses_a_folder_that_holds_an_export_unless_told_to_overwrite(
    session: Session, tmp_path: Path
) -> None:
    import_folder(session, write_folder(tmp_path / "in", SMALL), today=TODAY)
    out = tmp_path / "out"
    export_folder(session, out)
    with pytest.raises(Conflict):
        export_folder(session, out)
    (out / "stale.txt").write_text("not ours")
    report = export_folder(session, out, overwrite=True)
    assert report.files == SMALL_ROWS
    assert (out / "stale.txt").exists()


def test_each_run_leaves_one_audit_entry(session: Session, tmp_path: Path) -> None:
    import_folder(session, write_folder(tmp_path / "in", SMALL), today=TODAY)
    export_folder(session, tmp_path / "out")
    entries = session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.actor, e.action) for e in entries] == [
        ("cli:import", AuditAction.IMPORT),
        ("cli:export", AuditAction.EXPORT),
    ]
    assert entries[0].detail["files"]["clients.csv"] == {
        "inserted": 4, "updated": 0, "unchanged": 0,
    }  # fmt: skip
    assert entries[1].detail["files"]["clients.csv"] == 4


class _Recorder:
    def __init__(self) -> None:
        self.totals: dict[str, int] = {}
        self.done: dict[str, int] = {}

    def start(self, label: str, total: int) -> None:
        self.totals[label] = total
        self.done[label] = 0

    def advance(self, label: str, n: int) -> None:
        self.done[label] += n


def test_every_progress_bar_of_an_import_runs_to_its_end(session: Session, tmp_path: Path) -> None:
    bars = _Recorder()
    import_folder(session, write_folder(tmp_path, SMALL), today=TODAY, progress=bars)
    assert bars.totals == {
        **{f"read {name}": rows for name, rows in SMALL_ROWS.items()},
        **{f"write {name}": rows for name, rows in SMALL_ROWS.items()},
    }
    assert bars.done == bars.totals


def test_rows_are_exported_in_code_point_order_of_their_ids(
    session: Session, tmp_path: Path
) -> None:
    # Python's sorted(): upper case before lower case, "Ä" (U+00C4) after both.
    ids = ["b2", "Äx", "B1", "a3"]
    rows = "".join(f"{i},Bitterfeld,active,06749\n" for i in ids)
    import_folder(session, write_folder(tmp_path, {"clients.csv": "client_id,site,status,plz\n"
                                                   + rows}), today=TODAY)  # fmt: skip
    export_folder(session, tmp_path / "out")
    exported = (tmp_path / "out" / "clients.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert [line.split(",")[0] for line in exported] == ["B1", "a3", "b2", "Äx"]


def _teams(session: Session) -> list[tuple[str, str, str | None]]:
    stmt = (
        sa.select(Site.name, Team.name, Programme.code)
        .join(Site, Site.id == Team.site_id)
        .outerjoin(Programme, Programme.id == Team.programme_id)
        .order_by(Site.name, Team.name)
    )
    return [(s, t, p) for s, t, p in session.execute(stmt)]


def test_teams_csv_gives_a_team_its_programme_and_an_officer_joins_it(
    session: Session, tmp_path: Path
) -> None:
    import_folder(session, write_folder(tmp_path, SMALL), today=TODAY)
    assert _teams(session) == [
        ("Bitterfeld", "Team Job-Turbo", "job_turbo"),
        ("Zerbst", "Vermittlung Zerbst", None),
    ]
    officer = session.scalars(sa.select(Officer).where(Officer.ref == "O1")).one()
    team = session.get(Team, officer.team_id)
    assert team is not None
    assert team.name == "Team Job-Turbo"


def test_a_team_that_changes_its_programme_is_updated_and_exported_so(
    session: Session, tmp_path: Path
) -> None:
    import_folder(session, write_folder(tmp_path / "a", SMALL), today=TODAY)
    changed = dict(SMALL)
    changed["teams.csv"] = (
        "site,team,programme\n"
        "Bitterfeld,Team Job-Turbo,\n"  # the Job-Turbo ends: a general team now
        "Zerbst,Vermittlung Zerbst,fokus\n"
    )
    report = import_folder(session, write_folder(tmp_path / "b", changed), today=TODAY)
    assert (report.files["teams.csv"].updated, report.files["teams.csv"].unchanged) == (2, 0)
    assert _teams(session) == [
        ("Bitterfeld", "Team Job-Turbo", None),
        ("Zerbst", "Vermittlung Zerbst", "fokus"),
    ]
    export_folder(session, tmp_path / "out")
    assert (tmp_path / "out" / "teams.csv").read_text() == changed["teams.csv"]


def test_a_team_only_officers_csv_names_is_a_general_team_and_is_exported(
    session: Session, tmp_path: Path
) -> None:
    files = {
        "sites.csv": "site,plz,state\nZerbst,39261,\n",
        "teams.csv": "site,team,programme\nZerbst,Job-Turbo,job_turbo\n",
        "officers.csv": (
            "officer_id,name,site,team\nO1,Anna,Zerbst,U25\nO2,Bernd,Zerbst,Job-Turbo\n"
        ),
    }
    report = import_folder(session, write_folder(tmp_path, files), today=TODAY)
    assert report.created["teams"] == 1
    assert any("teams.csv does not define" in w for w in report.warnings)
    assert report.created["programmes"] == 1  # job_turbo, built in, named by teams.csv only
    export_folder(session, tmp_path / "out")
    assert (tmp_path / "out" / "teams.csv").read_text().splitlines() == [
        "site,team,programme",
        "Zerbst,Job-Turbo,job_turbo",
        "Zerbst,U25,",
    ]


def test_a_generated_programme_team_keeps_its_programme_through_import_and_export(
    session: Session, tmp_path: Path
) -> None:
    # The demo Jobcenter has a Job-Turbo team at Bitterfeld (profiles.py); before teams.csv it
    # came in as a plain team and its clients fell back to regular care.
    summary = generate("demo", out=tmp_path / "gen", clients=300, seed=5)
    import_folder(session, summary.out, today=summary.as_of)
    teams = _teams(session)
    assert ("Bitterfeld", "Job-Turbo", "job_turbo") in teams
    assert all(programme is None for _s, team, programme in teams if team != "Job-Turbo")
    plan = plan_caseloads(session, on=summary.as_of)
    job_turbo = [p for p in plan.pools_after if p.programme == "job_turbo"]
    assert len(job_turbo) == 1
    assert job_turbo[0].officers >= 1
    assert job_turbo[0].clients > 0
    export_folder(session, tmp_path / "out")
    generated = (summary.out / "teams.csv").read_bytes()
    assert (tmp_path / "out" / "teams.csv").read_bytes() == generated
