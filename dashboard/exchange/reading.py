"""A person's file read into rows of cells: CSV in its encodings and separators, or Excel's first sheet.

What the imports share before they check anything: the cells as written, with the row number a
person counts (a quoted line break counts where its row starts), and ``ImportRefused`` with every
reason in Swedish. An .xls file, a damaged workbook, a number Excel stored as NaN or INF and a
formula with no saved value are refused here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from decimal import Decimal

from dashboard.exchange import fmt, names

MAX_PROBLEMS = 50
# Python's csv module stops at a field of 131 072 characters with the row only; it reads
# longer ones here, and the import refuses them itself, with row and column (names.MAX_FIELD).
# (A process-wide setting: it only lets the module read more.)
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))


class ImportRefused(Exception):
    """A file that was not imported: ``problems`` lists every reason, in Swedish."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportRefused(
                [
                    f"{name}: filen börjar som UTF-16 (Excels ”Unicode-text”) men går inte att läsa som det; "
                    "spara den igen som CSV (UTF-8)."
                ]
            ) from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused([f"{name}: filen är varken UTF-8 eller Windows-1252."])


def rows(data: bytes, name: str) -> list[tuple[int, list]]:
    """The file's rows as (row number as a person counts them, cells): a CSV file's, or a
    workbook's first sheet's."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        return sheets(data, name, first_only=True)[0][1]
    if name.lower().endswith(".xls"):
        raise ImportRefused([f"{name}: det gamla Excelformatet .xls läses inte; spara som .xlsx eller CSV."])
    text = _decode(data, name)
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=header.count)
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows = []
    try:
        previous = 0  # a quoted line break makes a row span lines: it is counted where it starts
        for cells in reader:
            rows.append((previous + 1, _trim(cells)))
            previous = reader.line_num
    except csv.Error as exc:
        rad = reader.line_num
        if "field larger than field limit" in str(exc):
            why = f"ett fält är längre än {fmt.number(names.MAX_FIELD)} tecken, mer än en rad kan ha"
        else:
            why = "raden kan inte läsas som CSV (ett citattecken eller en radbrytning på fel ställe)"
        raise ImportRefused([f"{name}, rad {rad}: {why}."]) from None
    return rows


_NUMBER_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"((?:(?!>).)*)>(?:(?!</c>).)*?<v>([^<]*)</v>', re.S)


def sheets(data: bytes, name: str, first_only: bool = False) -> list[tuple[str, list[tuple[int, list]]]]:
    """A workbook's sheets in order, each as (its name, its rows as ``rows`` gives them)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        found = [
            (
                sheet.title,
                [
                    (number, _trim(["" if v is None else v for v in values]))
                    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
                ],
            )
            for sheet in (book.worksheets[:1] if first_only else book.worksheets)
        ]
        book.close()
    except Exception as exc:  # openpyxl raises many kinds (KeyError, BadZipFile …) for a bad file
        raise ImportRefused(_unreadable_numbers(data, name, first_only) or _not_excel(name).problems) from exc
    if _has_formulas(data):  # most workbooks have none: then no second reading
        _refuse_unsaved_formulas(data, name, found, named=not first_only)
    return found


_FORMULA = re.compile(rb"<(?:[A-Za-z0-9]+:)?f[\s>/]")


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the workbook holds a formula (an ``<f>`` element in its XML,
    shared and array formulas included); unsure (an unreadable part) counts as yes."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return any(
                _FORMULA.search(book.read(part))
                for part in book.namelist()
                if part.startswith("xl/worksheets/") and part.endswith(".xml")
            )
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return True


def _unreadable_numbers(data: bytes, name: str, first_only: bool = True) -> list[str]:
    """The cells a workbook stores as numbers that are none (NaN, INF), which stop openpyxl
    with an error of its own: each with its row and column, or nothing if none is found."""
    import math
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            parts = sorted(
                n for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")
            )
            xml = b"".join(book.read(part) for part in (parts[:1] if first_only else parts))
    except (zipfile.BadZipFile, KeyError, OSError):
        return []
    problems = []
    for column, row, attributes, value in _NUMBER_CELL.findall(xml):
        if b't="' in attributes and b't="n"' not in attributes:
            continue  # text, a date or a boolean: openpyxl reads those
        text = value.decode("utf-8", "replace")
        try:
            readable = math.isfinite(float(text))
        except ValueError:
            readable = False
        if not readable:
            problems.append(
                f"{name}, rad {int(row)}, kolumn {column.decode()}: ”{names.shown(text)}” är inte ett tal "
                "(Excel sparar ibland NaN eller INF för ett fel i en beräkning); rätta cellen och spara igen."
            )
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


def _not_excel(name: str) -> ImportRefused:
    return ImportRefused(
        [
            f"{name}: filen kan inte läsas som Excel (.xlsx); den är skadad eller inte en Excelfil. "
            "Öppna den i Excel och spara den igen, eller spara som CSV."
        ]
    )


def _trim(cells: list) -> list:
    """Without trailing empty cells (a trailing separator, Excel's empty columns)."""
    end = len(cells)
    while end and cell_text(cells[end - 1]) == "":
        end -= 1
    return list(cells[:end])


def _refuse_unsaved_formulas(
    data: bytes, name: str, found: list[tuple[str, list[tuple[int, list]]]], named: bool
) -> None:
    """A formula whose value was never saved reads as empty: refuse it rather than lose the
    figure. The formulas of every sheet read (``found``) are loaded once; ``named`` says each
    problem's sheet."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheets = [
            list(enumerate(book.worksheets[index].iter_rows(values_only=True), start=1))
            for index in range(len(found))
        ]
    except Exception as exc:  # read once already: the same file
        raise _not_excel(name) from exc
    book.close()
    problems = []
    for (title, rows), all_formulas in zip(found, sheets, strict=True):
        where = f"{name}, blad {title}" if named else name
        values = {number: cells for number, cells in rows}
        for number, formulas in all_formulas:
            for column, formula in enumerate(formulas):
                saved = values.get(number, [])
                if (
                    isinstance(formula, str)
                    and formula.startswith("=")
                    and (column >= len(saved) or saved[column] == "")
                ):
                    problems.append(
                        f"{where}, rad {number}, kolumn {get_column_letter(column + 1)}: formeln "
                        f"{names.shown(formula)} har inget sparat värde; "
                        "öppna filen i Excel och spara den igen."
                    )
    if problems:
        raise ImportRefused(problems[:MAX_PROBLEMS])


def as_written(value: object) -> str:
    """A cell as the text a Swedish CSV file would hold: an Excel number with a decimal comma
    (12,3; never 1e-05), an Excel date as ÅÅÅÅ-MM-DD, text in NFC without surrounding spaces."""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f").removesuffix(".0").replace(".", ",")
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    text = "" if value is None else str(value)
    return unicodedata.normalize("NFC", text).strip()


def cell_text(value: object) -> str:
    """A cell as text, without surrounding spaces; a whole number Excel stores as a float without ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def blank(cells: list) -> bool:
    """True for a row with no text in any cell."""
    return all(cell_text(c) == "" for c in cells)
