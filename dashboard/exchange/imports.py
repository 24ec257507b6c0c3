"""Import of budget lines from a förbund's ekonomisystem (issue 8).

Two layouts are read, from CSV (``;`` or ``,``, UTF-8 with or without BOM or Windows-1252,
CRLF or LF) or from Excel (.xlsx):

- the import format, one row per figure: ``förbund;år;period_slut;post;kategori;mått;belopp``
  (what ``python -m dashboard export`` writes for budget lines);
- the table of a delårsrapport, one row per post: ``post;årsbudget;utfall;prognos`` (an
  ``avvikelse`` column is recomputed, not read), with förbund, year and the date the utfall
  runs to given beside the file. Heading rows (INTÄKTER, Individinsatser …) give the
  kategori of the posts below them; sum rows are skipped.

Amounts are kronor signed from the förbund's result: income positive, costs negative.

One identity for a post (issue 18): names are compared in a normalised form (``names.key``:
NFC, whitespace collapsed, case folded), and a variant of a known post is that post, stored
under the known spelling, and the preview says so. Text with control or bidi characters, post
names over ``names.MAX_NAME`` characters, a column twice in the header, a year outside the
förbund's life and an amount beyond ``MAX_AMOUNT`` are refused.

Nothing is written until the whole file is clean (``parse`` lists every problem with file,
row and column, in Swedish). ``preview`` sets the file against the data in effect: new,
changed and unchanged rows. ``store`` writes the new and changed rows and the log entry in
one transaction; ``undo`` takes an import back out. The imported rows live in schema
``user_data`` and join the documents' lines in the view ``budget_lines``.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.exchange import fmt, names
from dashboard.exchange.numbers import parse_decimal_sv, whole_kronor
from dashboard.store import sql, writes

COLUMNS = ("förbund", "år", "period_slut", "post", "kategori", "mått", "belopp")
KATEGORIER = ("intäkt", "administration", "individinsats", "strukturinsats")
MATT = ("budget", "utfall", "prognos", "förväntat utfall", "bokslut")
KEY = ["forbund", "ar", "period_slut", "post", "matt"]

# Header spellings of the import format's columns (without å, ä, ö as some systems write them).
_LONG_HEADERS = {
    "förbund": "forbund",
    "forbund": "forbund",
    "år": "ar",
    "ar": "ar",
    "period_slut": "period_slut",
    "post": "post",
    "kategori": "kategori",
    "mått": "matt",
    "matt": "matt",
    "belopp": "belopp",
}
# The delårsrapport's columns, by the word a header starts with ("Utfall 2025-08-31").
_WIDE_HEADERS = (
    ("post", "post"),
    ("årsbudget", "budget"),
    ("budget", "budget"),
    ("utfall", "utfall"),
    ("prognos", "prognos"),
    ("avvikelse", "avvikelse"),
    ("kategori", "kategori"),
)
# A heading row of a delårsrapport names the kategori of the posts below it.
_HEADING_KATEGORI = (
    ("intäkt", "intäkt"),
    ("administrativ", "administration"),
    ("individ", "individinsats"),
    ("struktur", "strukturinsats"),
)
_SUM_ROW = re.compile(r"\b(summa|delsumma|totalt?|totala|s:a|resultat)\b", re.IGNORECASE)
# A text Excel would run as a formula when the export is opened: refused as a post name.
# (A leading minus is kept: the export neutralises it, names.spreadsheet_text.)
_FORMULA_START = ("=", "+", "@", "\t")
# The largest amount an import takes, in kronor either way: a hundred times the largest
# förbund's yearly budget would still be far below it, and 2**63 or 1e300 never reach the
# database.
MAX_AMOUNT = 10**11
# The first year a förbund can have figures: the law on financial coordination
# (SFS 2003:1210) came into force on 1 January 2004. Used where forbund.csv gives no year.
FIRST_YEAR = 2004
# How far ahead a budget may run: the current year and five more.
YEARS_AHEAD = 5

_MAX_PROBLEMS = 50
# Python's csv module stops at a field of 131 072 characters with the row only; it reads
# longer ones here, and the import refuses them itself, with row and column (names.MAX_FIELD).
# (A process-wide setting: it only lets the module read more.)
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
WIDE_HINT = "en delårsrapports tabell har kolumnerna post;årsbudget;utfall;prognos"
PERIOD_HINT = "ange förbund, år och period (datumet utfallet avser)"


class ImportRefused(Exception):
    """A file that was not imported: ``problems`` lists every reason, in Swedish."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# Another write of this process held the database too long (writes.write_lock); try again later.
