"""The pack's text measured for its two files, and the lines both files share.

The pack's text measured for its two files: widths in points by Helvetica's metrics (which
Arial and Liberation Sans share), lines of wrapped text, table columns sized from their cells;
and the lines every file shares (cover, subtitle, a cell as text).
"""

from __future__ import annotations

import datetime as dt
import math
import struct
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.exchange import fmt

if TYPE_CHECKING:
    from dashboard.view.meeting import Section
    from dashboard.view.pack import Pack


def cover_lines(pack: Pack) -> list[str]:
    return [
        pack.forbund,
        f"Möte {fmt.date(pack.meeting)}",
        f"Period: {pack.period}",
        f"Underlaget gjort {fmt.date(dt.date.today())}" + (f" ({pack.data_date})" if pack.data_date else ""),
    ]


def cell_text(value: object) -> str:
    """A table cell as text: missing values as ``–``, never ``None`` or ``nan``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return fmt.MISSING
    return str(value)


def subtitle(pack: Pack, section: Section) -> str:
    return f"{pack.forbund}, {section.period}" if section.period else pack.forbund


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of text in points (Helvetica's metrics, as Arial's)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", size)


def line_count(text: str, width: float, size: float, bold: bool = False) -> int:
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
            if text_width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines += 1
            extra = math.ceil(text_width(word, size, bold) / width) - 1 if width > 0 else 0
            lines += max(extra, 0)
            line = word
        count += lines
    return count


def longest_word(text: str, size: float, bold: bool = False) -> float:
    return max((text_width(w, size, bold) for w in text.split()), default=0.0)


def column_widths(
    frame: pd.DataFrame, amounts: tuple[str, ...], total: float, size: float, padding: float
) -> list[float] | None:
    """Column widths in points that fill ``total``: figures on one line at their widest,
    text columns sharing the rest by their natural width; None when they cannot fit."""
    natural, least = [], []
    for column in frame.columns:
        cells = [cell_text(v) for v in frame[column]]
        header_word = longest_word(str(column), size, bold=True)
        widest = max((text_width(c, size) for c in cells), default=0.0)
        if column in amounts:  # on one line, with room for a renderer's slightly wider glyphs
            need = max(widest, header_word) * 1.08 + padding
            natural.append(need)
            least.append(need)
        else:
            natural.append(max(widest, text_width(str(column), size, bold=True)) + padding)
            least.append(max(header_word, *(longest_word(c, size) for c in cells), 0.0) * 1.08 + padding)
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


def png_aspect(image: bytes) -> float:
    """Width over height of a PNG (its IHDR chunk)."""
    width, height = struct.unpack(">II", image[16:24])
    return width / height
