"""Caseload allocation: who looks after whom, at which ratio, and who moves (and why)."""
