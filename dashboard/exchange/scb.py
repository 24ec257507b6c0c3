"""Import of SCB's helårsekvivalenter tables (statistikdatabasen, HE0000) into user_data.

SCB exports a table as CSV (comma, semicolon or tab separated, with title lines above the
header) or as Excel. The columns are the table's dimensions (region, ålder or kön, månad or
år) and its contents: one column per ersättningssystem, the total, the population 20–64 and
the share. Numbers are Swedish (decimal comma, spaces as thousands separators); ".." means
not published and "-" means zero.

A monthly table is brought to years the way SCB defines a helårsekvivalent: each month's
figure is already expressed in full-year equivalents, so a year is the mean of its months.
A year with fewer than twelve months is kept and marked with its number of months.

An import is all or nothing: every problem is listed (file, row, column) and nothing is
written unless the whole file is clean. Refused as well (issue 18), in Swedish: an empty or
unreadable file (a damaged workbook, bad UTF-16, a field over names.MAX_FIELD characters),
control and bidi characters, a column twice, a month outside 1–12, a year outside
FIRST_YEAR to the current year, and a figure below zero or above MAX_COUNT (a share above
100). Region names, ålder and kön are stored in one spelling (naming.canonical).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.domain import naming
from dashboard.exchange import fmt, names
from dashboard.exchange.imports import Stored, mark_undone, summary
from dashboard.exchange.numbers import parse_decimal_sv
from dashboard.exchange.reading import ImportRefused
from dashboard.store import db, embedded, sql, writes

# A sanity bound on years, not SCB's series start: far before anything the dashboard compares
# (its own figures begin in 2007), and never a year that has not begun.
FIRST_YEAR = 1990
# No count of people (helårsekvivalenter, population 20–64) in a region can exceed this: more
# than Sweden's whole population aged 20–64.
MAX_COUNT = 10_000_000
# Python's csv module stops at a field of 131 072 characters with the row only; it reads
# longer ones here, and the import refuses them itself, with row and column (names.MAX_FIELD).
# (A process-wide setting: it only lets the module read more.)
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))

# Column name (lower case, as SCB writes it) → our name. Checked in order: the first
# keyword found in a header names the column.
MEASURES = (
    ("sjuk- och aktivitet", "Sjuk- och aktivitetsersättning"),
    ("aktivitetsersättning", "Sjuk- och aktivitetsersättning"),
    ("sjukpenning", "Sjukpenning"),
    ("arbetslöshet", "Arbetslöshetsersättning"),
    ("arbetsmarknad", "Arbetsmarknadsåtgärder"),
    ("ekonomiskt bistånd", "Ekonomiskt bistånd"),
    ("etablering", "Etableringsersättning"),
    ("andel", "andel_procent"),  # "Andel av befolkningen" must not read as population
    ("befolkning", "befolkning_20_64"),
    ("totalt", "Totalt"),
    ("summa", "Totalt"),
)
SYSTEMS = (
    "Sjukpenning",
    "Sjuk- och aktivitetsersättning",
    "Arbetslöshetsersättning",
    "Arbetsmarknadsåtgärder",
    "Ekonomiskt bistånd",
    "Etableringsersättning",
    "Totalt",
)
DIMENSIONS = {
    "region": "region",
    "ålder": "alder",
    "alder": "alder",
    "kön": "kon",
    "kon": "kon",
    "månad": "period",
    "manad": "period",
    "år": "period",
    "ar": "period",
    "tid": "period",
}

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class ScbImportError(ImportRefused):
    """An SCB file that was refused: ``problems`` lists each, in Swedish (an ImportRefused,
    as every import's)."""


@dataclass
class Parsed:
    """A clean SCB file brought to years."""

    years: pd.DataFrame
    file_name: str
    sha256: str
    months: dict[int, int] = field(default_factory=dict)


def parse_number(text: str) -> float | None:
    """A Swedish number from SCB: ``1 234,5``, ``−12``, ``..`` (not published: None), ``-`` (0).

    Raises ValueError for anything else.
    """
    value = str(text).strip()
    if value in ("..", "", "…"):
        return None
    if value == "-":
        return 0.0
    return float(parse_decimal_sv(value, allow_point=True))


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ScbImportError(
                [
                    f"{name}: filen börjar som UTF-16 men går inte att läsa som det; "
                    "exportera den igen från SCB."
                ]
            ) from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ScbImportError([f"{name}: filen är varken UTF-8 eller Windows-1252."])


def _rows(data: bytes, file_name: str) -> list[list[str]]:
    """The file's rows as lists of text, whatever SCB's export format."""
    if file_name.lower().endswith(".xls"):
        raise ScbImportError(
            [f"{file_name}: det gamla Excelformatet .xls läses inte; spara som .xlsx eller CSV."]
        )
    if file_name.lower().endswith(".xlsx"):
        try:
            frame = pd.read_excel(io.BytesIO(data), header=None, dtype=str, engine="openpyxl").fillna("")
        except Exception as exc:  # openpyxl raises many kinds (KeyError, BadZipFile …) for a bad file
            raise ScbImportError(
                [
                    f"{file_name}: filen kan inte läsas som Excel (.xlsx); den är skadad eller inte en "
                    "Excelfil. Exportera tabellen igen från SCB, som Excel eller CSV."
                ]
            ) from exc
        return [[str(v) for v in row] for row in frame.itertuples(index=False)]
    text = _decode(data, file_name)
    # Keep blank lines: a problem is reported by the file's own line number.
    lines = text.splitlines()
    sample = "\n".join(line for line in lines[:12] if line.strip())
    delimiter = max((";", ",", "\t"), key=sample.count)
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error:
        raise ScbImportError(
            [
                f"{file_name}, rad {reader.line_num}: ett fält är längre än "
                f"{fmt.number(names.MAX_FIELD)} tecken eller raden kan inte läsas som CSV."
            ]
        ) from None
    return rows


def _refused_text(name: str, rows: list[list[str]], header_index: int | None) -> list[str]:
    """Every cell of the file: no control or bidi character, no field over names.MAX_FIELD."""
    header = rows[header_index] if header_index is not None else []
    header_number = header_index + 1 if header_index is not None else 0
    problems = []
    for number, row in enumerate(rows, start=1):
        for index, cell in enumerate(row):
            char = naming.refused_character(cell)
            if char is None and len(cell) <= names.MAX_FIELD:
                continue
            heading = header[index].strip() if index < len(header) and number != header_number else ""
            column = names.shown(heading) if heading and not naming.refused_character(heading) else index + 1
            why = (
                f"texten innehåller tecknet {naming.character_name(char)}, som inte tas emot"
                if char is not None
                else f"fältet har {fmt.number(len(cell))} tecken; "
                f"högst {fmt.number(names.MAX_FIELD)} tas emot"
            )
            problems.append(f"{name}, rad {number}, kolumn {column}: {why}.")
            if len(problems) >= 50:
                return problems
    return problems


def _column_name(header: str) -> str | None:
    key = header.strip().strip('"').lower()
    if key in DIMENSIONS:
        return DIMENSIONS[key]
    for keyword, name in MEASURES:
        if keyword in key:
            return name
    return None


def _region(text: str) -> tuple[str, str]:
    text = text.strip()
    if text.lower() in ("riket", "hela riket", "00 riket"):
        return "00", "Riket"
    match = re.match(r"^(\d{2}|\d{4})\s+(.+)$", text)
    if not match:
        raise ValueError(text)
    return match.group(1), match.group(2)


def _period(text: str) -> tuple[int, int | None]:
    match = re.match(r"^(\d{4})(?:M(\d{2}))?$", text.strip())
    if not match:
        raise ValueError(text)
    year, month = int(match.group(1)), int(match.group(2)) if match.group(2) else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(text)
    return year, month


def _range_problem(column: str, value: float | None) -> str | None:
    """Why a figure cannot be right (Swedish, no full stop), or None."""
    if value is None:
        return None
    if value < 0:
        return f"{fmt.number(value, 1)} är mindre än noll"
    if column == "andel_procent" and value > 100:
        return f"andelen {fmt.number(value, 1)} % är över 100 %"
    if column != "andel_procent" and value > MAX_COUNT:
        shown = fmt.number(value) if value < 1e15 else f"{value:.3g}"
        return f"{shown} är fler än {fmt.number(MAX_COUNT)}, mer än Sveriges hela befolkning 20–64 år"
    return None


def parse(data: bytes, file_name: str) -> Parsed:
    """Read an SCB export; raise ScbImportError listing every problem, or return years."""
    name = names.shown(Path(file_name).name, 120)  # a file name is text from a user too
    if not data.strip(b"\xef\xbb\xbf\xff\xfe\r\n\t ,;"):
        raise ScbImportError([f"{name}: filen är tom."])
    rows = _rows(data, name)
    header_index = next(
        (i for i, row in enumerate(rows) if any(naming.key(c.strip('"')) == "region" for c in row)), None
    )
    if problems := _refused_text(name, rows, header_index):
        raise ScbImportError(problems)
    if header_index is None:
        raise ScbImportError([f"{name}: ingen rubrikrad med kolumnen ”region” hittades."])
    header = rows[header_index]
    columns = [_column_name(h) for h in header]
    problems = [
        f"{name}, rad {header_index + 1}, kolumn {names.shown(h.strip())}: okänd kolumn."
        for h, n in zip(header, columns, strict=True)
        if n is None and h.strip()
    ]
    for column in dict.fromkeys(c for c in columns if c is not None):
        places = [i + 1 for i, c in enumerate(columns) if c == column]
        if len(places) > 1:
            problems.append(
                f"{name}, rad {header_index + 1}, kolumn {names.shown(header[places[0] - 1].strip())}: "
                f"kolumnen finns {len(places)} gånger i rubrikraden (kolumn "
                f"{', '.join(map(str, places))}); lämna bara en."
            )
    for required in ("period", "Totalt"):
        if required not in columns:
            label = "månad eller år" if required == "period" else "Totalt"
            problems.append(f"{name}: kolumnen {label} saknas.")
    if problems:
        raise ScbImportError(problems)
    records = []
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if len(row) != len(header):
            if not "".join(row).strip():
                continue
            if len(row) == 1 or (row and row[0].lower().startswith(("källa", "fotnot", "anm"))):
                continue  # SCB's footnotes below the table
            problems.append(f"{name}, rad {offset}: {len(row)} kolumner, rubriken har {len(header)}.")
            continue
        record: dict = {}
        this_year = dt.date.today().year
        for column_name, header_text, value in zip(columns, header, row, strict=True):
            where = f"{name}, rad {offset}, kolumn {names.shown(header_text.strip())}"
            try:
                if column_name == "region":
                    record["omradeskod"], record["omrade"] = _region(naming.canonical(value))
                elif column_name == "period":
                    record["ar"], record["manad"] = _period(value)
                    if not FIRST_YEAR <= record["ar"] <= this_year:
                        problems.append(
                            f"{where}: år {record['ar']} tas inte emot; SCB:s siffror gäller år från "
                            f"{FIRST_YEAR} till {this_year}."
                        )
                elif column_name in ("alder", "kon"):
                    record[column_name] = naming.canonical(value)
                else:
                    record[column_name] = parse_number(value)
                    if why := _range_problem(column_name, record[column_name]):
                        problems.append(f"{where}: {why}.")
            except ValueError:
                problems.append(f"{where}: ”{names.shown(value)}” kan inte läsas.")
        records.append(record)
        if len(problems) > 50:
            break
    if problems:
        raise ScbImportError(problems[:50])
    if not records:
        raise ScbImportError([f"{name}: filen har inga datarader."])
    frame = pd.DataFrame(records)
    for column in ("alder", "kon"):
        if column not in frame:
            frame[column] = "20-64 år" if column == "alder" else "totalt"
    duplicates = frame.duplicated(["omradeskod", "ar", "manad", "alder", "kon"], keep=False)
    if duplicates.any():
        first = frame[duplicates].iloc[0]
        raise ScbImportError(
            [
                f"{name}: samma region, period, ålder och kön förekommer flera gånger "
                f"({first['omrade']}, {first['ar']})."
            ]
        )
    return Parsed(to_years(frame), name, hashlib.sha256(data).hexdigest())


def to_years(frame: pd.DataFrame) -> pd.DataFrame:
    """Monthly figures to years (mean of the months; ``manader`` counts them)."""
    keys = ["omradeskod", "omrade", "ar", "alder", "kon"]
    values = [c for c in (*SYSTEMS, "befolkning_20_64", "andel_procent") if c in frame]
    grouped = frame.groupby(keys, as_index=False)
    years = grouped[values].mean()
    years["manader"] = grouped["manad"].count()["manad"] if "manad" in frame else 0
    if frame["manad"].isna().all():
        years["manader"] = 12
    if "befolkning_20_64" in years and "Totalt" in years:
        computed = years["Totalt"] / years["befolkning_20_64"] * 100
        years["andel_procent"] = computed.where(years["befolkning_20_64"] > 0, years.get("andel_procent"))
    return years


def _long(parsed: Parsed) -> pd.DataFrame:
    """The file's years as rows, one per ersättningssystem (and Totalt)."""
    long = parsed.years.melt(
        id_vars=["omradeskod", "omrade", "ar", "alder", "kon", "manader"]
        + [c for c in ("befolkning_20_64", "andel_procent") if c in parsed.years],
        value_vars=[s for s in SYSTEMS if s in parsed.years],
        var_name="ersattningssystem",
        value_name="helarsekvivalenter",
    )
    for column in ("befolkning_20_64", "andel_procent"):
        if column not in long:
            long[column] = None
    return long


def preview(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> pd.DataFrame:
    """The file's rows with a status against the figures in effect: ny, ändrad, oförändrad."""
    con.register("scb_new", _long(parsed))
    try:
        return sql.query(con, "scb_preview")
    finally:
        con.unregister("scb_new")


def store(con: duckdb.DuckDBPyConnection, parsed: Parsed, hamtad: dt.date, who: str = "") -> Stored:
    """Write a parsed file and its log entry in one transaction, numbered in the one series of
    imports; its rows take the place of earlier imports' for the regions, years, ages and kön
    it covers (the view scb_helarsekvivalenter), until it is undone. A file that changes
    nothing writes nothing."""
    with writes.write_lock():
        frame = preview(con, parsed)
        counts = summary(frame)
        if counts["ny"] + counts["ändrad"] == 0:
            return Stored(None, 0, 0, counts["oförändrad"])
        with writes.user_write(con):
            import_id = con.execute(sql.load("import_next_id")).fetchall()[0][0]
            con.register("scb_new", frame)
            try:
                con.execute(sql.load("scb_rows_insert"), {"import_id": import_id})
            finally:
                con.unregister("scb_new")
            con.execute(
                sql.load("scb_log_insert"),
                {
                    "import_id": import_id,
                    "fil": parsed.file_name,
                    "sha256": parsed.sha256,
                    "hamtad": hamtad,
                    "importerad": dt.datetime.now().replace(microsecond=0),
                    "rader": len(frame),
                    "vem": who,
                },
            )
    return Stored(import_id, counts["ny"], counts["ändrad"], counts["oförändrad"])


def undo(con: duckdb.DuckDBPyConnection, import_id: int, who: str) -> None:
    """Take an SCB import back out: the figures it replaced count again; the log keeps it."""
    mark_undone(con, "scb_undo", import_id, who)


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The log of SCB imports, latest first."""
    return sql.query(con, "scb_import_log")


def import_file(
    path: Path, hamtad: dt.date, con: duckdb.DuckDBPyConnection | None = None, who: str = ""
) -> Stored:
    """Parse and store one file (the command line's import-scb)."""
    con = con or db.connect()
    embedded.ensure_built(con)
    return store(con, parse(path.read_bytes(), path.name), hamtad, who)
