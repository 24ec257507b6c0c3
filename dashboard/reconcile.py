"""Reconciliation: every total and deviation the documents print, recomputed from its lines."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard import fmt, sql, tables


def checks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every printed total and deviation with its recomputed value, disagreeing or not.

    Columns: dokument, tabell, avsnitt, forbund, rad, post, kolumn, tryckt, beraknat,
    skillnad (printed minus computed), enhet_i_kallan, typ ("summa" or "avvikelse").
    """
    totals = sql.query(con, "reconciliation_totals").assign(typ="summa")
    deviations = sql.query(con, "reconciliation_deviations").assign(typ="avvikelse")
    return pd.concat([totals, deviations], ignore_index=True)


def disagreements(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The printed figures that do not equal the sum or difference of their lines."""
    all_checks = checks(con)
    return all_checks[all_checks["skillnad"] != 0].reset_index(drop=True)


@dataclass(frozen=True)
class QualityView:
    """What the page Datakvalitet shows, made once per data version (``ui.shared``)."""

    checked: int  # printed totals and deviations recomputed
    disagreeing: int
    html: str  # the ones that disagree (``disagreements_table``) as a static table


def quality_view(con: duckdb.DuckDBPyConnection) -> QualityView:
    """The ``QualityView`` of the data, for ``ui.shared``."""
    all_checks = checks(con)
    bad = all_checks[all_checks["skillnad"] != 0]
    html = tables.html_table(disagreements_table(bad), ["Tryckt", "Beräknat", "Skillnad"])
    return QualityView(len(all_checks), len(bad), html)


def disagreements_table(bad: pd.DataFrame) -> pd.DataFrame:
    """The totals that disagree as the page shows them: post, column, the printed and the
    recomputed amount and their difference in Swedish kronor, and the document's title and
    section (never its file name)."""
    return pd.DataFrame(
        {
            "Post": bad["post"],
            "Kolumn": bad["kolumn"],
            "Tryckt": [fmt.kr(v) for v in bad["tryckt"]],
            "Beräknat": [fmt.kr(v) for v in bad["beraknat"]],
            "Skillnad": [fmt.signed_kr(v) for v in bad["skillnad"]],
            "Dokument": bad["dokument_titel"],
            "Avsnitt": bad["avsnitt"],
        }
    )
