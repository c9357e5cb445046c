"""Contacts: planned appointments at each programme's density, outcomes, reminders, exports."""
