"""Browser harness: a real ``streamlit run app.py`` on a free port with a scratch database,
driven by Debian's Chromium through Playwright. Screenshots go to test-artifacts/."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

import bench

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
# Debian's Chromium and its flags, one list for the tests, the load test and the benchmark.
CHROMIUM, CHROMIUM_ARGS = bench.CHROMIUM, bench.CHROMIUM_ARGS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> bool:
    """Wait until ``url`` answers Streamlit's health check (directly or through a proxy);
    False if ``proc`` ends or the time runs out first."""
    deadline = time.monotonic() + seconds
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


# The editors' password of the test apps; its hash goes into a secrets file of the test's own.
EDITOR_PASSWORD = "provlösenord för test"


@contextlib.contextmanager
def running_app(
    workdir: Path, port: int | None = None, env: dict[str, str] | None = None, secrets: str | None = None
) -> Iterator[str]:
    """Run ``streamlit run app.py`` on localhost (``port``, or a free one) with a scratch
    database and a secrets file in ``workdir`` (``secrets``, by default the editors' shared
    password hash) and ``env`` added to the environment; yield its URL once
    ``/_stcore/health`` answers. The server's log is ``workdir/streamlit-PORT.log``."""
    from dashboard.view import passwords

    port = port or _free_port()
    env = {**os.environ, "FINSAM_DB": str(workdir / "e2e.duckdb"), **(env or {})}
    secrets_file = workdir / "secrets.toml"
    secrets_file.write_text(
        secrets or f'[editors]\npassword_hash = "{passwords.hash_password(EDITOR_PASSWORD)}"\n',
        encoding="utf-8",
    )
    log = open(workdir / f"streamlit-{port}.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--secrets.files",
            str(secrets_file),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        if not healthy(url, proc):
            log.seek(0)
            pytest.fail(f"Streamlit did not start:\n{log.read()}")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One app for the whole session."""
    with running_app(tmp_path_factory.mktemp("app")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # A projector-sized screen.
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def wait_for_run(page: Page) -> None:
    """Wait until the app is connected and its script has finished, not for a guessed time."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=30_000)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=30_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)


def login_editor(page: Page, url: str) -> None:
    """Open Data and log in as the editor Eva Ek; returns when the page says so."""
    page.goto(f"{url}/data")
    wait_for_run(page)
    page.get_by_label("Ditt namn (står i importloggen)").fill("Eva Ek")
    page.get_by_label("Lösenord").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_text("Inloggad som redaktör: Eva Ek")).to_be_visible(timeout=30_000)


def budget_upload(page: Page):
    """The budget import's file field on Data, once the run that drew the page (after a login)
    has finished: the Data page has four imports, and a field taken while the page is still
    being drawn may be another import's (CI once put the budget file in the statistics')."""
    wait_for_run(page)
    field = page.get_by_test_id("stFileUploader").filter(has_text="Fil från ekonomisystemet")
    return field.get_by_test_id("stFileUploaderDropzoneInput")


def assert_no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def grid_text(page: Page, index: int = 0) -> list[str]:
    """The rows of a st.dataframe as text, from the table the grid keeps for screen readers
    (the grid itself is drawn on a canvas). Waits until the grid is drawn."""
    frame = page.get_by_test_id("stDataFrame").nth(index)
    expect(frame.locator("canvas").first).to_be_visible(timeout=30_000)
    expect(frame.locator("table tr").nth(1)).to_be_attached(timeout=30_000)
    return frame.locator("table tr").all_inner_texts()


def board_rows(page: Page) -> list[str]:
    """The rows of the board's table on Budget och utfall as a person reads them (an HTML
    table; no-break spaces read as spaces). Waits until the table is drawn."""
    rows = page.locator("table#T_per-post tr")
    expect(rows.nth(1)).to_be_attached(timeout=30_000)
    return [r.replace("\u00a0", " ") for r in rows.all_inner_texts()]


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# ------------------------------------------------------------------ what a person sees
# Measurements of a drawn page for the meeting-room audit (tests/e2e/test_meeting_room.py),
# usable by any browser test: each returns findings, one readable line each.

