"""Hand-written exchange-format folders for the import/export tests.

``SMALL`` covers every file and every column, each filled and (where optional) empty at least
once — except ``weekly_hours``, whose empty cell means 39 and comes back as such. Coordinates are
left to the postcode (C001, C002, V01, V03), given without a postcode (C003, V02) and given with
one (C004). It is written canonically (columns in the spec's order, rows sorted by key, cells as
``schema.format_cell`` writes them, LF line ends), so an export of it must be byte-identical.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.db.base import Base

SMALL: dict[str, str] = {
    "sites.csv": """\
site,plz,state
Bitterfeld,06749,ST
Köthen,,ST
Zerbst,39261,
""",
    "programmes.csv": """\
programme,name,kind,target_rule,caseload_ratio,contacts_per_month,starts_on,ends_on
fokus,Fokusgruppe Anhalt,focus_group,"{""german_level_max"":""A2"",""status_in"":[""active""]}",50,,2025-01-01,2025-12-31
job_turbo,Job-Turbo,programme,,,0.72,,
""",  # noqa: E501
    "teams.csv": """\
site,team,programme
Bitterfeld,Team Job-Turbo,job_turbo
Zerbst,Vermittlung Zerbst,
""",
    "officers.csv": """\
officer_id,name,site,team,languages,weekly_hours
O1,Anna Muster,Bitterfeld,Team Job-Turbo,de;uk,39
O2,Bernd Beispiel,Zerbst,,,19.5
""",
    "households.csv": """\
household_id,size,single_parent,monthly_benefit_eur,monthly_housing_eur
H1,3,true,1234.5,650
H2,1,false,,
""",
    "employers.csv": """\
employer_id,name,plz
E1,Solar Montage GmbH,06749
E2,,
""",
    "clients.csv": """\
client_id,site,status,birth_year,gender,citizenship,residence_status,work_permitted,german_level,integration_course,qualification,degree_recognition,target_kldb,experience_years,plz,lat,lon,max_commute_km,hours,driving_licence,unemployed_since,officer_id,programmes,name,household_id,languages
C001,Bitterfeld,active,1985,f,UA,temporary_protection,true,A2,attending,academic,pending,51311;52531,3.5,06749,,,25,part,false,2023-04-01,O1,job_turbo;fokus,Olena Beispiel,H1,uk;ru;de
C002,Köthen,left,,,,,,,,,,,,06366,,,,,,,,,,,
C003,Zerbst,integrated,1972,d,DE,german,true,C2,none,vocational,not_needed,51311,12,,51.9634,12.0855,40,full,true,2020-01-15,O2,,"Müller, Jens",H1,de
C004,Bitterfeld,active,2001,m,SY,recognised_refugee,false,B1,completed,school,none,29302,0,06749,51.6301,12.3302,10,any,false,2024-09-30,O1,fokus,Ahmad Beispiel,H2,ar;de
""",  # noqa: E501
    "vacancies.csv": """\
vacancy_id,employer_id,title,kldb,german_level_min,plz,lat,lon,hours,openings,driving_licence_required,posted_on,status
V01,E1,Lagerhelfer (m/w/d),51311,A2,06749,,,full,3,false,2025-02-01,open
V02,E2,"Staplerfahrer, Schicht",52531,B1,,51.75,11.97,part,1,true,2024-11-15,closed
V03,E1,Helfer/in,51311,,06366,,,,1,,,open
""",
    "benefit_periods.csv": """\
client_id,start,end,monthly_benefit_eur
C001,2022-03-01,2022-12-31,563
C001,2023-04-01,,612.5
C003,2019-01-01,2020-06-30,
""",
    "integrations.csv": """\
client_id,start,end,kind,monthly_gross_eur,ends_benefit_need
C001,2025-01-15,2025-03-31,public_employment,,
C003,2024-05-01,,employment,2450.75,true
C003,2024-05-01,2024-06-30,minijob,520,false
""",
    "history.csv": """\
client_id,vacancy_id,proposed_on,outcome
C001,V01,2025-02-10,not_hired
C001,V02,2024-11-20,hired
C003,V02,2024-11-20,not_hired
""",
}

SMALL_ROWS = {name: text.count("\n") - 1 for name, text in SMALL.items()}
"""Data rows per file of ``SMALL``."""


def write_folder(folder: Path, files: dict[str, str], *, crlf: bool = False) -> Path:
    """Write ``files`` into ``folder`` (LF line ends as ``schema.write_csv``, or CRLF)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        data = text.replace("\n", "\r\n") if crlf else text
        (folder / name).write_bytes(data.encode("utf-8"))
    return folder


def row_counts(session: Session) -> dict[str, int]:
    """Rows of every table of the data model."""
    return {
        t.name: int(session.scalar(sa.select(sa.func.count()).select_from(t)) or 0)
        for t in Base.metadata.sorted_tables
    }
