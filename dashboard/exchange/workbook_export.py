"""A förbund's workbook out: its data in effect, sheet by sheet, a "Läs mig", and the empty template.

What ``export`` writes, ``workbook.parse`` reads back to the same rows (export then import
changes nothing): whole numbers and dates as Excel's own cells, text safe from being run as a
formula (``names.neutralise_sheet``), and the source of every row in its Dokument and Avsnitt.
The same sheets as a folder of CSV files (``export_folder``): semicolons, UTF-8 with BOM, a
decimal comma, as Swedish Excel opens them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import duckdb

from dashboard.domain import documents, naming
from dashboard.exchange import budget_rows, names, workbook
from dashboard.exchange.workbook_sheets import (
    ALL_SHEETS,
    BUDGET_COLUMNS,
    BUDGET_HELP,
    BUDGET_SHEET,
    BUDGET_SOURCE_COLUMNS,
    BY_NAME,
    OUTCOME_COLUMNS,
    OUTCOME_HELP,
    OUTCOME_SHEET,
    README_SHEET,
    SHEETS,
    STATS_COLUMNS,
    STATS_HELP,
    STATS_SHEET,
    Sheet,
)
from dashboard.store import sql


def _rows(con: duckdb.DuckDBPyConnection, forbund: str) -> dict[str, list[list]]:
    """Each sheet's rows for the förbund, as the cells it is written with."""
    out = {}
    # an insats is named on the sheets as on the sheet Insatser
    insats_names = {row["insats_id"]: row["namn"] for row in workbook.current(con, "insatser", [forbund])}
    for sheet in SHEETS:
        found = workbook.current(con, sheet.table, [forbund])
        for row in found:
            row.update(
                {
                    c.column: insats_names.get(row[c.column], row[c.column])
                    for c in sheet.columns
                    if c.kind == "insats"
                }
            )
        key = [c.column for c in sheet.columns]
        found.sort(key=lambda row: tuple((row[k] is None, str(row[k])) for k in key))
        out[sheet.name] = [
            [_cell(row.get(c.column)) for c in sheet.columns] + _title(con, sheet, row) for row in found
        ]
    lines = con.execute(sql.load("workbook_budget_lines"), {"forbund": forbund}).fetchall()
    out[BUDGET_SHEET] = [[_cell(v) for v in line] for line in lines]
    lan = workbook.lan_of(con, forbund)
    values = con.execute(sql.load("workbook_statistics"), {"lan": lan}).fetchall() if lan else []
    out[STATS_SHEET] = [[_cell(v) for v in row] for row in values]
    recorded = con.execute(sql.load("workbook_outcomes"), {"forbund": forbund}).fetchall()
    out[OUTCOME_SHEET] = [[_cell(v) for v in row] for row in recorded]
    return {name: out[name] for name in ALL_SHEETS}


# A column the export adds after a sheet's own: the title of the document a row's Dokument
# names (a shipped document is named by its file), for the reader; the import does not read it.
TITLE = "Dokumentets titel"


def _titled(sheet: Sheet) -> bool:
    return any(c.column == "dokument" for c in sheet.columns)


def _title(con: duckdb.DuckDBPyConnection, sheet: Sheet, row: dict) -> list:
    if not _titled(sheet):
        return []
    dokument = row.get("dokument")
    title = documents.citation(con, dokument, "", short=True) if dokument else None
    return [title if title != dokument else None]


def _headings(name: str) -> list[str]:
    if name == BUDGET_SHEET:
        return [*budget_rows.COLUMNS, *budget_rows.SOURCE_COLUMNS]
    if name == STATS_SHEET:
        return [column for column, _, _ in STATS_COLUMNS]
    if name == OUTCOME_SHEET:
        return [column for column, _ in OUTCOME_COLUMNS]
    sheet = BY_NAME[name]
    return [c.heading for c in sheet.columns] + ([TITLE] if _titled(sheet) else [])


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def known_forbund(con: duckdb.DuckDBPyConnection, forbund: str) -> str:
    """The förbund's name as the data has it; ValueError naming the known ones if none matches."""
    names_now = [n for n, _ in con.execute(sql.load("forbund_names")).fetchall()]
    match = next((n for n in names_now if naming.key(n) == naming.key(forbund)), None)
    if match is None:
        raise ValueError(f"förbundet ”{forbund}” finns inte; välj bland {', '.join(names_now)}")
    return match


