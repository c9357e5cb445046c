"""The facts eligibility rules may look at: from the client record, the request, or derived.

A fact comes from the client record (the exchange format), from a *parameter* of the request
(something the format does not hold: months of Duldung, serious placement obstacles, the weeks
of an internship asked for) or is *derived* from both (age, months of unemployment).

Exception-type parameters (in school, serious placement obstacles, ...) default to "no", and the
answer shows that as an assumption. Conditions over the facts:
:mod:`lotse.domain.eligibility_conditions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    ClientStatus,
    DegreeRecognition,
    IntegrationCourseState,
    Qualification,
    ResidenceStatus,
)
from lotse.domain.deadlines import add_months, whole_months_between

FactKind = Literal["bool", "int", "date", "level", "qualification", "enum", "country"]

YES_NO = {True: "ja", False: "nein"}

VALUE_LABELS: dict[str, dict[str, str]] = {
    "residence_status": {
        "german": "deutsche Staatsangehörigkeit",
        "eu": "Unionsbürger/in (EU/EWR)",
        "temporary_protection": "vorübergehender Schutz (§ 24 AufenthG)",
        "recognised_refugee": "anerkannte/r Flüchtling/Asylberechtigte/r",
        "subsidiary_protection": "subsidiär Schutzberechtigte/r",
        "asylum_pending": "Aufenthaltsgestattung (Asylverfahren)",
        "tolerated": "Duldung (§ 60a AufenthG)",
        "other_permit": "sonstige Aufenthaltserlaubnis",
    },
    "integration_course": {
        "none": "nicht besucht",
        "attending": "nimmt teil",
        "completed": "abgeschlossen",
    },
    "qualification": {
        "none": "ohne Abschluss",
        "school": "Schulabschluss",
        "vocational": "Berufsabschluss",
        "academic": "Hochschulabschluss",
    },
    "degree_recognition": {
        "not_needed": "nicht erforderlich",
        "none": "nicht anerkannt",
        "pending": "Verfahren läuft",
        "partial": "teilweise anerkannt",
        "full": "voll anerkannt",
    },
    "status": {
        "active": "arbeitsuchend",
        "integrated": "in Arbeit oder Ausbildung",
        "left": "abgemeldet",
    },
}


@dataclass(frozen=True, slots=True)
class FactSpec:
    name: str
    kind: FactKind
    label: str
    source: Literal["client", "param", "derived"]
    choices: type[StrEnum] | None = None
    default: Any = None
    """Assumed value of an exception-type parameter that was not given (shown as assumption)."""
    unit: str = ""


def _spec(
    name: str, kind: FactKind, label: str, source: Literal["client", "param", "derived"], **kw: Any
) -> FactSpec:
    return FactSpec(name, kind, label, source, **kw)


FACTS: dict[str, FactSpec] = {
    s.name: s
    for s in (
        _spec("status", "enum", "Status", "client", choices=ClientStatus),
        _spec("residence_status", "enum", "Aufenthaltsstatus", "client", choices=ResidenceStatus),
        _spec("citizenship", "country", "Staatsangehörigkeit", "client"),
        _spec("german_level", "level", "Deutschniveau", "client"),
        _spec(
            "integration_course",
            "enum",
            "Integrationskurs",
            "client",
            choices=IntegrationCourseState,
        ),
        _spec("qualification", "qualification", "Höchster Abschluss", "client"),
        _spec(
            "degree_recognition",
            "enum",
            "Anerkennung des Abschlusses",
            "client",
            choices=DegreeRecognition,
        ),
        _spec("work_permitted", "bool", "Erwerbstätigkeit erlaubt", "client"),
        _spec("age", "int", "Alter", "derived"),
        _spec("unemployed_months", "int", "Monate arbeitslos", "derived"),
        _spec("long_term_unemployed", "bool", "Langzeitarbeitslos (§ 18 SGB III)", "derived"),
        _spec("receives_sgb2", "bool", "Leistungen nach dem SGB II", "derived"),
        _spec(
            "permit_older_than_one_year",
            "bool",
            "Aufenthaltserlaubnis vor mehr als einem Jahr erteilt",
            "derived",
            default=False,
        ),
        _spec("start_on", "date", "Beginn", "derived"),
        _spec(
            "serious_obstacles",
            "bool",
            "Schwerwiegende Vermittlungshemmnisse",
            "param",
            default=False,
        ),
        _spec(
            "placement_hindered",
            "bool",
            "Vermittlung wegen in der Person liegender Gründe erschwert",
            "param",
        ),
        _spec(
            "discretionary_duldung",
            "bool",
            "Ermessensduldung (§ 60a Abs. 2 S. 3 AufenthG)",
            "param",
            default=False,
        ),
        _spec("duldung_months", "int", "Monate mit Duldung", "param"),
        _spec(
            "safe_country_of_origin",
            "bool",
            "Sicherer Herkunftsstaat (§ 29a AsylG)",
            "param",
            default=False,
        ),
        _spec(
            "permit_grants_entitlement",
            "bool",
            "Aufenthaltserlaubnis mit Kursanspruch (§ 44 Abs. 1 AufenthG)",
            "param",
            default=False,
        ),
        _spec(
            "late_registration_excused",
            "bool",
            "Anmeldung ohne eigenes Verschulden nicht möglich (§ 44 Abs. 2 S. 2 AufenthG)",
            "param",
            default=False,
        ),
        _spec("in_school", "bool", "In schulischer Ausbildung", "param", default=False),
        _spec(
            "in_vocational_training", "bool", "In beruflicher Ausbildung", "param", default=False
        ),
        _spec("requested_weeks", "int", "Wochen bei einem Arbeitgeber", "param", unit="Wochen"),
        _spec("requested_months", "int", "Förderdauer in Monaten", "param", unit="Monate"),
        _spec("requested_percent", "int", "Zuschuss in % des Arbeitsentgelts", "param", unit="%"),
    )
}


# --- the request: client data and parameters ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Applicant:
    """The client data eligibility looks at (the exchange-format fields); None = unknown."""

    status: ClientStatus | None = ClientStatus.ACTIVE
    birth_year: int | None = None
    citizenship: str | None = None
    residence_status: ResidenceStatus | None = None
    work_permitted: bool | None = None
    german_level: CefrLevel | None = None
    integration_course: IntegrationCourseState | None = None
    qualification: Qualification | None = None
    degree_recognition: DegreeRecognition | None = None
    unemployed_since: date | None = None


@dataclass(frozen=True, slots=True)
class Params:
    """Facts of a request that the exchange format does not hold. None = not given."""

    birth_date: date | None = None
    receives_sgb2: bool | None = None
    long_term_unemployed: bool | None = None
    serious_obstacles: bool | None = None
    placement_hindered: bool | None = None
    discretionary_duldung: bool | None = None
    duldung_months: int | None = None
    safe_country_of_origin: bool | None = None
    permit_issued_on: date | None = None
    permit_grants_entitlement: bool | None = None
    late_registration_excused: bool | None = None
    in_school: bool | None = None
    in_vocational_training: bool | None = None
    requested_weeks: int | None = None
    requested_months: int | None = None
    requested_percent: int | None = None
    requested_start: date | None = None

    def merged(self, other: Params) -> Params:
        """These parameters, overridden by every value ``other`` gives."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(
            {
                f.name: getattr(other, f.name)
                for f in fields(other)
                if getattr(other, f.name) is not None
            }
        )
        return Params(**values)


