"""Measures: the catalogue, eligibility, courses with seats and waiting lists, participations."""
