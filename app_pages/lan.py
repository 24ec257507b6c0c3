"""Länsjämförelse: the kommuner side by side, against the county and the country."""

import streamlit as st

from dashboard.domain import county, county_measures, regions, registrations_county
from dashboard.exchange import fmt
from dashboard.view import charts, county_view, figures, ranking_map, tables, ui

st.title("Länsjämförelse")
if ui.show_build_problems():
    st.stop()

# The län of the förbund shown (on every page the same), any other län a click away.
forbund = ui.shown_forbund()
home = (ui.shared(county.lan_of, forbund) if forbund else None) or ui.shared(county.richest_lan)
lan = ui.choice_box(st, "Län", list(regions.LAN), "lan-lan", home, regions.lan_name)
if forbund and lan != home:
    st.caption(f"{fmt.plain(forbund)} hör till {regions.lan_name(home)}; här visas {regions.lan_name(lan)}.")
keys = ui.shared(county.available, lan)  # the measures the data has values for
opening, opening_year = ui.shared(county.default_measure, lan)  # a measure every kommun has
# Long lists as boxes named after what is shown (ui.choice_box), short ones as segments.
key = ui.choice_box(st, "Mått", keys, "lan-matt", opening, lambda k: county_measures.MEASURES[k].label)
measure = county_measures.MEASURES[key]
breakdown = county_measures.DEFAULT_BREAKDOWN
options = ui.load(county.breakdowns)
if key == "hel_andel" and options["alder"]:
    b1, b2, b3 = st.columns(3)
    alder = ui.segments(b1, "Ålder", options["alder"], format_func=lambda a: f"{a.replace('-', '–')} år")
    kon = ui.segments(b2, "Kön", options["kon"])
    system = ui.segments(b3, "Ersättningssystem", options["ersattningssystem"])
    breakdown = (alder, kon, system)
groups = ui.shared(county.groups, key)  # totalt, kvinnor, män where the publisher gives them
if len(groups) > 1:
    kon = st.segmented_control("Kön", groups, default=groups[0], key=f"kon-{key}") or groups[0]
    breakdown = (county_measures.DEFAULT_BREAKDOWN[0], kon, county_measures.DEFAULT_BREAKDOWN[2])
years, default = ui.shared(county.year_choice, key, breakdown, lan)
if not years:
    st.warning("Det importerade urvalet har inga värden; välj ett annat.")
    st.stop()
default = opening_year if key == opening else default
ar = ui.segments(st, "År", years, default if default in years else years[-1], key=f"lan-ar-{key}")
st.caption(measure.definition)

view = ui.shared(county_view.ranking_view, key, ar, breakdown, lan)  # read, never changed
if view.missing:
    st.warning(
        f"Inga kommunvärden för {measure.label.lower()} {ar}: {view.missing}. "
        "Importen finns längst ner på sidan."
    )
map_col, rank_col = st.columns([1, 1])
# Drawn as the page's own SVG and HTML: no Plotly to load before the page's answer.
the_map = ui.shared(figures.county_map, key, ar, breakdown, lan)
bars = ui.shared(figures.ranking_bars, key, ar, breakdown, lan)
map_col.html(ranking_map.map_html(the_map))
rank_col.html(ranking_map.bars_html(bars))
interactive = ui.lazy_expander("Kartan och rangordningen i Plotly: zooma, spara som PNG", key="lan-plotly")
if interactive.open:
    for fig, name in ((the_map, "karta"), (bars, "rangordning")):
        interactive.plotly_chart(fig, theme=None, config=charts.download_config(f"{name}-{key}-{ar}"))
st.caption(f"Kommungränser: {county.boundary_source()}")
if view.source:
    st.caption(f"Källa: {fmt.plain(view.source)}")
st.caption(county_view.colour_rule(measure))
# The bars above say it all but the words; the table, a row a kommun, is drawn when wanted.
table = ui.lazy_expander("Tabell: kommunernas plats, värde och färg, med länet och riket", key="lan-tabell")
if table.open:
    table.html(view.html)
if key == "hel_andel":
    for alder in ("20-64", "20-29"):
        check = ui.load(county.ranking_check, alder, lan)
        if check == "ok":
            st.success(
                f"De importerade siffrorna för 2022 ({alder.replace('-', '–')} år) ger samma rangordning "
                "som 004 avsnitt 4."
            )
        elif check:
            st.error(check)

names = ui.shared(county.kommun_labels, lan)
st.subheader("Över åren")
# A member kommun of the förbund shown first: the medlemssamråd asks how its own kommun compares.
own = [k for k in names if k in set(ui.shared(county.member_kommuner, forbund))] if forbund else []
kommunkod = ui.choice_box(st, "Kommun", list(names), "lan-kommun", (own or list(names))[0], names.get)
trend = ui.lazy_expander("Diagram: kommunen över åren", key="lan-trend")
if trend.open:  # Plotly is loaded when a chart is wanted, not with the page
    trend.plotly_chart(
        ui.shared(figures.trend, kommunkod, key, breakdown, lan),
        theme=None,
        config=charts.download_config(f"over-aren-{key}-{kommunkod}"),
    )
