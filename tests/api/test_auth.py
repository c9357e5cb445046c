"""Logging in and out: argon2 passwords, lockout, signed cookies, CSRF, API tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.codes import AuditAction, Role
from lotse.models import AuditEntry, User
from tests.web import Web, csrf_of


def _login(client, username: str, password: str):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def test_the_right_password_opens_a_session_and_the_login_is_logged(web: Web) -> None:
    client = web.anonymous()
    response = _login(client, "anna", web.seed.password)
    assert response.status_code == 303
    assert client.get("/day").status_code == 200
    with Session(web.engine) as session:
        user = session.scalars(sa.select(User).where(User.username == "anna")).one()
        assert user.password_hash.startswith("$argon2id$")
        assert user.last_login_at is not None
        logins = session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.action == AuditAction.LOGIN, AuditEntry.actor == "anna"
            )
        ).all()
        assert len(logins) == 1


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(web: Web) -> None:
    client = web.anonymous()
    before = datetime.now(UTC)
    for _ in range(5):
        assert _login(client, "anna", "falsches-passwort").status_code == 401
    # Locked: even the right password is refused now.
    assert _login(client, "anna", web.seed.password).status_code == 401
    with Session(web.engine) as session:
        user = session.scalars(sa.select(User).where(User.username == "anna")).one()
        assert user.locked_until is not None
        # 15 minutes from the fifth failure (which came after `before`).
        assert before + timedelta(minutes=15) <= user.locked_until
        assert user.locked_until <= datetime.now(UTC) + timedelta(minutes=15)
        reasons = [
            e.detail.get("reason")
            for e in session.scalars(
                sa.select(AuditEntry)
                .where(AuditEntry.action == AuditAction.LOGIN_FAILED)
                .order_by(AuditEntry.id)
            )
        ]
    assert reasons == ["wrong_password"] * 4 + ["locked_now", "locked"]


def test_four_failures_then_success_resets_the_counter(web: Web) -> None:
    client = web.anonymous()
    for _ in range(4):
        _login(client, "anna", "falsch")
    assert _login(client, "anna", web.seed.password).status_code == 303
    with Session(web.engine) as session:
        user = session.scalars(sa.select(User).where(User.username == "anna")).one()
        assert (user.failed_logins, user.locked_until) == (0, None)


def test_a_form_without_the_csrf_token_is_refused(web: Web) -> None:
    client = web.browser(Role.OFFICER)
    del client.headers["X-CSRF-Token"]
    url = f"/proposals/{web.seed.proposal_pending}/decision"
    assert client.post(url, data={"decision": "accepted"}).status_code == 403
    assert (
        client.post(url, data={"decision": "accepted", "csrf_token": "forged"}).status_code == 403
    )
    # A login form posted from elsewhere (no token) is refused too.
    fresh = web.anonymous()
    response = fresh.post("/login", data={"username": "anna", "password": web.seed.password})
    assert response.status_code == 403


def test_the_session_cookie_is_httponly_samesite_and_tamper_proof(web: Web) -> None:
    client = web.anonymous()
    response = _login(client, "anna", web.seed.password)
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Path=/" in cookie
    assert "Secure" not in cookie  # plain http in the test; https sets Secure
    value = client.cookies["lotse_session"]
    client.cookies.set(
        "lotse_session", value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")
    )
    assert client.get("/day").status_code == 303  # back to the login form


def test_the_session_cookie_is_secure_over_https(web: Web) -> None:
    from fastapi.testclient import TestClient

    client = TestClient(web.app, base_url="https://testserver", follow_redirects=False)
    response = client.get("/login")
    assert "Secure" in response.headers["set-cookie"]


def test_logout_ends_the_session(web: Web) -> None:
    client = web.browser(Role.OFFICER)
    assert (
        client.post("/logout", data={"csrf_token": client.headers["X-CSRF-Token"]}).status_code
        == 303
    )
    assert client.get("/day").headers["location"].startswith("/login")


def test_a_new_password_ends_sessions_and_api_tokens(web: Web) -> None:
    browser = web.browser(Role.OFFICER)
    api = web.api(Role.OFFICER)
    admin = web.api(Role.ADMIN)
    user_id = web.seed.user_ids[Role.OFFICER]
    response = admin.patch(f"/api/v1/users/{user_id}", json={"password": "ein ganz neues Passwort"})
    assert response.status_code == 200, response.text
    assert browser.get("/day").status_code == 303
    assert api.get("/api/v1/me").status_code == 401


def test_an_api_token_works_until_it_is_revoked(web: Web) -> None:
    api = web.api(Role.OFFICER)
    me = api.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["role"] == "officer"
    assert api.delete("/api/v1/auth/token").status_code == 204
    assert api.get("/api/v1/me").status_code == 401
    assert api.get("/api/v1/me").headers["content-type"] == "application/problem+json"


def test_wrong_credentials_for_a_token_count_towards_the_lockout(web: Web) -> None:
    client = web.anonymous()
    for _ in range(5):
        response = client.post("/api/v1/auth/token", json={"username": "anna", "password": "x"})
        assert response.status_code == 401
    ok = client.post("/api/v1/auth/token", json={"username": "anna", "password": web.seed.password})
    assert ok.status_code == 401


def test_after_login_the_next_parameter_never_leads_to_another_site(web: Web) -> None:
    client = web.anonymous()
    token = csrf_of(client.get("/login").text)
    for target, expected in [
        ("//evil.example/x", "/"),
        ("https://evil.example", "/"),
        ("/clients", "/clients"),
    ]:
        client.cookies.clear()
        token = csrf_of(client.get("/login").text)
        response = client.post(
            "/login",
            data={
                "username": "anna",
                "password": web.seed.password,
                "csrf_token": token,
                "next": target,
            },
        )
        assert response.headers["location"] == expected


def test_pages_carry_security_headers(web: Web) -> None:
    response = web.anonymous().get("/login")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
