"""Budget och utfall as a person sees it: the board's table, answers, deviations and ratios in Swedish."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import budget, documents
from dashboard.exchange import fmt
from dashboard.view import sources, tables

# A sign or word says what the colour says, for colour-blind readers and grey prints.
LEVEL_TEXT = {
    2: "▲▲ klart bättre",
    1: "▲ bättre",
    0: "● i nivå",
    -1: "▼ sämre",
    -2: "▼▼ klart sämre",
}
# The share of the budget used against the share of the year gone (``budget.consumption_level``).
CONSUMPTION_TEXT = {-1: "▽ låg", 0: "○ i takt", 1: "△ hög"}


def status_text(level: int, deviation: float, budget_: float) -> str:
    """A deviation's level in a sign and words (``budget.deviation_level``), or why there is none."""
    if pd.isna(deviation) or pd.isna(budget_):
        return "–"
    if budget_ == 0 and deviation != 0:
        return ("▲▲" if deviation > 0 else "▼▼") + " ej budgeterad"
    return LEVEL_TEXT[int(level)]


def consumption_text(level: float) -> str:
    """What the share of the budget used by a date says (``budget.consumption_level``)."""
    return "–" if pd.isna(level) else CONSUMPTION_TEXT[int(level)]


def with_words(table: pd.DataFrame) -> pd.DataFrame:
    """A ``budget.board_table`` with its levels in words: status (against budget) and
    forbrukning (the share used against the share of the year)."""
    return table.assign(
        status=[
            status_text(n, d, b)
            for n, d, b in zip(table["niva"], table["avvikelse"], table["budget"], strict=True)
        ],
        forbrukning=[consumption_text(level) for level in table["forbrukning_niva"]],
    )


def board_table(frame: pd.DataFrame, thresholds: budget.Thresholds | None = None) -> pd.DataFrame:
    """``budget.board_table`` of the lines (default thresholds: ``budget.Thresholds()``), with
    its levels in words (``with_words``)."""
    return with_words(budget.board_table(frame, thresholds or budget.Thresholds()))


