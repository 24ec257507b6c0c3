"""Mål och resultat: every goal a förbund set itself, what came of it, and the key ratios of
its årsredovisning, each with its source."""

import datetime as dt

import streamlit as st

from dashboard.domain import goals
from dashboard.exchange import fmt
from dashboard.view import goals_view, ui

st.title("Mål och resultat")
if ui.show_build_problems():
    st.stop()

years_by_forbund = ui.shared(goals.years)  # read, never changed
if ui.no_forbund_in_data():
    ui.no_forbund_yet()
shown = ui.shown_forbund()
if shown not in years_by_forbund:  # the session's förbund has none: said, not another's shown
    st.info(
        f"Datan har inga mål, styrtal eller nyckeltal för {fmt.plain(shown)}. De kommer med förbundets "
        "arbetsbok (bladen Mål, Styrtal och Nyckeltal) på sidan Data; ett utfall för ett mål registreras "
        "där när målet finns i datan."
    )
    ui.data_page_link()
    if not years_by_forbund:
        st.stop()
    st.caption(
        "Förbund med mål i datan, att välja nedan: " + ", ".join(map(fmt.plain, years_by_forbund)) + "."
    )
forbund, ar = ui.forbund_and_year(years_by_forbund)
# today keys the cache too: a goal computed from the registrations counts the year so far
view = ui.shared(goals_view.view, forbund, ar, dt.date.today())  # read, never changed

st.caption(
    f"{fmt.plain(forbund)}, {ar}: målen i förbundets egna dokument och förbundets ekonomiska styrtal. "
    "Ett utfall som en redaktör registrerat på sidan Data går före dokumentets."
)
for column, status in zip(st.columns(4), goals.STATUSES, strict=True):
    column.metric(goals_view.STATUS_SIGNS[status].capitalize(), fmt.number(view.counts[status]))

st.subheader(f"Mål {ar}")
if view.goals_html:
    st.html(view.goals_html)
    st.caption(view.basis_text)
    if view.registration_rule:
        st.caption(view.registration_rule)
    ui.show_source(view.goal_sources)
else:
    st.info(
        f"Dokumenten trycker inga mål för {fmt.plain(forbund)} {ar} utöver de ekonomiska styrtalen nedan."
    )

st.subheader("Ekonomiska styrtal")
if view.rules_html:
    st.html(view.rules_html)
    st.caption(
        "Utfallet är beräknat ur budgetraderna och balansposterna; underlaget (bokslut, prognos "
        "eller budget) står vid varje siffra."
    )
else:
    st.info(f"Dokumenten anger inget ekonomiskt styrtal för {fmt.plain(forbund)} som gäller {ar}.")

st.subheader("Så bedöms målen")
st.markdown(goals_view.status_rules_markdown())

st.subheader("Nyckeltal ur årsredovisningen")
if view.five_year_html:
    st.markdown("**Översikt över verksamhetens utveckling (fem år)**")
    st.html(view.five_year_html)
    ui.show_source(view.five_year_source)
else:
    st.info(f"Dokumenten innehåller ingen årsredovisning med femårsöversikt för {fmt.plain(forbund)}.")
if view.balanskrav_html:
    st.markdown("**Balanskravsutredning**")
    st.html(view.balanskrav_html)
    ui.show_source(view.balanskrav_source)
if view.kassaflode_html:
    st.markdown("**Kassaflödesanalys**")
    st.html(view.kassaflode_html)
    ui.show_source(view.kassaflode_source)
if view.other_html:
    st.markdown("**Andra nyckeltal som dokumenten trycker**")
    st.html(view.other_html)
    ui.show_source(view.other_sources)

st.subheader("Styrelse och kansli")
if view.board_html:
    st.html(view.board_html)
    ui.show_source(view.board_sources)
else:
    st.info(f"Dokumenten trycker ingen uppgift om styrelse eller kansli för {fmt.plain(forbund)}.")
