"""ASGI middleware: the signed session cookie and the security headers on every response."""

from __future__ import annotations

import time
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "lotse_session"
IDLE_SECONDS = 2 * 3600  # a session unused for two hours ends
ABSOLUTE_SECONDS = 10 * 3600  # and every session ends after a working day

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'"
)


class SessionCookieMiddleware:
    """A session dict in a signed cookie (itsdangerous, key ``Settings.secret_key``).

    The cookie is HttpOnly, SameSite=Lax, ``Secure`` whenever the request came over https, and
    expires after ``IDLE_SECONDS`` without use or ``ABSOLUTE_SECONDS`` after login. It holds ids
    and tokens only, never personal data.
    """

    def __init__(self, app: ASGIApp, *, secret_key: str, cookie: str = SESSION_COOKIE) -> None:
        self.app = app
        self.cookie = cookie
        self.serializer = URLSafeTimedSerializer(secret_key, salt="lotse.session")

    def _load(self, raw: str | None) -> dict[str, Any]:
        if not raw:
            return {}
        try:
            data = self.serializer.loads(raw, max_age=IDLE_SECONDS)
        except BadSignature:
            return {}
        if not isinstance(data, dict):
            return {}
        started = data.get("_started")
        if not isinstance(started, int | float) or time.time() - started > ABSOLUTE_SECONDS:
            return {}
        return data

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        raw = connection.cookies.get(self.cookie)
        scope["session"] = self._load(raw)
        secure = scope.get("scheme") == "https"

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                session: dict[str, Any] = scope["session"]
                headers = MutableHeaders(scope=message)
                flags = f"Path=/; HttpOnly; SameSite=Lax{'; Secure' if secure else ''}"
                if session:
                    session.setdefault("_started", int(time.time()))
                    value = self.serializer.dumps(session)
                    headers.append(
                        "set-cookie", f"{self.cookie}={value}; Max-Age={IDLE_SECONDS}; {flags}"
                    )
                elif raw:
                    headers.append("set-cookie", f"{self.cookie}=; Max-Age=0; {flags}")
            await send(message)

        await self.app(scope, receive, send_with_cookie)


class SecurityHeadersMiddleware:
    """CSP without inline scripts, no framing, no sniffing; pages with data are not cached."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", CONTENT_SECURITY_POLICY)
                headers.setdefault("x-content-type-options", "nosniff")
                headers.setdefault("x-frame-options", "DENY")
                headers.setdefault("referrer-policy", "same-origin")
                headers.setdefault("cross-origin-opener-policy", "same-origin")
                headers.setdefault(
                    "cache-control", "public, max-age=3600" if static else "no-store"
                )
            await send(message)

        await self.app(scope, receive, send_with_headers)
