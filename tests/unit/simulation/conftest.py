"""Generated folders shared by the simulation tests (one generation per worker and size)."""

from __future__ import annotations

import calendar
import csv
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lotse.exchange.reader import ExchangeData, read_folder
from lotse.simulation.generator import GenerationSummary, generate

INTEGRATION_KINDS = ("employment", "apprenticeship", "self_employment")


@dataclass
class Generated:
    summary: GenerationSummary
    data: ExchangeData

    @property
    def folder(self) -> Path:
        return self.summary.out

    @property
    def as_of(self) -> date:
        return self.summary.as_of

    def rows(self, name: str) -> list[dict[str, Any]]:
        return self.data.rows[name]

    def raw(self, name: str) -> list[dict[str, str]]:
        with (self.folder / name).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    def periods(self) -> dict[str, list[tuple[date, date | None]]]:
        out: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
        for r in self.rows("benefit_periods.csv"):
            out[r["client_id"]].append((r["start"], r["end"]))
        return out


Factory = Callable[..., Generated]


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Factory:
    """``generated(profile, clients=None, seed=1)``: generate once per session, then reuse."""
    cache: dict[tuple[str, int | None, int], Generated] = {}

    def make(profile: str, clients: int | None = None, seed: int = 1) -> Generated:
        key = (profile, clients, seed)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"{profile}_{clients}_{seed}") / "export"
            summary = generate(profile, out=out, clients=clients, seed=seed)
            cache[key] = Generated(summary, read_folder(out))
        return cache[key]

    return make


def months_back(d: date, months: int) -> date:
    """The same day ``months`` earlier, clamped to the month's end (written independently of
    the generator's calendar so that the tests count on their own)."""
    index = d.year * 12 + d.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def in_benefits(periods: list[tuple[date, date | None]], day: date) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in periods)


def integration_quota(g: Generated, members: set[str] | None = None) -> tuple[int, float]:
    """K2 by hand (domain.md §1): integration-kind job starts in the 12 months to as_of over
    the mean stock on as_of and the same day of the 11 months before."""
    as_of = g.as_of
    start = months_back(as_of, 12)
    starts = sum(
        1
        for r in g.rows("integrations.csv")
        if r["kind"].value in INTEGRATION_KINDS
        and start < r["start"] <= as_of
        and (members is None or r["client_id"] in members)
    )
    periods = g.periods()
    days = [months_back(as_of, k) for k in range(12)]
    stock = [
        sum(1 for cid, ps in periods.items()
            if (members is None or cid in members) and in_benefits(ps, day))
        for day in days
    ]  # fmt: skip
    return starts, sum(stock) / len(stock)
