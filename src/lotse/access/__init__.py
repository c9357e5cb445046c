"""Who may do what: authentication, the declarative access policy, row scopes and the audit log.

Nothing in here knows about HTTP. The web application (``lotse.api``) asks this package whether
a request may pass; services ask it which clients a user may see and record what was read.
"""
