"""Mötesunderlag: the board pack as PDF and PowerPoint, made from the dashboard's own views.

The pack holds a cover, then the chosen views: key figures, budget and utfall, the posts
that deviate from budget with their comments, team capacity and the county comparison, each
with the period of its own data and its source (document title and section). Charts are the
same Plotly figures as on screen, rendered to PNG in one Kaleido session (each start of
Chromium costs seconds, so never one per chart).

Both files are laid out from measured text: every table's columns and rows are sized from
its cells (Helvetica's metrics, which Arial and Liberation Sans share), so the PDF's tables
stay inside the page and the PowerPoint's tables are cut over as many slides as they need,
each shape clear of the others.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import io
import math
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.domain import budget, capacity, county, documents, overview
from dashboard.exchange import fmt
from dashboard.store import embedded, sql
from dashboard.view import budget_view, capacity_view, charts, county_view, overview_view, ranking_map

VIEWS = {
    "nyckeltal": "Nyckeltal",
    "budget": "Budget och utfall",
    "avvikelser": "Största avvikelser",
    "team": "Teamkapacitet",
    "mal": "Mål och resultat",
    "lan": "Länsjämförelse",
}
# Charts are drawn for a 16:9 slide's content area (about 12,3 × 5,2 inches): the screen's
# 18 px text then stays at about 14 pt on the slide. Scale 2 keeps them sharp in print.
IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE = 1180, 500, 2
# The map keeps the county's own shape: narrower, so that it is as tall as the others.
MAP_WIDTH = 700
# Bar charts of many categories grow taller rather than crowd their labels.
BAR_ROOM, BAR_MARGIN = 24, 170


class ReportError(Exception):
    """A pack that cannot be made (no such period), said in Swedish."""


@dataclass
class Section:
    """One view of the pack. ``period`` is the period of the data the view shows (the
    county view's data year, the team view's plan year), which its headings name."""

    key: str
    title: str
    source: str
    period: str
    table: pd.DataFrame | None = None
    bullets: list[str] = field(default_factory=list)
    figure: go.Figure | None = None
    image: bytes | None = None
    amounts: tuple[str, ...] = ()  # the table's columns of figures, aligned right


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


def periods(con: duckdb.DuckDBPyConnection, forbund: str) -> list[dt.date]:
    """The period ends the data holds for a förbund: utfall dates, and year ends."""
    per = overview.periods(con)
    per = per[per["forbund"] == forbund]
    return sorted({d.date() for d in per["period_slut"]}, reverse=True)


def build(
    con: duckdb.DuckDBPyConnection,
    forbund: str,
    period_end: dt.date,
    meeting: dt.date,
    views: list[str] | None = None,
) -> Pack:
    """The pack's content for a förbund, the period ending ``period_end``, and a meeting."""
    views = views or list(VIEWS)
    ar = period_end.year
    lines = budget.lines(con, forbund, ar, period_end)
    if lines.empty or period_end not in periods(con, forbund):
        raise ReportError(
            f"Det finns ingen period som slutar {fmt.date(period_end)} för {forbund}. "
            f"Perioder i datan: {', '.join(str(p) for p in periods(con, forbund)) or 'inga'}."
        )
    table = budget_view.board_table(lines)
    source = budget.source(con, lines)
    period = budget_view.period_label(table, ar)
    info = embedded.build_info(con)
    data_date = f"data byggd {fmt.date(info.built_at.date())}" if info else ""
    builders: dict[str, Callable[[], Section]] = {
        "nyckeltal": lambda: _key_figures(con, forbund, ar, period),
        "budget": lambda: _budget(table, ar, source, period),
        "avvikelser": lambda: _deviations(table, ar, source, period),
        "team": lambda: team_section(con, forbund, ar),
        "mal": lambda: goals_section(con, forbund, ar),
        "lan": lambda: _county(con),
    }
    sections = [builders[view]() for view in views]
    return Pack(forbund, meeting, period, data_date, sections)


def _key_figures(con: duckdb.DuckDBPyConnection, forbund: str, ar: int, period: str) -> Section:
    figures = overview_view.key_figures(con, forbund, ar)
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
    sources = sorted({f.source for f in figures})
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