ImportBusy = writes.WriteBusy


@dataclass
class Parsed:
    """A clean file: its rows in the import format, and what was done on the way."""

    file_name: str
    sha256: str
    layout: str  # "import" or "delårsrapport"
    rows: pd.DataFrame  # forbund, ar, period_slut, post, kategori, matt, belopp, rad
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Stored:
    import_id: int | None
    added: int
    replaced: int
    unchanged: int


# ---------------------------------------------------------------- reading the file


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


def _cells(data: bytes, name: str) -> list[tuple[int, list]]:
    """The file's rows as (row number as a person counts them, cells)."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows = [
                (number, _trim(["" if v is None else v for v in values]))
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
            book.close()
        except Exception as exc:  # openpyxl raises many kinds (KeyError, BadZipFile …) for a bad file
            raise ImportRefused(_unreadable_numbers(data, name) or _not_excel(name).problems) from exc
        _refuse_unsaved_formulas(data, name, rows)
        return rows
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


def _unreadable_numbers(data: bytes, name: str) -> list[str]:
    """The cells a workbook stores as numbers that are none (NaN, INF), which stop openpyxl
    with an error of its own: each with its row and column, or nothing if none is found."""
    import math
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            sheets = sorted(
                n for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")
            )
            xml = book.read(sheets[0]) if sheets else b""
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
        if len(problems) >= _MAX_PROBLEMS:
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
    while end and _text(cells[end - 1]) == "":
        end -= 1
    return list(cells[:end])


def _refuse_unsaved_formulas(data: bytes, name: str, rows: list[tuple[int, list]]) -> None:
    """A formula whose value was never saved reads as empty: refuse it rather than lose the figure."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    values = {number: cells for number, cells in rows}
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        all_formulas = list(enumerate(book.worksheets[0].iter_rows(values_only=True), start=1))
    except Exception as exc:  # read once already: the same file
        raise _not_excel(name) from exc
    problems = []
    for number, formulas in all_formulas:
        for column, formula in enumerate(formulas):
            saved = values.get(number, [])
            if (
                isinstance(formula, str)
                and formula.startswith("=")
                and (column >= len(saved) or saved[column] == "")
            ):
                problems.append(
                    f"{name}, rad {number}, kolumn {get_column_letter(column + 1)}: formeln "
                    f"{names.shown(formula)} har inget sparat värde; öppna filen i Excel och spara den igen."
                )
    book.close()
    if problems:
        raise ImportRefused(problems[:_MAX_PROBLEMS])


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _blank(cells: list) -> bool:
    return all(_text(c) == "" for c in cells)


# ---------------------------------------------------------------- values


def _amount(value: object) -> Decimal:
    """An amount in kronor; ValueError if it is not one, _OutOfRange if it is too large."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise ValueError(value) from None
    else:
        amount = parse_decimal_sv(_text(value), max_decimals=2)  # kronor and öre
    if not amount.is_finite():  # Excel's NaN and INF
        raise ValueError(value)
    if abs(amount) > MAX_AMOUNT:
        raise _OutOfRange(value)
    return amount


class _OutOfRange(ValueError):
    """A number, but beyond MAX_AMOUNT."""


def _amount_problem(value: object) -> str:
    """Why a cell is not an amount, in Swedish."""
    try:
        _amount(value)
    except _OutOfRange:
        return (
            f"{_quoted(value)} ligger utanför det som tas emot: högst {fmt.number(MAX_AMOUNT)} kr "
            "åt vardera håll."
        )
    except ValueError:
        pass
    return f"{_quoted(value)} är inte ett tal i kronor."


def _quoted(value: object) -> str:
    """A cell quoted in a message: short, and every invisible character shown by its code."""
    if isinstance(value, float) and abs(value) >= 1e15:
        return f"”{value:g}”"
    return f"”{names.shown(_text(value))}”"


def _year(value: object) -> int:
    text = _text(value)
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(text)
    return int(text)


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


class _Problems(list):
    def add(self, name: str, rad: int | None, column: str | None, message: str) -> None:
        where = name + (f", rad {rad}" if rad else "") + (f", kolumn {column}" if column else "")
        self.append(f"{where}: {message}")


def _known_forbund(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Förbund by the key (names.key) of their name and short name → the name the data uses."""
    known: dict[str, str] = {}
    for forbund, kortnamn, _, _ in sql.query(con, "forbund_life").itertuples(index=False):
        known[names.key(forbund)] = forbund
        known[names.key(kortnamn)] = forbund
    return known


