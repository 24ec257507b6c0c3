"""Import of the teams' anonymous registrations of participants (issue 27).

One row per participation, CSV or Excel, with the columns

    Insats;Deltagare;Kön;Födelseår;Kommunkod;Startdatum;Slutdatum;Avslut

(``Ålder`` at start in place of ``Födelseår``; an optional ``Förbund`` where the file holds
several, else the editor names the förbund). ``Deltagare`` is the team's own running number
or code, never a name or a personnummer.

Personal data is kept out before anything else is read: a cell anywhere in the file that looks
like a personnummer or samordningsnummer (10 or 12 digits, with or without a dash, a date and
a Luhn check digit), or a column that holds names, refuses the whole file. The refusal names
the column and row, never the value; nothing of the file is stored, logged or shown. Of what
is read only what the views need is kept: the team's code as a keyed pseudonym (to tell a
restart from another person), the birth year as an age group at start, the kommun code.

A file covers a period (``fran``–``till``): by default from 1 January of the year of its
latest date to the end of that date's month (today, while the month runs); it lists every
participation that ran during it. A newer file for the same insats replaces the older ones' rows that
started in its period and that it leaves out; a participation several files give counts as the
file whose period reaches furthest gives it (it knows how it ended). Undo brings back what an
import replaced (``queries/imports/registration_refresh.sql``, run by every write). Every other rule
is the other imports': all or nothing, every problem with file, row and column, in Swedish;
preview, log, undo. An editor can also delete an insats's registrations for a period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
import hmac
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.domain import capacity, naming, registrations
from dashboard.exchange import fmt, names, reading
from dashboard.exchange.imports import Stored, log_head
from dashboard.exchange.reading import ImportRefused
from dashboard.store import overlays, sql, writes

FIRST_DATE = dt.date(2004, 1, 1)  # FINSAM's first förbund (SFS 2003:1210)
MAX_ROWS = 500_000
MAX_CODE = 30

# The columns, each with the headings it is recognised by (naming.key of them).
COLUMNS: dict[str, tuple[str, ...]] = {
    "insats": ("insats", "insats_id", "team"),
    "deltagare": ("deltagare", "deltagar-id", "deltagarid", "deltagarkod", "löpnummer", "lopnummer"),
    "kon": ("kön", "kon"),
    "fodelsear": ("födelseår", "fodelsear"),
    "alder": ("ålder", "alder", "ålder vid start", "alder vid start"),
    "kommunkod": ("kommunkod", "kommun"),
    "startdatum": ("startdatum", "start"),
    "slutdatum": ("slutdatum", "slut"),
    "avslut": ("avslut", "avslutsorsak", "avslutad till"),
    "forbund": ("förbund", "forbund"),
}
HEADING = {"insats": "Insats", "deltagare": "Deltagare", "kon": "Kön", "fodelsear": "Födelseår",
           "alder": "Ålder", "kommunkod": "Kommunkod", "startdatum": "Startdatum",
           "slutdatum": "Slutdatum", "avslut": "Avslut", "forbund": "Förbund"}  # fmt: skip
REQUIRED = ("insats", "deltagare", "kon", "kommunkod", "startdatum", "slutdatum", "avslut")
FORMAT = ";".join(HEADING[c] for c in (*REQUIRED[:3], "fodelsear", *REQUIRED[3:]))

# A heading that says the column holds who a person is. "Insatsnamn" and the like name no one.
_PERSONAL_HEADING = re.compile(
    r"(namn|name|personnummer|personnr|pnr|samordningsnummer|adress|telefon|e-?post|mejl|email)"
)
_NOT_A_PERSON = re.compile(r"^(insats|team|förbund|forbund|kommun|projekt|verksamhet)")
# 10 or 12 digits, with or without a dash or plus before the last four.
_NUMBER = re.compile(r"(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)")
# Two words of letters: perhaps a person's name in a column that moved. Never repeated.
_WORDS = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}")


def _echo(text: str) -> str:
    """A cell's value for a message about a column of codes or dates: as written, unless it
    could be a name (a file whose columns moved), which is not repeated."""
    return "värdet (visas inte)" if _WORDS.search(text) else f"”{names.shown(text)}”"


_CODE = re.compile(r"^[0-9A-Za-zÅÄÖåäö_.:/-]+$")

_SEX = {"k": "kvinna", "kvinna": "kvinna", "f": "kvinna", "m": "man", "man": "man",
        "annat": "annat", "annan": "annat", "okänt": "okänt", "okänd": "okänt", "ej angivet": "okänt",
        "": "okänt"}  # fmt: skip


def _luhn(digits: str) -> bool:
    total = 0
    for i, char in enumerate(digits):
        d = int(char) * (2 - i % 2)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def looks_like_personnummer(text: str) -> bool:
    """A personnummer or samordningsnummer somewhere in ``text``: ÅÅ(ÅÅ)MMDD, a day of 01–31
    (61–91 for a samordningsnummer), four more digits and a Luhn check digit over the ten."""
    for match in _NUMBER.finditer(text):
        _, yy, mm, dd, last = match.groups()
        day = int(dd) - 60 if int(dd) > 60 else int(dd)
        if 1 <= int(mm) <= 12 and 1 <= day <= 31 and _luhn(yy + mm + dd + last):
            return True
    return False


def personal_data(rows: list[tuple[int, list]], file_name: str) -> list[str]:
    """Every column that holds names or personnummer, once each (its first row), without the
    value. Empty: the file may be read."""
    if not rows:
        return []
    header_rad, header = rows[0]
    problems: list[str] = []
    flagged: set[int] = set()

    def heading(index: int) -> str:
        text = reading.cell_text(header[index]) if index < len(header) else ""
        if not text or looks_like_personnummer(text) or naming.refused_character(text):
            return f"nr {index + 1}"
        return f"”{names.shown(text, 40)}”"

    for index, cell in enumerate(header):
        text = naming.key(reading.cell_text(cell))
        if looks_like_personnummer(text):
            flagged.add(index)
            problems.append(
                f"{file_name}, rad {header_rad}, kolumn nr {index + 1}: rubriken ser ut som ett personnummer."
            )
        elif _PERSONAL_HEADING.search(text) and not _NOT_A_PERSON.match(text):
            flagged.add(index)
            problems.append(
                f"{file_name}, rad {header_rad}, kolumn {heading(index)}: kolumnen ser ut att innehålla "
                "namn eller andra uppgifter om vem en deltagare är."
            )
    # A column at a time: its cells as one text, searched once (a row per line), so that a
    # list of 100 000 rows is not 900 000 searches.
    body = rows[1:]
    width = max((len(cells) for _, cells in body), default=0)
    for index in range(width):
        if index in flagged:
            continue
        column = "\n".join(
            reading.as_written(cells[index]).replace("\n", " ") if index < len(cells) else ""
            for _, cells in body
        )
        for match in _NUMBER.finditer(column):
            if looks_like_personnummer(match.group(0)):
                rad = body[column.count("\n", 0, match.start())][0]
                flagged.add(index)
                problems.append(
                    f"{file_name}, rad {rad}, kolumn {heading(index)}: ser ut som ett personnummer eller "
                    "samordningsnummer (värdet visas inte)."
                )
                break
    return problems


REFUSED_PERSONAL = (
    "{file} tas inte emot: filen verkar innehålla personuppgifter. Inget av den har sparats, loggats "
    "eller visats. Ta bort kolumnen (eller uppgiften), spara filen och ladda upp den igen. Deltagare ska "
    "vara teamets löpnummer eller kod, aldrig namn eller personnummer."
)


REFUSED_FILE_NAME = (
    "Filen tas inte emot: dess namn ser ut att innehålla ett personnummer eller samordningsnummer "
    "(namnet visas inte). Inget av den har sparats, loggats eller visats. Byt namn på filen och ladda "
    "upp den igen."
)


class PersonalData(ImportRefused):
    """A file refused for personal data: its problems name columns and rows, never a value or
    a file name that holds one; the page drops the file from its uploader."""


class UnknownInsatser(ImportRefused):
    """A file clean but for insatser its förbund does not have (the file names the förbund):
    the editor may confirm that they are created with the import (``create_insatser``)."""

    def __init__(self, problems: list[str], unknown: list[tuple[str, str]]):
        super().__init__(problems)
        self.unknown = unknown  # (förbund, the insats's name as written)


@dataclass
class Parsed:
    """A clean file: its participations, the period it covers and the insatser in it."""

    file_name: str
    sha256: str
    rows: pd.DataFrame  # forbund, insats_id, deltagare (the team's code), kon, aldersgrupp,
    # kommunkod, startdatum, slutdatum, avslut, rad
    fran: dt.date
    till: dt.date
    notes: list[str] = field(default_factory=list)
    # insatser the file names that the data lacks, created with the import (the editor
    # confirmed it): (förbund, insats_id, namn)
    new_insatser: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def forbund(self) -> list[str]:
        return sorted(set(self.rows["forbund"]))


def _columns(header: list) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = naming.key(reading.cell_text(cell))
        for column, headings in COLUMNS.items():
            if text in headings and column not in found:
                found[column] = index
    return found


def recognised(header: list) -> bool:
    """Whether a file's heading row is a registration list's (for ``python -m dashboard import``)."""
    found = _columns(header)
    return {"deltagare", "startdatum"} <= set(found)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else dt.date.fromisoformat(text)


def parse(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    file_name: str,
    *,
    forbund: str | None = None,
    fran: dt.date | None = None,
    till: dt.date | None = None,
    today: dt.date | None = None,
    create_insatser: bool = False,
) -> Parsed:
    """Read and check a registration list; ImportRefused lists every problem (file, row,
    column). ``forbund``: the förbund of a file without the column Förbund; ``fran``/``till``:
    the period it covers (default: see the module)."""
    if looks_like_personnummer(Path(file_name).name):  # the name is logged and shown: not this one
        raise PersonalData([REFUSED_FILE_NAME])
    name = names.shown(Path(file_name).name, 120)
    if not name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm", ".xls")):
        raise ImportRefused([f"{name}: okänd filtyp; välj en CSV-fil eller en Excelfil (.xlsx)."])
    if not data.strip():
        raise ImportRefused([f"{name}: filen är tom."])
    rows = [(rad, cells) for rad, cells in reading.rows(data, name) if not reading.blank(cells)]
    if found := personal_data(rows, name):
        raise PersonalData([REFUSED_PERSONAL.format(file=name), *found])
    parsed = parse_rows(
        con, rows, name, forbund=forbund, fran=fran, till=till, today=today, create_insatser=create_insatser
    )
    parsed.sha256 = hashlib.sha256(data).hexdigest()
    return parsed


def _insatser(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Per förbund (naming.key) its insatser: id and name (naming.key) → insats_id."""
    known: dict[str, dict[str, str]] = {}
    for forbund_name, insats_id, namn in con.execute(
        "SELECT DISTINCT forbund, insats_id, namn FROM insatser"
    ).fetchall():
        of = known.setdefault(naming.key(forbund_name), {})
        of[naming.key(insats_id)] = insats_id
        of[naming.key(namn)] = insats_id
    return known


