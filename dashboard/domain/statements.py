"""The årsredovisning's printed tables (five-year overview, balanskrav, kassaflöde) as numbers.

The årsredovisning's printed tables: the five-year overview, the balanskravsutredning and
the kassaflödesanalys, the board and kansli, and the key figures printed outside tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import documents
from dashboard.domain.goals import section_only
from dashboard.store import sql

FIVE_YEAR_LABELS = {
    "Verksamhetens intäkter": "Verksamhetens intäkter",
    "Verksamhetens kostnader": "Verksamhetens kostnader (exkl. finansiella)",
    "Årets resultat": "Årets resultat",
    "soliditet": "Soliditet",
    "antal anställda": "Antal anställda",
}


@dataclass(frozen=True)
class Printed:
    """Rows of a printed table as figures (one row per line and year, amounts in kronor) and
    where they are printed: (citation, dokument, avsnitt) of each source, told once."""

    frame: pd.DataFrame
    sources: tuple[tuple[str, str, str], ...]


def _sources(con: duckdb.DuckDBPyConnection, pairs: pd.DataFrame) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (documents.citation(con, d, a, short=True), d, a)
        for d, a in pairs[["dokument", "avsnitt"]].drop_duplicates().itertuples(index=False)
    )


def five_year(con: duckdb.DuckDBPyConnection, forbund: str) -> Printed:
    """The årsredovisning's five-year overview as printed: a row per key figure and year with
    its label (``Nyckeltal``) and the unit it is printed in; its source is the first row's.
    Empty where the förbund's documents print none."""
    frame = sql.query(con, "goals_five_year", forbund=forbund)
    if frame.empty:
        return Printed(pd.DataFrame(), ())
    frame["Nyckeltal"] = frame["nyckeltal"].map(FIVE_YEAR_LABELS).fillna(frame["nyckeltal"])
    return Printed(frame, _sources(con, frame.iloc[:1]))


def statement(con: duckdb.DuckDBPyConnection, forbund: str, name: str) -> Printed:
    """The balanskravsutredning (``name`` "balanskrav") or kassaflödesanalys ("kassaflode")
    as printed: a row per line and year, ``summerar`` marking the totals; its source is the
    first row's."""
    frame = sql.query(con, f"goals_{name}", forbund=forbund)
    if frame.empty:
        return Printed(pd.DataFrame(), ())
    return Printed(frame, _sources(con, frame.iloc[:1]))


def board(con: duckdb.DuckDBPyConnection, forbund: str) -> Printed:
    """The board and kansli as printed, per year, organ and role: a total, or a count per
    member (``medlem``), or the words printed; with every source."""
    frame = sql.query(con, "goals_styrelse", forbund=forbund)
    if frame.empty:
        return Printed(pd.DataFrame(), ())
    return Printed(frame, _sources(con, frame))


def other_figures(con: duckdb.DuckDBPyConnection, forbund: str) -> Printed:
    """Key figures the documents print outside their tables (shares of the budget, a total in
    the text, a note's line), each with its section (``kalla``, the document told once)."""
    frame = sql.query(con, "goals_nyckeltal", forbund=forbund)
    if frame.empty:
        return Printed(pd.DataFrame(), ())
    frame["kalla"] = [
        section_only(con, d, documents.citation(con, d, a, short=True))
        for d, a in zip(frame["dokument"], frame["avsnitt"], strict=True)
    ]
    return Printed(frame, _sources(con, frame))
