"""Write a validated exchange folder to the database, file by file, in batches.

Every file is an upsert by its exchange key: rows are compared with what the database holds and
only new or changed rows are written (bulk writes, never one ORM object per row). Sites,
teams, officers, employers and built-in programmes that rows name but no file defines are created.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from lotse.domain.codes import ProposalDecision, ProposalSource
from lotse.domain.programmes import BUILT_IN
from lotse.exchange import rows as r
from lotse.exchange.reader import ExchangeData
from lotse.exchange.report import FileCounts, ImportProgress, ImportReport
from lotse.exchange.repository import ExchangeRepository, chunks
from lotse.exchange.schema import (
    BENEFIT_PERIODS,
    CLIENTS,
    EMPLOYERS,
    HISTORY,
    HOUSEHOLDS,
    INTEGRATIONS,
    OFFICERS,
    PROGRAMMES,
    SITES,
    TEAMS,
    VACANCIES,
    FileSpec,
)
from lotse.exchange.tables import (
    CLIENTS_T,
    EMPLOYERS_T,
    HOUSEHOLDS_T,
    JOB_STARTS_T,
    OFFICERS_T,
    PERIODS_T,
    PROGRAMMES_T,
    PROPOSALS_T,
    SITES_T,
    TEAMS_T,
    VACANCIES_T,
    TableRow,
    plan,
)
from lotse.exchange.writer_clients import write_clients


class Writer:
    """Writes a validated folder in import order, keeping the id maps between files."""

    def __init__(
        self,
        repo: ExchangeRepository,
        data: ExchangeData,
        today: date,
        progress: ImportProgress | None = None,
    ) -> None:
        self.repo = repo
        self.data = data
        self.today = today
        self.now = datetime.now(UTC)
        self.progress = progress
        self.report = ImportReport(data.folder, warnings=list(data.warnings))
        self.new_clients: set[int] = set()
        """Ids of the clients this import created: nothing in the database points to them."""

    def run(self) -> ImportReport:
        self.sites()
        self.programmes()
        self.teams()
        self.officers()
        self.households()
        self.employers()
        self.clients()
        self.release(SITES, PROGRAMMES, TEAMS, OFFICERS, HOUSEHOLDS, EMPLOYERS, CLIENTS)
        self.vacancies()
        self.release(VACANCIES)
        if self.data.has(BENEFIT_PERIODS) or self.data.has(INTEGRATIONS) or self.data.has(HISTORY):
            self.client_ids = self.repo.id_map(CLIENTS_T, "ref")
            self.periods()
            self.release(BENEFIT_PERIODS)
            self.job_starts()
            self.release(INTEGRATIONS)
            self.history()
        return self.report

    def release(self, *specs: FileSpec) -> None:
        """Drop the parsed rows of files already written (a large import's memory)."""
        for spec in specs:
            if self.data.has(spec):
                self.data.rows[spec.name] = []
                self.data.lines[spec.name] = []

    # -- one step per file ------------------------------------------------------------------------

    def sites(self) -> None:
        if self.data.has(SITES):
            self.upsert(SITES, SITES_T, ("name",), [r.site_row(x) for x in self.data.get(SITES)])
        known = self.repo.id_map(SITES_T, "name")
        named = [x["site"] for x in (*self.data.get(CLIENTS), *self.data.get(OFFICERS))]
        missing = sorted(set(named) - set(known))
        self.insert_new(SITES_T, [{"name": n, "plz": None, "state": None} for n in missing])
        self.created("sites", missing, "sites.csv: created sites named in other files only")
        self.site_ids = self.repo.id_map(SITES_T, "name")

    def programmes(self) -> None:
        if self.data.has(PROGRAMMES):
            rows = [r.programme_row(x) for x in self.data.get(PROGRAMMES)]
            self.upsert(PROGRAMMES, PROGRAMMES_T, ("code",), rows)
        known = self.repo.id_map(PROGRAMMES_T, "code")
        named = {code for x in self.data.get(CLIENTS) for code in x["programmes"]}
        named |= {x["programme"] for x in self.data.get(TEAMS) if x["programme"] is not None}
        missing = sorted(named - set(known))
        built_in = [
            {"code": p.code, "name": p.name, "kind": p.kind, "target_rule": p.target_rule,
             "caseload_ratio": p.caseload_ratio, "contacts_per_month": p.contacts_per_month,
             "starts_on": None, "ends_on": None, "description": p.description}
            for p in (BUILT_IN[code] for code in missing)
        ]  # fmt: skip
        self.insert_new(PROGRAMMES_T, built_in)
        self.created("programmes", missing, "programmes.csv: created built-in programmes")
        self.programme_ids = self.repo.id_map(PROGRAMMES_T, "code")

    def teams(self) -> None:
        if self.data.has(TEAMS):
            rows = [
                r.team_row(
                    x,
                    self.site_ids[x["site"]],
                    None if x["programme"] is None else self.programme_ids[x["programme"]],
                )
                for x in self.data.get(TEAMS)
            ]
            self.upsert(TEAMS, TEAMS_T, ("site_id", "name"), rows)

    def officers(self) -> None:
        teams = self.repo.team_map()
        wanted = {(self.site_ids[x["site"]], x["team"]) for x in self.data.get(OFFICERS)}
        new_teams = sorted(t for t in wanted if t[1] is not None and t not in teams)
        self.insert_new(TEAMS_T, [{"name": n, "site_id": s, "programme_id": None}
                                  for s, n in new_teams])  # fmt: skip
        # Teams that teams.csv does not define: officers.csv naming them defines a general team.
        self.created(
            "teams",
            [n for _, n in new_teams],
            "officers.csv: created general teams that teams.csv does not define"
            if self.data.has(TEAMS)
            else None,
        )
        teams = self.repo.team_map() if new_teams else teams
        if self.data.has(OFFICERS):
            rows = []
            for x in self.data.get(OFFICERS):
                site_id = self.site_ids[x["site"]]
                team_id = None if x["team"] is None else teams[site_id, x["team"]]
                rows.append(r.officer_row(x, site_id, team_id))
            self.upsert(OFFICERS, OFFICERS_T, ("ref",), rows, insert_defaults={"active": True})
        known = self.repo.id_map(OFFICERS_T, "ref")
        first_site: dict[str, int] = {}
        for x in self.data.get(CLIENTS):
            if x["officer_id"] is not None and x["officer_id"] not in known:
                first_site.setdefault(x["officer_id"], self.site_ids[x["site"]])
        implicit: list[TableRow] = [
            {"ref": ref, "name": ref, "site_id": site, "team_id": None, "languages": [],
             "weekly_hours": r.DEFAULT_WEEKLY_HOURS, "active": True}
            for ref, site in sorted(first_site.items())
        ]  # fmt: skip
        self.insert_new(OFFICERS_T, implicit)
        self.created("officers", sorted(first_site), "officers.csv: created officers named in "
                     "clients.csv only (name = id)")  # fmt: skip
        self.officer_ids = self.repo.id_map(OFFICERS_T, "ref") if implicit else known

    def households(self) -> None:
        if self.data.has(HOUSEHOLDS):
            rows = (r.household_row(x) for x in self.data.get(HOUSEHOLDS))
            self.upsert(HOUSEHOLDS, HOUSEHOLDS_T, ("ref",), rows)
        if any(x["household_id"] is not None for x in self.data.get(CLIENTS)):
            self.household_ids = self.repo.id_map(HOUSEHOLDS_T, "ref")
        else:
            self.household_ids = {}

    def employers(self) -> None:
        if self.data.has(EMPLOYERS):
            rows = (r.employer_row(x) for x in self.data.get(EMPLOYERS))
            self.upsert(EMPLOYERS, EMPLOYERS_T, ("ref",), rows)
        if not self.data.has(VACANCIES):
            return
        known = self.repo.id_map(EMPLOYERS_T, "ref")
        missing = sorted({x["employer_id"] for x in self.data.get(VACANCIES)} - set(known))
        self.insert_new(EMPLOYERS_T, [{"ref": e, "name": None, "plz": None} for e in missing])
        self.created("employers", missing, "employers.csv: created employers named in "
                     "vacancies.csv only")  # fmt: skip
        self.employer_ids = self.repo.id_map(EMPLOYERS_T, "ref") if missing else known

    def clients(self) -> None:
        if not self.data.has(CLIENTS):
            return
        write_clients(self)

    def vacancies(self) -> None:
        if self.data.has(VACANCIES):
            rows = (r.vacancy_row(x, self.employer_ids[x["employer_id"]])
                    for x in self.data.get(VACANCIES))  # fmt: skip
            self.upsert(VACANCIES, VACANCIES_T, ("ref",), rows)

    def periods(self) -> None:
        if self.data.has(BENEFIT_PERIODS):
            rows = (r.period_row(x, self.client_ids[x["client_id"]])
                    for x in self.data.get(BENEFIT_PERIODS))  # fmt: skip
            self.upsert(BENEFIT_PERIODS, PERIODS_T, ("client_id", "start"), rows,
                        fresh=self.new_clients)  # fmt: skip

    def job_starts(self) -> None:
        if self.data.has(INTEGRATIONS):
            rows = (r.job_start_row(x, self.client_ids[x["client_id"]])
                    for x in self.data.get(INTEGRATIONS))  # fmt: skip
            self.upsert(INTEGRATIONS, JOB_STARTS_T, ("client_id", "start", "kind"), rows,
                        fresh=self.new_clients)  # fmt: skip

    def history(self) -> None:
        if not self.data.has(HISTORY):
            return
        vacancy_ids = self.repo.id_map(VACANCIES_T, "ref")
        rows = (
            r.history_row(x, self.client_ids[x["client_id"]], vacancy_ids[x["vacancy_id"]])
            for x in self.data.get(HISTORY)
        )
        # A history row is a proposal that was made and what came of it; the officer's decision
        # to propose is therefore taken (accepted), not pending in anyone's worklist.
        defaults = {"source": ProposalSource.IMPORT, "decision": ProposalDecision.ACCEPTED,
                    "score": None, "rank": None, "reasons": None}  # fmt: skip
        self.upsert(HISTORY, PROPOSALS_T, ("client_id", "vacancy_id", "proposed_on"), rows,
                    insert_defaults=defaults, fresh=self.new_clients)  # fmt: skip

    # -- shared helpers -----------------------------------------------------------------------

    def counts(self, spec: FileSpec) -> FileCounts:
        return self.report.files.setdefault(spec.name, FileCounts())

    def stamp(self, rows: Iterable[TableRow], table: sa.Table, *, new: bool) -> None:
        """Set ``created_at``/``updated_at`` (Core writes skip the ORM's defaults per row)."""
        if "updated_at" in table.c:
            for row in rows:
                row["updated_at"] = self.now
                if new:
                    row["created_at"] = self.now

    def start(self, label: str, total: int) -> None:
        if self.progress is not None:
            self.progress.start(label, total)

    def advance(self, label: str, n: int) -> None:
        if self.progress is not None:
            self.progress.advance(label, n)

    def created(self, what: str, names: list[str], message: str | None) -> None:
        """Count records created from names alone, and warn about them (given a message)."""
        if names:
            self.report.created[what] = self.report.created.get(what, 0) + len(names)
            if message is not None:
                self.report.warnings.append(f"{message}: {len(names)} ({_names(names)})")

    def insert_new(self, table: sa.Table, rows: list[TableRow]) -> None:
        self.stamp(rows, table, new=True)
        for batch in chunks(rows):
            self.repo.insert(table, batch)

    def upsert(
        self,
        spec: FileSpec,
        table: sa.Table,
        key: tuple[str, ...],
        table_rows: Iterable[TableRow],
        *,
        insert_defaults: TableRow | None = None,
        fresh: set[Any] | None = None,
    ) -> None:
        """Insert new rows, update changed ones, count the rest, batch by batch.

        Rows whose first key is in ``fresh`` (e.g. clients created by this import) are new
        without asking the database; so are all rows of a table that was empty.
        """
        counts = self.counts(spec)
        label = f"write {spec.name}"
        self.start(label, len(self.data.get(spec)))
        skip = fresh or set()
        empty = self.repo.is_empty(table)
        for batch in chunks(table_rows):
            columns = [c for c in batch[0] if c not in key]
            firsts = set() if empty else {row[key[0]] for row in batch} - skip
            existing = self.repo.existing(table, key, columns, firsts)
            new, changed, same = plan(existing, batch, key, columns)
            inserts = [row | (insert_defaults or {}) for row in new]
            self.stamp(inserts, table, new=True)
            self.repo.insert(table, inserts)
            updates = [{"id": i, **{c: row[c] for c in columns}} for row, i in changed]
            self.stamp(updates, table, new=False)
            self.repo.update(table, updates)
            counts.inserted += len(new)
            counts.updated += len(changed)
            counts.unchanged += len(same)
            self.advance(label, len(batch))


def _names(names: Iterable[Any], limit: int = 5) -> str:
    """A few names for a warning, then how many more.

    >>> _names(["a", "b", "c"], limit=2)
    'a, b and 1 more'
    """
    items = [str(n) for n in names]
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
