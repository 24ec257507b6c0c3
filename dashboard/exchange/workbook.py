"""A förbund's workbook in: read every sheet, check it whole, preview, store as one import, undo.

The sheets and their columns are ``workbook_sheets.SHEETS``; the rows land in the user
tables of ``store.overlays``, whose views put them in place of the embedded rows of the same
key. As the budget import (``imports``): nothing is written until the whole workbook is
clean, every problem names file, sheet, row and column in Swedish, the preview sets each
sheet against the data in effect (new, changed, unchanged rows), the write is one transaction
with one entry in the log, and an undo takes the whole import back out.

Some things are asked rather than refused (``Parsed.questions``): a kommun member outside the
förbund's län (some förbund span two län). ``store`` writes them only when confirmed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb

from dashboard.domain import county, naming, regions
from dashboard.domain import outcomes as goal_outcomes
from dashboard.exchange import budget_rows, fmt, imports, names, outcome_file, reading, statimport
from dashboard.exchange.numbers import parse_decimal_sv, whole_kronor
from dashboard.exchange.reading import ImportRefused
from dashboard.exchange.workbook_sheets import (
    ALL_SHEETS,
    BUDGET_SHEET,
    BY_NAME,
    OUTCOME_SHEET,
    README_SHEET,
    SHEETS,
    STATS_SHEET,
    TABLE_ROW,
    Sheet,
)
from dashboard.store import overlays, sql, writes

MAX_BYTES = 20_000_000  # a förbund's workbook is far smaller; a larger file is a mistake
MAX_ROWS = 100_000  # per sheet
MAX_COUNT = 10_000  # staff, places, members of a board: a larger count is a typing error
MAX_FTE = 100  # full-time posts in one role of one insats: more is a typing error
# Columns of sentences rather than names: kept as written (their cells are checked for
# control characters and length like every cell), never compared as a name.
FREE_TEXT = (
    "anmarkning",
    "avsnitt",
    "beskrivning",
    "text",
    "varde_text",
    "antal_text",
    "dokument",
    # a goal's parts are sentences as printed
    "omrade",
    "mal",
    "matt",
    "malvarde_text",
    "utfall_text",
    "utfall_dokument",
    "utfall_avsnitt",
    # an insats's parts: roles as printed ("teammedlem (operativ utvecklingsledare)"), what a
    # count covers, its period, and a list of budget posts
    "roll",
    "omfattning",
    "period",
    "budgetposter",
    # a survey's question and answer as printed; a statement's post and what it sums
    "fraga",
    "svar",
    "summerar",
)
STATUSES = ("ny", "ändrad", "oförändrad")


@dataclass
class Parsed:
    """A clean workbook: per sheet its rows as the table's columns (and ``rad``)."""

    file_name: str
    sha256: str
    sheets: dict[str, list[dict]]
    notes: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    budget: imports.Parsed | None = None  # the sheet Budget: budget lines, as the budget import reads them
    statistics: statimport.Parsed | None = None  # the sheet Statistik, as the statistics import reads it
    outcomes: list | None = None  # the sheet Utfall: (row, ParsedOutcome), as the file of outcomes reads it


@dataclass(frozen=True)
class Stored:
    import_id: int | None
    counts: dict[str, dict[str, int]]


# ---------------------------------------------------------------- reading


def read(data: bytes, file_name: str) -> list[tuple[str, list[tuple[int, list]]]]:
    """The workbook's sheets as (name, rows); refused if too large or not a workbook."""
    name = names.shown(Path(file_name).name, 120)
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            [
                f"{name}: filen är {fmt.number(len(data) / 1_000_000, 1)} MB; högst "
                f"{fmt.number(MAX_BYTES / 1_000_000)} MB tas emot. Dela upp den per år eller blad."
            ]
        )
    if not name.lower().endswith((".xlsx", ".xlsm")):
        raise ImportRefused(
            [f"{name}: en arbetsbok ska vara en Excelfil (.xlsx) eller en mapp med CSV-filer."]
        )
    return reading.sheets(data, name)


