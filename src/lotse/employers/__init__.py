"""Employers and their vacancies, kept by the employer service (Arbeitgeberservice)."""
