"""Import of published statistics per kommun (Länsjämförelse) into user_data.

The embedded file ``data/kommunstatistik.csv`` holds what could be read from the publishers'
stored pages; a publisher's export (Regionfakta, Kolada, SCB, Arbetsförmedlingen) fills the
rest: more years, sökande i program, sjukpenningtal per kommun. The format is the embedded
file's own, one value per row, with its source:

    omradeskod;omrade;ar;matt;grupp;varde;enhet;kalla;utgivare;sida;tabell;senast_uppdaterad

An imported value takes the place of the embedded value of the same area, year, measure and
group (the newest import wins); undoing the import brings the embedded value back. An import
is all or nothing: every problem is listed with file, row and column, and nothing is written
unless the whole file is clean.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import county_measures, naming, regions
from dashboard.exchange import fmt, names, reading
from dashboard.exchange.imports import Stored, log_head, mark_undone, summary
from dashboard.exchange.numbers import parse_decimal_sv
from dashboard.exchange.reading import ImportRefused
from dashboard.store import sql, writes

COLUMNS = (
    "omradeskod",
    "omrade",
    "ar",
    "matt",
    "grupp",
    "varde",
    "enhet",
    "kalla",
    "utgivare",
    "sida",
    "tabell",
    "senast_uppdaterad",
)
REQUIRED = ("omradeskod", "ar", "matt", "grupp", "varde", "utgivare", "sida", "tabell")
UNITS = {"procent": "procent", "kr": "kr per invånare", "dagar": "dagar", "kvot": "kvot"}
GROUP = re.compile(r"^(totalt|kvinnor|män|\d{2}-\d{2})$")
FIRST_YEAR = 1990
MAX_TEXT = 300  # characters in a text cell: a source, a table name
MAX_ROWS = 50_000  # ten kommuner, county and country: far more than any publisher's table
MAX_PROBLEMS = 50


@dataclass
class Parsed:
    """A clean file: its rows in the embedded table's columns."""

    file_name: str
    sha256: str
    rows: pd.DataFrame  # COLUMNS, varde as float, plus rad (the file's row number)


def measures() -> dict[str, county_measures.Measure]:
    """The published measures the page can show, by key: what ``matt`` may be."""
    return {key: m for key, m in county_measures.MEASURES.items() if m.published}


def _measure_key(text: str, counts: dict[str, str]) -> str | None:
    """``matt`` as the key (``oppet_arbetslosa``) or the label a person reads; ``counts`` are
    the data's other measures (counts such as ``bistandshushall``) by key."""
    folded = " ".join(text.split()).casefold()
    for key, m in measures().items():
        if folded in (key, m.label.casefold(), m.label.split(",")[0].casefold(), m.short.casefold()):
            return key
    for key in counts:
        if folded in (key, county_measures.measure_name(key).casefold()):
            return key
    return None


