"""A budget file's rows checked and read into records, from the import format or a delårsrapport's table.

Heading rows give the kategori of the posts below them, sum rows are skipped, and every cell
that is not what its column takes (förbund, year, date, post, kategori, mått, amount) is
named with its row and column, in Swedish.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

import duckdb
import pandas as pd

from dashboard.domain import naming
from dashboard.exchange import fmt, names, reading
from dashboard.exchange.numbers import parse_decimal_sv
from dashboard.store import sql

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
    # optional: the figure's source, kept and shown beside it (else the file is its source)
    "dokument": "dokument",
    "avsnitt": "avsnitt",
}
SOURCE_COLUMNS = ("dokument", "avsnitt")
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

WIDE_HINT = "en delårsrapports tabell har kolumnerna post;årsbudget;utfall;prognos"
PERIOD_HINT = "ange förbund, år och period (datumet utfallet avser)"


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
        amount = parse_decimal_sv(reading.cell_text(value), max_decimals=2)  # kronor and öre
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
    return f"”{names.shown(reading.cell_text(value))}”"


def _year(value: object) -> int:
    text = reading.cell_text(value)
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(text)
    return int(text)


def parse_date(value: object) -> dt.date:
    """A date cell: a date, or text ÅÅÅÅ-MM-DD; ValueError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = reading.cell_text(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


class Problems(list):
    """The problems found in a file, each with its file, row and column."""

    def add(self, name: str, rad: int | None, column: str | None, message: str) -> None:
        where = name + (f", rad {rad}" if rad else "") + (f", kolumn {column}" if column else "")
        self.append(f"{where}: {message}")


def _known_forbund(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Förbund by the key (naming.key) of their name and short name → the name the data uses."""
    known: dict[str, str] = {}
    for forbund, kortnamn, _, _ in sql.query(con, "forbund_life").itertuples(index=False):
        known[naming.key(forbund)] = forbund
        known[naming.key(kortnamn)] = forbund
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
    return [table.get(naming.key(reading.cell_text(h))) for h in header]


def _duplicate_columns(
    name: str, header_rad: int, header: list, columns: list[str | None], problems: Problems
) -> None:
    """A column twice in the header: which one holds the figure cannot be known, so refuse."""
    for column in dict.fromkeys(c for c in columns if c is not None):
        places = [i for i, c in enumerate(columns) if c == column]
        if len(places) > 1:
            numbers = " och ".join(", ".join(str(i + 1) for i in places).rsplit(", ", 1))
            problems.add(
                name,
                header_rad,
                names.shown(reading.cell_text(header[places[0]])),
                f"kolumnen finns {len(places)} gånger i rubrikraden (kolumn {numbers}); lämna bara en.",
            )


def parse_long(
    con: duckdb.DuckDBPyConnection,
    name: str,
    header_rad: int,
    header: list,
    body: list,
    problems: Problems,
    new_forbund: dict[str, tuple[int | None, int | None]] | None = None,
) -> list[dict]:
    """The records of a file in the import format, one figure a row; its problems go to
    ``problems``. ``new_forbund`` (name → first and last year) are förbund a workbook creates
    along with its budget lines."""
    columns = _header_map(header, _LONG_HEADERS)
    for heading, column in zip(header, columns, strict=True):
        if column is None and reading.cell_text(heading):
            problems.add(
                name,
                header_rad,
                names.shown(reading.cell_text(heading)),
                f"okänd kolumn; importformatet har {';'.join(COLUMNS)} (och får ha dokument;avsnitt).",
            )
    _duplicate_columns(name, header_rad, header, columns, problems)
    for label in COLUMNS:
        if _LONG_HEADERS[label] not in columns:
            problems.add(name, None, label, "kolumnen saknas.")
    if problems:
        return []
    known = _known_forbund(con) | {naming.key(f): f for f in new_forbund or {}}
    life = _years_of_life(con) | (new_forbund or {})
    kategorier = {naming.key(k): k for k in KATEGORIER}
    matt_by_key = {naming.key(m): m for m in MATT}
    records = []
    for rad, cells in body:
        if len(cells) < len(header) and all(c in SOURCE_COLUMNS for c in columns[len(cells) :]):
            cells = [*cells, *[""] * (len(header) - len(cells))]  # an empty source at the row's end
        if len(cells) != len(header):
            problems.add(name, rad, None, f"{len(cells)} kolumner, rubrikraden har {len(header)}.")
            continue
        value = {column: cell for column, cell in zip(columns, cells, strict=True)}
        record = {"rad": rad}
        forbund = reading.cell_text(value["forbund"])
        if naming.key(forbund) in known:
            record["forbund"] = known[naming.key(forbund)]
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
            record["period_slut"] = parse_date(value["period_slut"])
        except ValueError:
            problems.add(
                name, rad, "period_slut", f"{_quoted(value['period_slut'])} är inte ett datum (ÅÅÅÅ-MM-DD)."
            )
        record["post"] = names.from_spreadsheet(reading.cell_text(value["post"]))
        _check_post(problems, name, rad, "post", record["post"])
        kategori = naming.key(reading.cell_text(value["kategori"]))
        if kategori in kategorier:
            record["kategori"] = kategorier[kategori]
        else:
            problems.add(
                name,
                rad,
                "kategori",
                f"okänd kategori {_quoted(value['kategori'])}; välj {_choices(KATEGORIER)}.",
            )
        matt = naming.key(reading.cell_text(value["matt"]))
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
        for column in SOURCE_COLUMNS:  # a source as written (its characters are checked already)
            record[column] = reading.cell_text(value[column]) or None if column in value else None
        records.append(record)
        if len(problems) > reading.MAX_PROBLEMS:
            break
    return records


def parse_wide(
    con: duckdb.DuckDBPyConnection,
    name: str,
    header_rad: int,
    header: list,
    body: list,
    problems: Problems,
    forbund: str | None,
    ar: int | None,
    period_slut: dt.date | None,
    notes: list[str],
) -> list[dict]:
    """The records of a delårsrapport's table, one post a row with förbund, year and period given
    beside the file; its problems go to ``problems``, what was done on the way to ``notes``."""
    columns: list[str | None] = []
    for heading in header:
        text = naming.key(reading.cell_text(heading))
        columns.append(next((column for word, column in _WIDE_HEADERS if text.startswith(word)), None))
        if columns[-1] is None and text:
            problems.add(
                name, header_rad, names.shown(reading.cell_text(heading)), f"okänd kolumn; {WIDE_HINT}."
            )
    for column in ("budget", "utfall", "prognos"):
        duplicated = [
            names.shown(reading.cell_text(h)) for h, n in zip(header, columns, strict=True) if n == column
        ]
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
    elif naming.key(forbund) not in known:
        problems.add(name, None, None, f"okänt förbund {_quoted(forbund)}.")
    if ar is None or period_slut is None:
        if forbund:
            problems.add(name, None, None, f"filen är en delårsrapports tabell: {PERIOD_HINT}.")
    elif period_slut.year != ar:
        problems.add(name, None, None, f"perioden {period_slut:%Y-%m-%d} ligger inte i år {ar}.")
    elif forbund and naming.key(forbund) in known:
        found = known[naming.key(forbund)]
        if why := year_problem(_years_of_life(con)[found], ar):
            problems.add(name, None, None, f"{why} ({found}).")
    if problems:
        return []
    forbund = known[naming.key(forbund)]
    year_end = dt.date(ar, 12, 31)
    existing = {
        naming.key(post): kategori
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
        post = names.from_spreadsheet(reading.cell_text(cells[post_index]))
        amounts = {column: cells[i] for i, column in measures if reading.cell_text(cells[i]) != ""}
        if not amounts:
            lowered = post.lower()
            if lowered:  # a heading: the kategori it names, or none it can be read from
                heading_kategori = next((k for word, k in _HEADING_KATEGORI if word in lowered), None)
            continue
        if _SUM_ROW.search(post):
            skipped.append(f"rad {rad} ({post})")
            continue
        post_heading = names.shown(reading.cell_text(header[post_index]))
        if _check_post(problems, name, rad, post_heading, post):
            continue
        kategori = naming.key(reading.cell_text(cells[kategori_index])) if kategori_index is not None else ""
        if kategori_index is not None and kategori and kategori not in KATEGORIER:
            problems.add(
                name,
                rad,
                "kategori",
                f"okänd kategori {_quoted(cells[kategori_index])}; välj {_choices(KATEGORIER)}.",
            )
            continue
        # A post the förbund already has keeps its kategori; a new one takes its heading's.
        kategori = kategori or existing.get(naming.key(post)) or heading_kategori or ""
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
            heading = names.shown(reading.cell_text(header[columns.index(column)]))
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
        if len(problems) > reading.MAX_PROBLEMS:
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


def _check_post(problems: Problems, name: str, rad: int, column: str, post: str) -> bool:
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
    elif len(naming.canonical(post)) > naming.MAX_NAME:
        problems.add(
            name,
            rad,
            column,
            f"posten har {fmt.number(len(naming.canonical(post)))} tecken; högst "
            f"{naming.MAX_NAME} går (ett postnamn ska rymmas i styrelsens tabell och mötesunderlaget).",
        )
    else:
        return False
    return True


def check_kategori(
    con: duckdb.DuckDBPyConnection, name: str, records: list[dict], problems: Problems, column: str
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
