"""Posting a form of the client's file: gate, service, then back to the file (or its errors).

A successful change redirects to the file (``?done=<message key>#panel-<key>``); a refused one
(invalid input, a conflict with the record's state) rolls the whole transaction back — nothing
is written, not even the change's audit entry — and shows the file again with the problems
next to the panel's form (status 422 or 409).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from lotse.access import gate
from lotse.access.principal import Access
from lotse.clients.pages import render_file
from lotse.domain.codes import AuditAction
from lotse.errors import Conflict, InvalidInput, NotFound, PermissionDenied, Problem
from lotse.models import Client
from lotse.web.forms import FieldError, field_errors


def owned(row: Any, client: Client, what: str) -> Any:
    """``row`` if it belongs to ``client`` (a record of another client is "not found")."""
    if row is None or getattr(row, "client_id", None) != client.id:
        raise NotFound(f"{what} not found for this client")
    return row


def within(value: date, column: str, *, years: int = 5) -> None:
    """Refuse dates more than ``years`` years from today (typos such as 2205 or 0202)."""
    today = date.today()
    if abs(value.year - today.year) > years:
        raise InvalidInput(
            Problem("date_range", f"more than {years} years from today", column=column,
                    value=value.isoformat())
        )  # fmt: skip


def client_action(
    request: Request,
    session: Session,
    access: Access,
    client_id: int,
    *,
    panel: str,
    what: str,
    run: Callable[[Client], object],
    done: str,
) -> Response:
    client = gate.open_client(session, access, client_id, action=AuditAction.UPDATE, what=what)
    try:
        run(client)
        session.flush()
    except (InvalidInput, Conflict) as exc:
        session.rollback()
        errors: dict[str, Any] = (
            dict(field_errors(exc))
            if isinstance(exc, InvalidInput)
            else {"_": FieldError("conflict", exc.message)}
        )
        if isinstance(exc, InvalidInput) and not errors:
            errors = {"_": FieldError("invalid", exc.message)}
        reader = access.narrowed("client", "read")
        if reader is None:  # pragma: no cover - every role that may change a client may read it
            raise PermissionDenied("no read access to the client") from None
        return render_file(
            request,
            session,
            reader,
            client_id,
            errors={panel: errors},
            status_code=exc.status_code,
        )
    return RedirectResponse(f"/clients/{client_id}?done={done}#panel-{panel}", status_code=303)
