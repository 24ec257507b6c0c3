"""Teamkapacitet: what each team has (staffing), takes (places, participants) and costs.

Costs come from the same budget lines as the budget page, tied to an insats by the explicit
mapping in data/insats_posts.csv. Figures the documents do not print stay missing: a team
without printed staffing has no FTE, not zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard import fmt, sql, tables

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


def plan_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Years with a team's staffing, places or budget in the data."""
    return [int(y) for y in sql.query(con, "plan_years")["ar"]]


def teams(con: duckdb.DuckDBPyConnection, ar: int) -> pd.DataFrame:
    """One row per insats of the year: förbund, kommuner, FTE, places as printed, budget,
    and what follows from them: participants per FTE, cost per place and per FTE.

    Ranges stay ranges: "50–55" places give a cost per place from budget/55 to budget/50.
    """
    plans = sql.query(con, "team_plans", ar=ar)
    fte = plans["fte"].where(plans["fte"] > 0)
    plans["deltagare_per_fte_min"] = plans["platser_min"] / fte
    plans["deltagare_per_fte_max"] = plans["platser_max"] / fte
    plans["kostnad_per_plats_min"] = plans["budget_kostnad"] / plans["platser_max"]
    plans["kostnad_per_plats_max"] = plans["budget_kostnad"] / plans["platser_min"]
    plans["kostnad_per_fte"] = plans["budget_kostnad"] / fte
    return plans


def staffing(con: duckdb.DuckDBPyConnection, ar: int) -> pd.DataFrame:
    """The staffing rows behind the year's teams, as printed (latest plan at or before the year)."""
    rows = sql.query(con, "team_staffing", ar=ar)
    return rows[rows["insats_id"].isin(teams(con, ar)["insats_id"])].reset_index(drop=True)


def fte_by_employer(rows: pd.DataFrame) -> pd.DataFrame:
    """FTE per team and employer, for the stacked bars: who staffs whom."""
    known = rows.dropna(subset=["fte"])
    return known.groupby(["namn", "arbetsgivare"], as_index=False)["fte"].sum()


def range_text(low: float, high: float, money: bool = False, decimals: int = 0) -> str:
    """``50–55`` or ``25 000–27 500 kr``; one figure when both ends agree; ``–`` if missing."""
    if pd.isna(low) or pd.isna(high):
        return fmt.MISSING
    one = (lambda v: fmt.kr(round(v, -2))) if money else (lambda v: fmt.number(v, decimals))
    if round(low, decimals) == round(high, decimals):
        return one(low)
    if money:
        return f"{fmt.number(round(low, -2))}–{fmt.kr(round(high, -2))}"
    return f"{one(low)}–{one(high)}"


PLACE_WORDS = {
    "planerade samtidiga deltagare": "samtidiga",
    "årsplatser": "",
    "finansierade platser": "finansierade",
    "personer per år": "per år",
}


def team_table(plans: pd.DataFrame) -> pd.DataFrame:
    """The team overview in Swedish, the figures first, missing figures written as missing."""

    def fte_text(row: pd.Series) -> str:
        if pd.isna(row["fte"]):
            return "saknas"
        text = fmt.number(row["fte"], 1)
        if row["roller_utan_fte"]:
            text += f" (+{int(row['roller_utan_fte'])} roller utan tid)"
        return text

    def places_text(text: object, measure: str, year: float) -> str:
        if not isinstance(text, str):
            return "saknas"
        word = PLACE_WORDS.get(measure, measure)
        return f"{text} {word} ({int(year)})".replace("  ", " ")

    return pd.DataFrame(
        {
            "Insats": plans["namn"],
            "Kommuner": plans["kommuner"].fillna("länet / ej angivet"),
            "FTE": [fte_text(r) for _, r in plans.iterrows()],
            "Platser (tryckt)": [
                places_text(t, m, y)
                for t, m, y in zip(
                    plans["platser_text"], plans["platser_matt"], plans["platser_ar"], strict=True
                )
            ],
            "Deltagare per FTE": [
                range_text(a, b, decimals=1)
                for a, b in zip(plans["deltagare_per_fte_min"], plans["deltagare_per_fte_max"], strict=True)
            ],
            "Budget": [fmt.kr(v) for v in plans["budget_kostnad"]],
            "Kostnad per plats": [
                range_text(a, b, money=True)
                for a, b in zip(plans["kostnad_per_plats_min"], plans["kostnad_per_plats_max"], strict=True)
            ],
            "Kostnad per FTE": [fmt.kr(v) for v in plans["kostnad_per_fte"]],
            "Medlemmens egen finansiering": [
                f"{f}: {fmt.number(v, 1)} FTE" if pd.notna(v) else "ej angiven"
                for f, v in zip(plans["finansieras_av"], plans["fte_medlem"], strict=True)
            ],
            "Förbund": plans["forbund"],
        }
    )


