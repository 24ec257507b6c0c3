"""Every page opened through the navigation in a real browser, as a person would."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests import import_files
from tests.e2e.conftest import (
    EDITOR_PASSWORD,
    assert_no_exception,
    board_rows,
    budget_upload,
    grid_text,
    running_app,
    screenshot,
    wait_for_run,
)

pytestmark = pytest.mark.browser

# Navigation label and a slug for the screenshot; every page of app.py must be here.
PAGES = [
    ("Översikt", "oversikt"),
    ("Budget och utfall", "budget"),
    ("Mål och resultat", "mal"),
    ("Teamkapacitet", "team"),
    ("Scenarier", "scenarier"),
    ("Länsjämförelse", "lan"),
    ("Mötesunderlag", "motesunderlag"),
    ("Datakvalitet", "datakvalitet"),
    ("Källdokument", "kallor"),
    ("Data", "data"),
]


def open_expander(page: Page, label: str) -> None:
    """Open the expander of ``label`` and wait for the run that draws what is inside."""
    page.get_by_test_id("stExpander").filter(has_text=label).locator("summary").click()
    with contextlib.suppress(AssertionError):
        expect(page.get_by_test_id("stApp")).to_have_attribute(
            "data-test-script-state", "running", timeout=2_000
        )
    wait_for_run(page)


def pick(page: Page, list_label: str, option: str | re.Pattern) -> None:
    """Choose ``option`` in the dropdown labelled ``list_label`` (in a box that was just
    opened): the list is opened again if a rerun still drawing the box closed it."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=list_label)
    expect(box).to_be_visible(timeout=30_000)
    choice = page.get_by_role("option", name=option).first
    for _ in range(5):
        # A rerun still on its way (a box's run starts late on a busy machine) closes the
        # list, even between finding the option and clicking it: then open it again.
        wait_for_run(page)
        box.click()
        try:
            expect(choice).to_be_visible(timeout=5_000)
            choice.click(timeout=5_000)
            return
        except (AssertionError, PlaywrightTimeout):
            page.keyboard.press("Escape")
    raise AssertionError(f"{option!r} could not be chosen in {list_label!r}")


def test_every_page_opens_through_the_navigation(app_url: str, page: Page) -> None:
    page.goto(app_url)
    wait_for_run(page)
    nav = page.get_by_test_id("stSidebarNav")
    links = nav.get_by_role("link")
    expect(links).to_have_count(len(PAGES))
    for label, slug in PAGES:
        nav.get_by_role("link", name=label, exact=True).click()
        wait_for_run(page)
        expect(page.get_by_role("heading", name=label, level=1)).to_be_visible()
        frames = page.get_by_test_id("stDataFrame")
        for frame in range(frames.count()):
            if frames.nth(frame).is_visible():  # tables in a closed expander are never drawn
                grid_text(page, frame)  # drawn before the screenshot
        assert_no_exception(page)
        screenshot(page, slug)


def test_a_deep_link_is_the_first_visit_after_a_restart(tmp_path, page: Page) -> None:
    # A wall screen bookmarked on a page must get this app's navigation, not Streamlit's
    # automatic one for a pages/ folder (which a fresh process used to serve first).
    with running_app(tmp_path) as url:
        page.goto(f"{url}/datakvalitet")
        wait_for_run(page)
        expect(page.get_by_role("heading", name="Datakvalitet", level=1)).to_be_visible()
        nav = page.get_by_test_id("stSidebarNav").get_by_role("link")
        expect(nav).to_have_count(len(PAGES))
        expect(nav.first).to_contain_text("Översikt")


def _table_rows(page: Page, first_cell: str) -> list[str]:
    """The rows, as read, of the page's static table whose first header cell is ``first_cell``."""
    table = page.locator("table.finsam-table").filter(has=page.locator("th", has_text=first_cell)).first
    expect(table.locator("tbody tr").first).to_be_attached(timeout=30_000)
    return [r.replace("\u00a0", " ") for r in table.locator("tr").all_inner_texts()]


