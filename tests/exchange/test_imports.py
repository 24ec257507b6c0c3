"""Budget imports from the ekonomisystem: formats, a corpus of bad files, all or nothing,
preview, undo, round trip, rebuilds and concurrent readers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
import unicodedata
from decimal import Decimal

import pandas as pd
import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from dashboard.domain import naming
from dashboard.exchange import budget_export, budget_rows, imports, reading
from dashboard.exchange.numbers import parse_decimal_sv
from dashboard.store import db, embedded, sql, writes
from tests import import_files as files

FORBUND = files.FORBUND
SEPT = dt.date(2025, 9, 30)


def _state(con) -> tuple:
    """Everything an import could change: the lines in effect, the log, the version."""
    lines = con.execute(
        "SELECT count(*), sum(belopp), sum(hash(forbund, ar, period_slut, post, matt, belopp)) "
        "FROM budget_lines"
    ).fetchall()[0]
    log = con.execute("SELECT count(*) FROM user_data.budget_imports").fetchall()[0]
    rows = con.execute("SELECT count(*) FROM user_data.budget_import_rows").fetchall()[0]
    return lines, log, rows, db.data_version(con)


def _lines(con, ar: int = 2025, till: dt.date | None = None):
    frame = sql.query(con, "budget_vs_utfall", forbund=FORBUND, ar=ar, till=till)
    return frame.set_index("post")


# ------------------------------------------------------------------ good files


GOOD_LONG = [
    ("semicolon-utf8-lf-nbsp-unicode-minus", "ut.csv", files.csv_bytes()),
    ("semicolon-utf8-bom-crlf", "ut.csv", files.csv_bytes(bom=True, newline="\r\n")),
    (
        "comma-cp1252-space-hyphen",
        "ut.csv",
        files.csv_bytes(files.long_rows(space=" ", minus="-"), delimiter=",", encoding="cp1252"),
    ),
    ("thin-space", "ut.csv", files.csv_bytes(files.long_rows(space="\u2009"))),
    ("narrow-nbsp", "ut.csv", files.csv_bytes(files.long_rows(space="\u202f"))),
    ("no-separator", "ut.txt", files.csv_bytes(files.long_rows(space=""))),
    ("excel", "ut.xlsx", files.xlsx_bytes()),
]


@pytest.mark.parametrize(("case", "name", "data"), GOOD_LONG, ids=[g[0] for g in GOOD_LONG])
def test_good_files_in_every_format_read_the_same(built, case, name, data):
    parsed = imports.parse(built, data, name)
    assert parsed.layout == "import"
    preview = imports.preview(built, parsed)
    got = {(r.post, r.matt): (r.belopp, r.status) for r in preview.itertuples()}
    expected = {
        key: (files.EXPECTED_BELOPP[key], files.EXPECTED_STATUS[key]) for key in files.EXPECTED_STATUS
    }
    assert got == expected
    # 001 section 6: Samordningsteam Västerås prognos 2025 is -5 100 000 before the import.
    changed = preview[preview["status"] == "ändrad"].iloc[0]
    assert changed["belopp_nu"] == -5_100_000
    assert any("ören avrundades" in n for n in parsed.notes)


@pytest.mark.parametrize(
    ("name", "data"),
    [("delar.csv", files.wide_csv()), ("delar.xlsx", files.wide_xlsx())],
    ids=["csv", "excel"],
)
def test_a_delarsrapport_table_reads_with_forbund_and_period_given(built, name, data):
    parsed = imports.parse(built, data, name, forbund="Västmanland", ar=2025, period_slut=SEPT)
    assert parsed.layout == "delårsrapport"
    preview = imports.preview(built, parsed).set_index(["post", "matt"])
    assert preview.loc[("Samordningsteam Västerås", "utfall"), "belopp"] == -2_654_220
    assert preview.loc[("Samordningsteam Västerås", "utfall"), "period_slut"] == pd.Timestamp(SEPT)
    assert preview.loc[("Samordningsteam Västerås", "prognos"), "status"] == "ändrad"
    # 001 section 6: Medel från huvudmännen, årsbudget 18 958 000: unchanged.
    assert preview.loc[("Medel från huvudmännen", "budget"), "status"] == "oförändrad"
    # The new post takes its kategori from the heading row above it (Individinsatser).
    assert preview.loc[("Nytt team Köping", "prognos"), "kategori"] == "individinsats"
    assert ("Nytt team Köping", "utfall") not in preview.index  # an empty cell is no figure
    assert any("Summa kostnader" in n for n in parsed.notes)
    assert any("avvikelse" in n for n in parsed.notes)


# ------------------------------------------------------------------ bad files

_R = files.long_rows()


def _with(row: int, column: int, value: str) -> list[list[str]]:
    rows = [list(r) for r in _R]
    rows[row][column] = value
    return rows


BAD_FILES = [
    (
        "unknown förbund",
        files.csv_bytes(_with(0, 0, "Samordningsförbundet Atlantis")),
        "rad 2, kolumn förbund: okänt förbund ”Samordningsförbundet Atlantis”",
    ),
    ("unknown kategori", files.csv_bytes(_with(1, 4, "lön")), "rad 3, kolumn kategori: okänd kategori ”lön”"),
    ("unknown mått", files.csv_bytes(_with(2, 5, "plan")), "rad 4, kolumn mått: okänt mått ”plan”"),
    (
        "not a number",
        files.csv_bytes(_with(3, 6, "sex tusen")),
        "rad 5, kolumn belopp: ”sex tusen” är inte ett tal i kronor",
    ),
    (
        "misplaced thousands separator",
        files.csv_bytes(_with(3, 6, "12 34")),
        "rad 5, kolumn belopp: ”12 34” är inte ett tal",
    ),
    ("decimal point", files.csv_bytes(_with(3, 6, "1.234")), "rad 5, kolumn belopp: ”1.234” är inte ett tal"),
    (
        "period outside the year",
        files.csv_bytes(_with(0, 2, "2024-09-30")),
        "rad 2, kolumn period_slut: 2024-09-30 ligger inte i år 2025",
    ),
    (
        "period not a date",
        files.csv_bytes(_with(0, 2, "30/9 2025")),
        "rad 2, kolumn period_slut: ”30/9 2025” är inte ett datum",
    ),
    ("år not a year", files.csv_bytes(_with(0, 1, "25")), "rad 2, kolumn år: ”25” är inte ett årtal"),
    ("missing post", files.csv_bytes(_with(4, 3, "")), "rad 6, kolumn post: posten saknas"),
    (
        "missing column",
        files.csv_bytes([r[:6] for r in _R], header=files.HEADER[:6]),
        "kolumn belopp: kolumnen saknas",
    ),
    (
        "unknown column",
        files.csv_bytes([[*r, "x"] for r in _R], header=[*files.HEADER, "konto"]),
        "rad 1, kolumn konto: okänd kolumn",
    ),
    (
        "duplicate row",
        files.csv_bytes([*_R, _R[1]]),
        "rad 7, kolumn post: samma förbund, år, period_slut, post och mått som rad 3",
    ),
    ("short row", files.csv_bytes([*_R[:2], _R[2][:5]]), "rad 4: 5 kolumner, rubrikraden har 7"),
    ("no data rows", files.csv_bytes([]), "filen har inga datarader"),
    ("empty file", b"", "filen är tom"),
    (
        "no header",
        files.csv_bytes(_R, header=["a", "b", "c", "d", "e", "f", "g"]),
        "rad 1: första raden ska vara rubrikerna",
    ),
    ("neither UTF-8 nor Windows-1252", b"post;\x81\x8d\n", "filen är varken UTF-8 eller Windows-1252"),
]


@pytest.mark.parametrize(("case", "data", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_refused_with_file_row_and_column_and_nothing_changes(built, case, data, message):
    before = _state(built)
    with pytest.raises(reading.ImportRefused) as refused:
        parsed = imports.parse(built, data, "ekonomi.csv")
        imports.store(built, parsed, "test")
    problems = refused.value.problems
    assert any(f"ekonomi.csv, {message}" in p or f"ekonomi.csv: {message}" in p for p in problems), problems
    assert all(p.startswith("ekonomi.csv") for p in problems)
    assert _state(built) == before


BAD_OTHER = [
    (
        "not xlsx",
        "ekonomi.xlsx",
        b"PK\x03\x04 not a workbook",
        {},
        "ekonomi.xlsx: filen kan inte läsas som Excel",
    ),
    (
        "old xls",
        "ekonomi.xls",
        b"\xd0\xcf\x11\xe0",
        {},
        "ekonomi.xls: det gamla Excelformatet .xls läses inte",
    ),
    ("pdf", "ekonomi.pdf", b"%PDF-1.7", {}, "ekonomi.pdf: okänd filtyp"),
    (
        "wide without period",
        "delar.csv",
        files.wide_csv(),
        {},
        "delar.csv: filen är en delårsrapports tabell: ange förbund",
    ),
    (
        "wide period outside year",
        "delar.csv",
        files.wide_csv(),
        {"forbund": FORBUND, "ar": 2025, "period_slut": dt.date(2024, 9, 30)},
        "delar.csv: perioden 2024-09-30 ligger inte i år 2025",
    ),
    (
        "wide new post without kategori",
        "delar.csv",
        files.wide_csv([files.WIDE[0], ["Helt ny post", "-1 000", "", "", ""]]),
        {"forbund": FORBUND, "ar": 2025, "period_slut": SEPT},
        "delar.csv, rad 2, kolumn Post: kategorin för den nya posten ”Helt ny post” framgår inte",
    ),
    (
        "wide not a number",
        "delar.csv",
        files.wide_csv([files.WIDE[0], ["Styrelse", "-619 227", "fyra", "", ""]]),
        {"forbund": FORBUND, "ar": 2025, "period_slut": SEPT},
        "delar.csv, rad 2, kolumn Utfall 2025-09-30: ”fyra” är inte ett tal i kronor",
    ),
]


@pytest.mark.parametrize(
    ("case", "name", "data", "options", "message"), BAD_OTHER, ids=[b[0] for b in BAD_OTHER]
)
def test_bad_files_of_other_kinds_are_refused(built, case, name, data, options, message):
    before = _state(built)
    with pytest.raises(reading.ImportRefused) as refused:
        imports.parse(built, data, name, **options)
    assert any(p.startswith(message) for p in refused.value.problems), refused.value.problems
    assert _state(built) == before


def test_every_problem_is_listed_not_only_the_first(built):
    rows = _with(0, 0, "Okänt förbund")
    rows[1][5] = "plan"
    rows[2][6] = "x"
    with pytest.raises(reading.ImportRefused) as refused:
        imports.parse(built, files.csv_bytes(rows), "e.csv")
    assert len(refused.value.problems) == 3


# ------------------------------------------------------------------ writing


def test_store_writes_new_and_changed_rows_and_pages_show_them(built):
    parsed = imports.parse(built, files.csv_bytes(), "ut.csv")
    stored = imports.store(built, parsed, "Eva")
    assert (stored.added, stored.replaced, stored.unchanged) == (3, 1, 1)
    lines = _lines(built)
    # The latest period is shown, never the sum of two periods' utfall.
    assert lines.loc["Samordningsteam Västerås", "utfall"] == -2_654_220
    assert lines.loc["Samordningsteam Västerås", "utfall_till"] == pd.Timestamp(SEPT)
    assert lines.loc["Samordningsteam Västerås", "prognos"] == -5_000_000
    # The document's comment stays with its line (001 section 6).
    assert "Västerås Stad" in lines.loc["Samordningsteam Västerås", "kommentar"]
    # The new post is a line of its own, below the document's lines.
    assert lines.loc["Nytt team Köping", "budget"] == -100_000
    assert lines.loc["Nytt team Köping", "rad"] > lines["rad"].drop("Nytt team Köping").max()
    # The period chosen earlier still reads 001's utfall to 31 August: -2 359 306.
    assert _lines(built, till=dt.date(2025, 8, 31)).loc["Samordningsteam Västerås", "utfall"] == -2_359_306
    log = imports.history(built)
    assert log.iloc[0][["importerad_av", "fil", "rader_nya", "rader_ersatta"]].tolist() == [
        "Eva",
        "ut.csv",
        3,
        1,
    ]
    assert len(log.iloc[0]["sha256"]) == 64


def test_undo_restores_what_the_import_replaced(built):
    before = _state(built)[0]
    stored = imports.store(built, imports.parse(built, files.csv_bytes(), "ut.csv"), "Eva")
    assert _state(built)[0] != before
    imports.undo(built, stored.import_id, "Olle")
    assert _state(built)[0] == before
    # 001 section 6 again.
    assert _lines(built).loc["Samordningsteam Västerås", "prognos"] == -5_100_000
    log = imports.history(built).iloc[0]
    assert log["angrad_av"] == "Olle" and log["angrad"] is not None
    with pytest.raises(reading.ImportRefused):
        imports.undo(built, stored.import_id, "Olle")


def test_undoing_a_later_import_brings_back_the_earlier_one(built):
    first = imports.store(built, imports.parse(built, files.csv_bytes(), "sept.csv"), "Eva")
    rows = _with(2, 6, "−4 900 000")  # prognos again, changed again
    second = imports.store(built, imports.parse(built, files.csv_bytes(rows), "okt.csv"), "Eva")
    assert (second.added, second.replaced) == (0, 1)
    assert _lines(built).loc["Samordningsteam Västerås", "prognos"] == -4_900_000
    imports.undo(built, second.import_id, "Eva")
    assert _lines(built).loc["Samordningsteam Västerås", "prognos"] == -5_000_000
    imports.undo(built, first.import_id, "Eva")
    assert _lines(built).loc["Samordningsteam Västerås", "prognos"] == -5_100_000


def test_a_crash_halfway_through_the_write_leaves_the_data_as_it_was(built, monkeypatch):
    before = _state(built)

    def crash():
        raise RuntimeError("strömavbrott")

    monkeypatch.setattr(imports, "_crash_point", crash)
    with pytest.raises(RuntimeError):
        imports.store(built, imports.parse(built, files.csv_bytes(), "ut.csv"), "Eva")
    assert _state(built) == before


def test_export_then_import_changes_nothing(built):
    parsed = imports.parse(
        built, budget_export.csv_bytes(budget_export.current_lines(built)), "budgetrader.csv"
    )
    counts = imports.summary(imports.preview(built, parsed))
    assert counts["ny"] == counts["ändrad"] == 0
    assert counts["oförändrad"] == len(budget_export.current_lines(built)) > 250
    before = _state(built)
    assert imports.store(built, parsed, "Eva").import_id is None
    assert _state(built) == before


def test_excel_export_then_import_changes_nothing_after_an_import(built):
    imports.store(built, imports.parse(built, files.csv_bytes(), "ut.csv"), "Eva")
    parsed = imports.parse(built, budget_export.xlsx(budget_export.current_lines(built)), "budgetrader.xlsx")
    assert imports.summary(imports.preview(built, parsed))["oförändrad"] == len(parsed.rows)


def test_the_template_is_the_import_format(built):
    text = budget_export.template_csv().decode("utf-8-sig")
    assert text.strip() == ";".join(budget_rows.COLUMNS)
    with pytest.raises(reading.ImportRefused, match="inga datarader"):
        imports.parse(built, budget_export.template_csv(), "mall.csv")


def test_imports_survive_a_rebuild_of_the_embedded_data(built, data_copy):
    imports.store(built, imports.parse(built, files.csv_bytes(), "ut.csv"), "Eva")
    text = (data_copy / "budget_lines.csv").read_text(encoding="utf-8")
    (data_copy / "budget_lines.csv").write_text(text.replace(",-619227,", ",-619228,"), encoding="utf-8")
    assert embedded.ensure_built(built, data_copy) is True
    lines = _lines(built)
    assert lines.loc["Samordningsteam Västerås", "utfall"] == -2_654_220
    assert lines.loc["Styrelse", "budget"] == -619_228  # the rebuilt document figure


def test_reconciliation_checks_the_documents_not_the_imports(built):
    from dashboard.domain import reconcile

    before = len(reconcile.disagreements(built))
    imports.store(built, imports.parse(built, files.csv_bytes(), "ut.csv"), "Eva")
    assert len(reconcile.disagreements(built)) == before == 16


# ------------------------------------------------------------------ concurrency


def test_a_reader_sees_the_data_before_or_after_an_import_never_a_mix(built):
    """Readers hold one transaction per page run (ui.begin_run); an import commits meanwhile."""
    parsed = imports.parse(built, files.csv_bytes(), "ut.csv")
    seen: list[tuple] = []
    stop = threading.Event()

    def reader():
        cur = built.cursor()
        while not stop.is_set():
            cur.execute("BEGIN TRANSACTION")
            first = cur.execute(
                "SELECT count(*) FROM budget_lines WHERE period_slut = DATE '2025-09-30'"
            ).fetchall()[0][0]
            second = cur.execute(
                "SELECT belopp FROM budget_lines "
                "WHERE post = 'Samordningsteam Västerås' AND matt = 'prognos' AND ar = 2025"
            ).fetchall()[0][0]
            cur.execute("COMMIT")
            seen.append((first, second))
        cur.close()

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        imports.store(built, parsed, "Eva")
        import time

        time.sleep(0.3)
    finally:
        stop.set()
        for t in threads:
            t.join()
    # 001 section 6: prognos -5 100 000 before; the file's -5 000 000 and its two September rows after.
    assert set(seen) <= {(0, -5_100_000), (2, -5_000_000)}
    assert (2, -5_000_000) in seen


def test_a_run_reads_one_snapshot_even_if_an_import_commits_halfway(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.view import ui

    monkeypatch.setenv("FINSAM_DB", str(tmp_path / "run.duckdb"))
    ui._database.clear()  # the app's process-wide connection, to this test's database

    def page():
        import streamlit as st

        from dashboard.exchange import imports
        from dashboard.store import sql
        from dashboard.view import ui
        from tests import import_files

        def prognos(con):
            return int(
                sql.query(con, "budget_vs_utfall", forbund=import_files.FORBUND, ar=2025, till=None)
                .set_index("post")
                .at["Samordningsteam Västerås", "prognos"]
            )

        ui.begin_run()
        before = ui.load(prognos)
        if st.button("importera"):
            con = ui.database().con
            imports.store(con, imports.parse(con, import_files.csv_bytes(), "ut.csv"), "Eva")
        st.write(f"{before} {ui.load(prognos)}")

    at = AppTest.from_function(page, default_timeout=60).run()
    assert not at.exception
    at.button[0].click().run()
    # 001 section 6: -5 100 000 before, in both reads of the run that imported.
    assert at.markdown[-1].value == "-5100000 -5100000"
    at.run()
    assert at.markdown[-1].value == "-5000000 -5000000"
    ui._database.clear()


def test_a_second_import_waits_for_the_first(built, monkeypatch):
    monkeypatch.setattr(writes, "WRITE_WAIT_S", 0.2)
    held, done = threading.Event(), threading.Event()

    def other_write():  # another session's write, holding the database
        with writes.write_lock():
            held.set()
            done.wait(10)

    holder = threading.Thread(target=other_write)
    holder.start()
    held.wait(10)
    try:
        with pytest.raises(imports.ImportBusy, match="Försök igen"):
            imports.store(built, imports.parse(built, files.csv_bytes(), "ut.csv"), "Eva")
    finally:
        done.set()
        holder.join()
    assert imports.store(built, imports.parse(built, files.csv_bytes(), "ut.csv"), "Eva").added == 3


def test_an_import_and_a_scenario_save_at_once_both_land(built):
    from dashboard.domain import scenarios

    parsed = imports.parse(built, files.csv_bytes(), "ut.csv")
    errors = []

    def run(fn):
        try:
            fn()
        except Exception as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(lambda: imports.store(built, parsed, "Eva"),)),
        threading.Thread(
            target=run, args=(lambda: scenarios.save(built, "Samtidigt", scenarios.Assumptions()),)
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(imports.history(built)) == 1
    assert "Samtidigt" in list(scenarios.saved(built)["namn"])


def test_two_imports_at_once_both_land(built):
    rows_b = [[FORBUND, "2025", "2025-10-31", "Styrelse", "administration", "utfall", "−450 000"]]
    a = imports.parse(built, files.csv_bytes(), "a.csv")
    b = imports.parse(built, files.csv_bytes(rows_b), "b.csv")
    results = []
    threads = [
        threading.Thread(target=lambda p=p: results.append(imports.store(built.cursor(), p, "Eva")))
        for p in (a, b)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.import_id for r in results) == [1, 2]
    assert _lines(built).loc["Styrelse", "utfall"] == -450_000


# ------------------------------------------------------------------ the number parser


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([" ", "\u00a0", "\u202f", "\u2009", ""]),
    st.sampled_from(["-", "\u2212"]),
)
def test_the_number_parser_reads_every_swedish_spelling(value, space, minus):
    assert parse_decimal_sv(files.amount(value, space, minus)) == value


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_the_number_parser_reads_what_babel_writes_in_swedish(value):
    assert parse_decimal_sv(format_decimal(value, locale="sv_SE", decimal_quantization=False)) == value


@given(st.text(alphabet="0123456789 ,.-−abc", min_size=1, max_size=12))
def test_the_number_parser_refuses_or_reads_exactly(text):
    try:
        value = parse_decimal_sv(text)
    except ValueError:
        return
    # Whatever it accepts, it reads as the digits say: separators dropped, comma as decimal point.
    cleaned = text.strip().replace(" ", "").replace("−", "-").replace(",", ".")
    assert value == Decimal(cleaned)
    assert "." not in text and not any(c in text for c in "abc")


# ------------------------------------------------------------------ what real exports do


def _wide(rows: list[list[str]]) -> bytes:
    return files.wide_csv([files.WIDE[0], *rows])


SEPT_OPTIONS = {"forbund": FORBUND, "ar": 2025, "period_slut": SEPT}


def test_budget_and_prognos_run_to_the_year_end(built):
    rows = [[FORBUND, "2025", "2025-08-31", "Styrelse", "administration", "prognos", "-500 000"]]
    with pytest.raises(reading.ImportRefused) as refused:
        imports.parse(built, files.csv_bytes(rows), "e.csv")
    assert refused.value.problems == [
        "e.csv, rad 2, kolumn period_slut: prognos gäller hela året: period_slut ska vara 2025-12-31; "
        "bara utfall har ett datum under året."
    ]


def test_a_table_that_prints_costs_without_sign_is_read_as_costs(built):
    # 001 section 6, Styrelse, printed here without its minus signs.
    rows = [["Administrativa kostnader", "", "", "", ""], ["Styrelse", "619 227", "400 000", "634 396", ""]]
    parsed = imports.parse(built, _wide(rows), "d.csv", **SEPT_OPTIONS)
    preview = imports.preview(built, parsed).set_index("matt")
    assert preview.loc["budget", "belopp"] == -619_227
    assert preview.loc["budget", "status"] == "oförändrad"
    assert any("utan minustecken" in n for n in parsed.notes)


def test_a_known_post_keeps_its_kategori_under_an_unknown_heading(built):
    # "Kostnader" names no kategori: Styrelse stays administration (001 section 6).
    rows = [["Intäkter", "", "", "", ""], ["Kostnader", "", "", "", ""], ["Styrelse", "-619 227", "", "", ""]]
    preview = imports.preview(built, imports.parse(built, _wide(rows), "d.csv", **SEPT_OPTIONS))
    assert list(preview["kategori"]) == ["administration"]
    assert list(preview["status"]) == ["oförändrad"]


def test_a_second_kategori_for_a_post_is_refused(built):
    rows = [[FORBUND, "2025", "2025-09-30", "Styrelse", "strukturinsats", "utfall", "-400 000"]]
    with pytest.raises(reading.ImportRefused) as refused:
        imports.parse(built, files.csv_bytes(rows), "e.csv")
    assert refused.value.problems == [
        "e.csv, rad 2, kolumn kategori: ”Styrelse” har kategorin administration 2025, inte strukturinsats; "
        "en post har en kategori per år."
    ]


def test_sum_rows_of_every_spelling_are_skipped(built):
    rows = [
        ["Administrativa kostnader", "", "", "", ""],
        ["Styrelse", "-619 227", "", "", ""],
        ["Delsumma", "-619 227", "", "", ""],
        ["Totala kostnader", "-619 227", "", "", ""],
        ["Kostnader totalt", "-619 227", "", "", ""],
    ]
    parsed = imports.parse(built, _wide(rows), "d.csv", **SEPT_OPTIONS)
    assert list(parsed.rows["post"]) == ["Styrelse"]
    assert any("Delsumma" in n and "Totala kostnader" in n and "Kostnader totalt" in n for n in parsed.notes)


def test_a_table_with_two_budget_columns_or_a_long_row_is_refused(built):
    two = files.wide_csv([["Post", "Årsbudget 2025", "Budget jan–aug 2025", "Utfall", "Prognos"]])
    with pytest.raises(reading.ImportRefused, match="flera kolumner är budget"):
        imports.parse(built, two, "d.csv", **SEPT_OPTIONS)
    long = _wide([["Styrelse", "-619 227", "50", "-358 940", "-634 396", "1"]])
    with pytest.raises(reading.ImportRefused, match="rad 2: 6 kolumner, rubrikraden har 5"):
        imports.parse(built, long, "d.csv", **SEPT_OPTIONS)


def test_undoing_an_import_keeps_what_a_later_one_confirms(built):
    rows_a = [[FORBUND, "2025", "2025-12-31", "Styrelse", "administration", "budget", "-700 000"]]
    a = imports.store(built, imports.parse(built, files.csv_bytes(rows_a), "a.csv"), "Eva")
    rows_b = [*rows_a, [FORBUND, "2025", "2025-09-30", "Styrelse", "administration", "utfall", "-400 000"]]
    b = imports.store(built, imports.parse(built, files.csv_bytes(rows_b), "b.csv"), "Eva")
    assert (b.added, b.replaced, b.unchanged) == (1, 0, 1)
    imports.undo(built, a.import_id, "Eva")
    assert _lines(built).loc["Styrelse", "budget"] == -700_000  # b says so, and b is in effect


@pytest.mark.parametrize("text", ["1,234", "-12,345", "1 234,567"])
def test_more_than_two_decimals_is_refused_not_rounded(built, text):
    rows = [[FORBUND, "2025", "2025-09-30", "Styrelse", "administration", "utfall", text]]
    with pytest.raises(reading.ImportRefused, match="är inte ett tal i kronor"):
        imports.parse(built, files.csv_bytes(rows), "e.csv")


def test_trailing_separators_and_utf16_are_read(built):
    text = files.csv_bytes().decode("utf-8")
    trailing = "\n".join(line + ";;" for line in text.splitlines()).encode("utf-8")
    assert len(imports.parse(built, trailing, "t.csv").rows) == 5
    utf16 = text.replace(";", "\t").encode("utf-16")
    assert len(imports.parse(built, utf16, "u.txt").rows) == 5


def test_a_post_excel_would_run_as_a_formula_is_refused(built):
    rows = [
        [FORBUND, "2025", "2025-09-30", '=HYPERLINK("http://x","Styrelse")', "administration", "utfall", "1"]
    ]
    with pytest.raises(reading.ImportRefused, match="som Excel läser som en formel"):
        imports.parse(built, files.csv_bytes(rows), "e.csv")


def test_an_excel_formula_without_a_saved_value_is_refused(built):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(files.HEADER)
    sheet.append([FORBUND, 2025, dt.date(2025, 9, 30), "Styrelse", "administration", "utfall", "=-400000"])
    buffer = __import__("io").BytesIO()
    book.save(buffer)
    with pytest.raises(reading.ImportRefused) as refused:
        imports.parse(built, buffer.getvalue(), "f.xlsx")
    assert refused.value.problems[0].startswith(
        "f.xlsx, rad 2, kolumn G: formeln =-400000 har inget sparat värde"
    )


# ------------------------------------------------------------------ issue 18: hostile files

VASTERAS_FB = "Samordningsförbundet Västerås"  # ended 2023 (forbund.csv, from 004 section 1)


def _row(post="Styrelse", ar="2025", period="2025-09-30", belopp="−400 000", forbund=FORBUND, matt="utfall"):
    return [forbund, ar, period, post, "administration", matt, belopp]


HOSTILE = [
    # (case, file name, data, expected problem: file, row and column)
    (
        "NUL in a post",
        "e.csv",
        files.csv_bytes([*_R, _row(post="Styr\x00else")]),
        "e.csv, rad 7, kolumn post: texten innehåller tecknet U+0000 (NUL), som inte tas emot",
    ),
    (
        "right-to-left override in a post",
        "e.csv",
        files.csv_bytes([*_R, _row(post="Styrelse\u202egnidröfmas")]),
        "e.csv, rad 7, kolumn post: texten innehåller tecknet U+202E (vänder textens riktning)",
    ),
    (
        "left-to-right isolate in a förbund",
        "e.csv",
        files.csv_bytes([*_R, _row(forbund="\u2066" + FORBUND)]),
        "e.csv, rad 7, kolumn förbund: texten innehåller tecknet U+2066 (vänder textens riktning)",
    ),
    (
        "zero-width space in a post",
        "e.csv",
        files.csv_bytes([*_R, _row(post="Styrelse\u200b")]),
        "e.csv, rad 7, kolumn post: texten innehåller tecknet U+200B (osynligt tecken)",
    ),
    (
        "a bell in an unread column's header",
        "e.csv",
        files.csv_bytes(_R, header=[*files.HEADER[:6], "belopp\x07"]),
        "e.csv, rad 1, kolumn 7: texten innehåller tecknet U+0007 (styrtecken)",
    ),
    (
        "a line break inside a post",
        "e.csv",
        files.csv_bytes([*_R, _row(post="Styr\nelse")]),
        "e.csv, rad 7, kolumn post: texten innehåller tecknet U+000A (styrtecken)",
    ),
    (
        "a post of 121 characters",
        "e.csv",
        files.csv_bytes([*_R, _row(post="P" * 121)]),
        "e.csv, rad 7, kolumn post: posten har 121 tecken; högst 120 går",
    ),
    (
        "a post of 100 000 characters",
        "e.csv",
        files.csv_bytes([*_R, _row(post="Samordningsteam" * 6_667)]),
        "e.csv, rad 7, kolumn post: posten har 100\u00a0005 tecken; högst 120 går",
    ),
    (
        "a field over 131 072 characters",
        "e.csv",
        files.csv_bytes([*_R, _row(post="x" * 131_073)]),
        "e.csv, rad 7, kolumn post: fältet har 131\u00a0073 tecken; högst 131\u00a0072 tas emot",
    ),
    (
        "belopp twice in the header",
        "e.csv",
        files.csv_bytes([[*r, "-1"] for r in _R], header=[*files.HEADER, "belopp"]),
        "e.csv, rad 1, kolumn belopp: kolumnen finns 2 gånger i rubrikraden (kolumn 7 och 8); lämna bara en",
    ),
    (
        "post twice in the header",
        "e.csv",
        files.csv_bytes([[*r, "Annan post"] for r in _R], header=[*files.HEADER, "Post"]),
        "e.csv, rad 1, kolumn post: kolumnen finns 2 gånger i rubrikraden (kolumn 4 och 8)",
    ),
    (
        "year 1900",
        "e.csv",
        files.csv_bytes([*_R, _row(ar="1900", period="1900-09-30")]),
        "e.csv, rad 7, kolumn år: förbundet bildades 2024; år 1900 ligger före det "
        "(Samordningsförbundet Västmanland)",
    ),
    (
        "year 3000",
        "e.csv",
        files.csv_bytes([*_R, _row(ar="3000", period="3000-12-31", matt="budget")]),
        "e.csv, rad 7, kolumn år: år 3000 ligger mer än 5 år fram; senast",
    ),
    (
        "year 9999",
        "e.csv",
        files.csv_bytes([*_R, _row(ar="9999", period="9999-12-31", matt="budget")]),
        "e.csv, rad 7, kolumn år: år 9999 ligger mer än 5 år fram; senast",
    ),
    (
        "a 2030 budget for a förbund that ended in 2023",
        "e.csv",
        files.csv_bytes([_row(forbund=VASTERAS_FB, ar="2030", period="2030-12-31", matt="budget")]),
        "e.csv, rad 2, kolumn år: förbundet upphörde 2023; år 2030 ligger efter det "
        "(Samordningsförbundet Västerås)",
    ),
    (
        "a year before the förbund began (Västerås was constituted in May 2010, 000 section 2)",
        "e.csv",
        files.csv_bytes([_row(forbund="Västerås", ar="2003", period="2003-12-31", matt="budget")]),
        "e.csv, rad 2, kolumn år: förbundet bildades 2010; år 2003 ligger före det "
        "(Samordningsförbundet Västerås)",
    ),
    (
        "2**63 kronor",
        "e.csv",
        files.csv_bytes([*_R, _row(belopp=str(2**63))]),
        "e.csv, rad 7, kolumn belopp: ”9223372036854775808” ligger utanför det som tas emot: högst "
        "100\u00a0000\u00a0000\u00a0000 kr åt vardera håll",
    ),
    (
        "one krona over the limit",
        "e.csv",
        files.csv_bytes([*_R, _row(belopp="−100 000 000 001")]),
        "e.csv, rad 7, kolumn belopp: ”−100 000 000 001” ligger utanför det som tas emot",
    ),
    (
        "NaN written in a CSV",
        "e.csv",
        files.csv_bytes([*_R, _row(belopp="NaN")]),
        "e.csv, rad 7, kolumn belopp: ”NaN” är inte ett tal i kronor",
    ),
    (
        "Excel cell of 1e20",
        "e.xlsx",
        files.xlsx_with_raw_amount("1e+20"),
        "e.xlsx, rad 7, kolumn belopp: ”1e+20” ligger utanför det som tas emot",
    ),
    (
        "Excel cell of 1e300",
        "e.xlsx",
        files.xlsx_with_raw_amount("1E+300"),
        "e.xlsx, rad 7, kolumn belopp: ”1e+300” ligger utanför det som tas emot",
    ),
    (
        "Excel cell of 2**63",
        "e.xlsx",
        files.xlsx_with_raw_amount("9.2233720368547758E+18"),
        "e.xlsx, rad 7, kolumn belopp: ”9.22337e+18” ligger utanför det som tas emot",
    ),
    (
        "Excel NaN",
        "e.xlsx",
        files.xlsx_with_raw_amount("NaN"),
        "e.xlsx, rad 7, kolumn G: ”NaN” är inte ett tal",
    ),
    (
        "Excel INF",
        "e.xlsx",
        files.xlsx_with_raw_amount("INF"),
        "e.xlsx, rad 7, kolumn G: ”INF” är inte ett tal",
    ),
    (
        "Excel -INF",
        "e.xlsx",
        files.xlsx_with_raw_amount("-INF"),
        "e.xlsx, rad 7, kolumn G: ”-INF” är inte ett tal",
    ),
    ("junk xlsx (KeyError)", "e.xlsx", files.junk_xlsx(), "e.xlsx: filen kan inte läsas som Excel (.xlsx)"),
    (
        "random bytes as xlsx",
        "e.xlsx",
        bytes(range(256)) * 4,
        "e.xlsx: filen kan inte läsas som Excel (.xlsx)",
    ),
    ("UTF-16 junk", "e.txt", files.UTF16_JUNK, "e.txt: filen börjar som UTF-16"),
    ("only a byte order mark", "e.csv", b"\xef\xbb\xbf", "e.csv: filen är tom"),
    ("only separators and blank lines", "e.csv", b"\r\n;;;\r\n\r\n", "e.csv: filen är tom"),
    ("an empty workbook", "e.xlsx", files.empty_xlsx(), "e.xlsx: filen är tom"),
]


@pytest.mark.parametrize(("case", "name", "data", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_are_refused_in_swedish_and_nothing_changes(built, case, name, data, message):
    before = _state(built)
    with pytest.raises(reading.ImportRefused) as refused:
        imports.store(built, imports.parse(built, data, name), "test")
    problems = refused.value.problems
    assert any(p.startswith(message) for p in problems), problems
    assert all(p.startswith(name) for p in problems)
    assert not any("Traceback" in p or "Error" in p for p in problems)
    assert _state(built) == before


def test_a_refused_character_is_shown_by_its_code_not_written_into_the_message(built):
    rows = [_row(post="\u202e" + "x" * 200), _row(forbund="Okänt\u202e förbund")]
    with pytest.raises(reading.ImportRefused) as refused:
        imports.parse(built, files.csv_bytes(rows), "e\u202ecsv.txt")
    assert all("\u202e" not in p for p in refused.value.problems)
    assert refused.value.problems[0].startswith("e<U+202E>csv.txt, rad 2, kolumn post")


@pytest.mark.parametrize(
    ("written", "difference"),
    [
        (files.NFD_VASTERAS, "teckenkodningen (Unicode)"),
        ("samordningsteam västerås", "stora och små bokstäver"),
        ("SAMORDNINGSTEAM VÄSTERÅS", "stora och små bokstäver"),
        ("Samordningsteam  Västerås", "mellanslagen"),
        ("Samordningsteam\u00a0Västerås", "mellanslagen"),
        ("Samordningsteam\u2009Västerås", "mellanslagen"),
    ],
    ids=["nfd", "lower", "upper", "double-space", "nbsp", "thin-space"],
)
def test_a_variant_of_a_known_post_is_that_post(built, written, difference):
    """The issue's case: a prognos of -5 000 000 kr for Samordningsteam Västerås in NFD added a
    second line and moved the 2025 prognos result from -9 073 to -5 009 073 kr."""
    # 001 section 6: the result, prognos 2025, is -9 073 kr; the team's prognos -5 100 000 kr.
    assert _lines(built)["prognos"].sum() == -9_073
    rows = [_row(post=written, period="2025-12-31", matt="prognos", belopp="−5 000 000")]
    rows[0][4] = "individinsats"
    parsed = imports.parse(built, files.csv_bytes(rows), "e.csv")
    assert list(parsed.rows["post"]) == ["Samordningsteam Västerås"]
    assert parsed.notes == [
        f"”{written}” läses som ”Samordningsteam Västerås”, en post som redan finns "
        f"(skillnad i {difference}): rad 2."
    ]
    preview = imports.preview(built, parsed)
    assert list(preview["status"]) == ["ändrad"] and list(preview["belopp_nu"]) == [-5_100_000]
    imports.store(built, parsed, "Eva")
    lines = _lines(built)
    assert list(lines.index).count("Samordningsteam Västerås") == 1
    assert len(lines) == 17  # 001 section 6 prints 17 lines; no second Västerås line
    # -9 073 + 100 000: the prognos moved from -5 100 000 to -5 000 000, nothing added.
    assert lines["prognos"].sum() == 90_927


def test_a_tab_inside_a_post_is_refused_not_read_as_a_space(built):
    rows = [_row(post="Samordningsteam\tVästerås")]
    with pytest.raises(reading.ImportRefused) as refused:
        imports.parse(built, files.csv_bytes(rows), "e.csv")
    assert refused.value.problems[0].startswith(
        "e.csv, rad 2, kolumn post: texten innehåller tecknet U+0009 (styrtecken)"
    )


def test_the_preview_says_a_variant_is_read_as_the_known_post(built):
    # 001 section 6: Styrelse, prognos -634 396: unchanged when written in lower case.
    rows = [_row(post="styrelse", period="2025-12-31", matt="prognos", belopp="−634 396")]
    parsed = imports.parse(built, files.csv_bytes(rows), "e.csv")
    assert parsed.notes == [
        "”styrelse” läses som ”Styrelse”, en post som redan finns (skillnad i stora och små "
        "bokstäver): rad 2."
    ]
    assert list(imports.preview(built, parsed)["status"]) == ["oförändrad"]


def test_two_spellings_of_a_new_post_in_one_file_are_one_post(built):
    rows = [
        _row(post="Nytt  team", period="2025-12-31", matt="budget", belopp="−100 000"),
        _row(post="nytt team", period="2025-09-30", matt="utfall", belopp="−40 000"),
    ]
    parsed = imports.parse(built, files.csv_bytes(rows), "e.csv")
    assert set(parsed.rows["post"]) == {"Nytt team"}
    # The same figure twice under two spellings is a duplicate row, not two posts.
    twice = [rows[0], _row(post="NYTT TEAM", period="2025-12-31", matt="budget", belopp="−1")]
    with pytest.raises(reading.ImportRefused) as refused:
        imports.parse(built, files.csv_bytes(twice), "e.csv")
    assert refused.value.problems == [
        "e.csv, rad 3, kolumn post: samma förbund, år, period_slut, post och mått som rad 2 "
        "(Nytt team, budget)."
    ]


def test_forbund_kategori_matt_and_headers_are_compared_in_the_same_form(built):
    header = [
        unicodedata.normalize("NFD", "Förbund"),
        "ÅR",
        "Period_slut",
        "POST",
        "Kategori",
        "Mått ",
        "Belopp",
    ]
    rows = [
        [
            "samordningsförbundet\u00a0västmanland",
            "2025",
            "2025-09-30",
            "Styrelse",
            "Administration",
            " UTFALL",
            "-1",
        ]
    ]
    parsed = imports.parse(built, files.csv_bytes(rows, header=header), "e.csv")
    assert parsed.rows.iloc[0][["forbund", "kategori", "matt"]].tolist() == [
        FORBUND,
        "administration",
        "utfall",
    ]


def test_a_delarsrapport_table_reads_a_variant_as_the_known_post(built):
    rows = [["Individinsatser", "", "", "", ""], [files.NFD_VASTERAS.upper(), "", "", "−5 000 000", ""]]
    parsed = imports.parse(built, _wide(rows), "d.csv", **SEPT_OPTIONS)
    assert list(parsed.rows["post"]) == ["Samordningsteam Västerås"]
    written = files.NFD_VASTERAS.upper()
    assert (
        f"”{written}” läses som ”Samordningsteam Västerås”, en post som redan finns (skillnad i "
        "teckenkodningen (Unicode) och stora och små bokstäver): rad 3." in parsed.notes
    )


def test_a_delarsrapport_for_a_year_the_forbund_did_not_exist_is_refused(built):
    with pytest.raises(reading.ImportRefused) as refused:
        imports.parse(
            built, files.wide_csv(), "d.csv", forbund="Västerås", ar=2030, period_slut=dt.date(2030, 8, 31)
        )
    assert refused.value.problems == [
        "d.csv: förbundet upphörde 2023; år 2030 ligger efter det (Samordningsförbundet Västerås)."
    ]


def test_the_horizon_is_this_year_and_five_more():
    life = (2024, None)
    assert budget_rows.year_problem(life, 2031, today=dt.date(2026, 12, 1)) is None
    assert budget_rows.year_problem(life, 2032, today=dt.date(2026, 12, 1)) == (
        "år 2032 ligger mer än 5 år fram; senast 2031 tas emot"
    )


# ------------------------------------------------------------------ exports for spreadsheets

HOSTILE_POST = "-2+3+cmd|' /C calc'!A0"  # the example


def _with_hostile_post(con) -> None:
    rows = [_row(post=HOSTILE_POST, period="2025-12-31", matt="budget", belopp="−640 000")]
    rows[0][4] = "strukturinsats"
    imports.store(con, imports.parse(con, files.csv_bytes(rows), "e.csv"), "Eva")


def test_the_csv_export_neutralises_formulas_and_keeps_amounts_numbers(built):
    _with_hostile_post(built)
    text = budget_export.csv_bytes(budget_export.current_lines(built)).decode("utf-8-sig")
    line = next(line for line in text.splitlines() if "cmd|" in line)
    assert line == f"{FORBUND};2025;2025-12-31;'{HOSTILE_POST};strukturinsats;budget;-640000"
    # No text cell of the whole export starts like a formula; amounts stay plain numbers.
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row)
        assert not row[3].startswith("-")


def test_csv_export_then_import_gives_the_same_data(built):
    _with_hostile_post(built)
    before = _state(built)
    parsed = imports.parse(
        built, budget_export.csv_bytes(budget_export.current_lines(built)), "budgetrader.csv"
    )
    assert HOSTILE_POST in set(parsed.rows["post"])
    counts = imports.summary(imports.preview(built, parsed))
    assert counts["ny"] == counts["ändrad"] == 0
    assert imports.store(built, parsed, "Eva").import_id is None
    assert _state(built) == before


def test_excel_export_keeps_formulas_as_text_and_round_trips(built):
    from openpyxl import load_workbook

    _with_hostile_post(built)
    data = budget_export.xlsx(budget_export.current_lines(built))
    sheet = load_workbook(io.BytesIO(data)).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == HOSTILE_POST)
    assert cell.data_type == "s" and cell.quotePrefix  # Excel's own apostrophe: text, never run
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    amount = sheet.cell(row=cell.row, column=7)
    assert amount.value == -640_000 and amount.data_type == "n"
    before = _state(built)
    parsed = imports.parse(built, data, "budgetrader.xlsx")
    assert imports.store(built, parsed, "Eva").import_id is None
    assert _state(built) == before


def test_a_post_at_the_length_limit_round_trips_through_both_exports(built):
    long_post = "Långt namn " * 10 + "x" * (naming.MAX_NAME - 110)
    assert len(long_post) == naming.MAX_NAME
    rows = [_row(post=long_post, period="2025-12-31", matt="budget", belopp="−1")]
    imports.store(built, imports.parse(built, files.csv_bytes(rows), "e.csv"), "Eva")
    before = _state(built)
    for name, data in (
        ("b.csv", budget_export.csv_bytes(budget_export.current_lines(built))),
        ("b.xlsx", budget_export.xlsx(budget_export.current_lines(built))),
    ):
        assert imports.store(built, imports.parse(built, data, name), "Eva").import_id is None
    assert _state(built) == before


def test_excel_is_refused_where_it_would_cut_or_overflow():
    assert budget_export.ExportSize(100_000, 47).excel_refusal is None
    assert budget_export.ExportSize(1_000_000, 47).excel_refusal == (
        "1\u00a0000\u00a0000 budgetrader är för många för Excel här (högst 100\u00a0000); "
        "ladda ner dem som CSV."
    )
    assert "fler än en Excelcell rymmer (32\u00a0767)" in budget_export.ExportSize(10, 100_000).excel_refusal
    frame = pd.DataFrame({"post": ["x" * 40_000], "belopp": [1]})
    with pytest.raises(budget_export.ExportTooLarge, match="fler än en Excelcell rymmer"):
        budget_export.xlsx(frame)


def test_export_size_counts_what_the_export_writes(built):
    size = budget_export.export_size(built)
    assert size.lines == len(budget_export.current_lines(built))
    assert size.longest_text == max(budget_export.current_lines(built)["post"].str.len().max(), len(FORBUND))


def test_the_command_line_export_and_a_pages_excel_neutralise_text(built, tmp_path):
    from openpyxl import load_workbook

    from dashboard.exchange import export

    _with_hostile_post(built)
    export.export_all(built, tmp_path)
    assert f";'{HOSTILE_POST};" in (tmp_path / "budget_lines.csv").read_text(encoding="utf-8-sig")
    frame = pd.DataFrame(
        {"Post": ['=HYPERLINK("http://x")', "@SUM(A1)", "+1", "Styrelse"], "Budget": [-1.0, 2.0, 3.0, 4.0]}
    )
    sheet = load_workbook(io.BytesIO(export.xlsx_bytes(frame, "T", ["Rubrik"], ["Budget"], []))).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ('=HYPERLINK("http://x")', "@SUM(A1)", "+1"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix
    assert not cells["Styrelse"].quotePrefix
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_a_spelling_stored_by_another_session_meanwhile_is_followed(built):
    first = [_row(post="Nytt team", period="2025-12-31", matt="budget", belopp="−100 000")]
    second = [_row(post="NYTT  TEAM", period="2025-09-30", matt="utfall", belopp="−40 000")]
    a = imports.parse(built, files.csv_bytes(first), "a.csv")
    b = imports.parse(built, files.csv_bytes(second), "b.csv")  # read before a is stored
    assert list(b.rows["post"]) == ["NYTT TEAM"]
    imports.store(built, a, "Eva")
    imports.store(built, b, "Olle")
    lines = _lines(built)
    assert "NYTT TEAM" not in lines.index
    assert (lines.loc["Nytt team", "budget"], lines.loc["Nytt team", "utfall"]) == (-100_000, -40_000)


def test_a_pages_csv_neutralises_text_and_keeps_numbers():
    from dashboard.exchange import export

    frame = pd.DataFrame({"Post": ["-2+3+cmd", "Styrelse"], "Budget": [-619_227, 1]})
    text = export.csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines() == ["Post;Budget", "'-2+3+cmd;-619227", "Styrelse;1"]
