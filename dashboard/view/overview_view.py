"""Översikt as a person sees it: the key figures in Swedish words and the table of förbund and years."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import documents, overview
from dashboard.exchange import fmt
from dashboard.view import sources, tables


@dataclass(frozen=True)
class KeyFigureText:
    """One figure on the Översikt, formatted, with what it means and where it comes from."""

    label: str
    value: float | None
    text: str
    definition: str
    source: str  # the document's title and section (``documents.citation``)
    dokument: str
    link: str | None  # the passage behind the figure on the page Källdokument (``sources.link``)


def _label_and_definition(figure: overview.KeyFigure) -> tuple[str, str]:
    """The heading of a key figure and the sentence saying what it is."""
    ar, measure = figure.ar, figure.measure
    if figure.kind == overview.MEDEL:
        return f"Medel från huvudmännen, budget {ar}", "Budgeterade intäkter: medlemmarnas tilldelning."
    if figure.kind == overview.EGET_KAPITAL:
        when = fmt.date(figure.until)
        return (
            f"Eget kapital per {when}",
            f"{figure.post} ({measure}), per {when}: senaste uppgiften i dokumenten.",
        )
    if figure.kind == overview.ANDEL_ADMINISTRATION:
        return (
            f"Andel administration, budget {ar}",
            f"Administrativa kostnader (styrelse, kansli) av alla budgeterade kostnader {ar}.",
        )
    if figure.kind == overview.ANDEL_INDIVIDINSATSER:
        return (
            f"Andel individinsatser, budget {ar}",
            f"Individinsatser av de direkta insatskostnaderna (individ- och strukturinsatser), budget {ar}.",
        )
    if measure == "budget":
        return (
            f"Resultat, budget {ar}",
            "Budgeterade intäkter minus kostnader, summerat från budgetraderna.",
        )
    if measure == "utfall":
        to = fmt.date(figure.until)
        return f"Resultat, utfall t.o.m. {to}", f"Bokförda intäkter minus kostnader till och med {to}."
    return f"Resultat, {measure} {ar}", f"Intäkter minus kostnader enligt {measure} för helåret."


def key_figure_text(figure: overview.KeyFigure) -> KeyFigureText:
    """A key figure as the Översikt, the pack and the wall show it."""
    label, definition = _label_and_definition(figure)
    source = figure.source
    if figure.value is None:  # the year's budget has no income line yet (a förbund just begun)
        text, link, source = "saknas", None, ""
        definition += (
            " Årets budget har ingen intäktsrad i datan, så den är inte hel; den fylls i på "
            "arbetsbokens blad Budget (sidan Data)."
        )
    elif figure.kind in overview.SHARES:  # a share is not printed: the link opens its section
        text, link = fmt.pct(figure.value), sources.link(figure.dokument, figure.avsnitt)
    else:
        text = fmt.kr(figure.value)
        link = sources.link(figure.dokument, figure.avsnitt, figure.value, figure.enhet, label=figure.post)
    return KeyFigureText(label, figure.value, text, definition, source, figure.dokument, link)


def provenance_note(con: duckdb.DuckDBPyConnection) -> str:
    """Where the Översikt's figures come from, as the data says: each merger of förbund in the
    data (``overview.mergers``), and the documents and imported workbooks behind the figures."""
    merged = [
        f"{successor} ersätter från {start} {_and(before)}."
        for successor, start, before in overview.mergers(con)
    ]
    return " ".join(
        [
            *merged,
            "Varje siffra har sin källa: ett dokument (sidan Källdokument visar de dokument som följer "
            "med dashboarden, och källan leder till stycket bakom siffran) eller en importerad arbetsbok "
            "(sidan Data). Sidan Datakvalitet visar var dokumentens egna summor inte stämmer med raderna.",
        ]
    )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def key_figures(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> list[KeyFigureText]:
    """``overview.key_figures`` of a förbund and year in words, each with its definition and source."""
    return [key_figure_text(f) for f in overview.key_figures(con, forbund, ar)]


def available(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per förbund and year with the measures the data has, for the Översikt table."""
    per = overview.periods(con)
    if per.empty:
        return pd.DataFrame(columns=["Förbund", "År", "Mått", "Källa"])
    per = per.assign(
        label=[
            f"{m} t.o.m. {fmt.date(p)}" if m == "utfall" else m
            for m, p in zip(per["matt"], per["period_slut"].dt.date, strict=True)
        ]
    )
    titles = {d: documents.title(con, d) for d in set(", ".join(per["dokument"]).split(", "))}
    grouped = per.groupby(["forbund", "ar"], sort=True).agg(
        matt=("label", ", ".join),
        dokument=("dokument", lambda d: "; ".join(sorted({titles[x] for c in d for x in c.split(", ")}))),
    )
    return grouped.reset_index().rename(
        columns={"forbund": "Förbund", "ar": "År", "matt": "Mått", "dokument": "Källa"}
    )


def available_html(con: duckdb.DuckDBPyConnection) -> str:
    """``available`` as the Översikt's static table, for ``ui.shared``."""
    return tables.html_table(available(con), ["År"])
