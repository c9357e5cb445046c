"""The generator's Integration Point files: reproducible, and consistent with the rules."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from lotse.simulation.generator import generate
from lotse.simulation.integration_point import CASES_FILE, CONSENTS_FILE, REFERRALS_FILE


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ip") / "duisburg"
    generate("duisburg", out=out, clients=12_000, seed=3)
    return out


def test_every_integration_point_member_has_one_first_contact_in_the_programme_year(
    folder: Path,
) -> None:
    members = {r["client_id"] for r in _rows(folder, "clients.csv")
               if "integration_point" in r["programmes"].split(";")}  # fmt: skip
    cases = _rows(folder, CASES_FILE)
    assert sorted(r["client_id"] for r in cases) == sorted(members)
    days = [date.fromisoformat(r["first_contact_on"]) for r in cases]
    # programmes.csv starts the Integration Point on 2025-01-01; the reference date is
    # 2025-09-30 (generation.json).
    assert min(days) >= date(2025, 1, 1)
    assert max(days) <= date(2025, 9, 30)
    for case in cases:
        if case["decision"]:
            assert case["lead_agency"] == "employment_agency"
            assert case["first_contact_on"] <= case["decided_on"]


def test_every_referral_to_an_agency_rests_on_a_consent_in_force_that_day(folder: Path) -> None:
    consents = _rows(folder, CONSENTS_FILE)
    referrals = [r for r in _rows(folder, REFERRALS_FILE) if r["to_agency"]]
    assert referrals
    for referral in referrals:
        day = referral["referred_on"]
        covering = [
            c for c in consents
            if c["client_id"] == referral["client_id"]
            and c["recipient"] == referral["to_agency"]
            and "referrals" in c["categories"].split(";")
            and c["valid_from"] <= day
            and (not c["revoked_on"] or c["revoked_on"] > day)
        ]  # fmt: skip
        assert covering, referral


def test_the_files_are_the_same_for_the_same_seed(folder: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate("duisburg", out=again, clients=12_000, seed=3)
    for name in (CASES_FILE, CONSENTS_FILE, REFERRALS_FILE):
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name
