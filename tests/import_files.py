"""Files as an ekonomisystem exports them, for the budget import tests.

The rows are a month's utfall for Samordningsförbundet Västmanland after the delårsrapport
(001 section 6): test input as a user would import it, set beside the document's figures it
replaces or leaves. Each row says which.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from decimal import Decimal

FORBUND = "Samordningsförbundet Västmanland"
HEADER = ["förbund", "år", "period_slut", "post", "kategori", "mått", "belopp"]

# (period_slut, post, kategori, mått, belopp, status against the embedded data)
ROWS = [
    # new: utfall to 30 September, with öre (rounds half away from zero to -2 654 220)
    ("2025-09-30", "Samordningsteam Västerås", "individinsats", "utfall", Decimal("-2654219.50"), "ny"),
    # new: utfall to 30 September
    ("2025-09-30", "Medel från huvudmännen", "intäkt", "utfall", Decimal("15798333"), "ny"),
    # changed: 001 section 6 prints prognos -5 100 000
    ("2025-12-31", "Samordningsteam Västerås", "individinsats", "prognos", Decimal("-5000000"), "ändrad"),
    # unchanged: 001 section 6 prints Styrelse prognos -634 396
    ("2025-12-31", "Styrelse", "administration", "prognos", Decimal("-634396"), "oförändrad"),
    # new post
    ("2025-12-31", "Nytt team Köping", "individinsats", "budget", Decimal("-100000"), "ny"),
]
EXPECTED_STATUS = {(r[1], r[3]): r[5] for r in ROWS}
EXPECTED_BELOPP = {(r[1], r[3]): int(r[4].quantize(Decimal(1), rounding="ROUND_HALF_UP")) for r in ROWS}


def amount(value: Decimal, space: str = "\u00a0", minus: str = "\u2212") -> str:
    """A Swedish amount: thousands separated by ``space``, decimal comma, ``minus``."""
    sign = minus if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", space)
    return sign + grouped + (f",{fraction}" if fraction else "")


def long_rows(space: str = "\u00a0", minus: str = "\u2212") -> list[list[str]]:
    return [[FORBUND, "2025", p, post, k, m, amount(b, space, minus)] for p, post, k, m, b, _ in ROWS]


def csv_bytes(
    rows: list[list[str]] | None = None,
    header: list[str] | None = None,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
    newline: str = "\n",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header or HEADER)
    writer.writerows(long_rows() if rows is None else rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode(encoding)


def xlsx_bytes(rows: list[list] | None = None, header: list[str] | None = None) -> bytes:
    """The import format as Excel writes it: amounts as numbers, dates as dates."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header or HEADER)
    for p, post, k, m, b, _ in ROWS:
        sheet.append([FORBUND, 2025, dt.date.fromisoformat(p), post, k, m, float(b)])
    for row in rows or []:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# A delårsrapport's table, laid out as 001 section 6 prints it, with September's utfall.
WIDE = [
    ["Post", "Årsbudget 2025", "Utfall 2025-09-30", "Prognos 2025", "Avvikelse"],
    ["INTÄKTER", "", "", "", ""],
    ["Medel från huvudmännen", "18 958 000", "15 798 333", "18 958 000", "0"],
    ["ADMINISTRATIVA KOSTNADER", "", "", "", ""],
    ["Styrelse", "−619 227", "−400 000", "−634 396", "−15 169"],
    ["DIREKTA INSATSKOSTNADER", "", "", "", ""],
    ["Individinsatser", "", "", "", ""],
    ["Samordningsteam Västerås", "−6 100 000", "−2 654 219,50", "−5 000 000", "1 100 000"],
    ["Nytt team Köping", "", "", "−100 000", ""],
    ["Summa kostnader", "−6 719 227", "", "", ""],
]


def wide_csv(rows: list[list[str]] | None = None) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows or WIDE)
    return buffer.getvalue().encode("utf-8-sig")


def wide_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in WIDE:
        sheet.append(
            [row[0]]
            + [
                float(c.replace("\u2212", "-").replace(" ", "").replace(",", ".")) if c else None
                for c in row[1:]
            ]
            if row is not WIDE[0]
            else row
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------ issue 18: hostile files


def xlsx_with_raw_amount(raw: str) -> bytes:
    """The import format as Excel with one more row (Styrelse, utfall to 30 September) whose
    belopp cell holds ``raw`` as its stored number: ``1e+20``, ``1E+300``, ``NaN``, ``INF``,
    as a file written by another program may hold them (openpyxl cannot write them itself)."""
    import re
    import zipfile

    placeholder = 987654321.0
    data = xlsx_bytes(
        rows=[[FORBUND, 2025, dt.date(2025, 9, 30), "Styrelse", "administration", "utfall", placeholder]]
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content, replaced = re.subn(rb"<v>987654321(\.0)?</v>", f"<v>{raw}</v>".encode(), content)
                assert replaced == 1
            target.writestr(item, content)
    return out.getvalue()


def junk_xlsx() -> bytes:
    """A zip that calls itself a workbook but holds none (openpyxl: KeyError)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"></Types>',
        )
    return out.getvalue()


# UTF-16 with its byte order mark, then half a surrogate pair: Python's codec fails on it.
UTF16_JUNK = b"\xff\xfe" + "förbund;år\n".encode("utf-16-le") + b"\x00\xd8A\x00"
# The post of 001 section 6 with ä and å decomposed (a + combining diaeresis or ring, Unicode NFD).
NFD_VASTERAS = unicodedata.normalize("NFD", "Samordningsteam Västerås")


def empty_xlsx() -> bytes:
    """A workbook as Excel saves a new one: one sheet, no cells."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()
