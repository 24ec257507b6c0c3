"""The meeting pack as a 16:9 PowerPoint.

The pack as a 16:9 PowerPoint: a cover, then each view's chart, its table over as many
slides as it needs and its notes, each slide with its source and no shape over another.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.view.pack_text import cell_text, column_widths, cover_lines, line_count, png_aspect, subtitle

if TYPE_CHECKING:
    from dashboard.view.meeting import Section
    from dashboard.view.pack import Pack

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
    return line_count(text, width - 2 * BOX_X, size, bold) * size * LINE + 2 * BOX_Y


CONTENT_WIDTH = SLIDE_WIDTH - 2 * SLIDE_MARGIN


def _slide_title(section: Section, continued: bool) -> str:
    return section.title + (" (forts.)" if continued else "")


def _source_line(section: Section) -> str:
    return f"Källa: {section.source}"


def _slide_bounds(pack: Pack, section: Section, continued: bool) -> tuple[float, float, float, float]:
    """Where a section's slide puts its title, subtitle, content and source: the tops of
    the subtitle and the content, the bottom of the content, and the top of the source box."""
    subtitle_top = 18.0 + _box_height(_slide_title(section, continued), CONTENT_WIDTH, TITLE_SIZE, True)
    content_top = subtitle_top + _box_height(subtitle(pack, section), CONTENT_WIDTH, SUBTITLE_SIZE) + GAP
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
        text(slide, subtitle(pack, section), subtitle_top, SUBTITLE_SIZE)
        if section.source:
            text(slide, _source_line(section), source_top, SOURCE_SIZE)
        return _Slide(slide, content_top, content_bottom)

    cover = deck.slides.add_slide(blank)
    y = 130.0
    y += text(cover, "Mötesunderlag", y, 44, bold=True) + GAP
    text(cover, "\n".join(cover_lines(pack)), y, 24)

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
    aspect = png_aspect(image)
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
    widths = column_widths(section.table, section.amounts, CONTENT_WIDTH, size, 2 * BOX_X)
    while widths is None and size > TABLE_MIN_SIZE:
        size -= 1
        widths = column_widths(section.table, section.amounts, CONTENT_WIDTH, size, 2 * BOX_X)
    if widths is None:  # words wider than the slide: equal columns, broken inside words
        widths = [CONTENT_WIDTH / len(section.table.columns)] * len(section.table.columns)
    return widths, size


def _row_height(cells: list[str], widths: list[float], size: float, bold: bool) -> float:
    lines = max(line_count(c, w - 2 * BOX_X, size, bold) for c, w in zip(cells, widths, strict=True))
    return lines * size * LINE + 2 * CELL_Y


def _table_parts(section: Section, room: float) -> list[_TablePart]:
    """The table cut into parts of at most ``room`` points, the header on each, every row
    measured; as few parts as the rows allow, about even."""
    frame = section.table
    widths, size = _table_layout(section)
    header = _row_height([str(c) for c in frame.columns], widths, size, bold=True)
    heights = [
        _row_height([cell_text(v) for v in row], widths, size, bold=False)
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
        *([cell_text(v) for v in row] for row in rows.itertuples(index=False)),
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
