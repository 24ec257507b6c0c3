"""Presentation mode: a slide show for the meeting-room wall, one question per slide.

Each slide fits a 1280×720 projector with nothing to scroll (a long list of posts goes on
over several slides), says the period of the data it shows, and names its source. The
slides are made from the same domain functions and pack sections (dashboard.report) as the
pages and the meeting papers, so the wall, the screen and the papers show the same figures.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.domain import budget, documents
from dashboard.exchange import fmt
from dashboard.view import budget_view, charts, county_view, overview_view, ranking_map, report

# Static CSS of our own (no user text): no app chrome, type that grows with the screen (20 px
# on a 1280 px projector, 30 px on a 1920 px wall), the navigation fixed at the foot of the
# screen, the keys' buttons out of sight, and no Plotly toolbar.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], .modebar-container,
.st-key-slide-keys { display: none !important; }
html { font-size: clamp(20px, 1.5625vw, 30px); }
.block-container { padding: 0.8rem 2rem 4.6rem 2rem !important; max-width: 100% !important; }
[data-testid="stMain"] h1 { font-size: 1.9rem !important; padding: 0 !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
[data-testid="stMetricValue"] { font-size: clamp(1.6rem, 13cqi, 2.6rem) !important; }
.st-key-slide-nav {
  position: fixed; left: 0; right: 0; bottom: 0; z-index: 1000; background: #ffffff;
  padding: 0.5rem 2rem 0.7rem 2rem; border-top: 1px solid #c5ced8;
}
</style>
"""

