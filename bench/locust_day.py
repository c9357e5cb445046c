"""Locust scenario for bench_web: officers log in once, then keep opening their day page."""

from __future__ import annotations

import itertools
import os
import re

from locust import HttpUser, between, task

USERNAMES = itertools.cycle(os.environ.get("LOTSE_BENCH_USERS", "anna").split(","))
PASSWORD = os.environ.get("LOTSE_BENCH_PASSWORD", "")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Officer(HttpUser):
    wait_time = between(0.0, 0.1)

    def on_start(self) -> None:
        page = self.client.get("/login", name="/login")
        token = CSRF.search(page.text)
        self.client.post(
            "/login",
            data={
                "username": next(USERNAMES),
                "password": PASSWORD,
                "csrf_token": token.group(1) if token else "",
            },
            name="/login (POST)",
        )

    @task
    def day(self) -> None:
        with self.client.get("/day", name="/day", catch_response=True) as response:
            if response.status_code != 200 or "Mein Tag" not in response.text:
                response.failure(f"status {response.status_code}")
