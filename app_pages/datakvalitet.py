"""Datakvalitet: every printed total that does not equal the sum of its lines."""

import streamlit as st

from dashboard import reconcile, ui

st.title("Datakvalitet")
if ui.show_build_problems():
    st.stop()

view = ui.shared(reconcile.quality_view)  # read, never changed
st.metric("Tryckta summor och avvikelser som inte stämmer", f"{view.disagreeing} av {view.checked}")
st.write(
    "Varje summa, totalsumma, resultat och avvikelse som dokumenten trycker har räknats om "
    "från raderna den summerar. Siffrorna visas som de är tryckta; här syns var dokumenten "
    "inte stämmer med sig själva."
)
st.html(view.html)
st.caption("Skillnad = tryckt minus beräknat. Belopp i kronor; tabeller i tkr är omräknade exakt.")
