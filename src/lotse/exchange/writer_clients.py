"""Write clients.csv: the client rows, their target occupations and programme memberships.

A client counts as unchanged only when its columns, its ``target_kldb`` list (in order) and the
set of its open programme memberships all equal the file. The ``programmes`` cell is the set of
open memberships: a membership no longer listed is closed (``until`` = import date), a newly
listed programme opens one (``since`` = import date, reason ``import``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from lotse.exchange import rows as r
from lotse.exchange.repository import chunks
from lotse.exchange.schema import CLIENTS
from lotse.exchange.tables import (
    CLIENTS_T,
    IMPORT_REASON,
    MEMBERSHIPS_T,
    OCCUPATIONS_T,
    TableRow,
    plan,
)

if TYPE_CHECKING:
    from lotse.exchange.writer import Writer


def write_clients(w: Writer) -> None:
    counts = w.counts(CLIENTS)
    label = f"write {CLIENTS.name}"
    rows = w.data.get(CLIENTS)
    w.start(label, len(rows))
    empty = w.repo.is_empty(CLIENTS_T)
    for batch in chunks(rows):
        table_rows = [
            r.client_row(
                x,
                w.site_ids[x["site"]],
                None if x["officer_id"] is None else w.officer_ids[x["officer_id"]],
                None if x["household_id"] is None else w.household_ids[x["household_id"]],
            )
            for x in batch
        ]
        occupations = {x["client_id"]: list(x["target_kldb"]) for x in batch}
        programmes = {x["client_id"]: [w.programme_ids[c] for c in x["programmes"]] for x in batch}
        columns = [c for c in table_rows[0] if c != "ref"]
        existing = {} if empty else w.repo.existing(CLIENTS_T, ("ref",), columns, occupations)
        new, changed, same = plan(existing, table_rows, ("ref",), columns)

        old_ids = [i for _, i in (*changed, *same)]
        stored_occupations = w.repo.occupations(old_ids)
        open_: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        closed_today: dict[int, dict[int, int]] = defaultdict(dict)
        for membership_id, client_id, programme_id, until in w.repo.memberships(old_ids, w.today):
            if until is None:
                open_[client_id][programme_id].append(membership_id)
            else:
                closed_today[client_id][programme_id] = membership_id

        differ = {
            i
            for row, i in same
            if stored_occupations.get(i, []) != occupations[row["ref"]]
            or set(open_[i]) != set(programmes[row["ref"]])
        }
        changed += [(row, i) for row, i in same if i in differ]
        unchanged = len(same) - len(differ)

        inserts = [dict(row) for row in new]
        w.stamp(inserts, CLIENTS_T, new=True)
        w.repo.insert(CLIENTS_T, inserts)
        new_ids = w.repo.ids_of(CLIENTS_T, "ref", [row["ref"] for row in inserts])
        w.new_clients.update(new_ids.values())
        updates = [{"id": i, **{c: row[c] for c in columns}} for row, i in changed]
        w.stamp(updates, CLIENTS_T, new=False)
        w.repo.update(CLIENTS_T, updates)

        # Target occupations: replaced as a whole where the list differs.
        replace = [
            (row["ref"], i)
            for row, i in changed
            if stored_occupations.get(i, []) != occupations[row["ref"]]
        ]
        w.repo.delete_in(OCCUPATIONS_T, "client_id", [i for _, i in replace])
        w.repo.insert(
            OCCUPATIONS_T,
            [
                {"client_id": client_id, "kldb": code, "position": pos}
                for ref, client_id in (*new_ids.items(), *replace)
                for pos, code in enumerate(occupations[ref])
            ],
        )

        # Programme memberships: the open ones follow the file.
        close: list[TableRow] = []
        reopen: list[TableRow] = []
        opened: list[TableRow] = []
        for ref, client_id in (*new_ids.items(), *((row["ref"], i) for row, i in changed)):
            wanted = programmes[ref]
            for programme_id, membership_ids in open_.get(client_id, {}).items():
                if programme_id not in wanted:
                    close += [{"id": m, "until": w.today} for m in membership_ids]
            for programme_id in wanted:  # in file order, which the export keeps
                if programme_id in open_.get(client_id, {}):
                    continue
                again = closed_today.get(client_id, {}).get(programme_id)
                if again is not None:
                    reopen.append({"id": again, "until": None})
                else:
                    opened.append(_membership(programme_id, client_id, w))
        w.repo.update(MEMBERSHIPS_T, close)
        w.repo.update(MEMBERSHIPS_T, reopen)
        w.repo.insert(MEMBERSHIPS_T, opened)
        w.report.memberships_opened += len(opened) + len(reopen)
        w.report.memberships_closed += len(close)

        counts.inserted += len(new)
        counts.updated += len(changed)
        counts.unchanged += unchanged
        w.advance(label, len(batch))


def _membership(programme_id: int, client_id: int, w: Writer) -> dict[str, Any]:
    return {
        "programme_id": programme_id,
        "client_id": client_id,
        "since": w.today,
        "until": None,
        "reason": IMPORT_REASON,
    }
