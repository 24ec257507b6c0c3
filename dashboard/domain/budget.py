"""Budget och utfall: the board's table of lines, deviations, consumption and result.

Amounts are signed from the förbund's result (income positive, costs negative), so one rule
serves income and costs alike: a deviation ``outcome - budget`` above zero is favourable for
the result (a cost under budget, or income over it), below zero unfavourable.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from dashboard.domain import capacity, documents, overview
from dashboard.store import sql

# The groups of the board's table, in order.
INTAKTER = "Intäkter"
ADMINISTRATION = "Administration"
INDIVIDINSATSER = "Individinsatser"
STRUKTUR = "Metodutveckling och strukturpåverkande insatser"
PROCESSTOD = "Processtöd"
GROUPS = (INTAKTER, ADMINISTRATION, INDIVIDINSATSER, STRUKTUR, PROCESSTOD)

# Which measure is a year's outcome, in order of preference.
OUTCOME_MEASURES = ("prognos", "bokslut", "förväntat utfall")
_OUTCOME_COLUMNS = {"prognos": "prognos", "bokslut": "bokslut", "förväntat utfall": "forvantat_utfall"}


@dataclass(frozen=True)
class Thresholds:
    """Deviation limits as shares of the budget (0.05 is 5 %); the user may change them."""

    low: float = 0.05
    high: float = 0.10


def group_of(kategori: str, post: str, rubrik: str | None) -> str:
    """The board-table group of a line: its kategori, with processtöd shown on its own."""
    if kategori == "intäkt":
        return INTAKTER
    if kategori == "administration":
        return ADMINISTRATION
    if kategori == "individinsats":
        return INDIVIDINSATSER
    if "processtöd" in post.lower() or "processtöd" in (rubrik or "").lower():
        return PROCESSTOD
    return STRUKTUR


def share_of_year(until: dt.date) -> float:
    """How much of the year has gone by ``until``: 31 August is 8/12."""
    if until.day == calendar.monthrange(until.year, until.month)[1]:
        return until.month / 12
    days = 366 if calendar.isleap(until.year) else 365
    return until.timetuple().tm_yday / days


def deviation_level(deviation: float, budget: float, thresholds: Thresholds) -> int:
    """-2, -1, 0, 1 or 2: how far from budget, with the sign of its effect on the result."""
    if pd.isna(deviation) or pd.isna(budget) or deviation == 0:
        return 0
    if budget == 0:  # not budgeted at all: as far from budget as it gets
        return 2 if deviation > 0 else -2
    share = deviation / abs(budget)
    if abs(share) < thresholds.low:
        return 0
    step = 2 if abs(share) >= thresholds.high else 1
    return step if share > 0 else -step


def consumption_level(used: float, year_share: float, thresholds: Thresholds) -> float:
    """-1, 0 or 1: the share of the budget used by a date against the share of the year gone
    (low, in pace, high by the larger threshold); NaN where either share is missing."""
    if pd.isna(used) or pd.isna(year_share):
        return np.nan
    gap = used - year_share
    if gap <= -thresholds.high:
        return -1
    if gap >= thresholds.high:
        return 1
    return 0


def outcome_measure(lines: pd.DataFrame) -> str | None:
    """The measure that is the year's outcome in these lines: prognos, bokslut or förväntat utfall."""
    return next((m for m in OUTCOME_MEASURES if lines[_OUTCOME_COLUMNS[m]].notna().any()), None)


def lines(con: duckdb.DuckDBPyConnection, forbund: str, ar: int, till: dt.date | None = None) -> pd.DataFrame:
    """The budget lines of a förbund and year with every measure, grouped for the board.

    Utfall is the latest period's on or before ``till`` (default: the latest there is).
    """
    frame = sql.query(con, "budget_vs_utfall", forbund=forbund, ar=ar, till=till)
    for column in ("budget", "utfall", "prognos", "forvantat_utfall", "bokslut"):
        frame[column] = pd.to_numeric(frame[column]).astype("float64")  # a missing figure is NaN, never None
    frame["grupp"] = [
        group_of(k, p, r) for k, p, r in zip(frame["kategori"], frame["post"], frame["rubrik"], strict=True)
    ]
    return frame


