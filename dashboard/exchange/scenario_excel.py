"""The scenario as an Excel file for the budget proposal.

The scenario as an Excel file for the budget proposal: its assumptions in words, the budget
per line and year, and the outputs per year; no text in it is ever run as a formula.
"""

from __future__ import annotations

import io

import pandas as pd

from dashboard.domain import scenarios
from dashboard.exchange import fmt
from dashboard.exchange.names import neutralise_sheet


def opening_equity_text(b: scenarios.Base) -> str:
    """The scenario's opening eget kapital in words, as the file and the page Scenarier write
    it: the printed line, its measure, the amount and its day, or that 0 kr is assumed."""
    if b.opening_equity_date is None:
        return "Inget eget kapital i dokumenten; 0 kr antas."
    return (
        f"{b.opening_equity_post} ({b.opening_equity_measure}) {fmt.kr(b.opening_equity)} "
        f"per {fmt.date(b.opening_equity_date)}"
    )


def excel(b: scenarios.Base, a: scenarios.Assumptions, result: dict[str, pd.DataFrame], name: str) -> bytes:
    """The scenario for the budget proposal: assumptions, and the budget per line and year."""
    team_names = dict(zip(b.teams["insats_id"], b.teams["namn"], strict=True))
    assumptions = pd.DataFrame(
        [
            ("Scenario", name),
            ("Förbund", a.forbund),
            ("Bas", f"{a.base_measure} {a.base_year} ({b.source})"),
            ("Ingående eget kapital", opening_equity_text(b)),
            ("Statens medel, förändring", fmt.pct(a.state_change) + f" från {a.change_from}"),
            (
                "Region och kommuner",
                "följer staten 50/25/25"
                if a.follow_finsam
                else f"region {fmt.pct(a.region_change)}, kommuner {fmt.pct(a.kommun_change)}",
            ),
            ("Indexering per år", fmt.pct(a.indexation)),
            ("Administration, förändring", fmt.pct(a.admin_change)),
            ("Ändrade poster", ", ".join(f"{p} {fmt.pct(v)}" for p, v in a.line_change.items()) or "inga"),
            ("Avslutade poster", ", ".join(a.closed) or "inga"),
            ("Nya poster", ", ".join(f"{p} {fmt.kr(c)}" for p, _, c in a.added) or "inga"),
            (
                "Årsarbetare, förändring",
                ", ".join(
                    f"{team_names.get(t, t)} {fmt.signed(v, fmt.fte(v))} FTE" for t, v in a.fte_change.items()
                )
                or "inga",
            ),
            ("Tak för eget kapital", fmt.pct(a.cap_share, 0) + " av årets medel"),
            ("Golv för eget kapital", fmt.kr(a.floor_kr)),
        ],
        columns=["Antagande", "Värde"],
    )
    lines = result["lines"].pivot_table(index=["grupp", "post"], columns="ar", values="belopp", sort=False)
    lines = lines.reset_index().rename(columns={"grupp": "Grupp", "post": "Post"})
    years = result["years"]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        assumptions.to_excel(writer, sheet_name="Antaganden", index=False)
        lines.to_excel(writer, sheet_name="Budget per post", index=False)
        years.to_excel(writer, sheet_name="Per år", index=False)
        for sheet in ("Budget per post", "Per år"):
            ws = writer.sheets[sheet]
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if isinstance(cell.value, float):
                        cell.number_format = '#,##0" kr"' if abs(cell.value) > 1.5 else "0.0%"
        for sheet in writer.sheets.values():  # names and texts from users are never run as formulas
            neutralise_sheet(sheet)
        writer.sheets["Antaganden"].column_dimensions["A"].width = 32
        writer.sheets["Antaganden"].column_dimensions["B"].width = 90
    return buffer.getvalue()
