"""Helpers the measures-related commands share: client lookup with audit, sites, options."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, TypeVar

import sqlalchemy as sa
import typer
from pydantic import BaseModel
from sqlalchemy.orm import Session

from lotse.domain.codes import AuditAction
from lotse.errors import InvalidInput, Problem
from lotse.measures.repository import lookup_client
from lotse.models import AuditEntry, Client, Site
from lotse.validation import parse

ModelT = TypeVar("ModelT", bound=BaseModel)

OnOption = Annotated[str | None, typer.Option("--on", help="date (default: today)")]
SiteOption = Annotated[str | None, typer.Option()]
NoteOption = Annotated[str | None, typer.Option()]


def client_for(session: Session, ref: str, command: str, *, read: bool = True) -> Client:
    """The client ``ref``; a read of the record is audit-logged (§ 35 SGB I, primer § 8)."""
    client = lookup_client(session, ref)
    if read:
        session.add(
            AuditEntry(
                actor=f"cli:{command}",
                action=AuditAction.READ,
                entity="client",
                entity_id=client.ref,
                client_id=client.id,
            )
        )
    return client


def site_id(session: Session, name: str | None) -> int | None:
    if name is None:
        return None
    found = session.scalars(sa.select(Site.id).where(Site.name == name)).one_or_none()
    if found is None:
        raise InvalidInput(
            Problem("unknown_site", "no site with this name", column="site", value=name)
        )
    return found


def build(model: type[ModelT], **values: Any) -> ModelT:
    """A schema from command options (None = not given); bad values → InvalidInput."""
    return parse(model, {k: v for k, v in values.items() if v is not None})


def key_values(pairs: list[str] | None, option: str = "--param") -> dict[str, str]:
    """``name=value`` options as a dict; a malformed one → InvalidInput."""
    result: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InvalidInput(Problem("option", "expected name=value", column=option, value=pair))
        result[name.strip()] = value.strip()
    return result


def day(value: str | None, option: str) -> date | None:
    """An ISO date option; a bad one → InvalidInput naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            Problem("date", "not an ISO date (YYYY-MM-DD)", column=option, value=value)
        ) from None


def today_or(value: str | None, option: str = "--on") -> date:
    return day(value, option) or date.today()
