"""The client's file beyond the profile: eligibility, measures, contacts, plans, assessments.

Each section is a :class:`~lotse.api.features.ClientPanel` built from the feature services
(measures, contacts, not_integrable, kooperationsplan, recognition); the forms post to
``pages_*`` routes that call the same services. Nothing here re-implements a rule.
"""
