"""Översikt: which förbund and years the data holds, and the key figures of a period."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import documents
from dashboard.exchange import fmt
from dashboard.store import sql
from dashboard.view import sources, tables

# The order in which a year's measures are preferred as its "outcome" for the year.
_OUTCOME_MEASURES = ("prognos", "bokslut", "förväntat utfall")


@dataclass(frozen=True)
class KeyFigure:
    """One figure on the Översikt, formatted, with what it means and where it comes from."""

    label: str
    value: float | None
    text: str
    definition: str
    source: str  # the document's title and section (``documents.citation``)
    dokument: str
    link: str | None  # the passage behind the figure on the page Källdokument (``sources.link``)


def periods(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per förbund, year and measure: the date the figures run to and their documents."""
    return sql.query(con, "periods")


def available(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per förbund and year with the measures the data has, for the Översikt table."""
    per = periods(con)
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


def forbund_years(con: duckdb.DuckDBPyConnection) -> dict[str, list[int]]:
    """The förbund with figures and their years; active förbund first, then by name."""
    per = periods(con)
    order = per.assign(active=per["till_ar"].isna()).sort_values(
        ["active", "forbund"], ascending=[False, True]
    )
    return {
        forbund: sorted(int(y) for y in rows["ar"].unique())
        for forbund, rows in order.groupby("forbund", sort=False)
    }


def forbund_label(con: duckdb.DuckDBPyConnection, forbund: str) -> str:
    """The förbund's name with its years of existence where it no longer exists."""
    rows = sql.query(con, "forbund_info", forbund=forbund)
    if rows.empty or pd.isna(rows.iloc[0]["till_ar"]):
        return forbund
    row = rows.iloc[0]
    return f"{forbund} (till {int(row['till_ar'])}, ersatt av {row['ersatt_av']})"


def forbund_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every förbund's label (``forbund_label``) at once, for a selectbox of many."""
    return {forbund: forbund_label(con, forbund) for forbund in forbund_years(con)}


def latest_year(con: duckdb.DuckDBPyConnection, forbund: str) -> int | None:
    """The latest year with figures for the förbund."""
    per = periods(con)
    years = per.loc[per["forbund"] == forbund, "ar"]
    return int(years.max()) if not years.empty else None


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def key_figures(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> list[KeyFigure]:
    """The key figures of a förbund and year, each with its definition and source.

    Results are recomputed from the budget lines (the reconciliation shows where a printed
    total differs). Shares are of the budget the board approved for the year.
    """
    sums = sql.query(con, "key_figures", forbund=forbund, ar=ar)
    if sums.empty:
        return []
    by_measure = {m: rows.iloc[0] for m, rows in sums.groupby("matt", observed=True)}
    figures: list[KeyFigure] = []

    def kr_figure(
        label: str, value: float, definition: str, row: pd.Series, post: str | None = None
    ) -> KeyFigure:
        return KeyFigure(
            label,
            value,
            fmt.kr(value),
            definition,
            documents.citation(con, row["dokument"], row["avsnitt"], short=True),
            row["dokument"],
            sources.link(row["dokument"], row["avsnitt"], value, row["enhet"], label=post),
        )

    budget = by_measure.get("budget")
    if budget is not None:
        figures.append(
            kr_figure(
                f"Medel från huvudmännen, budget {ar}",
                budget["intakter"],
                "Budgeterade intäkter: medlemmarnas tilldelning.",
                budget,
            )
        )
        figures.append(
            kr_figure(
                f"Resultat, budget {ar}",
                budget["resultat"],
                "Budgeterade intäkter minus kostnader, summerat från budgetraderna.",
                budget,
            )
        )
    utfall = by_measure.get("utfall")
    if utfall is not None:
        to = fmt.date(utfall["period_slut"].date())
        figures.append(
            kr_figure(
                f"Resultat, utfall t.o.m. {to}",
                utfall["resultat"],
                f"Bokförda intäkter minus kostnader till och med {to}.",
                utfall,
            )
        )
    outcome_measure = next((m for m in _OUTCOME_MEASURES if m in by_measure), None)
    if outcome_measure is not None:
        outcome = by_measure[outcome_measure]
        figures.append(
            kr_figure(
                f"Resultat, {outcome_measure} {ar}",
                outcome["resultat"],
                f"Intäkter minus kostnader enligt {outcome_measure} för helåret.",
                outcome,
            )
        )
    equity = sql.query(con, "equity", forbund=forbund, ar=ar)
    if not equity.empty:
        row = equity.iloc[0]
        when = fmt.date(row["period_slut"].date())
        figures.append(
            kr_figure(
                f"Eget kapital per {when}",
                row["belopp"],
                f"{row['post']} ({row['matt']}), per {when}: senaste uppgiften i dokumenten.",
                row,
                row["post"],
            )
        )
    if budget is not None:
        src = documents.citation(con, budget["dokument"], budget["avsnitt"], short=True)
        section = sources.link(budget["dokument"], budget["avsnitt"])  # a share is not printed
        admin_share = _share(budget["administration"], budget["kostnader"])
        figures.append(
            KeyFigure(
                f"Andel administration, budget {ar}",
                admin_share,
                fmt.pct(admin_share),
                f"Administrativa kostnader (styrelse, kansli) av alla budgeterade kostnader {ar}.",
                src,
                budget["dokument"],
                section,
            )
        )
        insats_costs = budget["individinsatser"] + budget["strukturinsatser"]
        individ_share = _share(budget["individinsatser"], insats_costs)
        figures.append(
            KeyFigure(
                f"Andel individinsatser, budget {ar}",
                individ_share,
                fmt.pct(individ_share),
                "Individinsatser av de direkta insatskostnaderna (individ- och strukturinsatser), "
                f"budget {ar}.",
                src,
                budget["dokument"],
                section,
            )
        )
    return figures
