"""Matching clients and vacancies: features, hire model, candidate generation, assignment,
reasons and the fairness audit. Library style, no database: everything works on exchange-format
rows (dicts) and NumPy arrays."""
