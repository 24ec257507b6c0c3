"""Teamkapacitet as the page and the pack show it, written from the domain's numbers.

Teamkapacitet as the page and the pack show it: Swedish tables, sentences and HTML made from
``dashboard.domain.capacity``'s numbers, and the page's bundles shared by every session.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.domain import capacity, documents
from dashboard.exchange import fmt
from dashboard.view import tables


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

    def team_fte(row: pd.Series) -> str:
        if pd.isna(row["fte"]):
            return "saknas"
        text = fmt.fte(row["fte"])
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
            "FTE": [team_fte(r) for _, r in plans.iterrows()],
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


# The board's answer (what each team has, takes and costs) and the detail under it.
ANSWER_COLUMNS = ["Insats", "FTE", "Platser (tryckt)", "Budget", "Kostnad per plats"]
DETAIL_COLUMNS = [
    "Insats",
    "Kommuner",
    "Deltagare per FTE",
    "Kostnad per FTE",
    "Medlemmens egen finansiering",
]
_FIGURES = ("FTE", "Deltagare per FTE", "Budget", "Kostnad per plats", "Kostnad per FTE")
_WHOLE = ("Deltagare per FTE", "Budget", "Kostnad per plats", "Kostnad per FTE")


def team_html(table: pd.DataFrame, columns: list[str], table_id: str) -> str:
    """Columns of ``team_table`` as a static table, one heading row per förbund."""
    frame = table.sort_values("Förbund", kind="stable")[[*columns, "Förbund"]]
    return tables.html_table(
        frame,
        [c for c in columns if c in _WHOLE],
        right=[c for c in columns if c in _FIGURES],
        group="Förbund",
        table_id=table_id,
    )


_SOURCE_ORDER = ["bemanning", "platser", "budget"]


def team_sources(con: duckdb.DuckDBPyConnection, ar: int, forbund: tuple[str, ...] | None = None) -> str:
    """Where the year's staffing, places and budget on the page come from, in words."""
    rows = capacity.team_source_rows(con, ar, forbund)
    parts = [
        f"{what}: {capacity.sources_text(con, rows[rows['vad'] == what])}"
        for what in _SOURCE_ORDER
        if (rows["vad"] == what).any()
    ]
    return ("Källor – " + "; ".join(parts) + ".") if parts else ""


def plan_assumption(team: pd.Series) -> str:
    """What ``capacity.plan`` assumes, in words: the team's printed ratio of places per FTE."""
    low, high = team["deltagare_per_fte_min"], team["deltagare_per_fte_max"]
    return (
        f"Antagande: {range_text(low, high, decimals=1)} deltagare per årsarbetare, som i teamets "
        f"tryckta plan {int(team['platser_ar'])} "
        f"({team['platser_text']} på {fmt.number(team['fte'], 1)} FTE)."
    )


