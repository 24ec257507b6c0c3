"""The first run: a database without förbund (``python -m dashboard build --tom``)."""

import streamlit as st

from dashboard.view import ui

st.title("Inga förbund ännu")
if ui.show_build_problems():
    st.stop()
st.write(ui.WHAT_THE_DATA_HAS)
st.markdown(
    "1. **Skapa förbundet** på sidan Data: namn, län, startår och medlemmar (länets kommuner, "
    "regionen, Försäkringskassan och Arbetsförmedlingen).\n"
    "2. **Ladda ner dess arbetsbok**, ifylld med det som är känt, och fyll i den från "
    "verksamhetsplanen, budgeten och årsredovisningen: varje siffra med sitt dokument och avsnitt.\n"
    "3. **Importera arbetsboken** på samma sida. Varje sida visar sedan förbundet, i sitt eget "
    "län, och säger vad som saknas och var det fylls i."
)
ui.data_page_link(label="Till sidan Data: skapa ett förbund")
st.caption("Länsjämförelsen visar redan varje läns kommuner med den statistik datan har.")