PARAM_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Params))


def parse_params(raw: Mapping[str, Any]) -> tuple[Params, list[tuple[str, str]]]:
    """Parameters from text or typed values, with a (name, problem) list for bad entries.

    >>> parse_params({"duldung_months": "7", "serious_obstacles": "true"})[0].duldung_months
    7
    >>> parse_params({"weeks": "8"})[1]
    [('weeks', 'unknown parameter')]
    """
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    types = {f.name: f.type for f in fields(Params)}
    for name, value in raw.items():
        if name not in types:
            problems.append((name, "unknown parameter"))
            continue
        if value is None or value == "":
            continue
        kind = str(types[name])
        try:
            values[name] = _coerce(kind, value)
        except ValueError as exc:
            problems.append((name, str(exc)))
    return Params(**values), problems


def _coerce(kind: str, value: Any) -> Any:
    if kind.startswith("bool"):
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "false"):
            return str(value).lower() == "true"
        raise ValueError("must be true or false")
    if kind.startswith("int"):
        if isinstance(value, bool) or not (
            isinstance(value, int) or str(value).lstrip("-").isdigit()
        ):
            raise ValueError("must be a whole number")
        number = int(value)
        if number < 0:
            raise ValueError("must not be negative")
        return number
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError("must be an ISO date (YYYY-MM-DD)") from None