def _areas(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Area codes a row may name → their names: Sweden's kommuner, its 21 län and the country."""
    return dict(sql.query(con, "statistik_areas").itertuples(index=False)) | regions.LAN | {"00": "Riket"}


def _short(key: str) -> str:
    """A measure's short name, lower case (a count's label where it has no short name)."""
    m = county_measures.MEASURES.get(key)
    return (m.short if m else county_measures.measure_name(key)).lower()


def _value(value: float) -> str:
    """A value with the decimals it has (at most two), in Swedish format."""
    decimals = next((d for d in (0, 1) if round(value, d) == value), 2)
    return fmt.number(value, decimals)


def parse(con: duckdb.DuckDBPyConnection, data: bytes, file_name: str) -> Parsed:
    """The file's rows, checked; ImportRefused lists every problem (file, row, column)."""
    if not data.strip():
        raise ImportRefused([f"{file_name}: filen är tom."])
    parsed = parse_rows(con, reading.rows(data, file_name), file_name)
    parsed.sha256 = hashlib.sha256(data).hexdigest()
    return parsed


def parse_rows(con: duckdb.DuckDBPyConnection, rows: list[tuple[int, list]], file_name: str) -> Parsed:
    """Rows as ``reading`` gives them, checked; ``file_name`` is where every problem says it
    is (a file, or a workbook's sheet Statistik: "bok.xlsx, blad Statistik")."""
    rows = [(number, cells) for number, cells in rows if any(reading.as_written(c) for c in cells)]
    if not rows:
        raise ImportRefused([f"{file_name}: filen har ingen rubrikrad."])
    header_row, header = rows[0]
    headers = [reading.as_written(h).casefold() for h in header]
    problems: list[str] = []
    for column in REQUIRED:
        if column not in headers:
            problems.append(f"{file_name}, rad {header_row}: kolumnen {column} saknas i rubrikraden.")
    for column in sorted({n for n in headers if headers.count(n) > 1 and n}):
        problems.append(f"{file_name}, rad {header_row}: kolumnen {column} finns flera gånger.")
    if problems:
        raise ImportRefused(problems)
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused(
            [
                f"{file_name}: {fmt.number(len(rows) - 1)} rader; "
                f"högst {fmt.number(MAX_ROWS)} tas emot åt gången."
            ]
        )
    areas = _areas(con)
    units = dict(sql.query(con, "statistik_units").itertuples(index=False))
    this_year = dt.date.today().year
    records = []
    for number, cells in rows[1:]:
        cells = list(cells) + [""] * (len(headers) - len(cells))
        record: dict = {"rad": number}
        before = len(problems)  # this row's problems are the ones added after

        def refuse(column: str, message: str, *, _n: int = number) -> None:
            problems.append(f"{file_name}, rad {_n}, kolumn {column}: {message}")

        for column, value in zip(headers, cells, strict=False):
            if column not in COLUMNS:
                continue
            text = names.from_spreadsheet(reading.as_written(value))
            if (char := naming.refused_character(text)) is not None:
                refuse(column, f"innehåller tecknet {naming.character_name(char)}, som inte kan lagras.")
            elif len(text) > MAX_TEXT:
                refuse(column, f"{fmt.number(len(text))} tecken; högst {MAX_TEXT}.")
            record[column] = text
        for column in REQUIRED:
            if not record.get(column) and len(problems) == before:
                refuse(column, "är tom.")
        if len(problems) > before:
            continue
        code = record["omradeskod"]
        if code.isdigit():  # a spreadsheet drops leading zeros: 114 is Upplands Väsby's 0114
            code = code.zfill(2) if len(code) <= 2 else code.zfill(4)
        if code not in areas:
            refuse(
                "omradeskod",
                f"”{code}” är varken en kommun, ett län eller riket (en kommunkod har fyra siffror, "
                "t.ex. 0188; ett län två, t.ex. 01; riket 00).",
            )
        else:
            record["omradeskod"] = code
            given = record.get("omrade", "")
            if given and given.casefold() != areas[code].casefold():
                refuse("omrade", f"”{given}” är inte namnet på {code} ({areas[code]}).")
            record["omrade"] = areas[code]
        try:
            record["ar"] = int(record["ar"])
            if not FIRST_YEAR <= record["ar"] <= this_year:
                raise ValueError
        except ValueError:
            refuse("ar", f"”{record['ar']}” är inget år mellan {FIRST_YEAR} och {this_year}.")
        key = _measure_key(record["matt"], units)
        if key is None:
            known = ", ".join(dict.fromkeys([*measures(), *units]))
            refuse("matt", f"”{record['matt']}” är inget känt mått; välj bland {known}.")
        else:
            record["matt"] = key
            unit = units.get(key) or UNITS[county_measures.MEASURES[key].unit]
            given = record.get("enhet", "")
            if given and given.casefold() != unit.casefold():
                refuse("enhet", f"”{given}” är inte måttets enhet ({unit}).")
            record["enhet"] = unit
        if not GROUP.match(record["grupp"].casefold()):
            refuse(
                "grupp", f"”{record['grupp']}” är varken totalt, kvinnor, män eller en åldersgrupp som 20-24."
            )
        else:
            record["grupp"] = record["grupp"].casefold()
        try:
            value = float(parse_decimal_sv(record["varde"]))
        except ValueError:
            refuse("varde", f"”{record['varde']}” är inget tal (decimalkomma, mellanslag mellan tusental).")
        else:
            limit = 100 if key in measures() and county_measures.MEASURES[key].unit == "procent" else 10**12
            if not 0 <= value <= limit:
                refuse("varde", f"{_value(value)} ligger utanför 0–{fmt.number(limit)}.")
            record["varde_text"] = record["varde"]
            record["varde"] = value
        if record.get("senast_uppdaterad"):
            try:
                record["senast_uppdaterad"] = dt.date.fromisoformat(record["senast_uppdaterad"])
            except ValueError:
                refuse("senast_uppdaterad", f"”{record['senast_uppdaterad']}” är inget datum ÅÅÅÅ-MM-DD.")
        else:
            record["senast_uppdaterad"] = None
        records.append(record)
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise ImportRefused(problems[:MAX_PROBLEMS])
    if not records:
        raise ImportRefused([f"{file_name}: filen har inga datarader."])
    frame = pd.DataFrame(records)
    for column in ("kalla",):
        if column not in frame:
            frame[column] = ""
    keys = ["omradeskod", "ar", "matt", "grupp"]
    twice = frame[frame.duplicated(keys, keep=False)]
    if not twice.empty:
        first = twice.iloc[0]
        rader = ", ".join(str(r) for r in twice["rad"].head(5))
        raise ImportRefused(
            [
                f"{file_name}, rad {rader}: {first['omrade']} {first['ar']} "
                f"{_short(first['matt'])} ({first['grupp']}) finns flera gånger."
            ]
        )
    frame["kalla"] = frame["kalla"].replace("", None)
    return Parsed(file_name, "", frame)


def preview(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> pd.DataFrame:
    """The file's rows with a status against the data in effect: ny, ändrad, oförändrad."""
    con.register("statistik_new", parsed.rows)
    try:
        return sql.query(con, "statistik_preview")
    finally:
        con.unregister("statistik_new")


def store(con: duckdb.DuckDBPyConnection, parsed: Parsed, who: str) -> Stored:
    """Write the new and changed values and the log entry in one transaction; a file that
    changes nothing writes nothing."""
    with writes.write_lock():
        frame = preview(con, parsed)
        counts = summary(frame)
        if counts["ny"] + counts["ändrad"] == 0:
            return Stored(None, 0, 0, counts["oförändrad"])
        with writes.user_write(con):
            import_id = con.execute(sql.load("import_next_id")).fetchall()[0][0]
            write(con, parsed, frame, import_id, who)
    return Stored(import_id, counts["ny"], counts["ändrad"], counts["oförändrad"])


def write(
    con: duckdb.DuckDBPyConnection,
    parsed: Parsed,
    frame: pd.DataFrame,
    import_id: int,
    who: str,
    workbook: bool = False,
) -> None:
    """Inside the caller's transaction: the log entry of import ``import_id`` and its new and
    changed values (``frame`` is ``preview``'s); also what a workbook's sheet Statistik
    writes (``workbook``: undone with the workbook)."""
    counts = summary(frame)
    con.execute(
        sql.load("statistik_log_insert"),
        {
            "import_id": import_id,
            "fil": parsed.file_name,
            "sha256": parsed.sha256,
            "importerad": dt.datetime.now().replace(microsecond=0),
            "vem": who,
            "nya": counts["ny"],
            "ersatta": counts["ändrad"],
            "oforandrade": counts["oförändrad"],
            "arbetsbok": workbook,
        },
    )
    # New and changed values, and unchanged ones an earlier import set: undoing that import
    # must not take away a value this one confirms.
    con.register("statistik_rows", frame[(frame["status"] != "oförändrad") | frame["import_nu"].notna()])
    try:
        con.execute(sql.load("statistik_rows_insert"), {"import_id": import_id})
    finally:
        con.unregister("statistik_rows")


def undo(con: duckdb.DuckDBPyConnection, import_id: int, who: str) -> None:
    """Take an import back out; the log keeps it, marked as undone, by whom and when. A
    workbook's sheet Statistik is that workbook's import: the whole workbook is undone with it."""
    part = con.execute(sql.load("statistik_is_workbook"), {"import_id": import_id}).fetchall()[0][0]
    also = ("workbook_undo", "import_undo_of_workbook") if part else ()
    mark_undone(con, "statistik_undo", import_id, who, also=also)


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The log of statistics imports, latest first."""
    return sql.query(con, "statistik_history")


def history_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The log as a person reads it."""
    return pd.DataFrame(
        {
            **log_head(frame),
            "Nya värden": frame["rader_nya"].map(fmt.number),
            "Ersatta värden": frame["rader_ersatta"].map(fmt.number),
            "Ångrad": fmt.undone(frame),
        }
    )


def preview_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The preview as a person reads it: area, year, measure, group, value, before, status."""
    shown = frame.sort_values(["matt", "grupp", "ar", "omradeskod"])
    return pd.DataFrame(
        {
            "Område": shown["omrade"],
            "År": shown["ar"].map(str),
            "Mått": shown["matt"].map(_short),
            "Grupp": shown["grupp"],
            "Värde": shown["varde"].map(_value),
            "Förut": shown["varde_nu"].map(lambda v: "" if pd.isna(v) else _value(v)),
            "Status": shown["status"],
        }
    )


def current_csv(con: duckdb.DuckDBPyConnection) -> bytes:
    """The statistics in effect, in the import format: a template that is also the data."""
    frame = sql.query(con, "statistik_export")
    # The value as stored (kronor where a page prints tkr), with a decimal comma.
    frame["varde"] = [f"{v:.4f}".rstrip("0").rstrip(".").replace(".", ",") for v in frame["varde"]]
    return names.safe_frame(frame).to_csv(sep=";", index=False).encode("utf-8-sig")