def _book(sheets: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    readme = book.active
    readme.title = README_SHEET
    for line in readme_lines():
        readme.append(line)
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 18
    readme.column_dimensions["B"].width = 22
    readme.column_dimensions["C"].width = 26
    readme.column_dimensions["D"].width = 90
    for name in ALL_SHEETS:
        page = book.create_sheet(name)
        page.append(_headings(name))
        for cell in page[1]:
            cell.font = Font(bold=True)
        for row in sheets.get(name, []):
            page.append(row)
        kinds = [c.kind for c in BY_NAME[name].columns] if name in BY_NAME else []
        for index, heading in enumerate(_headings(name)):
            letter = page.cell(row=1, column=index + 1).column_letter
            page.column_dimensions[letter].width = max(12, len(heading) + 4)
            if index < len(kinds) and kinds[index] == "date":
                for cell in page[letter][1:]:
                    cell.number_format = "yyyy-mm-dd"
        page.freeze_panes = "A2"
        names.neutralise_sheet(page)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def readme_lines() -> list[list[str]]:
    """The sheet "Läs mig": what the workbook is, and every sheet's columns in Swedish."""
    lines = [
        ["Arbetsbok för ett samordningsförbund"],
        [
            "Fyll i bladen och importera arbetsboken på sidan Data, "
            "eller med python -m dashboard import FIL.xlsx."
        ],
        [
            "Bara bladen som finns importeras; ett blad kan tas bort. "
            "Rader med samma nyckel ersätter de som finns."
        ],
        [
            "Kolumner som måste finnas står under Krav. Fler kolumner går bra; de läses inte. "
            "Inga namn på deltagare, inga personnummer."
        ],
        [
            f"Kolumnen {TITLE} står efter bladets egna i en exporterad arbetsbok: titeln på "
            "dokumentet som kolumnen Dokument anger. Den läses inte vid import."
        ],
        [],
        ["Blad", "Kolumn", "Krav", "Vad den håller"],
    ]
    for name in ALL_SHEETS:
        if name == BUDGET_SHEET:
            lines.append([name, "", "", BUDGET_HELP])
            lines += [["", heading, "måste finnas", text] for heading, text in BUDGET_COLUMNS]
            lines += [["", heading, "", text] for heading, text in BUDGET_SOURCE_COLUMNS]
            continue
        if name == OUTCOME_SHEET:
            lines.append([name, "", "", OUTCOME_HELP])
            lines += [["", heading, "måste finnas", text] for heading, text in OUTCOME_COLUMNS]
            continue
        if name == STATS_SHEET:
            lines.append(
                [
                    name,
                    "",
                    "",
                    STATS_HELP + " Mallen har inget exempel: en påhittad siffra ska inte importeras.",
                ]
            )
            lines += [
                ["", heading, "måste finnas" if required else "", text]
                for heading, text, required in STATS_COLUMNS
            ]
            continue
        sheet = BY_NAME[name]
        lines.append([sheet.name, "", "", sheet.help])
        for column in sheet.columns:
            lines.append(["", column.heading, column.requirement, column.described])
    return lines


def export(con: duckdb.DuckDBPyConnection, forbund: str) -> bytes:
    """The förbund's workbook (.xlsx) with its data in effect."""
    return _book(_rows(con, known_forbund(con, forbund)))


def template() -> bytes:
    """An empty workbook: the "Läs mig" and each sheet with its headings and one example row
    (but Statistik, where an invented published figure must not be imported by mistake, and
    Utfall, whose goal must exist first)."""
    examples = {sheet.name: [_example(sheet)] for sheet in SHEETS}
    first = SHEETS[0].columns[0].example
    examples[BUDGET_SHEET] = [
        [first, 2027, "2027-12-31", "Samordningsteam", "individinsats", "budget", -1_500_000]
    ]
    return _book(examples)


def _example(sheet: Sheet) -> list:
    first = next(s for s in SHEETS if s.table == "forbund").columns[0].example
    return [first if c.kind == "forbund" else c.example if c.example != "" else None for c in sheet.columns]


def export_folder(con: duckdb.DuckDBPyConnection, forbund: str, folder: Path) -> list[Path]:
    """The same sheets as CSV files in ``folder``, one per sheet; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet_name, rows in _rows(con, known_forbund(con, forbund)).items():
        buffer = io.StringIO()
        out = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        out.writerow(_headings(sheet_name))
        for row in rows:
            # only text is guarded against running as a formula: a negative amount stays a number
            out.writerow([names.spreadsheet_text(v) if isinstance(v, str) else _csv_text(v) for v in row])
        path = folder / f"{sheet_name}.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8-sig")
        written.append(path)
    return written


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):  # as Swedish Excel writes it: decimal comma, never 1e-05
        return format(Decimal(repr(value)), "f").replace(".", ",")
    return str(value)
