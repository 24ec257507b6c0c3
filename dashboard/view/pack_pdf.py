"""The meeting pack as an A4 PDF.

The pack as an A4 PDF: cover, then each view with its chart, table, notes and source, every
page numbered; tables sized from their cells so they stay inside the page.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from dashboard.view.pack_text import cell_text, column_widths, cover_lines, png_aspect, subtitle

if TYPE_CHECKING:
    from dashboard.view.meeting import Section
    from dashboard.view.pack import Pack

PDF_FONT_SIZE = 9


def _pdf_table(section: Section, width: float):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    frame, padding = section.table, 8.0
    size = PDF_FONT_SIZE
    widths = column_widths(frame, section.amounts, width, size, padding)
    while widths is None and size > 6:
        size -= 1
        widths = column_widths(frame, section.amounts, width, size, padding)
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
        [Paragraph(escape(cell_text(v)), styles[False, r]) for v, r in zip(row, right, strict=True)]
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
        for i, line in enumerate(cover_lines(pack))
    ]
    for section in pack.sections:
        story += [
            PageBreak(),
            Paragraph(escape(section.title), styles["Heading1"]),
            Paragraph(escape(subtitle(pack, section)), body),
        ]
        if section.source:  # under the heading, where it cannot be left alone on a page
            story.append(Paragraph(f"Källa: {escape(section.source)}", small))
        if section.image:
            aspect = png_aspect(section.image)
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
