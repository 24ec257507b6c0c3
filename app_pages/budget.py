"""Budget och utfall: the board's view of its money, per line, period and year."""

import streamlit as st

from dashboard.domain import budget
from dashboard.exchange import export, fmt
from dashboard.view import budget_view, charts, figures, ui

st.title("Budget och utfall")
if ui.show_build_problems():
    st.stop()

forbund, ar = ui.forbund_and_year()
ui.no_budget_yet(forbund, ar)
# The limits are kept for the session while their box is closed; its inputs are sent only
# when it is open.
LOW, HIGH = 5, 10  # the limits until a person sets others (whole percent)
low, high = st.session_state.get("budget-low", LOW), st.session_state.get("budget-high", HIGH)
limits = ui.lazy_expander("Gränser för avvikelser", key="budget-limits")
if limits.open:
    low_col, high_col = limits.columns(2)
    kept = {"format": "%d", "persist_state": "session"}
    low = low_col.number_input("Liten avvikelse från (%)", 0, 100, LOW, 1, key="budget-low", **kept)
    high = high_col.number_input("Stor avvikelse från (%)", 0, 100, HIGH, 1, key="budget-high", **kept)
thresholds = budget.Thresholds(low / 100, max(high, low) / 100)

periods = ui.shared(budget.utfall_periods, forbund, ar)  # read, never changed
till = None
if len(periods) > 1:  # several months imported: the board may look back at an earlier one
    # in the order of the year, the latest chosen
    till = ui.segments(st, "Utfall t.o.m.", sorted(periods), periods[0], format_func=fmt.date)
# read, never changed
view = ui.shared(budget_view.board_view, forbund, ar, till, thresholds.low, thresholds.high)
table = view.table
period = budget_view.period_label(table, ar)
st.caption(f"{fmt.plain(forbund)}, {period}.")
ui.show_source(view.source_links)
if view.missing:
    st.warning(view.missing)

# The board's three questions, answered in words before any table.
for column, answer in zip(st.columns(3), view.answers, strict=True):
    if answer and answer.notice:
        column.info(answer.notice)
    elif answer:
        column.metric(answer.label, answer.value, help=answer.help)
        if answer.caption:
            column.caption(answer.caption)

shown = view.shown
st.subheader("Per post")
st.html(view.html)  # made once per view: every row and heading in view, as the board reads it
st.caption(
    "Avvikelse = utfall för helåret minus budget; plus är bra för resultatet (en kostnad under "
    f"budget, en intäkt över). Små avvikelser från {fmt.number(low)} %, stora från {fmt.number(high)} %. "
    "▲ bättre, ▼ sämre, ● i nivå; förbrukat: ▽ låg, △ hög eller ○ i takt med den del av året som gått."
)

st.subheader("Störst avvikelser")
st.markdown("\n\n".join(view.deviations) or view.no_deviation)
if view.comments:
    st.markdown("**Övriga kommentarer**\n\n" + view.comments)

heading = [f"Budget och utfall – {forbund}, {period}", f"Källa: {view.source}"]


def excel() -> bytes:  # made when the button is clicked, not on every run
    for_export = budget_view.display_table(table, ar, for_export=True)
    return export.xlsx_bytes(
        for_export,
        "Budget och utfall",
        heading,
        budget_view.money_columns(for_export),
        budget_view.share_columns(for_export),
    )


# In a box: the download's code loads when wanted, not with every visit (README: Performance).
downloads = ui.lazy_expander("Ladda ner tabellen (Excel eller CSV)", key="budget-downloads")
if downloads.open:
    down1, down2 = downloads.columns(2)
    down1.download_button(
        "Ladda ner tabellen (Excel)",
        excel,
        file_name=f"budget-och-utfall-{ar}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",  # made on the click, no rerun: a rerun would drop it first
    )
    down2.download_button(
        "Ladda ner tabellen (CSV)",
        lambda: export.csv_bytes(shown),
        file_name=f"budget-och-utfall-{ar}.csv",
        mime="text/csv",
        on_click="ignore",  # made on the click, no rerun: a rerun would drop it first
    )

