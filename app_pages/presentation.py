"""Presentationsläge: a slide show for the meeting-room wall, stepped with a clicker."""

import streamlit as st

from dashboard import fmt, overview, present, report, tables, ui

if ui.show_build_problems():  # (its CSS comes with the app's, app.py)
    st.stop()

# The förbund and period named in the URL, else the current förbund and its latest period.
forbund_years = ui.shared(overview.forbund_years)
forbund = st.query_params.get("forbund")
if forbund not in forbund_years:
    if forbund is not None:
        st.warning(f"Förbundet i adressen finns inte i datan; visar {fmt.plain(next(iter(forbund_years)))}.")
    forbund = next(iter(forbund_years))
periods = ui.load(report.periods, forbund)
period = present.period_from_url(st.query_params.get("period"), periods)
deck = ui.shared(present.slides, forbund, period)  # read, never changed
current = present.step(st.query_params.get("vy"), len(deck))
slide = deck[current]

st.title(slide.title)
st.markdown(f"**{fmt.plain(forbund)}** · {fmt.plain(slide.period)}")
if slide.metrics:
    per_row = 4 if len(slide.metrics) > 3 else len(slide.metrics)
    for start in range(0, len(slide.metrics), per_row):
        row = slide.metrics[start : start + per_row]
        for column, (label, value) in zip(st.columns(per_row), row, strict=False):
            column.metric(label, value)
if slide.figure is not None:
    st.plotly_chart(slide.figure, theme=None, config={"displayModeBar": False, "locale": "sv"})
if slide.table is not None:
    st.html(tables.html_table(slide.table, slide.table_figures))
for post in slide.posts:
    comment = f"  \n{fmt.plain(post.comment)}" if post.comment else ""
    st.markdown(f"**{fmt.plain(post.post)}**: {post.deviation} ({post.status}){comment}")
if slide.note:
    st.markdown(fmt.plain(slide.note))
if slide.source:
    st.caption(f"Källa: {fmt.plain(slide.source)}")


def go_to(index: int) -> None:
    st.query_params["vy"] = str(index + 1)  # the URL counts as the screen does


# Föregående/Nästa stay at the foot of the screen (PRESENTATION_CSS). A presenter's clicker
# sends PageUp/PageDown, a keyboard ←/→: the buttons in "slide-keys" (out of sight) take those.
with st.container(key="slide-nav", horizontal=True, vertical_alignment="center"):
    st.button("◀ Föregående", disabled=current == 0, on_click=go_to, args=(current - 1,))
    st.markdown(f"Vy {current + 1} av {len(deck)}")
    st.button("Nästa ▶", disabled=current == len(deck) - 1, on_click=go_to, args=(current + 1,))
    if st.button("Avsluta presentationen"):
        st.query_params.clear()
        st.session_state["presentation_toggle"] = False  # not drawn in this mode, so it may be reset
        st.rerun()
with st.container(key="slide-keys"):  # out of sight: takes no room on the slide
    for shortcut, target in (("Left", -1), ("PageUp", -1), ("Right", 1), ("PageDown", 1)):
        index = min(max(current + target, 0), len(deck) - 1)
        st.button(shortcut, key=f"key-{shortcut}", shortcut=shortcut, on_click=go_to, args=(index,))
    # Each new slide opens at its top, whatever the last one was scrolled to.
    st.html(present.scroll_to_top(current), unsafe_allow_javascript=True)
