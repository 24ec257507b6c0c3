"""The registration import (issue 27): personal data kept out (the whole file refused, the
value never shown), rows refused with file, row and column, nothing written on refusal, and
the team's code stored only as a pseudonym."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest

from dashboard.exchange import imports, registration_import
from dashboard.exchange.reading import ImportRefused
from dashboard.store import db, embedded
from tests import registration_lists as lists

FORBUND = "Samordningsförbundet Västmanland"
TODAY = dt.date(2025, 12, 31)
FILE = "deltagare-2025.csv"
HEADER = ";".join(lists.HEADER)
GOOD = [
    "Samordningsteam Sala;S-0001;kvinna;1990;1981;2025-02-03;2025-04-30;arbete",
    "Samordningsteam Sala;S-0002;man;1975;1981;2025-03-10;;",
    "samordningsteam-fns;F-0001;K;1988;1982;2025-01-15;2025-06-01;studier",
    "samordningsteam-fns;F-0002;;2001;1962;2025-05-02;;",
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = db.connect(tmp_path_factory.mktemp("registration-import") / "imp.duckdb")
    embedded.build(connection, db.DATA_DIR)
    yield connection
    connection.close()


def csv(lines: list[str], header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def parse(con, data: bytes, name: str = FILE, **kw):
    kw.setdefault("forbund", FORBUND)
    kw.setdefault("today", TODAY)
    return registration_import.parse(con, data, name, **kw)


def written(con) -> tuple[int, int, int]:
    return tuple(
        con.execute(f"SELECT count(*) FROM user_data.{table}").fetchall()[0][0]
        for table in ("registrations", "registration_imports", "registration_periods")
    )


def refused(con, data: bytes, name: str = FILE, **kw) -> list[str]:
    """The problems of a refused file; nothing written."""
    before = written(con)
    with pytest.raises(ImportRefused) as caught:
        parse(con, data, name, **kw)
    assert written(con) == before
    assert caught.value.problems
    return caught.value.problems


def one_naming(problems: list[str], *parts: str) -> str:
    """The problem that names every one of ``parts`` (file, row, column)."""
    found = [p for p in problems if all(part in p for part in parts)]
    assert found, (parts, problems)
    return found[0]


# ---------------------------------------------------------------- personnummer


def _check_digit(nine: str) -> str:
    total = 0
    for i, char in enumerate(nine):
        product = int(char) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def personnummer(born: dt.date, serial: str, *, twelve: bool, dash: bool, samordning: bool = False) -> str:
    """A personnummer (or samordningsnummer: the day + 60) that passes the Luhn check. The tests
    use serials 980–999 only: Skatteverket keeps them for test numbers, so none is a person's."""
    day = born.day + (60 if samordning else 0)
    short = f"{born:%y%m}{day:02d}{serial}"
    digits = short + _check_digit(short)
    date_part = (f"{born:%Y}"[:2] if twelve else "") + digits[:6]
    return date_part + ("-" if dash else "") + digits[6:]


def test_the_personnummer_made_here_pass_the_luhn_check():
    # Skatteverket's example: 811218-9876
    assert personnummer(dt.date(1981, 12, 18), "987", twelve=False, dash=True) == "811218-9876"
    assert personnummer(dt.date(1981, 12, 18), "987", twelve=True, dash=False) == "198112189876"
    assert registration_import.looks_like_personnummer("811218-9876")
    assert not registration_import.looks_like_personnummer("811218-9875")


VALID = [
    personnummer(dt.date(1981, 12, 18), "987", twelve=False, dash=False),
    personnummer(dt.date(1990, 3, 7), "982", twelve=False, dash=True),
    personnummer(dt.date(1964, 11, 30), "991", twelve=True, dash=False),
    personnummer(dt.date(2001, 1, 9), "985", twelve=True, dash=True),
    personnummer(dt.date(1985, 6, 21), "993", twelve=False, dash=True, samordning=True),
    personnummer(dt.date(1972, 2, 28), "996", twelve=True, dash=False, samordning=True),
]