def read_folder(folder: Path) -> tuple[list[tuple[str, list[tuple[int, list]]]], bytes]:
    """A folder of CSV files, one per sheet (``Medlemmar.csv`` …), as sheets; and the bytes
    its hash is made from (the files in name order)."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    if not files:
        raise ImportRefused(
            [f"{folder.name}: mappen har inga CSV-filer (ett blad per fil, t.ex. Medlemmar.csv)."]
        )
    total = sum(p.stat().st_size for p in files)
    if total > MAX_BYTES:
        raise ImportRefused(
            [
                f"{folder.name}: filerna är {fmt.number(total / 1_000_000, 1)} MB; högst "
                f"{fmt.number(MAX_BYTES / 1_000_000)} MB tas emot."
            ]
        )
    found, content = [], b""
    for path in files:
        data = path.read_bytes()
        content += path.name.encode() + b"\0" + data
        found.append((path.stem, reading.rows(data, f"{folder.name}/{path.name}")))
    return found, content


# ---------------------------------------------------------------- checking


class _Context:
    """What the checks of every sheet share: the file's name, the problems so far, the
    förbund known in the database and in the workbook, and their lives."""

    def __init__(self, con: duckdb.DuckDBPyConnection, file_name: str):
        self.con = con
        self.file_name = file_name
        self.one_sheet_file = False  # a file of one sheet's rows (a file of outcomes): no sheet to name
        self.problems = budget_rows.Problems()
        self.notes: list[str] = []
        self.questions: list[str] = []
        self.known: dict[str, str] = {}
        self.life: dict[str, tuple[int | None, int | None]] = {}
        for forbund, _, first, last in con.execute(sql.load("forbund_life")).fetchall():
            self.known[naming.key(forbund)] = forbund
            self.life[forbund] = (first, last)
        self.in_database = set(self.life)
        self.kommuner = dict(con.execute(sql.load("workbook_kommun_lan")).fetchall())
        self.lan: dict[str, str | None] = {}
        self.read_as: dict[tuple[str, str, str], list[int]] = {}  # a förbund written otherwise
        self._goal_ids: dict[tuple[str, int, str], str] | None = None
        # Each förbund's members by name key, as the database has them and the workbook adds.
        self.members: dict[str, set[str]] = {}
        for forbund, medlem in con.execute(sql.load("workbook_members")).fetchall():
            self.members.setdefault(forbund, set()).add(naming.key(medlem))
        # Each förbund's insatser by name key and by id key, as the database has them and the
        # sheet Insatser adds; and every förbund's ids, so that a new insats's id is its own.
        self.insatser: dict[str, dict[str, str]] = {}
        self.insats_ids: dict[str, set[str]] = {}
        for forbund, insats_id, namn in con.execute(sql.load("workbook_insatser")).fetchall():
            self.add_insats(forbund, insats_id, namn)
        self.posts: dict[str, dict[str, str]] = {}  # each förbund's posts: name key → spelling
        for forbund, post in con.execute(sql.load("workbook_budget_posts")).fetchall():
            self.posts.setdefault(forbund, {}).setdefault(naming.key(post), post)
        self.present: dict[str, set[str]] = {}  # each sheet's columns the file has

    def add_insats(self, forbund: str, insats_id: str, namn: str) -> None:
        known = self.insatser.setdefault(forbund, {})
        known[naming.key(namn)] = known[naming.key(insats_id)] = insats_id
        self.insats_ids.setdefault(insats_id, set()).add(forbund)

    def insats_id(self, forbund: str, namn: str) -> str:
        """A new insats's id when the sheet gives none: the förbund's insats of that name, else
        one made of the name (``samordningsteam-sala``), with the förbund's name after it if
        another förbund has an insats of that id."""
        known = self.insatser.get(forbund, {}).get(naming.key(namn))
        if known:
            return known
        made = naming.slug(namn)
        return made if made not in self.insats_ids else f"{made}-{naming.slug(forbund)}"

    def where(self, sheet: str) -> str:
        return self.file_name if self.one_sheet_file else f"{self.file_name}, blad {sheet}"

    def goal_id(self, record: dict) -> str:
        """A goal's id when the sheet gives none: the id of the goal of the same förbund, year
        and wording (naming.key) if there is one, else one made from them, the same at every
        import of the same row."""
        if self._goal_ids is None:
            self._goal_ids = {
                (forbund, ar, naming.key(mal)): mal_id
                for mal_id, forbund, ar, _, mal, *_ in self.con.execute(sql.load("goals_all")).fetchall()
            }
        identity = (record["forbund"], record["ar"], naming.key(record["mal"] or ""))
        made = hashlib.sha256("\x1f".join(map(str, identity)).encode()).hexdigest()[:10]
        return self._goal_ids.get(identity) or f"mal-{record['ar']}-{made}"


def parse(
    con: duckdb.DuckDBPyConnection,
    found: list[tuple[str, list]],
    file_name: str,
    content: bytes,
    one_sheet_file: bool = False,
) -> Parsed:
    """Check every sheet; raise ImportRefused listing every problem, or return the rows.
    ``one_sheet_file``: ``found`` is a plain file read as one sheet (problems name no sheet)."""
    name = names.shown(Path(file_name).name, 120)
    context = _Context(con, name)
    context.one_sheet_file = one_sheet_file
    by_key = {naming.key(s.name): s for s in SHEETS}
    sheets: list[tuple[Sheet, list]] = []
    budget_sheet: list | None = None
    stats_sheet: list | None = None
    outcome_sheet: list | None = None
    for title, rows in found:
        sheet = by_key.get(naming.key(title))
        if naming.key(title) == naming.key(README_SHEET):
            continue
        # Budget and Statistik with headings only (the template's Statistik) bring nothing.
        if naming.key(title) == naming.key(BUDGET_SHEET):
            budget_sheet = rows if _has_data(rows) else None
            continue
        if naming.key(title) == naming.key(STATS_SHEET):
            stats_sheet = rows if _has_data(rows) else None
            continue
        if naming.key(title) == naming.key(OUTCOME_SHEET):
            outcome_sheet = rows if _has_data(rows) else None
            continue
        if sheet is None:
            context.problems.add(
                name,
                None,
                None,
                f"bladet ”{names.shown(title)}” är inget blad som importeras; bladen heter "
                f"{', '.join(ALL_SHEETS)} (och {README_SHEET}, som inte läses).",
            )
            continue
        if any(s is sheet for s, _ in sheets):
            context.problems.add(name, None, None, f"bladet {sheet.name} finns två gånger.")
            continue
        body = [(rad, cells) for rad, cells in rows if not reading.blank(cells)]
        if len(body) > MAX_ROWS + 1:
            context.problems.add(
                context.where(sheet.name),
                None,
                None,
                f"bladet har {fmt.number(len(body) - 1)} rader; högst {fmt.number(MAX_ROWS)} tas emot.",
            )
            continue
        sheets.append((sheet, body))
    if context.problems:
        raise ImportRefused(imports.listed(context.problems))
    if not sheets and budget_sheet is None and stats_sheet is None and outcome_sheet is None:
        raise ImportRefused([f"{name}: arbetsboken har inget av bladen {', '.join(ALL_SHEETS)}."])
    order = [s.name for s in SHEETS]
    sheets.sort(key=lambda pair: order.index(pair[0].name))  # Förbund first: the others name it
    parsed: dict[str, list[dict]] = {}
    for sheet, body in sheets:
        records = _parse_sheet(context, sheet, body)
        if records is not None:
            parsed[sheet.name] = records
        if len(context.problems) > reading.MAX_PROBLEMS:
            break
    budget = None
    if budget_sheet is not None and not context.problems:
        try:  # the budget import itself: its checks, its messages (file, sheet, row, column)
            new = {
                f: context.life[f] for f in context.lan if f not in context.in_database
            }  # the sheet Förbund's
            budget = imports.parse_rows(con, budget_sheet, context.where(BUDGET_SHEET), new_forbund=new)
        except ImportRefused as refused:
            context.problems.extend(refused.problems)
        else:
            if budget.layout != "import":
                context.problems.add(
                    context.where(BUDGET_SHEET),
                    None,
                    None,
                    "bladet Budget har importformatets kolumner: " + ";".join(budget_rows.COLUMNS) + ".",
                )
            budget.file_name, budget.layout = name, "arbetsbok"
            context.notes += budget.notes
    statistics = None
    if stats_sheet is not None and not context.problems:
        try:  # the statistics import itself, as the Budget sheet is the budget import's
            statistics = statimport.parse_rows(con, stats_sheet, context.where(STATS_SHEET))
        except ImportRefused as refused:
            context.problems.extend(refused.problems)
        else:
            statistics.file_name = name
    outcomes = None
    if outcome_sheet is not None and not context.problems:
        try:  # the file of outcomes' own checks; a goal the sheet Mål brings is not stored yet
            outcomes = outcome_file.parse_rows(con, outcome_sheet, context.where(OUTCOME_SHEET))
        except ImportRefused as refused:
            context.problems.extend(refused.problems)
    if not context.problems:
        _check_posts(context, parsed.get("Insatser", []), budget)
    for (where, written, known), rader in context.read_as.items():
        shown = ", ".join(map(str, rader[:5])) + (
            f" och {fmt.number(len(rader) - 5)} till" if len(rader) > 5 else ""
        )
        context.notes.append(f"{where}: ”{names.shown(written)}” läses som ”{known}” (rad {shown}).")
    if (
        not context.problems
        and not any(parsed.values())
        and (budget is None or budget.rows.empty)
        and statistics is None
        and outcomes is None
    ):
        context.problems.add(
            name, None, None, "arbetsboken har inga datarader; fyll i minst en rad under rubrikerna."
        )
    if context.problems:
        raise ImportRefused(imports.listed(context.problems))
    sha256 = hashlib.sha256(content).hexdigest()
    for part in (budget, statistics):
        if part is not None:
            part.sha256 = sha256
    return Parsed(name, sha256, parsed, context.notes, context.questions, budget, statistics, outcomes)


def parse_outcome_file(con: duckdb.DuckDBPyConnection, data: bytes, file_name: str) -> Parsed:
    """A file of outcomes (CSV or Excel, ``outcome_file.OUTCOME_FORMAT``) as a workbook with
    the one sheet Utfall: checked, previewed, stored, logged and undone as every import."""
    return parse(con, [(OUTCOME_SHEET, reading.rows(data, file_name))], file_name, data, one_sheet_file=True)


def _has_data(rows: list) -> bool:
    return sum(1 for _, cells in rows if not reading.blank(cells)) > 1


def _parse_sheet(context: _Context, sheet: Sheet, body: list) -> list[dict] | None:
    where = context.where(sheet.name)
    if not body:
        context.problems.add(where, None, None, "bladet är tomt; det ska ha en rubrikrad.")
        return None
    header_rad, header = body[0]
    imports.refuse_characters(where, header_rad, header, body, context.problems)
    if context.problems:
        return None
    by_heading = {naming.key(c.heading): c for c in sheet.columns}
    columns = [by_heading.get(naming.key(reading.cell_text(h))) for h in header]
    context.present[sheet.name] = {c.column for c in columns if c is not None}
    for column in dict.fromkeys(c for c in columns if c is not None):
        places = [i + 1 for i, c in enumerate(columns) if c is column]
        if len(places) > 1:
            context.problems.add(
                where,
                header_rad,
                column.heading,
                f"kolumnen finns {len(places)} gånger i rubrikraden (kolumn "
                f"{', '.join(map(str, places))}); lämna bara en.",
            )
    missing = [c.heading for c in sheet.columns if c.required and c not in columns]
    if missing:
        context.problems.add(
            where,
            header_rad,
            None,
            f"kolumnen {', '.join(missing)} saknas; bladet ska ha "
            f"{', '.join(c.heading for c in sheet.columns if c.required)}.",
        )
    if context.problems:
        return None
    records = []
    for rad, cells in body[1:]:
        record: dict = {"rad": rad}
        for index, column in enumerate(columns):
            if column is None:
                continue
            raw = cells[index] if index < len(cells) else ""
            record[column.column] = _value(context, sheet, column, rad, raw)
        for column in sheet.columns:
            record.setdefault(column.column, None)
            if column.required and not column.may_be_blank and record[column.column] is None:
                index = columns.index(column)
                if reading.cell_text(cells[index] if index < len(cells) else "") == "":
                    context.problems.add(where, rad, column.heading, "värde saknas.")
        records.append(record)
    if context.problems:
        return None
    for record in records:
        _rules(context, sheet, record)
        _defaults(context, sheet, record)
    _refuse_twice(context, sheet, records)
    return records


_YEAR = re.compile(r"\d{4}")


class _Quoted:
    """A cell's text in quotes, as a message shows it; made only if a message is (most cells
    are clean, and ``names.shown`` is not free)."""

    def __init__(self, text: str):
        self.text = text

    def __format__(self, spec: str) -> str:
        return f"”{names.shown(self.text)}”"


def _value(context: _Context, sheet: Sheet, column, rad: int, raw: object) -> object:
    """One cell as the column's kind of value; a problem (and None) if it is not one."""
    text = names.from_spreadsheet(reading.cell_text(raw)) if isinstance(raw, str) else reading.cell_text(raw)
    if text == "":
        return None
    where = context.where(sheet.name)

    def refuse(message: str) -> None:
        context.problems.add(where, rad, column.heading, message)

    quoted = _Quoted(text)
    kind = column.kind
    if kind == "forbund":
        known = context.known.get(naming.key(text))
        if known is None:
            refuse(f"förbundet {quoted} finns inte i databasen; lägg till det på bladet Förbund.")
            return None
        if known != text:
            context.read_as.setdefault((where, text, known), []).append(rad)
        return known
    if kind == "text":
        if column.column in FREE_TEXT:  # every cell's characters and length are checked already
            return text
        problem = naming.check_name(text)
        if problem:
            refuse(problem + ".")
            return None
        return naming.canonical(text)
    if kind == "year":
        if isinstance(raw, dt.date):
            return raw.year
        if not _YEAR.fullmatch(text):
            refuse(f"{quoted} är inte ett år (fyra siffror).")
            return None
        return int(text)
    if kind == "year_or_date":
        if isinstance(raw, dt.date):
            return raw.year
        if _YEAR.fullmatch(text):
            return int(text)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return int(text[:4])
        refuse(f"{quoted} är varken ett år eller ett datum (ÅÅÅÅ-MM-DD).")
        return None
    if kind == "date":
        try:
            return budget_rows.parse_date(raw)
        except ValueError:
            refuse(f"{quoted} är inte ett datum (ÅÅÅÅ-MM-DD).")
            return None
    if kind == "choice":
        chosen = {naming.key(c): c for c in column.choices}.get(naming.key(text))
        if chosen is None:
            refuse(f"{quoted} är inget av {', '.join(column.choices)}.")
        return chosen
    if kind == "kommunkoder":
        codes = [_kommunkod(c) for c in text.split()]
        wrong = [c for c in codes if not re.fullmatch(r"\d{4}", c)]
        if wrong:
            refuse(
                f"”{names.shown(wrong[0])}” är ingen kommunkod; "
                "skriv fyrsiffriga koder med mellanslag emellan."
            )
            return None
        unknown = [c for c in codes if c not in context.kommuner]
        if unknown:
            refuse(f"kommunkoden {unknown[0]} finns inte bland kommunerna i databasen.")
            return None
        return " ".join(dict.fromkeys(codes))
    if kind == "insats":  # which insats is said with the row's förbund (_rules)
        problem = naming.check_name(text)
        if problem:
            refuse(problem + ".")
            return None
        return naming.canonical(text)
    if kind == "kommunkod":
        text = _kommunkod(text)
        if not re.fullmatch(r"\d{4}", text):
            refuse(f"{quoted} är ingen kommunkod (fyra siffror, t.ex. 1980).")
            return None
        if text not in context.kommuner:
            refuse(f"kommunkoden {text} finns inte bland kommunerna i databasen.")
            return None
        return text
    if kind == "lan":
        code = regions.lan_code(text)
        if code is None:
            refuse(f"{quoted} är inget län; skriv länskoden (två siffror, t.ex. 19) eller länets namn.")
        return code
    number = _number(raw, text)
    if number is None:
        refuse(f"{quoted} är inte ett tal.")
        return None
    if kind == "amount":
        if abs(number) > budget_rows.MAX_AMOUNT or number != number.quantize(Decimal("0.01")):
            refuse(f"{quoted} är inte ett belopp i kronor (högst {fmt.number(budget_rows.MAX_AMOUNT)} kr).")
            return None
        return whole_kronor(number)
    if kind == "count":
        if number < 0 or number > MAX_COUNT or number != number.to_integral_value():
            refuse(f"{quoted} är inget rimligt antal (ett heltal från 0 till {fmt.number(MAX_COUNT)}).")
            return None
        return float(number)
    if kind == "fte":
        if number < 0 or number > MAX_FTE or number != number.quantize(Decimal("0.01")):
            refuse(
                f"{quoted} är inget rimligt antal årsarbetare (från 0 till {fmt.number(MAX_FTE)}, "
                "högst två decimaler)."
            )
            return None
        return float(number)
    return float(number)


