"""The officer's day: contacts due, proposals waiting for a decision, free course seats."""
