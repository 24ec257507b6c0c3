"""Datakvalitet's tables: the printed totals and statement figures that disagree, in Swedish kronor."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import documents, reconcile
from dashboard.exchange import fmt
from dashboard.view import tables


@dataclass(frozen=True)
class QualityView:
    """What the page Datakvalitet shows, made once per data version (``ui.shared``)."""

    checked: int  # printed totals and deviations recomputed
    disagreeing: int
    html: str  # the ones that disagree (``disagreements_table``) as a static table


def quality_view(con: duckdb.DuckDBPyConnection) -> QualityView:
    """The ``QualityView`` of the data, for ``ui.shared``."""
    all_checks = reconcile.checks(con)
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


def _shown(value: float, unit: str) -> str:
    """A checked figure at the precision it is printed with (``reconcile.statement_checks``' enhet)."""
    if unit == "tkr":
        return fmt.tkr(value)
    if unit == "tkr1":
        return fmt.tkr(value, 1)
    if unit in ("%", "%1"):
        return f"{fmt.number(value, 1)}\u00a0%"
    return fmt.kr(value)


@dataclass(frozen=True)
class StatementView:
    """The statement checks as Datakvalitet shows them (``ui.shared``)."""

    checked: int
    disagreeing: int
    html: str  # the checks that disagree, as a static table ("" when all agree)


def statement_view(con: duckdb.DuckDBPyConnection) -> StatementView:
    """The ``StatementView`` of the data, for ``ui.shared``."""

    checks = reconcile.statement_checks(con)
    bad = checks[~checks["stammer"].astype(bool)]  # a boolean mask also when there are no checks
    shown = pd.DataFrame(
        {
            "Kontroll": [
                f"{k} ({f}, {a})" for k, f, a in zip(bad["kontroll"], bad["forbund"], bad["ar"], strict=True)
            ],
            "Tryckt": [_shown(v, u) for v, u in zip(bad["tryckt"], bad["enhet"], strict=True)],
            "Beräknat": [_shown(v, u) for v, u in zip(bad["beraknat"], bad["enhet"], strict=True)],
            "Källa": [
                documents.citation(con, d, a, short=True)
                for d, a in zip(bad["dokument"], bad["avsnitt"], strict=True)
            ],
        }
    )
    html = (
        tables.html_table(shown, ["Tryckt", "Beräknat"], table_id="arsredovisning-kontroller")
        if len(bad)
        else ""
    )
    return StatementView(len(checks), len(bad), html)
