"""The förbund's workbook on the page Data (issue 25), in Streamlit's AppTest: upload, the
preview per sheet, a question answered, the import, the log and the undo."""

from __future__ import annotations

import io
import os

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard.exchange import workbook, workbook_export
from dashboard.store import db, embedded
from dashboard.view import passwords, ui
from tests import pages
from tests.app_pages.test_data_page import fresh_db  # noqa: F401  (a fixture)
from tests.exchange.test_workbook import _book

REPO = db.REPO_ROOT
TIMEOUT = 60
PASSWORD = "korrekt hästbatteri"
VM = "Samordningsförbundet Västra Mälardalen"
NV = "Norra Västmanlands Samordningsförbund"
VASTMANLAND = "Samordningsförbundet Västmanland"


def _logged_in() -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / "data.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = {"password_hash": passwords.hash_password(PASSWORD)}
    at.run()
    at.text_input(key="editor_name_input").set_value("Eva")
    at.text_input(key="editor_password_input").set_value(PASSWORD)
    at = next(b for b in at.button if b.label == "Logga in").click().run()
    assert not at.exception
    return at


def _changed_workbook() -> bytes:
    """VM's workbook with Staten's utfall 2021 (002, "5. Budget 2023, Resultatbudget":
    1 500 tkr) as 1 600 000 kr, and a meeting added."""
    con = db.connect()
    embedded.ensure_built(con)
    data = workbook_export.export(con, VM)
    con.close()
    book = load_workbook(io.BytesIO(data))
    page = book["Bidrag"]
    heading = [c.value for c in page[1]]
    for row in page.iter_rows(min_row=2):
        if row[heading.index("År")].value == 2021 and row[heading.index("Medlem")].value == "Staten":
            row[heading.index("Belopp kr")].value = 1_600_000
    book["Möten"].append([VM, "2023-02-01", "Förbundsstyrelse", "Första mötet"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    (uploader,) = [u for u in at.file_uploader if u.label == "Arbetsbok (.xlsx)"]
    return uploader.set_value((name, data, "application/octet-stream")).run()


def test_a_workbook_is_previewed_per_sheet_imported_logged_and_undone(fresh_db):  # noqa: F811
    at = _logged_in()
    assert any(
        s.value == "Ingen arbetsbok har importerats ännu; dashboarden visar dokumentens siffror."
        for s in at.markdown
    )
    at = _upload(at, "vm.xlsx", _changed_workbook())
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Nya rader"], metrics["Ändrade rader"]) == ("1", "1")
    labels = [t.label for t in at.tabs]
    assert "Bidrag (1 ändring)" in labels and "Möten (1 ändring)" in labels
    bidrag = at.tabs[labels.index("Bidrag (1 ändring)")].dataframe[0].value
    assert bidrag["Status"].iloc[0] == "ändrad"
    assert bidrag["Ändring"].iloc[0] == "Belopp kr: 1\u00a0500\u00a0000 → 1\u00a0600\u00a0000"
    at = next(b for b in at.button if b.label == "Importera 2 nya och ändrade rader").click().run()
    assert not at.exception
    assert any(s.value == "Arbetsbok 1 sparad: 1 nya och 1 ersatta rader." for s in at.success)
    cur = ui.database().con.cursor()
    assert cur.execute(
        "SELECT belopp FROM contributions WHERE forbund = ? AND ar = 2021 AND medlem = 'Staten'", [VM]
    ).fetchall() == [(1_600_000,)]
    from tests.app_pages.test_app import _table

    log = _table(at, "arbetsbok-logg").astype(str)
    assert (log["Import"].iloc[0], log["Av"].iloc[0], log["Nya rader"].iloc[0]) == ("1", "Eva", "1")
    assert log["Ändrade blad"].iloc[0] == "Bidrag 1, Möten 1"
    confirm = next(c for c in at.checkbox if c.label.startswith("Ja, ångra arbetsbok 1"))
    at = confirm.check().run()
    at = at.button(key="workbook_undo").click().run()
    assert any(s.value == "Arbetsbok 1 är ångrad; det den ersatte gäller igen." for s in at.success)
    assert ui.database().con.cursor().execute(
        "SELECT belopp FROM contributions WHERE forbund = ? AND ar = 2021 AND medlem = 'Staten'", [VM]
    ).fetchall() == [(1_500_000,)]


def test_a_bad_workbook_lists_its_problems_and_offers_no_import(fresh_db):  # noqa: F811
    at = _logged_in()
    at = _upload(at, "fel.xlsx", _book({"Möten": [["Förbund", "Datum"], [VM, "2023-02-01"]]}))
    assert not at.exception
    # fmt.plain escapes Markdown's characters: what a person reads has no backslashes
    assert any(
        e.value.replace("\\", "").startswith("fel.xlsx kan inte importeras; inget har ändrats.")
        for e in at.error
    )
    problems = next(d.value for d in at.dataframe if "Problem" in d.value.columns)
    assert list(problems["Problem"]) == [
        "fel.xlsx, blad Möten, rad 1: kolumnen Mötestyp saknas; bladet ska ha Förbund, Datum, Mötestyp."
    ]
    assert not [b for b in at.button if b.label.startswith("Importera")]


def test_a_member_outside_the_lan_is_asked_before_the_import(fresh_db):  # noqa: F811
    data = _book(
        {
            "Förbund": [
                ["Förbund", "Län", "Från", "Till", "Ersatt av"],
                ["Samordningsförbundet Gräns", "03", 2027],
            ],
            "Medlemmar": [
                ["Förbund", "Medlem", "Typ", "Kommunkod", "Från år", "Till år"],
                ["Samordningsförbundet Gräns", "Sala kommun", "kommun", "1981", 2027],
            ],
        }
    )
    at = _upload(_logged_in(), "grans.xlsx", data)
    assert any("ligger utanför förbundets län (Uppsala län)" in w.value.replace("\\", "") for w in at.warning)
    assert not [b for b in at.button if b.label.startswith("Importera")]
    at = at.checkbox(key="workbook_confirm").check().run()
    at = next(b for b in at.button if b.label == "Importera 2 nya och ändrade rader").click().run()
    assert any(s.value == "Arbetsbok 1 sparad: 2 nya och 0 ersatta rader." for s in at.success)


def _everything_shown(at: AppTest) -> list[str]:
    """What a page shows a person: its HTML tables, metrics, captions, text and tables."""
    return (
        [h.body for h in at.html]
        + [f"{m.label}={m.value}" for m in at.metric]
        + [c.value for c in at.caption]
        + [m.value for m in at.markdown]
        + [d.value.to_csv() for d in at.dataframe]
    )


# The pages that read what the workbook brings (goals, rules, key figures, the board, members,
# contributions, meetings, insatser and their teams), each run for the förbund and every year
# it offers.
CARRIED_PAGES = ("mal", "oversikt", "motesunderlag", "lan", "datakvalitet", "team", "budget")


def _pages_shown(path, data_dir, forbund: str) -> dict[str, list[str]]:
    """What each of ``CARRIED_PAGES`` shows of ``forbund``, year by year, on the database at
    ``path`` built from ``data_dir`` (the app rebuilds a database whose CSVs have changed)."""
    os.environ["FINSAM_DB"] = str(path)
    os.environ["FINSAM_DATA"] = str(data_dir)
    ui._database.clear()
    shown: dict[str, list[str]] = {}
    for name in CARRIED_PAGES:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
        at.switch_page(f"app_pages/{name}.py").run()
        if any(e.label.startswith("Förbund: ") for e in at.expander):  # Länsjämförelse, Datakvalitet: all
            at = pages.choose_forbund(at, forbund)
        assert not at.exception, name
        shown[name] = _everything_shown(at)
        has_years = any(b.label == "År" for b in at.button_group)
        for year in pages.years(at) if has_years else []:
            at = pages.choose_year(at, year)
            assert not at.exception, (name, year)
            shown[name] += [str(year), *_everything_shown(at)]
    return shown


@pytest.mark.parametrize("forbund", [NV, VM, VASTMANLAND])
def test_a_forbund_carried_by_its_workbook_shows_the_same_pages(tmp_path, data_copy, monkeypatch, forbund):
    """Issue 25: a förbund's workbook, imported into a database built without its rows of the
    tables the workbook brings, gives every page that reads them the same figures, sources
    and sentences, year by year."""
    from tests.exchange.test_workbook import _without

    monkeypatch.setenv("FINSAM_DB", os.environ["FINSAM_DB"])  # both put back after the test
    monkeypatch.setenv("FINSAM_DATA", os.environ.get("FINSAM_DATA", str(db.DATA_DIR)))
    full = tmp_path / "full.duckdb"
    con = db.connect(full)
    embedded.build(con, db.DATA_DIR)
    data = workbook_export.export(con, forbund)
    con.close()
    carried = tmp_path / "carried.duckdb"
    _without(data_copy, forbund)
    con = db.connect(carried)
    embedded.build(con, data_copy)
    assert con.execute("SELECT count(*) FROM goals WHERE forbund = ?", [forbund]).fetchall() == [(0,)]
    workbook.store(con, workbook.parse(con, workbook.read(data, "bok.xlsx"), "bok.xlsx", data), "test")
    con.close()
    try:
        before = _pages_shown(full, db.DATA_DIR, forbund)
        after = _pages_shown(carried, data_copy, forbund)
    finally:
        ui._database.clear()
    assert all(len(shown) > 3 for shown in before.values()), {p: len(s) for p, s in before.items()}
    for name in CARRIED_PAGES:
        assert after[name] == before[name], name
