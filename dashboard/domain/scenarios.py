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

Saved scenarios live in ``user_data.scenarios`` as JSON, never among the real figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.domain import budget, capacity
from dashboard.exchange import fmt
from dashboard.exchange.names import canonical, check_name, key, neutralise_sheet
from dashboard.store import sql, writes
from dashboard.view import tables

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
    opening_equity: float
    opening_equity_text: str
    teams: pd.DataFrame  # insats_id, namn, fte, platser_min, platser_max, kostnad_per_fte
    population: pd.DataFrame  # kommun, befolkning_20_64
    source: str


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
        opening, text = 0.0, "Inget eget kapital i dokumenten; 0 kr antas."
    else:
        row = equity.iloc[0]
        opening = float(row["belopp"])
        text = f"{row['post']} ({row['matt']}) {fmt.kr(opening)} per {fmt.date(row['period_slut'].date())}"
    plans = capacity.teams(con, assumptions.base_year)
    teams = plans.dropna(subset=["fte"])[
        ["insats_id", "namn", "fte", "platser_min", "platser_max", "kostnad_per_fte"]
    ].reset_index(drop=True)
    population = sql.query(con, "scenario_population")
    source = budget.source(con, lines)
    return Base(
        frame[["post", "kategori", "grupp", "insats_id", "insats", "belopp"]],
        opening,
        text,
        teams,
        population,
        source,
    )


def project(b: Base, a: Assumptions) -> dict[str, pd.DataFrame]:
    """The scenario year by year: ``lines`` (post × year), ``years`` (the outputs per year)
    and ``kommuner`` (each kommun's contribution per year)."""
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
                "post": "Medel från Region Västmanland",
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
    out["varningar"] = [warnings(row, a) for row in out.itertuples()]
    return {"lines": pd.DataFrame(rows), "years": out, "kommuner": pd.DataFrame(kommun_rows)}


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


def years_answer(years: pd.DataFrame, a: Assumptions) -> pd.DataFrame:
    """The outcome as the page answers it: a row per measure, a column per projected year
    (at most three, so every amount has its width at 1280 px), result and eget kapital first
    and in bold (``fet``), the rules beside their measures."""
    goal = f"{fmt.number(a.individ_goal * 100)}/{fmt.number((1 - a.individ_goal) * 100)}"
    measures = [
        ("Resultat", [fmt.kr(v) for v in years["resultat"]], True),
        ("Eget kapital 31/12", [fmt.kr(v) for v in years["eget_kapital"]], True),
        (
            f"Tak för eget kapital ({fmt.pct(a.cap_share, 0)} av årets medel)",
            [fmt.kr(v) for v in years["tak"]],
            False,
        ),
        ("Intäkter (medel från huvudmännen)", [fmt.kr(v) for v in years["intakter"]], False),
        ("Kostnader", [fmt.kr(v) for v in years["kostnader"]], False),
        (
            f"Andel administration (gräns {fmt.pct(a.admin_limit, 0)})",
            [fmt.pct(v) for v in years["andel_administration"]],
            False,
        ),
        (
            f"Individinsatser/metod och struktur (mål {goal})",
            [f"{fmt.number(v * 100)}/{fmt.number((1 - v) * 100)}" for v in years["andel_individinsatser"]],
            False,
        ),
        (
            "Planerade platser i teamen",
            [
                capacity.range_text(lo, hi)
                for lo, hi in zip(years["platser_min"], years["platser_max"], strict=True)
            ],
            False,
        ),
    ]
    frame = pd.DataFrame({"Mått": [label for label, _, _ in measures]})
    for i, year in enumerate(years["ar"]):
        frame[str(int(year))] = [values[i] for _, values, _ in measures]
    frame["fet"] = [bold for _, _, bold in measures]
    return frame


def answer_html(answer: pd.DataFrame) -> str:
    """``years_answer`` as the page's static table."""
    years = [c for c in answer.columns if c not in ("Mått", "fet")]
    return tables.html_table(answer, years, bold="fet", table_id="scenario-svar")


