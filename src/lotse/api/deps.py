"""Request dependencies: the request-scoped database session and the current user.

``SessionDep`` opens one session per request and owns its transaction: it commits when the
endpoint returns and rolls back when anything raises (services only flush). Audit entries
marked to survive (refusals) are written again after the rollback.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from lotse.access import audit
from lotse.access.principal import Principal


def get_session(request: Request) -> Iterator[Session]:
    maker: sessionmaker[Session] = request.app.state.sessionmaker
    session = maker()
    try:
        yield session
        session.commit()
        audit.forget_kept(session)
    except BaseException:
        session.rollback()
        audit.replay_after_rollback(session)
        raise
    finally:
        session.close()


# scope="function": commit before the response is sent, so a failed commit is an error response.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def current_principal(request: Request, session: SessionDep) -> Principal:
    """The logged-in user (authentication only: authorisation is the route's Guard)."""
    from lotse.api.routing import authenticate_request, csrf_candidate_sync

    return authenticate_request(request, session, csrf_candidate_sync(request))


CurrentUserDep = Annotated[Principal, Depends(current_principal)]
