"""Placement proposals: who may see them, a person's decision (accept or reject, with why),
and the matcher's runs, outcomes and training data (``matcher``)."""
