"""Översikt: which förbund and years the data holds, and the key figures of a period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import documents
from dashboard.store import sql

# The order in which a year's measures are preferred as its "outcome" for the year.
_OUTCOME_MEASURES = ("prognos", "bokslut", "förväntat utfall")


# The kinds of key figure, in the order the Översikt shows them.
MEDEL = "medel från huvudmännen"
RESULTAT = "resultat"
EGET_KAPITAL = "eget kapital"
ANDEL_ADMINISTRATION = "andel administration"
ANDEL_INDIVIDINSATSER = "andel individinsatser"
SHARES = (ANDEL_ADMINISTRATION, ANDEL_INDIVIDINSATSER)  # the kinds that are a share, not kronor


@dataclass(frozen=True)
class KeyFigure:
    """One key figure of a förbund and year as a number, with what it is and where it comes from."""

    kind: str  # MEDEL, RESULTAT, EGET_KAPITAL, ANDEL_ADMINISTRATION or ANDEL_INDIVIDINSATSER
    measure: str  # budget, utfall, prognos, bokslut or förväntat utfall (eget kapital: its line's)
    ar: int
    value: float | None  # kronor, or a share (0.136 is 13,6 %) for the two shares
    until: dt.date | None  # the date an utfall or eget kapital runs to
    source: str  # the document's title and section (``documents.citation``)
    dokument: str
    avsnitt: str
    enhet: str | None  # the unit the figure is printed in; None for a share, which is not printed
    post: str | None = None  # the line as printed, where the figure is one line (eget kapital)


def periods(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per förbund, year and measure: the date the figures run to and their documents."""
    return sql.query(con, "periods")


def forbund_years(con: duckdb.DuckDBPyConnection) -> dict[str, list[int]]:
    """Every förbund and its years with figures; active förbund first, then by name. A förbund
    without budget lines yet (just created) has one year: this year, within its years of
    existence, so that every page can show it and say what it lacks."""
    per = periods(con)
    years = {forbund: sorted(int(y) for y in rows["ar"].unique()) for forbund, rows in per.groupby("forbund")}
    every = sql.query(con, "forbund_all")
    this_year = dt.date.today().year
    for forbund, fran, till in every.itertuples(index=False):
        if forbund not in years:
            last = int(till) if pd.notna(till) else this_year
            years[forbund] = [max(int(fran), min(this_year, last))]
    active = {f: pd.isna(t) for f, t in zip(every["forbund"], every["till_ar"], strict=True)}
    return {f: years[f] for f in sorted(years, key=lambda f: (not active.get(f, False), f))}


def has_lines(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> bool:
    """Whether the förbund has budget lines for the year (a förbund just created has none)."""
    return bool(sql.query(con, "forbund_year_lines", forbund=forbund, ar=ar).iloc[0, 0])


def has_income(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> bool:
    """Whether the förbund's budget or prognos for the year has an income line: a budget
    without one is not whole (a förbund just begun), and nothing can be projected from it."""
    return bool(sql.query(con, "forbund_year_income", forbund=forbund, ar=ar).iloc[0, 0])


def mergers(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, list[str]]]:
    """The mergers in the data: (the förbund that took over, the year it did, the förbund it
    replaced, by name)."""
    life = sql.query(con, "forbund_all_life").dropna(subset=["ersatt_av", "till_ar"])  # a merger has its year
    return [
        (successor, int(rows["till_ar"].max()) + 1, sorted(rows["forbund"]))
        for successor, rows in life.groupby("ersatt_av", sort=True)
    ]


def forbund_label(con: duckdb.DuckDBPyConnection, forbund: str) -> str:
    """The förbund's name with its years of existence where it no longer exists."""
    rows = sql.query(con, "forbund_info", forbund=forbund)
    if rows.empty or pd.isna(rows.iloc[0]["till_ar"]):
        return forbund
    row = rows.iloc[0]
    return f"{forbund} (till {int(row['till_ar'])}, ersatt av {row['ersatt_av']})"


def forbund_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every förbund's label (``forbund_label``) at once, for a selectbox of many."""
    return {forbund: forbund_label(con, forbund) for forbund in forbund_years(con)}


def latest_year(con: duckdb.DuckDBPyConnection, forbund: str) -> int | None:
    """The latest year with figures for the förbund."""
    per = periods(con)
    years = per.loc[per["forbund"] == forbund, "ar"]
    return int(years.max()) if not years.empty else None


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def key_figures(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> list[KeyFigure]:
    """The key figures of a förbund and year as numbers, each with its document and section.

    Results are recomputed from the budget lines (the reconciliation shows where a printed
    total differs). Shares are of the budget the board approved for the year.
    """
    sums = sql.query(con, "key_figures", forbund=forbund, ar=ar)
    if sums.empty:
        return []
    by_measure = {m: rows.iloc[0] for m, rows in sums.groupby("matt", observed=True)}
    figures: list[KeyFigure] = []

    def kr_figure(
        kind: str,
        measure: str,
        value: float | None,
        row: pd.Series,
        until: dt.date | None = None,
        post: str | None = None,
    ) -> KeyFigure:
        return KeyFigure(
            kind,
            measure,
            ar,
            value,
            until,
            documents.citation(con, row["dokument"], row["avsnitt"], short=True),
            row["dokument"],
            row["avsnitt"],
            row["enhet"],
            post,
        )

    budget = by_measure.get("budget")
    if budget is not None:
        income = None if pd.isna(budget["intakter"]) else budget["intakter"]  # no income line: unknown
        figures.append(kr_figure(MEDEL, "budget", income, budget))
        figures.append(kr_figure(RESULTAT, "budget", budget["resultat"], budget))
    utfall = by_measure.get("utfall")
    if utfall is not None:
        figures.append(
            kr_figure(RESULTAT, "utfall", utfall["resultat"], utfall, utfall["period_slut"].date())
        )
    outcome_measure = next((m for m in _OUTCOME_MEASURES if m in by_measure), None)
    if outcome_measure is not None:
        outcome = by_measure[outcome_measure]
        figures.append(kr_figure(RESULTAT, outcome_measure, outcome["resultat"], outcome))
    equity = sql.query(con, "equity", forbund=forbund, ar=ar)
    if not equity.empty:
        row = equity.iloc[0]
        figures.append(
            kr_figure(EGET_KAPITAL, row["matt"], row["belopp"], row, row["period_slut"].date(), row["post"])
        )
    if budget is not None:
        src = documents.citation(con, budget["dokument"], budget["avsnitt"], short=True)
        insats_costs = budget["individinsatser"] + budget["strukturinsatser"]
        complete = income is not None  # a budget without income is not whole yet: no share of it
        for kind, share in (
            (
                ANDEL_ADMINISTRATION,
                _share(budget["administration"], budget["kostnader"]) if complete else None,
            ),
            (ANDEL_INDIVIDINSATSER, _share(budget["individinsatser"], insats_costs) if complete else None),
        ):
            # A share is not printed: its source is the section, with no figure to find there.
            figures.append(
                KeyFigure(kind, "budget", ar, share, None, src, budget["dokument"], budget["avsnitt"], None)
            )
    return figures