def _kommunkod(text: str) -> str:
    """A kommun code as written, with the leading zero a spreadsheet drops put back: Excel
    turns a typed 0188 (Norrtälje) into the number 188."""
    return text.zfill(4) if text.isdigit() and len(text) == 3 else text


def _number(raw: object, text: str) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    try:
        value = Decimal(str(raw)) if isinstance(raw, int | float) else parse_decimal_sv(text)
    except (ValueError, InvalidOperation):
        return None
    return value if value.is_finite() else None


def _rules(context: _Context, sheet: Sheet, record: dict) -> None:
    """What a row must be beyond its cells: a known förbund's life, a kommun in its län."""
    where, rad = context.where(sheet.name), record["rad"]
    if sheet.table == "forbund":
        forbund = record["forbund"]
        if forbund is None:
            return
        known = context.known.get(naming.key(forbund))
        if known and known != forbund:
            context.read_as.setdefault((where, forbund, known), []).append(rad)
            record["forbund"] = forbund = known
        context.known[naming.key(forbund)] = forbund
        context.life[forbund] = (record["fran_ar"], record["till_ar"])
        context.lan[forbund] = record["lan_kod"]
        if (
            record["till_ar"] is not None
            and record["fran_ar"] is not None
            and record["till_ar"] < record["fran_ar"]
        ):
            context.problems.add(
                where, rad, "Till", f"året {record['till_ar']} ligger före Från ({record['fran_ar']})."
            )
        if record["ersatt_av"] and record["till_ar"] is None:
            context.problems.add(
                where,
                rad,
                "Till",
                f"förbundet ersattes av {record['ersatt_av']}: skriv det sista året i Till.",
            )
        return
    forbund = record.get("forbund")
    # (an insats may have begun under the förbund it was carried over from)
    year_column = next((c for c in ("ar", "fran_ar") if c in record and sheet.table != "insatser"), None)
    if forbund and year_column and record[year_column] is not None:
        problem = budget_rows.year_problem(context.life.get(forbund, (None, None)), record[year_column])
        if problem:
            context.problems.add(where, rad, sheet.column(year_column).heading, problem + ".")
    if sheet.table in ("contributions", "styrelse") and forbund and record["medlem"]:
        known = context.members.get(forbund, set())
        staten = sheet.table == "contributions" and record["medlem"] == "Staten"
        if naming.key(record["medlem"]) not in known and not staten:
            also = (
                " eller Staten (Arbetsförmedlingen och Försäkringskassan som en post)"
                if sheet.table == "contributions"
                else ""
            )
            context.problems.add(
                where,
                rad,
                "Medlem",
                f"”{names.shown(record['medlem'])}” är inte medlem i {forbund}; ange en medlem från "
                f"bladet Medlemmar{also}.",
            )
    if sheet.table == "goals":
        _goal_rules(context, where, rad, record)
    if sheet.table == "insatser" and forbund and record["namn"]:
        record["insats_id"] = record["insats_id"] or context.insats_id(forbund, record["namn"])
        context.add_insats(forbund, record["insats_id"], record["namn"])
        if record["fran_ar"] and record["till_ar"] and record["till_ar"] < record["fran_ar"]:
            context.problems.add(where, rad, "Till år", f"året {record['till_ar']} ligger före Från år.")
    if sheet.table in ("staffing", "capacity", "participants") and forbund and record["insats_id"]:
        found = context.insatser.get(forbund, {}).get(naming.key(record["insats_id"]))
        if found is None:
            context.problems.add(
                where,
                rad,
                "Insats",
                f"insatsen ”{names.shown(record['insats_id'])}” finns inte hos {forbund}; "
                "lägg till den på bladet Insatser.",
            )
        record["insats_id"] = found
    if sheet.table in ("capacity", "participants"):
        _count_rules(context, where, rad, record)
    if sheet.table == "members":
        if forbund and record["medlem"]:
            context.members.setdefault(forbund, set()).add(naming.key(record["medlem"]))
        kod, typ = record["kommunkod"], record["medlemstyp"]
        if typ == "kommun" and kod is None:
            context.problems.add(where, rad, "Kommunkod", "en kommun behöver sin kommunkod.")
        if typ != "kommun" and kod is not None:
            context.problems.add(
                where, rad, "Kommunkod", f"bara en kommun har kommunkod, inte en medlem av typen {typ}."
            )
        if forbund not in context.lan:
            context.lan[forbund] = lan_of(context.con, forbund)
        lan = context.lan[forbund]
        if kod and lan and context.kommuner.get(kod) != lan:
            context.questions.append(
                f"{where}, rad {rad}: {record['medlem']} ({kod}) ligger utanför förbundets län "
                f"({regions.lan_name(lan)}). Stämmer det? Vissa förbund spänner över två län."
            )
        if record["fran_ar"] and record["till_ar"] and record["till_ar"] < record["fran_ar"]:
            context.problems.add(where, rad, "Till år", f"året {record['till_ar']} ligger före Från år.")