st.subheader("Diagram")
# Charts are drawn when opened: Plotly's code is loaded then, not with every visit.
diagram = ui.lazy_expander("Kostnader per post och vägen till resultatet", key="budget-diagram")
if diagram.open:
    sort = diagram.radio(
        "Sortera posterna",
        ["storlek", "avvikelse"],
        horizontal=True,
        format_func={"storlek": "efter budget", "avvikelse": "efter avvikelse"}.get,
    )
    diagram.plotly_chart(
        ui.shared(figures.budget_bars, forbund, ar, till, thresholds.low, thresholds.high, sort),
        theme=None,
        config=charts.download_config(f"budget-per-post-{ar}"),
    )
    diagram.plotly_chart(
        ui.shared(figures.result_waterfall, forbund, ar, till, thresholds.low, thresholds.high),
        theme=None,
        config=charts.download_config(f"resultat-{ar}"),
    )
    diagram.caption("Diagrammen sparas som PNG med kameraknappen uppe till höger i varje diagram.")

st.subheader("Nyckeltal mot förbundets egna mål")
for ratio in view.ratios:
    with st.container(border=True):
        left, right = st.columns([2, 3])
        left.metric(ratio.label, ratio.text)
        right.markdown(f"**{ratio.verdict}**" if ratio.verdict else "")
        right.caption(ratio.rule)

st.subheader("Över åren")
# The chart's own choices are inside its box: opened, the page sends them with the chart.
history = ui.lazy_expander("Diagram: över åren", key="budget-history")
if history.open:
    measure_key = history.radio(
        "Visa", list(budget.HISTORY_MEASURES), horizontal=True, format_func=budget.HISTORY_MEASURES.get
    )
    every_forbund = history.toggle(
        "Visa alla förbund",
        help=f"Annars visas {forbund} och de förbund som gått upp i det eller i samma förbund.",
    )
    merger = ui.shared(budget.merger_of, forbund)  # (the förbund that took over, year, the former)
    county_sum = False
    if merger is not None:
        county_sum = history.toggle(f"Summera de {len(merger[2])} tidigare förbunden till en total")
    if county_sum:
        history.caption(
            "Totalen är beräknad här, inte tryckt i något dokument, och visas bara för år där "
            f"alla {len(merger[2])} förbund har en siffra."
        )
    history.plotly_chart(
        ui.shared(figures.history, measure_key, county_sum, forbund, every_forbund),
        theme=None,
        config=charts.download_config(f"over-aren-{measure_key}"),
    )
    history.caption(
        "Varje stapel är årets bästa uppgift: bokslut (hel), prognos (prickad), förväntat utfall "
        "(kryss) eller budget (randig). Håll muspekaren över en stapel för mått och belopp."
    )

st.subheader("En post över åren")
choices = ui.shared(budget.insats_choices, forbund)  # read, never changed: {insats_id: name}
if choices:
    # Below the fold, opened when wanted: the list, the table and the chart come with the box.
    one = ui.lazy_expander(f"Välj en av {len(choices)} insatser och se den över åren", key="budget-insats")
    if one.open:
        insats_id = one.selectbox("Insats", list(choices), format_func=choices.get)
        one.html(ui.shared(budget_view.insats_history_view, insats_id))
        one.caption(
            "Samma insats känns igen över åren och förbunden, även där dokumenten stavar budgetposten "
            "olika; kolumnen Post visar postens namn som det står i varje dokument."
        )
        one.plotly_chart(
            ui.shared(figures.insats_history, forbund, insats_id),
            theme=None,
            config=charts.download_config(f"insats-{insats_id}"),
        )
else:
    st.info("Ingen av förbundets budgetposter är knuten till en insats som följs över åren.")
