"""Placement proposals in the database: running the matcher, officers' decisions, outcomes."""