@pytest.mark.parametrize("value", VALID)
def test_a_personnummer_as_deltagare_refuses_the_whole_file_without_showing_it(con, value):
    lines = [*GOOD[:2], f"Samordningsteam Sala;{value};kvinna;1990;1981;2025-02-03;;", *GOOD[2:]]
    problems = refused(con, csv(lines))
    message = one_naming(problems, FILE, "rad 4", "Deltagare")
    assert "personnummer" in message
    assert "sparats" in problems[0]  # nothing of it stored, logged or shown
    digits = value.replace("-", "")
    for shown in problems:
        assert value not in shown and digits not in shown and digits[-10:] not in shown


@pytest.mark.parametrize("value", VALID[:3])
def test_a_personnummer_in_any_column_refuses_the_file(con, value):
    header = HEADER + ";Anteckning"
    lines = [f"{line};" for line in GOOD]
    lines[2] = lines[2] + f"ringde {value} igår"
    problems = refused(con, csv(lines, header))
    one_naming(problems, FILE, "rad 4", "Anteckning")
    assert not any(value in p or value.replace("-", "") in p for p in problems)


def test_a_personnummer_in_an_excel_file_is_refused(con):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(lists.HEADER))
    sheet.append(["Samordningsteam Sala", "S-1", "man", 1990, "1981", "2025-02-03", "", ""])
    sheet.append(["Samordningsteam Sala", int(VALID[0]), "man", 1990, "1981", "2025-02-04", "", ""])
    out = io.BytesIO()
    book.save(out)
    problems = refused(con, out.getvalue(), "lista.xlsx")
    one_naming(problems, "lista.xlsx", "rad 3", "Deltagare")
    assert not any(VALID[0] in p for p in problems)


def test_a_heading_that_is_a_personnummer_is_refused_without_showing_it(con):
    value = VALID[1]
    problems = refused(con, csv(GOOD, HEADER + f";{value}"))
    one_naming(problems, FILE, "rad 1", "kolumn nr 9")
    assert not any(value in p for p in problems)


def test_an_invalid_check_digit_is_not_a_personnummer(con):
    valid = VALID[0]
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    assert not registration_import.looks_like_personnummer(wrong)
    lines = [*GOOD, f"Samordningsteam Sala;{wrong};kvinna;1990;1981;2025-02-03;;"]
    parsed = parse(con, csv(lines))
    assert wrong in set(parsed.rows["deltagare"])


def test_an_impossible_date_is_not_a_personnummer():
    # 811318: month 13; 811200: day 0; 811292: day 92 (samordningsnummer go to 91)
    for nine in ("811318987", "811200987", "811292987"):
        assert not registration_import.looks_like_personnummer(nine + _check_digit(nine))


@pytest.mark.parametrize("heading", ["Namn", "Efternamn", "Förnamn", "Personnummer", "E-post"])
def test_a_column_of_names_is_refused(con, heading):
    lines = [f"{line};Anna Svensson" for line in GOOD]
    problems = refused(con, csv(lines, HEADER + f";{heading}"))
    message = one_naming(problems, FILE, "rad 1", f"”{heading}”")
    assert "namn" in message
    assert not any("Anna" in p or "Svensson" in p for p in problems)


def test_insatsnamn_is_no_name_of_a_person(con):
    lines = [f"{line};Samordningsteam" for line in GOOD]
    parsed = parse(con, csv(lines, HEADER + ";Insatsnamn"))
    assert len(parsed.rows) == len(GOOD)
    assert any("Insatsnamn" in note for note in parsed.notes)  # read, not kept


