"""The SCB HE0000 importer: good files in SCB's formats, a corpus of bad ones, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.exchange import scb
from dashboard.store import embedded
from dashboard.view import county_view
from tests import scb_files

TODAY = dt.date(2026, 11, 23)


def _count(con) -> int:
    """The SCB rows in effect (the view: the newest import, not undone, of what each covers)."""
    return con.execute("SELECT count(*) FROM scb_helarsekvivalenter").fetchone()[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("HE0000T01N.csv", scb_files.csv_bytes()),
        ("he.csv", scb_files.csv_bytes(delimiter=",", encoding="cp1252", newline="\n")),
        ("he.csv", scb_files.csv_bytes(delimiter="\t", title=False)),
        ("HE0000T01N.xlsx", scb_files.xlsx_bytes()),
    ],
    ids=["semicolon-utf8-bom-crlf", "comma-cp1252-lf", "tab-no-title", "excel"],
)
def test_good_files_give_yearly_means(name, data):
    parsed = scb.parse(data, name)
    years = parsed.years.set_index("omradeskod")
    assert len(years) == 10
    fagersta = years.loc["1982"]
    assert fagersta["manader"] == 12
    # The months vary symmetrically around the level, so the year's mean is the level:
    # 6 763 × 19,0 % = 1 285 (rounded to one decimal per month in the file).
    assert fagersta["Totalt"] == pytest.approx(6763 * 0.19, abs=0.1)
    assert fagersta["andel_procent"] == pytest.approx(19.0, abs=0.01)


def test_a_part_year_keeps_its_months():
    parsed = scb.parse(scb_files.csv_bytes(scb_files.monthly_rows(months=8)), "he.csv")
    assert set(parsed.years["manader"]) == {8}


def test_store_writes_one_row_per_system_and_logs_the_import(built):
    parsed = scb.parse(scb_files.csv_bytes(), "HE0000T01N.csv")
    stored = scb.store(built, parsed, TODAY, "Eva")
    assert (stored.import_id, stored.added, stored.replaced) == (1, 10 * 7, 0)
    log = built.execute("SELECT fil, hamtad, rader, importerad_av FROM user_data.scb_imports").fetchall()
    assert log == [("HE0000T01N.csv", TODAY, 70, "Eva")]
    # The log as the pages show it: dates and counts in Swedish, no raw timestamps.
    shown = county_view.imports(built).iloc[0]
    assert shown["Hämtad från SCB"] == "23 november 2026" and shown["Rader"] == "70"
    assert " kl. " in shown["Importerad"] and "." not in shown["Importerad"].split(" kl. ")[0]
    # Importing the same file again changes nothing and writes nothing.
    assert scb.store(built, parsed, TODAY).import_id is None
    assert _count(built) == 70 and len(scb.history(built)) == 1


def _figures(con) -> list[tuple]:
    """Every figure in effect, in one order (a sum's last digits depend on the order it adds in)."""
    return con.execute(
        "SELECT omradeskod, ar, alder, kon, ersattningssystem, helarsekvivalenter, manader, import_id "
        "FROM scb_helarsekvivalenter ORDER BY ALL"
    ).fetchall()


def test_a_newer_file_replaces_what_it_covers_until_it_is_undone(built):
    """Numbered in the one series of imports; previewed; undone, the first file's figures count."""
    from dashboard.exchange import imports

    first = scb.parse(scb_files.csv_bytes(), "first.csv")
    scb.store(built, first, TODAY, "Eva")
    before = _figures(built)
    second = scb.parse(scb_files.csv_bytes(scb_files.monthly_rows(months=8)), "second.csv")
    counts = imports.summary(scb.preview(built, second))
    assert counts["ändrad"] > 0
    stored = scb.store(built, second, TODAY, "Eva")
    assert stored.import_id == 2 and _count(built) == 70
    assert set(built.execute("SELECT manader FROM scb_helarsekvivalenter").fetchall()) == {(8,)}
    assert imports.logs_of(built, 2) == ["scb"]
    scb.undo(built, 2, "Eva")
    assert _figures(built) == before
    assert scb.history(built)["angrad_av"].fillna("").tolist() == ["Eva", ""]


def test_import_survives_a_rebuild(built, data_copy):
    scb.store(built, scb.parse(scb_files.csv_bytes(), "he.csv"), TODAY)
    text = (data_copy / "budget_lines.csv").read_text(encoding="utf-8")
    (data_copy / "budget_lines.csv").write_text(text.replace(",-2359306,", ",-2359307,"), encoding="utf-8")
    assert embedded.ensure_built(built, data_copy) is True
    assert _count(built) == 70


def _bad(rows=None, header=None):
    return scb_files.csv_bytes(rows, header=header)


BAD_FILES = [
    (
        "no Totalt",
        _bad(
            header=[h for h in scb_files.HEADER if h != "Totalt"],
            rows=[r[:9] + r[10:] for r in scb_files.monthly_rows()],
        ),
        "kolumnen Totalt saknas",
    ),
    (
        "a number that is not a number",
        _bad(
            rows=[
                *scb_files.monthly_rows()[:3],
                [*scb_files.monthly_rows()[3][:9], "12x", *scb_files.monthly_rows()[3][10:]],
            ]
        ),
        "rad 7, kolumn Totalt: ”12x” kan inte läsas",
    ),
    (
        "an unknown column",
        _bad(header=[*scb_files.HEADER[:-1], "Medelålder"]),
        "kolumn Medelålder: okänd kolumn",
    ),
    (
        "a region without a code",
        _bad(rows=[["Västerås", *scb_files.monthly_rows()[0][1:]]]),
        "kolumn region: ”Västerås” kan inte läsas",
    ),
    (
        "a period that is not a month",
        _bad(
            rows=[[scb_files.monthly_rows()[0][0], "20-64 år", "2022-01", *scb_files.monthly_rows()[0][3:]]]
        ),
        "kolumn månad: ”2022-01” kan inte läsas",
    ),
    (
        "a duplicate row",
        _bad(rows=scb_files.monthly_rows()[:2] + scb_files.monthly_rows()[:1]),
        "förekommer flera gånger",
    ),
    ("no header", b"just,some\ntext,here\n", "ingen rubrikrad"),
]


@pytest.mark.parametrize(("case", "data", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_refused_and_nothing_is_written(built, case, data, message):
    before = _count(built)
    with pytest.raises(scb.ScbImportError) as refused:
        scb.parse(data, "bad.csv")
    assert any(message in p for p in refused.value.problems), refused.value.problems
    assert all(p.startswith("bad.csv") for p in refused.value.problems)
    assert _count(built) == before


def test_a_failure_while_writing_leaves_the_data_as_it_was(built, monkeypatch):
    scb.store(built, scb.parse(scb_files.csv_bytes(), "first.csv"), TODAY)
    before = built.execute(
        "SELECT sum(helarsekvivalenter), count(*) FROM user_data.scb_helarsekvivalenter"
    ).fetchone()
    parsed = scb.parse(scb_files.csv_bytes(scb_files.monthly_rows(year=2022, months=6)), "second.csv")
    parsed.file_name = None  # the log row cannot be written: NOT NULL
    with pytest.raises(Exception):  # noqa: B017 - any database error
        scb.store(built, parsed, TODAY)
    after = built.execute(
        "SELECT sum(helarsekvivalenter), count(*) FROM user_data.scb_helarsekvivalenter"
    ).fetchone()
    assert after == before


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=0, max_value=9),
    st.sampled_from([" ", "\u00a0", "\u202f", "\u2009", ""]),
    st.sampled_from(["-", "\u2212"]),
)
def test_parse_number_reads_swedish_numbers(whole, decimal, space, minus):
    digits = f"{abs(whole):,}".replace(",", space)
    text = (minus if whole < 0 else "") + f"{digits},{decimal}"
    expected = abs(whole) + decimal / 10
    assert scb.parse_number(text) == pytest.approx(-expected if whole < 0 else expected)


def test_parse_number_knows_scbs_signs():
    assert scb.parse_number("..") is None
    assert scb.parse_number("-") == 0.0
    with pytest.raises(ValueError):
        scb.parse_number("12,3,4")


# ------------------------------------------------------------------ issue 18: hostile files

# The data rows start on line 4: a title line, a blank line, the header (scb_files.csv_bytes).
HOSTILE = [
    (
        "NUL in a region",
        "bad.csv",
        _bad(rows=scb_files.with_cell(0, 0, "1982 Fager\x00sta")),
        "bad.csv, rad 4, kolumn region: texten innehåller tecknet U+0000 (NUL), som inte tas emot",
    ),
    (
        "right-to-left override in kön",
        "bad.csv",
        _bad(rows=scb_files.with_cell(1, 1, "20-64 år\u202e")),
        "bad.csv, rad 5, kolumn ålder: texten innehåller tecknet U+202E (vänder textens riktning)",
    ),
    (
        "a field over 131 072 characters",
        "bad.csv",
        _bad(rows=scb_files.with_cell(2, 0, "1982 " + "x" * 131_073)),
        "bad.csv, rad 6, kolumn region: fältet har 131\u00a0078 tecken; högst 131\u00a0072 tas emot",
    ),
    (
        "Totalt twice",
        "bad.csv",
        _bad(
            header=[*scb_files.HEADER, "Totalt"],
            rows=[[*r, "1"] for r in scb_files.monthly_rows()],
        ),
        "bad.csv, rad 3, kolumn Totalt: kolumnen finns 2 gånger i rubrikraden (kolumn 10, 13); lämna bara en",
    ),
    (
        "month 13",
        "bad.csv",
        _bad(rows=scb_files.with_cell(0, 2, "2022M13")),
        "bad.csv, rad 4, kolumn månad: ”2022M13” kan inte läsas",
    ),
    (
        "year 1900",
        "bad.csv",
        _bad(rows=scb_files.with_cell(0, 2, "1900M01")),
        "bad.csv, rad 4, kolumn månad: år 1900 tas inte emot; SCB:s siffror gäller år från 1990 till",
    ),
    (
        "year 9999",
        "bad.csv",
        _bad(rows=scb_files.with_cell(0, 2, "9999M01")),
        "bad.csv, rad 4, kolumn månad: år 9999 tas inte emot",
    ),
    (
        "a negative count",
        "bad.csv",
        _bad(rows=scb_files.with_cell(0, 9, "−12,0")),
        "bad.csv, rad 4, kolumn Totalt: -12,0 är mindre än noll",
    ),
    (
        "2**63 helårsekvivalenter",
        "bad.csv",
        _bad(rows=scb_files.with_cell(0, 9, str(2**63))),
        "bad.csv, rad 4, kolumn Totalt: 9.22e+18 är fler än 10\u00a0000\u00a0000",
    ),
    (
        "a share over 100 %",
        "bad.csv",
        _bad(rows=scb_files.with_cell(0, 11, "150,0")),
        "bad.csv, rad 4, kolumn Andel av befolkningen, procent: andelen 150,0 % är över 100 %",
    ),
    (
        "NaN",
        "bad.csv",
        _bad(rows=scb_files.with_cell(0, 9, "NaN")),
        "bad.csv, rad 4, kolumn Totalt: ”NaN” kan inte läsas",
    ),
    (
        "1e300",
        "bad.csv",
        _bad(rows=scb_files.with_cell(0, 9, "1e300")),
        "bad.csv, rad 4, kolumn Totalt: ”1e300” kan inte läsas",
    ),
    (
        "junk xlsx (KeyError)",
        "bad.xlsx",
        scb_files.junk_xlsx(),
        "bad.xlsx: filen kan inte läsas som Excel (.xlsx)",
    ),
    (
        "random bytes as xlsx",
        "bad.xlsx",
        bytes(range(256)) * 4,
        "bad.xlsx: filen kan inte läsas som Excel (.xlsx)",
    ),
    ("old xls", "bad.xls", b"\xd0\xcf\x11\xe0", "bad.xls: det gamla Excelformatet .xls läses inte"),
    ("UTF-16 junk", "bad.csv", scb_files.UTF16_JUNK, "bad.csv: filen börjar som UTF-16"),
    ("empty", "bad.csv", b"", "bad.csv: filen är tom"),
    ("only a byte order mark and blank lines", "bad.csv", b"\xef\xbb\xbf\r\n\r\n", "bad.csv: filen är tom"),
]


@pytest.mark.parametrize(("case", "name", "data", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_are_refused_in_swedish_and_nothing_is_written(built, case, name, data, message):
    scb.store(built, scb.parse(scb_files.csv_bytes(), "first.csv"), TODAY)
    before = (
        built.execute(
            "SELECT count(*), sum(helarsekvivalenter) FROM user_data.scb_helarsekvivalenter"
        ).fetchone(),
        built.execute("SELECT count(*) FROM user_data.scb_imports").fetchone(),
    )
    with pytest.raises(scb.ScbImportError) as refused:
        scb.store(built, scb.parse(data, name), TODAY)
    problems = refused.value.problems
    assert any(p.startswith(message) for p in problems), problems
    assert all(p.startswith(name) for p in problems)
    after = (
        built.execute(
            "SELECT count(*), sum(helarsekvivalenter) FROM user_data.scb_helarsekvivalenter"
        ).fetchone(),
        built.execute("SELECT count(*) FROM user_data.scb_imports").fetchone(),
    )
    assert after == before


def test_region_alder_and_kon_are_stored_in_one_spelling():
    rows = [list(r) for r in scb_files.monthly_rows()]
    rows[0][0] = "1982\u00a0 Fagersta"
    rows[0][1] = "20-64  år"
    parsed = scb.parse(scb_files.csv_bytes(rows), "he.csv")
    fagersta = parsed.years.set_index("omradeskod").loc["1982"]
    assert (fagersta["omrade"], fagersta["alder"], fagersta["manader"]) == ("Fagersta", "20-64 år", 12)
