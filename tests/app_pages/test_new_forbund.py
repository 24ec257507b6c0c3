"""Issue 26: a förbund anywhere in Sweden starts from nothing.

``build --tom`` gives the country's reference data and no förbund; the app opens on a
first-run page that leads to Data; an editor creates a förbund there; and a förbund outside
Västmanland, written by hand into its workbook from its own published board report
(Samordningsförbundet Roslagen, Stockholms län: tests/fixtures/samordningsforbundet_roslagen_2022,
every figure quoted in its KALLA.md), shows on every page, the wall and the pack in its own län.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from dashboard.domain import county, overview, regions
from dashboard.exchange import new_forbund, workbook
from dashboard.store import db, embedded
from dashboard.view import county_view, meeting, slides, ui
from dashboard.view import pack as packs
from tests import pages
from tests.app_pages.test_data_page import HASH, _login
from tests.cli import run

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 180
ROSLAGEN = "Samordningsförbundet Roslagen"
FIXTURE = REPO / "tests" / "fixtures" / "samordningsforbundet_roslagen_2022"
STOCKHOLM = "01"
# Every page of the navigation (app.py), and the first-run page.
PAGES = (
    "oversikt",
    "budget",
    "mal",
    "team",
    "scenarier",
    "lan",
    "motesunderlag",
    "datakvalitet",
    "kallor",
    "data",
)


def _tom(path: Path) -> None:
    con = db.connect(path)
    embedded.build(con, db.DATA_DIR, empty=True)
    con.close()


@pytest.fixture
def tom_db(tmp_path, monkeypatch):
    """A database built with ``--tom`` that the app reads (FINSAM_DB), dropped on the way out."""
    path = tmp_path / "tom.duckdb"
    _tom(path)
    monkeypatch.setenv("FINSAM_DB", str(path))
    _forget()
    yield path
    _forget()


def _forget() -> None:
    """Drop the app's connection and every cached result: two databases of these tests can
    have the same data version (the same CSVs and as many writes), which keys the caches."""
    ui._database.clear()
    ui._drop_results()


@pytest.fixture
def roslagen_db(tom_db):
    """``tom_db`` with Roslagen's workbook (a folder of CSV files) imported, as an editor would."""
    con = db.connect(tom_db)
    found, content = workbook.read_folder(FIXTURE)
    workbook.store(con, workbook.parse(con, found, FIXTURE.name, content), "Test", confirmed=True)
    con.close()
    _forget()
    return tom_db


def _page(name: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    return at.switch_page(f"app_pages/{name}.py").run()


def _opened(at: AppTest) -> AppTest:
    """The page with every box a person may open opened (a lazy box runs its content only
    when open: ``ui.lazy_expander``), until no closed one is left."""
    for _ in range(4):
        keys = [e.proto.id.split("-", 2)[2] for e in at.expander if e.proto.id.startswith("$$ID-")]
        closed = [k for k in keys if k in at.session_state and not at.session_state[k]]
        if not closed:
            break
        for key in closed:
            at.session_state[key] = True
        at.run()
    return at


def _text(at: AppTest) -> str:
    """Everything a page shows a person, tags stripped."""
    parts = (
        [re.sub(r"<[^>]+>", " ", h.body) for h in at.html]
        + [f"{m.label} {m.value}" for m in at.metric]
        + [x.value for x in [*at.caption, *at.markdown, *at.info, *at.warning, *at.success, *at.title]]
        + [e.label for e in at.expander]
    )
    return " ".join(" ".join(parts).split())


# ------------------------------------------------------------------ build --tom


def test_build_tom_holds_the_country_and_no_forbund(tmp_path):
    path = tmp_path / "tom.duckdb"
    _tom(path)
    con = db.connect(path)
    count = lambda table: con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]  # noqa: E731
    assert count("kommuner") == 290
    lan = {row[0] for row in con.execute("SELECT DISTINCT lan_kod FROM kommuner").fetchall()}
    assert lan == set(regions.LAN)
    for table in ("forbund", "members", "budget_lines", "goals", "insatser", "contributions"):
        assert count(table) == 0, table
    assert count("kommunstatistik") > 0  # the published statistics stay
    documents = {row[0] for row in con.execute("SELECT dokument FROM dokument").fetchall()}
    assert documents == {"scb_kommunkoder", "kommungranser"}  # no förbund's document
    assert embedded.build_info(con).empty
    embedded.build(con, db.DATA_DIR)  # a later build keeps the way it was built
    assert count("forbund") == 0 and embedded.build_info(con).empty
    embedded.build(con, db.DATA_DIR, empty=False)
    assert count("forbund") == 4
    con.close()


def test_build_tom_on_the_command_line(tmp_path):
    env = {**__import__("os").environ, "FINSAM_DB": str(tmp_path / "cli.duckdb")}
    done = run("build", "--tom", env=env)
    assert done.returncode == 0, done.stderr
    assert "utan dokumentens förbund (290 kommuner, 0 förbund" in done.stdout


# ------------------------------------------------------------------ the first run


