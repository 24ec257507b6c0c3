"""Scenarier: budgets for the coming years from a real base, without touching real figures.

The model is plain functions over a frozen set of assumptions. A scenario starts from a
year's budget or prognos (the base), and projects 1–3 years ahead:

- income: the state's allocation (Försäkringskassan and Arbetsförmedlingen) changed by a
  percentage; under FINSAM (SFS 2003:1210) the region and the kommuner each pay half the
  state's amount (50/25/25), or their own change when set by hand; the kommuner's quarter
  is split by population 20–64;
- costs: every line of the base, indexed yearly, changed per line (kr or %), closed or
  added; administration changed on its own; a change of FTE in a team costs the team's
  own cost per FTE of the base year;
- eget kapital: the last closing balance in the documents, rolled forward by each result.

Saved scenarios live in ``user_data.scenarios`` as JSON, never among the real figures. The
outcome in words, the editors' tables and the page's bundles are made in
``dashboard.view.scenarios_view``; the Excel for the budget proposal in
``dashboard.exchange.scenario_excel``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from dashboard.domain import budget, capacity, county, regions
from dashboard.domain.naming import canonical, check_name, key
from dashboard.store import sql, writes

STATE_SHARE, REGION_SHARE, KOMMUN_SHARE = 0.5, 0.25, 0.25
INCOME_POST = "Medel från huvudmännen"


@dataclass(frozen=True)
class Assumptions:
    """Everything a scenario changes. Percentages as fractions (-0.10 is minus 10 %)."""

    forbund: str = budget.MERGED
    base_year: int = 2025
    base_measure: str = "prognos"  # or "budget"
    years: int = 3
    state_change: float = 0.0
    change_from: int = 2026
    follow_finsam: bool = True
    region_change: float = 0.0
    kommun_change: float = 0.0
    indexation: float = 0.0
    admin_change: float = 0.0
    line_change: dict[str, float] = field(default_factory=dict)  # post -> fraction
    line_change_kr: dict[str, float] = field(default_factory=dict)  # post -> kr more cost (- is a cut)
    closed: tuple[str, ...] = ()
    added: tuple[tuple[str, str, float], ...] = ()  # (post, kategori, cost in kr)
    fte_change: dict[str, float] = field(default_factory=dict)  # insats_id -> FTE
    cap_share: float = 0.20
    floor_kr: float = 0.0
    admin_limit: float = 0.15
    individ_goal: float = 0.60

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Assumptions:
        data = json.loads(text)
        data["closed"] = tuple(data.get("closed", ()))
        data["added"] = tuple(tuple(a) for a in data.get("added", ()))
        return cls(**data)


@dataclass(frozen=True)
class Base:
    """The real starting point: the base year's lines, opening eget kapital, the teams."""

    lines: pd.DataFrame  # post, kategori, grupp, insats_id, insats (its one name), belopp (signed)
    opening_equity: float  # 0 when the documents print none
    opening_equity_post: str | None  # the printed line it comes from (None: none printed)
    opening_equity_measure: str | None  # its measure as printed (bokslut, beräknat …)
    opening_equity_date: dt.date | None  # the day it is at
    teams: pd.DataFrame  # insats_id, namn, fte, platser_min, platser_max, kostnad_per_fte
    population: pd.DataFrame  # kommun, befolkning_20_64
    source: str
    region: str = "regionen"  # the member region by its name ("Region Västmanland"), where the län is known


