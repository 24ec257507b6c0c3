"""Mötesunderlag: the board pack, one renderer of a ``Meeting`` (the slide show is the other).

The pack holds a cover, then the chosen views: key figures, budget and utfall, the posts
that deviate from budget with their comments, team capacity, the year's goals and the county
comparison, each with the period of its own data and its source (document title and section).
Charts are the same Plotly figures as on screen, rendered to PNG in one Kaleido session (each
start of Chromium costs seconds, so never one per chart). ``pack_pdf`` and ``pack_pptx`` lay
the pack out as files.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.domain import county
from dashboard.exchange import fmt
from dashboard.store import embedded
from dashboard.view import budget_view, charts, county_view, pack_pdf, pack_pptx, ranking_map
from dashboard.view.meeting import VIEWS, Meeting, ReportError, Section, periods

# Charts are drawn for a 16:9 slide's content area (about 12,3 × 5,2 inches): the screen's
# 18 px text then stays at about 14 pt on the slide. Scale 2 keeps them sharp in print.
IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE = 1180, 500, 2


# The map keeps the county's own shape: narrower, so that it is as tall as the others.
MAP_WIDTH = 700


# Bar charts of many categories grow taller rather than crowd their labels.
BAR_ROOM, BAR_MARGIN = 24, 170


@dataclass
class Pack:
    forbund: str
    meeting: dt.date
    period: str
    data_date: str
    sections: list[Section]


def _words(status: str) -> str:
    """A deviation level in words only: the PDF's font has no ▲▼, and words print in grey."""
    return status.split(" ", 1)[1] if " " in status else status


def build(
    con: duckdb.DuckDBPyConnection,
    forbund: str,
    period_end: dt.date,
    meeting: dt.date,
    views: list[str] | None = None,
) -> Pack:
    """The pack's content for a förbund, the period ending ``period_end``, and a meeting."""
    views = views or list(VIEWS)
    shown = Meeting(con, forbund, period_end)
    ar = shown.ar
    if shown.lines.empty or period_end not in periods(con, forbund):
        raise ReportError(
            f"Det finns ingen period som slutar {fmt.date(period_end)} för {forbund}. "
            f"Perioder i datan: {', '.join(str(p) for p in periods(con, forbund)) or 'inga'}."
        )
    table, source = shown.board, shown.board_source
    period = budget_view.period_label(table, ar)
    info = embedded.build_info(con)
    data_date = f"data byggd {fmt.date(info.built_at.date())}" if info else ""
    builders: dict[str, Callable[[], Section]] = {
        "nyckeltal": lambda: _key_figures(shown, period),
        "budget": lambda: _budget(table, ar, source, period),
        "avvikelser": lambda: _deviations(table, ar, source, period),
        "team": lambda: shown.team,
        "belaggning": lambda: shown.occupancy,
        "mal": lambda: shown.goals,
        "lan": lambda: _county(shown.county),
    }
    sections = [builders[view]() for view in views]
    return Pack(forbund, meeting, period, data_date, sections)


def _key_figures(shown: Meeting, period: str) -> Section:
    figures, forbund, ar = shown.key_figures, shown.forbund, shown.ar
    if not figures:
        return Section(
            "nyckeltal",
            f"Nyckeltal {ar}",
            "",
            period,
            bullets=[f"Datan har inga nyckeltal för {forbund} {ar}."],
        )
    frame = pd.DataFrame(
        {
            "Nyckeltal": [f.label for f in figures],
            "Värde": [f.text for f in figures],
            "Källa": [f.source for f in figures],
        }
    )
    sources = sorted({f.source for f in figures if f.source})
    return Section(
        "nyckeltal", f"Nyckeltal {ar}", "; ".join(sources), period, table=frame, amounts=("Värde",)
    )


def _budget(table: pd.DataFrame, ar: int, source: str, period: str) -> Section:
    shown = budget_view.display_table(table, ar, for_export=True)
    keep = [
        c for c in shown.columns if not c.startswith(("Förbrukat", "Förbrukning", "Avvikelse %", "Kommentar"))
    ]
    frame = shown[keep].copy()
    money = budget_view.money_columns(frame)
    for column in money:
        formatter = fmt.signed_kr if column.startswith("Avvikelse") else fmt.kr
        frame[column] = [formatter(v) for v in frame[column]]
    frame["Mot budget"] = [_words(s) for s in frame["Mot budget"]]
    # A year with budget only has no outcome, deviation or verdict: no columns of dashes.
    frame = frame[[c for c in frame.columns if not frame[c].isin([fmt.MISSING, ""]).all()]]
    money = [c for c in money if c in frame.columns]
    labels = budget_view.column_labels(table, ar)
    figure = charts.budget_bars(table, labels["utfall_ar"], labels.get("utfall"), "storlek", labels["budget"])
    return Section(
        "budget",
        "Budget och utfall per post",
        source,
        period,
        table=frame,
        figure=figure,
        amounts=tuple(money),
    )


DEVIATIONS_SHOWN = 5


