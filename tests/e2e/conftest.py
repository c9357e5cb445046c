"""Browser tests: Debian's chromium driven by Playwright against ``lotse serve`` on a free port.

Each test gets a fresh seeded database (both backends, via ``database_url``) and its own server
process. Screenshots go to ``tests/output/screenshots/<backend>/``.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from lotse.db.engine import get_engine, session_scope
from tests.web_seed import Seed, seed

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = Path(__file__).parents[1] / "output" / "screenshots"


@dataclass
class LiveServer:
    url: str
    seed: Seed
    database_url: str
    shots: Path

    def shot(self, page: Page, name: str) -> Path:
        path = self.shots / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_server(database_url: str) -> Iterator[LiveServer]:
    with session_scope(get_engine(database_url)) as session:
        seeded = seed(session)
    port = _free_port()
    env = os.environ | {
        "LOTSE_DATABASE_URL": database_url,
        "LOTSE_SECRET_KEY": secrets.token_urlsafe(32),
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "lotse"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                process.kill()
                pytest.fail(f"lotse serve did not start:\n{output}")
            time.sleep(0.2)
    backend = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    shots = OUTPUT / backend
    shots.mkdir(parents=True, exist_ok=True)
    yield LiveServer(url, seeded, database_url, shots)
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()