def test_a_name_as_deltagare_is_refused_without_showing_it(con):
    lines = [*GOOD, "Samordningsteam Sala;Anna Svensson;kvinna;1990;1981;2025-02-03;;"]
    problems = refused(con, csv(lines))
    one_naming(problems, FILE, "rad 6", "Deltagare")
    assert not any("Anna" in p or "Svensson" in p for p in problems)
    lines[-1] = "Samordningsteam Sala;Anna;kvinna;1990;1981;2025-02-03;;"
    problems = refused(con, csv(lines))
    one_naming(problems, FILE, "rad 6", "Deltagare")
    assert not any("Anna" in p for p in problems)


# ---------------------------------------------------------------- rows refused


def test_an_end_before_the_start_is_refused(con):
    lines = [*GOOD, "Samordningsteam Sala;S-0009;man;1980;1981;2025-05-10;2025-05-09;avbrutet"]
    message = one_naming(refused(con, csv(lines)), FILE, "rad 6", "Slutdatum")
    assert "2025-05-09" in message and "2025-05-10" in message


def test_a_start_in_the_future_is_refused(con):
    lines = [*GOOD, "Samordningsteam Sala;S-0009;man;1980;1981;2026-01-02;;"]
    message = one_naming(refused(con, csv(lines)), FILE, "rad 6", "Startdatum")
    assert "framtiden" in message
    # the same row a day later is no longer in the future
    assert len(parse(con, csv(lines), today=dt.date(2026, 1, 2)).rows) == len(GOOD) + 1


def test_an_unknown_insats_is_refused_naming_the_known_ones(con):
    lines = [*GOOD, "Samordningsteam Mars;S-0009;man;1980;1981;2025-05-10;;"]
    message = one_naming(refused(con, csv(lines)), FILE, "rad 6", "Insats")
    assert "Samordningsteam Mars" in message
    known = sorted(  # by name, as editors write them
        n
        for (n,) in con.execute(
            "SELECT DISTINCT min(namn) OVER (PARTITION BY insats_id) FROM insatser WHERE forbund = ?",
            [FORBUND],
        ).fetchall()
    )
    assert "Samordningsteam Sala" in known
    for name in known[:12]:
        assert name in message


def test_an_unknown_insats_of_a_file_naming_its_forbund_is_created_when_the_editor_confirms(tmp_path):
    con = db.connect(tmp_path / "create.duckdb")
    embedded.build(con, db.DATA_DIR)
    rows = [f"{line};{FORBUND}" for line in GOOD]
    rows += [f"Arbetsträning Norr;N-{i:04d};man;1980;1904;2025-0{i}-10;;;{FORBUND}" for i in range(1, 4)]
    data = csv(rows, HEADER + ";Förbund")
    before = written(con)
    with pytest.raises(registration_import.UnknownInsatser) as caught:  # asked, not created
        parse(con, data, forbund=None)
    assert caught.value.unknown == [(FORBUND, "Arbetsträning Norr")]
    assert len(caught.value.problems) == 1 and "bekräfta" in caught.value.problems[0]
    assert written(con) == before
    parsed = parse(con, data, forbund=None, create_insatser=True)
    assert parsed.new_insatser == [(FORBUND, "arbetstraning-norr", "Arbetsträning Norr")]
    stored = registration_import.store(con, parsed, "Testare")
    named = con.execute("SELECT namn FROM insatser WHERE insats_id = 'arbetstraning-norr'").fetchall()
    assert named == [("Arbetsträning Norr",)]
    counted = con.execute(
        "SELECT count(*) FROM registrations WHERE insats_id = 'arbetstraning-norr'"
    ).fetchall()[0][0]
    assert counted == 3
    assert imports.logs_of(con, stored.import_id) == ["deltagare"]  # one import to undo
    registration_import.undo(con, stored.import_id, "Testare")
    assert con.execute("SELECT count(*) FROM insatser WHERE insats_id = 'arbetstraning-norr'").fetchall() == [
        (0,)
    ]
    assert con.execute("SELECT count(*) FROM registrations").fetchall() == [(0,)]
    con.close()