def parse_rows(
    con: duckdb.DuckDBPyConnection,
    rows: list[tuple[int, list]],
    name: str,
    *,
    forbund: str | None = None,
    fran: dt.date | None = None,
    till: dt.date | None = None,
    today: dt.date | None = None,
    create_insatser: bool = False,
) -> Parsed:
    """``parse`` of rows already read and cleared of personal data. An insats the förbund
    lacks is refused (``UnknownInsatser`` where the file names its förbund and nothing else is
    wrong), or created with the import where the editor confirmed it (``create_insatser``)."""
    today = today or dt.date.today()
    if not rows:
        raise ImportRefused([f"{name}: filen är tom."])
    header_rad, header = rows[0]
    found = _columns(header)
    problems: list[str] = []
    for column in REQUIRED:
        if column not in found:
            problems.append(f"{name}, rad {header_rad}: kolumnen {HEADING[column]} saknas i rubrikraden.")
    if "fodelsear" not in found and "alder" not in found:
        problems.append(f"{name}, rad {header_rad}: kolumnen Födelseår (eller Ålder vid start) saknas.")
    keys = [naming.key(reading.cell_text(h)) for h in header]
    for twice in sorted({k for k in keys if k and keys.count(k) > 1}):
        problems.append(f"{name}, rad {header_rad}: kolumnen {names.shown(twice)} finns flera gånger.")
    if "forbund" not in found and not forbund:
        problems.append(
            f"{name}: filen har ingen kolumn Förbund; välj vilket förbunds registreringar det är."
        )
    if problems:
        raise ImportRefused(problems)
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused([f"{name}: {fmt.number(len(rows) - 1)} rader; högst {fmt.number(MAX_ROWS)}."])
    ignored = [
        reading.cell_text(h) for i, h in enumerate(header) if i not in found.values() and reading.cell_text(h)
    ]
    notes = (
        [f"Kolumnerna {', '.join(names.shown(h, 40) for h in ignored)} läses inte och sparas inte."]
        if ignored
        else []
    )
    known_forbund = {naming.key(f): f for (f,) in con.execute("SELECT forbund FROM forbund").fetchall()}
    insatser = _insatser(con)
    insats_names = capacity.insats_names(con)
    kommuner = {k for (k,) in con.execute("SELECT kommunkod FROM kommuner").fetchall()}
    records: list[tuple] = []
    unknown: dict[tuple[str, str], tuple[str, str, str]] = {}  # (förbund, key) → new insats
    unknown_problems: list[str] = []
    key = functools.lru_cache(maxsize=4096)(naming.key)  # a few förbund and insatser, many rows
    for rad, cells in rows[1:]:
        before = len(problems)
        # each cell read once, as written (a profile at 100 000 rows: reading it again was half)
        texts = {
            column: names.from_spreadsheet(reading.as_written(cells[index])) if index < len(cells) else ""
            for column, index in found.items()
        }

        def cell(column: str, _texts: dict = texts) -> str:
            return _texts.get(column, "")

        def refuse(column: str, message: str, _rad: int = rad) -> None:
            problems.append(f"{name}, rad {_rad}, kolumn {HEADING[column]}: {message}")

        for column in found:
            text = cell(column)
            if (char := naming.refused_character(text)) is not None:
                refuse(column, f"innehåller tecknet {naming.character_name(char)}, som inte tas emot.")
            elif len(text) > names.MAX_FIELD:
                refuse(column, f"{fmt.number(len(text))} tecken; högst {fmt.number(names.MAX_FIELD)}.")
        if len(problems) > before:
            continue
        # förbund
        written_forbund = cell("forbund") if "forbund" in found else forbund or ""
        this_forbund = known_forbund.get(key(written_forbund))
        if this_forbund is None:
            refuse("forbund", f"”{names.shown(written_forbund)}” är inget förbund i datan.")
        # insats
        insats_text = cell("insats")
        insats_id = None
        if not insats_text:
            refuse("insats", "är tom.")
        elif this_forbund is not None:
            of_forbund = insatser.get(key(this_forbund), {})
            insats_id = of_forbund.get(key(insats_text))
            new_key = (this_forbund, key(insats_text))
            # (an insats to confirm is said once, at its first row; its other rows wait with it)
            if insats_id is None and "forbund" in found and (create_insatser or new_key in unknown):
                if new_key not in unknown:  # an id of its name, unlike the förbund's others
                    taken = set(of_forbund.values()) | {n[1] for n in unknown.values()}
                    base = naming.slug(insats_text)
                    new_id = next(i for i in (base, *(f"{base}-{k}" for k in range(2, 99))) if i not in taken)
                    unknown[new_key] = (this_forbund, new_id, " ".join(insats_text.split()))
                insats_id = unknown[new_key][1]
            if insats_id is None:
                known = sorted({insats_names.get(i, i) for i in of_forbund.values()})  # as editors write them
                listed = ", ".join(known[:12]) + (" …" if len(known) > 12 else "") if known else "inga ännu"
                refuse(
                    "insats",
                    f"”{names.shown(insats_text)}” är ingen insats i {this_forbund} (insatser: {listed}). "
                    + (
                        "Finns den inte ännu, bekräfta att den skapas med importen."
                        if "forbund" in found
                        else "En ny insats läggs till på arbetsbokens blad Insatser, eller med en fil "
                        "som har kolumnen Förbund."
                    ),
                )
                if "forbund" in found:
                    unknown_problems.append(problems[-1])
                    unknown.setdefault(new_key, (this_forbund, "", " ".join(insats_text.split())))
        # the team's code: never shown back
        code = cell("deltagare")
        if not code:
            refuse("deltagare", "är tom.")
        elif len(code) > MAX_CODE or not _CODE.match(code) or not any(ch.isdigit() for ch in code):
            refuse(
                "deltagare",
                f"ska vara teamets löpnummer eller kod: siffror, gärna med bokstäver och bindestreck, "
                f"högst {MAX_CODE} tecken, aldrig ett namn (värdet visas inte).",
            )
        # kön
        sex = _SEX.get(cell("kon").casefold())
        if sex is None:
            refuse("kon", f"{_echo(cell('kon'))} är inget kön här: kvinna, man, annat eller tomt.")
        # dates
        start = end = None
        try:
            start = _date(cell("startdatum"))
        except ValueError:
            refuse("startdatum", f"{_echo(cell('startdatum'))} är inget datum ÅÅÅÅ-MM-DD.")
        else:
            if start > today:
                refuse("startdatum", f"{start.isoformat()} ligger i framtiden.")
                start = None
            elif start < FIRST_DATE:
                refuse("startdatum", f"{start.isoformat()} är före {FIRST_DATE.year}, då FINSAM började.")
                start = None
        if end_text := cell("slutdatum"):
            try:
                end = _date(end_text)
            except ValueError:
                refuse("slutdatum", f"{_echo(end_text)} är inget datum ÅÅÅÅ-MM-DD.")
            else:
                if end > today:
                    refuse("slutdatum", f"{end.isoformat()} ligger i framtiden.")
                elif start is not None and end < start:
                    refuse("slutdatum", f"{end.isoformat()} är före startdatumet {start.isoformat()}.")
        # age at start
        group = None
        if start is not None:
            # Födelseår where the file has it filled in (or has no Ålder), else Ålder at start
            age_text = cell("fodelsear") if "fodelsear" in found else ""
            column = "fodelsear" if age_text or "alder" not in found else "alder"
            age_text = age_text or cell("alder")
            try:
                value = int(age_text)
                age = start.year - value if column == "fodelsear" else value
                group = registrations.age_group(age)
            except ValueError:
                shown_age = "tom" if not age_text else _echo(age_text)
                refuse(
                    column,
                    f"{shown_age} ger ingen ålder vid start mellan {registrations.MIN_AGE} och "
                    f"{registrations.MAX_AGE} år.",
                )
        # kommun
        kommun = cell("kommunkod")
        if kommun.isdigit():
            kommun = kommun.zfill(4)
        if kommun not in kommuner:
            refuse("kommunkod", f"{_echo(kommun)} är ingen kommunkod (fyra siffror, t.ex. 1980).")
        # why it ended
        why = cell("avslut").casefold()
        if why and why not in registrations.AVSLUT:
            refuse(
                "avslut",
                f"{_echo(cell('avslut'))} är inget avslut här: {', '.join(registrations.AVSLUT)}.",
            )
        elif end is not None and not why:
            refuse("avslut", "saknas för en avslutad insats; ange varför den avslutades (eller annat).")
        elif end is None and why:
            refuse("avslut", "är ifyllt men slutdatum saknas.")
        if len(problems) == before:
            records.append((this_forbund, insats_id, code, sex, group, kommun, start, end, why or None, rad))
        if len(problems) >= reading.MAX_PROBLEMS:
            break
    if problems and problems == unknown_problems:  # only insatser to create: the editor may confirm
        names_of = list(dict.fromkeys((f, n) for f, _, n in unknown.values()))
        raise UnknownInsatser(problems[: reading.MAX_PROBLEMS], names_of)
    if problems:
        raise ImportRefused(problems[: reading.MAX_PROBLEMS])
    if not records:
        raise ImportRefused([f"{name}: filen har inga datarader."])
    frame = pd.DataFrame.from_records(
        records,
        columns=["forbund", "insats_id", "deltagare", "kon", "aldersgrupp", "kommunkod", "startdatum",
                 "slutdatum", "avslut", "rad"],
    )  # fmt: skip
    twice = frame[frame.duplicated(["forbund", "insats_id", "deltagare", "startdatum"], keep=False)]
    if not twice.empty:
        rader = ", ".join(str(r) for r in twice["rad"].head(6))
        raise ImportRefused(
            [f"{name}, rad {rader}: samma deltagare börjar i samma insats samma dag flera gånger."]
        )
    latest = max(
        frame["startdatum"].max(),
        frame["slutdatum"].dropna().max() if frame["slutdatum"].notna().any() else FIRST_DATE,
    )
    # the month of the latest date, whole (a list made on 3 November of October's registrations
    # covers October), but never a day that has not come
    till = till or min(
        dt.date(latest.year, latest.month, calendar.monthrange(latest.year, latest.month)[1]), today
    )
    fran = fran or dt.date(till.year, 1, 1)
    if fran > till:
        raise ImportRefused(
            [f"{name}: perioden {fran.isoformat()}–{till.isoformat()} slutar innan den börjar."]
        )
    if till > today:
        raise ImportRefused([f"{name}: perioden slutar {till.isoformat()}, i framtiden."])
    beyond = frame[(frame["startdatum"] > till) | (frame["slutdatum"].notna() & (frame["slutdatum"] > till))]
    if not beyond.empty:
        rader = ", ".join(str(r) for r in beyond["rad"].head(6))
        raise ImportRefused(
            [f"{name}, rad {rader}: datum efter periodens slut {till.isoformat()}; välj en senare period."]
        )
    created = list(unknown.values()) if create_insatser else []
    for owner, new_id, namn in created:
        notes.append(
            f"Insatsen ”{names.shown(namn)}” finns inte i {owner} och skapas med importen (id {new_id})."
        )
    return Parsed(name, "", frame, fran, till, notes, created)


