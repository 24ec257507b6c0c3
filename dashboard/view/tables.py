"""One look for tables: Swedish formats, deviation colours with a sign beside them, sums in bold."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from pandas.io.formats.style import Styler

from dashboard.exchange import fmt

# Background by deviation level (-2..2); the status text carries the same message in signs.
LEVEL_COLORS = {2: "#c8e6c9", 1: "#e8f5e9", 0: "", -1: "#ffebee", -2: "#ffcdd2"}
LEVEL_CSS = {n: f"background-color: {c}" if c else "" for n, c in LEVEL_COLORS.items()}


def arrow(frame: pd.DataFrame) -> pa.Table:
    """A finished display table (text and plain numbers, no styling) as an Arrow table: it
    cannot be changed, so ``ui.shared`` may give every session the same one, and Streamlit
    sends it as it is instead of converting a DataFrame on every run."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def board_style(shown: pd.DataFrame, styles: pd.DataFrame, money: list[str], shares: list[str]) -> Styler:
    """Style the board's table: kronor and percentages formatted, text escaped as HTML, and
    ``styles`` (``board_css``: deviation colours, sums and result in bold) on its cells."""
    formats = {c: (fmt.signed_kr if c.startswith("Avvikelse kr") else fmt.kr) for c in money}
    formats |= {c: _whole_pct for c in shares}
    text = [c for c in shown.columns if c not in formats]
    return (
        shown.style.format(formats, na_rep=fmt.MISSING)
        .format(escape="html", subset=text, na_rep=fmt.MISSING)  # posts and comments come from imports
        .apply(lambda _: styles, axis=None)
    )


# The board's table is a ``finsam-table`` (``style.SCREEN_CSS``: colours, borders, padding)
# whose figures never break: only the post's name wraps.
_BOARD_TABLE_CSS = [{"selector": "td", "props": "white-space: nowrap;"}]


def board_html(shown: pd.DataFrame, styles: pd.DataFrame, money: list[str], shares: list[str]) -> str:
    """The board's table as one HTML table, made once per view: pandas renders the same Styler
    Streamlit would otherwise convert on every run (about 10 ms a run at national scale).
    Kronor are right-aligned; posts wrap, figures never do. The comments, often a paragraph
    each, are left to a list of their own (``budget_view.BoardView.comments``) so that the
    figures fit the screen."""
    shown, styles = shown.drop(columns="Kommentar"), styles.drop(columns="Kommentar")
    right = [i for i, c in enumerate(shown.columns) if c in money or c in shares]
    wrap = [i for i, c in enumerate(shown.columns) if c == "Post"]
    column_css = [
        {
            "selector": ", ".join(f"{cell}.col{i}" for i in right for cell in ("th", "td")),
            "props": "text-align: right; font-variant-numeric: tabular-nums;",
        }
    ] * bool(right) + [
        {
            "selector": ", ".join(f"td.col{i}" for i in wrap),
            "props": "white-space: normal; min-width: 10rem;",
        }
    ] * bool(wrap)
    styler = (
        board_style(shown, styles, money, shares)
        .hide(axis="index")
        .set_uuid("per-post")
        .set_table_attributes('class="finsam-table"')
        .set_table_styles(_BOARD_TABLE_CSS + column_css)
    )
    # Should a very narrow screen still need it, the table scrolls within a region a keyboard
    # can reach and a screen reader names.
    return (
        '<div style="overflow-x: auto" tabindex="0" role="region" aria-label="Budget och utfall per post">'
        f"{styler.to_html()}</div>"
    )


def html_table(
    frame: pd.DataFrame | pa.Table,
    figures: list[str] | tuple[str, ...] = (),
    *,
    right: list[str] | tuple[str, ...] = (),
    group: str | None = None,
    bold: str | None = None,
    table_id: str | None = None,
) -> str:
    """A finished display table (text only, figures written out) as a static HTML table, for
    tables a person reads whole: no scrolling inside the table, no column behind a scroll, no
    cell cut with "…". Text wraps within the page's width; the ``figures`` columns are
    right-aligned and never broken, the ``right`` ones right-aligned and may wrap ("8,0 (+1
    roller utan tid)"). ``group`` names a column shown as a heading row whenever its value
    changes instead of as a column; ``bold`` a boolean column marking rows in bold (not shown).
    Every cell is escaped: names and comments come from files. The look is
    ``style.SCREEN_CSS``'s ``finsam-table``; ``table_id`` lets a test find the table."""
    from html import escape

    if isinstance(frame, pa.Table):
        frame = frame.to_pandas()
    shown = [c for c in frame.columns if c not in (group, bold)]
    css = {c: "num" for c in figures} | {c: "right" for c in right if c not in figures}

    def cell(tag: str, column: str, value: object) -> str:
        text = fmt.MISSING if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        attribute = f' class="{css[column]}"' if column in css else ""
        return f"<{tag}{attribute}>{escape(text)}</{tag}>"

    rows, current = [], None
    for record in frame.to_dict("records"):
        if group is not None and record[group] != current:
            current = record[group]
            rows.append(f'<tr class="grupp"><td colspan="{len(shown)}">{escape(str(current))}</td></tr>')
        row_class = ' class="fet"' if bold is not None and record[bold] else ""
        rows.append(f"<tr{row_class}>" + "".join(cell("td", c, record[c]) for c in shown) + "</tr>")
    head = "".join(cell("th", c, c) for c in shown)
    identity = f' id="{escape(table_id)}"' if table_id else ""
    return (
        f'<table class="finsam-table"{identity}><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


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