def team_section(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> Section:
    """The förbund's insatser of a year: FTE, places, budget and cost per place, and FTE per
    team by employer; the period of the plans and budget it shows, its sources by title."""
    plans = capacity.teams(con, ar)
    plans = plans[plans["forbund"] == forbund].reset_index(drop=True)
    if plans.empty:
        return Section(
            "team",
            f"Teamkapacitet {ar}",
            "",
            str(ar),
            bullets=[f"Datan har ingen insats med bemanning, platser eller budget för {forbund} {ar}."],
        )
    frame = capacity_view.team_table(plans)[
        ["Insats", "FTE", "Platser (tryckt)", "Budget", "Kostnad per plats"]
    ]
    staff = capacity.staffing(con, ar)
    staff = staff[staff["insats_id"].isin(plans["insats_id"])]
    figure = charts.staffing_bars(capacity.fte_by_employer(staff)) if not staff.empty else None
    plan_years = sorted({int(y) for y in pd.concat([plans["bemanning_ar"], plans["platser_ar"]]).dropna()})
    if plan_years and plan_years != [ar]:
        period = f"budget {ar}, bemanning och platser enligt planen för {', '.join(map(str, plan_years))}"
    else:
        period = f"plan och budget {ar}"
    rows = sql.query(con, "team_sources", ar=ar)
    rows = rows[rows["insats_id"].isin(plans["insats_id"]) & ~rows["avsnitt"].str.startswith("import ")]
    source = capacity.sources_text(con, rows)
    return Section(
        "team",
        f"Teamkapacitet {ar}",
        source,
        period,
        table=frame,
        figure=figure,
        amounts=("FTE", "Budget", "Kostnad per plats"),
    )


def goals_section(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> Section:
    """The förbund's goals of a year and its financial rules, each with target, outcome and
    status (``goals.STATUS_RULES``, stated in the section), sources by title and section."""
    from dashboard.domain import goals
    from dashboard.view import goals_view

    frame = goals_view.goals_shown(con, forbund)
    year = frame[frame["ar"] == ar]
    rules = goals_view.rule_outcomes(con, forbund, ar)
    title = f"Mål och resultat {ar}"
    if year.empty and not rules:
        return Section("mal", title, "", str(ar), bullets=[f"Dokumenten har inga mål för {forbund} {ar}."])
    table = pd.DataFrame(
        {
            "Område": list(year["omrade"]) + ["Ekonomiska styrtal"] * len(rules),
            "Mål": list(year["mal"]) + [r.rule for r in rules],
            "Målvärde": list(year["malvarde_visas"]) + [""] * len(rules),
            "Utfall": list(year["utfall_visas"]) + [r.outcome for r in rules],
            "Status": list(year["status"]) + [r.status for r in rules],
        }
    )
    counts = table["Status"].value_counts()
    summary = ", ".join(f"{fmt.number(counts.get(s, 0))} {s}" for s in goals.STATUSES)
    cited = [
        documents.citation(con, d, a, short=True)
        for d, a in zip(year["dokument"], year["avsnitt"], strict=True)
    ]
    cited += list(year["utfall_kalla"].dropna()) + [r.source for r in rules]
    cited += [part for r in rules for part in r.outcome_source.split("; ") if part]
    return Section(
        "mal",
        title,
        "; ".join(documents.each_once(cited)),
        f"mål för {ar}, utfall enligt dokumenten och registrerade utfall",
        table=table,
        bullets=[f"Status: {summary}."]
        + [f"{s.capitalize()}: {goals.STATUS_RULES[s]}" for s in goals.STATUSES],
    )


def _county(con: duckdb.DuckDBPyConnection) -> Section:
    view = county_view.opening(con)
    if view.table["varde"].isna().all():
        return Section(
            "lan",
            "Länsjämförelse",
            "",
            str(view.ar) if view.ar else "",
            bullets=[
                "Länsjämförelsen är utelämnad: inget av dess mått har värden per kommun i datan "
                "(helårsekvivalenter per kommun kommer med en import av SCB:s tabell HE0000 på sidan Data)."
            ],
        )
    frame = county_view.ranking_table(view.table, view.measure, view.refs)[["Plats", "Kommun", "Värde"]]
    title = f"{view.label} {view.ar}"
    figure = ranking_map.county_map(view.table, county.geojson(), title, view.texts, county.provenance())
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


def _aspect(image: bytes) -> float:
    """Width over height of a PNG (its IHDR chunk)."""
    width, height = struct.unpack(">II", image[16:24])
    return width / height


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


def _cover_lines(pack: Pack) -> list[str]:
    return [
        pack.forbund,
        f"Möte {fmt.date(pack.meeting)}",
        f"Period: {pack.period}",
        f"Underlaget gjort {fmt.date(dt.date.today())}" + (f" ({pack.data_date})" if pack.data_date else ""),
    ]


def _cell(value: object) -> str:
    """A table cell as text: missing values as ``–``, never ``None`` or ``nan``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return fmt.MISSING
    return str(value)


def _subtitle(pack: Pack, section: Section) -> str:
    return f"{pack.forbund}, {section.period}" if section.period else pack.forbund


# -- measuring text ---------------------------------------------------------------------------


def _width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of text in points (Helvetica's metrics, as Arial's)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", size)


def _line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped at spaces into ``width`` points (a word
    longer than the width is broken inside, as PowerPoint does). Estimated 4 % wide, so
    that a renderer with slightly wider glyphs still fits it."""
    width = width / 1.04
    count = 0
    for paragraph in text.split("\n"):
        line = ""
        lines = 1
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if _width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines += 1
            extra = math.ceil(_width(word, size, bold) / width) - 1 if width > 0 else 0
            lines += max(extra, 0)
            line = word
        count += lines
    return count


def _longest_word(text: str, size: float, bold: bool = False) -> float:
    return max((_width(w, size, bold) for w in text.split()), default=0.0)


def _column_widths(
    frame: pd.DataFrame, amounts: tuple[str, ...], total: float, size: float, padding: float
) -> list[float] | None:
    """Column widths in points that fill ``total``: figures on one line at their widest,
    text columns sharing the rest by their natural width; None when they cannot fit."""
    natural, least = [], []
    for column in frame.columns:
        cells = [_cell(v) for v in frame[column]]
        header_word = _longest_word(str(column), size, bold=True)
        widest = max((_width(c, size) for c in cells), default=0.0)
        if column in amounts:  # on one line, with room for a renderer's slightly wider glyphs
            need = max(widest, header_word) * 1.08 + padding
            natural.append(need)
            least.append(need)
        else:
            natural.append(max(widest, _width(str(column), size, bold=True)) + padding)
            least.append(max(header_word, *(_longest_word(c, size) for c in cells), 0.0) * 1.08 + padding)
    if sum(least) > total:
        return None
    text = [i for i, c in enumerate(frame.columns) if c not in amounts]
    if sum(natural) <= total:  # text columns get some air, a narrow table stays narrow
        widths = list(natural)
        spare = min(total - sum(widths), 0.5 * sum(widths))
        share = sum(natural[i] for i in text) or 1.0
        for i in text or range(len(widths)):
            widths[i] += spare * (natural[i] / share if text else 1 / len(widths))
        return widths
    widths = list(least)
    spare = total - sum(widths)
    wants = {i: natural[i] - least[i] for i in text}
    asked = sum(wants.values()) or 1.0
    for i in text:
        widths[i] += spare * wants[i] / asked
    return widths


# -- PDF --------------------------------------------------------------------------------------

PDF_FONT_SIZE = 9


def _pdf_table(section: Section, width: float):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    frame, padding = section.table, 8.0
    size = PDF_FONT_SIZE
    widths = _column_widths(frame, section.amounts, width, size, padding)
    while widths is None and size > 6:
        size -= 1
        widths = _column_widths(frame, section.amounts, width, size, padding)
    if widths is None:  # words longer than the page is wide: equal columns, wrapped inside words
        widths = [width / len(frame.columns)] * len(frame.columns)
    styles = {
        (bold, right): ParagraphStyle(
            f"cell{bold}{right}",
            fontName="Helvetica-Bold" if bold else "Helvetica",
            fontSize=size,
            leading=size * 1.2,
            alignment=TA_RIGHT if right else TA_LEFT,
        )
        for bold in (False, True)
        for right in (False, True)
    }
    right = [c in section.amounts for c in frame.columns]
    data = [[Paragraph(escape(str(c)), styles[True, r]) for c, r in zip(frame.columns, right, strict=True)]]
    data += [
        [Paragraph(escape(_cell(v)), styles[False, r]) for v, r in zip(row, right, strict=True)]
        for row in frame.itertuples(index=False)
    ]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6ef")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), padding / 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding / 2),
            ]
        )
    )
    return table


