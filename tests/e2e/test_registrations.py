"""Issue 27 in a real browser at the projector's 1280×720: an editor imports a generated
registration list for Västmanland's teams on Data (preview, import, log); Teamkapacitet shows
the teams' latest month and their participants per kommun whole on screen, every count the
independent oracle (``tests.registration_lists``) puts at 1–4 written "<5", and the month by
month chart; a file with a personnummer is refused naming its column, the value shown nowhere
and the file dropped; the wall gets its slide "Beläggning per team, …" for the period the
registrations reach. Screenshots: test-artifacts/screenshots/registrations/."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from tests import registration_lists as lists
from tests.e2e.conftest import (
    SCREENSHOTS,
    chart_problems,
    cut_texts,
    full_screenshot,
    login_editor,
    running_app,
    screen_text,
    scrolled_away,
    settle,
    text_problems,
    wait_for_run,
)
from tests.e2e.test_meeting_room import exception_texts, fit_problems, report, shown_position

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PROJECTOR = {"width": 1280, "height": 720}
FORBUND = "Samordningsförbundet Västmanland"
FRAN, TILL = dt.date(2025, 1, 1), dt.date(2025, 12, 31)  # the wall's latest period ends 2025-12-31
YEAR = TILL.year
MONTH_TEXT = "december 2025"
FILE_NAME = "registreringar-2025.csv"
# Västmanland's embedded insatser (data/insatser.csv), written by name and (FNS) by id; the
# name each has on the pages.
SALA = lists.Insats("samordningsteam-sala", "Samordningsteam Sala", ("1981",))
FNS = lists.Insats("samordningsteam-fns", "samordningsteam-fns", ("1982", "1962", "1904"))
HALLSTAHAMMAR = lists.Insats("samordningsteam-hallstahammar", "Samordningsteam Hallstahammar", ("1961",))
SURAHAMMAR = lists.Insats("samordningsteam-surahammar", "Samordningsteam Surahammar", ("1907",))
NAMES = {
    "Samordningsteam Sala": SALA.insats_id,
    "Samordningsteam FNS": FNS.insats_id,
    "Samordningsteam Hallstahammar": HALLSTAHAMMAR.insats_id,
    "Samordningsteam Surahammar": SURAHAMMAR.insats_id,
}


def _rows() -> list[lists.Row]:
    """Three teams of about 45 participations and a small one (Surahammar: a handful, so its
    counts are 1–4), and one start on the period's last day, so that the file reaches
    2025-12-31 and December is a whole month of it."""
    rows = lists.generate((SALA, FNS, HALLSTAHAMMAR), seed=27, fran=FRAN, till=TILL, per_insats=40)
    rows += lists.generate((SURAHAMMAR,), seed=28, fran=FRAN, till=TILL, per_insats=2)
    rows.append(lists.Row("Samordningsteam Sala", SALA.insats_id, "T9001", "K", 1990, "1981", TILL))
    return rows


ROWS = _rows()
REACH = lists.reach([lists.Import(tuple(ROWS), FRAN, TILL)])
MONTHS = lists.months(ROWS, REACH)
RESIDENTS = lists.residents(ROWS, YEAR, REACH)
# The latest month's counts per insats, by the columns of the page's table.
FLOW_COLUMNS = {
    "Aktiva": "aktiva",
    "Började": "startade",
    "Avslutade": "avslutade",
    "Till arbete, studier": "till_arbete_studier",
}


def _kommun_names() -> dict[str, str]:
    with open(REPO / "data" / "kommuner.csv", encoding="utf-8") as f:
        return {r["kommunkod"]: r["kommun"] for r in csv.DictReader(f)}


# ------------------------------------------------------------------ personnummer


def _luhn_digit(nine: str) -> str:
    total = 0
    for i, char in enumerate(nine):
        product = int(char) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def _personnummer(born: dt.date, serial: str) -> str:
    """ÅÅÅÅMMDD-NNNK with a valid check digit K."""
    short = f"{born:%y%m%d}{serial}"
    return f"{born:%Y%m%d}-{serial}{_luhn_digit(short)}"


PERSONNUMMER = _personnummer(dt.date(1987, 4, 12), "989")  # 980–999: Skatteverket's test serials


# ------------------------------------------------------------------ the browser


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """One app for the module, on a scratch database; its URL and its working folder."""
    workdir = tmp_path_factory.mktemp("registrations")
    with running_app(workdir) as url:
        yield url, workdir


@pytest.fixture
def projector(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PROJECTOR, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def shot(page: Page, name: str) -> None:
    """What is on the screen now (1280×720), under registrations/."""
    folder = SCREENSHOTS / "registrations"
    folder.mkdir(parents=True, exist_ok=True)
    # as a person sees it: a main area scrolled sideways (to bring a wide table into view) back
    page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollLeft = 0")
    page.screenshot(path=str(folder / f"{name}.png"))


def registration_upload(page: Page):
    """The registration import's file field on Data, once the page's run is over (the page
    has several imports: a field taken while it is drawn may be another's)."""
    wait_for_run(page)
    field = page.get_by_test_id("stFileUploader").filter(has_text="Fil med registreringar")
    return field


_TABLE_ROWS_JS = """
(table) => [...table.rows].map(r => [...r.cells].map(c => c.innerText.replace(/\\s+/g, ' ').trim()))
"""


def table_rows(page: Page, selector: str) -> list[list[str]]:
    """The rows of an HTML table as a person reads them (no-break spaces as spaces)."""
    table = page.locator(selector).first
    expect(table).to_be_visible(timeout=30_000)
    return table.evaluate(_TABLE_ROWS_JS)


_TABLE_WHOLE_JS = """
(table) => {
  const found = [];
  const id = table.id ? `table#${table.id}` : 'table';
  const main = document.querySelector('[data-testid=stMain]');
  const r = table.getBoundingClientRect();
  for (let a = table.parentElement; a && a !== main.parentElement; a = a.parentElement) {
    const s = getComputedStyle(a);
    const box = a.getBoundingClientRect();
    if (!['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) continue;
    if (r.right <= box.right + 1 && r.left >= box.left - 1) continue;
    const beyond = [...table.querySelectorAll('thead th')]
      .filter(th => th.getBoundingClientRect().right > box.right + 1)
      .map(th => '"' + th.innerText.replace(/\\s+/g, ' ').trim() + '"');
    const how = ['auto', 'scroll'].includes(s.overflowX) ? 'behind a sideways scroll' : 'cut off';
    const where = a === main ? 'the main area' : a.tagName.toLowerCase();
    found.push(`${id} is ${Math.round(r.width)} px wide, ${Math.round(r.right - box.right)} px of it ` +
               `beyond ${where} (${Math.round(box.width)} px, ${how}); columns there: ${beyond.join(', ')}`);
  }
  // beyond the screen without a container that scrolls or clips it (those are said above)
  if (!found.length && (r.left < -1 || r.right > window.innerWidth + 1))
    found.push(`${id} lies at ${Math.round(r.left)}–${Math.round(r.right)} px ` +
               `in a ${window.innerWidth} px screen`);
  for (const c of table.querySelectorAll('th, td')) {
    const text = c.innerText.replace(/\\s+/g, ' ').trim();
    if (!text) continue;
    const b = c.getBoundingClientRect();
    if (c.scrollWidth > c.clientWidth + 1 || b.right > r.right + 1)
      found.push(`${id}: cell "${text.slice(0, 60)}" is cut ` +
                 `(${c.scrollWidth} px of text in ${c.clientWidth} px)`);
    const range = document.createRange();
    range.selectNodeContents(c);
    for (const line of range.getClientRects())
      if (line.width && (line.right > b.right + 1 || line.left < b.left - 1)) {
        found.push(`${id}: the text of cell "${text.slice(0, 60)}" runs out of the cell`);
        break;
      }
  }
  return found;
}
"""


def table_whole(page: Page, selector: str) -> list[str]:
    """An HTML table whole on screen: within the screen's width, no container scrolling or
    clipping it sideways, no cell whose text is cut or runs out of it."""
    return page.locator(selector).first.evaluate(_TABLE_WHOLE_JS)


def count_problems(where: str, shown: str, expected: int) -> list[str]:
    """A count as a viewer must see it: 1–4 as "<5", any other as itself or "dolt" (hidden
    beside a small one); never the small number itself."""
    if 1 <= expected <= 4:
        return [] if shown == "<5" else [f'{where}: the oracle counts {expected}, the page shows "{shown}"']
    if shown in (str(expected), "dolt"):
        return []
    return [f'{where}: the oracle counts {expected}, the page shows "{shown}"']


def latest_month_problems(rows: list[list[str]], where: str, month_column: bool) -> tuple[list[str], int]:
    """The table of the latest month (Teamkapacitet's, or the wall's) against the oracle's
    December: every team there, its counts protected; shares and medians of fewer than 5
    ended not shown. Returns the findings and how many cells the oracle puts at 1–4."""
    header, body = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(header)}
    found, small = [], 0
    missing = [c for c in ["Insats", *FLOW_COLUMNS] if c not in col]
    if missing:
        return [f"{where}: no column {', '.join(missing)} (headings: {header})"], 0
    seen = set()
    for row in body:
        if len(row) != len(header) or row[col["Insats"]] not in NAMES:
            continue
        name = row[col["Insats"]]
        seen.add(name)
        month = MONTHS[(NAMES[name], TILL)]
        if month_column and "Månad" in col and row[col["Månad"]] != MONTH_TEXT:
            found.append(f'{where}, {name}: the month reads "{row[col["Månad"]]}", not {MONTH_TEXT}')
        for column, attribute in FLOW_COLUMNS.items():
            expected = getattr(month, attribute)
            small += 1 <= expected <= 4
            cell = row[col[column]]
            if column == "Till arbete, studier":
                if "%" in cell and month.avslutade < 5:
                    found.append(f'{where}, {name}: a share of {month.avslutade} ended is shown ("{cell}")')
                cell = cell.split(" (")[0]
            found += count_problems(f"{where}, {name}, {column}", cell, expected)
        if "Median dagar" in col and month.avslutade < 5:
            median = row[col["Median dagar"]]
            if median != "–":
                found.append(f'{where}, {name}: a median of {month.avslutade} ended is shown ("{median}")')
    if seen != set(NAMES):
        found.append(f"{where}: teams missing from the table: {sorted(set(NAMES) - seen)}")
    return found, small


