"""Presentation mode: the slide show on the meeting-room wall, one renderer of a meeting.

Presentation mode: a slide show for the meeting-room wall, one question per slide; one
renderer of a ``Meeting`` (the pack is the other).

Each slide fits a 1280×720 projector with nothing to scroll (a long list of posts goes on
over several slides), says the period of the data it shows, and names its source. The
slides read the same ``Meeting`` as the meeting papers, so the wall, the screen and the
papers show the same figures.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.domain import documents
from dashboard.exchange import fmt
from dashboard.view import budget_view, capacity_view, charts, county_view, ranking_map
from dashboard.view.meeting import Meeting, Section


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
    result, the posts deviating from budget with their comments, team capacity, how full
    each team was at the end of the period's last month (where the teams' registrations reach
    it), the year's goals and the county comparison. A view with nothing to show says why on
    its slide."""
    shown = Meeting(con, forbund, period_end)
    ar, table, board_source = shown.ar, shown.board, shown.board_source
    deck = [_key_figures(shown), _result(table, ar, board_source)]
    deck += _deviations(table, ar, board_source)
    deck.append(_from_section(shown.team))
    if shown.occupancy.table is not None:  # only a förbund whose teams' registrations reach the period
        deck.append(_from_section(shown.occupancy))
    deck += [_goals(shown.goals), _county(shown.county)]
    return deck


def _goals(section: Section) -> Slide:
    """The year's goals on the wall: how many reached each status, and per area of goals
    (and the financial rules) how many of each, so that the slide fits whatever the count."""
    from dashboard.domain import goals
    from dashboard.view import goals_view

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


def _county(view: county_view.Opening | None) -> Slide:
    """The kommuner ranked on the measure every kommun has a value for (``county_view.opening``)."""
    if view is None:
        return Slide("lan", "Länsjämförelse", "", "", note=county_view.NO_LAN)
    if view.table["varde"].isna().all():
        return Slide(
            "lan", "Länsjämförelse", str(view.ar) if view.ar else "", "", note=county_view.no_values(view)
        )
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


def _key_figures(shown: Meeting) -> Slide:
    figures, forbund, ar = shown.key_figures, shown.forbund, shown.ar
    cited = documents.each_once([f.source for f in figures if f.source])
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


def _from_section(section: Section) -> Slide:
    """A pack section on the wall: its table (``ROWS_PER_SLIDE`` rows, the rest said), else
    its chart at wall size."""
    period = section.period
    if section.table is not None and not section.table.empty:
        shown = section.table.head(ROWS_PER_SLIDE)
        if section.key == "belaggning" and len(section.table) > ROWS_PER_SLIDE:  # the row of all teams stays
            shown = pd.concat([section.table.head(ROWS_PER_SLIDE - 1), section.table.tail(1)])
        rest = len(section.table) - len(shown)
        rows = "rad" if rest == 1 else "rader"
        note = f"{rest} {rows} till finns i mötesunderlaget och på sidan." if rest > 0 else ""
        if section.key == "belaggning":  # what "<5" and "dolt" mean, where they stand
            note = f"{capacity_view.SHORT_RULE} {note}".strip()
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
        section.key,
        section.title,
        period,
        section.source,
        note=section.bullets[0] if section.bullets else "Det finns inget att visa här för perioden.",
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