def to_pdf(pack: Pack) -> bytes:
    """An A4 PDF of the pack: cover, then each view with its chart, table, notes and source;
    every page numbered in its footer with the förbund and the period."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    body = styles["BodyText"].clone("body", fontSize=10, leading=13)
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    footer = f"Mötesunderlag {pack.forbund}, {pack.period}"
    margin = 1.8 * cm
    page_width = A4[0]

    class NumberedCanvas(canvas.Canvas):
        """Holds the pages back until the last, so each can say how many there are."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.setFillGray(0.25)
                self.drawString(margin, 1.0 * cm, footer)
                self.drawRightString(page_width - margin, 1.0 * cm, f"Sida {number} av {len(self._pages)}")
                super().showPage()
            super().save()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=1.6 * cm,
        bottomMargin=1.8 * cm,
        title=f"Mötesunderlag {pack.forbund}",
    )
    width = page_width - 2 * margin
    story = [Spacer(1, 5 * cm), Paragraph("Mötesunderlag", styles["Title"])]
    story += [
        Paragraph(escape(line), styles["Heading2"] if i == 0 else body)
        for i, line in enumerate(_cover_lines(pack))
    ]
    for section in pack.sections:
        story += [
            PageBreak(),
            Paragraph(escape(section.title), styles["Heading1"]),
            Paragraph(escape(_subtitle(pack, section)), body),
        ]
        if section.source:  # under the heading, where it cannot be left alone on a page
            story.append(Paragraph(f"Källa: {escape(section.source)}", small))
        if section.image:
            aspect = _aspect(section.image)
            shown = min(width, 12 * cm * aspect)
            picture = Image(io.BytesIO(section.image), width=shown, height=shown / aspect, hAlign="LEFT")
            story += [Spacer(1, 0.3 * cm), picture]
        if section.bullets:
            story.append(Spacer(1, 0.2 * cm))
            story += [Paragraph(f"• {escape(b)}", body) for b in section.bullets]
        if section.table is not None:
            story += [Spacer(1, 0.3 * cm), _pdf_table(section, width)]
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


