"""Everything Lotse holds about a person, for their right of access (Art. 15 GDPR, § 83 SGB X).

The export walks the data model instead of listing tables: every table whose rows hang off the
person's client record (directly or through another such table) is included, so a feature that
adds a table is exported without anyone remembering to. The audit log adds who at which agency
read or changed the record and when — by role and agency, not by the employee's name (employees
acting for the agency are not recipients, CJEU C-579/21 *Pankki S*, 22.6.2023).

Output: a JSON document, a readable HTML page and a PDF of it (WeasyPrint).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session

from lotse.access import gate
from lotse.access.principal import Access
from lotse.audit_trail import record as audit_record
from lotse.db.base import Base
from lotse.domain.agencies import Agency
from lotse.domain.codes import AuditAction, Role
from lotse.integration_point.access import open_case
from lotse.models import AuditEntry, Client, Household, Officer, Site, User

TEMPLATES = Path(__file__).parent / "templates"
SKIPPED = frozenset({"audit_log"})  # reported as the access log below
LEGAL_BASIS = "Art. 15 DSGVO; § 83 SGB X"


@dataclass
class PersonExport:
    """The person's data: their record, every table about them, and the access log."""

    client_id: int
    ref: str
    name: str | None
    generated_at: datetime
    record: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    access_log: list[dict[str, Any]] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "legal_basis": LEGAL_BASIS,
            "generated_at": self.generated_at.isoformat(),
            "person": {"client_id": self.client_id, "ref": self.ref, "name": self.name},
            "record": self.record,
            "context": self.context,
            "tables": self.tables,
            "access_log": self.access_log,
        }


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _rows(session: Session, table: sa.Table, where: sa.ColumnElement[bool]) -> list[dict[str, Any]]:
    order = list(table.primary_key.columns)
    result = session.execute(sa.select(table).where(where).order_by(*order)).mappings()
    return [{k: _plain(v) for k, v in row.items()} for row in result]


def collect(session: Session, client_id: int, *, now: datetime | None = None) -> PersonExport:
    """Every row about the person (no access check: callers do that)."""
    client = session.get(Client, client_id)
    if client is None:
        from lotse.errors import NotFound

        raise NotFound(f"client {client_id} not found")
    clients_t = Client.__table__
    assert isinstance(clients_t, sa.Table)
    record = _rows(session, clients_t, clients_t.c.id == client_id)[0]
    ids: dict[str, set[Any]] = {"clients": {client_id}}
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in SKIPPED or table.name == "clients":
            continue
        links = [
            fk.parent.in_(sorted(ids[fk.column.table.name]))
            for fk in table.foreign_keys
            if fk.column.table.name in ids
            and fk.column.table.name != table.name
            and ids[fk.column.table.name]
        ]
        if not links:
            continue
        rows = _rows(session, table, sa.or_(*links))
        if not rows:
            continue
        tables[table.name] = rows
        if "id" in table.c:
            ids[table.name] = {r["id"] for r in rows}
    return PersonExport(
        client_id=client.id,
        ref=client.ref,
        name=client.name,
        generated_at=now or datetime.now(UTC),
        record=record,
        tables=tables,
        access_log=_access_log(session, client_id),
        context=_context(session, client),
    )


def _context(session: Session, client: Client) -> dict[str, Any]:
    """Names behind the ids of the record: site, officer in charge, household."""
    site = session.get(Site, client.site_id)
    officer = session.get(Officer, client.officer_id) if client.officer_id else None
    household = session.get(Household, client.household_id) if client.household_id else None
    return {
        "site": site.name if site else None,
        "officer": officer.name if officer else None,
        "household": None
        if household is None
        else {
            "ref": household.ref,
            "size": household.size,
            "single_parent": household.single_parent,
        },
    }