def _years_of_life(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int | None, int | None]]:
    """Each förbund's first and last year as forbund.csv gives them (None where it does not)."""
    life = {}
    for forbund, _, first, last in sql.query(con, "forbund_life").itertuples(index=False):
        life[forbund] = (None if pd.isna(first) else int(first), None if pd.isna(last) else int(last))
    return life


def year_problem(life: tuple[int | None, int | None], ar: int, today: dt.date | None = None) -> str | None:
    """Why a förbund cannot have figures for year ``ar`` (Swedish, no full stop), or None."""
    first, last = life
    horizon = (today or dt.date.today()).year + YEARS_AHEAD
    if first is not None and ar < first:
        return f"förbundet bildades {first}; år {ar} ligger före det"
    if first is None and ar < FIRST_YEAR:
        return (
            f"år {ar} ligger före {FIRST_YEAR}, då lagen om finansiell samordning (SFS 2003:1210) "
            "började gälla"
        )
    if last is not None and ar > last:
        return f"förbundet upphörde {last}; år {ar} ligger efter det"
    if ar > horizon:
        return f"år {ar} ligger mer än {YEARS_AHEAD} år fram; senast {horizon} tas emot"
    return None


# ---------------------------------------------------------------- the two layouts


def _header_map(header: list, table: dict[str, str]) -> list[str | None]:
    return [table.get(names.key(_text(h))) for h in header]


def _duplicate_columns(
    name: str, header_rad: int, header: list, columns: list[str | None], problems: _Problems
) -> None:
    """A column twice in the header: which one holds the figure cannot be known, so refuse."""
    for column in dict.fromkeys(c for c in columns if c is not None):
        places = [i for i, c in enumerate(columns) if c == column]
        if len(places) > 1:
            numbers = " och ".join(", ".join(str(i + 1) for i in places).rsplit(", ", 1))
            problems.add(
                name,
                header_rad,
                names.shown(_text(header[places[0]])),
                f"kolumnen finns {len(places)} gånger i rubrikraden (kolumn {numbers}); lämna bara en.",
            )


