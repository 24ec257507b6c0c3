"""Budget och utfall: the board's view of its money, per line, period and year."""

import streamlit as st

from dashboard import budget, charts, export, figures, fmt, tables, ui

st.title("Budget och utfall")
if ui.show_build_problems():
    st.stop()

forbund, ar = ui.forbund_and_year()
with st.expander("Gränser för avvikelser"):
    low_col, high_col = st.columns(2)
    low = low_col.number_input("Liten avvikelse från (%)", 0.0, 100.0, 5.0, 1.0)
    high = high_col.number_input("Stor avvikelse från (%)", 0.0, 100.0, 10.0, 1.0)
thresholds = budget.Thresholds(low / 100, max(high, low) / 100)

periods = ui.load(budget.utfall_periods, forbund, ar)
till = None
if len(periods) > 1:  # several months imported: the board may look back at an earlier one
    till = st.selectbox("Utfall t.o.m.", periods, format_func=fmt.date)
lines = ui.load(budget.lines, forbund, ar, till)
table = ui.load(budget.board, forbund, ar, till, thresholds.low, thresholds.high)
source = budget.source(ui.snapshot_cursor(), lines)
measure = table.attrs["outcome_measure"]
until = table.attrs["utfall_till"]
period = budget.period_label(table, ar)
st.caption(f"{forbund}, {period}. Källa: {fmt.plain(source)}.")
missing = int((lines["utfall"].isna() & lines["budget"].notna()).sum())
if until is not None and missing:
    st.warning(
        f"Utfall t.o.m. {fmt.date(until)} saknas för {missing} av {len(lines)} poster; de visas som "
        f"{fmt.MISSING} och räknas inte i summorna. En redaktör kan importera hela periodens utfall "
        "på sidan Data."
    )

# The board's three questions, answered in words before any table.
result = table[table["radtyp"] == "resultat"].iloc[0]
costs = table[(table["radtyp"] == "summa") & (table["grupp"].astype(str) != budget.INTAKTER)]
cols = st.columns(3)
if until is not None:
    used = costs["utfall"].sum()
    planned = costs["budget"].sum()
    cols[0].metric(
        f"Kostnader t.o.m. {fmt.date(until)}",
        fmt.kr(-used),
        help=f"Utfall mot helårsbudget {fmt.kr(-planned)}.",
    )
    year_gone = fmt.pct(table.attrs["share_of_year"], 0)
    cols[0].caption(f"{fmt.pct(used / planned, 0)} av årets budget; {year_gone} av året har gått.")
if measure is not None:
    cols[1].metric(f"Resultat, {measure} {ar}", fmt.kr(result["utfall_ar"]))
if measure is not None and result["budget"] == result["budget"]:  # a budget exists (not NaN)
    cols[1].caption(f"Budget {fmt.kr(result['budget'])}.")
    cols[2].metric("Mot budget", fmt.signed_kr(result["avvikelse"]), help=f"{measure} minus budget")
    cols[2].caption(f"{result['status']} för helåret.")
elif measure is not None:
    cols[2].info(f"Dokumenten ger ingen budget för {ar}, så avvikelsen kan inte räknas.")
else:
    cols[1].info(f"För {ar} finns bara budget i dokumenten; utfall och prognos saknas.")

shown = budget.display_table(table, ar)
money, shares = budget.money_columns(shown), budget.share_columns(shown)
st.subheader("Per post")
st.dataframe(
    tables.board_style(shown, table, money, shares),
    hide_index=True,
    width="stretch",
    height=ui.table_height(len(shown)),
    column_config=tables.board_column_widths(shown),
)
st.caption(
    "Avvikelse = utfall för helåret minus budget; plus är bra för resultatet (en kostnad under "
    f"budget, en intäkt över). Små avvikelser från {fmt.number(low)} %, stora från {fmt.number(high)} %. "
    "▲ bättre, ▼ sämre, ● i nivå; förbrukat: ▽ låg, △ hög eller ○ i takt med den del av året som gått."
)

