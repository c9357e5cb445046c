"""Job starts the generator draws stay importable."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np

from lotse.simulation import timeline


def test_two_minijobs_drawn_for_the_same_day_become_one_job_start() -> None:
    # integrations.csv is keyed by (client_id, start, kind); two minijobs starting on the same
    # day for one person made a 100,000-eLb Borken folder unimportable (seed 1).
    ctx: Any = SimpleNamespace(month_of=np.arange(1000) // 30, last=999)
    people: Any = SimpleNamespace(break_even=np.array([2500.0]))
    events = [(100, "minijob"), (100, "minijob"), (400, "minijob")]
    jobs = timeline._resolve(ctx, [], events, people, 0, np.random.default_rng(0))
    assert [(j.start, j.kind) for j in jobs] == [(100, "minijob"), (400, "minijob")]
