"""Helpers for tests of the web application: a seeded app, logged-in clients per role."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from lotse.api import create_app
from lotse.db.engine import session_scope
from lotse.domain.codes import Role
from tests.web_seed import Seed, seed

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF_META.search(html) or CSRF_INPUT.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@dataclass
class Web:
    app: FastAPI
    seed: Seed
    engine: Engine

    def anonymous(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)

    def browser(self, role: Role | str) -> TestClient:
        """A client logged in through the login form, as a browser would."""
        username = self.seed.usernames[role] if isinstance(role, Role) else role
        client = self.anonymous()
        token = csrf_of(client.get("/login").text)
        response = client.post(
            "/login",
            data={"username": username, "csrf_token": token, "password": self.seed.password},
        )
        assert response.status_code == 303, response.text
        client.headers["X-CSRF-Token"] = csrf_of(client.get("/account").text)
        return client

    def api(self, role: Role | str) -> TestClient:
        """A client with a bearer token from POST /api/v1/auth/token."""
        username = self.seed.usernames[role] if isinstance(role, Role) else role
        client = self.anonymous()
        response = client.post(
            "/api/v1/auth/token", json={"username": username, "password": self.seed.password}
        )
        assert response.status_code == 201, response.text
        client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
        return client


def build_web(engine: Engine) -> Web:
    with session_scope(engine) as session:
        seeded = seed(session)
    return Web(create_app(engine=engine), seeded, engine)