st.caption(
    f"{names[kommunkod]} mot {regions.lan_name(lan)} och riket, varje år datan har; "
    "källan står vid varje punkt."
)

st.subheader("Behov och pengar")
money = ui.lazy_expander(
    "Tabell: kommunernas bidrag och förbundets insatser per invånare, jämfört med behovet", key="lan-behov"
)
if money.open:  # a row a kommun, drawn when wanted
    money_years, money_default = ui.shared(county.money_years, lan)
    if not money_years:  # no förbund in the län has contributions or insatser in the data
        money.info(
            f"Datan har inga bidrag från kommunerna i {regions.lan_name(lan)} och ingen budget för "
            "insatser som tjänar dem. De kommer med förbundets arbetsbok (bladen Bidrag, Insatser och "
            "Budget) på sidan Data."
        )
    else:
        kept = {"key": "money-year", "persist_state": "session"}  # kept while the box is closed
        money_year = ui.segments(money, "År för behov och pengar", money_years, money_default, **kept)
        need = ui.shared(county_view.need_and_money, money_year, lan)  # read, never changed
        money.html(need.html)
        for note in need.notes:
            money.caption(note)

st.subheader("Deltagare per kommun")
# From the teams' own registrations (issue 27): where the insatser's participants live.
residents_years = ui.shared(registrations_county.lan_years, lan)
if not residents_years:
    st.info(county_view.no_registrations(lan))
    ui.data_page_link(st, "Till sidan Data: Deltagarnas registreringar")
else:
    residents = ui.lazy_expander(
        "Tabell: deltagare i insatserna per kommun där de bor, per 1 000 invånare 20–64", key="lan-deltagare"
    )
    if residents.open:  # a row a kommun, drawn when wanted
        kept = {"key": f"lan-deltagare-ar-{lan}", "persist_state": "session"}  # kept while closed
        residents_year = ui.segments(
            residents, "År för deltagarna", residents_years, residents_years[-1], **kept
        )
        shown = ui.shared(county_view.residents_view, lan, residents_year)  # read, never changed
        residents.html(shown.html)
        for note in shown.notes:
            residents.caption(note)

st.subheader("Kommunprofil")
st.caption(f"{names[kommunkod]}: varje mått mot länet och riket, förbundet, bidraget och insatserna.")
profile = ui.shared(county_view.profile_view, kommunkod, lan)
st.html(profile.matt)
if not profile.has_trend:
    st.caption(f"Kommunens egen serie av helårsekvivalenter {county.SCB_IMPORT_HINT}.")
st.markdown("**Förbund**")
st.html(profile.forbund)
st.markdown("**Kommunens bidrag till förbundet**")
if profile.bidrag is None:
    st.info("Datan har inga bidrag från kommunen; de kommer med förbundets arbetsbok (bladet Bidrag).")
else:
    st.html(profile.bidrag)
st.markdown("**Vad förbundet budgeterar för insatserna i kommunen**")
if profile.insatser is None:
    st.info("Dokumenten nämner ingen insats som tjänar just den här kommunen.")
else:
    st.html(profile.insatser)
    st.caption(
        "En insats som tjänar flera kommuner fördelas här efter kommunernas befolkning 20–64 år "
        "2024 (SCB); nyckeln står i kolumnen Kommunens andel. Förbundets budget är kostnad, "
        "kommunens bidrag står ovan."
    )

st.subheader("Riket: helårsekvivalenter per ersättningssystem")
country = ui.lazy_expander("Diagram: riket per ersättningssystem och år", key="lan-riket")
if country.open:
    country.plotly_chart(
        ui.shared(figures.country_composition),
        theme=None,
        config=charts.download_config("riket-ersattningssystem"),
    )
st.caption(
    "Källa: SCB, Hushållens ekonomi, Antalet helårsekvivalenter. ”Totalt” är det publicerade talet; "
    "för 2020 är det 790 242 medan delarna summerar till 793 210."
)

missing_measures = ui.shared(county.unavailable, lan)
if missing_measures:
    st.subheader("Mått som saknas")
    others = sorted({o for k in missing_measures for o in ui.shared(county.elsewhere, k, lan)})
    st.write(
        f"De publicerade tabeller som lästs in har inga kommunvärden i {regions.lan_name(lan)} för: "
        + ", ".join(county_measures.MEASURES[k].label.split(",")[0].lower() for k in missing_measures)
        + (f" (datan har dem för {', '.join(others)})" if others else "")
        + ". En redaktör kan importera en utgivares tabell (Regionfakta, Kolada, SCB, "
        "Arbetsförmedlingen) för vilken kommun, vilket län och riket som helst på sidan Data, "
        "under Publicerad statistik per kommun; värdena visas då här med sin källa."
    )

st.subheader("SCB-data")
st.write(
    "Helårsekvivalenter per kommun från SCB:s statistikdatabas (HE0000) importeras av en "
    "redaktör på sidan Data (i menyn)."
)
log = ui.load(county_view.imports)
if not log.empty:
    st.html(tables.html_table(log, ["Import", "Rader"]))