# -- PowerPoint -------------------------------------------------------------------------------

SLIDE_WIDTH, SLIDE_HEIGHT = 960.0, 540.0  # points: 13,333 × 7,5 inches, 16:9
SLIDE_MARGIN = 36.0
SLIDE_FONT = "Arial"  # Liberation Sans where Arial is missing: Helvetica's metrics either way
TITLE_SIZE, SUBTITLE_SIZE, BODY_SIZE, TABLE_SIZE, SOURCE_SIZE = 28, 18, 20, 16, 14
TABLE_MIN_SIZE = 14
LINE = 1.2  # line height as a share of the font size
BOX_X, BOX_Y = 7.2, 3.6  # a text box's inner margins (PowerPoint's defaults)
CELL_Y = 2.4  # a table cell's top and bottom margins
GAP = 8.0


@dataclass
class _Slide:
    """A slide's frame: the top of its content area and the bottom (above the source)."""

    slide: object
    top: float
    bottom: float


def _box_height(text: str, width: float, size: float, bold: bool = False) -> float:
    return _line_count(text, width - 2 * BOX_X, size, bold) * size * LINE + 2 * BOX_Y


CONTENT_WIDTH = SLIDE_WIDTH - 2 * SLIDE_MARGIN


def _slide_title(section: Section, continued: bool) -> str:
    return section.title + (" (forts.)" if continued else "")


def _source_line(section: Section) -> str:
    return f"Källa: {section.source}"


