"""Placement proposals: who may see them, and a person's decision (accept or reject, with why)."""