@dataclass(frozen=True)
class Outcome:
    """What the page Scenarier shows of a scenario, made once per data version and
    assumptions and shared by every session: read it, never change it."""

    result: dict[str, pd.DataFrame]  # run
    answer: pa.Table  # years_answer, without its bold marks
    html: str  # answer_html: the answer as the page shows it
    kommuner: str  # kommun_html
    problems: list[str]  # every broken rule, year by year
    runs_out: int | None  # first_negative_year
    cut: float  # needed_cut, a year from the first projected year
    first_year: int


def outcome(con: duckdb.DuckDBPyConnection, assumptions: str) -> Outcome:
    """The ``Outcome`` of a scenario (its ``Assumptions.to_json``), for ``ui.shared``: the
    text is a cheaper cache key than the assumptions, which are hashed field by field."""
    a = Assumptions.from_json(assumptions)
    result = run(con, a)
    years = result["years"]
    answer = years_answer(years, a)
    return Outcome(
        result=result,
        answer=tables.arrow(answer.drop(columns="fet")),
        html=answer_html(answer),
        kommuner=kommun_html(result["kommuner"]),
        problems=[w for ws in years["varningar"] for w in ws],
        runs_out=first_negative_year(years),
        cut=needed_cut(years, a),
        first_year=int(years["ar"].iloc[0]),
    )


def kommun_table(kommuner: pd.DataFrame) -> pd.DataFrame:
    """The kommuner's quarter per year in kronor, written out, one row per kommun."""
    wide = kommuner.pivot_table(index="kommun", columns="ar", values="belopp").map(fmt.kr)
    wide.columns = [str(int(c)) for c in wide.columns]
    return wide.reset_index().rename(columns={"kommun": "Kommun"})


def kommun_html(kommuner: pd.DataFrame) -> str:
    """``kommun_table`` as a static table."""
    table = kommun_table(kommuner)
    years = [c for c in table.columns if c != "Kommun"]
    return tables.html_table(table, years, table_id="scenario-kommuner")


