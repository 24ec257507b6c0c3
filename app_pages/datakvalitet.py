"""Datakvalitet: every printed total that does not equal the sum of its lines."""

import streamlit as st

from dashboard.view import county_view, reconcile_view, ui

st.title("Datakvalitet")
if ui.show_build_problems():
    st.stop()

view = ui.shared(reconcile_view.quality_view)  # read, never changed
st.metric("Tryckta summor och avvikelser som inte stämmer", f"{view.disagreeing} av {view.checked}")
st.write(
    "Varje summa, totalsumma, resultat och avvikelse som dokumenten trycker har räknats om "
    "från raderna den summerar. Siffrorna visas som de är tryckta; här syns var dokumenten "
    "inte stämmer med sig själva."
)
st.html(view.html)
st.caption("Skillnad = tryckt minus beräknat. Belopp i kronor; tabeller i tkr är omräknade exakt.")

st.subheader("Länet mot kommunerna")
agreement = ui.shared(county_view.agreement_view)  # read, never changed
st.write(
    "Där en publicerad tabell trycker både alla kommuner i ett län och länet har länets värde prövats mot "
    "kommunernas: antal ska summera till länet, andelar och tal per invånare ska ligga mellan "
    "kommunernas lägsta och högsta."
)
st.metric("Kontroller som inte stämmer", f"{agreement.failing} av {agreement.checked}")
if agreement.html:
    st.html(agreement.html)
st.subheader("Publicerade sidor som inte stämmer med varandra")
if agreement.revisions:
    st.write(
        "Där två publicerade sidor trycker samma tal olika används den nyare; ett tal som inte kan "
        "stämma är utelämnat. Båda visas här."
    )
    st.html(agreement.revisions)
else:
    st.write("Inga: där flera sidor trycker samma tal stämmer de.")

st.subheader("Årsredovisningens siffror räknade om")
statements = ui.shared(reconcile_view.statement_view)  # read, never changed
st.write(
    "Femårsöversikten mot resultat- och balansräkningen, varje summa i balanskravsutredningen och "
    "kassaflödesanalysen mot raderna den summerar, kassaflödet mot förändringen av likvida medel och "
    "balansräkningarna, och nyckeltal som dokumenten trycker i texten mot raderna de beskriver. "
    "Jämförelsen görs med den noggrannhet siffran är tryckt med (hela tkr, tiondels tkr, hela eller "
    "tiondels procent; en andel tryckt som ”ca” stämmer inom 5 procentenheter)."
)
st.metric("Kontroller som inte stämmer", f"{statements.disagreeing} av {statements.checked}")
if statements.html:
    st.html(statements.html)
else:
    st.write("Alla stämmer.")
