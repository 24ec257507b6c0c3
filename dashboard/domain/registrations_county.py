"""Participants from the teams' registrations per kommun of residence in a län, per 1 000
inhabitants 20–64 (issue 27, Länsjämförelse).

The counts are ``registrations.lan_residents``': every förbund's registrations, each
participant once per insats, where a participation ran during the year, by the kommun of
residence the team registered. Here they get the län's total, which cells a viewer may not
see (``disclosure``: 1–4, and the total where it would give a hidden count back) and the
rate per 1 000 only where it is made of 5 participants or more and the kommun's population is
in the data. Raw numbers and masks only; the page writes them out (``view.county_view``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from dashboard.domain import disclosure, regions, registrations
from dashboard.store import sql

# The columns of ``LanResidents.frame``, a row a kommun and the län's total last.
COLUMNS = ("kommunkod", "kommun", "deltagare", "befolkning", "befolkning_ar", "befolkning_kalla", "per_1000")


def coverage(con: duckdb.DuckDBPyConnection, lan: str) -> pd.DataFrame:
    """Per year (``ar``, earliest first) in which someone living in the län took part, within
    the years its insats's registrations cover: how far into the year the registrations of
    those insatser reach, the earliest and the latest end (``forsta_slut``, ``sista_slut``;
    at most 31 December). Empty when no registration has a participant living in the län."""
    frame = sql.query(con, "registration_lan_years", lan=lan)
    for column in ("forsta_slut", "sista_slut"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def lan_years(con: duckdb.DuckDBPyConnection, lan: str) -> list[int]:
    """The years of ``coverage``, earliest first; empty when the län has no registrations."""
    return [int(y) for y in coverage(con, lan)["ar"]]


@dataclass(frozen=True)
class LanResidents:
    """Participants per kommun of residence in a län and year, with the län's total.

    ``frame``: ``COLUMNS`` and ``summa`` (the total row, last), ``dold`` (the count is not
    shown: ``hidden_counts``) and ``per_1000_visas`` (the rate may be shown: the count is
    shown, made of 5 or more, and the population is known). The total's population is the
    kommuner's sum where every kommun has one of the same year, else missing."""

    lan: str
    ar: int
    frame: pd.DataFrame
    reach: tuple[dt.date, dt.date] | None  # ``coverage``'s ends of the year (None: no one)

    @property
    def kommuner(self) -> pd.DataFrame:
        return self.frame[~self.frame["summa"]]

    @property
    def total(self) -> pd.Series:
        return self.frame[self.frame["summa"]].iloc[0]

    @property
    def without_population(self) -> list[str]:
        """The kommuner whose population 20–64 the data lacks for the year or before it."""
        kommuner = self.kommuner
        return list(kommuner.loc[kommuner["befolkning"].isna(), "kommun"])

    @property
    def populations(self) -> list[tuple[int, str]]:
        """Each year and source of the population used, once, in the kommuner's order."""
        kommuner = self.kommuner.dropna(subset=["befolkning"])
        pairs = zip(kommuner["befolkning_ar"].astype(int), kommuner["befolkning_kalla"], strict=True)
        return list(dict.fromkeys(pairs))


def lan_residents(con: duckdb.DuckDBPyConnection, lan: str, ar: int) -> LanResidents:
    """The ``LanResidents`` of a län and year (the total row named after the län)."""
    found = registrations.lan_residents(con, lan, ar)
    kommuner = found[list(COLUMNS)].copy()
    kommuner["deltagare"] = kommuner["deltagare"].astype(int)
    population_years = set(kommuner["befolkning_ar"].dropna().astype(int))
    whole = kommuner["befolkning"].notna().all() and len(population_years) == 1
    total = {
        "kommunkod": lan,
        "kommun": regions.lan_name(lan),
        "deltagare": int(kommuner["deltagare"].sum()),
        "befolkning": kommuner["befolkning"].sum() if whole else np.nan,
        "befolkning_ar": next(iter(population_years)) if whole else np.nan,
        "befolkning_kalla": kommuner["befolkning_kalla"].iloc[0] if whole else None,
    }
    total["per_1000"] = total["deltagare"] / total["befolkning"] * 1000 if whole else np.nan
    frame = pd.concat([kommuner, pd.DataFrame([total])], ignore_index=True)
    frame["summa"] = [False] * len(kommuner) + [True]
    # hidden as the whole grid of kommuner and teams has it (Teamkapacitet shows its teams)
    grid = resident_grid(con, lan, ar)
    frame["dold"] = [bool(grid.hidden.at[k, TOTAL]) for k in kommuner["kommunkod"]] + [
        bool(grid.hidden.at[TOTAL, TOTAL])
    ]
    frame["per_1000_visas"] = (
        ~frame["dold"] & frame["deltagare"].map(disclosure.enough) & frame["per_1000"].notna()
    )
    reach = coverage(con, lan)
    reach = reach[reach["ar"] == ar]
    span = None if reach.empty else (reach["forsta_slut"].iloc[0], reach["sista_slut"].iloc[0])
    return LanResidents(lan, ar, frame, span)


TOTAL = "summa"  # the grid's row and column of totals


@dataclass(frozen=True)
class ResidentGrid:
    """Participants of a year per kommun of the län (rows, by kommunkod) and team (columns,
    (förbund, insats_id)), with the kommuner's sums (column ``TOTAL``: Länsjämförelse's counts)
    and the teams' (row ``TOTAL``); ``hidden`` says which cells no viewer may see, decided on
    the whole grid (``disclosure.table_mask``) so that the two pages, each showing a part of
    it, cannot be read against each other to give a hidden count back."""

    counts: pd.DataFrame
    hidden: pd.DataFrame


def resident_grid(con: duckdb.DuckDBPyConnection, lan: str, ar: int) -> ResidentGrid:
    """The ``ResidentGrid`` of a län and year: every kommun of the län a row (zeros where no
    one took part), every team with a participant living there a column."""
    cells = sql.query(con, "registration_lan_grid", lan=lan, ar=ar)
    kommuner = [k for (k,) in con.execute(
        "SELECT kommunkod FROM kommuner WHERE lan_kod = ? ORDER BY kommun", [lan]
    ).fetchall()]  # fmt: skip
    grid = (
        cells.pivot_table(
            index="kommunkod",
            columns=["forbund", "insats_id"],
            values="deltagare",
            aggfunc="sum",
            fill_value=0,
        )
        if not cells.empty
        else pd.DataFrame(index=pd.Index([], name="kommunkod"))
    )
    grid = grid.reindex(kommuner, fill_value=0).astype(float)
    grid.columns = list(grid.columns)  # (förbund, insats_id) tuples
    grid[TOTAL] = grid.sum(axis=1)
    grid.loc[TOTAL] = grid.sum(axis=0)
    return ResidentGrid(grid, disclosure.table_mask(grid, row_total=True, column_total=True))