_NEXT_FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def settle(page: Page) -> None:
    """Wait until the run is over and what it drew is drawn: web fonts, every visible Plotly
    chart, every visible st.dataframe grid (an empty grid is not waited for), transitions
    (an expander opening) at their end."""
    wait_for_run(page)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    charts = page.get_by_test_id("stPlotlyChart")
    for i in range(charts.count()):
        if charts.nth(i).is_visible():
            expect(charts.nth(i).locator(".main-svg").first).to_be_attached(timeout=30_000)
    frames = page.get_by_test_id("stDataFrame")
    for i in range(frames.count()):
        frame = frames.nth(i)
        if frame.is_visible():
            expect(frame.locator("canvas").first).to_be_visible(timeout=30_000)
            with contextlib.suppress(AssertionError):
                expect(frame.locator("table tr").first).to_be_attached(timeout=5_000)
    # At most a few seconds: an animation whose element a rerun replaced may never settle
    # (a lazy expander redrawn while it opens), and nothing is left to wait for then.
    page.evaluate(
        """() => Promise.race([
             Promise.all(document.getAnimations()
               .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
               .map(a => a.finished.catch(() => null))),
             new Promise(resolve => setTimeout(resolve, 3000))])"""
    )
    # two frames, so that layout done after the last message (Plotly's, the grid's) is in
    page.evaluate(_NEXT_FRAMES_JS)


