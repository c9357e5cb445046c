"""Same seed, same files; another seed, other files; chunks do not change the result."""

from __future__ import annotations

from pathlib import Path

import pytest

from lotse.simulation.generator import generate
from lotse.simulation.plan import CHUNK

FILES = (
    "sites.csv", "programmes.csv", "officers.csv", "employers.csv", "vacancies.csv",
    "clients.csv", "households.csv", "benefit_periods.csv", "integrations.csv", "history.csv",
    "generation.json",
)  # fmt: skip


def _bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FILES}


def test_the_same_seed_writes_the_same_bytes_in_every_file(tmp_path: Path) -> None:
    a = generate("demo", out=tmp_path / "a", clients=300, seed=5)
    b = generate("demo", out=tmp_path / "b", clients=300, seed=5)
    assert _bytes(a.out) == _bytes(b.out)


def test_another_seed_gives_other_people(tmp_path: Path) -> None:
    a = generate("demo", out=tmp_path / "a", clients=300, seed=5)
    b = generate("demo", out=tmp_path / "b", clients=300, seed=6)
    for name in ("clients.csv", "benefit_periods.csv", "history.csv", "vacancies.csv"):
        assert (a.out / name).read_bytes() != (b.out / name).read_bytes(), name


@pytest.mark.xdist_group("large_demo")
def test_a_run_over_several_chunks_is_reproducible(tmp_path: Path) -> None:
    a = generate("demo", out=tmp_path / "a", clients=6500, seed=9)
    assert a.rows["clients.csv"] > CHUNK  # two chunks of people
    b = generate("demo", out=tmp_path / "b", clients=6500, seed=9)
    assert _bytes(a.out) == _bytes(b.out)