def _check_posts(context: _Context, insatser: list[dict], budget: imports.Parsed | None) -> None:
    """Every budget post an insats names is one of its förbund's, in the database or on the
    sheet Budget: a misspelt post would leave the insats without its money."""
    if budget is not None:
        for forbund, post in budget.rows[["forbund", "post"]].itertuples(index=False):
            context.posts.setdefault(forbund, {}).setdefault(naming.key(post), post)
    if insatser and "budgetposter" not in context.present.get("Insatser", set()):
        # a sheet without the column says nothing of the posts: those in effect stay
        forbund = sorted({r["forbund"] for r in insatser})
        now = {
            (f, i): p
            for f, i, p in context.con.execute(
                sql.load("workbook_insats_posts"), {"forbund": forbund}
            ).fetchall()
        }
        for record in insatser:
            record["budgetposter"] = now.get((record["forbund"], record["insats_id"]))
        return
    for record in insatser:
        known = context.posts.get(record["forbund"], {})
        spelled = []
        for post in (record["budgetposter"] or "").split("; "):
            if post and naming.key(post) in known:
                spelled.append(known[naming.key(post)])  # stored as the budget spells it
            elif post:
                context.problems.add(
                    context.where("Insatser"),
                    record["rad"],
                    "Budgetposter",
                    f"posten ”{names.shown(post)}” finns inte bland {record['forbund']}s budgetposter "
                    "(i databasen eller på bladet Budget).",
                )
        record["budgetposter"] = "; ".join(sorted(set(spelled))) or None


