"""The app's own CSS: the screen's, print's and the slide show's.

The app's own CSS: the screen's (figures whole on every screen), print's and the slide
show's; static text of our own, sent as one style element.
"""

# Static CSS of our own (no user text): no app chrome, type that grows with the screen (20 px
# on a 1280 px projector, 30 px on a 1920 px wall), the navigation fixed at the foot of the
# screen, the keys' buttons out of sight, and no Plotly toolbar.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], .modebar-container,
.st-key-slide-keys { display: none !important; }
html { font-size: clamp(20px, 1.5625vw, 30px); }
.block-container { padding: 0.8rem 2rem 4.6rem 2rem !important; max-width: 100% !important; }
[data-testid="stMain"] h1 { font-size: 1.9rem !important; padding: 0 !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
[data-testid="stMetricValue"] { font-size: clamp(1.6rem, 13cqi, 2.6rem) !important; }
.st-key-slide-nav {
  position: fixed; left: 0; right: 0; bottom: 0; z-index: 1000; background: #ffffff;
  padding: 0.5rem 2rem 0.7rem 2rem; border-top: 1px solid #c5ced8;
}
</style>
"""


# Every page, on every screen from a 1280×720 projector up: a figure and its label are never
# cut with "…". Labels wrap; a value keeps its line (its spaces are no-break spaces) and its
# type shrinks with the width its column gives it (a container query), down to a floor that
# still reads across the room. Captions get a grey of their own (7:1 on white) instead of
# Streamlit's 60 % opacity, under which a link in them would fall below 4,5:1.
SCREEN_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding: 2.5rem 2rem 4rem 2rem; }
section[data-testid="stSidebar"] { width: 15rem !important; min-width: 15rem !important; }
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #4a5260 !important; }
[data-testid="stCaptionContainer"] a, [data-testid="stMarkdownContainer"] a { color: #1f4e79; }
a.finsam-present { display: inline-block; padding: 0.4rem 0.9rem; border: 1px solid #1f4e79;
  border-radius: 0.5rem; color: #1f4e79; font-weight: 600; text-decoration: none; }
a.finsam-present:hover, a.finsam-present:focus-visible { background: #1f4e79; color: #ffffff; }
.finsam-present-hint { color: #4a5260; font-size: 0.85rem; margin: 0.4rem 0 0 0; }
.finsam-table { width: 100%; border-collapse: collapse; line-height: 1.35; }
.finsam-table th { text-align: left; vertical-align: bottom; background: #eef2f6; font-weight: 600;
  padding: 0.45rem 0.35rem; border-bottom: 2px solid #1f4e79; }
.finsam-table td { padding: 0.35rem 0.35rem; border-bottom: 1px solid #dde3ea; vertical-align: top;
  overflow-wrap: break-word; }
.finsam-table .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums;
  overflow-wrap: normal; }
.finsam-table .right { text-align: right; font-variant-numeric: tabular-nums; }
.finsam-table tr.grupp td { font-weight: 600; background-color: #f7f9fb; padding-top: 0.6rem; }
.finsam-table tr.fet td { font-weight: 600; }
[data-testid="stMetricValue"] { font-size: clamp(1.6rem, 13cqi, 2.4rem) !important; }
[data-testid="stMetricValue"] > div { overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important;
}
</style>
"""


# The way into the slide show, in the sidebar: a link to the app's own address with
# ?presentation=1 ("./" is the app's root from any page, also behind a proxy's path).
PRESENTATION_LINK = (
    '<a class="finsam-present" href="./?presentation=1">Presentationsläge</a>'
    '<p class="finsam-present-hint">Helskärm för mötet: stora siffror, en vy i taget.</p>'
)


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