def _access_log(session: Session, client_id: int) -> list[dict[str, Any]]:
    statement = (
        sa.select(AuditEntry, User.role, User.agency)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.client_id == client_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    log = []
    for entry, role, agency in session.execute(statement).all():
        who = _who(role, agency, entry.actor)
        log.append(
            {
                "at": entry.at.isoformat(),
                "action": entry.action.value,
                "by": who,
                "what": str((entry.detail or {}).get("what", entry.entity)),
            }
        )
    return log


def _who(role: Role | None, agency: str | None, actor: str) -> str:
    if role is None:
        return "Lotse (Stapelverarbeitung)" if actor.startswith("cli:") else "Lotse"
    if role is Role.PARTNER_AGENCY:
        parsed = Agency.parse(agency)
        return parsed.label if parsed else "Partnerbehörde"
    return "Jobcenter"


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pretty"] = _pretty
    env.globals["shown"] = _shown
    return env


def _shown(column: str) -> bool:
    """Whether the readable export shows a column (ids mean nothing to the person)."""
    technical = column in ("id", "created_at", "updated_at", "position")
    # ``*_by`` name staff accounts: employees acting for the agency are not recipients.
    return not technical and not column.endswith(("_id", "_by"))


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """German labels of closed vocabularies (the core's and this feature's messages)."""
    from lotse.web.i18n import flatten
    from lotse.web.templating import CORE_MESSAGES

    labels: dict[str, str] = {}
    for folder in (CORE_MESSAGES, TEMPLATES.parent / "messages"):
        labels |= flatten(json.loads((folder / "de.json").read_text(encoding="utf-8")))
    return labels


def _pretty(value: Any, table: str = "", column: str = "") -> str:
    """A cell for people: German labels, German dates, ja/nein."""
    from lotse.integration_point.export_labels import AGENCY_COLUMNS, ENUM_COLUMNS

    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if column in AGENCY_COLUMNS:
        agency = Agency.parse(text)
        return agency.label if agency else text
    key = ENUM_COLUMNS.get((table, column))
    if key is not None:
        return _labels().get(f"enum.{key}.{text}", text)
    if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        day = f"{text[8:10]}.{text[5:7]}.{text[:4]}"
        return day + (f", {text[11:16]} Uhr (UTC)" if len(text) > 10 else "")
    return text


def to_html(export: PersonExport) -> str:
    """A readable, printable German document of the export."""
    from lotse.integration_point.export_labels import COLUMN_LABELS, TABLE_LABELS

    return (
        _env()
        .get_template("integration_point/export.html")
        .render(e=export, tables=TABLE_LABELS, columns=COLUMN_LABELS, legal_basis=LEGAL_BASIS)
    )


def body_html(export: PersonExport) -> str:
    """The export's sections, for a page of the web application."""
    from lotse.integration_point.export_labels import COLUMN_LABELS, TABLE_LABELS

    return (
        _env()
        .get_template("integration_point/_export_body.html")
        .render(e=export, tables=TABLE_LABELS, columns=COLUMN_LABELS, legal_basis=LEGAL_BASIS)
    )


def to_pdf(export: PersonExport) -> bytes:
    from weasyprint import HTML

    pdf = HTML(string=to_html(export)).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def for_person(session: Session, access: Access, client_id: int, *, fmt: str) -> PersonExport:
    """The export for a request at the lead agency (or the Jobcenter holding the client)."""
    opened = open_case(
        session,
        access,
        client_id,
        action=AuditAction.EXPORT,
        what="art15_export",
        detail={"format": fmt},
    )
    if not opened.sight.lead and opened.case is not None:
        gate.deny_client(session, access, client_id=client_id, what="art15_export")
    return collect(session, client_id)


def for_cli(session: Session, ref: str, *, fmt: str, actor: str) -> PersonExport:
    """The export for a command (the operator answers the request); logged as an export."""
    client_id = session.scalar(sa.select(Client.id).where(Client.ref == ref))
    if client_id is None:
        from lotse.errors import NotFound

        raise NotFound(f"no client with reference {ref!r}")
    audit_record(
        session,
        user_id=None,
        actor=actor,
        action=AuditAction.EXPORT,
        entity=gate.CLIENT_ENTITY,
        entity_id=ref,
        client_id=client_id,
        detail={"what": "art15_export", "format": fmt},
    )
    session.flush()
    return collect(session, client_id)