def residents_problems(rows: list[list[str]]) -> tuple[list[str], int]:
    """Participants per kommun of the län and team against the oracle, with the teams' sums
    over the län (the row Totalt i länet)."""
    kommun = _kommun_names()
    header, body = rows[0], rows[1:]
    teams = header[1:]
    found, small = [], 0
    unknown = [t for t in teams if t not in NAMES]
    if unknown or header[0] != "Kommun":
        return [f"table#team-kommuner: unexpected headings {header}"], 0
    codes = {name: code for code, name in kommun.items() if code.startswith("19")}
    expected_total_row = dict.fromkeys(teams, 0)
    kommuner_seen = set()
    for row in body:
        if row[0] == "Totalt i länet":
            continue
        kommuner_seen.add(row[0])
        code = codes.get(row[0])
        if code is None:
            found.append(f'table#team-kommuner: kommun "{row[0]}" is not in Västmanland')
            continue
        for team, cell in zip(teams, row[1:], strict=True):
            expected = RESIDENTS.get((NAMES[team], code), 0)
            expected_total_row[team] += expected
            small += 1 <= expected <= 4
            found += count_problems(f"table#team-kommuner, {row[0]}, {team}", cell, expected)
    wanted = {kommun[c] for (_, c), n in RESIDENTS.items() if n > 0 and c.startswith("19")}
    if kommuner_seen != wanted:
        found.append(f"table#team-kommuner: kommuner {sorted(kommuner_seen)}, the oracle's {sorted(wanted)}")
    totals = [r for r in body if r[0] == "Totalt i länet"]
    if not totals:
        found.append("table#team-kommuner: no row Totalt i länet")
    else:
        for column, cell in zip(teams, totals[0][1:], strict=True):
            found += count_problems(
                f"table#team-kommuner, Totalt i länet, {column}", cell, expected_total_row[column]
            )
    return found, small