def _parse_long(
    con: duckdb.DuckDBPyConnection, name: str, header_rad: int, header: list, body: list, problems: _Problems
) -> list[dict]:
    columns = _header_map(header, _LONG_HEADERS)
    for heading, column in zip(header, columns, strict=True):
        if column is None and _text(heading):
            problems.add(
                name,
                header_rad,
                names.shown(_text(heading)),
                f"okänd kolumn; importformatet har {';'.join(COLUMNS)}.",
            )
    _duplicate_columns(name, header_rad, header, columns, problems)
    for label in COLUMNS:
        if _LONG_HEADERS[label] not in columns:
            problems.add(name, None, label, "kolumnen saknas.")
    if problems:
        return []
    known = _known_forbund(con)
    life = _years_of_life(con)
    kategorier = {names.key(k): k for k in KATEGORIER}
    matt_by_key = {names.key(m): m for m in MATT}
    records = []
    for rad, cells in body:
        if len(cells) != len(header):
            problems.add(name, rad, None, f"{len(cells)} kolumner, rubrikraden har {len(header)}.")
            continue
        value = {column: cell for column, cell in zip(columns, cells, strict=True)}
        record = {"rad": rad}
        forbund = _text(value["forbund"])
        if names.key(forbund) in known:
            record["forbund"] = known[names.key(forbund)]
        else:
            problems.add(name, rad, "förbund", f"okänt förbund {_quoted(forbund)}.")
        try:
            record["ar"] = _year(value["ar"])
        except ValueError:
            problems.add(name, rad, "år", f"{_quoted(value['ar'])} är inte ett årtal (ÅÅÅÅ).")
        else:
            if "forbund" in record and (why := year_problem(life[record["forbund"]], record["ar"])):
                problems.add(name, rad, "år", f"{why} ({record['forbund']}).")
        try:
            record["period_slut"] = _date(value["period_slut"])
        except ValueError:
            problems.add(
                name, rad, "period_slut", f"{_quoted(value['period_slut'])} är inte ett datum (ÅÅÅÅ-MM-DD)."
            )
        record["post"] = names.from_spreadsheet(_text(value["post"]))
        _check_post(problems, name, rad, "post", record["post"])
        kategori = names.key(_text(value["kategori"]))
        if kategori in kategorier:
            record["kategori"] = kategorier[kategori]
        else:
            problems.add(
                name,
                rad,
                "kategori",
                f"okänd kategori {_quoted(value['kategori'])}; välj {_choices(KATEGORIER)}.",
            )
        matt = names.key(_text(value["matt"]))
        if matt in matt_by_key:
            record["matt"] = matt_by_key[matt]
        else:
            problems.add(name, rad, "mått", f"okänt mått {_quoted(value['matt'])}; välj {_choices(MATT)}.")
        try:
            record["belopp"] = _amount(value["belopp"])
        except ValueError:
            problems.add(name, rad, "belopp", _amount_problem(value["belopp"]))
        if "ar" in record and "period_slut" in record and record["period_slut"].year != record["ar"]:
            problems.add(
                name, rad, "period_slut", f"{record['period_slut']:%Y-%m-%d} ligger inte i år {record['ar']}."
            )
        elif (
            "period_slut" in record
            and record.get("matt", "utfall") != "utfall"
            and (record["period_slut"].month, record["period_slut"].day) != (12, 31)
        ):
            year_end = f"{record['period_slut'].year}-12-31"
            problems.add(
                name,
                rad,
                "period_slut",
                f"{record['matt']} gäller hela året: period_slut ska vara {year_end}; bara utfall har ett "
                "datum under året.",
            )
        records.append(record)
        if len(problems) > _MAX_PROBLEMS:
            break
    return records


