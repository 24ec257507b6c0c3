"""Teamkapacitet: what each team has, takes and costs, and what a change would give."""

import streamlit as st

from dashboard.domain import capacity, county, regions, registrations
from dashboard.exchange import fmt
from dashboard.view import capacity_view, charts, figures, ui

st.title("Teamkapacitet")
if ui.show_build_problems():
    st.stop()

# The förbund of the län of the förbund shown (the documents' four in Västmanland, a national
# installation's own län): the members compare their teams.
shown = ui.shown_forbund()
together = ui.shared(county.neighbours, shown) if shown else None
# The years with a team's plan or budget, and the years the teams' registrations cover.
years = sorted(
    set(ui.load(capacity.plan_years, together))
    | set(ui.load(registrations.years, together if together is not None else ()))
)
if not years:
    if ui.no_forbund_in_data():
        ui.no_forbund_yet()
    st.info(
        "Datan har inga insatser med budget, bemanning eller platser ännu. En redaktör fyller i "
        "förbundets arbetsbok (bladen Insatser, Bemanning, Platser och Deltagare) och importerar den "
        "på sidan Data."
    )
    ui.data_page_link()
    st.stop()
ar = ui.year(years, key="team-ar")
view = ui.shared(capacity_view.team_view, ar, together)  # read, never changed
lan = ui.shared(county.lan_of, shown) if shown else None
whose = f"i {regions.lan_name(lan)}s förbund" if lan else f"i {shown}"
st.caption(
    f"Alla insatser {whose} med budget, bemanning eller platser {ar}. Bemanning och platser är den senaste "
    "plan som tryckts till och med året (året står inom parentes); budgeten är förbundets för "
    f"{ar}, samma siffror som på sidan Budget och utfall."
)

st.subheader("Vad varje team har, tar emot och kostar")
st.html(view.answer_html)  # made once per year: every column in view, names wrap, figures whole
if view.without_staffing:
    st.info(
        "Dokumenten trycker ingen bemanning för: " + ", ".join(view.without_staffing) + ". "
        "Sidan gissar inte; kostnad per plats och per årsarbetare kan inte räknas för dem."
    )
for remark in view.remarks:
    st.markdown(remark)
st.caption(
    "FTE = årsarbetare. Budget = förbundets budget för insatsen. Kostnad per plats = budgeten delad "
    "med tryckta platser (ett spann när platserna är ett spann). " + view.sources
)
# Long tables in expanders are sent when opened: a closed expander's HTML is still drawn.
detail = ui.lazy_expander(
    "Kommuner, deltagare och kostnad per årsarbetare, medlemmarnas egen finansiering", key="team-detail"
)
if detail.open:
    detail.html(view.detail_html)
    detail.caption(
        "Medlemmarnas egen personal syns inte i förbundets budget; där dokumenten säger vem som "
        "finansierar står det i sista kolumnen."
    )

if view.has_staffing:
    staffing = ui.lazy_expander("Diagram: årsarbetare per team och arbetsgivare", key="team-staffing")
    if staffing.open:  # Plotly's code is loaded when a chart is wanted, not with every visit
        staffing.plotly_chart(
            ui.shared(figures.staffing, ar, together),
            theme=None,
            config=charts.download_config(f"bemanning-{ar}"),
        )
    roles = ui.lazy_expander("Bemanning per roll, som tryckt", key="team-roles")
    if roles.open:
        roles.html(view.staffing_html)
        roles.caption(fmt.plain(view.staffing_sources))

st.subheader(f"Beläggning och flöden {ar} enligt teamens registreringar")
registered = ui.shared(capacity_view.registration_view, ar, together, (shown,) if shown else None)
if registered.missing:
    st.info(registered.missing)
    if not registered.teams:
        ui.data_page_link(label="Importera registreringar på sidan Data")