def _deviations(table: pd.DataFrame, ar: int, source: str, period: str) -> Section:
    """The posts outside "i nivå", the largest first, with the document's comments.

    The group sums and the result are left to the budget view: the question here is which
    posts deviate and why. A waterfall of the groups would not answer it, so there is none.
    """
    title = "Poster som avviker mest, med kommentarer"
    measure = table.attrs.get("outcome_measure")
    ranked, none = budget_view.deviating_posts(table, ar)
    if ranked.empty:  # a view with nothing to list says why
        return Section("avvikelser", title, source, period, bullets=[none])
    top, rest = ranked.head(DEVIATIONS_SHOWN), ranked.iloc[DEVIATIONS_SHOWN:]
    posts = int((table["radtyp"] == "post").sum())
    comments = [c.strip() if isinstance(c, str) and c.strip() else fmt.MISSING for c in top["kommentar"]]
    frame = pd.DataFrame(
        {
            "Post": list(top["post"]),
            "Avvikelse": [fmt.signed_kr(v) for v in top["avvikelse"]],
            "Mot budget": [_words(status) for status in top["status"]],
            "Kommentar": comments,
        }
    )
    bullets = []
    if not rest.empty:
        bullets.append(
            f"Ytterligare {len(rest)} {'post' if len(rest) == 1 else 'poster'} ligger utanför ”i nivå”, "
            "med mindre belopp: "
            + ", ".join(f"{r.post} ({fmt.signed_kr(r.avvikelse)})" for r in rest.itertuples())
            + "."
        )
    bullets.append(f"{len(ranked)} av {posts} poster avviker från budget ({measure} {ar} mot budget {ar}).")
    return Section("avvikelser", title, source, period, table=frame, bullets=bullets, amounts=("Avvikelse",))


def _county(view: county_view.Opening | None) -> Section:
    if view is None:
        return Section("lan", "Länsjämförelse", "", "", bullets=[county_view.NO_LAN])
    if view.table["varde"].isna().all():
        return Section(
            "lan",
            "Länsjämförelse",
            "",
            str(view.ar) if view.ar else "",
            bullets=[county_view.no_values(view)],
        )
    frame = county_view.ranking_table(view.table, view.measure, view.refs)[["Plats", "Kommun", "Värde"]]
    title = f"{view.label} {view.ar}"
    figure = ranking_map.county_map(
        view.table, county.geojson(view.lan), title, view.texts, county.provenance()
    )
    present = int(view.table["varde"].notna().sum())
    total = len(view.table)
    bullets = [] if present == total else [f"{present} av {total} kommuner har ett värde för {view.ar}."]
    return Section(
        "lan",
        f"Länsjämförelse: {view.label[0].lower()}{view.label[1:]} {view.ar}",
        "; ".join(view.sources),
        str(view.ar),
        table=frame,
        bullets=bullets,
        figure=figure,
        amounts=("Plats", "Värde"),
    )


def _categories(figure: go.Figure) -> list:
    """The categories of a figure's horizontal bars, in order."""
    bars = [t for t in figure.data if t.type == "bar" and t.orientation == "h" and t.y is not None]
    return list(dict.fromkeys(y for trace in bars for y in trace.y))


def _image_size(section: Section) -> tuple[int, int]:
    """Width and height in pixels a section's figure is drawn at for the pack."""
    if section.key == "lan":
        return MAP_WIDTH, IMAGE_HEIGHT
    return IMAGE_WIDTH, max(IMAGE_HEIGHT, BAR_MARGIN + BAR_ROOM * len(_categories(section.figure)))


def _for_print(section: Section) -> go.Figure:
    """A copy of a section's figure laid out for the pack's wide image: every category
    labelled (Plotly drops labels where they crowd), and no title where the heading says it
    (the legend has its own room at the foot of the figure, ``charts._style``). The map's
    kommun labels keep their size: larger, the small kommuner's labels run into each other."""
    width, height = _image_size(section)
    out = go.Figure(section.figure).update_layout(width=width, height=height)
    categories = _categories(out)
    if categories:
        out.update_yaxes(tickmode="array", tickvals=categories)
    if section.key == "lan":  # the map's title is the heading's; the map gets its height
        out.update_layout(title_text="", margin_t=10)
    return out


def render_images(pack: Pack, progress: Callable[[int, int], None] | None = None) -> None:
    """Render every section's figure to PNG in one Kaleido session (one Chromium)."""
    import kaleido

    todo = [s for s in pack.sections if s.figure is not None]

    async def run() -> None:
        async with kaleido.Kaleido(n=1) as k:
            for i, section in enumerate(todo, start=1):
                width, height = _image_size(section)
                opts = {"format": "png", "width": width, "height": height, "scale": IMAGE_SCALE}
                section.image = await k.calc_fig(_for_print(section), opts=opts)
                if progress:
                    progress(i, len(todo))

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop here (a Streamlit run, the command line): run in this thread,
        asyncio.run(run())  # so that ``progress`` may update the page
        return
    # The caller already runs an event loop (e.g. Playwright's sync API): a thread of its own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, run()).result()


def make(
    con: duckdb.DuckDBPyConnection,
    forbund: str,
    period_end: dt.date,
    meeting: dt.date,
    kind: str,
    views: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """Build, render and write a pack as ``pdf`` or ``pptx``."""
    pack = build(con, forbund, period_end, meeting, views)
    render_images(pack, progress)
    return pack_pdf.to_pdf(pack) if kind == "pdf" else pack_pptx.to_pptx(pack)