def _parse_wide(
    con: duckdb.DuckDBPyConnection,
    name: str,
    header_rad: int,
    header: list,
    body: list,
    problems: _Problems,
    forbund: str | None,
    ar: int | None,
    period_slut: dt.date | None,
    notes: list[str],
) -> list[dict]:
    columns: list[str | None] = []
    for heading in header:
        text = names.key(_text(heading))
        columns.append(next((column for word, column in _WIDE_HEADERS if text.startswith(word)), None))
        if columns[-1] is None and text:
            problems.add(name, header_rad, names.shown(_text(heading)), f"okänd kolumn; {WIDE_HINT}.")
    for column in ("budget", "utfall", "prognos"):
        duplicated = [names.shown(_text(h)) for h, n in zip(header, columns, strict=True) if n == column]
        if len(duplicated) > 1:
            problems.add(
                name,
                header_rad,
                None,
                f"flera kolumner är {column} ({', '.join(duplicated)}); lämna bara en, den för helåret "
                "respektive perioden.",
            )
    _duplicate_columns(
        name,
        header_rad,
        header,
        [c if c in ("post", "kategori", "avvikelse") else None for c in columns],
        problems,
    )
    known = _known_forbund(con)
    if not forbund:
        problems.add(name, None, None, f"filen är en delårsrapports tabell: {PERIOD_HINT}.")
    elif names.key(forbund) not in known:
        problems.add(name, None, None, f"okänt förbund {_quoted(forbund)}.")
    if ar is None or period_slut is None:
        if forbund:
            problems.add(name, None, None, f"filen är en delårsrapports tabell: {PERIOD_HINT}.")
    elif period_slut.year != ar:
        problems.add(name, None, None, f"perioden {period_slut:%Y-%m-%d} ligger inte i år {ar}.")
    elif forbund and names.key(forbund) in known:
        found = known[names.key(forbund)]
        if why := year_problem(_years_of_life(con)[found], ar):
            problems.add(name, None, None, f"{why} ({found}).")
    if problems:
        return []
    forbund = known[names.key(forbund)]
    year_end = dt.date(ar, 12, 31)
    existing = {
        names.key(post): kategori
        for post, kategori in sql.query(con, "post_kategori", forbund=forbund).itertuples(index=False)
    }
    measures = [(i, column) for i, column in enumerate(columns) if column in ("budget", "utfall", "prognos")]
    if "avvikelse" in columns:
        notes.append("Kolumnen avvikelse lästes inte: den räknas fram ur budget och prognos.")
    post_index = columns.index("post")
    kategori_index = columns.index("kategori") if "kategori" in columns else None
    heading_kategori: str | None = None
    skipped: list[str] = []
    records = []
    for rad, cells in body:
        if len(cells) > len(header):
            problems.add(name, rad, None, f"{len(cells)} kolumner, rubrikraden har {len(header)}.")
            continue
        cells = list(cells) + [""] * (len(header) - len(cells))
        post = names.from_spreadsheet(_text(cells[post_index]))
        amounts = {column: cells[i] for i, column in measures if _text(cells[i]) != ""}
        if not amounts:
            lowered = post.lower()
            if lowered:  # a heading: the kategori it names, or none it can be read from
                heading_kategori = next((k for word, k in _HEADING_KATEGORI if word in lowered), None)
            continue
        if _SUM_ROW.search(post):
            skipped.append(f"rad {rad} ({post})")
            continue
        post_heading = names.shown(_text(header[post_index]))
        if _check_post(problems, name, rad, post_heading, post):
            continue
        kategori = names.key(_text(cells[kategori_index])) if kategori_index is not None else ""
        if kategori_index is not None and kategori and kategori not in KATEGORIER:
            problems.add(
                name,
                rad,
                "kategori",
                f"okänd kategori {_quoted(cells[kategori_index])}; välj {_choices(KATEGORIER)}.",
            )
            continue
        # A post the förbund already has keeps its kategori; a new one takes its heading's.
        kategori = kategori or existing.get(names.key(post)) or heading_kategori or ""
        if not kategori:
            problems.add(
                name,
                rad,
                post_heading,
                f"kategorin för den nya posten {_quoted(post)} framgår inte; lägg till en kolumn kategori "
                "eller en rubrikrad ovanför (Intäkter, Administrativa kostnader, Individinsatser, "
                "Strukturinsatser).",
            )
            continue
        for column, cell in amounts.items():
            heading = names.shown(_text(header[columns.index(column)]))
            try:
                amount = _amount(cell)
            except ValueError:
                problems.add(name, rad, heading, _amount_problem(cell))
                continue
            records.append(
                {
                    "rad": rad,
                    "forbund": forbund,
                    "ar": ar,
                    "period_slut": period_slut if column == "utfall" else year_end,
                    "post": post,
                    "kategori": kategori,
                    "matt": column,
                    "belopp": amount,
                }
            )
        if len(problems) > _MAX_PROBLEMS:
            break
    if skipped:
        notes.append("Summarader hoppades över (de räknas fram ur posterna): " + ", ".join(skipped) + ".")
    costs = [r for r in records if r["kategori"] != "intäkt"]
    if costs and all(r["belopp"] >= 0 for r in costs) and any(r["belopp"] > 0 for r in costs):
        # The table prints costs without a sign, as many do; the dashboard signs them from the result.
        for record in costs:
            record["belopp"] = -record["belopp"]
        notes.append(
            "Kostnaderna står utan minustecken i filen; de har lästs som kostnader (negativa belopp)."
        )
    return records


def _check_post(problems: _Problems, name: str, rad: int, column: str, post: str) -> bool:
    """Add the reason a post name cannot be stored, if there is one; True if there was."""
    if not post:
        problems.add(name, rad, column, "posten saknas.")
    elif post.startswith(_FORMULA_START):
        problems.add(
            name,
            rad,
            column,
            f"posten {_quoted(post)} börjar med {post[0]!r}, som Excel läser som en formel.",
        )
    elif len(names.canonical(post)) > names.MAX_NAME:
        problems.add(
            name,
            rad,
            column,
            f"posten har {fmt.number(len(names.canonical(post)))} tecken; högst "
            f"{names.MAX_NAME} går (ett postnamn ska rymmas i styrelsens tabell och mötesunderlaget).",
        )
    else:
        return False
    return True


