"""Entry point: page config and navigation. ``streamlit run app.py``."""

import streamlit as st

from dashboard import auth, present, ui

st.set_page_config(
    page_title="Uppföljning – samordningsförbund",
    page_icon=":material/account_balance:",
    layout="wide",
)

PAGES = [
    st.Page("app_pages/oversikt.py", title="Översikt", icon=":material/dashboard:", default=True),
    st.Page("app_pages/budget.py", title="Budget och utfall", icon=":material/account_balance_wallet:"),
    st.Page("app_pages/mal.py", title="Mål och resultat", icon=":material/flag:"),
    st.Page("app_pages/team.py", title="Teamkapacitet", icon=":material/groups:"),
    st.Page("app_pages/scenarier.py", title="Scenarier", icon=":material/tune:"),
    st.Page("app_pages/lan.py", title="Länsjämförelse", icon=":material/map:"),
    st.Page("app_pages/motesunderlag.py", title="Mötesunderlag", icon=":material/description:"),
    st.Page("app_pages/datakvalitet.py", title="Datakvalitet", icon=":material/fact_check:"),
    st.Page("app_pages/kallor.py", title="Källdokument", icon=":material/menu_book:"),
    st.Page("app_pages/data.py", title="Data", icon=":material/upload_file:"),
]

auth.keep_session_ids_out_of_the_log()  # from the first run of any page, not only Data's
ui.begin_run()  # one read snapshot of the data for the whole run
presenting = st.query_params.get("presentation") == "1"
# One element for all of the app's CSS: each element on a page costs the slide a gap.
st.markdown(
    present.SCREEN_CSS + present.PRINT_CSS + present.PRESENTATION_CSS * presenting, unsafe_allow_html=True
)
if presenting:
    # The meeting-room screen: one page, no navigation (?presentation=1).
    st.navigation([st.Page("app_pages/presentation.py", title="Presentation")], position="hidden").run()
else:
    if st.sidebar.toggle(
        "Presentationsläge",
        help="Helskärm för mötet: stora siffror, en vy i taget.",
        key="presentation_toggle",
    ):
        st.query_params["presentation"] = "1"
        st.rerun()
    st.navigation(PAGES).run()
