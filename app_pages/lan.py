"""Länsjämförelse: the kommuner side by side, against the county and the country."""

import streamlit as st

from dashboard import charts, county, figures, tables, ui

st.title("Länsjämförelse")
if ui.show_build_problems():
    st.stop()

left, right = st.columns([3, 1])
keys = list(county.MEASURES)
opening, opening_year = ui.shared(county.default_measure)  # a measure every kommun has
key = left.selectbox("Mått", keys, index=keys.index(opening), format_func=lambda k: county.MEASURES[k].label)
measure = county.MEASURES[key]
breakdown = county.DEFAULT_BREAKDOWN
options = ui.load(county.breakdowns)
if key == "hel_andel" and options["alder"]:
    b1, b2, b3 = st.columns(3)
    breakdown = (
        b1.selectbox("Ålder", options["alder"], format_func=lambda a: f"{a.replace('-', '–')} år"),
        b2.selectbox("Kön", options["kon"]),
        b3.selectbox("Ersättningssystem", options["ersattningssystem"]),
    )
years, default = ui.shared(county.year_choice, key, breakdown)
if not years:
    st.warning("Det importerade urvalet har inga värden; välj ett annat.")
    st.stop()
default = opening_year if key == opening else default
ar = right.selectbox("År", years, index=years.index(default) if default in years else len(years) - 1)
st.caption(measure.definition)

view = ui.shared(county.ranking_view, key, ar, breakdown)  # read, never changed
if view.missing:
    st.warning(
        f"Inga kommunvärden för {measure.label.lower()} {ar}: {view.missing}. "
        "Importen finns längst ner på sidan."
    )
map_col, rank_col = st.columns([1, 1])
map_col.plotly_chart(
    ui.shared(figures.county_map, key, ar, breakdown),
    theme=None,
    config=charts.download_config(f"karta-{key}-{ar}"),
)
rank_col.plotly_chart(
    ui.shared(figures.ranking_bars, key, ar, breakdown),
    theme=None,
    config=charts.download_config(f"rangordning-{key}-{ar}"),
)
st.caption(f"Kommungränser: {county.boundary_source()}")
st.html(view.html)
if measure.high_is_bad:
    st.caption(
        "Som i Kolada: färgen visar kommunens plats bland de jämförda, där ett högt värde är sämre "
        "(högsta tredjedelen röd, mellersta gul, lägsta grön). Platsen står också utskriven. "
        "Saknade värden visas som ”–” med orsak, aldrig som noll."
    )
if key == "hel_andel":
    for alder in ("20-64", "20-29"):
        check = ui.load(county.ranking_check, alder)
        if check == "ok":
            st.success(
                f"De importerade siffrorna för 2022 ({alder.replace('-', '–')} år) ger samma rangordning "
                "som 004 avsnitt 4."
            )
        elif check:
            st.error(check)

st.subheader("Riket: helårsekvivalenter per ersättningssystem")
st.plotly_chart(
    ui.shared(figures.country_composition),
    theme=None,
    config=charts.download_config("riket-ersattningssystem"),
)
st.caption(
    "Källa: SCB, Hushållens ekonomi, Antalet helårsekvivalenter. ”Totalt” är det publicerade talet; "
    "för 2020 är det 790 242 medan delarna summerar till 793 210."
)

st.subheader("Kommunprofil")
names = ui.shared(county.kommun_labels)
kommunkod = st.selectbox("Kommun", list(names), format_func=names.get)
profile = ui.shared(county.profile_view, kommunkod)
st.html(profile.matt)
st.plotly_chart(
    ui.shared(figures.trend, kommunkod, "Helårsekvivalenter, andel av befolkningen 20–64, över åren"),
    theme=None,
    config=charts.download_config(f"trend-{kommunkod}"),
)
if not profile.has_trend:
    st.caption(f"Kommunens egen serie saknas: {county.SCB_IMPORT_HINT}.")
c1, c2 = st.columns(2)
c1.markdown("**Förbund**")
c1.html(profile.forbund)
c2.markdown("**Kommunens bidrag till förbundet**")
c2.html(profile.bidrag)
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

st.subheader("SCB-data")
st.write(
    "Helårsekvivalenter per kommun från SCB:s statistikdatabas (HE0000) importeras av en "
    "redaktör på sidan Data (i menyn)."
)
log = ui.load(county.imports)
if not log.empty:
    st.html(tables.html_table(log, ["Import", "Rader"]))