def _check_kategori(
    con: duckdb.DuckDBPyConnection, name: str, records: list[dict], problems: _Problems, column: str
) -> None:
    """One kategori per post and year: in the file, and against the lines in effect."""
    current = {
        (forbund, ar, post): kategori
        for forbund, ar, post, kategori in sql.query(con, "post_kategori_year").itertuples(index=False)
    }
    seen: dict[tuple, str] = {}
    for record in records:
        key = (record["forbund"], record["ar"], record["post"])
        kategori = current.get(key) or seen.setdefault(key, record["kategori"])
        if record["kategori"] != kategori:
            problems.add(
                name,
                record["rad"],
                column,
                f"”{record['post']}” har kategorin {kategori} {record['ar']}, inte {record['kategori']}; "
                "en post har en kategori per år.",
            )


def _choices(values: tuple[str, ...]) -> str:
    return ", ".join(values[:-1]) + " eller " + values[-1]


def parse(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    file_name: str,
    *,
    forbund: str | None = None,
    ar: int | None = None,
    period_slut: dt.date | None = None,
) -> Parsed:
    """Read and check a file; raise ImportRefused listing every problem, or return its rows."""
    name = names.shown(Path(file_name).name, 120)  # a file name is text from a user too
    if not name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm", ".xls")):
        raise ImportRefused([f"{name}: okänd filtyp; välj en CSV-fil eller en Excelfil (.xlsx)."])
    rows = [(rad, cells) for rad, cells in _cells(data, name) if not _blank(cells)]
    if not rows:
        raise ImportRefused([f"{name}: filen är tom."])
    header_rad, header = rows[0]
    body = rows[1:]
    problems = _Problems()
    _refuse_characters(name, header_rad, header, rows, problems)
    if problems:
        raise ImportRefused(_listed(problems))
    notes: list[str] = []
    headers = {names.key(_text(h)) for h in header}
    if {"förbund", "forbund"} & headers or {"mått", "matt"} & headers:
        layout = "import"
        records = _parse_long(con, name, header_rad, header, body, problems)
    elif "post" in headers:
        layout = "delårsrapport"
        records = _parse_wide(con, name, header_rad, header, body, problems, forbund, ar, period_slut, notes)
    else:
        raise ImportRefused(
            [
                f"{name}, rad {header_rad}: första raden ska vara rubrikerna, antingen "
                f"{';'.join(COLUMNS)} eller post;årsbudget;utfall;prognos."
            ]
        )
    if not problems and not records:
        problems.add(name, None, None, "filen har inga datarader.")
    if not problems:
        _identify_posts(con, records, notes)
        seen: dict[tuple, int] = {}
        for record in records:
            key = tuple(record[k] for k in KEY)
            if key in seen and seen[key] != record["rad"]:
                problems.add(
                    name,
                    record["rad"],
                    "post",
                    f"samma förbund, år, period_slut, post och mått som rad {seen[key]} "
                    f"({record['post']}, {record['matt']}).",
                )
            seen.setdefault(key, record["rad"])
    if not problems:
        _check_kategori(con, name, records, problems, "kategori" if layout == "import" else "post")
    if problems:
        raise ImportRefused(_listed(problems))
    frame = pd.DataFrame.from_records(records)
    rounded = sum(1 for amount in frame["belopp"] if amount != amount.to_integral_value())
    if rounded:
        notes.append(f"{fmt.number(rounded)} belopp med ören avrundades till hela kronor.")
    frame["belopp"] = [whole_kronor(amount) for amount in frame["belopp"]]
    frame["ar"] = frame["ar"].astype("int64")
    frame["period_slut"] = pd.to_datetime(frame["period_slut"])
    frame = frame[["forbund", "ar", "period_slut", "post", "kategori", "matt", "belopp", "rad"]]
    return Parsed(name, hashlib.sha256(data).hexdigest(), layout, frame, notes)


def _listed(problems: list[str]) -> list[str]:
    extra = len(problems) - _MAX_PROBLEMS
    return problems[:_MAX_PROBLEMS] + ([f"… och {extra} problem till."] if extra > 0 else [])


