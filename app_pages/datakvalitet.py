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
        "dokument_titel": "Dokument",
        "avsnitt": "Avsnitt",
        "post": "Post",
        "kolumn": "Kolumn",
        "tryckt": "Tryckt",
        "beraknat": "Beräknat",
        "skillnad": "Skillnad",
        "dokument": "Fil",
    }
)[["Post", "Kolumn", "Tryckt", "Beräknat", "Skillnad", "Dokument", "Avsnitt", "Fil"]]
st.dataframe(
    table.style.format({"Tryckt": fmt.kr, "Beräknat": fmt.kr, "Skillnad": fmt.signed_kr}),
    hide_index=True,
    width="stretch",
    height=ui.table_height(len(table)),
    column_config={"Post": st.column_config.TextColumn(width="medium")},
)
st.caption("Skillnad = tryckt minus beräknat. Belopp i kronor; tabeller i tkr är omräknade exakt.")
