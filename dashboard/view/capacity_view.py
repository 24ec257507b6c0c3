"""Teamkapacitet as the page and the pack show it, written from the domain's numbers.

Teamkapacitet as the page and the pack show it: Swedish tables, sentences and HTML made from
``dashboard.domain.capacity``'s numbers, and the page's bundles shared by every session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.domain import capacity, county, disclosure, documents, registrations, registrations_county
from dashboard.exchange import fmt
from dashboard.store import sql
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


# ------------------------------------------------------------------ registrations (issue 27)

REGISTRATION_RULES = (
    "Aktiva: vid månadens slut, det vill säga började senast månadens sista dag och hade inte avslutat "
    "då. Platser: planerade platser enligt senaste plan. Började och avslutade: start- eller slutdatum "
    "under månaden; till arbete, studier: avslutade med arbete eller studier som orsak (andelen inom "
    "parentes). Median dagar: i insatsen, för dem som avslutade, från start till slut med båda dagarna "
    "räknade. Beläggning: aktiva mot platserna (ett spann när planen är ett spann). "
    "Antal 1–4 visas som <5; där summor, månaden före och andra celler skulle avslöja ett sådant antal "
    "döljs ett till (”dolt”). Andelar och medianer av färre än 5 personer visas inte, som SCB och "
    "Socialstyrelsen publicerar."
)


SHORT_RULE = (
    "<5: 1–4 deltagare. ”dolt”: döljs så att ett litet antal inte kan räknas fram ur summor och månaden före."
)


@dataclass(frozen=True)
class RegistrationView:
    """Teamkapacitet from the teams' registrations for a year, protected for viewers: made
    once per data version and shared by every session (read it, never change it)."""

    missing: str  # what the page says when the year has no registrations; "" otherwise
    month_text: str  # the month the table shows ("november 2026"), or "den senaste månaden"
    latest_html: str  # per team: the latest whole month of the year
    printed: list[str]  # the documents' printed counts beside the registrations', in Markdown
    residents_html: str  # participants per kommun of residence and team ("" if none)
    source: str  # the imports the figures come from
    chart: pd.DataFrame  # per team and month: namn, manad_slut, aktiva, dold, platser_min, platser_max
    teams: list[str]  # the teams in the chart, in order


def _occupancy_text(active: float, hidden: bool, low: float, high: float) -> str:
    share = None if hidden else registrations.occupancy(active, low, high)
    if share is None:
        return fmt.MISSING
    if round(share.low * 100) == round(share.high * 100):
        return fmt.pct(share.low, 0)
    return f"{fmt.number(share.low * 100)}–{fmt.pct(share.high, 0)}"


def _latest_table(
    latest: pd.DataFrame, mask: pd.DataFrame, names: dict, places: pd.DataFrame
) -> pd.DataFrame:
    rows = latest.merge(places, on="insats_id", how="left")
    out = []
    for i, r in rows.iterrows():
        hide = mask.loc[i]
        shown_share = (
            not hide["avslutade"] and not hide["till_arbete_studier"] and disclosure.enough(r["avslutade"])
        )
        work = fmt.count(r["till_arbete_studier"], hide["till_arbete_studier"])
        if shown_share:
            work += f" ({fmt.pct(r['till_arbete_studier'] / r['avslutade'], 0)})"
        out.append(
            {
                "Insats": names.get(r["insats_id"], r["insats_id"]),
                "Månad": fmt.month_year(r["manad_slut"]),
                "Aktiva": fmt.count(r["aktiva"], hide["aktiva"]),
                "Platser": range_text(r["platser_min"], r["platser_max"]),
                "Beläggning": _occupancy_text(
                    r["aktiva"], hide["aktiva"], r["platser_min"], r["platser_max"]
                ),
                "Började": fmt.count(r["startade"], hide["startade"]),
                "Avslutade": fmt.count(r["avslutade"], hide["avslutade"]),
                "Till arbete, studier": work,
                "Median dagar": fmt.number(r["median_dagar"])
                if not hide["avslutade"] and disclosure.enough(r["avslutade"])
                else fmt.MISSING,
                "_fet": False,
            }
        )
    table = pd.DataFrame(out)
    total = mask.attrs.get("total") or {}
    if total and latest["manad_slut"].nunique() == 1:
        sums = latest[["aktiva", "startade", "avslutade", "till_arbete_studier"]].sum()
        low, high = rows["platser_min"].sum(min_count=1), rows["platser_max"].sum(min_count=1)
        all_places = rows["platser_min"].notna().all()
        table.loc[len(table)] = {
            "Insats": "Alla team",
            "Månad": table["Månad"].iloc[0],
            "Aktiva": fmt.count(sums["aktiva"], total["aktiva"]),
            "Platser": range_text(low, high) if all_places else fmt.MISSING,
            "Beläggning": _occupancy_text(sums["aktiva"], total["aktiva"], low, high)
            if all_places
            else fmt.MISSING,
            "Började": fmt.count(sums["startade"], total["startade"]),
            "Avslutade": fmt.count(sums["avslutade"], total["avslutade"]),
            "Till arbete, studier": fmt.count(sums["till_arbete_studier"], total["till_arbete_studier"]),
            "Median dagar": fmt.MISSING,
            "_fet": True,
        }
    return table


LATEST_FIGURES = [
    "Aktiva",
    "Platser",
    "Beläggning",
    "Började",
    "Avslutade",
    "Median dagar",
]


def _printed_beside(
    con: duckdb.DuckDBPyConnection, ar: int, forbund: tuple[str, ...], names: dict[str, str]
) -> list[str]:
    """The documents' printed participants of the year beside what the registrations give for
    the same förbund and period (where they cover all of it), and any difference named."""
    printed = capacity.participants(con)
    printed = printed[
        printed["forbund"].isin(forbund) & (printed["ar"] == ar) & (printed["enhet"] == "personer")
    ]
    out = []
    words = {"deltagare": "deltagare", "nya": "nya", "avslutade": "avslutade"}  # in this order
    for (owner, omfattning, period), group in printed.groupby(
        ["forbund", "omfattning", "period"], sort=False
    ):
        start, _, end = period.partition("..")
        fran, till = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        counts = registrations.covered(registrations.period_counts(con, owner, fran, till), fran, till)
        if counts.empty:
            continue
        parts = []
        printed_counts = dict(zip(group["matt"], group["varde"], strict=True))
        for matt in words:
            if matt not in printed_counts:
                continue
            value = printed_counts[matt]
            # people, as the documents count them (a restart in the same insats is one person)
            got = int(counts["personer" if matt == "deltagare" else matt].sum())
            hidden = bool(disclosure.small([got])[0])
            diff = (
                ""
                if hidden or got == value
                else f", skillnad {fmt.signed(got - value, fmt.number(got - value))}"
            )
            parts.append(
                f"{fmt.number(value)} {words[matt]} tryckt, {fmt.count(got, hidden)} registrerade{diff}"
            )
        if parts:
            teams = ", ".join(sorted(names.get(i, i) for i in counts["insats_id"]))
            out.append(
                f"**{fmt.period(period)}, {fmt.plain(_scope(omfattning))}:** " + "; ".join(parts) + ". "
                f"Registreringarna gäller {fmt.plain(teams)}"
                + ("" if len(counts) > 1 else " (en insats)")
                + "; där dokumentet räknar fler team blir skillnaden deras."
            )
    return out


RESIDENT_TEAMS = 5  # teams per table of participants per kommun


def _residents_table(
    con: duckdb.DuckDBPyConnection, ar: int, forbund: tuple[str, ...], names: dict[str, str]
) -> str:
    """Participants of the year per kommun of the län and team of ``forbund``, and the teams'
    sums over the län, as the län's whole grid protects them (``resident_grid``: the same
    cells Länsjämförelse adds up per kommun, hidden alike)."""
    lans = {county.lan_of(con, f) for f in forbund} - {None}
    if len(lans) != 1:
        return ""
    grid = registrations_county.resident_grid(con, lans.pop(), ar)
    teams = [c for c in grid.counts.columns if c != registrations_county.TOTAL and c[0] in forbund]
    if not teams:
        return ""
    counts, hidden = grid.counts[teams], grid.hidden[teams]
    places = [k for k in counts.index if k != registrations_county.TOTAL and counts.loc[k].sum() > 0]
    kommun = dict(con.execute("SELECT kommunkod, kommun FROM kommuner").fetchall())
    labels = [names.get(i, i) for _, i in teams]
    labels = [  # a team's förbund where two teams of the table have one name
        f"{label} ({owner})" if labels.count(label) > 1 else label
        for label, (owner, _) in zip(labels, teams, strict=True)
    ]
    rows = [*places, registrations_county.TOTAL]
    shown = pd.DataFrame(
        {
            label: [fmt.count(counts.at[k, team], bool(hidden.at[k, team])) for k in rows]
            for label, team in zip(labels, teams, strict=True)
        }
    )
    shown.insert(0, "Kommun", [kommun.get(k, k) for k in places] + ["Totalt i länet"])
    shown["_fet"] = [False] * len(places) + [True]
    # At most RESIDENT_TEAMS teams a table, so that every column is whole at 1280 px; the team's
    # name may wrap in its heading. (What is hidden was decided on the whole grid.)
    parts = [labels[i : i + RESIDENT_TEAMS] for i in range(0, len(labels), RESIDENT_TEAMS)]
    return "".join(
        tables.html_table(
            shown[["Kommun", *part, "_fet"]],
            right=part,
            bold="_fet",
            table_id="team-kommuner" if i == 0 else f"team-kommuner-{i + 1}",
        )
        for i, part in enumerate(parts)
    )


def _month_view(
    latest: pd.DataFrame, names: dict[str, str], places: pd.DataFrame
) -> tuple[pd.DataFrame, str, pd.DataFrame]:
    """Each team's month (``registrations.month_of``) as a viewer sees it: the table, the month
    it shows ("november 2026", said above the table when it is one for every team) and which
    counts are hidden (``registrations.flow_mask``)."""
    mask = registrations.flow_mask(latest)
    table = _latest_table(latest, mask, names, places)
    if latest["manad_slut"].nunique() != 1:
        return table, "den senaste hela månaden per team", mask
    return table.drop(columns="Månad"), fmt.month_year(latest["manad_slut"].iloc[0]), mask


def registration_view(
    con: duckdb.DuckDBPyConnection,
    ar: int,
    forbund: tuple[str, ...] | None,
    residents_of: tuple[str, ...] | None = None,
) -> RegistrationView:
    """The ``RegistrationView`` of a year for the teams of ``forbund`` (participants per kommun
    for the teams of ``residents_of``, the förbund shown, when given)."""
    every = (
        forbund
        if forbund is not None
        else tuple(f for (f,) in con.execute("SELECT forbund FROM forbund").fetchall())
    )
    months = registrations.months(con, every)
    empty = pd.DataFrame(columns=["namn", "manad_slut", "aktiva", "dold", "platser_min", "platser_max"])
    if months.empty:
        return RegistrationView(
            "Datan har inga registreringar av deltagare ännu. En redaktör importerar teamens anonyma listor "
            "(insats, kön, ålder, kommun, start, slut och avslut) under Deltagarnas registreringar "
            "på sidan Data.",
            "", "", [], "", "", empty, [],
        )  # fmt: skip
    of_year = months[[d.year == ar for d in months["manad_slut"]]]
    if of_year.empty:
        first, last = months["manad_slut"].min(), months["manad_slut"].max()
        return RegistrationView(
            f"Registreringarna täcker {fmt.month_year(first)}–{fmt.month_year(last)}, inte {ar}.",
            "", "", [], "", "", empty, [],
        )  # fmt: skip
    names = capacity.insats_names(con)
    latest = registrations.month_of(
        months[months["insats_id"].isin(of_year["insats_id"])], dt.date(ar, 12, 31)
    )
    places = capacity.latest_places(con, ar)
    table, month_text, mask = _month_view(latest, names, places)
    # The chart: each team's months of the year; a count the table hides is hidden there too.
    chart = of_year.merge(places, on="insats_id", how="left")
    hidden_latest = {
        (i, m) for i, m, h in zip(latest["insats_id"], latest["manad_slut"], mask["aktiva"], strict=True) if h
    }
    chart = chart.assign(
        namn=[names.get(i, i) for i in chart["insats_id"]],
        dold=[
            bool(s) or (i, m) in hidden_latest
            for s, i, m in zip(
                disclosure.small(chart["aktiva"]), chart["insats_id"], chart["manad_slut"], strict=True
            )
        ],
    )[["namn", "manad_slut", "aktiva", "dold", "platser_min", "platser_max"]]
    return RegistrationView(
        missing="",
        month_text=month_text,
        latest_html=tables.html_table(
            table,
            LATEST_FIGURES,
            right=["Till arbete, studier"],  # "12 (40 %)" may wrap
            bold="_fet",
            table_id="team-registreringar",
        ),
        printed=_printed_beside(con, ar, every, names),
        residents_html=_residents_table(con, ar, residents_of or every, names),
        source=registration_source(con, every),
        chart=chart.reset_index(drop=True),
        teams=list(dict.fromkeys(chart["namn"])),
    )


def registration_source(con: duckdb.DuckDBPyConnection, forbund: tuple[str, ...] | str) -> str:
    """Where figures made of the registrations come from, as a person finds them: the teams'
    lists imported on the page Data, by import number, period and day (never a file name)."""
    rows = sql.query(
        con, "registration_sources", forbund=[forbund] if isinstance(forbund, str) else list(forbund)
    )
    if rows.empty:
        return ""
    each = [
        f"import {int(i)}, {fmt.date(a)}–{fmt.date(b)}, importerad {fmt.date(t.date())}"
        for i, a, b, t in zip(
            rows["import_id"], rows["period_fran"], rows["period_till"], rows["importerad"], strict=True
        )
    ]
    return "teamens registreringar av deltagare, i importloggen på sidan Data (" + "; ".join(each) + ")"


@dataclass(frozen=True)
class MonthTable:
    """Occupancy per team at the end of a month, protected, for the wall and the pack."""

    table: pd.DataFrame | None  # None when the förbund has no registrations for the month
    month: str  # "november 2026"
    source: str
    missing: str


def occupancy_at(con: duckdb.DuckDBPyConnection, forbund: str, period_end: dt.date) -> MonthTable:
    """Per team of the förbund, the latest whole month ending on or before ``period_end``."""
    months = registrations.months(con, (forbund,))
    months = months[months["manad_slut"] <= period_end]
    if months.empty:
        return MonthTable(
            None,
            "",
            "",
            f"Datan har inga registreringar av deltagare för {forbund} till och med {fmt.date(period_end)}. "
            "En redaktör importerar teamens listor på sidan Data (Deltagarnas registreringar).",
        )
    latest = registrations.month_of(months, period_end)
    places = capacity.latest_places(con, period_end.year)
    table, month, _ = _month_view(latest, capacity.insats_names(con), places)
    columns = [c for c in table.columns if c not in ("Median dagar", "_fet")]
    return MonthTable(table[columns], month, registration_source(con, forbund), "")