@dataclass(frozen=True)
class Plan:
    """What a change of staffing or budget gives, by the team's own printed ratio."""

    fte: float
    places_min: float
    places_max: float
    cost_per_place_min: float
    cost_per_place_max: float
    assumption: str


def plan(team: pd.Series, fte: float, budget_kostnad: float) -> Plan:
    """Planned places and cost per place for a changed FTE and budget, assuming the team's
    printed ratio of places per FTE holds (stated in ``assumption``)."""
    low, high = team["deltagare_per_fte_min"], team["deltagare_per_fte_max"]
    places_min, places_max = fte * low, fte * high
    assumption = (
        f"Antagande: {range_text(low, high, decimals=1)} deltagare per årsarbetare, som i teamets "
        f"tryckta plan {int(team['platser_ar'])} "
        f"({team['platser_text']} på {fmt.number(team['fte'], 1)} FTE)."
    )
    return Plan(
        fte,
        places_min,
        places_max,
        budget_kostnad / places_max if places_max else np.nan,
        budget_kostnad / places_min if places_min else np.nan,
        assumption,
    )


def participants(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Participants and outcomes as printed (counts and shares), newest first."""
    return sql.query(con, "participants_printed")


def survey(con: duckdb.DuckDBPyConnection, group: str) -> pd.DataFrame:
    """Indikatorer för finansiell samordning for one respondent group: per question and
    year the share of each answer, signed for a diverging chart (low answers negative)."""
    rows = sql.query(con, "survey", respondentgrupp=group)
    rows["steg"] = rows["svar"].map(ANSWER_ORDER)
    rows["riktning"] = np.where(rows["steg"] <= 2, -1, 1)
    rows["andel_signerad"] = rows["andel"] * rows["riktning"]
    return rows.sort_values(["fraga_nr", "ar", "steg"])


def survey_groups(con: duckdb.DuckDBPyConnection) -> list[str]:
    return list(sql.query(con, "survey_groups")["respondentgrupp"])


def utilisation_note(plans: pd.DataFrame, printed: pd.DataFrame) -> str:
    """What the printed participants say against the planned places, and why no share is
    computed: one counts people over a period, the other places at a time."""
    with_places = plans.dropna(subset=["platser_min"])
    with_places = with_places[with_places["insats_id"].str.startswith("samordningsteam")]
    if with_places.empty or printed.empty:
        return "Tryckta deltagare och planerade platser finns inte för samma team och period."
    latest = printed[printed["matt"] == "deltagare"].iloc[0]
    planned = range_text(with_places["platser_min"].sum(), with_places["platser_max"].sum())
    return (
        f"Jämförelse: {latest['varde_text']} under {fmt.period(latest['period'])} "
        f"({latest['omfattning']}), mot {planned} planerade samtidiga platser i "
        f"{len(with_places)} samordningsteam. Ingen beläggningsgrad räknas: deltagarna är personer under "
        "en period, platserna är samtidiga, och dokumenten trycker inte deltagare per team."
    )


def fte_steps(current: float) -> list[float]:
    """FTE choices for the planner: tenths from 0 to 15, and the printed value itself."""
    return sorted({round(i / 10, 1) for i in range(151)} | {round(float(current), 2)})


def budget_steps(current: float) -> list[int]:
    """Budget choices for the planner: 25 000 kr steps up to twice the budget, and the budget."""
    top = max(2 * current, 1_000_000)
    return sorted({i * 25_000 for i in range(int(top // 25_000) + 1)} | {int(current)})


def questions(rows: pd.DataFrame) -> pd.DataFrame:
    """The survey's questions in numeric order, with their text."""
    unique = rows.drop_duplicates("fraga_nr")[["fraga_nr", "fraga"]]
    unique = unique.assign(nr=pd.to_numeric(unique["fraga_nr"], errors="coerce")).sort_values("nr")
    return unique.rename(columns={"fraga_nr": "Fråga", "fraga": "Text"})[["Fråga", "Text"]]


def place_remarks(plans: pd.DataFrame) -> list[str]:
    """The remarks printed with a team's places (a queue, a change), one line per team."""
    remarks = plans.dropna(subset=["platser_anmarkning"])
    return [
        f"**{name}:** {text}"
        for name, text in zip(remarks["namn"], remarks["platser_anmarkning"], strict=True)
    ]


STAFFING_COLUMNS = {
    "namn": "Insats",
    "ar": "Plan för år",
    "roll": "Roll",
    "arbetsgivare": "Arbetsgivare",
    "fte": "FTE",
    "anmarkning": "Anmärkning",
    "dokument": "Källa",
}


@dataclass(frozen=True)
class TeamView:
    """What the page Teamkapacitet shows of a year, made once per data version and shared by
    every session: read it, never change it."""

    plans: pd.DataFrame  # teams
    overview: pa.Table  # team_table
    without_staffing: list[str]  # teams whose documents print no staffing
    remarks: list[str]  # place_remarks
    staffing: pa.Table  # the staffing rows as printed, Swedish headings; empty if none
    roles: dict[str, list[tuple[str, str, float]]]  # per team: (roll, arbetsgivare, fte) with a printed FTE
    plannable: pd.DataFrame  # teams with printed staffing and places, by insats_id
    utilisation: str  # utilisation_note


def team_view(con: duckdb.DuckDBPyConnection, ar: int) -> TeamView:
    """The ``TeamView`` of a year, for ``ui.shared``."""
    plans = teams(con, ar)
    staff = staffing(con, ar)
    known = staff[staff["fte"].notna()]
    return TeamView(
        plans=plans,
        overview=tables.arrow(team_table(plans)),
        without_staffing=plans.loc[plans["fte"].isna(), "namn"].tolist(),
        remarks=place_remarks(plans),
        staffing=tables.arrow(staff.rename(columns=STAFFING_COLUMNS)[list(STAFFING_COLUMNS.values())]),
        roles={
            team: list(zip(rows["roll"], rows["arbetsgivare"], rows["fte"].astype(float), strict=True))
            for team, rows in known.groupby("insats_id", sort=False)
        },
        plannable=plans.dropna(subset=["fte", "platser_min"]).set_index("insats_id"),
        utilisation=utilisation_note(plans, participants(con)),
    )


PARTICIPANT_COLUMNS = {
    "ar": "År",
    "forbund": "Förbund",
    "omfattning": "Gäller",
    "matt": "Mått",
    "varde_text": "Som tryckt",
    "kalla": "Källa",
}


def participants_view(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The printed participants with Swedish headings, for ``ui.shared``."""
    printed = participants(con).rename(columns=PARTICIPANT_COLUMNS)
    return tables.arrow(printed[list(PARTICIPANT_COLUMNS.values())])


def questions_view(con: duckdb.DuckDBPyConnection, group: str) -> pa.Table:
    """``questions`` of a respondent group, for ``ui.shared``."""
    return tables.arrow(questions(survey(con, group)))