def test_an_unknown_insats_without_the_forbund_column_is_only_refused(con):
    lines = [*GOOD, "Arbetsträning Norr;N-0001;man;1980;1904;2025-05-10;;"]
    with pytest.raises(ImportRefused) as caught:
        parse(con, csv(lines), create_insatser=True)
    assert not isinstance(caught.value, registration_import.UnknownInsatser)
    assert "kolumnen Förbund" in caught.value.problems[0]


def test_a_row_of_a_forbund_not_in_the_data_is_refused(con):
    rows = [f"{line};{FORBUND}" for line in GOOD]
    rows.append(f"{GOOD[0].replace('S-0001', 'S-0042')};Samordningsförbundet Påhittat")
    problems = refused(con, csv(rows, HEADER + ";Förbund"), forbund=None)
    message = one_naming(problems, FILE, "rad 6", "Förbund")
    assert "Samordningsförbundet Påhittat" in message
    # with the column and every row's förbund known, the file is read
    assert parse(con, csv(rows[:-1], HEADER + ";Förbund"), forbund=None).forbund == [FORBUND]


def test_a_file_without_forbund_needs_the_editor_to_name_it(con):
    problems = refused(con, csv(GOOD), forbund=None)
    one_naming(problems, FILE, "Förbund")


def test_an_empty_birth_year_names_its_column(con):
    lines = [*GOOD, "Samordningsteam Sala;S-0009;man;;1981;2025-05-10;;"]
    one_naming(refused(con, csv(lines)), FILE, "rad 6", "Födelseår")
    header = HEADER.replace("Födelseår", "Ålder")
    lines = [*GOOD, "Samordningsteam Sala;S-0009;man;12;1981;2025-05-10;;"]  # ages, not years
    one_naming(refused(con, csv(lines, header)), FILE, "rad 2", "Ålder")


def test_every_problem_is_listed_and_nothing_is_written(con):
    lines = [
        *GOOD,
        "Samordningsteam Sala;S-0009;man;1980;9999;2025-05-10;;",
        "Samordningsteam Sala;S-0010;okänd siffra;1980;1981;2025-05-10;;",
        "Samordningsteam Sala;S-0011;man;1980;1981;2025-05-10;2025-05-20;",
        "Samordningsteam Sala;S-0012;man;1980;1981;2025-05-10;;arbete",
    ]
    problems = refused(con, csv(lines))
    one_naming(problems, FILE, "rad 6", "Kommunkod")
    one_naming(problems, FILE, "rad 7", "Kön")
    one_naming(problems, FILE, "rad 8", "Avslut")
    one_naming(problems, FILE, "rad 9", "Avslut")


# ---------------------------------------------------------------- stored


def test_the_teams_code_is_never_stored(con):
    rows = lists.generate(
        (lists.Insats("samordningsteam-sala", "Samordningsteam Sala", ("1981",)),),
        seed=9,
        fran=dt.date(2025, 1, 1),
        till=dt.date(2025, 6, 30),
        per_insats=15,
    )
    rows = [replace(r, deltagare="KX" + r.deltagare) for r in rows]
    before = written(con)
    parsed = parse(con, lists.csv_bytes(rows), "sala.csv")
    stored = registration_import.store(con, parsed, "Testare")
    assert written(con)[:2] == (before[0] + len(rows), before[1] + 1)
    cells = con.execute(
        "SELECT * FROM user_data.registrations WHERE import_id = ?", [stored.import_id]
    ).fetchall()
    text = " ".join(str(cell) for row in cells for cell in row)
    for code in {r.deltagare for r in rows}:
        assert code not in text
        assert code[2:] not in text
    # the same code in the same insats is the same pseudonym (a restart), another is not
    pseudonyms = con.execute(
        "SELECT deltagare, count(*) FROM user_data.registrations WHERE import_id = ? GROUP BY ALL",
        [stored.import_id],
    ).fetchall()
    assert len(pseudonyms) == len({r.deltagare for r in rows})
    assert sorted(n for _, n in pseudonyms) == sorted(
        sum(1 for r in rows if r.deltagare == code) for code in {r.deltagare for r in rows}
    )
    # the birth year is kept only as an age group
    groups = {
        g for (g,) in con.execute("SELECT DISTINCT aldersgrupp FROM user_data.registrations").fetchall()
    }
    assert all("–" in g for g in groups)


