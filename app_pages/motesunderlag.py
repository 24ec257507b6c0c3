"""Mötesunderlag: the board pack as PDF and PowerPoint, in one step."""

import datetime as dt

import streamlit as st

from dashboard.exchange import fmt
from dashboard.view import meeting, pack, pack_pdf, pack_pptx, ui

st.title("Mötesunderlag")
if ui.show_build_problems():
    st.stop()

forbund, ar = ui.forbund_and_year()
# The date the utfall runs to (a delår) first: the period the board's papers are about.
periods = sorted(
    (p for p in ui.load(meeting.periods, forbund) if p.year == ar), key=lambda p: (p.month, p.day) == (12, 31)
)
if not periods:
    st.info(f"Datan har ingen period {ar} för {fmt.plain(forbund)} att göra ett underlag om.")
    st.stop()
period = ui.segments(st, "Period som slutar", periods, format_func=fmt.date)
offered = ui.load(meeting.meetings, forbund, ar)  # the chosen year's first
if offered.empty:
    st.info(
        f"Datan har inget årshjul för {fmt.plain(forbund)}, så det finns inga mötesdatum att välja bland. "
        "Mötet gäller i dag; ange ett annat datum i rutan nedan."
    )
    chosen = None
else:
    labels = [f"{fmt.date(r.datum.date())}, {r.motestyp}" for r in offered.itertuples()] + ["Annat datum"]
    # A box named after the meeting_day shown, its list drawn when opened (ui.choice_box); a choice
    # holds for this förbund and period, another period starts at its own likely meeting_day.
    chosen = ui.choice_box(
        st,
        "Möte",
        list(range(len(labels))),
        f"mote-{forbund}-{period}",
        meeting.default_meeting(offered, period),
        labels.__getitem__,
        count=len(offered),
    )
    st.caption(fmt.plain(meeting.meetings_note(offered, ar)))
    if chosen == len(labels) - 1:
        chosen = None
if chosen is None:
    # Any date, in a box named after it: the date field is drawn when the box is opened, and
    # the date is kept for the session while it is closed.
    meeting_day = st.session_state.get("mote-datum", dt.date.today())
    day_box = ui.lazy_expander(f"Mötets datum: {fmt.date(meeting_day)}", key="mote-datum-box")
    if day_box.open:
        kept = {"key": "mote-datum", "persist_state": "session"}
        meeting_day = day_box.date_input(
            "Mötets datum (år-månad-dag)", meeting_day, format="YYYY-MM-DD", **kept
        )
else:
    meeting_day = offered["datum"].iloc[chosen].date()
# Every view in sight, each one click to leave out or take in again.
every_view = list(meeting.VIEWS)
views = st.pills(
    "Vyer", every_view, selection_mode="multi", default=every_view, format_func=meeting.VIEWS.get
)
if not views:
    st.caption("Välj minst en vy.")

if st.button("Skapa underlaget", type="primary", disabled=not views):
    with st.status("Skapar underlaget …", expanded=True) as status:
        made = pack.build(ui.snapshot_cursor(), forbund, period, meeting_day, views)
        bar = st.progress(0.0, "Diagram ritas som bilder …")
        pack.render_images(made, lambda i, n: bar.progress(i / n, f"Diagram {i} av {n} klart"))
        st.write("PDF och PowerPoint skrivs …")
        st.session_state["pack"] = (pack_pdf.to_pdf(made), pack_pptx.to_pptx(made), f"{forbund}-{period}")
        status.update(label="Underlaget är klart.", state="complete")
if "pack" in st.session_state:
    pdf, pptx, stem = st.session_state["pack"]
    name = stem.replace(" ", "-").lower()
    d1, d2 = st.columns(2)
    d1.download_button("Ladda ner PDF", pdf, file_name=f"motesunderlag-{name}.pdf", mime="application/pdf")
    d2.download_button(
        "Ladda ner PowerPoint",
        pptx,
        file_name=f"motesunderlag-{name}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )
st.caption("Diagrammen i underlaget är samma Plotly-diagram som på skärmen. Varje vy anger sin källa.")
