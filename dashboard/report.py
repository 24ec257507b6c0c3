"""Mötesunderlag: the board pack as PDF and PowerPoint, made from the dashboard's own views.

The pack holds a cover, then the chosen views: key figures, budget and utfall, the lines
that deviate most with their comments, team capacity and the county comparison, each with
its source. Charts are the same Plotly figures as on screen, rendered to PNG in one
Kaleido session (each start of Chromium costs seconds, so never one per chart).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard import budget, capacity, charts, county, db, fmt, overview

VIEWS = {
    "nyckeltal": "Nyckeltal",
    "budget": "Budget och utfall",
    "avvikelser": "Största avvikelser",
    "team": "Teamkapacitet",
    "lan": "Länsjämförelse",
}
IMAGE_WIDTH, IMAGE_HEIGHT = 1400, 800


class ReportError(Exception):
    """A pack that cannot be made (no such period), said in Swedish."""


@dataclass
class Section:
    key: str
    title: str
    source: str
    table: pd.DataFrame | None = None
    bullets: list[str] = field(default_factory=list)
    figure: go.Figure | None = None
    image: bytes | None = None


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
    table = budget.board_table(lines)
    source = budget.source(con, lines)
    period = budget.period_label(table, ar)
    info = db.build_info(con)
    data_date = f"data byggd {info.built_at:%Y-%m-%d}" if info else ""
    sections: list[Section] = []
    builders: dict[str, Callable[[], Section]] = {
        "nyckeltal": lambda: _key_figures(con, forbund, ar),
        "budget": lambda: _budget(table, ar, source),
        "avvikelser": lambda: _deviations(table, source),
        "team": lambda: _team(con, ar),
        "lan": lambda: _county(con),
    }
    for view in views:
        sections.append(builders[view]())
    return Pack(forbund, meeting, period, data_date, sections)


def _key_figures(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> Section:
    figures = overview.key_figures(con, forbund, ar)
    frame = pd.DataFrame(
        {
            "Nyckeltal": [f.label for f in figures],
            "Värde": [f.text for f in figures],
            "Källa": [f.source for f in figures],
        }
    )
    sources = sorted({f.source for f in figures})
    return Section("nyckeltal", f"Nyckeltal {ar}", "; ".join(sources), table=frame)


def _budget(table: pd.DataFrame, ar: int, source: str) -> Section:
    shown = budget.display_table(table, ar, for_export=True)
    keep = [
        c for c in shown.columns if not c.startswith(("Förbrukat", "Förbrukning", "Avvikelse %", "Kommentar"))
    ]
    frame = shown[keep].copy()
    for column in budget.money_columns(frame):
        formatter = fmt.signed_kr if column.startswith("Avvikelse") else fmt.kr
        frame[column] = [formatter(v) for v in frame[column]]
    frame["Mot budget"] = [_words(s) for s in frame["Mot budget"]]
    labels = budget.column_labels(table, ar)
    figure = charts.budget_bars(table, labels["utfall_ar"], labels.get("utfall"), "storlek", labels["budget"])
    return Section("budget", "Budget och utfall per post", source, table=frame, figure=figure)


def _deviations(table: pd.DataFrame, source: str) -> Section:
    top = budget.largest_deviations(table, 5)
    bullets = [
        f"{row.post}: {fmt.signed_kr(row.avvikelse)} mot budget ({_words(row.status)})."
        + (f" {row.kommentar}" if isinstance(row.kommentar, str) and row.kommentar else "")
        for row in top.itertuples()
    ]
    measure = table.attrs.get("outcome_measure") or "budget"
    column = "utfall_ar" if table.attrs.get("outcome_measure") else "budget"
    figure = charts.result_waterfall(table, column, measure)
    return Section(
        "avvikelser", "Poster som avviker mest, med kommentarer", source, bullets=bullets, figure=figure
    )


def _team(con: duckdb.DuckDBPyConnection, ar: int) -> Section:
    plans = capacity.teams(con, ar)
    frame = capacity.team_table(plans)[["Insats", "FTE", "Platser (tryckt)", "Budget", "Kostnad per plats"]]
    staff = capacity.staffing(con, ar)
    figure = charts.staffing_bars(capacity.fte_by_employer(staff)) if not staff.empty else None
    sources = sorted(
        {
            s
            for s in plans[["dokument_bemanning", "dokument_platser", "dokument_budget"]].stack().dropna()
            for s in str(s).split(", ")
        }
    )
    return Section(
        "team", f"Teamkapacitet {ar}", "Dokument: " + ", ".join(sources), table=frame, figure=figure
    )


def _county(con: duckdb.DuckDBPyConnection) -> Section:
    key = "hel_andel"
    ar = county.default_year(con, key)
    table = county.ranking(con, key, ar)
    refs = county.references(con, key, ar)
    measure = county.MEASURES[key]
    frame = county.ranking_table(table, measure, refs)[["Plats", "Kommun", "Värde"]]
    texts = [county.value_text(measure, v) for v in table["varde"]]
    figure = charts.county_map(table, county.geojson(), f"{measure.label} {ar}", texts, county.provenance())
    sources = sorted({s for s in refs["kalla"]} | {s for s in table["kalla"].dropna()})
    return Section(
        "lan", f"Länsjämförelse: {measure.label.lower()} {ar}", "; ".join(sources), table=frame, figure=figure
    )


def render_images(pack: Pack, progress: Callable[[int, int], None] | None = None) -> None:
    """Render every section's figure to PNG in one Kaleido session (one Chromium)."""
    import kaleido

    todo = [s for s in pack.sections if s.figure is not None]
    opts = {"format": "png", "width": IMAGE_WIDTH, "height": IMAGE_HEIGHT, "scale": 1}

    async def run() -> None:
        async with kaleido.Kaleido(n=1) as k:
            for i, section in enumerate(todo, start=1):
                figure = go.Figure(section.figure).update_layout(height=IMAGE_HEIGHT)
                section.image = await k.calc_fig(figure, opts=opts)
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
        f"Underlaget gjort {fmt.date(dt.date.today())} ({pack.data_date})",
    ]