else:
    st.markdown(f"**Månaden som visas:** {registered.month_text}.")
    st.html(registered.latest_html)
    st.caption(capacity_view.REGISTRATION_RULES)
    st.caption(f"Källa: {fmt.plain(registered.source)}.")  # the lists imported on Data
    for line in registered.printed:
        st.markdown(line)
    chart_box = ui.lazy_expander(
        "Diagram: aktiva deltagare månad för månad mot planerade platser", key="team-months"
    )
    if chart_box.open:
        team_name = chart_box.selectbox("Team", registered.teams, key="team-months-team")
        rows = registered.chart[registered.chart["namn"] == team_name].sort_values("manad_slut")
        chart_box.plotly_chart(
            charts.occupancy_bars(rows, team_name),  # a dozen points, from the view already made
            theme=None,
            config=charts.download_config(f"belaggning-{ar}"),
        )
    if registered.residents_html:
        st.markdown(f"**Deltagare {ar} per kommun i länet där de bor** (varje deltagare en gång per insats)")
        st.html(registered.residents_html)
        st.caption(
            "Kommun enligt teamets registrering; den som bor i ett annat län räknas där, på sidan "
            "Länsjämförelse. En deltagare räknas i varje insats hen deltog i under året; Totalt i länet "
            "summerar kommunerna. Antal 1–4 visas som <5, och ett till döljs (”dolt”) där summorna här "
            "eller på Länsjämförelse annars skulle avslöja det."
        )

st.subheader(f"Deltagare och resultat {ar}")
printed = ui.shared(capacity_view.participants_view, ar, together)  # read, never changed
if printed.missing:
    st.info(printed.missing)
else:
    st.markdown("\n\n".join(printed.headline))  # Markdown made in capacity_view, file text escaped
    st.html(printed.html)
    st.caption(fmt.plain(printed.sources))
    st.caption(fmt.plain(printed.utilisation))

st.subheader("Hur deltagare, personal och styrelse ser på samverkan")
groups = ui.load(capacity.survey_groups, together)
if not groups:
    st.info("Datan har inga enkätsvar om samverkan.")
else:
    group = ui.segments(st, "Svarsgrupp", groups)
    survey_years = ui.shared(capacity_view.survey_years, group, together)
    survey = ui.lazy_expander(f"Diagram: svarsgruppen {survey_years}", key="team-survey")
    if survey.open:
        survey.plotly_chart(
            ui.shared(figures.survey, group, together),
            theme=None,
            config=charts.download_config("indikatorer"),
        )
    with st.expander("Frågorna"):
        st.html(ui.shared(capacity_view.questions_html, group, together))
    st.caption(fmt.plain(ui.shared(capacity_view.survey_caption, group, together)))

st.subheader("Kapacitetsplanering")
plannable = view.plannable
if plannable.empty:
    st.info(f"Inget team har både tryckt bemanning och tryckta platser för {ar}.")
else:
    # Opened when wanted: its sliders (and their code in the browser) cost a visit nothing until then.
    planner = ui.lazy_expander("Planera: ändra bemanning och budget för ett team", key="team-planner")
    if planner.open:
        names = plannable["namn"].to_dict()  # one lookup per option, not a frame index each
        team_id = planner.selectbox("Team", plannable.index, format_func=names.get)
        team = plannable.loc[team_id]
        planner.caption(
            "Ändra årsarbetare per roll eller budgeten. Inget sparas; de riktiga siffrorna ändras inte."
        )
        cols = planner.columns(3)
        new_fte = 0.0
        for i, (roll, arbetsgivare, fte) in enumerate(view.roles.get(team_id, [])):
            steps = capacity_view.fte_steps(fte)
            step_labels = {v: fmt.number(v, 2 if round(v, 1) != v else 1) for v in steps}
            new_fte += cols[i % 3].select_slider(
                f"{roll} ({arbetsgivare})",
                steps,
                value=round(fte, 2),
                format_func=step_labels.get,
                key=f"fte-{team_id}-{i}",
            )
        printed_budget = team["budget_kostnad"] if team["budget_kostnad"] == team["budget_kostnad"] else 0
        budget_kostnad = planner.select_slider(
            "Förbundets budget för teamet",
            capacity_view.budget_steps(printed_budget),
            value=int(printed_budget),
            format_func=fmt.kr,
            key=f"budget-{team_id}",
        )
        result = capacity.plan(team, new_fte, budget_kostnad)
        # Two figures a row at most: a cost range ("23 800–26 100 kr") needs half the page at 1280 px.
        m1, m2 = planner.columns(2)
        change = new_fte - team["fte"]
        m1.metric(
            "Årsarbetare",
            fmt.fte(new_fte),
            delta=fmt.signed(change, f"{fmt.fte(change)} FTE") if abs(change) > 1e-9 else None,
        )
        m2.metric("Planerade platser", capacity_view.range_text(result.places_min, result.places_max))
        m3, _ = planner.columns(2)
        m3.metric(
            "Kostnad per plats",
            capacity_view.range_text(result.cost_per_place_min, result.cost_per_place_max, money=True),
        )
        planner.caption(capacity_view.plan_assumption(team))