def source_links(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> list[tuple[str, str | None]]:
    """Where the lines come from, each as (citation, link to its passage or None): the
    documents' sections, then the imports that changed them."""
    return [
        (text, sources.link(d, a) if d is not None else None) for text, d, a in budget.citations(con, frame)
    ]


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
    """What has been spent so far, the year's result, and the result against budget
    (``budget.answers`` in words)."""
    a = budget.answers(table)
    spent = None
    if a.until is not None:
        used, year_gone = fmt.pct(a.costs_used / a.costs_budget, 0), fmt.pct(a.share_of_year, 0)
        spent = Answer(
            f"Kostnader t.o.m. {fmt.date(a.until)}",
            fmt.kr(-a.costs_used),
            help=f"Utfall mot helårsbudget {fmt.kr(-a.costs_budget)}.",
            caption=f"{used} av årets budget; {year_gone} av året har gått.",
        )
    if a.measure is None:
        return (
            spent,
            Answer(notice=f"För {ar} finns bara budget i dokumenten; utfall och prognos saknas."),
            None,
        )
    outcome = Answer(f"Resultat, {a.measure} {ar}", fmt.kr(a.result))
    if pd.isna(a.result_budget):
        return (
            spent,
            outcome,
            Answer(notice=f"Dokumenten ger ingen budget för {ar}, så avvikelsen kan inte räknas."),
        )
    return (
        spent,
        Answer(outcome.label, outcome.value, caption=f"Budget {fmt.kr(a.result_budget)}."),
        Answer(
            "Mot budget",
            fmt.signed_kr(a.deviation),
            help=f"{a.measure} minus budget",
            caption=f"{status_text(a.level, a.deviation, a.result_budget)} för helåret.",
        ),
    )


def deviating_posts(table: pd.DataFrame, ar: int, n: int | None = None) -> tuple[pd.DataFrame, str]:
    """The posts outside "i nivå", the largest first (at most ``n``), and, when there are
    none, why, in one sentence: the year has no outcome or no budget to compare, or every
    post is within the smaller threshold. The page, the pack and the wall all say it so.
    The posts carry their ``status`` and ``forbrukning`` in words (``with_words``)."""
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
    ranked = budget.largest_deviations(with_words(table), len(table) if n is None else n)
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
    table = with_words(table)
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


@dataclass(frozen=True)
class RatioText:
    """A ratio the board follows in words, with the document's own rule where there is one."""

    label: str
    value: float | None
    text: str
    rule: str
    verdict: str


def _rule_years(rule: budget.Rule) -> str:
    if rule.to_year is None:
        return f"från {rule.from_year}"
    if rule.to_year == rule.from_year:
        return str(rule.from_year)
    return f"{rule.from_year}–{rule.to_year}"


def _split(share: float) -> str:
    """A share and its complement the way the documents write a goal: ``60/40``."""
    return f"{fmt.number(share * 100)}/{fmt.number((1 - share) * 100)}"


def ratio_text(ratio: budget.Ratio) -> RatioText:
    """A ratio (``budget.ratios``) as the page Budget och utfall shows it."""
    if ratio.kind == budget.EGET_KAPITAL:
        rule_texts, verdicts = [], []
        for r in ratio.rules:
            if r.limit is not None:  # a cap, a share of the year's income
                rule_texts.append(
                    f"Tak {_rule_years(r)}: {fmt.pct(r.value, 0)} av {r.unit.removeprefix('andel av ')}"
                    f" = {fmt.kr(r.limit)} ({r.source})"
                )
                verdicts.append("▼ över taket" if r.side > 0 else "● under taket")
            else:
                rule_texts.append(f"Golv {_rule_years(r)}: {fmt.kr(r.value)} ({r.source})")
                verdicts.append("▼ under golvet" if r.side < 0 else "● över golvet")
        return RatioText(
            f"Eget kapital per {fmt.date(ratio.as_of)}",
            ratio.value,
            fmt.kr(ratio.value),
            " ".join(rule_texts) or "Dokumenten anger inget tak eller golv för förbundets eget kapital.",
            ", ".join(verdicts),
        )
    label = f"{ratio.kind}, {ratio.basis}"
    if ratio.value is None:
        return RatioText(
            label, None, "saknas", "Årets budget har ingen intäktsrad i datan, så andelen räknas inte.", ""
        )
    if ratio.kind == budget.ANDEL_ADMINISTRATION:
        return RatioText(label, ratio.value, fmt.pct(ratio.value), "Inget mål angivet i dokumenten.", "")
    split = f"Individinsatser mot metod och struktur: {_split(ratio.value)}."
    if not ratio.rules:
        return RatioText(
            label, ratio.value, fmt.pct(ratio.value), f"{split} Inget mål angivet i dokumenten.", ""
        )
    g = ratio.rules[0]
    verdict = {
        0: "● vid målet",
        1: "▲ mer till individinsatser än målet",
        -1: "▼ mindre till individinsatser än målet",
    }[g.side]
    return RatioText(
        label,
        ratio.value,
        fmt.pct(ratio.value),
        f"{split} Mål {_rule_years(g)}: {_split(g.value)}. ”{g.text}” ({g.source})",
        verdict,
    )


def ratios(con: duckdb.DuckDBPyConnection, forbund: str, ar: int, table: pd.DataFrame) -> list[RatioText]:
    """``budget.ratios`` in words: administration share, the individ/struktur split and eget
    kapital against the rules the förbund's own documents state."""
    return [ratio_text(r) for r in budget.ratios(con, forbund, ar, table)]


@dataclass(frozen=True)
class BoardView:
    """What the page Budget och utfall shows of a förbund, year, utfall period and thresholds,
    made once per data version and shared by every session: read it, never change it."""

    table: pd.DataFrame  # board_table (with its levels in words)
    shown: pd.DataFrame  # display_table, rows numbered from 0
    html: str  # ``shown`` as one HTML table, coloured and bold (tables.board_html)
    source: str  # where the lines come from (``budget.source``)
    source_links: list[tuple[str, str | None]]  # each source with its passage (``source_links``)
    missing: str  # a warning when lines lack utfall to the period, else ""
    answers: tuple[Answer | None, Answer | None, Answer | None]
    deviations: list[str]  # the largest deviations in Markdown, with their comments
    no_deviation: str  # why there are none, when there are none (``deviating_posts``)
    comments: str  # the other posts' comments as a Markdown list, "" when there are none
    ratios: list[RatioText]


def board_view(
    con: duckdb.DuckDBPyConnection, forbund: str, ar: int, till: dt.date | None, low: float, high: float
) -> BoardView:
    """The ``BoardView`` of a förbund and year, for ``ui.shared``."""
    frame = budget.lines(con, forbund, ar, till)
    table = board_table(frame, budget.Thresholds(low, high))
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
        source=budget.source(con, frame),
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


def insats_history_view(con: duckdb.DuckDBPyConnection, insats_id: str) -> str:
    """``insats_history_table`` of an insats as a static table, its documents named by
    title, for ``ui.shared``."""
    frame = budget.insats_history(con, insats_id)
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
