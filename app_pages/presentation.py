"""Presentationsläge: the key views one at a time, for the meeting-room screen."""

import datetime as dt

import streamlit as st

from dashboard import charts, fmt, overview, present, report, ui

st.markdown(present.PRESENTATION_CSS, unsafe_allow_html=True)
if ui.show_build_problems():
    st.stop()

# The förbund named in the URL, else the current one (an active förbund first).
forbund = st.query_params.get("forbund") or next(iter(ui.load(overview.forbund_years)))
periods = ui.load(report.periods, forbund)
period = dt.date.fromisoformat(st.query_params["period"]) if "period" in st.query_params else periods[0]
views = list(report.VIEWS)
current = present.step(st.query_params.get("vy"), len(views))
pack = ui.shared(report.build, forbund, period, dt.date.today(), [views[current]])  # read only
section = pack.sections[0]

st.title(section.title)
st.markdown(f"**{forbund}**, {pack.period}")
if section.key == "nyckeltal":
    rows = section.table.to_dict("records")
    for start in range(0, len(rows), 3):
        for column, row in zip(st.columns(3), rows[start : start + 3], strict=False):
            column.metric(row["Nyckeltal"], row["Värde"])
elif section.figure is not None:
    st.plotly_chart(section.figure, theme=None, config=charts.download_config(section.key))
for bullet in section.bullets[:3]:
    st.markdown(f"- {fmt.plain(bullet)}")
st.caption(f"Källa: {fmt.plain(section.source)}")

back, position, forward, leave = st.columns([1, 1, 1, 1])
if back.button("◀ Föregående", disabled=current == 0, width="stretch"):
    st.query_params["vy"] = str(current - 1)
    st.rerun()
position.markdown(f"Vy {current + 1} av {len(views)}")
if forward.button("Nästa ▶", disabled=current == len(views) - 1, width="stretch"):
    st.query_params["vy"] = str(current + 1)
    st.rerun()
if leave.button("Avsluta presentationen", width="stretch"):
    st.query_params.clear()
    st.session_state["presentation_toggle"] = False  # not drawn in this mode, so it may be reset
    st.rerun()