def test_a_file_name_with_a_personnummer_is_refused_without_showing_it(con):
    value = VALID[0]
    problems = refused(con, csv(GOOD), f"lista {value}.csv")
    assert not any(value in p for p in problems)
    assert "namn" in problems[0]


def test_the_preview_counts_the_file(con):
    fran, till = dt.date(2025, 1, 1), dt.date(2025, 6, 30)
    sala = lists.Insats("samordningsteam-sala", "Samordningsteam Sala", ("1981",))
    fns = lists.Insats("samordningsteam-fns", "samordningsteam-fns", ("1982", "1962"))
    rows = lists.generate((sala, fns), seed=11, fran=fran, till=till, per_insats=20)
    parsed = parse(con, lists.csv_bytes(rows), "forhand.csv", fran=fran, till=till)
    frame = registration_import.preview(con, parsed).set_index("insats_id")
    in_effect = {
        i: n
        for i, n in con.execute(
            "SELECT insats_id, count(*) FROM registrations WHERE startdatum BETWEEN ? AND ? GROUP BY ALL",
            [fran, till],
        ).fetchall()
    }
    for insats in (sala, fns):
        own = [r for r in rows if r.insats_id == insats.insats_id]
        got = frame.loc[insats.insats_id]
        assert got["rader"] == len(own)
        assert got["aktiva"] == sum(1 for r in own if r.end is None)
        assert got["nya"] == sum(1 for r in own if r.start >= fran)
        assert got["avslutade"] == sum(1 for r in own if r.end is not None and r.end >= fran)
        assert got["ersatts"] == in_effect.get(insats.insats_id, 0)
    table = registration_import.preview_table(con, frame.reset_index())
    assert set(table["Insats"]) == {"Samordningsteam Sala", "Samordningsteam FNS"}


def test_undo_of_an_unknown_or_undone_import_is_refused(con):
    with pytest.raises(ImportRefused):
        registration_import.undo(con, 987654, "Testare")


def test_a_personnummer_written_with_a_space_is_refused_too(con):
    written = personnummer(dt.date(1985, 1, 1), "998", twelve=False, dash=True).replace("-", " ")
    assert registration_import.looks_like_personnummer(written)
    lines = [*GOOD[:2], GOOD[2].replace("F-0001", "F-0009") + f";{written}"]
    problems = refused(con, csv(lines, HEADER + ";Anteckning"))
    assert "personuppgifter" in problems[0]
    assert all(written not in p and written.replace(" ", "") not in p for p in problems)


def test_what_may_be_a_name_in_a_column_of_codes_is_not_repeated(con):
    # a file whose columns moved: a name where the kön, the kommun or the avslut should be
    for column, line in (
        ("Kön", "Samordningsteam Sala;S-0007;Anna Svensson;1990;1981;2025-02-03;;"),
        ("Kommunkod", "Samordningsteam Sala;S-0007;kvinna;1990;Anna Svensson;2025-02-03;;"),
        ("Avslut", "Samordningsteam Sala;S-0007;kvinna;1990;1981;2025-02-03;2025-03-01;Anna Svensson"),
    ):
        message = one_naming(refused(con, csv([*GOOD, line])), FILE, "rad 6", column)
        assert "Anna" not in message and "Svensson" not in message, message
        assert "visas inte" in message
    # a code that is no name is repeated, so that the editor finds it
    message = one_naming(
        refused(con, csv([*GOOD, "Samordningsteam Sala;S-0007;kvinna;1990;9999;2025-02-03;;"])),
        FILE,
        "rad 6",
        "Kommunkod",
    )
    assert "”9999”" in message