def _slide_bounds(pack: Pack, section: Section, continued: bool) -> tuple[float, float, float, float]:
    """Where a section's slide puts its title, subtitle, content and source: the tops of
    the subtitle and the content, the bottom of the content, and the top of the source box."""
    subtitle_top = 18.0 + _box_height(_slide_title(section, continued), CONTENT_WIDTH, TITLE_SIZE, True)
    content_top = subtitle_top + _box_height(_subtitle(pack, section), CONTENT_WIDTH, SUBTITLE_SIZE) + GAP
    source_top = SLIDE_HEIGHT - 12.0
    if section.source:
        source_top -= _box_height(_source_line(section), CONTENT_WIDTH, SOURCE_SIZE)
    return subtitle_top, content_top, source_top - GAP, source_top


def to_pptx(pack: Pack) -> bytes:
    """A 16:9 PowerPoint of the pack: a cover, then for each view its chart, its table over as
    many slides as it needs ("(forts.)" in the title), its notes, each slide with its source."""
    from pptx import Presentation
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Pt(SLIDE_WIDTH), Pt(SLIDE_HEIGHT)
    blank = deck.slide_layouts[6]

    def text(slide, content: str, top: float, size: float, bold: bool = False) -> float:
        height = _box_height(content, CONTENT_WIDTH, size, bold)
        box = slide.shapes.add_textbox(Pt(SLIDE_MARGIN), Pt(top), Pt(CONTENT_WIDTH), Pt(height))
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Pt(BOX_X)
        frame.margin_top = frame.margin_bottom = Pt(BOX_Y)
        for i, line in enumerate(content.split("\n")):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = SLIDE_FONT
        return height

    def new_slide(section: Section, continued: bool) -> _Slide:
        slide = deck.slides.add_slide(blank)
        subtitle_top, content_top, content_bottom, source_top = _slide_bounds(pack, section, continued)
        text(slide, _slide_title(section, continued), 18.0, TITLE_SIZE, bold=True)
        text(slide, _subtitle(pack, section), subtitle_top, SUBTITLE_SIZE)
        if section.source:
            text(slide, _source_line(section), source_top, SOURCE_SIZE)
        return _Slide(slide, content_top, content_bottom)

    cover = deck.slides.add_slide(blank)
    y = 130.0
    y += text(cover, "Mötesunderlag", y, 44, bold=True) + GAP
    text(cover, "\n".join(_cover_lines(pack)), y, 24)

    for section in pack.sections:
        continued = False
        if section.image:
            frame = new_slide(section, continued)
            _pptx_picture(frame, section.image, Pt)
            continued = True
        if section.table is not None:
            _, top, bottom, _ = _slide_bounds(pack, section, True)  # the longer title: room on every part
            for part in _table_parts(section, bottom - top):
                frame = new_slide(section, continued)
                _pptx_table(frame, section, part, Pt, PP_ALIGN, MSO_ANCHOR)
                continued = True
        items = [f"• {b}" for b in section.bullets]
        while items:
            frame = new_slide(section, continued)
            room = frame.bottom - frame.top
            take = 1
            while (
                take < len(items)
                and _box_height("\n".join(items[: take + 1]), CONTENT_WIDTH, BODY_SIZE) <= room
            ):
                take += 1
            text(frame.slide, "\n".join(items[:take]), frame.top, BODY_SIZE)
            items = items[take:]
            continued = True
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _pptx_picture(frame: _Slide, image: bytes, pt) -> None:
    room = frame.bottom - frame.top
    aspect = _aspect(image)
    height = min(room, CONTENT_WIDTH / aspect)
    width = height * aspect
    left = (SLIDE_WIDTH - width) / 2
    frame.slide.shapes.add_picture(io.BytesIO(image), pt(left), pt(frame.top), pt(width), pt(height))


@dataclass
class _TablePart:
    """The rows of a table that go on one slide, with the layout they were measured for."""

    rows: pd.DataFrame
    widths: list[float]
    heights: list[float]  # the header's first
    size: int


def _table_layout(section: Section) -> tuple[list[float], int]:
    """Column widths and font size of a section's table on a slide (smaller type only when
    the columns would not fit otherwise)."""
    size = TABLE_SIZE
    widths = _column_widths(section.table, section.amounts, CONTENT_WIDTH, size, 2 * BOX_X)
    while widths is None and size > TABLE_MIN_SIZE:
        size -= 1
        widths = _column_widths(section.table, section.amounts, CONTENT_WIDTH, size, 2 * BOX_X)
    if widths is None:  # words wider than the slide: equal columns, broken inside words
        widths = [CONTENT_WIDTH / len(section.table.columns)] * len(section.table.columns)
    return widths, size