# --- facts -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact's value; ``low``/``high`` bound a value known only roughly (age from birth year)."""

    value: Any
    low: Any = None
    high: Any = None
    assumed: bool = False
    hint: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None or self.low is not None


def build_facts(applicant: Applicant, params: Params, *, on: date) -> dict[str, Fact]:
    """Every fact of :data:`FACTS` for one request at date ``on``."""
    a, p = applicant, params
    facts: dict[str, Fact] = {
        "status": Fact(a.status),
        "residence_status": Fact(a.residence_status),
        "citizenship": Fact(a.citizenship),
        "german_level": Fact(a.german_level),
        "integration_course": Fact(a.integration_course),
        "qualification": Fact(a.qualification),
        "degree_recognition": Fact(a.degree_recognition),
        "work_permitted": Fact(a.work_permitted),
        "start_on": Fact(p.requested_start or on),
    }
    facts["age"] = _age(a.birth_year, p.birth_date, on)
    months = None
    if a.unemployed_since is not None and a.unemployed_since <= on:
        months = whole_months_between(a.unemployed_since, on)
    facts["unemployed_months"] = Fact(months)
    if p.long_term_unemployed is not None:
        facts["long_term_unemployed"] = Fact(p.long_term_unemployed)
    else:  # § 18 Abs. 1 SGB III: unemployed for one year or longer
        facts["long_term_unemployed"] = Fact(None if months is None else months >= 12)
    if p.receives_sgb2 is not None:
        facts["receives_sgb2"] = Fact(p.receives_sgb2)
    else:  # domain primer § 7: Gestattung and Duldung → AsylbLG; Lotse's other clients are eLb
        asylblg = a.residence_status in (ResidenceStatus.ASYLUM_PENDING, ResidenceStatus.TOLERATED)
        facts["receives_sgb2"] = Fact(not asylblg)
    if p.permit_issued_on is not None:  # § 44 Abs. 2 S. 1 AufenthG
        facts["permit_older_than_one_year"] = Fact(on > add_months(p.permit_issued_on, 12))
    for name in PARAM_NAMES:
        if name in FACTS and name not in facts:
            facts[name] = Fact(getattr(p, name))
    for name, spec in FACTS.items():
        fact = facts.get(name, Fact(None))
        if not fact.known and spec.default is not None:
            fact = Fact(spec.default, assumed=True)
        facts[name] = fact
    return facts


def _age(birth_year: int | None, birth_date: date | None, on: date) -> Fact:
    if birth_date is not None:
        had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
        return Fact(on.year - birth_date.year - (0 if had_birthday else 1))
    if birth_year is None:
        return Fact(None)
    years = on.year - birth_year
    if (on.month, on.day) == (12, 31):
        return Fact(years)
    return Fact(
        None,
        low=years - 1,
        high=years,
        hint="nur das Geburtsjahr ist bekannt: Geburtsdatum angeben (birth_date)",
    )
