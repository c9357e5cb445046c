"""Employer events: info days, company visits, info rounds, stands, action weeks, job fairs."""