def _row_height(cells: list[str], widths: list[float], size: float, bold: bool) -> float:
    lines = max(_line_count(c, w - 2 * BOX_X, size, bold) for c, w in zip(cells, widths, strict=True))
    return lines * size * LINE + 2 * CELL_Y


def _table_parts(section: Section, room: float) -> list[_TablePart]:
    """The table cut into parts of at most ``room`` points, the header on each, every row
    measured; as few parts as the rows allow, about even."""
    frame = section.table
    widths, size = _table_layout(section)
    header = _row_height([str(c) for c in frame.columns], widths, size, bold=True)
    heights = [
        _row_height([_cell(v) for v in row], widths, size, bold=False)
        for row in frame.itertuples(index=False)
    ]
    room -= header

    def cut(capacity: float) -> list[list[int]]:
        parts: list[list[int]] = [[]]
        used = 0.0
        for i, height in enumerate(heights):
            if parts[-1] and used + height > capacity:
                parts.append([])
                used = 0.0
            parts[-1].append(i)
            used += height
        return parts

    parts = cut(room)
    if len(parts) > 1:
        capacity = sum(heights) / len(parts)
        while len(even := cut(capacity)) > len(parts):
            capacity += 2.0
        parts = even
    return [_TablePart(frame.iloc[p], widths, [header, *(heights[i] for i in p)], size) for p in parts if p]


def _pptx_table(frame: _Slide, section: Section, part: _TablePart, pt, align, anchor) -> None:
    rows = part.rows
    shape = frame.slide.shapes.add_table(
        len(rows) + 1,
        len(rows.columns),
        pt(SLIDE_MARGIN),
        pt(frame.top),
        pt(sum(part.widths)),
        pt(sum(part.heights)),
    )
    table = shape.table
    for j, width in enumerate(part.widths):
        table.columns[j].width = pt(width)
    for i, height in enumerate(part.heights):
        table.rows[i].height = pt(height)
    cells = [
        [str(c) for c in rows.columns],
        *([_cell(v) for v in row] for row in rows.itertuples(index=False)),
    ]
    for i, values in enumerate(cells):
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            cell.text = value
            cell.margin_left = cell.margin_right = pt(BOX_X)
            cell.margin_top = cell.margin_bottom = pt(CELL_Y)
            cell.vertical_anchor = anchor.TOP
            for paragraph in cell.text_frame.paragraphs:
                paragraph.alignment = align.RIGHT if rows.columns[j] in section.amounts else align.LEFT
                for run in paragraph.runs:
                    run.font.size = pt(part.size)
                    run.font.name = SLIDE_FONT
                    run.font.bold = i == 0


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
    return to_pdf(pack) if kind == "pdf" else to_pptx(pack)


def meetings(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> pd.DataFrame:
    """The förbund's board meetings and medlemssamråd in its årshjul, the year ``ar``'s
    first, with the årshjul's source (``kalla``); empty when the data holds no årshjul for
    the förbund."""
    rows = sql.query(con, "meeting_dates", forbund=forbund, ar=ar)
    rows["kalla"] = [
        documents.citation(con, d, a, short=True)
        for d, a in zip(rows["dokument"], rows["avsnitt"], strict=True)
    ]
    return rows.drop(columns=["dokument", "avsnitt"])


def default_meeting(rows: pd.DataFrame, period_end: dt.date) -> int:
    """The meeting a pack for ``period_end`` is most likely for, as an index into ``meetings``:
    the first meeting of the chosen year on or after the period's end, else the first listed."""
    for i, day in enumerate(rows["datum"]):
        if day.year != rows["datum"].iloc[0].year:
            break
        if day.date() >= period_end:
            return i
    return 0


def meetings_note(rows: pd.DataFrame, ar: int) -> str:
    """Where the offered meetings come from, and which year, when not the chosen one."""
    years = sorted({d.year for d in rows["datum"]})
    note = "" if ar in years else f" Årshjulet gäller {', '.join(map(str, years))}, inte {ar}."
    return f"Mötena ur årshjulet: {'; '.join(sorted(set(rows['kalla'])))}.{note}"
