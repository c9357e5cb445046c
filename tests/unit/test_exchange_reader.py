"""The reader's rules: every broken rule is reported with file, line, column, value and rule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import ClientStatus, IntegrationKind
from lotse.errors import InvalidInput, Problem
from lotse.exchange.reader import ExchangeData, KnownIds, read_folder
from lotse.exchange.schema import CLIENTS, HISTORY, TEAMS, VACANCIES
from tests.exchange_samples import SMALL, write_folder

CLIENT_HEAD = "client_id,site,status,plz"
CLIENT_OK = "C1,Bitterfeld,active,06749"


def _read(folder: Path, files: dict[str, str], known: KnownIds | None = None) -> ExchangeData:
    return read_folder(write_folder(folder, files), known=known)


def _problems(folder: Path, files: dict[str, str], known: KnownIds | None = None) -> list[Problem]:
    with pytest.raises(InvalidInput) as info:
        _read(folder, files, known)
    return info.value.problems


def _where(p: Problem) -> tuple[str | None, int | None, str | None, str | None, str]:
    return (p.file, p.line, p.column, p.value, p.rule)


def test_the_sample_folder_reads_into_typed_rows(tmp_path: Path) -> None:
    data = _read(tmp_path, SMALL)
    c001 = data.get(CLIENTS)[0]
    assert c001["status"] is ClientStatus.ACTIVE
    assert c001["german_level"] is CefrLevel.A2
    assert c001["target_kldb"] == ["51311", "52531"]
    assert c001["programmes"] == ["job_turbo", "fokus"]
    assert c001["experience_years"] == 3.5
    assert c001["work_permitted"] is True
    assert c001["unemployed_since"] == date(2023, 4, 1)
    assert c001["lat"] is None
    c002 = data.get(CLIENTS)[1]
    assert c002["target_kldb"] == []
    assert c002["birth_year"] is None
    assert data.get(CLIENTS)[2]["name"] == "Müller, Jens"  # a quoted cell with a comma
    assert data.get(VACANCIES)[1]["title"] == "Staplerfahrer, Schicht"
    assert data.lines[CLIENTS.name] == [2, 3, 4, 5]
    assert data.warnings == []


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("birth_year", "19x5", "int"),
        ("birth_year", "1850", "range"),
        ("experience_years", "drei", "float"),
        ("experience_years", "nan", "float"),
        ("experience_years", "-1", "range"),
        ("work_permitted", "yes", "bool"),
        ("unemployed_since", "2024-02-30", "date"),
        ("unemployed_since", "11.03.2025", "date"),
        ("german_level", "B3", "vocabulary"),
        ("gender", "x", "vocabulary"),
        ("target_kldb", "99999", "kldb"),
        ("target_kldb", "5131", "kldb"),
        ("target_kldb", "51311;51311", "unique"),
        ("programmes", "job_turbo;job_turbo", "unique"),
        ("plz", "0674", "plz"),
        ("plz", "00000", "plz"),
        ("citizenship", "DEU", "country"),
        ("citizenship", "XX", "country"),
        ("client_id", "C" * 65, "length"),
        ("max_commute_km", "12.5", "int"),
    ],
)
def test_a_broken_client_cell_is_reported_once_with_its_place_and_rule(
    tmp_path: Path, column: str, value: str, rule: str
) -> None:
    head = CLIENT_HEAD.split(",")
    cells = CLIENT_OK.split(",")
    if column in head:
        cells[head.index(column)] = value
    else:
        head.append(column)
        cells.append(value)
    text = ",".join(head) + "\n" + ",".join(cells) + "\n"
    problems = _problems(tmp_path, {"clients.csv": text})
    assert [_where(p) for p in problems] == [("clients.csv", 2, column, value, rule)]


def test_a_number_too_large_for_the_database_is_out_of_range(tmp_path: Path) -> None:
    text = "vacancy_id,employer_id,title,kldb,openings,status,plz\n" \
           "V1,E1,Helfer,51311,3000000000,open,06749\n"  # fmt: skip
    # 3,000,000,000 > 2**31 - 1, the largest INTEGER of PostgreSQL.
    assert [_where(p) for p in _problems(tmp_path, {"vacancies.csv": text})] == [
        ("vacancies.csv", 2, "openings", "3000000000", "range")
    ]


def test_a_single_kldb_column_takes_one_code_not_a_list(tmp_path: Path) -> None:
    text = "vacancy_id,employer_id,title,kldb,openings,status,plz\n" \
           "V1,E1,Helfer,51311;52531,1,open,06749\n"  # fmt: skip
    assert [_where(p) for p in _problems(tmp_path, {"vacancies.csv": text})] == [
        ("vacancies.csv", 2, "kldb", "51311;52531", "kldb")
    ]


def test_an_unknown_state_of_a_site_is_refused(tmp_path: Path) -> None:
    text = "site,plz,state\nBitterfeld,06749,Sachsen-Anhalt\n"
    assert [_where(p) for p in _problems(tmp_path, {"sites.csv": text})] == [
        ("sites.csv", 2, "state", "Sachsen-Anhalt", "vocabulary")
    ]


def test_header_problems_name_the_column_on_line_one(tmp_path: Path) -> None:
    missing = "client_id,status,plz\nC1,active,06749\n"  # no site column
    twice = "client_id,site,site,status,plz\nC1,A,A,active,06749\n"
    assert [_where(p) for p in _problems(tmp_path / "a", {"clients.csv": missing})] == [
        ("clients.csv", 1, "site", None, "header")
    ]
    assert [_where(p) for p in _problems(tmp_path / "b", {"clients.csv": twice})] == [
        ("clients.csv", 1, "site", None, "header")
    ]


def test_an_unknown_column_is_ignored_with_a_warning(tmp_path: Path) -> None:
    data = _read(tmp_path, {"clients.csv": f"{CLIENT_HEAD},shoe_size\n{CLIENT_OK},44\n"})
    assert data.warnings == ["clients.csv: unknown column 'shoe_size' ignored"]
    assert "shoe_size" not in data.get(CLIENTS)[0]


def test_rows_with_the_wrong_number_of_cells_and_empty_required_cells_are_reported(
    tmp_path: Path,
) -> None:
    text = f"{CLIENT_HEAD}\nC1,Bitterfeld,active\nC2,,active,06749\n"
    assert [_where(p) for p in _problems(tmp_path, {"clients.csv": text})] == [
        ("clients.csv", 2, None, None, "cell_count"),
        ("clients.csv", 3, "site", "", "required"),
    ]


def test_a_duplicate_id_points_to_the_line_it_repeats(tmp_path: Path) -> None:
    text = f"{CLIENT_HEAD}\n{CLIENT_OK}\nC2,Bitterfeld,active,06749\n{CLIENT_OK}\n"
    problems = _problems(tmp_path, {"clients.csv": text})
    assert [_where(p) for p in problems] == [("clients.csv", 4, "client_id", "C1", "unique")]
    assert problems[0].message == "duplicate of line 2"


def test_history_must_point_to_known_clients_and_vacancies(tmp_path: Path) -> None:
    text = "client_id,vacancy_id,proposed_on,outcome\nC1,V1,2025-01-02,hired\n"
    assert [_where(p) for p in _problems(tmp_path / "a", {"history.csv": text})] == [
        ("history.csv", 2, "client_id", "C1", "reference"),
        ("history.csv", 2, "vacancy_id", "V1", "reference"),
    ]
    known = KnownIds(clients={"C1"}, vacancies={"V1"})
    assert _read(tmp_path / "b", {"history.csv": text}, known).get(HISTORY)[0]["client_id"] == "C1"


def test_households_and_programmes_of_clients_must_be_defined(tmp_path: Path) -> None:
    text = f"{CLIENT_HEAD},household_id,programmes\n{CLIENT_OK},H9,job_turbo;lokal\n"
    assert [_where(p) for p in _problems(tmp_path, {"clients.csv": text})] == [
        ("clients.csv", 2, "household_id", "H9", "reference"),
        ("clients.csv", 2, "programmes", "lokal", "reference"),  # job_turbo is built in
    ]


def test_a_team_needs_a_known_site_and_programme_and_is_defined_once_per_site(
    tmp_path: Path,
) -> None:
    files = {
        "sites.csv": "site,plz,state\nBitterfeld,06749,ST\n",
        "teams.csv": (
            "site,team,programme\n"
            "Bitterfeld,Job-Turbo,job_turbo\n"
            "Bitterfled,Vermittlung 1,\n"  # a typo is no new site
            "Bitterfeld,Joboffensive,job_offensive\n"
            "Bitterfeld,Job-Turbo,\n"
        ),
    }
    problems = _problems(tmp_path, files)
    assert [_where(p) for p in problems] == [
        ("teams.csv", 5, "team", "Bitterfeld, Job-Turbo", "unique"),
        ("teams.csv", 3, "site", "Bitterfled", "reference"),
        ("teams.csv", 4, "programme", "job_offensive", "reference"),
    ]
    assert problems[1].message == "not defined in sites.csv"
    assert problems[2].message == "not defined in programmes.csv or the built-in programmes"


def test_a_team_may_name_a_site_and_programme_the_database_already_holds(tmp_path: Path) -> None:
    files = {"teams.csv": "site,team,programme\nZerbst,Fokus,fokus\nZerbst,Allgemein,\n"}
    known = KnownIds(sites={"Zerbst"}, programmes={"fokus"})
    rows = _read(tmp_path, files, known).get(TEAMS)
    assert [(r["site"], r["team"], r["programme"]) for r in rows] == [
        ("Zerbst", "Fokus", "fokus"),
        ("Zerbst", "Allgemein", None),
    ]


@pytest.mark.parametrize(
    ("cells", "column", "rule"),
    [
        ("06749,51.6,", "lon", "coordinates"),
        (",,12.3", "lat", "coordinates"),
        (",,", "plz", "place"),
    ],
)
def test_a_place_needs_a_postcode_or_both_coordinates(
    tmp_path: Path, cells: str, column: str, rule: str
) -> None:
    text = f"client_id,site,status,plz,lat,lon\nC1,Bitterfeld,active,{cells}\n"
    assert [_where(p)[2:] for p in _problems(tmp_path, {"clients.csv": text})] == [
        (column, "", rule)
    ]


def test_a_broken_postcode_is_not_also_reported_as_a_missing_place(tmp_path: Path) -> None:
    text = "client_id,site,status,plz,lat,lon\nC1,Bitterfeld,active,00000,,\n"
    assert [p.rule for p in _problems(tmp_path, {"clients.csv": text})] == ["plz"]


def test_benefit_periods_must_not_end_before_they_start_nor_overlap(tmp_path: Path) -> None:
    clients = f"{CLIENT_HEAD}\n{CLIENT_OK}\n"
    periods = (
        "client_id,start,end\n"
        "C1,2020-01-01,2020-12-31\n"
        "C1,2020-06-01,2020-07-01\n"  # inside the first period
        "C1,2022-05-01,2022-04-01\n"  # ends before it starts
        "C1,2023-01-01,\n"  # open
        "C1,2024-01-01,2024-02-01\n"  # after the open one began: overlaps it
    )
    problems = _problems(tmp_path, {"clients.csv": clients, "benefit_periods.csv": periods})
    assert [_where(p) for p in problems] == [
        ("benefit_periods.csv", 4, "end", "2022-04-01", "period"),
        ("benefit_periods.csv", 3, "start", "2020-06-01", "overlap"),
        ("benefit_periods.csv", 6, "start", "2024-01-01", "overlap"),
    ]


def test_a_broken_end_date_is_not_taken_for_an_open_period(tmp_path: Path) -> None:
    clients = f"{CLIENT_HEAD}\n{CLIENT_OK}\n"
    periods = "client_id,start,end\nC1,2020-01-01,2020-13-01\nC1,2021-01-01,\n"
    problems = _problems(tmp_path, {"clients.csv": clients, "benefit_periods.csv": periods})
    assert [p.rule for p in problems] == ["date"]


def test_job_starts_may_overlap_but_not_end_before_they_start(tmp_path: Path) -> None:
    clients = f"{CLIENT_HEAD}\n{CLIENT_OK}\n"
    starts = (
        "client_id,start,end,kind\n"
        "C1,2024-05-01,,employment\n"
        "C1,2024-05-01,2024-06-30,minijob\n"  # a minijob next to the main job
    )
    data = _read(tmp_path / "a", {"clients.csv": clients, "integrations.csv": starts})
    assert [r["kind"] for r in data.rows["integrations.csv"]] == [
        IntegrationKind.EMPLOYMENT, IntegrationKind.MINIJOB,
    ]  # fmt: skip
    broken = "client_id,start,end,kind\nC1,2024-05-01,2024-04-01,employment\n"
    problems = _problems(tmp_path / "b", {"clients.csv": clients, "integrations.csv": broken})
    assert [_where(p) for p in problems] == [("integrations.csv", 2, "end", "2024-04-01", "period")]


@pytest.mark.parametrize(
    ("cell", "rule"),
    [
        ('"{""status_in"": [""active""]"', "json"),  # not closed
        ('"[1, 2]"', "json"),  # not an object
        ('"{""shoe_size"": 44}"', "target_rule"),
    ],
)
def test_a_programme_rule_must_be_a_valid_json_rule(tmp_path: Path, cell: str, rule: str) -> None:
    text = f"programme,name,kind,target_rule\nlokal,Lokal,programme,{cell}\n"
    problems = _problems(tmp_path, {"programmes.csv": text})
    assert [(p.line, p.column, p.rule) for p in problems] == [(2, "target_rule", rule)]


def test_every_problem_of_a_folder_is_reported_at_once(tmp_path: Path) -> None:
    clients = f"{CLIENT_HEAD},birth_year\nC1,Bitterfeld,active,06749,x\nC2,Köthen,gone,00000,1990\n"
    vacancies = "vacancy_id,employer_id,kldb,openings,status,plz\nV1,E1,99999,0,open,06749\n"
    problems = _problems(tmp_path, {"clients.csv": clients, "vacancies.csv": vacancies})
    assert sorted(_where(p) for p in problems) == sorted([
        ("clients.csv", 2, "birth_year", "x", "int"),
        ("clients.csv", 3, "status", "gone", "vocabulary"),
        ("clients.csv", 3, "plz", "00000", "plz"),
        ("vacancies.csv", 1, "title", None, "header"),
        ("vacancies.csv", 2, "kldb", "99999", "kldb"),
        ("vacancies.csv", 2, "openings", "0", "range"),
    ])  # fmt: skip


def test_a_byte_order_mark_is_tolerated_and_a_file_that_is_not_utf8_is_refused(
    tmp_path: Path,
) -> None:
    ok = tmp_path / "ok"
    ok.mkdir()
    (ok / "clients.csv").write_bytes(b"\xef\xbb\xbf" + f"{CLIENT_HEAD}\n{CLIENT_OK}\n".encode())
    assert read_folder(ok).get(CLIENTS)[0]["client_id"] == "C1"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "clients.csv").write_bytes(f"{CLIENT_HEAD}\nC1,Köthen,active,06366\n".encode("latin-1"))
    with pytest.raises(InvalidInput) as info:
        read_folder(bad)
    assert [p.rule for p in info.value.problems] == ["encoding"]


def test_an_empty_file_an_empty_folder_and_a_missing_folder_are_refused(tmp_path: Path) -> None:
    assert [p.rule for p in _problems(tmp_path / "a", {"clients.csv": ""})] == ["header"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInput, match="no exchange-format file"):
        read_folder(tmp_path / "empty")
    with pytest.raises(InvalidInput, match="is not a folder"):
        read_folder(tmp_path / "missing")


def test_a_problem_reads_as_one_line_with_file_line_column_value_and_rule(tmp_path: Path) -> None:
    text = f"{CLIENT_HEAD},unemployed_since\n{CLIENT_OK},2024-02-30\n"
    (problem,) = _problems(tmp_path, {"clients.csv": text})
    assert str(problem) == (
        "clients.csv, line 2, column unemployed_since: value '2024-02-30': "
        "not a calendar date [date]"
    )


def test_the_sample_folder_fills_every_column_and_leaves_every_optional_one_empty_once() -> None:
    import csv
    import io

    from lotse.exchange.schema import SPECS

    for name, text in SMALL.items():
        rows = list(csv.DictReader(io.StringIO(text)))
        spec = SPECS[name]
        assert list(rows[0]) == spec.column_names, name  # canonical column order
        for column in spec.columns:
            cells = [row[column.name] for row in rows]
            assert any(cells), (name, column.name)
            if not column.required and column.name != "weekly_hours":  # empty means 39
                assert not all(cells), (name, column.name)
