"""Presentationsläge: a slide show for the meeting-room wall, stepped with a clicker."""

import logging

import streamlit as st

from dashboard.domain import overview
from dashboard.exchange import fmt
from dashboard.view import meeting, slides, tables, ui

_LOG = logging.getLogger(__name__)

if ui.show_build_problems():  # (its CSS comes with the app's, app.py)
    st.stop()

# The förbund and period named in the URL, else the current förbund and its latest period. A
# link that names what the data does not have says so, shows what it has, and offers the start.
forbund_years = ui.shared(overview.forbund_years)
if not forbund_years:
    st.title("Inga förbund ännu")
    ui.no_forbund_yet()
asked = st.query_params.get("forbund")
forbund = asked if asked in forbund_years else next(iter(forbund_years))
periods = ui.load(meeting.periods, forbund)
if not periods:  # a förbund just created: nothing to present until its budget is imported
    st.title(fmt.plain(forbund))
    st.info(
        f"Datan har ingen budget eller något utfall för {fmt.plain(forbund)} ännu, så det finns inget att "
        "visa på väggen. En redaktör importerar förbundets arbetsbok (bladet Budget) på sidan Data."
    )
    st.stop()
asked_period = st.query_params.get("period")
period = slides.period_from_url(asked_period, periods)
wrong = []
if asked is not None and asked != forbund:
    wrong.append(f"förbundet ”{fmt.plain(asked[:200])}” finns inte i datan")
if asked_period is not None and asked_period != period.isoformat():
    wrong.append(
        f"perioden ”{fmt.plain(asked_period[:40])}” finns inte för {fmt.plain(forbund)} (perioderna i datan "
        f"slutar {', '.join(fmt.date(p) for p in periods)})"
    )
if wrong:
    _LOG.warning("A presentation link named what the data lacks: forbund=%r period=%r", asked, asked_period)
    st.warning(
        f"Adressen stämmer inte: {' och '.join(wrong)}. Visar {fmt.plain(forbund)}, perioden som slutar "
        f"{fmt.date(period)}."
    )

    def start_over() -> None:
        st.query_params.clear()
        st.query_params["presentation"] = "1"

    st.button("Till presentationens början", on_click=start_over)
deck = ui.shared(slides.slides, forbund, period)  # read, never changed
current = slides.step(st.query_params.get("vy"), len(deck))
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
        st.rerun()
with st.container(key="slide-keys"):  # out of sight: takes no room on the slide
    for shortcut, target in (("Left", -1), ("PageUp", -1), ("Right", 1), ("PageDown", 1)):
        index = min(max(current + target, 0), len(deck) - 1)
        st.button(shortcut, key=f"key-{shortcut}", shortcut=shortcut, on_click=go_to, args=(index,))
    # Each new slide opens at its top, whatever the last one was scrolled to.
    st.html(slides.scroll_to_top(current), unsafe_allow_javascript=True)
