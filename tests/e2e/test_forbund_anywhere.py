"""Issue 26 in the browser: a fresh install (``build --tom``) opens on Kom igång and leads to
Data; Samordningsförbundet Roslagen (Stockholms län), imported from the workbook written by
hand from its own published board reports, reads whole on every page and every slide at the
projector's 1280×720, in its own län."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboard.exchange import workbook
from dashboard.store import db, embedded
from tests.e2e.conftest import (
    SCREENSHOTS,
    assert_no_exception,
    chart_problems,
    cut_texts,
    full_screenshot,
    grid_problems,
    login_editor,
    running_app,
    screen_text,
    scrolled_away,
    settle,
    text_problems,
    wait_for_run,
)
from tests.e2e.test_meeting_room import exception_texts, fit_problems, report, shown_position

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "samordningsforbundet_roslagen_2022"
ROSLAGEN = "Samordningsförbundet Roslagen"
PROJECTOR = {"width": 1280, "height": 720}
PAGES = ["", "budget", "mal", "team", "scenarier", "lan", "motesunderlag", "datakvalitet", "kallor", "data"]


def _database(workdir: Path, with_roslagen: bool) -> None:
    """The app's database (``running_app`` names it e2e.duckdb): ``--tom``, and Roslagen's
    workbook imported as on the command line."""
    con = db.connect(workdir / "e2e.duckdb")
    embedded.build(con, db.DATA_DIR, empty=True)
    if with_roslagen:
        found, content = workbook.read_folder(FIXTURE)
        workbook.store(con, workbook.parse(con, found, FIXTURE.name, content), "Test", confirmed=True)
    con.close()


@pytest.fixture(scope="module")
def roslagen_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("roslagen")
    _database(workdir, with_roslagen=True)
    with running_app(workdir) as url:
        yield url


@pytest.fixture
def projector(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PROJECTOR, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def test_a_fresh_install_opens_on_kom_igang_and_a_forbund_is_created_on_data(
    tmp_path: Path, projector: Page
) -> None:
    _database(tmp_path, with_roslagen=False)
    with running_app(tmp_path) as url:
        projector.goto(url)
        expect(projector.get_by_role("heading", name="Inga förbund ännu")).to_be_visible(timeout=30_000)
        settle(projector)
        full_screenshot(projector, "forbund-anywhere/kom-igang-1280x720")
        projector.get_by_role("link", name="Till sidan Data: skapa ett förbund").click()
        expect(projector.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=30_000)
        settle(projector)
        assert_no_exception(projector)
        # The editor logs in and creates a förbund in Stockholms län, as a person does.
        login_editor(projector, url)
        expect(projector.get_by_role("heading", name="Nytt förbund")).to_be_visible()
        projector.get_by_test_id("stSelectbox").filter(has_text="Län").click()
        projector.get_by_role("option", name="Stockholms län").click()
        wait_for_run(projector)
        projector.get_by_label("Förbundets fullständiga namn").fill("Samordningsförbundet Provet")
        members = projector.get_by_test_id("stMultiSelect").filter(has_text="Medlemmar")
        for kommun in ("Norrtälje (0188)", "Täby (0160)"):
            members.locator("input").click()
            projector.keyboard.type(kommun.split()[0])  # the list filters as a person types
            projector.get_by_role("option", name=kommun).click()
        projector.keyboard.press("Escape")
        # Out of the list, as a person leaves it: the box shrinks to its chips, and the button
        # moves up to where the click then lands.
        projector.get_by_label("Förbundets fullständiga namn").click()
        expect(projector.get_by_role("option")).to_have_count(0)
        projector.get_by_role("button", name="Skapa förbundet").click()
        expect(projector.get_by_text("Förbundet Samordningsförbundet Provet är skapat")).to_be_visible(
            timeout=30_000
        )
        wait_for_run(projector)
        assert_no_exception(projector)
        expect(
            projector.get_by_role("button", name=re.compile("Arbetsbok för Samordningsförbundet Provet"))
        ).to_be_visible()
        full_screenshot(projector, "forbund-anywhere/nytt-forbund-skapat-1280x720")
        # Kom igång has done its work: the app now opens on Översikt, showing the new förbund.
        projector.goto(url)
        settle(projector)
        assert_no_exception(projector)
        expect(projector.get_by_text("Samordningsförbundet Provet").first).to_be_visible()


@pytest.mark.parametrize("path", PAGES, ids=[p or "oversikt" for p in PAGES])
def test_roslagen_reads_whole_at_the_projector(roslagen_url: str, projector: Page, path: str) -> None:
    projector.goto(f"{roslagen_url}/{path}")
    settle(projector)
    where = f"Roslagen, /{path} at 1280x720"
    found = exception_texts(projector)
    found += (
        cut_texts(projector) + scrolled_away(projector) + grid_problems(projector) + chart_problems(projector)
    )
    text = screen_text(projector)
    found += text_problems(text)
    full_screenshot(projector, f"forbund-anywhere/roslagen-{path or 'oversikt'}-1280x720")
    if path in ("", "budget", "mal", "team", "scenarier", "motesunderlag") and ROSLAGEN not in text:
        found.append(f"{ROSLAGEN} is not on the page")
    if path == "lan" and "Län: Stockholms län" not in text:
        found.append("Länsjämförelse does not open on Stockholms län")
    report(where, found)


def test_roslagen_on_the_wall(roslagen_url: str, projector: Page) -> None:
    projector.goto(f"{roslagen_url}/?presentation=1")
    settle(projector)
    position = shown_position(projector)
    assert position is not None, exception_texts(projector)
    count = position[1]
    SCREENSHOTS.joinpath("forbund-anywhere").mkdir(parents=True, exist_ok=True)
    found: list[str] = []
    for view in range(1, count + 1):
        projector.goto(f"{roslagen_url}/?presentation=1&vy={view}")
        settle(projector)
        expect(projector.get_by_test_id("stMain")).to_contain_text(f"Vy {view} av {count}")
        text = screen_text(projector)
        found += [f"vy {view}: {f}" for f in exception_texts(projector) + fit_problems(projector)]
        found += [f"vy {view}: {f}" for f in cut_texts(projector) + text_problems(text)]
        if ROSLAGEN not in text:
            found.append(f"vy {view}: {ROSLAGEN} is not on the slide")
        if re.search(r"Västmanland", text):
            found.append(f"vy {view}: Västmanland on a slide of a förbund in Stockholms län")
        projector.screenshot(path=str(SCREENSHOTS / "forbund-anywhere" / f"roslagen-vy{view}-1280x720.png"))
    report("Roslagen's presentation at 1280x720", found)
