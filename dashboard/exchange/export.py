"""Exports: every table as CSV, budget lines in the import format, a page's table as Excel.
Every text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR at
the start) is neutralised: in CSV with an apostrophe in front (names.spreadsheet_text), in
Excel as text with Excel's own apostrophe (names.neutralise_sheet); amounts stay numbers."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from dashboard.exchange import budget_export, names
from dashboard.store import embedded


def export_all(con: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    """Write every table to ``out`` as UTF-8 CSV; ``budget_lines.csv`` in the import format
    (semicolon-separated, with a BOM for Excel). Returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in embedded.EMBEDDED_TABLES:
        path = out / f"{table}.csv"
        if table == "budget_lines":
            path.write_bytes(budget_export.csv_bytes(budget_export.current_lines(con)))
        else:
            names.safe_frame(con.execute(f"SELECT * FROM {table}").df()).to_csv(path, index=False)
        written.append(path)
    return written


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A page's table as CSV for Excel (semicolons, UTF-8 with BOM), every text a spreadsheet
    would run as a formula neutralised; numbers stay numbers."""
    return names.safe_frame(frame).to_csv(sep=";", index=False).encode("utf-8-sig")


def xlsx_bytes(frame, sheet: str, heading: list[str], money: list[str], shares: list[str]) -> bytes:
    """An Excel workbook of one table: heading lines above it (förbund, period, source),
    amounts as numbers formatted ``# ##0 kr``, shares as percentages."""
    import io

    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    start = len(heading) + 1
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet, index=False, startrow=start)
        ws = writer.sheets[sheet]
        for i, line in enumerate(heading, start=1):
            ws.cell(row=i, column=1, value=line).font = Font(bold=(i == 1), size=14 if i == 1 else 11)
        for col, name in enumerate(frame.columns, start=1):
            letter = get_column_letter(col)
            number_format = '#,##0" kr"' if name in money else "0.0%" if name in shares else None
            if number_format:
                for cell in ws[letter][start + 1 :]:
                    cell.number_format = number_format
            ws.column_dimensions[letter].width = 60 if col == 1 or name == "Kommentar" else 20
        names.neutralise_sheet(ws)
    return buffer.getvalue()