def open_lazy_expander(page: Page, label: str):
    """Open an expander drawn when opened (ui.lazy_expander): wait for the run the click
    starts (it may be over already), then for what it drew."""
    box = page.get_by_test_id("stExpander").filter(has_text=label)
    box.locator("summary").click()
    with contextlib.suppress(AssertionError):
        expect(page.get_by_test_id("stApp")).to_have_attribute(
            "data-test-script-state", "running", timeout=2_000
        )
    settle(page)
    return box


def wall_url(url: str, view: int | None = None) -> str:
    where = f"{url}/?presentation=1&forbund={quote(FORBUND)}&period={TILL.isoformat()}"
    return where + (f"&vy={view}" if view else "")


def slide_count(page: Page, url: str) -> int:
    page.goto(wall_url(url))
    settle(page)
    position = shown_position(page)
    assert position is not None, exception_texts(page)
    return position[1]


# ------------------------------------------------------------------ the tests


def test_registrations_imported_and_shown_on_team_capacity_and_the_wall(
    app: tuple[str, Path], projector: Page, tmp_path: Path
) -> None:
    url, _ = app
    page = projector
    slides_before = slide_count(page, url)

    # 1. Data: the editor uploads the list (no column Förbund: the förbund chosen in the box),
    # sees the preview with raw counts, imports it and sees the log.
    login_editor(page, url)
    field = registration_upload(page)
    field.scroll_into_view_if_needed()
    page.get_by_test_id("stSelectbox").filter(has_text="Förbund (om filen saknar kolumnen Förbund)").click()
    page.get_by_role("option", name=FORBUND, exact=True).click()
    wait_for_run(page)
    path = tmp_path / FILE_NAME
    path.write_bytes(lists.csv_bytes(ROWS))
    registration_upload(page).get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    preview = page.locator("table#registreringar-preview")
    expect(preview).to_be_visible(timeout=30_000)
    wait_for_run(page)
    data: list[str] = exception_texts(page)
    found = data
    period = "1 januari 2025–31 december 2025"
    expect(page.get_by_text(f"{len(ROWS)} deltaganden för perioden {period}")).to_be_visible()
    rows = table_rows(page, "table#registreringar-preview")
    col = {h: i for i, h in enumerate(rows[0])}
    previewed = {r[col["Insats"]]: r for r in rows[1:] if len(r) == len(rows[0])}
    for name, insats_id in NAMES.items():
        row = previewed.get(name)
        if row is None:
            found.append(f"preview: no row for {name} ({list(previewed)})")
            continue
        own = sum(r.insats_id == insats_id for r in ROWS)
        if row[col["Rader"]] != str(own):
            found.append(f"preview, {name}: {row[col['Rader']]} rows, the file has {own}")
        active = MONTHS[(insats_id, TILL)].aktiva  # raw, for the editor: no "<5" here
        if row[col["Aktiva vid slutet"]] != str(active):
            found.append(f"preview, {name}: {row[col['Aktiva vid slutet']]} active, the oracle {active}")
    found += table_whole(page, "table#registreringar-preview")
    preview.scroll_into_view_if_needed()
    shot(page, "data-preview-1280x720")
    button = page.get_by_role("button", name=f"Importera {len(ROWS)} registreringar")
    expect(button).to_be_visible()
    button.click()
    expect(page.get_by_text(f"registreringar ur {FILE_NAME}.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile(rf"Import \d+ sparad: {len(ROWS)} registreringar ur"))).to_be_visible()
    wait_for_run(page)
    log = page.locator("table#registreringar-logg")
    expect(log).to_be_visible(timeout=30_000)
    expect(log).to_contain_text(FILE_NAME)
    expect(log).to_contain_text("Eva Ek")
    expect(page.locator("table#registreringar-preview")).to_have_count(0)  # the uploader starts over
    found += exception_texts(page) + table_whole(page, "table#registreringar-logg")
    log.scroll_into_view_if_needed()
    shot(page, "data-imported-log-1280x720")

    # 2. Teamkapacitet for 2025: the latest month per team and the participants per kommun,
    # whole on screen, small counts as "<5"; the month by month chart.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Teamkapacitet").click()
    any_year = page.get_by_role("heading", name=re.compile(r"^Beläggning och flöden \d{4} enligt"))
    expect(any_year).to_be_visible(timeout=30_000)
    wait_for_run(page)
    if str(YEAR) not in any_year.inner_text():  # the session's year is another: the year's segment
        year = page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").first
        year.get_by_role("button", name=str(YEAR), exact=True).click()
    heading = page.get_by_role("heading", name=f"Beläggning och flöden {YEAR} enligt teamens registreringar")
    expect(heading).to_be_visible(timeout=30_000)
    settle(page)
    team: list[str] = exception_texts(page)
    found = team
    expect(page.get_by_text(f"Månaden som visas: {MONTH_TEXT}.")).to_be_visible()
    latest = table_rows(page, "table#team-registreringar")
    more, small_latest = latest_month_problems(latest, "table#team-registreringar", month_column=True)
    found += more
    residents = table_rows(page, "table#team-kommuner")
    more, small_residents = residents_problems(residents)
    found += more
    assert small_latest and small_residents, "the generated list must give counts of 1–4 in both tables"
    for table in ("table#team-registreringar", "table#team-kommuner"):
        found += table_whole(page, table)
    found += cut_texts(page) + scrolled_away(page)
    text = screen_text(page)
    found += text_problems(text)
    if not re.search(
        r"Källa: teamens registreringar av deltagare, i importloggen på sidan Data \(import \d+", text
    ):
        found.append("the registrations' figures do not name their import as their source")
    heading.scroll_into_view_if_needed()
    shot(page, "team-registreringar-1280x720")
    page.locator("table#team-kommuner").scroll_into_view_if_needed()
    shot(page, "team-kommuner-1280x720")

    box = open_lazy_expander(page, "Diagram: aktiva deltagare månad för månad mot planerade platser")
    chart = box.get_by_test_id("stPlotlyChart")
    expect(chart.locator(".main-svg").first).to_be_attached(timeout=30_000)
    # The small team: every month's bar label protected as the oracle says.
    box.get_by_test_id("stSelectbox").filter(has_text="Team").click()
    page.get_by_role("option", name="Samordningsteam Surahammar", exact=True).click()
    wait_for_run(page)
    settle(page)
    expect(chart.locator(".gtitle")).to_contain_text("Surahammar", timeout=30_000)
    labels = chart.locator(".bartext").all_text_contents()
    expected = [MONTHS[(SURAHAMMAR.insats_id, end)].aktiva for end in lists.month_ends(FRAN, TILL)]
    if len(labels) != len(expected):
        found.append(f"chart: {len(labels)} bar labels ({labels}), the oracle has {len(expected)} months")
    else:
        for end, label, count in zip(lists.month_ends(FRAN, TILL), labels, expected, strict=True):
            found += count_problems(f"chart, Surahammar, {end:%Y-%m}", label.strip(), count)
    found += exception_texts(page) + chart_problems(page)
    chart.scroll_into_view_if_needed()
    shot(page, "team-diagram-1280x720")
    full_screenshot(page, "registrations/team-hela-sidan-1280x720")

    # 4. The wall: the period 2025-12-31 gets the slide "Beläggning per team, december 2025".
    count = slide_count(page, url)
    wall: list[str] = []
    found = wall
    if count != slides_before + 1:
        found.append(f"the wall has {count} slides after the import, {slides_before} before")
    titled = None
    for view in range(1, count + 1):
        page.goto(wall_url(url, view))
        settle(page)
        expect(page.get_by_test_id("stMain")).to_contain_text(f"Vy {view} av {count}", timeout=30_000)
        title = " ".join(page.get_by_test_id("stMain").locator("h1").first.inner_text().split())
        if title.startswith("Beläggning per team"):
            titled = (view, title)
            break
    assert titled is not None, f"no slide titled Beläggning per team among the {count} at period {TILL}"
    view, title = titled
    if title != f"Beläggning per team, {MONTH_TEXT}":
        found.append(f'the slide is titled "{title}"')
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text(FORBUND)
    expect(main).to_contain_text("<5: 1–4 deltagare.")
    more, _ = latest_month_problems(
        table_rows(page, "[data-testid=stMain] table"), "the slide's table", False
    )
    found += more
    found += exception_texts(page) + fit_problems(page) + cut_texts(page) + scrolled_away(page)
    found += table_whole(page, "[data-testid=stMain] table")
    text = screen_text(page)
    found += text_problems(text)
    if "teamens registreringar av deltagare, i importloggen på sidan Data (import " not in text:
        found.append("the slide does not name the import as its source")
    if re.search(r"Källa:\s*Källa:", text):
        found.append('the source reads "Källa: Källa: …" (the word twice)')
    shot(page, f"vagg-vy{view}-belaggning-1280x720")
    # Every finding of the three screens in one message: a table too wide on one hides nothing
    # on the next.
    report(
        "registrations at 1280x720",
        [f"Data: {f}" for f in data]
        + [f"Teamkapacitet {YEAR}: {f}" for f in team]
        + [f"the wall, Vy {view} av {count}: {f}" for f in wall],
    )


def test_a_personnummer_in_an_extra_column_refuses_the_file(
    app: tuple[str, Path], projector: Page, tmp_path: Path
) -> None:
    url, workdir = app
    page = projector
    login_editor(page, url)
    # The list with a column Anteckning, empty but for one row holding a valid personnummer.
    name = "deltagare-med-anteckning.csv"
    listed_rows = lists.with_forbund(ROWS[:12], FORBUND)
    lines = (
        lists.csv_bytes(listed_rows, with_forbund=True, extra={"Anteckning": ""}).decode("utf-8").split("\n")
    )
    lines[5] += PERSONNUMMER
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    registration_upload(page).get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    refusal = page.get_by_text(f"{name} tas inte emot: filen verkar innehålla personuppgifter")
    expect(refusal).to_be_visible(timeout=30_000)
    wait_for_run(page)
    settle(page)
    found = exception_texts(page)
    expect(refusal).to_contain_text("Inget av den har sparats, loggats eller visats.")
    problems = page.get_by_test_id("stDataFrame").filter(has_text="Problem")
    expect(problems.locator("table tr").nth(1)).to_be_attached(timeout=30_000)
    listed = " ".join(problems.first.locator("table tr").all_inner_texts())
    if "kolumn ”Anteckning”" not in listed or "värdet visas inte" not in listed:
        found.append(f"the refusal does not name the column Anteckning: {listed[:300]}")
    if "rad 6" not in listed:
        found.append(f"the refusal does not name the row (rad 6): {listed[:300]}")
    # The uploader no longer holds the file, and nothing was previewed.
    field = registration_upload(page)
    expect(field.get_by_test_id("stFileUploaderFile")).to_have_count(0)
    expect(field).not_to_contain_text(name)
    expect(page.locator("table#registreringar-preview")).to_have_count(0)
    # The value nowhere: not on screen, not in the page's HTML, not in the server's log.
    digits = PERSONNUMMER.replace("-", "")
    text, html = screen_text(page), page.content()
    for value in {PERSONNUMMER, digits, digits[2:], f"{digits[2:8]}-{digits[8:]}"}:
        if value in text:
            found.append(f"the personnummer ({value}) is in the page's text")
        if value in html:
            found.append(f"the personnummer ({value}) is in the page's HTML")
    wait_for_run(page)
    server_log = "\n".join(p.read_text(encoding="utf-8") for p in workdir.glob("streamlit-*.log"))
    if digits[2:] in server_log or PERSONNUMMER in server_log:
        found.append("the personnummer is in the server's log")
    refusal.scroll_into_view_if_needed()
    shot(page, "data-personnummer-avvisad-1280x720")
    field.scroll_into_view_if_needed()
    shot(page, "data-personnummer-uppladdning-tom-1280x720")
    report("Data, a file with a personnummer, at 1280x720", found)