def test_datakvalitet_lists_the_real_disagreements(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/datakvalitet")
    wait_for_run(page)
    expect(page.get_by_test_id("stMetric").first).to_contain_text("16 av 153")
    rows = _table_rows(page, "Post")
    assert len(rows) == 1 + 16  # header and the 16 disagreements
    # 000 section 7: Individinsatser budget 2022, printed 11 594 000, lines 11 444 000.
    assert any("Individinsatser" in r and "budget 2022" in r and "-150 000 kr" in r for r in rows)
    # The county against its kommuner (Regionfakta tables printing both): every check holds.
    expect(page.get_by_test_id("stMetric").nth(1)).to_contain_text("0 av ")
    assert_no_exception(page)


def test_oversikt_shows_the_delarsrapport_2025(app_url: str, page: Page) -> None:
    # 001 Delårsrapport januari–augusti 2025, section 6: medel från huvudmännen 18 958 000,
    # SUMMA årsbudget −2 028 622 and prognos −9 073.
    page.goto(app_url)
    wait_for_run(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Samordningsförbundet Västmanland").first).to_be_visible()
    metrics = main.get_by_test_id("stMetric")
    expect(metrics.filter(has_text="Medel från huvudmännen, budget 2025")).to_contain_text("18 958 000 kr")
    expect(metrics.filter(has_text="Resultat, budget 2025")).to_contain_text("-2 028 622 kr")
    expect(metrics.filter(has_text="Resultat, prognos 2025")).to_contain_text("-9 073 kr")
    expect(main.get_by_text(re.compile(r"Källa: .*Delårsrapport januari–augusti 2025")).first).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "oversikt-2025")


def test_budget_och_utfall_delarsrapport_2025(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/budget")
    wait_for_run(page)
    metrics = page.get_by_test_id("stMetric")
    # 001 section 6, SUMMA: prognos -9 073, avvikelse +2 019 549.
    expect(metrics.filter(has_text="Resultat, prognos 2025")).to_contain_text("-9 073 kr")
    expect(metrics.filter(has_text="Mot budget")).to_contain_text("+2 019 549 kr")
    vasteras = next(r for r in board_rows(page) if r.startswith("Samordningsteam Västerås"))
    # 001 section 6: budget -6 100 000, utfall -2 359 306, prognos -5 100 000, avvikelse +1 000 000.
    for printed in ("-6 100 000 kr", "-2 359 306 kr", "-5 100 000 kr", "+1 000 000 kr"):
        assert printed in vasteras
    # The deviation is coloured as clearly better, the heading of every column in full.
    deviation = page.locator("table#T_per-post tr", has_text="Samordningsteam Västerås").locator("td").nth(5)
    assert deviation.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(200, 230, 201)"
    expect(page.locator("table#T_per-post th", has_text="Utfall t.o.m. 31 augusti 2025")).to_be_visible()
    # Bars per post, the waterfall, the years, and the chosen insats over the years: drawn
    # when their expanders are opened, so that Plotly's code is loaded then (README: Performance).
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(0)
    for label in (
        "Kostnader per post och vägen till resultatet",
        "Diagram: över åren",
        "och se den över åren",  # "Välj en av N insatser och se den över åren"
    ):
        open_expander(page, label)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(4, timeout=30_000)
    # 004 section 7: 77/23 printed for 2024; for 2025 (001) the split is computed the same way.
    # 001 section 6, prognos: individinsatser 12 710 000 of 16 640 754 kr for insatser (76,4 %).
    expect(metrics.filter(has_text="Andel individinsatser, prognos 2025")).to_contain_text("76,4 %")
    expect(page.get_by_text("Sammanslagning 1 januari 2024")).to_be_visible()
    expect(page.get_by_text("Kostnader per post: budget, utfall och prognos 2025")).to_be_visible()
    # The table for the meeting papers, from its box: the CSV holds the same row as the screen.
    open_expander(page, "Ladda ner tabellen")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Ladda ner tabellen (CSV)").click()
    assert download.value.suggested_filename == "budget-och-utfall-2025.csv"
    # 001 section 6: Samordningsteam Västerås, budget -6 100 000 and prognos -5 100 000 kr.
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    row = next(
        r for r in csv.DictReader(io.StringIO(text), delimiter=";") if r["Post"] == "Samordningsteam Västerås"
    )
    assert (float(row["Budget 2025"]), float(row["Prognos 2025"])) == (-6_100_000, -5_100_000), row
    assert_no_exception(page)
    screenshot(page, "budget-2025")


def test_teamkapacitet_2024(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/team")
    wait_for_run(page)
    # The year is one click: a segment a year.
    page.get_by_role("radiogroup", name="År").get_by_role("radio", name="2024", exact=True).click()
    # Wait for what the choice changes, not for a state the rerun may not have entered yet:
    # FNS's 2024 budget (004 section 7: 1 525 000) in the team table.
    table = page.locator("table#team-svar")
    expect(table).to_contain_text(re.compile(r"1\s525\s000"), timeout=30_000)
    wait_for_run(page)
    rows = [r.replace("\u00a0", " ") for r in table.locator("tr").all_inner_texts()]
    fns = next(r for r in rows if r.startswith("Samordningsteam FNS"))
    # 004 section 6.1.1: 6,0 FTE for ca 50–55 concurrent participants.
    assert "6,0" in fns and "ca 50-55" in fns
    teamsamverkan = next(r for r in rows if r.startswith("Teamsamverkan Västra Mälardalen"))
    assert "saknas" in teamsamverkan
    # The figures the members ask for fit the screen: FNS's budget 2024 (004 section 7)
    # and its cost per place, 1 525 000 / 55 to 1 525 000 / 50.
    assert "27 700–30 500 kr" in fns
    for label in ("Diagram: årsarbetare per team och arbetsgivare", "Diagram: svarsgruppen 2020 mot 2021"):
        open_expander(page, label)
    expect(page.get_by_text("Bemanning per team och arbetsgivare")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Indikatorer för finansiell samordning: deltagare avslutade")).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "team-2024")


def test_lansjamforelse_2022(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/lan")
    wait_for_run(page)
    # The bars name the county's and the country's lines with their values (Regionfakta 2022,
    # kvinnor: riket 3,1 %); the table of every kommun is in its box.
    expect(page.locator("figure.finsam-bars")).to_contain_text("Streckad linje: Riket 3,1\u00a0%")
    open_expander(page, "Tabell: kommunernas plats")
    # It opens on a measure every kommun has a value for: no "–" among the kommuner.
    opening = _table_rows(page, "Plats")[1:11]
    assert len(opening) == 10 and not any("–" in r.split("\t")[0] for r in opening), opening
    # The measure shown names its box; opened, the list of every measure.
    open_expander(page, "Mått: Öppet arbetslösa")
    pick(page, "Välj mått", "Helårsekvivalenter, andel av befolkningen 20–64")
    # Wait for what the choice changes (004 section 4: the county 14,5 in 2022), not for a
    # table that both measures have.
    expect(page.locator("table.finsam-table").first).to_contain_text("14,5", timeout=30_000)
    wait_for_run(page)
    rows = _table_rows(page, "Plats")
    kommuner = {
        "Arboga",
        "Fagersta",
        "Hallstahammar",
        "Kungsör",
        "Köping",
        "Norberg",
        "Sala",
        "Skinnskatteberg",
        "Surahammar",
        "Västerås",
    }
    assert {k for k in kommuner if any(k in r for r in rows)} == kommuner
    # 004 section 4: Västmanland 14,5 and riket 11,9 (2022).
    assert any("Västmanlands län" in r and "14,5" in r for r in rows)
    assert any("Riket" in r and "11,9" in r for r in rows)
    # The map draws the ten kommuner, each named on it (the page's own HTML, README: Performance).
    the_map = page.locator("figure.finsam-map")
    for kommun in kommuner:
        expect(the_map.locator(".finsam-map-label", has_text=kommun)).to_be_visible(timeout=30_000)
    # The boundaries' provenance (shared/geo/README.md) under the map, without its commit id.
    expect(page.locator("p", has_text="Kommungränser: okfse/sweden-geojson (2020-06-07)")).to_be_visible()
    expect(page.get_by_text("ff67bcb")).to_have_count(0)
    assert_no_exception(page)
    screenshot(page, "lan-2022")


def test_scenarier_base_2025(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/scenarier")
    wait_for_run(page)
    answer = page.locator("table#scenario-svar")
    # Unchanged: the 2025 prognos result (001 section 6: -9 073) every year; eget kapital from
    # 004's 1 918 000 at the end of 2024: 1 908 927 - 9 073 = 1 899 854 at the end of 2026.
    expect(answer.locator("tr", has_text="Resultat")).to_contain_text("-9 073 kr")
    expect(answer.locator("tr", has_text="Eget kapital 31/12")).to_contain_text("1 899 854 kr")
    expect(page.get_by_text("Inga regler bryts under perioden.")).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "scenarier")


def test_scenarier_edits_count_while_their_editor_is_closed(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/scenarier")
    wait_for_run(page)
    result = page.locator("table#scenario-svar tr", has_text="Resultat")
    expect(result).to_contain_text("-9 073 kr")  # 001 section 6, as in test_scenarier_base_2025
    per_post = page.get_by_text("Per post: ändra kostnaden, avsluta poster eller lägg till insatser")
    per_post.click()  # the editors are drawn only while their expander is open
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid.locator("canvas").first).to_be_visible(timeout=30_000)
    wait_for_run(page)
    cell = page.locator("#portal input, #portal textarea")
    for _ in range(3):  # a grid still settling may miss the first click: as a person, try again
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        # Styrelse's Ändring kr: the first post, the last column (clicked, not reached by
        # arrow keys, which a grid still settling may drop)
        page.mouse.click(box["x"] + box["width"] - 30, box["y"] + 58)
        page.keyboard.press("1")  # typing opens the cell's editor
        try:
            cell.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    expect(cell).to_have_count(1)
    cell.fill("100000")
    cell.press("Enter")
    # 100 000 kr more for Styrelse each year: the result 2026 is 100 000 kr worse.
    expect(result).to_contain_text("-109 073 kr", timeout=30_000)
    per_post.click()  # closed, the edit still counts
    wait_for_run(page)
    expect(page.get_by_test_id("stDataFrame").filter(has_text="Kostnad 2025")).to_be_hidden()
    expect(result).to_contain_text("-109 073 kr")
    expect(page.get_by_text("Styrelse: +100 000 kr i kostnad per år", exact=False)).to_be_visible()
    per_post.click()  # opened again, the editor shows it
    wait_for_run(page)
    editor = page.get_by_test_id("stDataFrame").filter(has_text="Kostnad 2025")
    styrelse = editor.locator("table tr").filter(has_text="Styrelse")
    expect(styrelse).to_contain_text("100000", timeout=30_000)  # the grid's text for readers: raw
    expect(result).to_contain_text("-109 073 kr")
    assert_no_exception(page)


def test_presentation_mode_on_the_wall_screen(app_url: str, page: Page) -> None:
    # In from any page by the sidebar's link, to the app's own address with ?presentation=1.
    page.goto(f"{app_url}/budget")
    wait_for_run(page)
    page.get_by_test_id("stSidebar").get_by_role("link", name="Presentationsläge").click()
    expect(page).to_have_url(re.compile(r"/\?presentation=1$"))
    wait_for_run(page)
    expect(page.get_by_role("heading", name="Nyckeltal 2025", level=1)).to_be_visible()
    # No navigation on the wall; the förbund, the period and the source on every view.
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    expect(page.get_by_text("Samordningsförbundet Västmanland", exact=False).first).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="Resultat, prognos 2025")).to_contain_text(
        "-9 073 kr"
    )
    screenshot(page, "presentation-1")
    page.get_by_role("button", name="Nästa ▶").click()
    expect(page.get_by_role("heading", name="Resultat 2025", level=1)).to_be_visible(timeout=30_000)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"vy=2"))  # the URL counts as the screen does
    expect(page.get_by_text("Vy 2 av ", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(1)
    # A presenter's clicker: PageDown to the posts that deviate, with their comments.
    page.keyboard.press("PageDown")
    expect(page.get_by_role("heading", name=re.compile("Poster som avviker mest"), level=1)).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("Samordningsteam Västerås", exact=False).first).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("heading", name="Resultat 2025", level=1)).to_be_visible(timeout=30_000)
    # The run drawing the slide has finished: the last slide's source, also 001's, is gone.
    wait_for_run(page)
    expect(page.get_by_text("Källa: Delårsrapport januari–augusti 2025", exact=False)).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "presentation-2")