def _refuse_characters(
    name: str, header_rad: int, header: list, rows: list[tuple[int, list]], problems: _Problems
) -> None:
    """Every text cell of the file, read or not: no control or bidi character, no field too long."""
    for rad, cells in rows:
        for index, cell in enumerate(cells):
            if not isinstance(cell, str):
                continue
            char = names.refused_character(cell)
            if char is None and len(cell) <= names.MAX_FIELD:
                continue
            heading = _text(header[index]) if index < len(header) and rad != header_rad else ""
            column = (
                names.shown(heading) if heading and not names.refused_character(heading) else str(index + 1)
            )
            if char is not None:
                problems.add(
                    name,
                    rad,
                    column,
                    f"texten innehåller tecknet {names.character_name(char)}, som inte tas emot; "
                    "ta bort det och spara filen igen.",
                )
            else:
                problems.add(
                    name,
                    rad,
                    column,
                    f"fältet har {fmt.number(len(cell))} tecken; "
                    f"högst {fmt.number(names.MAX_FIELD)} tas emot.",
                )
            if len(problems) > _MAX_PROBLEMS:
                return


def _identify_posts(con: duckdb.DuckDBPyConnection, records: list[dict], notes: list[str]) -> None:
    """One identity for a post: a spelling of a known post (names.key) is that post, stored
    under the known spelling; a new post is stored as written first (NFC, single spaces).
    Each spelling read as another is said in the notes."""
    known: dict[tuple[str, str], list[str]] = {}
    for forbund, _, post, _ in sql.query(con, "post_kategori_year").itertuples(index=False):
        known.setdefault((forbund, names.key(post)), []).append(post)
    spelling = {k: names.pick_spelling(v) for k, v in known.items()}
    read_as: dict[tuple[str, str, bool], list[int]] = {}
    for record in records:
        written = record["post"]
        identity = (record["forbund"], names.key(written))
        is_known = identity in spelling
        post = spelling.setdefault(identity, names.canonical(written))
        if written != post:
            read_as.setdefault((written, post, is_known), []).append(record["rad"])
        record["post"] = post
    for (written, post, is_known), rader in read_as.items():
        rader = list(dict.fromkeys(rader))  # a delårsrapport's row gives several figures
        shown_rows = ", ".join(str(r) for r in rader[:5])
        more = f" och {fmt.number(len(rader) - 5)} till" if len(rader) > 5 else ""
        what = "en post som redan finns" if is_known else "samma post som på en annan rad i filen"
        notes.append(
            f"”{names.shown(written)}” läses som ”{post}”, {what} (skillnad i "
            f"{' och '.join(names.differences(written, post))}): rad {shown_rows}{more}."
        )


# ---------------------------------------------------------------- preview, store, undo