def base(con: duckdb.DuckDBPyConnection, assumptions: Assumptions) -> Base:
    """The base year's lines in the chosen measure and the opening eget kapital."""
    lines = budget.lines(con, assumptions.forbund, assumptions.base_year)
    column = {"prognos": "prognos", "budget": "budget"}[assumptions.base_measure]
    if lines[column].isna().all():
        column = "budget"
    mapping = capacity.insats_of_posts(con, assumptions.forbund)
    frame = lines.assign(belopp=lines[column].fillna(0)).merge(mapping, on="post", how="left")
    equity = sql.query(con, "equity", forbund=assumptions.forbund, ar=assumptions.base_year - 1)
    if equity.empty:
        opening, post, measure, date = 0.0, None, None, None
    else:
        row = equity.iloc[0]
        opening, post, measure = float(row["belopp"]), row["post"], row["matt"]
        date = row["period_slut"].date()
    plans = capacity.teams(con, assumptions.base_year)
    teams = plans.dropna(subset=["fte"])[
        ["insats_id", "namn", "fte", "platser_min", "platser_max", "kostnad_per_fte"]
    ].reset_index(drop=True)
    population = sql.query(con, "scenario_population", forbund=assumptions.forbund)
    source = budget.source(con, lines)
    lan = county.lan_of(con, assumptions.forbund)
    return Base(
        frame[["post", "kategori", "grupp", "insats_id", "insats", "belopp"]],
        opening,
        post,
        measure,
        date,
        teams,
        population,
        source,
        regions.REGION.get(lan, "regionen") if lan else "regionen",
    )


def project(b: Base, a: Assumptions) -> dict[str, pd.DataFrame]:
    """The scenario year by year: ``lines`` (post × year), ``years`` (the outputs per year),
    ``kommuner`` (each kommun's contribution per year) and ``breaches`` (the rules broken,
    year by year: ``breaches``)."""
    years = list(range(a.base_year + 1, a.base_year + 1 + a.years))
    income_base = b.lines.loc[b.lines["kategori"] == "intäkt", "belopp"].sum()
    state_base = income_base * STATE_SHARE
    rows, outputs, kommun_rows = [], [], []
    equity = b.opening_equity + b.lines["belopp"].sum()  # closing the base year
    teams = b.teams.set_index("insats_id")
    for k, year in enumerate(years, start=1):
        changed = year >= a.change_from
        state = state_base * (1 + (a.state_change if changed else 0))
        if a.follow_finsam:
            region = kommuner = state * REGION_SHARE / STATE_SHARE
        else:
            region = income_base * REGION_SHARE * (1 + (a.region_change if changed else 0))
            kommuner = income_base * KOMMUN_SHARE * (1 + (a.kommun_change if changed else 0))
        income = state + region + kommuner
        index = (1 + a.indexation) ** k
        costs = []
        for line in b.lines[b.lines["kategori"] != "intäkt"].itertuples():
            if line.post in a.closed:
                amount = 0.0
            else:
                amount = line.belopp * index * (1 + a.line_change.get(line.post, 0.0))
                amount -= a.line_change_kr.get(line.post, 0.0) * index
                if line.kategori == "administration":
                    amount *= 1 + a.admin_change
                insats = line.insats_id if isinstance(line.insats_id, str) else None
                if insats in a.fte_change and insats in teams.index:
                    amount -= a.fte_change[insats] * teams.loc[insats, "kostnad_per_fte"] * index
            costs.append((line.post, line.kategori, line.grupp, amount))
        for post, kategori, cost in a.added:
            group = budget.group_of(kategori, post, None)
            costs.append((post, kategori, group, -cost * index))
        rows.append(
            {
                "ar": year,
                "post": "Medel från staten (FK och AF)",
                "kategori": "intäkt",
                "grupp": budget.INTAKTER,
                "belopp": state,
            }
        )
        rows.append(
            {
                "ar": year,
                "post": f"Medel från {b.region}",
                "kategori": "intäkt",
                "grupp": budget.INTAKTER,
                "belopp": region,
            }
        )
        rows.append(
            {
                "ar": year,
                "post": "Medel från kommunerna",
                "kategori": "intäkt",
                "grupp": budget.INTAKTER,
                "belopp": kommuner,
            }
        )
        rows += [{"ar": year, "post": p, "kategori": c, "grupp": g, "belopp": v} for p, c, g, v in costs]
        cost_frame = pd.DataFrame(costs, columns=["post", "kategori", "grupp", "belopp"])
        total_costs = -cost_frame["belopp"].sum()
        admin = -cost_frame.loc[cost_frame["kategori"] == "administration", "belopp"].sum()
        individ = -cost_frame.loc[cost_frame["kategori"] == "individinsats", "belopp"].sum()
        insats_costs = total_costs - admin
        result = income - total_costs
        equity += result
        cap = a.cap_share * income
        closed_insatser = set(b.lines.loc[b.lines["post"].isin(a.closed), "insats_id"].dropna())
        places_min, places_max = _places(teams, a, closed_insatser)
        share = b.population["befolkning_20_64"] / b.population["befolkning_20_64"].sum()
        kommun_rows += [
            {"ar": year, "kommun": name, "belopp": kommuner * s}
            for name, s in zip(b.population["kommun"], share, strict=True)
        ]
        outputs.append(
            {
                "ar": year,
                "intakter": income,
                "medel_staten": state,
                "medel_regionen": region,
                "medel_kommunerna": kommuner,
                "kostnader": total_costs,
                "administration": admin,
                "individinsatser": individ,
                "metod_och_struktur": insats_costs - individ,
                "resultat": result,
                "eget_kapital": equity,
                "tak": cap,
                "golv": a.floor_kr,
                "andel_administration": admin / total_costs if total_costs else np.nan,
                "andel_individinsatser": individ / insats_costs if insats_costs else np.nan,
                "platser_min": places_min,
                "platser_max": places_max,
            }
        )
    out = pd.DataFrame(outputs)
    broken = pd.DataFrame(
        [breach for row in out.itertuples() for breach in breaches(row, a)], columns=BREACH_COLUMNS
    )
    return {
        "lines": pd.DataFrame(rows),
        "years": out,
        "kommuner": pd.DataFrame(kommun_rows, columns=["ar", "kommun", "belopp"]),
        "breaches": broken,
    }