def test_printing_hides_the_navigation(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/budget")
    wait_for_run(page)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    # A chart is never split across printed pages.
    open_expander(page, "Kostnader per post och vägen till resultatet")
    chart = page.get_by_test_id("stPlotlyChart").first
    expect(chart.locator(".main-svg").first).to_be_attached(timeout=30_000)
    assert chart.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_an_editor_imports_a_month_and_the_board_sees_it_then_undoes_it(tmp_path, page: Page) -> None:
    # An app of its own: the import must not reach the other tests' figures.
    with running_app(tmp_path) as url:
        page.goto(f"{url}/data")
        wait_for_run(page)
        expect(page.get_by_text("Logga in som redaktör")).to_be_visible()
        page.get_by_label("Ditt namn (står i importloggen)").fill("Eva Ek")
        page.get_by_label("Lösenord").fill(EDITOR_PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        expect(page.get_by_text("Inloggad som redaktör: Eva Ek")).to_be_visible(timeout=30_000)
        source = tmp_path / "ekonomi-september.csv"
        source.write_bytes(import_files.csv_bytes())
        budget_upload(page).set_input_files(str(source))
        metrics = page.get_by_test_id("stMetric")
        expect(metrics.filter(has_text=re.compile("^Nya rader"))).to_contain_text("3", timeout=30_000)
        expect(metrics.filter(has_text=re.compile("^Ändrade rader"))).to_contain_text("1")
        rows = grid_text(page)
        # 001 section 6: Samordningsteam Västerås, prognos 2025, -5 100 000 now; the file's -5 000 000.
        changed = next(r for r in rows if r.startswith("ändrad"))
        assert "-5100000" in changed and "-5000000" in changed
        screenshot(page, "data-preview")
        page.get_by_role("button", name="Importera 4 nya och ändrade rader").click()
        expect(page.get_by_text("Import 1 sparad: 3 nya och 1 ersatta rader.")).to_be_visible(timeout=30_000)
        wait_for_run(page)  # the rerun after the import has drawn the log, not a stale page
        expect(page.get_by_text("Inga budgetrader har importerats ännu")).to_have_count(0)
        assert_no_exception(page)
        screenshot(page, "data-imported")

        # The board's page, in the same session: the September utfall, and the new post.
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Budget och utfall").click()
        wait_for_run(page)
        vasteras = next(r for r in board_rows(page) if r.startswith("Samordningsteam Västerås"))
        assert "-2 654 220 kr" in vasteras and "-5 000 000 kr" in vasteras
        expect(page.get_by_text("30 september 2025").first).to_be_visible()
        screenshot(page, "budget-after-import")

        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Data", exact=True).click()
        wait_for_run(page)
        page.get_by_text("Ja, ångra import 1").click()
        page.get_by_role("button", name="Ångra", exact=True).click()
        expect(page.get_by_text("Import 1 är ångrad")).to_be_visible(timeout=30_000)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Budget och utfall").click()
        wait_for_run(page)
        vasteras = next(r for r in board_rows(page) if r.startswith("Samordningsteam Västerås"))
        # 001 section 6 again: utfall -2 359 306 to 31 August, prognos -5 100 000.
        assert "-2 359 306 kr" in vasteras and "-5 100 000 kr" in vasteras
        assert_no_exception(page)


def test_the_chosen_forbund_and_year_follow_from_page_to_page(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/budget")
    wait_for_run(page)
    # Another förbund from the box that names the one shown, then a year: one click.
    open_expander(page, "Förbund: Samordningsförbundet Västmanland")
    pick(page, "Välj förbund", re.compile("^Samordningsförbundet Västerås"))
    expect(page.get_by_text("Förbund: Samordningsförbundet Västerås")).to_be_visible(timeout=30_000)
    wait_for_run(page)
    page.get_by_role("radiogroup", name="År").get_by_role("radio", name="2022", exact=True).click()
    expect(page.get_by_text("Samordningsförbundet Västerås, helår 2022.")).to_be_visible(timeout=30_000)
    wait_for_run(page)
    # Översikt shows the same förbund and year, without a choice made there.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Översikt").click()
    expect(page.get_by_role("heading", name="Nyckeltal 2022")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Förbund: Samordningsförbundet Västerås")).to_be_visible()
    checked = page.get_by_role("radiogroup", name="År").get_by_role("radio", checked=True)
    expect(checked).to_have_text("2022")
    assert_no_exception(page)