deviating = budget.largest_deviations(table)
if not deviating.empty:
    st.subheader("Störst avvikelser")
    for row in deviating.itertuples():
        text = f"**{fmt.plain(row.post)}**: {fmt.signed_kr(row.avvikelse)} ({row.status})"
        st.markdown(text + (f"  \n{fmt.plain(row.kommentar)}" if isinstance(row.kommentar, str) else ""))

for_export = budget.display_table(table, ar, for_export=True)
heading = [f"Budget och utfall – {forbund}, {period}", f"Källa: {source}"]
down1, down2 = st.columns(2)
down1.download_button(
    "Ladda ner tabellen (Excel)",
    lambda: export.xlsx_bytes(  # built when clicked, not on every run
        for_export,
        "Budget och utfall",
        heading,
        budget.money_columns(for_export),
        budget.share_columns(for_export),
    ),
    file_name=f"budget-och-utfall-{ar}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
down2.download_button(
    "Ladda ner tabellen (CSV)",
    lambda: shown.to_csv(index=False, sep=";").encode("utf-8-sig"),
    file_name=f"budget-och-utfall-{ar}.csv",
    mime="text/csv",
)

st.subheader("Diagram")
sort = st.radio(
    "Sortera posterna",
    ["storlek", "avvikelse"],
    horizontal=True,
    format_func={"storlek": "efter budget", "avvikelse": "efter avvikelse"}.get,
)
st.plotly_chart(
    ui.shared(figures.budget_bars, forbund, ar, till, thresholds.low, thresholds.high, sort),
    theme=None,
    config=charts.download_config(f"budget-per-post-{ar}"),
)
st.plotly_chart(
    ui.shared(figures.result_waterfall, forbund, ar, till, thresholds.low, thresholds.high),
    theme=None,
    config=charts.download_config(f"resultat-{ar}"),
)
st.caption("Diagrammen sparas som PNG med kameraknappen uppe till höger i varje diagram.")

st.subheader("Nyckeltal mot förbundets egna mål")
for ratio in ui.load(budget.ratios, forbund, ar, table):
    with st.container(border=True):
        left, right = st.columns([1, 3])
        left.metric(ratio.label, ratio.text)
        right.markdown(f"**{ratio.verdict}**" if ratio.verdict else "")
        right.caption(ratio.rule)

st.subheader("Över åren")
measure_key = st.radio(
    "Visa", list(budget.HISTORY_MEASURES), horizontal=True, format_func=budget.HISTORY_MEASURES.get
)
every_forbund = st.toggle(
    "Visa alla förbund",
    help=f"Annars visas {forbund} och de förbund som gått upp i det eller i samma förbund.",
)
county_sum = st.toggle("Summera de tre tidigare förbunden till ett länstotal")
if county_sum:
    st.caption(
        "Länstotalen är beräknad här, inte tryckt i något dokument, och visas bara för år där "
        "alla tre förbund har en siffra."
    )
st.plotly_chart(
    ui.shared(figures.history, measure_key, county_sum, None if every_forbund else forbund),
    theme=None,
    config=charts.download_config(f"over-aren-{measure_key}"),
)
st.caption(
    "Varje stapel är årets bästa uppgift: bokslut (hel), prognos (prickad), förväntat utfall "
    "(kryss) eller budget (randig). Håll muspekaren över en stapel för mått och belopp."
)

st.subheader("En post över åren")
mapped = ui.load(budget.insats_posts, forbund)
if mapped:
    post = st.selectbox("Insats", mapped)
    insats = ui.load(budget.insats_history, forbund, post)
    st.plotly_chart(
        ui.shared(figures.insats_history, forbund, post),
        theme=None,
        config=charts.download_config(f"insats-{ar}"),
    )
    st.dataframe(budget.insats_history_table(insats), hide_index=True, width="stretch")
    st.caption("Samma insats känns igen över åren och förbunden genom kopplingen i data/insats_posts.csv.")
else:
    st.info("Ingen av förbundets poster detta år är kopplad till en insats i data/insats_posts.csv.")
