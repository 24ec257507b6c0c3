"""Scenarier as the page shows them, written from the domain's projection.

Scenarier as the page shows them: the outcome in words and tables, the editors' tables and
what they hold in words, the comparison of saved scenarios, made from
``dashboard.domain.scenarios``' numbers.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.domain import budget, scenarios
from dashboard.domain.scenarios import Assumptions, Base
from dashboard.exchange import fmt
from dashboard.view import capacity_view, tables

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


def warnings(breaches: pd.DataFrame, a: Assumptions) -> list[str]:
    """Each broken rule (``scenarios.breaches``, year by year) in plain Swedish."""
    out = []
    for b in breaches.itertuples():
        if b.regel == scenarios.NEGATIVE:
            out.append(f"{b.ar}: eget kapital är negativt ({fmt.kr(b.varde)}).")
        elif b.regel == scenarios.FLOOR:
            out.append(f"{b.ar}: eget kapital {fmt.kr(b.varde)} är under golvet {fmt.kr(b.grans)}.")
        elif b.regel == scenarios.CAP:
            out.append(
                f"{b.ar}: eget kapital {fmt.kr(b.varde)} är över taket {fmt.kr(b.grans)} "
                f"({fmt.pct(a.cap_share, 0)} av årets medel)."
            )
        elif b.regel == scenarios.ADMIN:
            out.append(
                f"{b.ar}: administrationen är {fmt.pct(b.varde)} av kostnaderna, "
                f"över gränsen {fmt.pct(b.grans, 0)}."
            )
    return out


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
                capacity_view.range_text(lo, hi)
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

    result: dict[str, pd.DataFrame]  # scenarios.run
    answer: pa.Table  # years_answer, without its bold marks
    html: str  # answer_html: the answer as the page shows it
    kommuner: str  # kommun_html
    problems: list[str]  # warnings: every broken rule, year by year
    runs_out: int | None  # scenarios.first_negative_year
    cut: float  # scenarios.needed_cut, a year from the first projected year
    first_year: int


def outcome(con: duckdb.DuckDBPyConnection, assumptions: str) -> Outcome:
    """The ``Outcome`` of a scenario (its ``Assumptions.to_json``), for ``ui.shared``: the
    text is a cheaper cache key than the assumptions, which are hashed field by field."""
    a = Assumptions.from_json(assumptions)
    result = scenarios.run(con, a)
    years = result["years"]
    answer = years_answer(years, a)
    return Outcome(
        result=result,
        answer=tables.arrow(answer.drop(columns="fet")),
        html=answer_html(answer),
        kommuner=kommun_html(result["kommuner"]),
        problems=warnings(result["breaches"], a),
        runs_out=scenarios.first_negative_year(years),
        cut=scenarios.needed_cut(years, a),
        first_year=int(years["ar"].iloc[0]),
    )


RULE_WORDS = {
    "eget kapital, tak": "tak för eget kapital",
    "eget kapital, golv": "golv för eget kapital",
    "andel administration": "högsta andel administration",
}


def rules_note(con: duckdb.DuckDBPyConnection, forbund: str) -> str:
    """Where the scenario's rules come from: each rule the förbund's documents (or those of the
    förbund it grew from) state, with its source; otherwise that the limits are the page's own."""
    rules = budget.scenario_rules(con, forbund)
    said = []
    for row in rules.itertuples(index=False):
        value = fmt.pct(row.varde, 0) if row.varde < 1 else fmt.kr(row.varde)
        said.append(f"{RULE_WORDS[row.styrtal]} {value} ({row.kalla})")
    missing = [RULE_WORDS[r] for r in budget.SCENARIO_RULES if r not in set(rules["styrtal"])]
    text = ("Reglerna i dokumenten: " + "; ".join(said) + ".") if said else ""
    if missing:
        text += (
            f" Förbundets dokument anger inte {_and(missing)}; förvalen (tak 20 %, golv 0 kr, "
            "administration högst 15 %) är sidans egna, inte förbundets."
        )
    return text.strip()


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " eller " + words[-1]


def kommun_table(kommuner: pd.DataFrame) -> pd.DataFrame:
    """The kommuner's quarter per year in kronor, written out, one row per kommun."""
    wide = kommuner.pivot_table(index="kommun", columns="ar", values="belopp").map(fmt.kr)
    wide.columns = [str(int(c)) for c in wide.columns]
    return wide.reset_index().rename(columns={"kommun": "Kommun"})


def kommun_html(kommuner: pd.DataFrame) -> str:
    """``kommun_table`` as a static table; a sentence when the kommuner cannot be split."""
    if kommuner.empty:
        return (
            "<p>Kommunernas fjärdedel kan inte delas per kommun: datan har ingen befolkning 20–64 år "
            "för förbundets medlemskommuner.</p>"
        )
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
    b = scenarios.base(con, a)
    added = pd.DataFrame(list(a.added) or [], columns=["Post", "Kategori", "Kostnad kr"])
    return b, line_levers(b, a), team_levers(b, a), added


def line_levers(b: Base, a: Assumptions) -> pd.DataFrame:
    """The cost lines as an editable table: change in % or in kr. ``post`` is the line as
    printed (the key the scenario keeps, not shown); ``Post`` names it on the page
    (``scenarios.line_names``). Closing a line is chosen apart (``with_edits``)."""
    costs = b.lines[b.lines["kategori"] != "intäkt"]
    names = scenarios.line_names(b)
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
    names = scenarios.line_names(b)
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