def to_pdf(pack: Pack) -> bytes:
    """An A4 PDF of the pack: cover, then each view with its table, chart and source."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=9.5)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=1.8 * cm,
        rightMargin=1.8 * cm,
        topMargin=1.6 * cm,
        bottomMargin=1.6 * cm,
        title=f"Mötesunderlag {pack.forbund}",
    )
    story = [Spacer(1, 5 * cm), Paragraph("Mötesunderlag", styles["Title"])]
    story += [
        Paragraph(line, styles["Heading2"] if i == 0 else styles["BodyText"])
        for i, line in enumerate(_cover_lines(pack))
    ]
    for section in pack.sections:
        story += [
            PageBreak(),
            Paragraph(section.title, styles["Heading1"]),
            Paragraph(f"{pack.forbund}, {pack.period}", styles["BodyText"]),
        ]
        if section.image:
            story += [
                Spacer(1, 0.3 * cm),
                Image(io.BytesIO(section.image), width=17 * cm, height=17 * cm * IMAGE_HEIGHT / IMAGE_WIDTH),
            ]
        for bullet in section.bullets:
            story.append(Paragraph(f"• {escape(bullet)}", styles["BodyText"]))
        if section.table is not None:
            data = [[Paragraph(escape(str(c)), cell) for c in section.table.columns]]
            data += [
                [Paragraph(escape(str(v)), cell) for v in row]
                for row in section.table.itertuples(index=False)
            ]
            t = Table(data, repeatRows=1)
            t.setStyle(
                TableStyle(
                    [
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [Spacer(1, 0.3 * cm), t]
        story += [Spacer(1, 0.3 * cm), Paragraph(f"Källa: {escape(section.source)}", small)]
    doc.build(story)
    return buffer.getvalue()


def to_pptx(pack: Pack) -> bytes:
    """A 16:9 PowerPoint of the pack: a cover, then for each view its chart or table and source."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]

    def text(
        slide,
        content: str,
        left: float,
        top: float,
        width: float,
        height: float,
        size: int,
        bold: bool = False,
    ) -> None:
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(content.split("\n")):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)
            paragraph.font.bold = bold

    cover = deck.slides.add_slide(blank)
    text(cover, "Mötesunderlag", 0.8, 2.0, 11.5, 1.2, 44, bold=True)
    text(cover, "\n".join(_cover_lines(pack)), 0.8, 3.3, 11.5, 2.5, 24)
    for section in pack.sections:
        slide = deck.slides.add_slide(blank)
        text(slide, section.title, 0.5, 0.3, 12.3, 0.8, 30, bold=True)
        text(slide, f"{pack.forbund}, {pack.period}", 0.5, 1.0, 12.3, 0.4, 16)
        if section.image:
            slide.shapes.add_picture(io.BytesIO(section.image), Inches(0.9), Inches(1.5), height=Inches(5.3))
        elif section.table is not None:
            _pptx_table(slide, section.table, Inches, Pt)
        if section.bullets:
            bullets = deck.slides.add_slide(blank)
            text(bullets, section.title, 0.5, 0.3, 12.3, 0.8, 30, bold=True)
            text(bullets, "\n".join(f"• {b}" for b in section.bullets), 0.5, 1.2, 12.3, 5.6, 16)
            text(bullets, f"Källa: {section.source}", 0.5, 6.9, 12.3, 0.5, 11)
        if section.image and section.table is not None:
            table_slide = deck.slides.add_slide(blank)
            text(table_slide, section.title, 0.5, 0.3, 12.3, 0.8, 30, bold=True)
            _pptx_table(table_slide, section.table, Inches, Pt)
            text(table_slide, f"Källa: {section.source}", 0.5, 6.9, 12.3, 0.5, 11)
        text(slide, f"Källa: {section.source}", 0.5, 6.9, 12.3, 0.5, 11)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _pptx_table(slide, frame: pd.DataFrame, inches, pt) -> None:
    rows = frame.head(22)
    shape = slide.shapes.add_table(
        len(rows) + 1,
        len(rows.columns),
        inches(0.5),
        inches(1.5),
        inches(12.3),
        inches(0.25 * (len(rows) + 1)),
    )
    table = shape.table
    for j, column in enumerate(rows.columns):
        table.cell(0, j).text = str(column)
    for i, row in enumerate(rows.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            table.cell(i, j).text = str(value)
    for cell in (table.cell(i, j) for i in range(len(rows) + 1) for j in range(len(rows.columns))):
        for paragraph in cell.text_frame.paragraphs:
            paragraph.font.size = pt(11)


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


def meetings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The board meetings and medlemssamråd of the årshjul (000 bilaga 1)."""
    from dashboard import sql

    return sql.query(con, "meeting_dates")
