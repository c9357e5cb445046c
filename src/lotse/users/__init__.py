"""User accounts: administration pages and API, and the ``lotse users`` commands."""