def preview(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> pd.DataFrame:
    """Each row of the file against the data in effect: status ny, ändrad or oförändrad,
    with the current amount and kategori beside the new."""
    con.register("import_rows", parsed.rows)
    try:
        return sql.query(con, "import_preview")
    finally:
        con.unregister("import_rows")


def summary(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in ("ny", "ändrad", "oförändrad")}


def store(con: duckdb.DuckDBPyConnection, parsed: Parsed, who: str) -> Stored:
    """Write the file's new and changed rows and the log entry in one transaction.

    A file that changes nothing writes nothing (no log entry either): exporting and
    importing again leaves the data exactly as it was. Raises ImportBusy if another import
    in this process holds the database for longer than writes.WRITE_WAIT_S (writes.write_lock).
    """
    with writes.write_lock():  # the preview and the write see the same data
        parsed = _as_stored_now(con, parsed)
        frame = preview(con, parsed)
        counts = summary(frame)
        if counts["ny"] + counts["ändrad"] == 0:
            return Stored(None, 0, 0, counts["oförändrad"])
        with writes.user_write(con):
            import_id = con.execute(sql.load("import_next_id")).fetchall()[0][0]
            con.execute(
                sql.load("import_log_insert"),
                {
                    "import_id": import_id,
                    "fil": parsed.file_name,
                    "sha256": parsed.sha256,
                    "layout": parsed.layout,
                    "importerad": dt.datetime.now().replace(microsecond=0),
                    "vem": who,
                    "nya": counts["ny"],
                    "ersatta": counts["ändrad"],
                    "oforandrade": counts["oförändrad"],
                },
            )
            # New and changed rows, and unchanged ones whose figure an earlier import set:
            # undoing that import must not take away a figure this one confirms.
            con.register("import_rows", frame[(frame["status"] != "oförändrad") | frame["import_nu"].notna()])
            try:
                con.execute(sql.load("import_rows_insert"), {"import_id": import_id})
            finally:
                con.unregister("import_rows")
            _crash_point()
    return Stored(import_id, counts["ny"], counts["ändrad"], counts["oförändrad"])


def _as_stored_now(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> Parsed:
    """The file's posts under the spelling the data has now: another session may have stored
    a spelling of a new post of this file since it was read (names.key)."""
    known: dict[tuple[str, str], list[str]] = {}
    for forbund, _, post, _ in sql.query(con, "post_kategori_year").itertuples(index=False):
        known.setdefault((forbund, names.key(post)), []).append(post)
    renamed = {}
    for forbund, post in parsed.rows[["forbund", "post"]].drop_duplicates().itertuples(index=False):
        spellings = known.get((forbund, names.key(post)))
        if spellings and post not in spellings:
            renamed[(forbund, post)] = names.pick_spelling(spellings)
    if not renamed:
        return parsed
    rows = parsed.rows.copy()
    rows["post"] = [renamed.get((f, p), p) for f, p in zip(rows["forbund"], rows["post"], strict=True)]
    return dataclasses.replace(parsed, rows=rows)


def _crash_point() -> None:
    """Where a test simulates a crash halfway through the write (monkeypatched)."""


def undo(con: duckdb.DuckDBPyConnection, import_id: int, who: str) -> None:
    """Take an import back out: its rows stop counting, and what they replaced counts again.
    The log keeps the import, marked as undone, by whom and when."""
    mark_undone(con, "import_undo", import_id, who)


def mark_undone(con: duckdb.DuckDBPyConnection, query: str, import_id: int, who: str) -> None:
    """Mark import ``import_id`` of a log undone with ``query`` (which returns the id it
    marked); ImportRefused if it does not exist or is already undone."""
    with writes.user_write(con):
        done = con.execute(
            sql.load(query),
            {"import_id": import_id, "vem": who, "nu": dt.datetime.now().replace(microsecond=0)},
        ).fetchall()
        if not done:
            raise ImportRefused([f"Import {import_id} finns inte eller är redan ångrad."])


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The import log, latest first."""
    return sql.query(con, "import_history")


def template_csv() -> bytes:
    """An empty file in the import format."""
    return csv_bytes(pd.DataFrame(columns=list(COLUMNS)))


def preview_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The preview with Swedish headings, changes first."""
    order = {"ändrad": 0, "ny": 1, "oförändrad": 2}
    shown = frame.assign(_order=frame["status"].map(order)).sort_values(["_order", "rad"], kind="stable")
    table = pd.DataFrame(
        {
            "Status": shown["status"],
            "Rad i filen": shown["rad"],
            "Förbund": shown["forbund"],
            "År": shown["ar"],
            "Period slut": [f"{d:%Y-%m-%d}" for d in shown["period_slut"]],
            "Post": shown["post"],
            "Kategori": shown["kategori"],
            "Mått": shown["matt"],
            # A new row has no amount now: NaN, which the page writes as "–" (never "None").
            "Belopp nu": pd.to_numeric(shown["belopp_nu"], errors="coerce").astype("float64"),
            "Belopp i filen": shown["belopp"],
        }
    )
    # One förbund (the usual case) is said once above the table, not on every row.
    return table.drop(columns="Förbund") if shown["forbund"].nunique() == 1 else table


def history_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The log with Swedish headings."""
    return pd.DataFrame(
        {
            "Import": frame["import_id"],
            "Importerad": [f"{t:%Y-%m-%d %H:%M}" for t in frame["importerad"]],
            "Av": frame["importerad_av"],
            "Fil": frame["fil"],
            "Format": frame["layout"],
            "Nya rader": frame["rader_nya"],
            "Ersatta rader": frame["rader_ersatta"],
            "Oförändrade": frame["rader_oforandrade"],
            "Ångrad": [
                "" if pd.isna(t) else f"{t:%Y-%m-%d %H:%M} av {who}"
                for t, who in zip(frame["angrad"], frame["angrad_av"], strict=True)
            ],
            "SHA-256": [h[:12] for h in frame["sha256"]],
        }
    )


def current_lines(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every budget line in effect, in the import format (the export)."""
    return sql.query(con, "export_budget_lines")


# The preview on the page shows at most this many rows (changes first); the counts cover all.
PREVIEW_ROWS = 5_000
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
