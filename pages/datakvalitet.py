"""Datakvalitet: every printed total that does not equal the sum of its lines."""

import streamlit as st

from dashboard import fmt, reconcile, ui

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
table = bad.rename(
    columns={
        "dokument": "Dokument",
        "tabell": "Tabell",
        "avsnitt": "Avsnitt",
        "forbund": "Förbund",
        "post": "Post",
        "kolumn": "Kolumn",
        "tryckt": "Tryckt",
        "beraknat": "Beräknat",
        "skillnad": "Skillnad",
    }
)[["Förbund", "Dokument", "Avsnitt", "Post", "Kolumn", "Tryckt", "Beräknat", "Skillnad"]]
st.dataframe(
    table.style.format({"Tryckt": fmt.kr, "Beräknat": fmt.kr, "Skillnad": fmt.signed_kr}),
    hide_index=True,
    width="stretch",
)
st.caption("Skillnad = tryckt minus beräknat. Belopp i kronor; tabeller i tkr är omräknade exakt.")