def full_screenshot(page: Page, name: str) -> Path:
    """The whole page as a person scrolls through it. Streamlit scrolls inside stMain, so a
    full-page screenshot shows only the viewport: the viewport is made as tall as the page
    for the picture (at most 16 000 px) and set back afterwards. ``name`` may hold folders."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    assert size is not None
    height = page.evaluate(
        "() => Math.max(document.querySelector('[data-testid=stMain]')?.scrollHeight || 0,"
        " document.documentElement.scrollHeight)"
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 16_000)})
    page.evaluate(_NEXT_FRAMES_JS)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    page.evaluate(_NEXT_FRAMES_JS)
    return path


# What is read for cut text: (what a developer calls it, CSS selector).
CUT_TEXT_SELECTORS = [
    ("metric value", "[data-testid=stMetricValue]"),
    ("metric label", "[data-testid=stMetricLabel]"),
    ("metric delta", "[data-testid=stMetricDelta]"),
    ("heading", "h1, h2, h3, h4, h5, h6"),
    ("table cell", "table th, table td"),
    ("button", "button"),
    ("select value", "[data-baseweb=select]"),
    ("chosen item", "[data-baseweb=tag]"),
    ("toggle/checkbox/radio label", "[data-testid=stCheckbox] label, [data-testid=stRadio] label"),
    ("widget label", "[data-testid=stWidgetLabel]"),
    ("tab", "[data-baseweb=tab]"),
    ("expander title", "[data-testid=stExpander] summary"),
    ("navigation link", "[data-testid=stSidebarNav] a"),
]

_CUT_TEXTS_JS = """
(selectors) => {
  const found = [];
  const seen = new Set();
  const shown = e => {
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const clipsX = s => ['hidden', 'clip'].includes(s.overflowX);
  const clipsY = s => ['hidden', 'clip'].includes(s.overflowY);
  const scrolls = s => ['auto', 'scroll'].includes(s.overflowX) || ['auto', 'scroll'].includes(s.overflowY);
  // the boxes of the lines of text inside e, as laid out (an ellipsis does not change them)
  const lines = e => {
    const r = document.createRange();
    r.selectNodeContents(e);
    return [...r.getClientRects()].filter(b => b.width > 0 && b.height > 0);
  };
  const px = v => Math.round(v);
  for (const [kind, selector] of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      const text = (el.innerText || '').trim().replace(/\\s+/g, ' ');
      if (!text || seen.has(el) || !shown(el)) continue;
      // the accessibility table st.dataframe keeps behind its canvas is not what a person sees
      if (el.closest('[data-testid=stDataFrame]')) continue;
      seen.add(el);
      let cut = null;
      // el, or an element inside it, hides what overflows it (an ellipsis: "18 958 0…")
      for (const n of [el, ...el.querySelectorAll('*')]) {
        // a visually hidden helper (1 px, for screen readers) is not text a person reads
        if (n instanceof SVGElement || n.clientWidth <= 2 || n.clientHeight <= 2) continue;
        const s = getComputedStyle(n);
        if (clipsX(s) && n.scrollWidth > n.clientWidth + 1) {
          cut = `${n.scrollWidth} px of text in ${n.clientWidth} px`;
          break;
        }
        if (clipsY(s)) {
          const box = n.getBoundingClientRect();
          const out = lines(n).filter(b => b.bottom > box.bottom + 1 || b.top < box.top - 1);
          if (out.length) {
            const [a, b] = [out[0], box];
            cut = `lines at ${px(a.top)}–${px(a.bottom)} px, shown ${px(b.top)}–${px(b.bottom)}`;
            break;
          }
        }
      }
      // a container around it (a column, a card) hides what overflows, up to the first one
      // that scrolls: what is behind a scroll bar is scrolled_away's finding
      for (let a = el.parentElement; !cut && a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (scrolls(s)) break;
        if (!clipsX(s) && !clipsY(s)) continue;
        const r = a.getBoundingClientRect();
        const out = lines(el).filter(b =>
          (clipsX(s) && (b.right > r.right + 1 || b.left < r.left - 1)) ||
          (clipsY(s) && (b.bottom > r.bottom + 1 || b.top < r.top - 1)));
        if (out.length) {
          const b = out[0];
          cut = `text at ${px(b.left)}–${px(b.right)} × ${px(b.top)}–${px(b.bottom)} px, ` +
                `its container ${px(r.left)}–${px(r.right)} × ${px(r.top)}–${px(r.bottom)} px`;
        }
      }
      if (cut) found.push(`${kind} "${text.slice(0, 90)}" is cut (${cut})`);
    }
  }
  return found;
}
"""


def cut_texts(page: Page) -> list[str]:
    """Every visible text element of ``CUT_TEXT_SELECTORS`` whose text does not fit: it or an
    element inside it hides what overflows (``scrollWidth > clientWidth + 1``; in height, a
    line outside its box), or a container that hides its overflow ends before the text."""
    return page.evaluate(_CUT_TEXTS_JS, CUT_TEXT_SELECTORS)


_SCROLLED_AWAY_JS = """
() => {
  const main = document.querySelector('[data-testid=stMain]');
  const found = [];
  const doc = document.scrollingElement;
  if (doc.scrollWidth > window.innerWidth + 1)
    found.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in a ${window.innerWidth} px screen`);
  const words = e => (e.innerText || '').trim().replace(/\\s+/g, ' ');
  for (const el of [main, ...main.querySelectorAll('*')]) {
    const s = getComputedStyle(el);
    if (!['auto', 'scroll'].includes(s.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || s.visibility === 'hidden') continue;
    if (el.closest('[data-testid=stDataFrame]')) continue;  // grids: grid_problems
    const size = `${el.scrollWidth} px of content in ${el.clientWidth} px`;
    if (el === main) {
      found.push(`the main area scrolls sideways, ${size}`);
      continue;
    }
    const table = el.querySelector('table');
    const name = table ? (table.id ? `table#${table.id}` : 'table')
                       : `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    const hidden = table ? [...new Set([...table.querySelectorAll('tr:first-child th, thead th')]
      .filter(th => {
        const b = th.getBoundingClientRect();
        return b.right > r.right + 1 || b.left < r.left - 1;
      })
      .map(th => '"' + words(th) + '"').filter(t => t !== '""'))] : [];
    const what = hidden.length ? `behind the scroll: ${hidden.join(', ')}`
                               : `it starts "${words(el).slice(0, 60)}"`;
    found.push(`${name} scrolls sideways, ${size}; ${what}`);
  }
  return found;
}
"""


def scrolled_away(page: Page) -> list[str]:
    """Content a person sees only by scrolling sideways: the page, the main area, or an
    element in it that scrolls (an HTML table with columns behind a horizontal scroll bar,
    named). st.dataframe grids are ``grid_problems``'."""
    return page.evaluate(_SCROLLED_AWAY_JS)


# st.dataframe draws its cells on a canvas. What it draws (the formatted text) and its
# column widths are the props of its React component (glide-data-grid's getCellContent,
# columns, theme), read through the canvas' React fiber: internals of the pinned Streamlit,
# so where they are not found the table it keeps for screen readers is read instead (the
# unformatted values of the cells in view; neither widths nor cut cells then).
_GRIDS_JS = """
(maxRows) => {
  const grids = [];
  const measure = document.createElement('canvas').getContext('2d');
  for (const frame of document.querySelectorAll('[data-testid=stDataFrame]')) {
    const box = frame.getBoundingClientRect();
    const canvas = frame.querySelector('canvas');
    if (!box.width || !box.height || !canvas) continue;
    const scroller = frame.querySelector('.dvn-scroller');
    const view = scroller ? scroller.clientWidth : box.width;
    const key = Object.keys(canvas).find(k => k.startsWith('__reactFiber'));
    let f = key ? canvas[key] : null;
    while (f && !(f.memoizedProps && f.memoizedProps.getCellContent && f.memoizedProps.columns)) f = f.return;
    if (!f) {
      const rows = [...frame.querySelectorAll('table tr')]
        .map(tr => [...tr.children].map(c => c.textContent.trim()));
      grids.push({drawn: false, view, headers: rows[0] || [], rows: rows.slice(1), widths: [], cut: []});
      continue;
    }
    const p = f.memoizedProps;
    const headers = p.columns.map(c => c.title || '');
    const widths = p.columns.map(c => c.width);
    const rows = [];
    for (let r = 0; r < Math.min(p.rows, maxRows); r++)
      rows.push(p.columns.map((c, i) => {
        const cell = p.getCellContent([i, r]);
        return typeof cell.displayData === 'string' ? cell.displayData : null;
      }));
    // text wider than its column less the cell's padding on both sides is cut off
    const pad = p.theme.cellHorizontalPadding;
    const cut = [];
    const over = (text, style, w) => {
      measure.font = `${style} ${p.theme.fontFamily}`;
      return measure.measureText(text).width > w - 2 * pad + 1;
    };
    headers.forEach((h, i) => { if (h && over(h, p.theme.headerFontStyle, widths[i])) cut.push([i, h]); });
    for (const row of rows)
      row.forEach((t, i) => { if (t && over(t, p.theme.baseFontStyle, widths[i])) cut.push([i, t]); });
    grids.push({drawn: true, view, headers, rows, widths, cut});
  }
  return grids;
}
"""


def grids(page: Page, max_rows: int = 300) -> list[dict]:
    """Each visible st.dataframe as drawn: ``headers``, ``rows`` (the text of each cell, at most
    ``max_rows``), column ``widths`` and the ``view`` width in px, ``cut`` ([column, text]
    of a header or cell wider than its column); ``drawn`` False where only the screen
    reader's table could be read."""
    return page.evaluate(_GRIDS_JS, max_rows)


def grid_problems(page: Page) -> list[str]:
    """st.dataframe grids with columns behind a horizontal scroll (a column is hidden when it
    ends beyond the grid's width), and headers and cells cut by their column's width."""
    found = []
    for grid in grids(page):
        heads = grid["headers"]
        name = "table (st.dataframe, columns " + ", ".join(f'"{h}"' for h in heads[:4] if h)
        name += ", …)" if len(heads) > 4 else ")"
        if not grid["drawn"]:
            found.append(f"{name}: its drawn text could not be read (Streamlit's internals changed?)")
            continue
        hidden, left = [], 0.0
        for head, width in zip(heads, grid["widths"], strict=True):
            if left + width > grid["view"] + 1:
                hidden.append(f'"{head}"' + (" (partly)" if left < grid["view"] else ""))
            left += width
        if hidden:
            found.append(
                f"{name} scrolls sideways, {left:.0f} px of columns in {grid['view']:.0f} px; "
                f"behind the scroll: {', '.join(hidden)}"
            )
        by_column: dict[int, list[str]] = {}
        for column, text in grid["cut"]:
            by_column.setdefault(column, []).append(text)
        for column, texts in by_column.items():
            unique = list(dict.fromkeys(texts))
            shown = ", ".join(f'"{t[:50]}"' for t in unique[:3]) + (
                f" and {len(unique) - 3} more" if len(unique) > 3 else ""
            )
            found.append(f'{name}: column "{heads[column]}" ({grid["widths"][column]:.0f} px) cuts {shown}')
    return found


_CHART_PROBLEMS_JS = """
(minPx) => {
  const found = [];
  const shown = e => {
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden' &&
      s.opacity !== '0' && (e.textContent || '').trim() !== '';
  };
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const name = e => '"' + (e.textContent || '').trim().slice(0, 50) + '"';
  // a CSS colour as [r, g, b, a]; otherwise (none, transparent) the default
  const rgb = (c, otherwise) => {
    const v = ((c || '').match(/[\\d.]+/g) || []).map(Number);
    return v.length >= 3 && (v.length < 4 || v[3] > 0) ? v : otherwise;
  };
  const blend = (fg, bg, alpha) => fg.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
  const luminance = c => c.slice(0, 3).map(v => v / 255)
    .map(v => (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const plots = [...document.querySelectorAll('.js-plotly-plot')]
    .filter(p => p.getBoundingClientRect().width > 0);
  plots.forEach((gd, i) => {
    const svg = gd.querySelector('.main-svg');
    if (!svg) return;
    const box = svg.getBoundingClientRect();
    const heading = ((gd.querySelector('.gtitle') || {}).textContent || '').trim();
    const chart = heading ? `chart "${heading.slice(0, 60)}"` : `chart ${i + 1} (no title)`;
    const all = sel => [...gd.querySelectorAll(sel)].filter(shown);
    const rotated = e => /rotate\\((?!0[,)])/.test(e.getAttribute('transform') || '');
    const xticks = all('.xtick text'), yticks = all('.ytick text');
    const titles = all('.gtitle'), axisTitles = all('.xtitle, .ytitle');
    const annotations = all('.annotation-text'), points = all('.textpoint text, .bartext');
    const legendTexts = all('.legendtext');
    const texts = [...titles, ...xticks, ...yticks, ...axisTitles, ...annotations, ...points, ...legendTexts];
    // text beyond the drawing is cut off by it
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 ||
          r.top < box.top - 1 || r.bottom > box.bottom + 1)
        found.push(`${chart}: text ${name(t)} is cut at the chart's edge`);
    }
    const frame = gd.closest('[data-testid=stPlotlyChart]');
    const place = frame ? frame.getBoundingClientRect() : box;
    if (box.right > place.right + 1)
      found.push(`${chart}: the drawing is wider than its place ` +
                 `(${Math.round(box.width)} px in ${Math.round(place.width)} px)`);
    const legend = gd.querySelector('.legend');
    if (legend && shown(legend)) {
      const l = legend.getBoundingClientRect();
      for (const t of [...titles, ...xticks, ...yticks, ...axisTitles, ...annotations])
        if (overlap(l, t.getBoundingClientRect())) found.push(`${chart}: the legend overlaps ${name(t)}`);
      const bar = legend.querySelector('.scrollbar');
      if (bar && bar.getBoundingClientRect().height > 0)
        found.push(`${chart}: the legend scrolls, some of its entries are hidden`);
    }
    for (const t of titles)
      for (const a of [...annotations, ...xticks, ...axisTitles])
        if (overlap(t.getBoundingClientRect(), a.getBoundingClientRect()))
          found.push(`${chart}: the title overlaps ${name(a)}`);
    const pairwise = (list, what) => {
      for (let a = 0; a < list.length; a++)
        for (let b = a + 1; b < list.length; b++)
          if (overlap(list[a].getBoundingClientRect(), list[b].getBoundingClientRect()))
            found.push(`${chart}: ${what} ${name(list[a])} and ${name(list[b])} overlap`);
    };
    pairwise(xticks.filter(t => !rotated(t)), 'x axis labels');
    pairwise(yticks, 'y axis labels');
    pairwise(points, 'labels');
    pairwise(annotations, 'annotations');
    // WCAG 2.1 AA contrast (1.4.3) of chart text against the paper or an annotation's box:
    // 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold)
    const paper = rgb(getComputedStyle(svg).backgroundColor, [255, 255, 255]);
    let worst = null;
    for (const t of [...titles, ...xticks, ...yticks, ...axisTitles, ...legendTexts, ...annotations]) {
      const s = getComputedStyle(t);
      const fill = rgb(s.fill, null);
      if (!fill) continue;
      let ground = paper;
      const box = t.closest('.annotation') && t.closest('.annotation').querySelector('rect.bg');
      if (box) {
        const b = getComputedStyle(box);
        const back = rgb(b.fill, null);
        if (back) ground = blend(back, paper, (back[3] ?? 1) * parseFloat(b.fillOpacity || '1'));
      }
      const alpha = (fill[3] ?? 1) * parseFloat(s.fillOpacity || '1') * parseFloat(s.opacity || '1');
      const color = blend(fill, ground, alpha);
      const size = parseFloat(s.fontSize);
      const need = size >= 24 || (parseInt(s.fontWeight, 10) >= 700 && size >= 18.66) ? 3 : 4.5;
      const r = contrast(color, ground);
      if (r < need && (!worst || r < worst[0])) worst = [r, need, t];
    }
    if (worst)
      found.push(`${chart}: text ${name(worst[2])} has contrast ${worst[0].toFixed(2)}:1 ` +
                 `(needs ${worst[1]}:1)`);
    if (minPx) {
      const small = [...xticks, ...yticks, ...legendTexts]
        .map(t => [t, parseFloat(getComputedStyle(t).fontSize)]).filter(([, size]) => size < minPx);
      if (small.length) {
        const least = Math.min(...small.map(([, size]) => size));
        const example = name(small[0][0]);
        found.push(`${chart}: axis/legend text of ${least} px (under ${minPx} px), e.g. ${example}`);
      }
    }
  });
  return found;
}
"""


def chart_problems(page: Page, min_px: float | None = None) -> list[str]:
    """Plotly text a person cannot read: cut at the drawing's edge, the legend over the title,
    an axis label or an annotation, labels over each other (x labels unless rotated, y labels,
    text on points and bars, annotations), a legend that scrolls, text (titles, axes, legend,
    annotations) under WCAG AA contrast against its ground (the lowest per chart); with
    ``min_px``, axis and legend text smaller than that (its computed font size)."""
    return page.evaluate(_CHART_PROBLEMS_JS, min_px)


_PLOTLY_TOOLBARS_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(gd => gd.getBoundingClientRect().width > 0)
  .filter(gd => (gd._context || {}).displayModeBar !== false && [...gd.querySelectorAll('.modebar')]
    .some(m => { const s = getComputedStyle(m); return s.display !== 'none' && s.visibility !== 'hidden'; }))
  .map((gd, i) => ((gd.querySelector('.gtitle') || {}).textContent || `${i + 1}`).trim().slice(0, 60))
  .map(t => `chart "${t}": Plotly's toolbar shows on hover`)
"""


