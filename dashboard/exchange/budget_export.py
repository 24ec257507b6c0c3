"""The budget lines in effect exported in the import format, as CSV or Excel, and the empty template."""

from __future__ import annotations

import io
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.exchange import budget_rows, fmt, names
from dashboard.store import sql


def template_csv() -> bytes:
    """An empty file in the import format."""
    return csv_bytes(pd.DataFrame(columns=list(budget_rows.COLUMNS)))


def current_lines(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every budget line in effect, in the import format (the export)."""
    return sql.query(con, "export_budget_lines")


# The preview on the page shows at most this many rows (changes first); the counts cover all.
# Excel's sheet holds 1 048 576 rows; long before that openpyxl needs minutes and gigabytes
# (a million lines took 138 s and 3,8 GB). Above this many lines the page offers CSV only.
XLSX_MAX_LINES = 100_000
# The longest text an Excel cell holds: a longer one would be cut, and a re-import would then
# add a post.
XLSX_MAX_TEXT = 32_767


class ExportTooLarge(ValueError):
    """The lines do not fit an Excel sheet: the message says why, in Swedish."""


@dataclass(frozen=True)
class ExportSize:
    """What an export of the budget lines in effect would hold, counted in SQL."""

    lines: int
    longest_text: int

    @property
    def excel_refusal(self) -> str | None:
        """Why the lines cannot go to Excel (a Swedish sentence), or None if they can."""
        if self.lines > XLSX_MAX_LINES:
            return (
                f"{fmt.number(self.lines)} budgetrader är för många för Excel här (högst "
                f"{fmt.number(XLSX_MAX_LINES)}); ladda ner dem som CSV."
            )
        if self.longest_text > XLSX_MAX_TEXT:
            return (
                f"En text har {fmt.number(self.longest_text)} tecken, fler än en Excelcell rymmer "
                f"({fmt.number(XLSX_MAX_TEXT)}); ladda ner budgetraderna som CSV."
            )
        return None


def export_size(con: duckdb.DuckDBPyConnection) -> ExportSize:
    """How many lines the export would write and its longest text, without reading the lines."""
    lines, longest = con.execute(sql.load("export_budget_line_count")).fetchall()[0]
    return ExportSize(int(lines), int(longest))


def export_csv(con: duckdb.DuckDBPyConnection) -> bytes:
    """Every budget line in effect as CSV in the import format, read on a cursor of its own
    (a download is made on a thread of its own, after the click)."""
    cur = con.cursor()
    try:
        return csv_bytes(current_lines(cur))
    finally:
        cur.close()


def export_xlsx(con: duckdb.DuckDBPyConnection) -> bytes:
    """Every budget line in effect as Excel (see xlsx), read on a cursor of its own."""
    cur = con.cursor()
    try:
        return xlsx(current_lines(cur))
    finally:
        cur.close()


def xlsx(frame: pd.DataFrame) -> bytes:
    """The import format as an Excel workbook: amounts as numbers, every text a spreadsheet
    would run as a formula kept as text with Excel's apostrophe (names.neutralise_sheet).

    Raises ExportTooLarge when the lines do not fit (XLSX_MAX_LINES, XLSX_MAX_TEXT)."""
    texts = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    longest = max((int(frame[c].astype(str).str.len().max()) for c in texts if len(frame)), default=0)
    if refusal := ExportSize(len(frame), longest).excel_refusal:
        raise ExportTooLarge(refusal)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name="budgetrader")
        names.neutralise_sheet(writer.sheets["budgetrader"])
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The import format as CSV: semicolons, UTF-8 with BOM (Excel reads å, ä, ö); every text
    a spreadsheet would run as a formula neutralised, amounts left as numbers."""
    safe = names.safe_frame(frame)
    return safe.to_csv(sep=";", index=False, lineterminator="\r\n").encode("utf-8-sig")