def utilisation_note(plans: pd.DataFrame, printed: pd.DataFrame) -> str:
    """What the printed participants say against the planned places, and why no share is
    computed: one counts people over a period, the other places at a time."""
    with_places = plans.dropna(subset=["platser_min"])
    with_places = with_places[with_places["insats_id"].str.startswith("samordningsteam")]
    counted = printed[printed["matt"] == "deltagare"]
    if with_places.empty or counted.empty:
        return "Tryckta deltagare och planerade platser finns inte för samma team och period."
    latest = counted.iloc[0]
    planned = range_text(with_places["platser_min"].sum(), with_places["platser_max"].sum())
    return (
        f"Jämförelse: {latest['varde_text']} under {fmt.period(latest['period'])} "
        f"({_scope(latest['omfattning'])}), mot {planned} planerade samtidiga platser i "
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


STAFFING_COLUMNS = ["Roll", "Arbetsgivare", "FTE", "Anmärkning"]


def staffing_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The staffing rows as printed, in Swedish: a role without printed time says so. A
    remark printed for several roles of a team (004: "4 x 0,4 personal från …") stands once,
    at the first of them."""
    remarks = rows["anmarkning"]
    repeated = remarks.eq(remarks.shift()) & rows["namn"].eq(rows["namn"].shift())
    return pd.DataFrame(
        {
            "Insats": [f"{n} (plan för {int(a)})" for n, a in zip(rows["namn"], rows["ar"], strict=True)],
            "Roll": rows["roll"],
            "Arbetsgivare": rows["arbetsgivare"],
            "FTE": [fmt.fte(v) if pd.notna(v) else "ej angiven" for v in rows["fte"]],
            "Anmärkning": remarks.where(~repeated).fillna(""),
        }
    )


@dataclass(frozen=True)
class TeamView:
    """What the page Teamkapacitet shows of a year, made once per data version and shared by
    every session: read it, never change it."""

    plans: pd.DataFrame  # teams
    overview: pa.Table  # team_table
    answer_html: str  # team_html of ANSWER_COLUMNS: the board's answer
    detail_html: str  # team_html of DETAIL_COLUMNS
    sources: str  # team_sources
    without_staffing: list[str]  # teams whose documents print no staffing
    remarks: list[str]  # place_remarks
    has_staffing: bool  # any staffing printed for the year's teams
    staffing_html: str  # staffing_table, one heading row per insats; "" if none
    staffing_sources: str  # where the staffing rows come from
    roles: dict[str, list[tuple[str, str, float]]]  # per team: (roll, arbetsgivare, fte) with a printed FTE
    plannable: pd.DataFrame  # teams with printed staffing and places, by insats_id


def team_view(con: duckdb.DuckDBPyConnection, ar: int, forbund: tuple[str, ...] | None = None) -> TeamView:
    """The ``TeamView`` of a year (of the förbund ``forbund`` when given), for ``ui.shared``."""
    plans = capacity.teams(con, ar, forbund)
    table = team_table(plans)
    staff = capacity.staffing(con, ar, forbund)
    known = staff[staff["fte"].notna()]
    return TeamView(
        plans=plans,
        overview=tables.arrow(table),
        answer_html=team_html(table, ANSWER_COLUMNS, "team-svar"),
        detail_html=team_html(table, DETAIL_COLUMNS, "team-detalj"),
        sources=team_sources(con, ar, forbund),
        without_staffing=plans.loc[plans["fte"].isna(), "namn"].tolist(),
        remarks=place_remarks(plans),
        has_staffing=not staff.empty,
        staffing_html=tables.html_table(
            staffing_table(staff), ["FTE"], group="Insats", table_id="team-bemanning"
        )
        if not staff.empty
        else "",
        staffing_sources=("Källa: " + capacity.sources_text(con, staff) + ".") if not staff.empty else "",
        roles={
            team: list(zip(rows["roll"], rows["arbetsgivare"], rows["fte"].astype(float), strict=True))
            for team, rows in known.groupby("insats_id", sort=False)
        },
        plannable=plans.dropna(subset=["fte", "platser_min"]).set_index("insats_id"),
    )


def _scope(omfattning: str) -> str:
    """``de sex individinsatserna`` of ``De sex individinsatserna: Samordningsteam FNS, …``."""
    head = omfattning.split(":")[0]
    return head[:1].lower() + head[1:]


def participants_headline(rows: pd.DataFrame) -> list[str]:
    """One sentence per group the documents print counts for, in Markdown: the answer
    before the table."""
    out = []
    for (omfattning, period), group in rows.groupby(["omfattning", "period"], sort=False):
        counts = {
            m: v
            for m, v, e in zip(group["matt"], group["varde"], group["enhet"], strict=True)
            if e == "personer"
        }
        if "deltagare" not in counts:
            continue
        scope = fmt.plain(_scope(omfattning))  # the documents' words, shown as written
        text = f"**{fmt.period(period)}:** {fmt.number(counts['deltagare'])} deltagare i {scope}"
        if "nya" in counts:
            text += f", varav {fmt.number(counts['nya'])} nya"
        if "avslutade" in counts:
            text += f"; {fmt.number(counts['avslutade'])} har avslutat"
        out.append(text + ".")
    return out


def participants_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The year's printed participants in Swedish: the measure, its value, the printed words."""
    return pd.DataFrame(
        {
            "Gäller": [
                f"{o} ({fmt.period(p)})" for o, p in zip(rows["omfattning"], rows["period"], strict=True)
            ],
            "Mått": [m[:1].upper() + m[1:] for m in rows["matt"]],
            "Antal eller andel": [
                fmt.pct(v, 0) if e == "andel" else fmt.number(v)
                for v, e in zip(rows["varde"], rows["enhet"], strict=True)
            ],
            "Som tryckt": rows["varde_text"],
        }
    )


@dataclass(frozen=True)
class ParticipantsView:
    """Participants and outcomes of the chosen year on the page Teamkapacitet, for ``ui.shared``."""

    ar: int
    printed_years: list[int]  # every year the documents print participants for
    headline: list[str]  # participants_headline
    html: str  # participants_table as a static table; "" when nothing is printed for the year
    sources: str  # where the year's rows come from
    missing: str  # what the page says when nothing is printed for the year; "" otherwise
    utilisation: str  # utilisation_note of the year; "" when nothing is printed for the year


def _years_text(years: list[int]) -> str:
    words = [str(y) for y in years]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " och " + words[-1]


def participants_view(
    con: duckdb.DuckDBPyConnection, ar: int, forbund: tuple[str, ...] | None = None
) -> ParticipantsView:
    """The ``ParticipantsView`` of a year (of the förbund ``forbund`` when given)."""
    printed = capacity.participants(con)
    if forbund is not None:
        printed = printed[printed["forbund"].isin(forbund)]
    years = sorted({int(y) for y in printed["ar"]})
    rows = capacity.participants_of_year(printed, ar)
    if rows.empty:
        where = f" Tryckta deltagare finns för {_years_text(years)}." if years else ""
        return ParticipantsView(
            ar, years, [], "", "", f"Dokumenten trycker inga deltagare eller resultat för {ar}.{where}", ""
        )
    return ParticipantsView(
        ar=ar,
        printed_years=years,
        headline=participants_headline(rows),
        html=tables.html_table(
            participants_table(rows), ["Antal eller andel"], group="Gäller", table_id="team-deltagare"
        ),
        sources="Källa: " + capacity.sources_text(con, rows) + ".",
        missing="",
        utilisation=utilisation_note(capacity.teams(con, ar, forbund), rows),
    )


def questions_html(con: duckdb.DuckDBPyConnection, group: str, forbund: tuple[str, ...] | None = None) -> str:
    """``questions`` of a respondent group as a static table (the text in full), for ``ui.shared``."""
    rows = capacity.survey(con, group, forbund)
    return tables.html_table(questions(rows), ["Fråga"], table_id="team-fragor")


def survey_years(con: duckdb.DuckDBPyConnection, group: str, forbund: tuple[str, ...] | None = None) -> str:
    """The survey's years as the chart's box names them: "2020 mot 2021"."""
    return " mot ".join(str(y) for y in sorted({int(y) for y in capacity.survey(con, group, forbund)["ar"]}))


def survey_caption(con: duckdb.DuckDBPyConnection, group: str, forbund: tuple[str, ...] | None = None) -> str:
    """The survey's source as its rows name it, the years, and how the shares were read where
    they come from the shipped documents' charts."""
    rows = capacity.survey(con, group, forbund)
    years = sorted({int(y) for y in rows["ar"]})
    cited = dict.fromkeys(k.split(" – ")[0] for k in rows["kalla"])  # a section's part, not each question
    text = f"Källa: {'; '.join(cited)}, enkäterna {_years_text(years)}."
    if any(documents.has_text(d) for d in set(rows["dokument"])):
        text += (
            " Andelarna är avlästa ur rapportens diagram; där ett diagram visar färre svarsalternativ "
            "än skalan har antas de saknade vara skalans lägsta."
        )
    return text