def _places(teams: pd.DataFrame, a: Assumptions, closed: set[str]) -> tuple[float, float]:
    """Planned places of the teams after the FTE change, by each team's printed ratio;
    a closed team has none."""
    open_ = teams[~teams.index.isin(list(closed)) & teams["platser_min"].notna()]
    if open_.empty:
        return 0.0, 0.0
    fte = open_["fte"] + np.array([a.fte_change.get(i, 0.0) for i in open_.index])
    low = (fte * open_["platser_min"] / open_["fte"]).sum(skipna=False)
    high = (fte * open_["platser_max"] / open_["fte"]).sum(skipna=False)
    return float(low), float(high)


def run(con: duckdb.DuckDBPyConnection, a: Assumptions) -> dict[str, pd.DataFrame]:
    """``project`` from the scenario's real base, for caching by its assumptions."""
    return project(base(con, a), a)


# The rules a projected year can break (``breaches``), and what each breach holds: the year,
# the rule, the year's figure and the rule's limit.
NEGATIVE, FLOOR, CAP, ADMIN = "negativt", "golv", "tak", "administration"
BREACH_COLUMNS = ["ar", "regel", "varde", "grans"]


def breaches(row: Any, a: Assumptions) -> list[tuple[int, str, float, float]]:
    """Each rule a projected year (a row of ``project``'s ``years``) breaks, as
    (ar, regel, varde, grans): eget kapital negative or under the floor, over the cap, the
    administration's share over its limit."""
    out = []
    if row.eget_kapital < 0:
        out.append((row.ar, NEGATIVE, row.eget_kapital, 0.0))
    elif row.eget_kapital < a.floor_kr:
        out.append((row.ar, FLOOR, row.eget_kapital, a.floor_kr))
    if row.eget_kapital > row.tak:
        out.append((row.ar, CAP, row.eget_kapital, row.tak))
    if row.andel_administration > a.admin_limit:
        out.append((row.ar, ADMIN, row.andel_administration, a.admin_limit))
    return out


def first_negative_year(years: pd.DataFrame) -> int | None:
    """The first year eget kapital runs out, if it does."""
    negative = years[years["eget_kapital"] < 0]
    return int(negative["ar"].iloc[0]) if not negative.empty else None


# --- persistence -------------------------------------------------------------------------


