"""Datakvalitet: every printed total that does not equal the sum of its lines."""

import streamlit as st

from dashboard import reconcile, tables, ui

st.title("Datakvalitet")
if ui.show_build_problems():
    st.stop()

checks = ui.load(reconcile.checks)
bad = checks[checks["skillnad"] != 0]
st.metric("Tryckta summor och avvikelser som inte stämmer", f"{len(bad)} av {len(checks)}")
st.write(
    "Varje summa, totalsumma, resultat och avvikelse som dokumenten trycker har räknats om "
    "från raderna den summerar. Siffrorna visas som de är tryckta; här syns var dokumenten "
    "inte stämmer med sig själva."
)
table = reconcile.disagreements_view(bad)
st.html(tables.html_table(table, ["Tryckt", "Beräknat", "Skillnad"]))
st.caption("Skillnad = tryckt minus beräknat. Belopp i kronor; tabeller i tkr är omräknade exakt.")
