"""Entry point: page config and navigation. ``streamlit run app.py``."""

import streamlit as st

from dashboard.view import auth, style, ui

st.set_page_config(
    page_title="Uppföljning – samordningsförbund",
    page_icon=":material/account_balance:",
    layout="wide",
)

START = st.Page("app_pages/start.py", title="Kom igång", icon=":material/rocket_launch:")
PAGES = [
    st.Page("app_pages/oversikt.py", title="Översikt", icon=":material/dashboard:"),
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
auth.check_editor_scopes()  # an account naming an unknown förbund: said in the log at the first visit
presenting = st.query_params.get("presentation") == "1"
# All of the app's CSS in one st.html of style tags only: Streamlit puts it out of the page's
# flow (no gap on a slide), and, unlike Markdown with HTML allowed, it needs no HTML parser in
# the browser (188 kB of script on every first visit; README: Performance).
st.html(style.SCREEN_CSS + style.PRINT_CSS + style.PRESENTATION_CSS * presenting)
if presenting:
    # The meeting-room screen: one page, no navigation (?presentation=1).
    st.navigation([st.Page("app_pages/presentation.py", title="Presentation")], position="hidden").run()
else:
    # A link, not a toggle: the slide show is its own address, and a page without a toggle
    # does not load a toggle's code on its first visit.
    st.sidebar.html(style.PRESENTATION_LINK)
    # A database without förbund (build --tom) opens on the first-run page, which leads to Data.
    st.navigation([START, *PAGES] if ui.no_forbund_in_data() else PAGES).run()