def _count_rules(context: _Context, where: str, rad: int, record: dict) -> None:
    """Places as a range low to high; participants as whole persons or a share from 0 to 1."""
    low, high = record.get("varde_min"), record.get("varde_max")
    if low is not None and high is not None and high < low:
        context.problems.add(where, rad, "Högst", "det högre talet är mindre än Platser.")
    value, unit = record.get("varde"), record.get("enhet")
    if value is None:
        return
    if unit == "personer" and not (0 <= value <= MAX_COUNT and float(value).is_integer()):
        context.problems.add(where, rad, "Värde", f"{_as_written(value)} är inget rimligt antal personer.")
    if unit == "andel" and not 0 <= value <= 1:
        context.problems.add(
            where, rad, "Värde", f"en andel skrivs från 0 till 1 (0,35 för 35 %), inte {_as_written(value)}."
        )


def _goal_rules(context: _Context, where: str, rad: int, record: dict) -> None:
    """A goal as the build checks the documents' goals (queries/schema/goals_validate.sql)."""
    jamforelse, malvarde = record["jamforelse"], record["malvarde"]
    if jamforelse and jamforelse != "kvalitativt" and malvarde is None:
        context.problems.add(
            where, rad, "Målvärde", f"ett mål med jämförelsen {jamforelse} behöver ett målvärde."
        )
    if jamforelse == "kvalitativt" and (malvarde is not None or record["enhet"] != "kvalitativt"):
        context.problems.add(
            where, rad, "Enhet", "ett kvalitativt mål har enheten kvalitativt och inget målvärde."
        )
    if record["bedomning_grund"] and not record["bedomning"]:
        context.problems.add(
            where, rad, "Bedömningens grund", "en grund utan bedömning; skriv bedömningen eller töm grunden."
        )


