"""A förbund from nothing: its sheets Förbund and Medlemmar, imported as a workbook.

A förbund created on the page Data is one workbook import like any other (``workbook``):
checked by the same rules, in the log under its number, undone as one. Its members are chosen
from its län's kommuner, the län's region and the state's two agencies; everything else
comes with the förbund's workbook, which the page then offers prefilled.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import duckdb

from dashboard.domain import county, naming, regions
from dashboard.exchange import workbook
from dashboard.exchange.reading import ImportRefused
from dashboard.exchange.workbook_sheets import SHEETS
from dashboard.store import sql

FILE_NAME = "Nytt förbund (sidan Data)"  # the import log's file column
FIRST_YEAR = 2004  # the FINSAM law's first year (SFS 2003:1210 came into force 2004-01-01)


@dataclass(frozen=True)
class Member:
    """A member a new förbund can have: its name, its kind (stat, region, kommun) and its
    kommun code (a kommun only)."""

    medlem: str
    medlemstyp: str
    kommunkod: str = ""


def offered(con: duckdb.DuckDBPyConnection, lan: str) -> list[Member]:
    """The members a förbund in ``lan`` can have: the state's agencies, the region, and the
    län's kommuner (by name; the workbook can write the name as the kommun writes it)."""
    kommuner = county.kommuner(con, lan)
    return [
        *(Member(agency, "stat") for agency in regions.STATE),
        Member(regions.REGION[lan], "region"),
        *(
            Member(k, "kommun", code)
            for code, k in zip(kommuner["omradeskod"], kommuner["kommun"], strict=True)
        ),
    ]


def existing(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The förbund in the data that ``name`` names, case and spaces aside (it is that förbund)."""
    key = naming.key(name)
    names = sql.query(con, "forbund_names")
    return next((f for f in names["forbund"] if naming.key(f) == key), None)


def _headings(sheet_name: str, columns: list[str]) -> list[str]:
    sheet = next(s for s in SHEETS if s.name == sheet_name)
    by_column = {c.column: c.heading for c in sheet.columns}
    return [by_column[c] for c in columns]


def sheets(
    name: str, lan: str, start: int, members: list[Member]
) -> list[tuple[str, list[tuple[int, list]]]]:
    """The two sheets of a new förbund, as ``workbook.read`` gives a workbook's sheets."""
    forbund = [
        (1, _headings("Förbund", ["forbund", "lan_kod", "fran_ar", "till_ar", "ersatt_av"])),
        (2, [name, lan, str(start), "", ""]),
    ]
    columns = ["forbund", "medlem", "medlemstyp", "kommunkod", "fran_ar", "till_ar"]
    medlemmar = [(1, _headings("Medlemmar", columns))]
    medlemmar += [
        (rad, [name, m.medlem, m.medlemstyp, m.kommunkod, str(start), ""])
        for rad, m in enumerate(members, start=2)
    ]
    return [("Förbund", forbund), ("Medlemmar", medlemmar)]


def check(con: duckdb.DuckDBPyConnection, name: str, lan: str, start: int, members: list[Member]) -> None:
    """Refuse, in Swedish, what the form cannot make a förbund of (before the workbook's own checks)."""
    problems = []
    written = " ".join(name.split())
    if not written:
        problems.append("Förbundets namn saknas.")
    elif (found := existing(con, written)) is not None:
        problems.append(
            f"Förbundet finns redan: ”{found}” (samma namn, bortsett från stora bokstäver och mellanslag). "
            "Ladda ner dess arbetsbok i stället."
        )
    if lan not in regions.LAN:
        problems.append(f"”{lan}” är inget län.")
    if not FIRST_YEAR <= start <= dt.date.today().year + 1:
        problems.append(f"Startåret {start} ligger utanför {FIRST_YEAR}–{dt.date.today().year + 1}.")
    if not any(m.medlemstyp == "kommun" for m in members):
        problems.append("Välj minst en kommun: ett samordningsförbund har alltid kommuner som medlemmar.")
    if problems:
        raise ImportRefused(problems)


def parse(
    con: duckdb.DuckDBPyConnection, name: str, lan: str, start: int, members: list[Member]
) -> workbook.Parsed:
    """The new förbund as a checked workbook (``workbook.parse``), or ImportRefused."""
    name = " ".join(name.split())
    check(con, name, lan, start, members)
    found = sheets(name, lan, start, members)
    content = json.dumps(found, ensure_ascii=False).encode()
    return workbook.parse(con, found, FILE_NAME, content)


def store(con: duckdb.DuckDBPyConnection, parsed: workbook.Parsed, who: str) -> workbook.Stored:
    """Create the förbund ``parse`` checked: one workbook import, logged and undoable. A
    member outside the län was chosen from the län's own list, so nothing is left to ask."""
    return workbook.store(con, parsed, who, confirmed=True)


def create(
    con: duckdb.DuckDBPyConnection, name: str, lan: str, start: int, members: list[Member], who: str
) -> workbook.Stored:
    """Create the förbund (the command line and the tests; the page checks the editor's
    förbund between ``parse`` and ``store``)."""
    return store(con, parse(con, name, lan, start, members), who)
