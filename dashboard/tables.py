"""One look for tables: Swedish formats, deviation colours with a sign beside them, sums in bold."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from pandas.io.formats.style import Styler

from dashboard import fmt

# Background by deviation level (-2..2); the status text carries the same message in signs.
LEVEL_COLORS = {2: "#c8e6c9", 1: "#e8f5e9", 0: "", -1: "#ffebee", -2: "#ffcdd2"}
LEVEL_CSS = {n: f"background-color: {c}" if c else "" for n, c in LEVEL_COLORS.items()}


def arrow(frame: pd.DataFrame) -> pa.Table:
    """A finished display table (text and plain numbers, no styling) as an Arrow table: it
    cannot be changed, so ``ui.shared`` may give every session the same one, and Streamlit
    sends it as it is instead of converting a DataFrame on every run."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def right_aligned(columns: list[str] | tuple[str, ...]) -> dict:
    """Column config that aligns written-out figures (text such as ``1 234 kr``) right, as
    Streamlit aligns numbers."""
    import streamlit as st

    return {c: st.column_config.TextColumn(alignment="right") for c in columns}


def board_style(shown: pd.DataFrame, styles: pd.DataFrame, money: list[str], shares: list[str]) -> Styler:
    """Style the board's table: kronor and percentages formatted, and ``styles``
    (``board_css``: deviation colours, sums and result in bold) on its cells."""
    formats = {c: (fmt.signed_kr if c.startswith("Avvikelse kr") else fmt.kr) for c in money}
    formats |= {c: _whole_pct for c in shares}
    # One frame of CSS, made once: Streamlit converts the Styler on every run, and a function
    # per row or column costs pandas far more than reading a finished frame.
    return shown.style.format(formats, na_rep=fmt.MISSING).apply(lambda _: styles, axis=None)


def _whole_pct(share: float) -> str:
    return fmt.pct(share, 0)


def board_css(shown: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The CSS of each cell of the board's table ``shown``: the deviation columns coloured by
    level, sum and result rows in bold. ``table`` is the frame ``shown`` was made from (same
    row order), with ``niva`` and ``radtyp``."""
    colours = [LEVEL_CSS[int(n)] for n in table["niva"]]
    bold = ["font-weight: bold" if k in ("summa", "resultat") else "" for k in table["radtyp"]]
    deviation = [c.startswith(("Avvikelse", "Mot budget")) for c in shown.columns]
    rows = [
        [("; ".join(filter(None, (colour, weight))) if dev else weight) for dev in deviation]
        for colour, weight in zip(colours, bold, strict=True)
    ]
    return pd.DataFrame(rows, index=shown.index, columns=shown.columns)


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
