"""One look for tables: Swedish formats, deviation colours with a sign beside them, sums in bold."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from dashboard import fmt

# Background by deviation level (-2..2); the status text carries the same message in signs.
LEVEL_COLORS = {2: "#c8e6c9", 1: "#e8f5e9", 0: "", -1: "#ffebee", -2: "#ffcdd2"}


def board_style(shown: pd.DataFrame, table: pd.DataFrame, money: list[str], shares: list[str]) -> Styler:
    """Style the board's table: kronor and percentages formatted, the deviation columns
    coloured by level, sum and result rows in bold. ``table`` is the frame ``shown`` was
    made from (same row order), with ``niva`` and ``radtyp``."""
    deviation_columns = [c for c in shown.columns if c.startswith(("Avvikelse", "Mot budget"))]
    levels = table["niva"].to_numpy()
    kinds = table["radtyp"].to_numpy()

    def colour(column: pd.Series) -> list[str]:
        return [f"background-color: {LEVEL_COLORS[int(n)]}" if LEVEL_COLORS[int(n)] else "" for n in levels]

    def bold(row: pd.Series) -> list[str]:
        weight = "font-weight: bold" if kinds[row.name] in ("summa", "resultat") else ""
        return [weight] * len(row)

    formats = {c: (fmt.signed_kr if c.startswith("Avvikelse kr") else fmt.kr) for c in money}
    formats |= {c: (lambda v: fmt.pct(v, 0)) for c in shares}
    return (
        shown.reset_index(drop=True)
        .style.format(formats, na_rep=fmt.MISSING)
        .apply(colour, subset=deviation_columns)
        .apply(bold, axis=1)
    )


def board_column_widths(shown: pd.DataFrame) -> dict:
    """Column widths in pixels so that every figure column fits a projector's 1600 pixels."""
    import streamlit as st

    def width(name: str) -> int:
        if name == "Post":
            return 230
        if name == "Kommentar":
            return 400
        return 165 if name.startswith(("Utfall", "Förbrukat")) else 110

    return {name: st.column_config.Column(width=width(name)) for name in shown.columns}