def lan_of(con: duckdb.DuckDBPyConnection, forbund: str) -> str | None:
    """The län of a förbund in the database: its workbook's, else its kommun members' (mostly)."""
    return county.lan_of(con, forbund)


def _defaults(context: _Context, sheet: Sheet, record: dict) -> None:
    """The values an empty optional cell stands for."""
    if record.get("dokument") is None:
        record["dokument"] = context.file_name
    if record.get("avsnitt") is None:
        record["avsnitt"] = f"blad {sheet.name}, rad {record['rad']}"
    table = sheet.table
    if table == "forbund" and record["kortnamn"] is None:
        record["kortnamn"] = record["forbund"]
    elif table == "contributions":
        record["variant"] = record["variant"] or "slutlig"
        record["enhet_i_kallan"] = record["enhet_i_kallan"] or "kr"
    elif table == "nyckeltal":
        if record["period_slut"] is None and record["ar"] is not None:
            record["period_slut"] = dt.date(record["ar"], 12, 31)
        record["matt"] = record["matt"] or "utfall"
        record["enhet_i_kallan"] = record["enhet_i_kallan"] or record["enhet"]
        if record["varde_text"] is None and record["varde"] is not None:
            record["varde_text"] = _as_written(record["varde"])
    elif table == "styrelse" and record["antal_text"] is None:
        record["antal_text"] = "" if record["antal"] is None else fmt.number(record["antal"])
    elif table == "insatser" and record["budgetposter"] is not None:
        posts = {naming.canonical(p) for p in record["budgetposter"].split(";") if p.strip()}
        record["budgetposter"] = "; ".join(sorted(posts)) or None
    elif table in ("balance_items", "balanskrav", "kassaflode"):
        if record["period_slut"] is None and record["ar"] is not None:
            record["period_slut"] = dt.date(record["ar"], 12, 31)
        record["tabell"] = record["tabell"] or f"blad {sheet.name}"
        record["enhet_i_kallan"] = record["enhet_i_kallan"] or "kr"
        if record[TABLE_ROW] is None:
            record[TABLE_ROW] = float(record["rad"])
        if table == "balance_items":
            record["matt"] = record["matt"] or "bokslut"
            record["variant"] = record["variant"] or "slutlig"
    elif table == "indikatorer" and record["andel"] is not None and not 0 <= record["andel"] <= 1:
        context.problems.add(
            context.where(sheet.name),
            record["rad"],
            "Andel",
            f"en andel skrivs från 0 till 1 (0,35 för 35 %), inte {_as_written(record['andel'])}.",
        )
    elif table == "capacity":
        if record["varde_max"] is None:
            record["varde_max"] = record["varde_min"]
        if record["varde_text"] is None and record["varde_min"] is not None:
            low, high = _as_written(record["varde_min"]), _as_written(record["varde_max"])
            record["varde_text"] = low if low == high else f"{low}–{high}"
    elif table == "targets" and record["text"] is None:
        record["text"] = record["styrtal"]
    elif table == "goals":
        if record["bedomning"] and record["bedomning_grund"] is None:
            record["bedomning_grund"] = "angiven"  # an editor who writes an assessment states it
        if (record["utfall"] is not None or record["utfall_text"]) and record["utfall_dokument"] is None:
            record["utfall_dokument"], record["utfall_avsnitt"] = record["dokument"], record["avsnitt"]
        if record["malvarde_text"] is None and record["malvarde"] is not None:
            record["malvarde_text"] = _as_written(record["malvarde"])
        if record["mal_id"] is None:
            record["mal_id"] = context.goal_id(record)


