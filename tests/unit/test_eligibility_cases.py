"""The packaged catalogue against cases drawn from the domain primer and the laws it cites.

Every case names its legal source; the expected decision is worked out from that source (not from
the code's output). ``basis`` must appear among the legal bases of the decisive reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    ClientStatus,
    DegreeRecognition,
    IntegrationCourseState,
    Qualification,
    ResidenceStatus,
)
from lotse.domain.eligibility import Applicant, Decision, Params, evaluate
from lotse.measures.catalogue import packaged_by_code

E, S, N = Decision.ELIGIBLE, Decision.ELIGIBLE_IF_SEATS, Decision.NOT_ELIGIBLE
ON = date(2025, 6, 1)

REFUGEE: dict[str, Any] = {
    "residence_status": ResidenceStatus.RECOGNISED_REFUGEE, "citizenship": "SY",
    "german_level": CefrLevel.A1, "integration_course": IntegrationCourseState.NONE,
    "work_permitted": True, "birth_year": 1990, "unemployed_since": date(2025, 2, 1),
}  # fmt: skip


@dataclass(frozen=True)
class Case:
    name: str
    measure: str
    client: dict[str, Any]
    decision: Decision
    basis: str
    source: str
    params: dict[str, Any] = field(default_factory=dict)
    on: date = ON


def client(**kw: Any) -> dict[str, Any]:
    return REFUGEE | kw


UA = client(residence_status=ResidenceStatus.TEMPORARY_PROTECTION, citizenship="UA")
GESTATTUNG = client(residence_status=ResidenceStatus.ASYLUM_PENDING, citizenship="AF")
DULDUNG = client(
    residence_status=ResidenceStatus.TOLERATED,
    citizenship="IQ",
    german_level=CefrLevel.B1,
    integration_course=IntegrationCourseState.COMPLETED,
)
IK_44_1 = "§ 44 Abs. 1 S. 1 Nr. 1 Buchst. c AufenthG (§ 25 Abs. 1, 2)"
BSK = "§ 45a AufenthG; §§ 4, 5 DeuFöV"
AVGS_JC = "§ 16 Abs. 1 S. 2 Nr. 2 SGB II i. V. m. § 45 SGB III"
EGZ = "§ 88 SGB III; § 16 Abs. 1 SGB II"
ACADEMIC = {"qualification": Qualification.ACADEMIC, "german_level": CefrLevel.B2}

CASES = [
    # --- Integrationskurs, §§ 43-44 AufenthG -------------------------------------------------
    Case("ukrainian with temporary protection and A1 may join if seats are free",
         "integrationskurs", UA, S, "§ 44 Abs. 4 S. 2 Nr. 3 AufenthG",
         "§ 44 Abs. 4 S. 2 Nr. 3 AufenthG: AE nach § 24 → Zulassung im Rahmen freier Plätze"),
    Case("recognised refugee is entitled", "integrationskurs", REFUGEE, E, IK_44_1,
         "§ 44 Abs. 1 S. 1 Nr. 1 c AufenthG: erstmalige AE nach § 25 Abs. 1, 2 → Anspruch"),
    Case("person with subsidiary protection is entitled", "integrationskurs",
         client(residence_status=ResidenceStatus.SUBSIDIARY_PROTECTION,
                german_level=CefrLevel.A0), E, IK_44_1,
         "§ 44 Abs. 1 S. 1 Nr. 1 c AufenthG: § 25 Abs. 2 S. 1 Alt. 2 (subsidiärer Schutz)"),
    Case("refugee whose permit is older than a year is only admitted if seats are free",
         "integrationskurs", REFUGEE, S, "§ 44 Abs. 4 S. 1 AufenthG",
         "§ 44 Abs. 2 S. 1: Anspruch erlischt ein Jahr nach Erteilung (10.1.2023 → 10.1.2024); "
         "danach § 44 Abs. 4 S. 1", params={"permit_issued_on": date(2023, 1, 10)}),
    Case("refugee who could not register in time keeps the entitlement", "integrationskurs",
         REFUGEE, E, IK_44_1, "§ 44 Abs. 2 S. 2 AufenthG: nicht zu vertretende Gründe",
         params={"permit_issued_on": date(2023, 1, 10), "late_registration_excused": True}),
    Case("refugee on the first anniversary of the permit is still entitled", "integrationskurs",
         REFUGEE, E, IK_44_1,
         "§ 44 Abs. 2 AufenthG with §§ 187 Abs. 1, 188 Abs. 2 BGB: the year from 1.5.2024 ends "
         "at the end of 1.5.2025", params={"permit_issued_on": date(2024, 5, 1)},
         on=date(2025, 5, 1)),
    Case("refugee the day after the first anniversary has lost the entitlement",
         "integrationskurs", REFUGEE, S, "§ 44 Abs. 4 S. 1 AufenthG",
         "§ 44 Abs. 2 AufenthG, §§ 187, 188 BGB: on 2.5.2025 the year from 1.5.2024 has ended",
         params={"permit_issued_on": date(2024, 5, 1)}, on=date(2025, 5, 2)),
    Case("asylum seeker from Afghanistan may join if seats are free (no country test)",
         "integrationskurs", GESTATTUNG, S, "§ 44 Abs. 4 S. 2 Nr. 1 AufenthG",
         "§ 44 Abs. 4 S. 2 Nr. 1 AufenthG: Aufenthaltsgestattung; no 'Bleibeperspektive' "
         "in the statute (dejure.org)"),
    Case("tolerated person with a discretionary Duldung may join if seats are free",
         "integrationskurs", client(residence_status=ResidenceStatus.TOLERATED), S,
         "§ 44 Abs. 4 S. 2 Nr. 2 AufenthG",
         "§ 44 Abs. 4 S. 2 Nr. 2: Duldung nach § 60a Abs. 2 S. 3",
         params={"discretionary_duldung": True}),
    Case("tolerated person without a discretionary Duldung is not admitted", "integrationskurs",
         client(residence_status=ResidenceStatus.TOLERATED), N, "§ 44 Abs. 4 S. 2 Nr. 2 AufenthG",
         "§ 44 Abs. 4 S. 2 Nr. 2 names only the Duldung nach § 60a Abs. 2 S. 3"),
    Case("person who already speaks B1 has no entitlement", "integrationskurs",
         client(german_level=CefrLevel.B1), N, "§ 44 Abs. 3 S. 1 Nr. 3, S. 2 AufenthG",
         "§ 44 Abs. 3 S. 1 Nr. 3 AufenthG: ausreichende Deutschkenntnisse (B1, § 2 Abs. 10)"),
    Case("person who completed the course cannot take it again", "integrationskurs",
         client(integration_course=IntegrationCourseState.COMPLETED), N,
         "§ 44 Abs. 1 S. 1 AufenthG", "§ 44 Abs. 1 S. 1: Anspruch auf die *einmalige* Teilnahme"),
    Case("EU citizen may join if seats are free", "integrationskurs",
         client(residence_status=ResidenceStatus.EU, citizenship="RO"), S,
         "§ 11 Abs. 1 FreizügG/EU i. V. m. § 44 Abs. 4 AufenthG",
         "§ 11 FreizügG/EU applies § 44 Abs. 4 AufenthG to Union citizens"),
    Case("German citizen with A2 may join if seats are free", "integrationskurs",
         client(residence_status=ResidenceStatus.GERMAN, citizenship="DE",
                german_level=CefrLevel.A2), S, "§ 44 Abs. 4 S. 2 AufenthG",
         "§ 44 Abs. 4 S. 2: Deutsche ohne ausreichende Deutschkenntnisse"),
    Case("family reunification permit gives an entitlement", "integrationskurs",
         client(residence_status=ResidenceStatus.OTHER_PERMIT), E, "§ 44 Abs. 1 S. 1 AufenthG",
         "§ 44 Abs. 1 S. 1 Nr. 1 b: AE zum Familiennachzug (§§ 28–36a)",
         params={"permit_grants_entitlement": True}),
    Case("other permit without entitlement is admitted if seats are free", "integrationskurs",
         client(residence_status=ResidenceStatus.OTHER_PERMIT), S, "§ 44 Abs. 4 S. 1 AufenthG",
         "§ 44 Abs. 4 S. 1: Ausländer ohne Teilnahmeanspruch"),
    Case("young person continuing school has no entitlement", "integrationskurs", REFUGEE, N,
         "§ 44 Abs. 3 S. 1 Nr. 1 AufenthG", "§ 44 Abs. 3 S. 1 Nr. 1: schulische Ausbildung",
         params={"in_school": True}),
    # --- obligation by the Jobcenter, § 44a AufenthG --------------------------------------
    Case("jobcenter may oblige a refugee on benefits to attend", "integrationskurs_verpflichtung",
         REFUGEE, E, "§ 44a Abs. 1 S. 1 Nr. 2 AufenthG",
         "§ 44a Abs. 1 S. 1 Nr. 2 AufenthG: SGB-II-Bezug, Aufforderung durch den Träger"),
    Case("jobcenter cannot oblige an asylum seeker on AsylbLG benefits",
         "integrationskurs_verpflichtung", GESTATTUNG, N,
         "§ 44a Abs. 1 S. 1 Nr. 4 AufenthG; § 5b AsylbLG",
         "§ 44a Abs. 1 S. 1 Nr. 4: Verpflichtung durch die AsylbLG-Behörde; primer § 7"),
    Case("ukrainian moved to AsylbLG cannot be obliged by the jobcenter",
         "integrationskurs_verpflichtung", UA, N, "§ 44a Abs. 1 S. 1 Nr. 4 AufenthG; § 5b AsylbLG",
         "primer § 2: arrivals after 31.3.2025 → AsylbLG (given as a parameter, not guessed)",
         params={"receives_sgb2": False}),
    Case("EU citizen cannot be obliged", "integrationskurs_verpflichtung",
         client(residence_status=ResidenceStatus.EU, citizenship="BG"), N,
         "§ 44a Abs. 1 AufenthG; § 11 Abs. 1 FreizügG/EU",
         "§ 11 FreizügG/EU refers to § 44 Abs. 4 only, not to § 44a"),
    Case("person in vocational training is exempt from the obligation",
         "integrationskurs_verpflichtung", REFUGEE, N, "§ 44a Abs. 2 Nr. 1 AufenthG",
         "§ 44a Abs. 2 Nr. 1: berufliche oder sonstige Ausbildung",
         params={"in_vocational_training": True}),
    # --- Berufssprachkurse, § 45a AufenthG, DeuFöV -----------------------------------------
    Case("tolerated person after six months of Duldung may join a job-related course",
         "bsk_basis_b1_b2", DULDUNG, E, BSK,
         "primer § 5 / esf-netwin: Geduldete nach 6 Monaten Duldung (§ 4 DeuFöV)",
         params={"duldung_months": 7}),
    Case("tolerated person after five months without discretionary Duldung may not",
         "bsk_basis_b1_b2", DULDUNG, N, "§ 4 Abs. 1 S. 2 DeuFöV",
         "primer § 5: Ermessensduldung or 6 months of Duldung", params={"duldung_months": 5}),
    Case("tolerated person with a discretionary Duldung may join at once", "bsk_basis_b1_b2",
         DULDUNG, E, BSK, "primer § 5: 'with an Ermessensduldung'",
         params={"duldung_months": 2, "discretionary_duldung": True}),
    Case("unknown months of Duldung are asked for, not guessed", "bsk_basis_b1_b2", DULDUNG, N,
         "§ 4 Abs. 1 S. 2 DeuFöV", "brief: facts the format lacks are request parameters"),
    Case("base module B1 → B2 needs B1, not B2", "bsk_basis_b1_b2",
         client(german_level=CefrLevel.B2), N, "§ 12 DeuFöV",
         "§ 12 DeuFöV: Basismodule B1→B2, B2→C1, C1→C2 (entry level = start level)"),
    Case("person with B2 may join the base module B2 → C1", "bsk_basis_b2_c1",
         client(german_level=CefrLevel.B2), E, BSK, "§ 12 DeuFöV: Basismodul B2 → C1"),
    Case("A2 after an integration course without B1 opens the special module A2 → B1",
         "bsk_spezial_a2_b1",
         client(german_level=CefrLevel.A2, integration_course=IntegrationCourseState.COMPLETED),
         E, BSK, "§ 13 DeuFöV: A2→B1 only after an integration course that missed B1"),
    Case("A2 without an integration course does not open the special module",
         "bsk_spezial_a2_b1", client(german_level=CefrLevel.A2), N, "§ 13 DeuFöV",
         "§ 13 DeuFöV: only after an integration course"),
    Case("A1 after an integration course opens the module below A2 → A2", "bsk_spezial_unter_a2",
         client(integration_course=IntegrationCourseState.COMPLETED), E, BSK,
         "§ 13 DeuFöV: <A2 → A2 at 400 UE after an integration course"),
    Case("employed person gets the course entitlement from the BAMF", "bsk_basis_b1_b2",
         client(german_level=CefrLevel.B1, status=ClientStatus.INTEGRATED), E, BSK,
         "primer § 5: entitlement certificate from BAMF for employed people"),
    Case("asylum seeker from a safe country of origin is excluded", "bsk_basis_b1_b2",
         client(residence_status=ResidenceStatus.ASYLUM_PENDING, citizenship="RS",
                german_level=CefrLevel.B1), N, "§ 45a Abs. 2 AufenthG i. V. m. § 29a AsylG",
         "§ 45a Abs. 2 AufenthG, § 29a AsylG [U]", params={"safe_country_of_origin": True}),
    Case("doctor in a recognition procedure may join the recognition module",
         "bsk_spezial_anerkennung",
         client(**ACADEMIC, degree_recognition=DegreeRecognition.PENDING),
         E, BSK, "primer § 5: special modules for recognition ≤ 600 UE (§ 13 DeuFöV)"),
    Case("recognition module needs a recognition procedure", "bsk_spezial_anerkennung",
         client(**ACADEMIC, degree_recognition=DegreeRecognition.NONE), N, "§ 13 DeuFöV",
         "§ 13 DeuFöV: Spezialmodul for people in a recognition procedure"),
    # --- AVGS, § 45 SGB III via § 16 SGB II ---------------------------------------------------
    Case("MAG internship of 8 weeks is refused for a client not long-term unemployed",
         "avgs_mag", REFUGEE, N, "§ 45 Abs. 2 S. 2 SGB III",
         "§ 45 Abs. 2 S. 2 SGB III: 6 weeks at an employer; 4 months unemployed is not § 18",
         params={"requested_weeks": 8}),
    Case("MAG internship of 6 weeks is allowed", "avgs_mag", REFUGEE, E, AVGS_JC,
         "§ 45 Abs. 2 S. 2 SGB III: up to 6 weeks", params={"requested_weeks": 6}),
    Case("MAG of 10 weeks for a long-term unemployed client with serious obstacles",
         "avgs_mag", client(unemployed_since=date(2023, 11, 1)), E, AVGS_JC,
         "§ 45 Abs. 8 SGB III: 12 weeks; § 18 SGB III: 19 months unemployed",
         params={"requested_weeks": 10, "serious_obstacles": True}),
    Case("MAG of 13 weeks exceeds even the 12-week limit", "avgs_mag",
         client(unemployed_since=date(2023, 11, 1)), N, "§ 45 Abs. 8 SGB III",
         "§ 45 Abs. 8 SGB III: at most 12 weeks",
         params={"requested_weeks": 13, "serious_obstacles": True}),
    Case("MAG of 10 weeks for a long-term unemployed client without serious obstacles",
         "avgs_mag", client(unemployed_since=date(2023, 11, 1)), N, "§ 45 Abs. 2 S. 2 SGB III",
         "primer § 5: 12 weeks only for long-term unemployed *with* serious obstacles",
         params={"requested_weeks": 10}),
    Case("MAG needs permission to work", "avgs_mag", client(work_permitted=False), N,
         "§ 4a AufenthG", "§ 4a AufenthG: Erwerbstätigkeit nur mit Erlaubnis (Lotse reading)"),
    Case("asylum seeker gets an MAT from the Agentur für Arbeit", "avgs_mat", GESTATTUNG, E,
         "§ 45 SGB III; § 39a SGB III",
         "primer § 7: Gestattung → AsylbLG, placement by the Agentur für Arbeit (SGB III)"),
    Case("MPAV needs permission to work", "avgs_mpav", client(work_permitted=False), N,
         "§ 45 Abs. 1 S. 1 Nr. 3 SGB III; § 4a AufenthG",
         "§ 45 Abs. 1 S. 1 Nr. 3 SGB III: placement into employment"),
    # --- EGZ, §§ 88–90 SGB III ---------------------------------------------------------------
    Case("EGZ of 50 % for 12 months when placement is hindered", "egz", REFUGEE, E, EGZ,
         "§ 89 SGB III: up to 50 % for up to 12 months",
         params={"placement_hindered": True, "requested_months": 12, "requested_percent": 50}),
    Case("EGZ of 18 months for a 35-year-old is refused", "egz", REFUGEE, N, "§ 89 SGB III",
         "§ 89 SGB III: up to 12 months below 55",
         params={"placement_hindered": True, "requested_months": 18}),
    Case("EGZ of 30 months for a 60-year-old starting in 2025", "egz",
         client(birth_year=1965), E, EGZ, "primer § 5: ≥ 55 years up to 36 months (until 2028)",
         params={"placement_hindered": True, "requested_months": 30}),
    Case("EGZ of 30 months for a 60-year-old starting in 2029 is refused", "egz",
         client(birth_year=1965), N, "§ 89 SGB III", "primer § 5: the 36 months run until 2028",
         params={"placement_hindered": True, "requested_months": 30,
                 "requested_start": date(2029, 2, 1)}),
    Case("EGZ of 60 % is refused", "egz", REFUGEE, N, "§ 89 SGB III", "§ 89 SGB III: ≤ 50 %",
         params={"placement_hindered": True, "requested_percent": 60}),
    Case("EGZ of 24 months when only the birth year says 54 or 55 is refused", "egz",
         client(birth_year=1970), N, "§ 89 SGB III",
         "§ 89 SGB III: born 1970, on 1.6.2025 the person is 54 or 55 — not established",
         params={"placement_hindered": True, "requested_months": 24}),
    Case("EGZ of 24 months with the birth date showing 55", "egz", client(birth_year=1970), E,
         EGZ, "§ 89 SGB III: born 1.3.1970, 55 on 1.6.2025",
         params={"placement_hindered": True, "requested_months": 24,
                 "birth_date": date(1970, 3, 1)}),
    # --- Einstiegsgeld, § 16b SGB II ------------------------------------------------------------
    Case("Einstiegsgeld for 24 months", "einstiegsgeld", REFUGEE, E, "§ 16b Abs. 1 SGB II",
         "§ 16b SGB II: up to 24 months", params={"requested_months": 24}),
    Case("Einstiegsgeld for 30 months is refused", "einstiegsgeld", REFUGEE, N,
         "§ 16b Abs. 2 SGB II", "§ 16b SGB II: ≤ 24 months", params={"requested_months": 30}),
    Case("Einstiegsgeld is only for people on SGB II benefits", "einstiegsgeld", GESTATTUNG, N,
         "§ 16b Abs. 1 SGB II", "§ 16b Abs. 1 SGB II: erwerbsfähige Leistungsberechtigte"),
    # --- recognition, BQFG and IQ --------------------------------------------------------------
    Case("foreign degree not yet recognised gives a right to the procedure", "anerkennung_bqfg",
         client(**ACADEMIC, degree_recognition=DegreeRecognition.NONE), E, "§§ 4, 9 BQFG",
         "primer § 5: legal right to a Gleichwertigkeitsprüfung"),
    Case("a fully recognised degree needs no procedure", "anerkennung_bqfg",
         client(**ACADEMIC, degree_recognition=DegreeRecognition.FULL), N, "§§ 4, 9 BQFG",
         "BQFG: Gleichwertigkeit already established"),
    Case("without a vocational qualification there is nothing to recognise", "anerkennung_bqfg",
         client(qualification=Qualification.SCHOOL, degree_recognition=DegreeRecognition.NONE),
         N, "§§ 1, 3 BQFG", "§ 3 BQFG: Berufsqualifikationen (Ausbildungsnachweise)"),
    Case("IQ counselling during a recognition procedure", "iq_beratung",
         client(qualification=Qualification.VOCATIONAL,
                degree_recognition=DegreeRecognition.PENDING), E,
         "Förderprogramm IQ (Förderrichtlinie, keine gesetzliche Anspruchsgrundlage)",
         "primer § 5: IQ network gives recognition and qualification advice"),
    # --- Integration Point measures ----------------------------------------------------------
    Case("young refugee with A2 may join the orientation course",
         "orientierungskurs_junge_menschen",
         client(german_level=CefrLevel.A2, birth_year=2003), E,
         "§ 45 Abs. 1 S. 1 Nr. 1 SGB III; § 16 Abs. 1 SGB II",
         "mission programme 4: orientation courses for young people with German ≥ A2; "
         "age 22 on 31.12.2025", on=date(2025, 12, 31)),
    Case("orientation course needs A2", "orientierungskurs_junge_menschen",
         client(birth_year=2003), N, "Maßnahmekonzept (Integration Point); § 45 SGB III",
         "mission programme 4: German at A2 or better"),
    Case("client without a school-leaving certificate may prepare for one",
         "schulabschlussklasse",
         client(qualification=Qualification.NONE, german_level=CefrLevel.A2), E,
         "§ 81 Abs. 3 SGB III; § 16 Abs. 1 SGB II",
         "§ 81 Abs. 3 SGB III: Anspruch auf Vorbereitung auf den Hauptschulabschluss"),
    Case("client with a school-leaving certificate is not eligible", "schulabschlussklasse",
         client(qualification=Qualification.SCHOOL, german_level=CefrLevel.A2), N,
         "§ 81 Abs. 3 SGB III", "§ 81 Abs. 3 SGB III: Arbeitnehmer ohne Schulabschluss"),
]  # fmt: skip


def test_there_are_at_least_forty_cases_and_each_names_its_source() -> None:
    assert len(CASES) >= 40
    assert all(case.source.strip() for case in CASES)
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_catalogue_decides_as_the_law_says(case: Case) -> None:
    measure = packaged_by_code()[case.measure]
    applicant = Applicant(**case.client)
    answer = evaluate(measure, applicant, on=case.on, params=Params(**case.params))
    assert answer.decision is case.decision, answer.summary()
    decisive = [r.legal_basis for r in answer.decisive]
    assert case.basis in decisive, answer.summary()