def plotly_toolbars(page: Page) -> list[str]:
    """Charts that show Plotly's toolbar (the modebar) on hover: the chart's config does not
    turn it off (displayModeBar) and no CSS hides it."""
    return page.evaluate(_PLOTLY_TOOLBARS_JS)


_SCREEN_TEXT_JS = """
() => {
  const lines = [document.querySelector('[data-testid=stApp]').innerText];
  for (const i of document.querySelectorAll('input, textarea')) {
    if (['hidden', 'file', 'checkbox', 'radio', 'password', 'range'].includes(i.type) || !i.value) continue;
    const r = i.getBoundingClientRect();
    if (!r.width || !r.height || i.closest('[data-testid=stDataFrame]')) continue;
    const label = i.getAttribute('aria-label') ||
      (i.closest('[data-testid^=st]')?.querySelector('[data-testid=stWidgetLabel]')?.innerText || '').trim();
    lines.push(`[input "${label}"] ${i.value}`);
  }
  return lines.join('\\n');
}
"""


def screen_text(page: Page) -> str:
    """All text a person reads on the page (the sidebar, the main area, charts' SVG text), then
    each st.dataframe row as drawn (``grids``) and each visible input's value, a line each."""
    lines = [page.evaluate(_SCREEN_TEXT_JS)]
    for grid in grids(page):
        for row in [grid["headers"], *grid["rows"]]:
            lines.append("[table] " + " | ".join(cell or "" for cell in row))
    return "\n".join(lines)