def _as_written(value: float) -> str:
    """A number as a document writes it: Swedish, with at most two decimals, none trailing
    (41,5; 1 200 000)."""
    return fmt.number(value, 2).rstrip("0").rstrip(",")


def _refuse_twice(context: _Context, sheet: Sheet, records: list[dict]) -> None:
    key = overlays.OVERLAYS[sheet.table].key
    seen: dict[tuple, int] = {}
    for record in records:
        identity = tuple(naming.key(str(record[k])) if isinstance(record[k], str) else record[k] for k in key)
        if identity in seen:
            headings = sheet.key_words or ", ".join(sheet.column(k).heading for k in key)
            context.problems.add(
                context.where(sheet.name),
                record["rad"],
                None,
                f"samma {headings} som rad {seen[identity]}; en rad får bara finnas en gång.",
            )
        seen.setdefault(identity, record["rad"])


# ---------------------------------------------------------------- preview, store, undo


def normal(value: object) -> object:
    """A value as both sides of a comparison hold it: NaN and empty as None, a date as a date,
    a whole float as itself, a Decimal as a float."""
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float):
        return round(value, 9)
    return value


def current(con: duckdb.DuckDBPyConnection, table: str, forbund: list[str]) -> list[dict]:
    """The rows in effect of a table for these förbund; a förbund's row with its län, which
    the sheet Förbund holds and the view does not."""
    rows = overlays.rows_in_effect(con, table, forbund)
    for row in rows:
        if "rad" in row:  # a statement's row in its table, as the sheet's Rad
            row[TABLE_ROW] = row["rad"]
    if table == "forbund":
        for row in rows:
            row["lan_kod"] = lan_of(con, row["forbund"])
    if table == "insatser":
        posts = {
            (f, i): p
            for f, i, p in con.execute(sql.load("workbook_insats_posts"), {"forbund": forbund}).fetchall()
        }
        for row in rows:
            row["budgetposter"] = posts.get((row["forbund"], row["insats_id"]))
    return rows


