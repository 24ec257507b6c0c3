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
written unless the whole file is clean.
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

from dashboard import db
from dashboard.numbers import parse_decimal_sv

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


class ScbImportError(Exception):
    """An import that was refused: ``problems`` lists each, in Swedish."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


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


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ScbImportError(["filen är varken UTF-8 eller Windows-1252"])


def _rows(data: bytes, file_name: str) -> list[list[str]]:
    """The file's rows as lists of text, whatever SCB's export format."""
    if file_name.lower().endswith((".xlsx", ".xls")):
        frame = pd.read_excel(io.BytesIO(data), header=None, dtype=str).fillna("")
        return [[str(v) for v in row] for row in frame.itertuples(index=False)]
    text = _decode(data)
    # Keep blank lines: a problem is reported by the file's own line number.
    lines = text.splitlines()
    sample = "\n".join(line for line in lines[:12] if line.strip())
    delimiter = max((";", ",", "\t"), key=sample.count)
    return list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))


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
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def parse(data: bytes, file_name: str) -> Parsed:
    """Read an SCB export; raise ScbImportError listing every problem, or return years."""
    name = Path(file_name).name
    rows = _rows(data, name)
    header_index = next(
        (i for i, row in enumerate(rows) if any(c.strip().strip('"').lower() == "region" for c in row)), None
    )
    if header_index is None:
        raise ScbImportError([f"{name}: ingen rubrikrad med kolumnen ”region” hittades."])
    header = rows[header_index]
    names = [_column_name(h) for h in header]
    problems = [
        f"{name}, rad {header_index + 1}, kolumn {h.strip()}: okänd kolumn."
        for h, n in zip(header, names, strict=True)
        if n is None and h.strip()
    ]
    for required in ("period", "Totalt"):
        if required not in names:
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
        for column_name, header_text, value in zip(names, header, row, strict=True):
            where = f"{name}, rad {offset}, kolumn {header_text.strip()}"
            try:
                if column_name == "region":
                    record["omradeskod"], record["omrade"] = _region(value)
                elif column_name == "period":
                    record["ar"], record["manad"] = _period(value)
                elif column_name in ("alder", "kon"):
                    record[column_name] = value.strip()
                else:
                    record[column_name] = parse_number(value)
            except ValueError:
                problems.append(f"{where}: ”{value}” kan inte läsas.")
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


def store(con: duckdb.DuckDBPyConnection, parsed: Parsed, hamtad: dt.date) -> int:
    """Write a parsed file in one transaction: its rows replace earlier imports of the same
    region, year, age and kön. Returns the number of rows written."""
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
    try:
        with db.user_write(con):
            import_id = con.execute(
                "SELECT coalesce(max(import_id), 0) + 1 FROM user_data.scb_imports"
            ).fetchall()[0][0]
            con.register("scb_new", long)
            con.execute(
                "DELETE FROM user_data.scb_helarsekvivalenter t USING scb_new n "
                "WHERE t.omradeskod = n.omradeskod AND t.ar = n.ar AND t.alder = n.alder AND t.kon = n.kon"
            )
            con.execute(
                "INSERT INTO user_data.scb_helarsekvivalenter "
                "SELECT omradeskod, omrade, ar, alder, kon, ersattningssystem, helarsekvivalenter, "
                "befolkning_20_64, andel_procent, manader, ? FROM scb_new",
                [import_id],
            )
            con.execute(
                "INSERT INTO user_data.scb_imports VALUES (?, ?, ?, ?, now()::TIMESTAMP, ?)",
                [import_id, parsed.file_name, parsed.sha256, hamtad, len(long)],
            )
    finally:
        con.unregister("scb_new")
    return len(long)


def import_file(path: Path, hamtad: dt.date, con: duckdb.DuckDBPyConnection | None = None) -> int:
    """Parse and store one file (the command line's import-scb)."""
    con = con or db.connect()
    db.ensure_built(con)
    return store(con, parse(path.read_bytes(), path.name), hamtad)