def test_the_app_on_an_empty_database_opens_on_the_first_run_page(tom_db):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Inga förbund ännu"
    assert "skapar förbundet på sidan Data" in _text(at)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_on_an_empty_database_says_what_is_missing(tom_db, name):
    at = _page(name)
    assert not at.exception, name
    shown = _text(at)
    if name in ("oversikt", "budget", "scenarier", "motesunderlag", "team"):
        assert ui.NO_FORBUND in shown, name
    if name == "lan":  # the country's statistics need no förbund
        assert pages.box_shows(at, "Län") == "Västmanlands län"  # where the published figures are
    assert "Västmanland" not in shown or name in ("lan", "datakvalitet", "kallor"), name


def test_the_wall_on_an_empty_database_says_so(tom_db):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    at.query_params["presentation"] = "1"
    at.run()
    assert not at.exception
    assert ui.NO_FORBUND in _text(at)


# ------------------------------------------------------------------ creating a förbund on Data


def _members_box(at: AppTest):
    return next(m for m in at.multiselect if m.label.startswith("Medlemmar"))


def test_an_editor_creates_a_forbund_and_gets_its_workbook(tom_db):
    at = AppTest.from_file(str(REPO / "app_pages" / "data.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = {"password_hash": HASH}
    at = _login(at.run())
    assert not at.exception
    at = at.selectbox(key="new_forbund_lan").select(STOCKHOLM).run()
    members = _members_box(at)
    names = {m.medlem for m in members.value}
    assert names == {"Försäkringskassan", "Arbetsförmedlingen", "Region Stockholm"}  # chosen at first
    kommuner = [m for m in members.options if "(" in m]  # "Norrtälje (0188)": the kommuner offered
    assert len(kommuner) == 26  # Stockholms län's kommuner, none of another län
    norrtalje, taby = (
        new_forbund.Member("Norrtälje", "kommun", "0188"),
        new_forbund.Member("Täby", "kommun", "0160"),
    )
    chosen = [*members.value, norrtalje, taby]
    name_box = next(t for t in at.text_input if t.label == "Förbundets fullständiga namn")
    name_box.set_value("Samordningsförbundet  Nytt")
    next(n for n in at.number_input if n.label.startswith("Första år")).set_value(2026)
    _members_box(at).set_value(chosen)
    at = next(b for b in at.button if b.label == "Skapa förbundet").click().run()
    assert not at.exception
    assert any("Förbundet Samordningsförbundet Nytt är skapat (import 1" in s.value for s in at.success)
    assert any(
        b.label.startswith("Arbetsbok för Samordningsförbundet Nytt") for b in at.get("download_button")
    )
    con = ui.database().con  # the app's own connection: DuckDB lets one process open a file one way
    assert county.lan_of(con, "Samordningsförbundet Nytt") == STOCKHOLM
    rows = con.execute("SELECT medlem, kommunkod FROM members ORDER BY medlem").fetchall()
    assert ("Norrtälje", "0188") in rows and ("Region Stockholm", None) in rows and len(rows) == 5
    assert overview.forbund_years(con) == {"Samordningsförbundet Nytt": [dt.date.today().year]}


def test_a_forbund_named_as_one_in_the_data_is_that_forbund(tom_db):
    con = db.connect(tom_db)
    offered = new_forbund.offered(con, STOCKHOLM)
    new_forbund.create(con, ROSLAGEN, STOCKHOLM, 2021, offered[:4], "Test")
    with pytest.raises(workbook.ImportRefused) as refused:
        new_forbund.create(con, " samordningsförbundet   ROSLAGEN ", STOCKHOLM, 2021, offered[:4], "Test")
    assert "Förbundet finns redan: ”Samordningsförbundet Roslagen”" in refused.value.problems[0]
    with pytest.raises(workbook.ImportRefused) as refused:
        new_forbund.create(con, "Samordningsförbundet Utan kommuner", STOCKHOLM, 2021, offered[:3], "Test")
    assert refused.value.problems == [
        "Välj minst en kommun: ett samordningsförbund har alltid kommuner som medlemmar."
    ]
    assert con.execute("SELECT count(*) FROM forbund").fetchall() == [(1,)]
    con.close()


# ------------------------------------------------------------------ Roslagen on every page


def test_roslagen_shows_on_every_page_in_its_own_lan(roslagen_db):
    shown = {}
    for name in PAGES:
        at = _opened(_page(name))  # every box opened: what is inside runs too
        assert not at.exception, name
        shown[name] = _text(at)
    # Styrelsesammanträdet 22 mars 2023, "Vid utgången av 2022 ett eget kapital på 300 tkr".
    assert "Eget kapital per 31 december 2022 300 000 kr" in shown["oversikt"]
    # The same article, "För 2023 blir kostnaden för förbundet 870 tkr" (Lumena, 2023's one line).
    assert "Resultat, budget 2023 -870 000 kr" in shown["oversikt"]
    assert "Medel från huvudmännen, budget 2023 saknas" in shown["oversikt"]  # no income line for 2023
    assert "Västmanland" not in shown["oversikt"]
    # 2023's budget has Lumena's line only, no income: not whole, so no shares are made of it.
    assert "Andel administration, budget 2023 saknas" in shown["oversikt"]
    assert "Andel administration, budget 2023 saknas" in shown["budget"]
    # The workbook's lines cite their own document, not an ekonomisystem's file.
    assert "importerat från ekonomisystemet" not in shown["budget"]
    assert "Styrelsesammanträdet 22 mars 2023 (Samordningsförbundet Roslagen)" in shown["budget"]
    assert "Lumena" in shown["team"] and "870 000 kr" in shown["team"]
    # "Målet är att nå minst 300 deltagare boende i Roslagen".
    assert "minst 300 deltagare" in shown["mal"]
    assert "Län: Stockholms län" in shown["lan"]
    # Behov och pengar, opened: Roslagen's workbook has no contributions or insatser per kommun.
    assert "Datan har inga bidrag från kommunerna i Stockholms län" in shown["lan"]
    # Västmanland only where the page says the published tables read are that län's.
    said = "(datan har dem för Västmanlands län)"
    assert said in shown["lan"] and "Västmanland" not in shown["lan"].replace(said, "")
    for name in ("oversikt", "budget", "mal", "team", "scenarier", "motesunderlag"):
        assert ROSLAGEN in shown[name], name


def test_roslagen_2022_budget_lines_as_printed(roslagen_db):
    at = _page("budget")
    at = pages.choose_year(at, 2022)
    assert not at.exception
    shown = _text(at)
    # "6 m.kr i medlemsavgift", "Operativ individinsats på 7.2 m.kr." (bokslut 2022).
    assert "Medlemsavgift" in shown and "6 000 000 kr" in shown
    assert "Operativ individinsats" in shown and "-7 200 000 kr" in shown


def test_the_county_comparison_of_roslagen_is_stockholms_lan(roslagen_db):
    con = db.connect(roslagen_db, read_only=True)
    assert county.lan_of(con, ROSLAGEN) == STOCKHOLM
    view = county_view.opening(con, STOCKHOLM)
    assert len(view.table) == 26 and set(view.table["kommun"]) >= {"Norrtälje", "Täby", "Vaxholm"}
    codes = {f["properties"]["id"] for f in county.geojson(STOCKHOLM)["features"]}
    assert codes == set(county.kommuner(con, STOCKHOLM)["omradeskod"])
    # Published values exist only for Västmanland's kommuner: the other län is told so.
    table = county.ranking(con, "oppet_arbetslosa", 2022, lan=STOCKHOLM)
    assert table["varde"].isna().all()
    assert "gäller Västmanlands län" in table["saknas"].iloc[0]
    con.close()


def test_roslagens_wall_and_pack(roslagen_db):
    con = db.connect(roslagen_db, read_only=True)
    period = meeting.periods(con, ROSLAGEN)[0]
    deck = slides.slides(con, ROSLAGEN, period)
    titles = [s.title for s in deck]
    assert titles[0] == "Nyckeltal 2023"  # the latest period: Lumena's budget 2023
    lan_slide = next(s for s in deck if s.key == "lan")
    # No measure has values for Stockholms län's kommuner in the data: the slide says so, no chart.
    assert lan_slide.figure is None
    assert "inget av dess mått har värden för kommunerna i Stockholms län" in lan_slide.note
    made = packs.make(con, ROSLAGEN, period, dt.date(2023, 3, 22), "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(made)).pages)
    assert ROSLAGEN in text and "Lumena" in text
    assert "Västmanland" not in text  # nothing of the documents' county in another förbund's pack
    con.close()


def test_a_forbund_just_created_is_on_every_page_each_saying_what_it_lacks(tom_db):
    """A förbund with its members only (Nytt förbund on Data, nothing imported yet): every page
    shows it in its own län and says what is missing and which sheet brings it."""
    con = db.connect(tom_db)
    chosen = [
        m
        for m in new_forbund.offered(con, "14")
        if m.medlemstyp != "kommun" or m.kommunkod in ("1480", "1481")  # Göteborg, Mölndal
    ]
    new_forbund.create(con, "Samordningsförbundet Nytt", "14", 2026, chosen, "Test")
    con.close()
    _forget()
    this_year = dt.date.today().year
    lacks = f"Datan har ingen budget eller något utfall för Samordningsförbundet Nytt {this_year} ännu"
    for name in PAGES:
        at = _opened(_page(name))
        assert not at.exception, name
        shown = _text(at)
        if name in ("oversikt", "budget", "scenarier"):
            assert lacks in shown, name
        if name == "mal":
            assert "Datan har inga mål, styrtal eller nyckeltal för Samordningsförbundet Nytt" in shown
        if name == "team":
            assert "Datan har inga insatser med budget, bemanning eller platser ännu" in shown
        if name == "lan":
            assert "Län: Västra Götalands län" in shown and "Kommun: Göteborg" in shown
        assert "Västmanland" not in shown or name in ("datakvalitet", "lan"), name
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    at.query_params["presentation"] = "1"
    at.run()
    assert not at.exception
    assert "Datan har ingen budget eller något utfall för Samordningsförbundet Nytt ännu" in _text(at)