def saved(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Saved scenarios, newest first."""
    return sql.query(con, "scenario_list")


class ScenarioExists(ValueError):
    """A scenario of that name (naming.key: case, spaces and Unicode form aside) is saved already."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(f"Det finns redan ett scenario som heter ”{name}”.")


def scenario_name(name: str, what: str = "Scenariot") -> str:
    """The name a scenario is saved under (NFC, single spaces); ValueError in Swedish if it
    is empty, too long or holds a control or bidi character."""
    cleaned = canonical(name or "")
    if not cleaned:
        raise ValueError(f"{what} behöver ett namn.")
    if why := check_name(name, "namnet"):
        raise ValueError(f"{what} kan inte sparas: {why}.")
    return cleaned


def existing_name(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The saved scenario that ``name`` names (compared by naming.key), or None."""
    wanted = key(name)
    rows = con.execute(sql.load("scenario_list")).fetchall()
    return next((saved for saved, *_ in rows if key(saved) == wanted), None)


def save(con: duckdb.DuckDBPyConnection, name: str, a: Assumptions, *, overwrite: bool = False) -> str:
    """Save a scenario under a name and return the name it was saved under.

    A scenario of the same name (spelled in another case or with other spaces too) is
    overwritten only with ``overwrite``; otherwise ScenarioExists names it, so the page can
    ask first. An overwrite keeps the saved scenario's spelling."""
    name = scenario_name(name)
    now = dt.datetime.now().replace(microsecond=0)
    with writes.user_write(con):  # the check and the write in one transaction, under the write lock
        found = existing_name(con, name)
        if found is not None and not overwrite:
            raise ScenarioExists(found)
        con.execute(sql.load("scenario_save"), [found or name, a.to_json(), now, now])
    return found or name


def load(con: duckdb.DuckDBPyConnection, name: str) -> Assumptions:
    """The assumptions saved under ``name``; KeyError if there is none."""
    rows = con.execute(sql.load("scenario_load"), [name]).fetchall()
    if not rows:
        raise KeyError(name)
    return Assumptions.from_json(rows[0][0])


def duplicate(con: duckdb.DuckDBPyConnection, name: str, new_name: str) -> str:
    """Save a copy of a scenario under a new name (never over another scenario); returns the
    copy's name. ValueError (in Swedish) for an empty or unusable name or one in use."""
    new_name = scenario_name(new_name, "Kopian")
    try:
        assumptions = load(con, name)
    except KeyError:
        raise ValueError(f"Scenariot ”{name}” finns inte längre; det kan ha tagits bort.") from None
    try:
        return save(con, new_name, assumptions)
    except ScenarioExists as exc:
        raise ValueError(f"{exc} Välj ett annat namn för kopian.") from None


def delete(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Delete the scenario saved under ``name`` (nothing if there is none)."""
    with writes.user_write(con):
        con.execute(sql.load("scenario_delete"), [name])


def compare(con: duckdb.DuckDBPyConnection, names: list[str]) -> pd.DataFrame:
    """Result and eget kapital per year for two to four saved scenarios."""
    frames = []
    for name in names:
        a = load(con, name)
        years = project(base(con, a), a)["years"]
        frames.append(years[["ar", "resultat", "eget_kapital"]].assign(scenario=name))
    return pd.concat(frames, ignore_index=True)


def line_names(b: Base) -> dict[str, str]:
    """Each cost line of the base (as printed) → how the page names it: by the insats's one
    name where the line is an insats, else as printed."""
    costs = b.lines[b.lines["kategori"] != "intäkt"]
    shown = costs["insats"].where(costs["insats"].notna(), costs["post"])
    return dict(zip(costs["post"], shown, strict=True))


def needed_cut(years: pd.DataFrame, a: Assumptions) -> float:
    """The smallest equal yearly cut in costs, from the first projected year, that keeps eget
    kapital at or above the floor (or zero) every year: 0 when the rules already hold."""
    floor = max(a.floor_kr, 0.0)
    shortfalls = [(floor - equity) / k for k, equity in enumerate(years["eget_kapital"], start=1)]
    return max(0.0, *shortfalls)
