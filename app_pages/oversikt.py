"""Översikt: the förbund and years in the data and the key figures of a period."""

import streamlit as st

from dashboard import overview, ui

st.title("Översikt")
if ui.show_build_problems():
    st.stop()

forbund, ar = ui.forbund_and_year()

st.subheader(f"Nyckeltal {ar}")
figures = ui.load(overview.key_figures, forbund, ar)
# Two to a row: a whole amount in kronor keeps its full size beside the sidebar at 1280 px.
for start in range(0, len(figures), 2):
    for column, figure in zip(st.columns(2), figures[start : start + 2], strict=False):
        with column.container(border=True):
            st.metric(figure.label, figure.text, help=figure.definition)
            st.caption(f"Källa: {figure.source}")

st.subheader("Förbund och år i datan")
st.dataframe(ui.load(overview.available), hide_index=True, width="stretch")
st.caption(
    "Samordningsförbundet Västmanland ersätter från 2024-01-01 Samordningsförbundet Västerås, "
    "Norra Västmanlands Samordningsförbund och Samordningsförbundet Västra Mälardalen. "
    "Alla siffror kommer ur de fem offentliga dokumenten i källan; sidan Datakvalitet visar "
    "var dokumentens egna summor inte stämmer med raderna."
)