# Every page, on every screen from a 1280×720 projector up: a figure and its label are never
# cut with "…". Labels wrap; a value keeps its line (its spaces are no-break spaces) and its
# type shrinks with the width its column gives it (a container query), down to a floor that
# still reads across the room. Captions get a grey of their own (7:1 on white) instead of
# Streamlit's 60 % opacity, under which a link in them would fall below 4,5:1.
SCREEN_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding: 2.5rem 2rem 4rem 2rem; }
section[data-testid="stSidebar"] { width: 15rem !important; min-width: 15rem !important; }
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #4a5260 !important; }
[data-testid="stCaptionContainer"] a, [data-testid="stMarkdownContainer"] a { color: #1f4e79; }
a.finsam-present { display: inline-block; padding: 0.4rem 0.9rem; border: 1px solid #1f4e79;
  border-radius: 0.5rem; color: #1f4e79; font-weight: 600; text-decoration: none; }
a.finsam-present:hover, a.finsam-present:focus-visible { background: #1f4e79; color: #ffffff; }
.finsam-present-hint { color: #4a5260; font-size: 0.85rem; margin: 0.4rem 0 0 0; }
.finsam-table { width: 100%; border-collapse: collapse; line-height: 1.35; }
.finsam-table th { text-align: left; vertical-align: bottom; background: #eef2f6; font-weight: 600;
  padding: 0.45rem 0.35rem; border-bottom: 2px solid #1f4e79; }
.finsam-table td { padding: 0.35rem 0.35rem; border-bottom: 1px solid #dde3ea; vertical-align: top;
  overflow-wrap: break-word; }
.finsam-table .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums;
  overflow-wrap: normal; }
.finsam-table .right { text-align: right; font-variant-numeric: tabular-nums; }
.finsam-table tr.grupp td { font-weight: 600; background-color: #f7f9fb; padding-top: 0.6rem; }
.finsam-table tr.fet td { font-weight: 600; }
[data-testid="stMetricValue"] { font-size: clamp(1.6rem, 13cqi, 2.4rem) !important; }
[data-testid="stMetricValue"] > div { overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important;
}
</style>
"""

# The way into the slide show, in the sidebar: a link to the app's own address with
# ?presentation=1 ("./" is the app's root from any page, also behind a proxy's path).
PRESENTATION_LINK = (
    '<a class="finsam-present" href="./?presentation=1">Presentationsläge</a>'
    '<p class="finsam-present-hint">Helskärm för mötet: stora siffror, en vy i taget.</p>'
)

# Printing any page gives a clean A4: no navigation, no chart cut in half.
PRINT_CSS = """
<style>
@media print {
  [data-testid="stSidebar"], header[data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"] { display: none !important; }
  .block-container { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stMetric"],
  [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; page-break-inside: avoid; }
  @page { size: A4; margin: 1.5cm; }
}
</style>
"""


def step(value: str | None, count: int) -> int:
    """The slide to show (0-based) from the URL's ``vy``, which counts as the screen does
    ("Vy 1 av 5" is ``vy=1``); kept within the slides, the first when unreadable."""
    try:
        return min(max(int(value or 1), 1), count) - 1
    except ValueError:
        return 0


# What a 1280×720 slide holds below its title and above its navigation: the chart height in
# pixels, and lines of 20 px text (about 110 characters each across the slide).
CHART_HEIGHT = 390
LINES_PER_SLIDE = 14
CHARS_PER_LINE = 110
ROWS_PER_SLIDE = 9


@dataclass(frozen=True)
class Post:
    """A post deviating from budget, as the slide tells it."""

    post: str
    deviation: str  # "+1 000 000 kr"
    status: str  # "▲▲ klart bättre"
    comment: str  # "" when the document gives none


@dataclass(frozen=True)
class Slide:
    """One screen of the presentation: a question answered by metrics, a chart, a table or
    a list of posts, with the period of its data and its source."""

    key: str
    title: str
    period: str
    source: str
    metrics: tuple[tuple[str, str], ...] = ()  # (label, value)
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None  # figures already written out in Swedish
    table_figures: tuple[str, ...] = ()  # the table's columns of figures (right-aligned)
    posts: tuple[Post, ...] = ()
    note: str = ""  # a sentence under the content, or why there is nothing to show


def _lines(post: Post) -> float:
    """The lines a post takes on a slide: its heading, its comment, the gap to the next."""
    return 1 + math.ceil(len(post.comment) / CHARS_PER_LINE) + 0.7


def paginate_posts(posts: list[Post], lines: int = LINES_PER_SLIDE) -> list[list[Post]]:
    """Posts in slides that each fit ``lines`` (a post longer than a slide gets one alone)."""
    pages: list[list[Post]] = [[]]
    used = 0.0
    for post in posts:
        need = _lines(post)
        if pages[-1] and used + need > lines:
            pages.append([])
            used = 0.0
        pages[-1].append(post)
        used += need
    return [page for page in pages if page]


def _numbered(title: str, i: int, n: int) -> str:
    return title if n == 1 else f"{title} ({i} av {n})"


def slides(con: duckdb.DuckDBPyConnection, forbund: str, period_end: dt.date) -> list[Slide]:
    """The slide show of a förbund and the period ending ``period_end``: key figures, the
    result, the posts deviating from budget with their comments, team capacity, the year's
    goals and the county comparison. A view with nothing to show says why on its slide."""
    ar = period_end.year
    lines = budget.lines(con, forbund, ar, period_end)
    table = budget_view.board_table(lines)
    board_source = budget.source(con, lines)
    deck = [_key_figures(con, forbund, ar), _result(table, ar, board_source)]
    deck += _deviations(table, ar, board_source)
    deck += [_from_section(report.team_section(con, forbund, ar)), _goals(con, forbund, ar), _county(con)]
    return deck


def _goals(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> Slide:
    """The year's goals on the wall: how many reached each status, and per area of goals
    (and the financial rules) how many of each, so that the slide fits whatever the count."""
    from dashboard.domain import goals
    from dashboard.view import goals_view

    section = report.goals_section(con, forbund, ar)
    if section.table is None:
        return Slide("mal", section.title, section.period, section.source, note=section.bullets[0])
    table = section.table
    counts = table["Status"].value_counts()
    per_area = (
        table.groupby("Område", sort=False)["Status"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=list(goals.STATUSES), fill_value=0)
    )
    shown = per_area.head(ROWS_PER_SLIDE)
    frame = pd.DataFrame({"Område": shown.index})
    for status in goals.STATUSES:
        frame[status.capitalize()] = [fmt.number(v) for v in shown[status]]
    rest = len(per_area) - len(shown)
    return Slide(
        "mal",
        section.title,
        section.period,
        section.source,
        metrics=tuple(
            (goals_view.STATUS_SIGNS[s].capitalize(), fmt.number(counts.get(s, 0))) for s in goals.STATUSES
        ),
        table=frame,
        table_figures=tuple(s.capitalize() for s in goals.STATUSES),
        note=(f"{rest} områden till finns på sidan Mål och resultat. " if rest > 0 else "")
        + "Varje mål med målvärde, utfall och källa finns på sidan Mål och resultat.",
    )


def _county(con: duckdb.DuckDBPyConnection) -> Slide:
    """The kommuner ranked on the measure every kommun has a value for (``county_view.opening``)."""
    view = county_view.opening(con)
    figure = ranking_map.ranking_bars(view.table, view.refs, f"{view.label} {view.ar}", view.texts)
    missing = view.table.loc[view.table["varde"].isna(), "kommun"].tolist()
    return Slide(
        "lan",
        f"Länsjämförelse: {view.label[0].lower()}{view.label[1:]}",
        str(view.ar),
        "; ".join(view.sources),
        figure=charts.for_wall(figure, CHART_HEIGHT),
        note=f"Saknas för {', '.join(missing)}." if missing else "",
    )


def _key_figures(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> Slide:
    figures = overview_view.key_figures(con, forbund, ar)
    cited = documents.each_once([f.source for f in figures])
    return Slide(
        "nyckeltal",
        f"Nyckeltal {ar}",
        f"{ar}; varje nyckeltal anger sitt mått och datum",
        "; ".join(cited),
        metrics=tuple((f.label, f.text) for f in figures),
        note="" if figures else f"Dokumenten har inga nyckeltal för {forbund} {ar}.",
    )


def _result(table: pd.DataFrame, ar: int, source: str) -> Slide:
    measure = table.attrs.get("outcome_measure")
    until = table.attrs.get("utfall_till")
    column = "utfall_ar" if measure else "budget"
    labels = budget_view.column_labels(table, ar)
    answers = [a for a in budget_view.answers(table, ar) if a is not None]
    period = f"helår {ar}, {measure or 'budget'}" + (f"; utfall t.o.m. {fmt.date(until)}" if until else "")
    figure = charts.for_wall(
        charts.result_waterfall(table, column, labels[column].lower()), CHART_HEIGHT - 90
    )
    return Slide(
        "resultat",
        f"Resultat {ar}",
        period,
        source,
        metrics=tuple((a.label, a.value) for a in answers if not a.notice),
        figure=figure,
        note=" ".join(a.notice for a in answers if a.notice),
    )


def _deviations(table: pd.DataFrame, ar: int, source: str) -> list[Slide]:
    title = "Poster som avviker mest från budget"
    measure = table.attrs.get("outcome_measure")
    period = f"{measure} {ar} mot budget {ar}" if measure else f"budget {ar}"
    top, none = budget_view.deviating_posts(table, ar, 8)
    if top.empty:  # a slide with nothing to list says why
        return [Slide("avvikelser", title, period, source, note=none)]
    posts = [
        Post(
            str(row.post),
            fmt.signed_kr(row.avvikelse),
            str(row.status),
            row.kommentar.strip() if isinstance(row.kommentar, str) else "",
        )
        for row in top.itertuples()
    ]
    pages = paginate_posts(posts)
    return [
        Slide("avvikelser", _numbered(title, i, len(pages)), period, source, posts=tuple(page))
        for i, page in enumerate(pages, start=1)
    ]


def _from_section(section: report.Section) -> Slide:
    """A pack section on the wall: its table (``ROWS_PER_SLIDE`` rows, the rest said), else
    its chart at wall size."""
    period = section.period
    if section.table is not None and not section.table.empty:
        shown = section.table.head(ROWS_PER_SLIDE)
        rest = len(section.table) - len(shown)
        rows = "rad" if rest == 1 else "rader"
        note = f"{rest} {rows} till finns i mötesunderlaget och på sidan." if rest > 0 else ""
        return Slide(
            section.key,
            section.title,
            period,
            section.source,
            table=shown,
            table_figures=tuple(section.amounts),
            note=note,
        )
    if section.figure is not None:
        return Slide(
            section.key,
            section.title,
            period,
            section.source,
            figure=charts.for_wall(section.figure, CHART_HEIGHT),
        )
    return Slide(
        section.key, section.title, period, section.source, note="Det finns inget att visa här för perioden."
    )


def period_from_url(value: str | None, periods: list[dt.date]) -> dt.date:
    """The period named by the URL's ``period`` if the förbund has it, else its latest."""
    try:
        chosen = dt.date.fromisoformat(value or "")
    except ValueError:
        return periods[0]
    return chosen if chosen in periods else periods[0]


def scroll_to_top(index: int) -> str:
    """A script that scrolls the page to its top: the slide's number in it makes it new for
    every slide, so the browser runs it again on each step (static, no user text)."""
    return (
        f'<script data-slide="{int(index)}">'
        "const main = window.parent.document.querySelector('[data-testid=\"stMain\"]') "
        "|| document.querySelector('[data-testid=\"stMain\"]');"
        "if (main) { main.scrollTo(0, 0); } window.scrollTo(0, 0);"
        "</script>"
    )