def utfall_periods(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> list[dt.date]:
    """The dates the year's utfall runs to (one per delårsrapport or imported month), latest first."""
    return [d.date() for d in sql.query(con, "utfall_periods", forbund=forbund, ar=ar)["period_slut"]]


def citations(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame
) -> list[tuple[str, str | None, str | None]]:
    """Where the lines come from, each as (citation, dokument, avsnitt): the documents'
    sections, then the imports that changed them (one citation, no document to open)."""
    pairs = frame.loc[~frame["avsnitt"].map(documents.is_import), ["dokument", "avsnitt"]].drop_duplicates()
    cited: list[tuple[str, str | None, str | None]] = [
        (documents.citation(con, d, a, short=True), d, a) for d, a in pairs.itertuples(index=False)
    ]
    imported = sorted({i for cell in frame["importer"].dropna() for i in cell.split(", ")})
    if imported:
        cited.append((f"{documents.IMPORTED}: " + ", ".join(imported), None, None))
    return cited


def source(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> str:
    """``citations`` as one line of text (for exports, the pack and the scenarios)."""
    return "; ".join(text for text, _, _ in citations(con, frame))


def board(
    con: duckdb.DuckDBPyConnection, forbund: str, ar: int, till: dt.date | None, low: float, high: float
) -> pd.DataFrame:
    """The board's table of a förbund and year (``board_table`` of ``lines``), for caching."""
    return board_table(lines(con, forbund, ar, till), Thresholds(low, high))


def board_table(frame: pd.DataFrame, thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """The board's table: lines by group, a sum per group, and the result.

    Columns: radtyp (post, summa, resultat), grupp, post, budget, utfall (to
    ``attrs["utfall_till"]``, delår only), utfall_andel (share of the budget used),
    utfall_ar (the year's outcome: prognos, bokslut or förväntat utfall, named in
    ``attrs["outcome_measure"]``), avvikelse (outcome minus budget), avvikelse_andel,
    niva (-2..2, ``deviation_level``), forbrukning_niva (-1, 0, 1 or NaN,
    ``consumption_level``), kommentar. The words for the levels are the view's.
    """
    measure = outcome_measure(frame)
    outcome = frame[_OUTCOME_COLUMNS[measure]] if measure else pd.Series(np.nan, index=frame.index)
    table = pd.DataFrame(
        {
            "radtyp": "post",
            "grupp": pd.Categorical(frame["grupp"], categories=GROUPS, ordered=True),
            "post": frame["post"],
            "budget": frame["budget"],
            "utfall": frame["utfall"],
            "utfall_ar": outcome,
            # The delårsrapport's comments as the board reads them, without the extraction's label.
            "kommentar": frame["kommentar"].str.replace(r"^Kommentar i rapporten:\s*", "", regex=True),
            "rad": frame["rad"],
        }
    ).sort_values(["grupp", "rad"], kind="stable")
    sums = (
        table.groupby("grupp", observed=True)[["budget", "utfall", "utfall_ar"]]
        .sum(min_count=1)
        .reset_index()
        .assign(radtyp="summa", post=lambda d: "Summa " + d["grupp"].astype(str).str.lower())
    )
    result = pd.DataFrame(
        [
            {
                "radtyp": "resultat",
                "post": "Resultat",
                "budget": table["budget"].sum(min_count=1),
                "utfall": table["utfall"].sum(min_count=1),
                "utfall_ar": table["utfall_ar"].sum(min_count=1),
            }
        ]
    )
    pieces = []
    for group in GROUPS:
        in_group = table[table["grupp"] == group]
        if not in_group.empty:
            pieces += [in_group, sums[sums["grupp"] == group]]
    out = pd.concat([*pieces, result], ignore_index=True)
    out["avvikelse"] = out["utfall_ar"] - out["budget"]
    out["avvikelse_andel"] = out["avvikelse"] / out["budget"].abs().replace(0, np.nan)
    out["niva"] = [
        deviation_level(d, b, thresholds) for d, b in zip(out["avvikelse"], out["budget"], strict=True)
    ]
    is_result = out["radtyp"] == "resultat"
    # A share of a budgeted result (often a deficit) says nothing; the kronor do.
    out.loc[is_result, "avvikelse_andel"] = np.nan
    out["utfall_andel"] = (out["utfall"] / out["budget"].replace(0, np.nan)).where(~is_result)
    until = frame["utfall_till"].dropna()
    year_share = share_of_year(until.max().date()) if not until.empty else np.nan
    out["forbrukning_niva"] = [consumption_level(u, year_share, thresholds) for u in out["utfall_andel"]]
    out.attrs.update(
        outcome_measure=measure,
        share_of_year=year_share,
        utfall_till=until.max().date() if not until.empty else None,
    )
    return out.drop(columns=["rad"])


@dataclass(frozen=True)
class Answers:
    """The board's three questions as numbers: what the costs have used so far, the year's
    result, and the result against budget (``status`` of the result row in words, in the view)."""

    until: dt.date | None  # the date the utfall runs to; None where there is no utfall
    costs_used: float  # the cost groups' utfall to ``until`` (costs are negative)
    costs_budget: float  # the cost groups' budget for the year
    share_of_year: float  # of the year gone by ``until`` (``share_of_year``)
    measure: str | None  # the year's outcome measure; None where the documents give only a budget
    result: float  # the year's result in ``measure``
    result_budget: float  # the budgeted result; NaN where the documents give no budget
    deviation: float  # result minus budget
    level: int  # ``deviation_level`` of the result


def answers(table: pd.DataFrame) -> Answers:
    """What has been spent so far, the year's result, and the result against budget, of a
    ``board_table``."""
    result = table[table["radtyp"] == "resultat"].iloc[0]
    costs = table[(table["radtyp"] == "summa") & (table["grupp"].astype(str) != INTAKTER)]
    return Answers(
        until=table.attrs["utfall_till"],
        costs_used=costs["utfall"].sum(),
        costs_budget=costs["budget"].sum(),
        share_of_year=table.attrs["share_of_year"],
        measure=table.attrs["outcome_measure"],
        result=result["utfall_ar"],
        result_budget=result["budget"],
        deviation=result["avvikelse"],
        level=int(result["niva"]),
    )


def largest_deviations(table: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The lines that deviate most from budget in kronor, either way, with their comments:
    only lines outside "i nivå" (a deviation below the smaller threshold is no deviation to
    the board), so the list may be shorter than ``n`` or empty."""
    posts = table[(table["radtyp"] == "post") & table["avvikelse"].notna() & (table["niva"] != 0)]
    return posts.reindex(posts["avvikelse"].abs().sort_values(ascending=False).index).head(n)


MERGED = "Samordningsförbundet Västmanland"  # the embedded documents' merger (scenarios' default förbund)
COUNTY_SUM = "Summa av de tidigare förbunden (beräknad)"
HISTORY_MEASURES = {
    "resultat": "Resultat",
    "intakter": "Intäkter",
    "kostnader": "Kostnader",
    "eget_kapital": "Eget kapital",
}


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per förbund and year: intäkter, kostnader, resultat and eget kapital in the year's
    best measure (bokslut, prognos, förväntat utfall or budget, in ``matt``)."""
    return sql.query(con, "history")


def lineage(con: duckdb.DuckDBPyConnection, forbund: str) -> list[str]:
    """The förbund whose history belongs with this one's: it, those merged into it, the one
    it merged into and the others merged into that."""
    return list(sql.query(con, "forbund_lineage", forbund=forbund)["forbund"])


def merger_of(con: duckdb.DuckDBPyConnection, forbund: str) -> tuple[str, int, list[str]] | None:
    """The merger in the förbund's line of history (``lineage``): the förbund that took over,
    the year it did, the förbund it replaced; None when the förbund has no merger."""
    family = set(lineage(con, forbund))
    return next((m for m in overview.mergers(con) if m[0] in family), None)


def county_sum(frame: pd.DataFrame, former_forbund: list[str]) -> pd.DataFrame:
    """The former förbund of a merger summed per year, for the years where all of them have
    the figure; any other year would be a partial sum and is left out."""
    former = frame[frame["forbund"].isin(former_forbund)]
    n_forbund = former["forbund"].nunique()
    rows = []
    for ar, year in former.groupby("ar"):
        row = {"forbund": COUNTY_SUM, "ar": ar}
        for column in HISTORY_MEASURES:
            values = year[column].dropna()
            row[column] = values.sum() if len(values) == n_forbund else np.nan
        row["matt"] = ", ".join(sorted(set(year["matt"].dropna())))
        row["eget_kapital_matt"] = ", ".join(sorted(set(year["eget_kapital_matt"].dropna())))
        rows.append(row)
    return pd.DataFrame(rows)


def insats_history(con: duckdb.DuckDBPyConnection, insats_id: str) -> pd.DataFrame:
    """Budget and outcome of an insats across years and förbund, from the budget lines the
    explicit mapping (data/insats_posts.csv) ties to it, however each document spelled them."""
    return sql.query(con, "insats_budget", insats_id=insats_id)


def insats_choices(con: duckdb.DuckDBPyConnection, forbund: str) -> dict[str, str]:
    """The insatser behind the förbund's budget lines, each once under its one name
    (``{insats_id: name}``, in the order their lines are first printed): 001 prints
    "Samordningsteamet FNS" where 004 prints "Samordningsteam FNS", one insats."""
    rows = capacity.insats_of_posts(con, forbund).dropna(subset=["insats"])
    return dict(zip(rows["insats_id"], rows["insats"], strict=True))


# The ratios the board follows (``ratios``), by kind.
ANDEL_ADMINISTRATION = "Andel administration"
ANDEL_INDIVIDINSATSER = "Andel individinsatser"
EGET_KAPITAL = "Eget kapital"
GOAL_MARGIN = 0.05  # a share within 5 percentage points of its goal is at the goal


@dataclass(frozen=True)
class Rule:
    """A rule the förbund's own documents state for a ratio (data/targets.csv), as printed,
    and which side of it the ratio is on."""

    kind: str  # styrtal: "andel individinsatser", "eget kapital, tak" or "eget kapital, golv"
    value: float  # varde: a share, or kronor for a floor
    from_year: int
    to_year: int | None  # None: from ``from_year`` on
    unit: str  # enhet, e.g. "andel av årets medelstilldelning"
    text: str  # the document's own words
    source: str  # kalla: where the document says it
    limit: float | None  # a cap in kronor (its share of the year's income); None for other rules
    side: int  # 1 above the rule, -1 below it, 0 at it (a goal within ``GOAL_MARGIN``)


@dataclass(frozen=True)
class Ratio:
    """A ratio the board follows, as a number, with the rules the förbund's documents state."""

    kind: str  # ANDEL_ADMINISTRATION, ANDEL_INDIVIDINSATSER or EGET_KAPITAL
    basis: str  # the measure and year of the shares, "prognos 2025" ("" for eget kapital)
    value: float | None  # a share (0.123 is 12,3 %), or kronor for eget kapital
    as_of: dt.date | None  # the date of eget kapital; None for a share
    rules: tuple[Rule, ...] = ()  # none is assumed where none is printed


def _rule(row: pd.Series, side: int, limit: float | None = None) -> Rule:
    return Rule(
        row["styrtal"],
        float(row["varde"]),
        int(row["fran_ar"]),
        None if pd.isna(row["till_ar"]) else int(row["till_ar"]),
        row["enhet"],
        row["text"],
        row["kalla"],
        limit,
        side,
    )


# The rules a scenario checks, as targets.csv (and a workbook's Styrtal) names them.
SCENARIO_RULES = ("eget kapital, tak", "eget kapital, golv", "andel administration")


def scenario_rules(con: duckdb.DuckDBPyConnection, forbund: str) -> pd.DataFrame:
    """The rules of ``SCENARIO_RULES`` that the förbund's own documents, or those of the
    förbund of its line of history (``lineage``), state in any year: columns forbund,
    styrtal, varde, enhet, kalla."""
    frames = [sql.query(con, "targets_for", forbund=f, ar=0) for f in lineage(con, forbund)]
    rules = (
        pd.concat(frames)
        if frames
        else pd.DataFrame(columns=["forbund", "styrtal", "varde", "enhet", "kalla"])
    )
    return rules[rules["styrtal"].isin(SCENARIO_RULES)][["forbund", "styrtal", "varde", "enhet", "kalla"]]


def ratios(con: duckdb.DuckDBPyConnection, forbund: str, ar: int, table: pd.DataFrame) -> list[Ratio]:
    """Administration share, the individ/struktur split and eget kapital against the rules
    the förbund's own documents state (data/targets.csv); none is assumed where none is printed."""
    rules = sql.query(con, "targets_for", forbund=forbund, ar=ar)
    sums = table[table["radtyp"] == "summa"].set_index(
        table.loc[table["radtyp"] == "summa", "grupp"].astype(str)
    )
    column = "utfall_ar" if table.attrs.get("outcome_measure") else "budget"
    measure = table.attrs.get("outcome_measure") or "budget"

    def group_sum(group: str) -> float:
        return float(sums.loc[group, column]) if group in sums.index else 0.0

    costs = sum(group_sum(g) for g in GROUPS if g != INTAKTER)
    income = group_sum(INTAKTER)
    whole = bool(income)  # a budget without income is not whole yet (a förbund just begun): no shares
    admin = group_sum(ADMINISTRATION) / costs if costs and whole else None
    insats = costs - group_sum(ADMINISTRATION)
    individ = group_sum(INDIVIDINSATSER) / insats if insats and whole else None
    basis = f"{measure} {ar}"
    out = [Ratio(ANDEL_ADMINISTRATION, basis, admin, None)]
    goal = rules[rules["styrtal"] == "andel individinsatser"]
    if individ is not None:
        goals: tuple[Rule, ...] = ()
        if not goal.empty:
            g = goal.iloc[0]
            side = 0 if abs(individ - g["varde"]) < GOAL_MARGIN else 1 if individ > g["varde"] else -1
            goals = (_rule(g, side),)
        out.append(Ratio(ANDEL_INDIVIDINSATSER, basis, individ, None, goals))
    equity = sql.query(con, "equity", forbund=forbund, ar=ar)
    if not equity.empty:
        value = float(equity.iloc[0]["belopp"])
        cap = rules[rules["styrtal"] == "eget kapital, tak"]
        floor = rules[rules["styrtal"] == "eget kapital, golv"]
        limits: list[Rule] = []
        if not cap.empty and income:
            c = cap.iloc[0]
            limit = c["varde"] * income
            limits.append(_rule(c, 1 if value > limit else -1, limit))
        if not floor.empty:
            f = floor.iloc[0]
            limits.append(_rule(f, -1 if value < f["varde"] else 1))
        out.append(Ratio(EGET_KAPITAL, "", value, equity.iloc[0]["period_slut"].date(), tuple(limits)))
    return out
