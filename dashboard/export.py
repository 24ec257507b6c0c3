"""Exports: every table as CSV, budget lines in the import format."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dashboard import db, sql

IMPORT_COLUMNS = ("förbund", "år", "period_slut", "post", "kategori", "mått", "belopp")


def budget_lines_import_format(con: duckdb.DuckDBPyConnection):
    """The final budget lines as a frame with the import format's columns."""
    return sql.query(con, "export_budget_lines")


def export_all(con: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    """Write every table to ``out`` as UTF-8 CSV; ``budget_lines.csv`` in the import format
    (semicolon-separated). Returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in db.EMBEDDED_TABLES:
        path = out / f"{table}.csv"
        if table == "budget_lines":
            budget_lines_import_format(con).to_csv(path, sep=";", index=False)
        else:
            con.execute(f"SELECT * FROM {table}").df().to_csv(path, index=False)
        written.append(path)
    return written
