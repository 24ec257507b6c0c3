"""Översikt: the förbund and years in the data and the key figures of a period."""

import streamlit as st

from dashboard.view import overview_view, ui

st.title("Översikt")
if ui.show_build_problems():
    st.stop()

forbund, ar = ui.forbund_and_year()
ui.no_budget_yet(forbund, ar)

st.subheader(f"Nyckeltal {ar}")
figures = ui.load(overview_view.key_figures, forbund, ar)
# Two to a row: a whole amount in kronor keeps its full size beside the sidebar at 1280 px.
for start in range(0, len(figures), 2):
    for column, figure in zip(st.columns(2), figures[start : start + 2], strict=False):
        with column.container(border=True):
            st.metric(figure.label, figure.text, help=figure.definition)
            if figure.source:
                ui.show_source([(figure.source, figure.link)])
            else:
                st.caption(figure.definition)

st.subheader("Förbund och år i datan")
# Below the key figures, and long at national scale: sent when opened (README: Performance).
available = ui.lazy_expander("Varje förbund med sina år och dokument", key="oversikt-available")
if available.open:
    available.html(ui.shared(overview_view.available_html))
st.caption(ui.shared(overview_view.provenance_note))
