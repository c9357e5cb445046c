"""Planning algorithms without a database: caseloads, contact calendars, candidate ranking.

Like ``domain/`` and ``matching/`` this package imports no ``db``, ``models`` or ``api``; the
feature services (``caseloads/``, ``contacts/``, ``events/``) turn records into the plain
values these functions take and write the results back.
"""
