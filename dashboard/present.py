"""Presentation mode: one message per view, readable from the back of the room.

The views are the board pack's sections (dashboard.report), so the wall screen and the
meeting papers show the same thing.
"""

from __future__ import annotations

# Static CSS of our own (no user text): hide the app's chrome and enlarge the type.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"] { display: none !important; }
html { font-size: 24px; }
[data-testid="stMetricValue"] { font-size: 3.2rem !important; }
.block-container { padding-top: 1rem !important; max-width: 100% !important; }
</style>
"""

# Printing any page gives a clean A4: no navigation, no chart cut in half.
PRINT_CSS = """
<style>
@media print {
  [data-testid="stSidebar"], header[data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"] { display: none !important; }
  .block-container { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stMetric"],
  [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; page-break-inside: avoid; }
  @page { size: A4; margin: 1.5cm; }
}
</style>
"""


def step(value: str | None, count: int) -> int:
    """The view to show from the URL's ``vy`` (0-based), kept within the views."""
    try:
        return min(max(int(value or 0), 0), count - 1)
    except ValueError:
        return 0
