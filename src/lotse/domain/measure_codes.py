"""Closed vocabularies of measures, courses, recognition procedures and the Kooperationsplan.

Values are the spellings stored in the database and shown in the API (like :mod:`codes`).
"""

from __future__ import annotations

from enum import StrEnum


class MeasureKind(StrEnum):
    LANGUAGE_COURSE = "language_course"  # Integrationskurs, Berufssprachkurse
    ACTIVATION = "activation"  # § 45 SGB III (AVGS MAT, MAG, MPAV), orientation courses
    WAGE_SUBSIDY = "wage_subsidy"  # EGZ
    EMPLOYMENT_BONUS = "employment_bonus"  # Einstiegsgeld
    RECOGNITION = "recognition"  # BQFG procedure
    COUNSELLING = "counselling"  # IQ network
    SCHOOL = "school"  # school-leaving classes
    OTHER = "other"


class LanguageLevelSource(StrEnum):
    """Where a recorded German level comes from."""

    COURSE_EXAM = "course_exam"  # exam at the end of a course (DTZ, telc, ...)
    PLACEMENT_TEST = "placement_test"  # Einstufungstest
    CERTIFICATE = "certificate"  # a certificate the client brings
    OFFICER = "officer"  # the officer's estimate


class RecognitionOutcome(StrEnum):
    FULL = "full"  # volle Gleichwertigkeit
    PARTIAL = "partial"  # teilweise Gleichwertigkeit (Anpassungsqualifizierung nötig)
    REFUSED = "refused"  # keine Gleichwertigkeit
    WITHDRAWN = "withdrawn"  # Antrag zurückgenommen


class PlanForm(StrEnum):
    """How a Kooperationsplan was issued."""

    # § 15 SGB II since 1.7.2023: agreed, in Textform, without Rechtsfolgenbelehrung
    AGREEMENT = "agreement"
    ADMINISTRATIVE_ACT = "administrative_act"  # 2026 reform: obligations by Verwaltungsakt [U]


class StepResponsible(StrEnum):
    CLIENT = "client"
    JOBCENTER = "jobcenter"
    OTHER = "other"  # a provider, an employer, another agency
