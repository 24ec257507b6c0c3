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

from dashboard.domain import capacity, documents
from dashboard.exchange import fmt
from dashboard.store import sql
from dashboard.view import sources, tables

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


# A sign or word says what the colour says, for colour-blind readers and grey prints.
LEVEL_TEXT = {
    2: "▲▲ klart bättre",
    1: "▲ bättre",
    0: "● i nivå",
    -1: "▼ sämre",
    -2: "▼▼ klart sämre",
}


def _status_text(level: int, deviation: float, budget: float) -> str:
    if pd.isna(deviation) or pd.isna(budget):
        return "–"
    if budget == 0 and deviation != 0:
        return ("▲▲" if deviation > 0 else "▼▼") + " ej budgeterad"
    return LEVEL_TEXT[level]


def consumption_text(used: float, year_share: float, thresholds: Thresholds) -> str:
    """What the share of the budget used by a date says, against the share of the year."""
    if pd.isna(used):
        return "–"
    gap = used - year_share
    if gap <= -thresholds.high:
        return "▽ låg"
    if gap >= thresholds.high:
        return "△ hög"
    return "○ i takt"


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


def source_links(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> list[tuple[str, str | None]]:
    """Where the lines come from, each as (citation, link to its passage or None): the
    documents' sections, then the imports that changed them."""
    pairs = frame.loc[~frame["avsnitt"].map(documents.is_import), ["dokument", "avsnitt"]].drop_duplicates()
    cited = [
        (documents.citation(con, d, a, short=True), sources.link(d, a))
        for d, a in pairs.itertuples(index=False)
    ]
    imported = sorted({i for cell in frame["importer"].dropna() for i in cell.split(", ")})
    if imported:
        cited.append((f"{documents.IMPORTED}: " + ", ".join(imported), None))
    return cited


def source(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> str:
    """``source_links`` as one line of text (for exports and the pack)."""
    return "; ".join(text for text, _ in source_links(con, frame))


def board(
    con: duckdb.DuckDBPyConnection, forbund: str, ar: int, till: dt.date | None, low: float, high: float
) -> pd.DataFrame:
    """The board's table of a förbund and year (``board_table`` of ``lines``), for caching."""
    return board_table(lines(con, forbund, ar, till), Thresholds(low, high))


@dataclass(frozen=True)
class Answer:
    """One of the board's three questions answered in words: a figure with its sentence, or
    a notice where the documents cannot answer."""

    label: str = ""
    value: str = ""
    help: str | None = None
    caption: str = ""
    notice: str = ""


def answers(table: pd.DataFrame, ar: int) -> tuple[Answer | None, Answer | None, Answer | None]:
    """What has been spent so far, the year's result, and the result against budget."""
    measure = table.attrs["outcome_measure"]
    until = table.attrs["utfall_till"]
    result = table[table["radtyp"] == "resultat"].iloc[0]
    spent = None
    if until is not None:
        costs = table[(table["radtyp"] == "summa") & (table["grupp"].astype(str) != INTAKTER)]
        used, planned = costs["utfall"].sum(), costs["budget"].sum()
        year_gone = fmt.pct(table.attrs["share_of_year"], 0)
        spent = Answer(
            f"Kostnader t.o.m. {fmt.date(until)}",
            fmt.kr(-used),
            help=f"Utfall mot helårsbudget {fmt.kr(-planned)}.",
            caption=f"{fmt.pct(used / planned, 0)} av årets budget; {year_gone} av året har gått.",
        )
    if measure is None:
        return (
            spent,
            Answer(notice=f"För {ar} finns bara budget i dokumenten; utfall och prognos saknas."),
            None,
        )
    outcome = Answer(f"Resultat, {measure} {ar}", fmt.kr(result["utfall_ar"]))
    if pd.isna(result["budget"]):
        return (
            spent,
            outcome,
            Answer(notice=f"Dokumenten ger ingen budget för {ar}, så avvikelsen kan inte räknas."),
        )
    return (
        spent,
        Answer(outcome.label, outcome.value, caption=f"Budget {fmt.kr(result['budget'])}."),
        Answer(
            "Mot budget",
            fmt.signed_kr(result["avvikelse"]),
            help=f"{measure} minus budget",
            caption=f"{result['status']} för helåret.",
        ),
    )


@dataclass(frozen=True)
class BoardView:
    """What the page Budget och utfall shows of a förbund, year, utfall period and thresholds,
    made once per data version and shared by every session: read it, never change it."""

    table: pd.DataFrame  # board_table
    shown: pd.DataFrame  # display_table, rows numbered from 0
    html: str  # ``shown`` as one HTML table, coloured and bold (tables.board_html)
    source: str  # where the lines come from (``source``)
    source_links: list[tuple[str, str | None]]  # each source with its passage (``source_links``)
    missing: str  # a warning when lines lack utfall to the period, else ""
    answers: tuple[Answer | None, Answer | None, Answer | None]
    deviations: list[str]  # the largest deviations in Markdown, with their comments
    no_deviation: str  # why there are none, when there are none (``deviating_posts``)
    comments: str  # the other posts' comments as a Markdown list, "" when there are none
    ratios: list[Ratio]


def board_view(
    con: duckdb.DuckDBPyConnection, forbund: str, ar: int, till: dt.date | None, low: float, high: float
) -> BoardView:
    """The ``BoardView`` of a förbund and year, for ``ui.shared``."""
    frame = lines(con, forbund, ar, till)
    table = board_table(frame, Thresholds(low, high))
    shown = display_table(table, ar).reset_index(drop=True)
    until = table.attrs["utfall_till"]
    missing = int((frame["utfall"].isna() & frame["budget"].notna()).sum())
    styles = tables.board_css(shown, table)
    largest, no_deviation = deviating_posts(table, ar, 5)
    others = table[~table.index.isin(largest.index)]  # their comments are told beside them
    return BoardView(
        table=table,
        shown=shown,
        html=tables.board_html(shown, styles, money_columns(shown), share_columns(shown)),
        source=source(con, frame),
        source_links=source_links(con, frame),
        missing=(
            f"Utfall t.o.m. {fmt.date(until)} saknas för {missing} av {len(frame)} poster; de visas som "
            f"{fmt.MISSING} och räknas inte i summorna. En redaktör kan importera hela periodens utfall "
            "på sidan Data."
            if until is not None and missing
            else ""
        ),
        answers=answers(table, ar),
        no_deviation=no_deviation,
        deviations=[
            f"**{fmt.plain(post)}**: {fmt.signed_kr(deviation)} ({status})"
            + (f"  \n{fmt.plain(comment)}" if isinstance(comment, str) else "")
            for post, deviation, status, comment in largest[
                ["post", "avvikelse", "status", "kommentar"]
            ].itertuples(index=False)
        ],
        comments="\n".join(  # the table has no room for a paragraph per post
            f"- **{fmt.plain(post)}**: {fmt.plain(comment)}"
            for post, comment in others[["post", "kommentar"]].itertuples(index=False)
            if isinstance(comment, str) and comment.strip()
        ),
        ratios=ratios(con, forbund, ar, table),
    )


def board_table(frame: pd.DataFrame, thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """The board's table: lines by group, a sum per group, and the result.

    Columns: radtyp (post, summa, resultat), grupp, post, budget, utfall (to
    ``attrs["utfall_till"]``, delår only), utfall_andel (share of the budget used),
    utfall_ar (the year's outcome: prognos, bokslut or förväntat utfall, named in
    ``attrs["outcome_measure"]``), avvikelse (outcome minus budget), avvikelse_andel,
    niva (-2..2), status and forbrukning (texts with a sign), kommentar.
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
    out["status"] = [
        _status_text(n, d, b) for n, d, b in zip(out["niva"], out["avvikelse"], out["budget"], strict=True)
    ]
    is_result = out["radtyp"] == "resultat"
    # A share of a budgeted result (often a deficit) says nothing; the kronor do.
    out.loc[is_result, "avvikelse_andel"] = np.nan
    out["utfall_andel"] = (out["utfall"] / out["budget"].replace(0, np.nan)).where(~is_result)
    until = frame["utfall_till"].dropna()
    year_share = share_of_year(until.max().date()) if not until.empty else np.nan
    out["forbrukning"] = [
        consumption_text(u, year_share, thresholds) if not np.isnan(year_share) else "–"
        for u in out["utfall_andel"]
    ]
    out.attrs.update(
        outcome_measure=measure,
        share_of_year=year_share,
        utfall_till=until.max().date() if not until.empty else None,
    )
    return out.drop(columns=["rad"])


def largest_deviations(table: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The lines that deviate most from budget in kronor, either way, with their comments:
    only lines outside "i nivå" (a deviation below the smaller threshold is no deviation to
    the board), so the list may be shorter than ``n`` or empty."""
    posts = table[(table["radtyp"] == "post") & table["avvikelse"].notna() & (table["niva"] != 0)]
    return posts.reindex(posts["avvikelse"].abs().sort_values(ascending=False).index).head(n)


def deviating_posts(table: pd.DataFrame, ar: int, n: int | None = None) -> tuple[pd.DataFrame, str]:
    """The posts outside "i nivå", the largest first (at most ``n``), and, when there are
    none, why, in one sentence: the year has no outcome or no budget to compare, or every
    post is within the smaller threshold. The page, the pack and the wall all say it so."""
    measure = table.attrs.get("outcome_measure")
    posts = table[table["radtyp"] == "post"]
    if measure is None:
        return posts.iloc[0:0], (
            f"Avvikelser kan inte räknas för {ar}: dokumenten ger bara budget, ingen prognos "
            "eller bokslut att jämföra med."
        )
    if posts["budget"].isna().all():
        return posts.iloc[0:0], (
            f"Avvikelser kan inte räknas för {ar}: dokumenten ger ingen budget att jämföra {measure} med."
        )
    ranked = largest_deviations(table, len(table) if n is None else n)
    if ranked.empty:
        return ranked, (
            f"Ingen post avviker från budget: alla {len(posts)} poster ligger i nivå med budgeten "
            f"({measure} {ar} mot budget {ar})."
        )
    return ranked, ""


def column_labels(table: pd.DataFrame, ar: int) -> dict[str, str]:
    """Swedish column headings for the board's table, naming the period of each measure."""
    measure = table.attrs.get("outcome_measure") or "utfall"
    until = table.attrs.get("utfall_till")
    labels = {
        "post": "Post",
        "budget": f"Budget {ar}",
        "utfall_ar": f"{measure.capitalize()} {ar}",
        "avvikelse": "Avvikelse kr",
        "avvikelse_andel": "Avvikelse %",
        "status": "Mot budget",
        "mot_budget": "Mot budget",
        "kommentar": "Kommentar",
    }
    if until is not None:
        labels |= {
            "utfall": f"Utfall t.o.m. {fmt.date(until)}",
            "utfall_andel": "Förbrukat av budget",
            "forbrukning": "Förbrukning",
            "forbrukat": f"Förbrukat ({fmt.pct(table.attrs['share_of_year'], 0)} av året)",
        }
    return labels


def display_table(table: pd.DataFrame, ar: int, for_export: bool = False) -> pd.DataFrame:
    """The board's table with Swedish headings and only the columns the period has.

    On screen, the share used shares a column with its verdict ("39 % ▽ låg") and the
    deviation's level with its percentage ("▲▲ +16 %"), so that every figure fits a
    projector's width; an export keeps the shares as numbers and the verdicts as words.
    """
    labels = column_labels(table, ar)
    table = table.assign(
        forbrukat=[
            f"{fmt.pct(u, 0)} {f}" if pd.notna(u) else fmt.MISSING
            for u, f in zip(table["utfall_andel"], table["forbrukning"], strict=True)
        ],
        mot_budget=[
            f"{status.split(' ')[0]} {fmt.signed(a, fmt.pct(a, 0))}" if pd.notna(a) else status
            for status, a in zip(table["status"], table["avvikelse_andel"], strict=True)
        ],
    )
    if for_export:
        detail = ["utfall_andel", "forbrukning", "utfall_ar", "avvikelse", "avvikelse_andel", "status"]
    else:
        detail = ["forbrukat", "utfall_ar", "avvikelse", "mot_budget"]
    order = ["post", "budget", "utfall", *detail, "kommentar"]
    table = table.assign(kommentar=table["kommentar"].fillna(""))
    shown = table[[c for c in order if c in labels]].rename(columns=labels)
    shown.attrs = {}  # the period lives in the headings; Arrow cannot carry dates in attrs
    return shown


def period_label(table: pd.DataFrame, ar: int) -> str:
    """``januari–augusti 2025`` for a delår, ``helår 2025`` otherwise."""
    until = table.attrs.get("utfall_till")
    return f"januari–{fmt.month(until)} {ar}" if until else f"helår {ar}"


def money_columns(shown: pd.DataFrame) -> list[str]:
    """The columns of a display table that hold kronor."""
    return [
        c
        for c in shown.columns
        if c.startswith(("Budget", "Utfall", "Prognos", "Bokslut", "Förväntat", "Avvikelse kr"))
    ]


def share_columns(shown: pd.DataFrame) -> list[str]:
    """The columns of a display table that hold shares."""
    return [c for c in shown.columns if c in ("Förbrukat av budget", "Avvikelse %")]


MERGED = "Samordningsförbundet Västmanland"
COUNTY_SUM = "Länet: summa av de tre tidigare förbunden (beräknad)"
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


def county_sum(frame: pd.DataFrame) -> pd.DataFrame:
    """The three former förbund summed per year, for the years where all three have the
    figure; any other year would be a partial sum and is left out."""
    former = frame[frame["forbund"] != MERGED]
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


@dataclass(frozen=True)
class Ratio:
    """A ratio the board follows, with the document's own rule where there is one."""

    label: str
    value: float | None
    text: str
    rule: str
    verdict: str


def _rule_years(row: pd.Series) -> str:
    if pd.isna(row["till_ar"]):
        return f"från {int(row['fran_ar'])}"
    if row["till_ar"] == row["fran_ar"]:
        return str(int(row["fran_ar"]))
    return f"{int(row['fran_ar'])}–{int(row['till_ar'])}"


def _split(share: float) -> str:
    """A share and its complement the way the documents write a goal: ``60/40``."""
    return f"{fmt.number(share * 100)}/{fmt.number((1 - share) * 100)}"


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
    admin = group_sum(ADMINISTRATION) / costs if costs else None
    insats = costs - group_sum(ADMINISTRATION)
    individ = group_sum(INDIVIDINSATSER) / insats if insats else None
    basis = f"{measure} {ar}"
    out = [
        Ratio(f"Andel administration, {basis}", admin, fmt.pct(admin), "Inget mål angivet i dokumenten.", ""),
    ]
    goal = rules[rules["styrtal"] == "andel individinsatser"]
    if individ is not None:
        label = f"Andel individinsatser, {basis}"
        split = f"Individinsatser mot metod och struktur: {_split(individ)}."
        if goal.empty:
            out.append(
                Ratio(label, individ, fmt.pct(individ), f"{split} Inget mål angivet i dokumenten.", "")
            )
        else:
            g = goal.iloc[0]
            verdict = (
                "● vid målet"
                if abs(individ - g["varde"]) < 0.05
                else (
                    "▲ mer till individinsatser än målet"
                    if individ > g["varde"]
                    else "▼ mindre till individinsatser än målet"
                )
            )
            out.append(
                Ratio(
                    label,
                    individ,
                    fmt.pct(individ),
                    f"{split} Mål {_rule_years(g)}: {_split(g['varde'])}. ”{g['text']}” ({g['kalla']})",
                    verdict,
                )
            )
    equity = sql.query(con, "equity", forbund=forbund, ar=ar)
    if not equity.empty:
        value = float(equity.iloc[0]["belopp"])
        when = fmt.date(equity.iloc[0]["period_slut"].date())
        cap = rules[rules["styrtal"] == "eget kapital, tak"]
        floor = rules[rules["styrtal"] == "eget kapital, golv"]
        rule_texts, verdicts = [], []
        if not cap.empty and income:
            c = cap.iloc[0]
            limit = c["varde"] * income
            rule_texts.append(
                f"Tak {_rule_years(c)}: {fmt.pct(c['varde'], 0)} av {c['enhet'].removeprefix('andel av ')}"
                f" = {fmt.kr(limit)} ({c['kalla']})"
            )
            verdicts.append("▼ över taket" if value > limit else "● under taket")
        if not floor.empty:
            f = floor.iloc[0]
            rule_texts.append(f"Golv {_rule_years(f)}: {fmt.kr(f['varde'])} ({f['kalla']})")
            verdicts.append("▼ under golvet" if value < f["varde"] else "● över golvet")
        out.append(
            Ratio(
                f"Eget kapital per {when}",
                value,
                fmt.kr(value),
                " ".join(rule_texts) or "Dokumenten anger inget tak eller golv för förbundets eget kapital.",
                ", ".join(verdicts),
            )
        )
    return out


def insats_choices(con: duckdb.DuckDBPyConnection, forbund: str) -> dict[str, str]:
    """The insatser behind the förbund's budget lines, each once under its one name
    (``{insats_id: name}``, in the order their lines are first printed): 001 prints
    "Samordningsteamet FNS" where 004 prints "Samordningsteam FNS", one insats."""
    rows = capacity.insats_of_posts(con, forbund).dropna(subset=["insats"])
    return dict(zip(rows["insats_id"], rows["insats"], strict=True))


def insats_history_view(con: duckdb.DuckDBPyConnection, insats_id: str) -> str:
    """``insats_history_table`` of an insats as a static table, its documents named by
    title, for ``ui.shared``."""
    frame = insats_history(con, insats_id)
    titles = {d: documents.title(con, d) for d in set(", ".join(frame["dokument"]).split(", ")) if d}
    shown = insats_history_table(frame).assign(
        Källa=["; ".join(titles[d] for d in cell.split(", ")) for cell in frame["dokument"]]
    )
    return tables.html_table(shown, ["År", "Budget", "Bokslut eller prognos"])


def insats_history_table(frame: pd.DataFrame) -> pd.DataFrame:
    """An insats's years as the board reads them: who financed it, budget and outcome."""
    return pd.DataFrame(
        {
            "År": frame["ar"],
            "Förbund": frame["forbund"],
            "Post": frame["post"],
            "Budget": [fmt.kr(-v) if pd.notna(v) else fmt.MISSING for v in frame["budget"]],
            "Bokslut eller prognos": [
                fmt.kr(-v) if pd.notna(v) else fmt.MISSING
                for v in frame["bokslut"]
                .combine_first(frame["prognos"])
                .combine_first(frame["forvantat_utfall"])
            ],
            "Mått": [
                "bokslut"
                if pd.notna(b)
                else "prognos"
                if pd.notna(p)
                else "förväntat utfall"
                if pd.notna(f)
                else "–"
                for b, p, f in zip(frame["bokslut"], frame["prognos"], frame["forvantat_utfall"], strict=True)
            ],
        }
    )