# Raw values a person should never read.
RAW_VALUE = re.compile(r"(?<![\w<])(?:None|nan|NaN|NaT|<NA>|-?inf)(?![\w>])")
# A number with a decimal point ("1.8", "5.00"). Not one of several dotted parts: dates
# written 31.08.2025, a section 6.1.1, a version 1.67.0 or an address 127.0.0.1 are not
# amounts; nor a number glued to a letter ("v1.2", a name rather than an amount).
DECIMAL_POINT = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")
# Dotted numbers that are not decimals: a document's section ("avsnitt 6.1") and a clock
# time, which Swedish writes with a point ("kl. 13.00").
NOT_DECIMAL = re.compile(
    r"(?:avsnitt|kapitel|kap\.|§)\s*\d+(?:\.\d+)+|\bkl\.?\s*\d{1,2}\.\d{2}\b", re.IGNORECASE
)
# Five or more digits in a row: 10 000 or more without a thousands separator ("634396",
# "5100000"); not inside a word or code (N31807, HE0000, a hexadecimal id) and not after a
# decimal point, colon or slash (SFS 2003:1210).
NO_THOUSANDS = re.compile(r"(?<![\w.,:/])\d{5,}(?!\w)")
# Not amounts: an organisationsnummer (222000-1453).
NOT_AMOUNT = re.compile(r"\b\d{6}-\d{4}\b")
# A source shown as a file, a path or a commit rather than a document's title and section.
SOURCE_AS_FILE = [
    ("a source document's file name", re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")),
    ("a path", re.compile(r"\b(?:data|shared|queries|dashboard)/(?:[\w./-]*[\w/])?")),
    ("a file name", re.compile(r"\b[\w-]+\.(?:md|csv|txt|json|geojson|duckdb|py|sql)\b")),
    # a commit id: 7 to 40 hexadecimal characters holding both a digit and a letter
    ("a commit id", re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b")),
]


def text_problems(text: str) -> list[str]:
    """Raw values, decimal points, amounts without thousands separators and sources written
    as files in ``text`` (as ``screen_text`` gives it): one finding per kind and value, with
    the first line it stands in and how many lines hold it."""
    found: dict[tuple[str, str], list[str]] = {}
    for raw_line in text.splitlines():
        line = " ".join(raw_line.replace("\u00a0", " ").replace("\u202f", " ").split())
        hits = [("raw value", m.group()) for m in RAW_VALUE.finditer(line)]
        hits += [("decimal point", m.group()) for m in DECIMAL_POINT.finditer(NOT_DECIMAL.sub(" ", line))]
        hits += [
            ("no thousands separator", m.group()) for m in NO_THOUSANDS.finditer(NOT_AMOUNT.sub(" ", line))
        ]
        taken: list[tuple[int, int]] = []  # a file name inside a path is the path's finding
        for kind, pattern in SOURCE_AS_FILE:
            for m in pattern.finditer(line):
                if not any(start < m.end() and m.start() < end for start, end in taken):
                    taken.append(m.span())
                    hits.append((f"source as {kind}", m.group()))
        for hit in hits:
            found.setdefault(hit, []).append(line)
    findings = []
    for (kind, value), lines in found.items():
        first = lines[0] if len(lines[0]) <= 110 else lines[0][:107] + "…"
        more = f" (and {len(lines) - 1} more line(s))" if len(lines) > 1 else ""
        findings.append(f'{kind} "{value}" in: {first}{more}')
    return findings


def axe_problems(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's audit of the page as drawn (axe-playwright-python, which bundles axe-core;
    axe's default rules: WCAG 2.x A and AA and best practices): each violation of the given
    impacts with its rule, impact and help, the first three elements and what is wrong with
    the first."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        return ["axe-playwright-python is not installed: pip install -r requirements.txt"]
    found = []
    for v in Axe().run(page).response["violations"]:
        if v["impact"] not in impacts:
            continue
        nodes = v["nodes"]
        targets = "; ".join(" >> ".join(map(str, n["target"])) for n in nodes[:3])
        more = f" and {len(nodes) - 3} more" if len(nodes) > 3 else ""
        summary = " ".join(nodes[0].get("failureSummary", "").split())[:300] if nodes else ""
        found.append(
            f"axe {v['id']} ({v['impact']}): {v['help']}; {len(nodes)} element(s): {targets}{more}. {summary}"
        )
    return found
