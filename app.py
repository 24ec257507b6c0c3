"""Entry point: page config and navigation. ``streamlit run app.py``."""

import streamlit as st

st.set_page_config(
    page_title="Uppföljning – samordningsförbund",
    page_icon=":material/account_balance:",
    layout="wide",
)

PAGES = [
    st.Page("app_pages/oversikt.py", title="Översikt", icon=":material/dashboard:", default=True),
    st.Page("app_pages/budget.py", title="Budget och utfall", icon=":material/account_balance_wallet:"),
    st.Page("app_pages/team.py", title="Teamkapacitet", icon=":material/groups:"),
    st.Page("app_pages/scenarier.py", title="Scenarier", icon=":material/tune:"),
    st.Page("app_pages/lan.py", title="Länsjämförelse", icon=":material/map:"),
    st.Page("app_pages/datakvalitet.py", title="Datakvalitet", icon=":material/fact_check:"),
]

st.navigation(PAGES).run()