def starting_point(
    con: duckdb.DuckDBPyConnection, assumptions: str
) -> tuple[Base, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The base of a scenario (its ``Assumptions.to_json``) and the tables of its editors:
    ``line_levers``, ``team_levers`` and the added lines; for ``ui.shared`` (the page's
    editors copy the tables)."""
    a = Assumptions.from_json(assumptions)
    b = base(con, a)
    added = pd.DataFrame(list(a.added) or [], columns=["Post", "Kategori", "Kostnad kr"])
    return b, line_levers(b, a), team_levers(b, a), added


PERCENT_STEPS = [i / 2 for i in range(-100, 101)]  # -50 % … +50 % in halves

# Whole kronor in the page's editors as ``fmt.kr`` writes them (``1 234 567 kr``), whatever the
# browser's language: Streamlit's printf format takes the thousands separator after a quote
# (``%'X,d``), here a no-break space. (Its "localized" format follows the browser's language;
# the editors use it only for decimals, FTE and per cent, which printf would write with a point.)
EDITOR_KR = "%'\u00a0,d\u00a0kr"


@functools.cache
def percent_labels() -> dict[float, str]:
    """The sliders' labels (``+2,5 %``), made once per process."""
    return {v: fmt.signed(v, f"{fmt.number(v, 1 if v % 1 else 0)} %") for v in PERCENT_STEPS}


def warnings(row, a: Assumptions) -> list[str]:
    """Each broken rule of a year, in plain Swedish."""
    out = []
    if row.eget_kapital < 0:
        out.append(f"{row.ar}: eget kapital är negativt ({fmt.kr(row.eget_kapital)}).")
    elif row.eget_kapital < a.floor_kr:
        out.append(f"{row.ar}: eget kapital {fmt.kr(row.eget_kapital)} är under golvet {fmt.kr(a.floor_kr)}.")
    if row.eget_kapital > row.tak:
        out.append(
            f"{row.ar}: eget kapital {fmt.kr(row.eget_kapital)} är över taket {fmt.kr(row.tak)} "
            f"({fmt.pct(a.cap_share, 0)} av årets medel)."
        )
    if row.andel_administration > a.admin_limit:
        out.append(
            f"{row.ar}: administrationen är {fmt.pct(row.andel_administration)} av kostnaderna, "
            f"över gränsen {fmt.pct(a.admin_limit, 0)}."
        )
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
    """A scenario of that name (names.key: case, spaces and Unicode form aside) is saved already."""

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
    """The saved scenario that ``name`` names (compared by names.key), or None."""
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


def excel(b: Base, a: Assumptions, result: dict[str, pd.DataFrame], name: str) -> bytes:
    """The scenario for the budget proposal: assumptions, and the budget per line and year."""
    import io

    team_names = dict(zip(b.teams["insats_id"], b.teams["namn"], strict=True))
    assumptions = pd.DataFrame(
        [
            ("Scenario", name),
            ("Förbund", a.forbund),
            ("Bas", f"{a.base_measure} {a.base_year} ({b.source})"),
            ("Ingående eget kapital", b.opening_equity_text),
            ("Statens medel, förändring", fmt.pct(a.state_change) + f" från {a.change_from}"),
            (
                "Region och kommuner",
                "följer staten 50/25/25"
                if a.follow_finsam
                else f"region {fmt.pct(a.region_change)}, kommuner {fmt.pct(a.kommun_change)}",
            ),
            ("Indexering per år", fmt.pct(a.indexation)),
            ("Administration, förändring", fmt.pct(a.admin_change)),
            ("Ändrade poster", ", ".join(f"{p} {fmt.pct(v)}" for p, v in a.line_change.items()) or "inga"),
            ("Avslutade poster", ", ".join(a.closed) or "inga"),
            ("Nya poster", ", ".join(f"{p} {fmt.kr(c)}" for p, _, c in a.added) or "inga"),
            (
                "Årsarbetare, förändring",
                ", ".join(
                    f"{team_names.get(t, t)} {fmt.signed(v, fmt.fte(v))} FTE" for t, v in a.fte_change.items()
                )
                or "inga",
            ),
            ("Tak för eget kapital", fmt.pct(a.cap_share, 0) + " av årets medel"),
            ("Golv för eget kapital", fmt.kr(a.floor_kr)),
        ],
        columns=["Antagande", "Värde"],
    )
    lines = result["lines"].pivot_table(index=["grupp", "post"], columns="ar", values="belopp", sort=False)
    lines = lines.reset_index().rename(columns={"grupp": "Grupp", "post": "Post"})
    years = result["years"].drop(columns=["varningar"])
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        assumptions.to_excel(writer, sheet_name="Antaganden", index=False)
        lines.to_excel(writer, sheet_name="Budget per post", index=False)
        years.to_excel(writer, sheet_name="Per år", index=False)
        for sheet in ("Budget per post", "Per år"):
            ws = writer.sheets[sheet]
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if isinstance(cell.value, float):
                        cell.number_format = '#,##0" kr"' if abs(cell.value) > 1.5 else "0.0%"
        for sheet in writer.sheets.values():  # names and texts from users are never run as formulas
            neutralise_sheet(sheet)
        writer.sheets["Antaganden"].column_dimensions["A"].width = 32
        writer.sheets["Antaganden"].column_dimensions["B"].width = 90
    return buffer.getvalue()


def line_names(b: Base) -> dict[str, str]:
    """Each cost line of the base (as printed) → how the page names it: by the insats's one
    name where the line is an insats, else as printed."""
    costs = b.lines[b.lines["kategori"] != "intäkt"]
    shown = costs["insats"].where(costs["insats"].notna(), costs["post"])
    return dict(zip(costs["post"], shown, strict=True))


def line_levers(b: Base, a: Assumptions) -> pd.DataFrame:
    """The cost lines as an editable table: change in % or in kr. ``post`` is the line as
    printed (the key the scenario keeps, not shown); ``Post`` names it on the page
    (``line_names``). Closing a line is chosen apart (``with_edits``)."""
    costs = b.lines[b.lines["kategori"] != "intäkt"]
    names = line_names(b)
    return pd.DataFrame(
        {
            "post": costs["post"],
            "Post": [names[p] for p in costs["post"]],
            "Kostnad i basen": -costs["belopp"],
            "Förändring %": [a.line_change.get(p, 0.0) * 100 for p in costs["post"]],
            "Förändring kr": [a.line_change_kr.get(p, 0.0) for p in costs["post"]],
        }
    ).reset_index(drop=True)


def text_width(texts: list[str] | pd.Series, header: str = "") -> int:
    """Pixels a column of Streamlit's grid needs to show ``texts`` and ``header`` whole (the
    grid is drawn on a canvas: it cannot wrap, and sizes its columns by the first rows only).
    About 7,6 px a character at the app's 18 px base font (measured in Chromium: 7,3 for a
    long post, 7,8 for a team's name), and the cell's padding."""
    longest = max([len(str(t)) for t in texts] + [len(header)], default=0)
    return round(7.6 * longest) + 24


def team_levers(b: Base, a: Assumptions) -> pd.DataFrame:
    """The teams with printed staffing as an editable table of FTE changes."""
    return pd.DataFrame(
        {
            "insats_id": b.teams["insats_id"],
            "Team": b.teams["namn"],
            "FTE i planen": [fmt.fte(v) for v in b.teams["fte"]],
            "Förändring FTE": [a.fte_change.get(i, 0.0) for i in b.teams["insats_id"]],
        }
    )


def with_edits(
    a: Assumptions,
    lines: pd.DataFrame,
    teams: pd.DataFrame,
    added: pd.DataFrame,
    closed: tuple[str, ...] | list[str] = (),
) -> Assumptions:
    """The assumptions with the edited tables of the page and the closed lines (as printed)
    folded in."""
    line_change = {p: v / 100 for p, v in zip(lines["post"], lines["Förändring %"], strict=True) if v}
    line_change_kr = {p: float(v) for p, v in zip(lines["post"], lines["Förändring kr"], strict=True) if v}
    fte = {i: float(v) for i, v in zip(teams["insats_id"], teams["Förändring FTE"], strict=True) if v}
    new = tuple(
        (str(r["Post"]).strip(), str(r["Kategori"]), float(r["Kostnad kr"]))
        for _, r in added.iterrows()
        if isinstance(r.get("Post"), str) and r["Post"].strip() and pd.notna(r.get("Kostnad kr"))
    )
    return dataclasses.replace(
        a,
        line_change=line_change,
        line_change_kr=line_change_kr,
        closed=tuple(closed),
        fte_change=fte,
        added=new,
    )


def compare_table(table: pd.DataFrame) -> pd.DataFrame:
    """Result and eget kapital per year of the compared scenarios: a heading row per scenario
    (``Scenario``), a row per measure, a column per year."""
    years = sorted(int(y) for y in table["ar"].unique())
    rows = []
    for scenario, own in table.groupby("scenario", sort=False):
        by_year = own.set_index("ar")
        for label, column in (("Resultat", "resultat"), ("Eget kapital 31/12", "eget_kapital")):
            row = {"Scenario": scenario, "Mått": label}
            row |= {str(y): fmt.kr(by_year[column].get(y)) for y in years}
            rows.append(row)
    return pd.DataFrame(rows)


def compare_html(table: pd.DataFrame) -> str:
    """``compare_table`` as a static table, for the page."""
    frame = compare_table(table)
    years = [c for c in frame.columns if c not in ("Scenario", "Mått")]
    return tables.html_table(frame, years, group="Scenario", table_id="scenario-jamforelse")


def edits_text(b: Base, a: Assumptions) -> list[str]:
    """The edits of the page's tables that count, in Swedish: what the editors hold, also
    while they are closed."""
    names = line_names(b)
    teams = dict(zip(b.teams["insats_id"], b.teams["namn"], strict=True))
    out = []
    for post, change in a.line_change.items():
        out.append(f"{names.get(post, post)}: {fmt.signed(change, fmt.pct(change, 1))} per år")
    for post, kr in a.line_change_kr.items():
        out.append(f"{names.get(post, post)}: {fmt.signed_kr(kr)} i kostnad per år")
    out += [f"{names.get(post, post)}: avslutas" for post in a.closed]
    out += [f"Ny post {post} ({kategori}): {fmt.kr(cost)} per år" for post, kategori, cost in a.added]
    for team, fte in a.fte_change.items():
        out.append(f"{teams.get(team, team)}: {fmt.signed(fte, fmt.fte(fte))} FTE")
    return out


def needed_cut(years: pd.DataFrame, a: Assumptions) -> float:
    """The smallest equal yearly cut in costs, from the first projected year, that keeps eget
    kapital at or above the floor (or zero) every year: 0 when the rules already hold."""
    floor = max(a.floor_kr, 0.0)
    shortfalls = [(floor - equity) / k for k, equity in enumerate(years["eget_kapital"], start=1)]
    return max(0.0, *shortfalls)