def _pseudonyms(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> list[str]:
    """The team's codes as keyed pseudonyms: the same code in the same insats is the same
    person; the code itself is not stored."""
    key = con.execute("SELECT nyckel FROM user_data.registration_key").fetchall()[0][0].encode()
    return [
        hmac.new(key, f"{f}\x1f{i}\x1f{c}".encode(), hashlib.sha256).hexdigest()[:20]
        for f, i, c in zip(rows["forbund"], rows["insats_id"], rows["deltagare"], strict=True)
    ]


def preview(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> pd.DataFrame:
    """Per förbund and insats, for the editor (raw counts): the file's participations, how many
    are active at the period's end, and how many rows in effect it replaces."""
    rows = parsed.rows
    till = parsed.till
    per = rows.assign(
        aktiva=rows["slutdatum"].isna() | (rows["slutdatum"] > till),
        nya=rows["startdatum"] >= parsed.fran,
        avslutade=rows["slutdatum"].notna() & (rows["slutdatum"] >= parsed.fran),
    )
    frame = per.groupby(["forbund", "insats_id"], as_index=False).agg(
        rader=("rad", "size"), aktiva=("aktiva", "sum"), nya=("nya", "sum"), avslutade=("avslutade", "sum")
    )
    replaced = con.execute(
        """SELECT forbund, insats_id, count(*) AS ersatts FROM registrations
           WHERE startdatum BETWEEN ? AND ? GROUP BY ALL""",
        [parsed.fran, parsed.till],
    ).df()
    frame = frame.merge(replaced, on=["forbund", "insats_id"], how="left")
    frame["ersatts"] = frame["ersatts"].fillna(0).astype(int)
    return frame


def preview_table(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> pd.DataFrame:
    """The preview with Swedish headings and the insatser's names."""
    names_of = capacity.insats_names(con)
    return pd.DataFrame(
        {
            "Förbund": frame["forbund"],
            "Insats": [names_of.get(i, i) for i in frame["insats_id"]],
            "Rader": frame["rader"].map(fmt.number),
            "Aktiva vid slutet": frame["aktiva"].map(fmt.number),
            "Började": frame["nya"].map(fmt.number),
            "Avslutade": frame["avslutade"].map(fmt.number),
            "Ersätter": frame["ersatts"].map(fmt.number),
        }
    )


# The preview's columns of figures, and what each means (said under the table).
PREVIEW_FIGURES = ["Rader", "Aktiva vid slutet", "Började", "Avslutade", "Ersätter"]
PREVIEW_NOTE = (
    "Aktiva vid slutet: utan slutdatum, eller med slutdatum efter periodens slut. Började och avslutade: "
    "under perioden. Ersätter: rader som gäller nu för insatsen och som började under perioden."
)


def store(con: duckdb.DuckDBPyConnection, parsed: Parsed, who: str) -> Stored:
    """Write the participations, their insatser's period and the log entry in one transaction."""
    with writes.write_lock():
        frame = preview(con, parsed)
        rows = parsed.rows.assign(deltagare=_pseudonyms(con, parsed.rows))
        with writes.user_write(con):
            import_id = con.execute(sql.load("import_next_id")).fetchall()[0][0]
            con.execute(
                sql.load("registration_log_insert"),
                {
                    "import_id": import_id,
                    "fil": parsed.file_name,
                    "sha256": parsed.sha256,
                    "forbund": "; ".join(parsed.forbund),
                    "fran": parsed.fran,
                    "till": parsed.till,
                    "importerad": dt.datetime.now().replace(microsecond=0),
                    "vem": who,
                    "rader": len(rows),
                    "ersatta": int(frame["ersatts"].sum()),
                },
            )
            periods = frame[["forbund", "insats_id"]].assign(fran=parsed.fran, till=parsed.till)
            con.register("_registration_periods", periods)
            con.register("_registration_rows", rows)
            try:
                con.execute(
                    "INSERT INTO user_data.registration_periods SELECT ?, forbund, insats_id, fran, till "
                    "FROM _registration_periods",
                    [import_id],
                )
                con.execute(sql.load("registration_rows_insert"), {"import_id": import_id})
                if parsed.new_insatser:
                    _create_insatser(con, parsed, import_id, who)
                con.execute(sql.load("registration_refresh"))
            finally:
                con.unregister("_registration_periods")
                con.unregister("_registration_rows")
    return Stored(import_id, len(rows), int(frame["ersatts"].sum()), 0)


def _create_insatser(con: duckdb.DuckDBPyConnection, parsed: Parsed, import_id: int, who: str) -> None:
    """The insatser the editor confirmed, as the workbook's sheet Insatser would bring them
    (``user_data.wb_insatser``), under the registration import's number: undone with it."""
    con.execute(
        sql.load("workbook_log_insert"),
        {
            "import_id": import_id,
            "fil": parsed.file_name,
            "sha256": parsed.sha256,
            "blad": f"Insatser {len(parsed.new_insatser)} (ur registreringar)",
            "importerad": dt.datetime.now().replace(microsecond=0),
            "vem": who,
            "nya": len(parsed.new_insatser),
            "ersatta": 0,
            "oforandrade": 0,
        },
    )
    overlays.insert(
        con,
        "insatser",
        ["forbund", "insats_id", "namn", "insatstyp", "dokument", "avsnitt", "import_id", "rad"],
        [
            [
                owner,
                insats_id,
                namn,
                "individinsats",
                parsed.file_name,
                "skapad med registreringarna",
                import_id,
                i,
            ]
            for i, (owner, insats_id, namn) in enumerate(parsed.new_insatser, start=1)
        ],
    )


def undo(con: duckdb.DuckDBPyConnection, import_id: int, who: str) -> None:
    """Take an import back out: its rows stop counting, what it replaced counts again. The log
    keeps it, marked as undone, by whom and when."""
    params = {"import_id": import_id, "vem": who, "nu": dt.datetime.now().replace(microsecond=0)}
    with writes.write_lock(), writes.user_write(con):
        if not con.execute(sql.load("registration_undo"), params).fetchall():
            raise ImportRefused([f"Import {import_id} finns inte eller är redan ångrad."])
        con.execute(sql.load("workbook_undo"), params)  # the insatser it created, if any
        con.execute(sql.load("registration_refresh"))


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The log of registration imports, latest first."""
    return sql.query(con, "registration_history")


def history_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            **log_head(frame),
            "Förbund": frame["forbund"],
            "Period": [
                f"{a:%Y-%m-%d}–{b:%Y-%m-%d}"
                for a, b in zip(frame["period_fran"], frame["period_till"], strict=True)
            ],
            "Rader": frame["rader"].map(fmt.number),
            "Ersatta rader": frame["rader_ersatta"].map(fmt.number),
            "Ångrad": fmt.undone(frame),
        }
    )


def delete(
    con: duckdb.DuckDBPyConnection, forbund: str, insats_id: str, fran: dt.date, till: dt.date, who: str
) -> int:
    """Delete an insats's registrations that started in the period, from every import (they
    are gone, not hidden: an undo does not bring them back); logged with who and when. The
    months from the period's first day on are no longer covered (they would lack those who
    started in it) until a new list is imported. Returns how many counting rows were deleted."""
    if fran > till:
        raise ImportRefused([f"Perioden {fran.isoformat()}–{till.isoformat()} slutar innan den börjar."])
    params = {"forbund": forbund, "insats_id": insats_id, "fran": fran, "till": till}
    with writes.write_lock(), writes.user_write(con):
        # the participations that counted (older imports' rows of the period go too)
        count = con.execute(
            """SELECT count(*) FROM user_data.registrations WHERE forbund = $forbund
               AND insats_id = $insats_id AND startdatum BETWEEN $fran AND $till AND galler""",
            params,
        ).fetchall()[0][0]
        con.execute(
            """DELETE FROM user_data.registrations WHERE forbund = $forbund
               AND insats_id = $insats_id AND startdatum BETWEEN $fran AND $till""",
            params,
        )
        con.execute(
            """INSERT INTO user_data.registration_deletions
               SELECT coalesce((SELECT max(radering_id) FROM user_data.registration_deletions), 0) + 1,
                      $forbund, $insats_id, $fran, $till, $rader, $nu, $vem""",
            params | {"rader": count, "nu": dt.datetime.now().replace(microsecond=0), "vem": who},
        )
        # Every month from the first day of the period on lacks those who started in it (the
        # ones still active run on): not covered, until a new list is imported for them.
        match = "forbund = $forbund AND insats_id = $insats_id"
        starting = {k: params[k] for k in ("forbund", "insats_id", "fran")}
        con.execute(f"DELETE FROM user_data.registration_periods WHERE {match} AND fran >= $fran", starting)
        con.execute(
            "UPDATE user_data.registration_periods SET till = $fran::DATE - 1 "
            f"WHERE {match} AND till >= $fran",
            starting,
        )
        con.execute(sql.load("registration_refresh"))
    return int(count)


def deletions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The log of deletions, latest first."""
    return con.execute("SELECT * FROM user_data.registration_deletions ORDER BY radering_id DESC").df()
