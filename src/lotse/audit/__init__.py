"""The audit log viewer for administrators (the log itself is written by lotse.access.audit)."""
