"""Teamkapacitet: what each team has (staffing), takes (places, participants) and costs.

Costs come from the same budget lines as the budget page, tied to an insats by the explicit
mapping in data/insats_posts.csv. Figures the documents do not print stay missing: a team
without printed staffing has no FTE, not zero. The page's tables and sentences are made from
these frames in ``dashboard.view.capacity_view``.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from dashboard.domain import documents
from dashboard.store import sql

# The order a respondent's answers run in, from the worst to the best. The first three
# steps of a six-step scale count as negative in a diverging chart.
ANSWER_ORDER = {
    "Inte alls": 0,
    "Aldrig": 0,
    "Sällan": 1,
    "Till liten del": 1,
    "Ibland": 2,
    "Delvis": 2,
    "Ofta": 3,
    "Till stor del": 3,
    "För det mesta": 4,
    "Till mycket stor del": 4,
    "Alltid": 5,
    "Helt och hållet": 5,
    "Nej": 2,
    "Ja": 3,
}


def insats_of_posts(con: duckdb.DuckDBPyConnection, forbund: str) -> pd.DataFrame:
    """The förbund's budget lines that are an insats (``post``, ``insats_id``) and the
    insats's one name (``insats``): where a page names the insats behind a line, it uses this
    name, whatever the document called the line that year (``Samordningsteamet FNS`` in 001,
    ``Samordningsteam FNS`` in 004)."""
    return sql.query(con, "insats_names_of_posts", forbund=forbund)


def insats_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each insats's one name, by its id: how the pages, the wall and the imports name a team."""
    return dict(sql.query(con, "insats_names").itertuples(index=False))


def plan_years(con: duckdb.DuckDBPyConnection, forbund: tuple[str, ...] | None = None) -> list[int]:
    """Years with a team's staffing, places or budget in the data (of the förbund ``forbund``
    when given)."""
    years = [int(y) for y in sql.query(con, "plan_years")["ar"]]
    return years if forbund is None else [y for y in years if not teams(con, y, forbund).empty]


def teams(con: duckdb.DuckDBPyConnection, ar: int, forbund: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per insats of the year (of the förbund ``forbund`` when given): förbund,
    kommuner, FTE, places as printed, budget, and what follows from them: participants per
    FTE, cost per place and per FTE.

    Ranges stay ranges: "50–55" places give a cost per place from budget/55 to budget/50.
    """
    plans = sql.query(con, "team_plans", ar=ar)
    if forbund is not None:
        plans = plans[plans["forbund"].isin(forbund)].reset_index(drop=True)
    fte = plans["fte"].where(plans["fte"] > 0)
    plans["deltagare_per_fte_min"] = plans["platser_min"] / fte
    plans["deltagare_per_fte_max"] = plans["platser_max"] / fte
    plans["kostnad_per_plats_min"] = plans["budget_kostnad"] / plans["platser_max"]
    plans["kostnad_per_plats_max"] = plans["budget_kostnad"] / plans["platser_min"]
    plans["kostnad_per_fte"] = plans["budget_kostnad"] / fte
    return plans


def latest_places(con: duckdb.DuckDBPyConnection, ar: int) -> pd.DataFrame:
    """Each insats's planned places (``platser_min``, ``platser_max``) of its latest plan at or
    before the year, whether or not the insats has a plan or budget in the year."""
    return sql.query(con, "latest_places", ar=ar)


def staffing(con: duckdb.DuckDBPyConnection, ar: int, forbund: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The staffing rows behind the year's teams, as printed (latest plan at or before the year)."""
    rows = sql.query(con, "team_staffing", ar=ar)
    return rows[rows["insats_id"].isin(teams(con, ar, forbund)["insats_id"])].reset_index(drop=True)


def fte_by_employer(rows: pd.DataFrame) -> pd.DataFrame:
    """FTE per team and employer, for the stacked bars: who staffs whom."""
    known = rows.dropna(subset=["fte"])
    return known.groupby(["namn", "arbetsgivare"], as_index=False)["fte"].sum()


def sources_text(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> str:
    """Documents and sections of ``rows`` (``dokument``, ``avsnitt``) as a reader wants them:
    one title per document, its sections after it."""
    return "; ".join(
        documents.citation_of_sections(con, dokument, list(sections.dropna().unique()))
        for dokument, sections in rows.groupby("dokument", sort=True)["avsnitt"]
    )


def team_source_rows(
    con: duckdb.DuckDBPyConnection, ar: int, forbund: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Where the year's staffing, places and budget come from: a row per insats, what
    (``vad``: bemanning, platser, budget), document and section; imports left out."""
    rows = sql.query(con, "team_sources", ar=ar)
    return rows[
        rows["insats_id"].isin(teams(con, ar, forbund)["insats_id"])
        & ~rows["avsnitt"].str.startswith("import ")
    ]


@dataclass(frozen=True)
class Plan:
    """What a change of staffing or budget gives, by the team's own printed ratio."""

    fte: float
    places_min: float
    places_max: float
    cost_per_place_min: float
    cost_per_place_max: float


def plan(team: pd.Series, fte: float, budget_kostnad: float) -> Plan:
    """Planned places and cost per place for a changed FTE and budget, assuming the team's
    printed ratio of places per FTE holds (``capacity_view.plan_assumption`` says so)."""
    low, high = team["deltagare_per_fte_min"], team["deltagare_per_fte_max"]
    places_min, places_max = fte * low, fte * high
    return Plan(
        fte,
        places_min,
        places_max,
        budget_kostnad / places_max if places_max else np.nan,
        budget_kostnad / places_min if places_min else np.nan,
    )


def participants(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Participants and outcomes as printed (counts and shares), newest first."""
    return sql.query(con, "participants_printed")


def survey(
    con: duckdb.DuckDBPyConnection, group: str, forbund: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Indikatorer för finansiell samordning for one respondent group (of the förbund
    ``forbund`` when given): per question and year the share of each answer, signed for a
    diverging chart (low answers negative)."""
    rows = sql.query(con, "survey", respondentgrupp=group)
    if forbund is not None:
        rows = rows[rows["forbund"].isin(forbund)].reset_index(drop=True)
    rows["steg"] = rows["svar"].map(ANSWER_ORDER)
    rows["riktning"] = np.where(rows["steg"] <= 2, -1, 1)
    rows["andel_signerad"] = rows["andel"] * rows["riktning"]
    return rows.sort_values(["fraga_nr", "ar", "steg"])


def survey_groups(con: duckdb.DuckDBPyConnection, forbund: tuple[str, ...] | None = None) -> list[str]:
    """The survey's respondent groups (of the förbund ``forbund`` when given), the one with the
    most answers first."""
    every = tuple(sql.query(con, "forbund_all")["forbund"])
    wanted = list(forbund if forbund is not None else every)
    return list(sql.query(con, "survey_groups", forbund=wanted)["respondentgrupp"])


# Counts first, in the order a reader follows a team's year; shares after them as printed.
_COUNT_ORDER = {"deltagare": 0, "nya": 1, "avslutade": 2}


def participants_of_year(printed: pd.DataFrame, ar: int) -> pd.DataFrame:
    """The printed participants of one year, counts before shares."""
    rows = printed[printed["ar"] == ar]
    order = [
        (_COUNT_ORDER.get(m, 9) if e == "personer" else 10)
        for m, e in zip(rows["matt"], rows["enhet"], strict=True)
    ]
    return (
        rows.assign(_order=order).sort_values(["omfattning", "_order"], kind="stable").drop(columns="_order")
    )
