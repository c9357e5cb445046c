"""Employer events (info days, company visits, action weeks): list and detail."""
