"""Programmes and focus groups: the list everyone may read, administration for admins."""
