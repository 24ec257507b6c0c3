"""The årsredovisning's printed tables as the page Mål och resultat shows them.

The årsredovisning's printed tables as the page Mål och resultat shows them: figures written
out as printed (tkr, kr, %), a column per year, and each source linked to Källdokument.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.domain import statements
from dashboard.exchange import fmt
from dashboard.view import sources

Cited = list[tuple[str, str | None]]  # (citation, link to its passage on the page Källdokument)


def _linked(printed: statements.Printed) -> Cited:
    return [(citation, sources.link(d, a)) for citation, d, a in printed.sources]


def five_year(con: duckdb.DuckDBPyConnection, forbund: str) -> tuple[pd.DataFrame, str, str | None]:
    """The årsredovisning's five-year overview as printed (newest year first): one row per
    key figure, one column per year, amounts in tkr as printed, soliditet in %; with its
    source and link. Empty where the förbund's documents print none."""
    printed = statements.five_year(con, forbund)
    if printed.frame.empty:
        return pd.DataFrame(), "", None
    frame = printed.frame

    def shown(r: pd.Series) -> str:
        if r["enhet"] == "kr":
            return fmt.tkr(r["varde"]) if r["enhet_i_kallan"] == "tkr" else fmt.kr(r["varde"])
        if r["enhet"] == "procent":
            return f"{fmt.number(r['varde'], 1)}\u00a0%"
        return fmt.number(r["varde"])

    frame = frame.assign(visas=[shown(r) for _, r in frame.iterrows()])
    order = list(dict.fromkeys(frame.sort_values("ordning")["Nyckeltal"]))
    wide = frame.pivot_table(index="Nyckeltal", columns="ar", values="visas", aggfunc="first").reindex(order)
    wide = wide[sorted(wide.columns, reverse=True)]
    wide.columns = [str(c) for c in wide.columns]
    ((source, link),) = _linked(printed)
    return wide.reset_index(), source, link


def statement(
    con: duckdb.DuckDBPyConnection, forbund: str, name: str
) -> tuple[pd.DataFrame, str, str | None]:
    """The balanskravsutredning (``name`` "balanskrav") or kassaflödesanalys ("kassaflode")
    as printed: one row per line, one column per year, totals in bold (``fet``)."""
    printed = statements.statement(con, forbund, name)
    if printed.frame.empty:
        return pd.DataFrame(), "", None
    frame = printed.frame

    def shown(r: pd.Series) -> str:
        if pd.isna(r["belopp"]):
            return "–"
        return fmt.tkr(r["belopp"], 1) if r["enhet_i_kallan"] == "tkr" else fmt.kr(r["belopp"])

    frame = frame.assign(visas=[shown(r) for _, r in frame.iterrows()])
    wide = frame.pivot_table(index=["rad", "post"], columns="ar", values="visas", aggfunc="first")
    wide = wide[sorted(wide.columns, reverse=True)]
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reset_index().sort_values("rad")
    totals = set(frame.loc[frame["summerar"].fillna("") != "", "rad"])
    wide["fet"] = wide["rad"].isin(totals)
    ((source, link),) = _linked(printed)
    return wide.drop(columns="rad").rename(columns={"post": "Post"}), source, link


def board(con: duckdb.DuckDBPyConnection, forbund: str) -> tuple[pd.DataFrame, Cited]:
    """The board and kansli as printed, per year: ledamöter and ersättare (how many members
    appoint them), meetings, staff; with the sources."""
    found = statements.board(con, forbund)
    if found.frame.empty:
        return pd.DataFrame(), []
    frame = found.frame
    rows = []
    for (ar, organ, roll), part in frame.groupby(["ar", "organ", "roll"], sort=False):
        totals = part[part["medlem"].isna()]
        per_member = part[part["medlem"].notna()]
        first = totals.iloc[0] if not totals.empty else per_member.iloc[0]
        if not totals.empty:
            # A range as printed ("4-6") reads with a dash: 4–6.
            count = (
                fmt.number(first["antal"])
                if pd.notna(first["antal"])
                else first["antal_text"].replace("-", "–")
            )
        else:
            count = fmt.number(per_member["antal"].sum())
        if per_member.empty:
            printed = f"”{first['antal_text']}”"
        elif per_member["antal"].nunique() == 1:
            printed = (
                f"{fmt.number(per_member['antal'].iloc[0])} från var och en av {len(per_member)} medlemmar"
            )
        else:
            printed = f"från {len(per_member)} medlemmar"
        note = first["anmarkning"] if isinstance(first["anmarkning"], str) else ""
        rows.append(
            {
                "År": str(ar),
                "Organ": str(organ).capitalize(),
                "Roll": roll,
                "Antal": count,
                "Som tryckt": f"{printed}. {note}".strip(),
            }
        )
    return pd.DataFrame(rows), _linked(found)


def other_figures(con: duckdb.DuckDBPyConnection, forbund: str) -> tuple[pd.DataFrame, Cited]:
    """Key figures the documents print outside their tables (shares of the budget, a total in
    the text, a note's line), as printed with their section; with every source."""
    printed = statements.other_figures(con, forbund)
    if printed.frame.empty:
        return pd.DataFrame(), []
    frame = printed.frame

    def shown(r: pd.Series) -> str:
        if r["enhet"] == "kr":
            return fmt.tkr(r["varde"]) if r["enhet_i_kallan"] == "tkr" else fmt.kr(r["varde"])
        if r["enhet"] == "procent":
            about = "ca " if str(r["varde_text"]).startswith("ca") else ""
            decimals = 0 if float(r["varde"]).is_integer() else 1
            return f"{about}{fmt.number(r['varde'], decimals)}\u00a0%"
        return fmt.number(r["varde"])

    table = pd.DataFrame(
        {
            "År": frame["ar"].astype(str),
            "Nyckeltal": frame["nyckeltal"].str.capitalize() + " (" + frame["matt"].astype(str) + ")",
            "Värde": [shown(r) for _, r in frame.iterrows()],
            "Källa": frame["kalla"],
        }
    )
    return table, _linked(printed)