def preview(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> dict[str, list[dict]]:
    """Per sheet, each row with ``status`` (ny, ändrad, oförändrad), ``fran_import`` (its
    figure now comes from an earlier import) and ``nu`` (the row in effect, or None)."""
    out = {}
    for sheet_name, records in parsed.sheets.items():
        sheet = BY_NAME[sheet_name]
        overlay = overlays.OVERLAYS[sheet.table]
        forbund = sorted({r["forbund"] for r in records})

        def key_of(row: dict, key: tuple[str, ...] = overlay.row_key) -> tuple:
            return tuple(normal(row[k]) for k in key)

        now = {key_of(row): row for row in current(con, sheet.table, forbund)}
        imported = {
            key_of(dict(zip(overlay.row_key, row, strict=True)))
            for row in overlays.imported_keys(con, sheet.table, forbund)
        }
        compared = [c.column for c in sheet.columns]
        rows = []
        for record in records:
            before = now.get(key_of(record))
            if before is None:
                status = "ny"
            elif all(normal(record[c]) == normal(before.get(c)) for c in compared):
                status = "oförändrad"
            else:
                status = "ändrad"
            rows.append(record | {"status": status, "nu": before, "fran_import": key_of(record) in imported})
        out[sheet_name] = rows
    return out


def budget_preview(con: duckdb.DuckDBPyConnection, parsed: Parsed):
    """The sheet Budget against the lines in effect (``imports.preview``), or None without it."""
    if parsed.budget is None:
        return None
    return imports.preview(con, imports.as_stored_now(con, parsed.budget))


def statistics_preview(con: duckdb.DuckDBPyConnection, parsed: Parsed):
    """The sheet Statistik against the values in effect (``statimport.preview``), or None."""
    if parsed.statistics is None:
        return None
    return statimport.preview(con, parsed.statistics)


def outcomes_preview(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> list[dict] | None:
    """The sheet Utfall against the recorded outcomes in effect: each row's outcome, ``rad``,
    ``status`` and the outcome ``nu`` of its goal and period (or None); None without the sheet."""
    if parsed.outcomes is None:
        return None
    now = {(row[0], row[1]): row for row in con.execute(sql.load("workbook_outcomes_now")).fetchall()}
    out = []
    for rad, outcome in parsed.outcomes:
        before = now.get((outcome.mal_id, outcome.period))
        mine = (
            outcome.mal_id,
            outcome.period,
            outcome.utfall,
            outcome.bedomning,
            outcome.utfall_text,
            outcome.kalla,
        )
        if before is None:
            status = "ny"
        elif tuple(normal(v) for v in before) == tuple(normal(v) for v in mine):
            status = "oförändrad"
        else:
            status = "ändrad"
        out.append({"rad": rad, "utfall": outcome, "status": status, "nu": before})
    return out


def summary(
    previewed: dict[str, list[dict]], budget=None, statistics=None, outcomes=None
) -> dict[str, dict[str, int]]:
    """New, changed and unchanged rows per sheet, in the workbook's order of sheets."""
    counts = {
        sheet: {s: sum(1 for r in rows if r["status"] == s) for s in STATUSES}
        for sheet, rows in previewed.items()
    }
    if budget is not None:
        counts[BUDGET_SHEET] = imports.summary(budget)
    if statistics is not None:
        counts[STATS_SHEET] = imports.summary(statistics)
    if outcomes is not None:
        counts[OUTCOME_SHEET] = {s: sum(1 for r in outcomes if r["status"] == s) for s in STATUSES}
    return {sheet: counts[sheet] for sheet in ALL_SHEETS if sheet in counts}


def counts(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> dict[str, dict[str, int]]:
    """New, changed and unchanged rows per sheet, every sheet's part set against the data in
    effect (what ``store`` would write)."""
    return summary(
        preview(con, parsed),
        budget_preview(con, parsed),
        statistics_preview(con, parsed),
        outcomes_preview(con, parsed),
    )


def store(con: duckdb.DuckDBPyConnection, parsed: Parsed, who: str, confirmed: bool = False) -> Stored:
    """Write the workbook's new and changed rows and one log entry in one transaction.

    A workbook that changes nothing writes nothing. Questions (``Parsed.questions``) must be
    confirmed, else ImportRefused says them again and nothing is written."""
    if parsed.questions and not confirmed:
        raise ImportRefused(
            [*parsed.questions, "Bekräfta frågorna ovan för att importera; inget har sparats."]
        )
    with writes.write_lock():
        previewed = preview(con, parsed)
        budget = imports.as_stored_now(con, parsed.budget) if parsed.budget is not None else None
        budget_frame = imports.preview(con, budget) if budget is not None else None
        stats_frame = statistics_preview(con, parsed)
        outcome_rows = outcomes_preview(con, parsed)
        counts = summary(previewed, budget_frame, stats_frame, outcome_rows)
        total = {s: sum(c[s] for c in counts.values()) for s in STATUSES}
        if total["ny"] + total["ändrad"] == 0:
            return Stored(None, counts)
        with writes.user_write(con):
            import_id = con.execute(sql.load("import_next_id")).fetchall()[0][0]
            con.execute(
                sql.load("workbook_log_insert"),
                {
                    "import_id": import_id,
                    "fil": parsed.file_name,
                    "sha256": parsed.sha256,
                    # the sheets it changes, each with its new and changed rows
                    "blad": ", ".join(
                        f"{sheet} {c['ny'] + c['ändrad']}"
                        for sheet, c in counts.items()
                        if c["ny"] + c["ändrad"]
                    ),
                    "importerad": dt.datetime.now().replace(microsecond=0),
                    "vem": who,
                    "nya": total["ny"],
                    "ersatta": total["ändrad"],
                    "oforandrade": total["oförändrad"],
                },
            )
            if budget is not None and counts[BUDGET_SHEET]["ny"] + counts[BUDGET_SHEET]["ändrad"]:
                imports.write(con, budget, budget_frame, import_id, who)  # in the budget log too, same number
            if stats_frame is not None and counts[STATS_SHEET]["ny"] + counts[STATS_SHEET]["ändrad"]:
                statimport.write(con, parsed.statistics, stats_frame, import_id, who, workbook=True)
            for row in outcome_rows or []:
                # (an unchanged outcome is recorded again too: every recorded one is an
                # editor's, and undoing the earlier must not take away what this confirms)
                if row["status"] != "oförändrad" or row["nu"] is not None:
                    o = row["utfall"]
                    goal_outcomes.record_outcome(
                        con, o.mal_id, o.period, o.utfall, o.bedomning, o.utfall_text, o.kalla, who, import_id
                    )
            for sheet_name, rows in previewed.items():
                # New and changed rows, and unchanged ones an earlier import set: undoing that
                # import must not take away a figure this one confirms.
                kept = [r for r in rows if r["status"] != "oförändrad" or r["fran_import"]]
                if not kept:
                    continue
                columns = [c.column for c in BY_NAME[sheet_name].columns]
                overlay = overlays.OVERLAYS[BY_NAME[sheet_name].table]
                overlays.insert(
                    con,
                    overlay.table,
                    [_stored_as(c) for c in columns] + ["import_id", overlay.sheet_row],
                    [[r[c] for c in columns] + [import_id, r["rad"]] for r in kept],
                )
            _crash_point()
    return Stored(import_id, counts)


def _stored_as(column: str) -> str:
    """The table's column a sheet's column fills (a statement's Rad: the table's ``rad``)."""
    return "rad" if column == TABLE_ROW else column


def _crash_point() -> None:
    """Where a test simulates a crash halfway through the write (monkeypatched)."""


def undo(con: duckdb.DuckDBPyConnection, import_id: int, who: str) -> None:
    """Take a workbook import back out as one: every row it brought stops counting."""
    # its sheets Budget and Statistik, in their own logs under the same number
    imports.mark_undone(
        con, "workbook_undo", import_id, who, also=("import_undo", "statistik_undo_of_workbook")
    )


def is_workbook_import(con: duckdb.DuckDBPyConnection, import_id: int) -> bool:
    """Whether import N of the one series of numbers is a workbook's (else a budget file's)."""
    return bool(con.execute(sql.load("workbook_import_exists"), {"import_id": import_id}).fetchall()[0][0])


def history(con: duckdb.DuckDBPyConnection):
    """The log of workbook imports, latest first."""
    return sql.query(con, "workbook_history")
