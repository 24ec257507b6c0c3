"""Scenarier: the förbundschef tries budgets for the coming years; nothing real changes."""

import dataclasses

import streamlit as st

from dashboard.domain import overview, scenarios
from dashboard.exchange import fmt, scenario_excel, scope
from dashboard.store import writes
from dashboard.view import auth, charts, figures, scenarios_view, ui

st.title("Scenarier")
if ui.show_build_problems():
    st.stop()
st.caption(
    "Scenarier räknas från förbundets verkliga siffror men ändrar dem aldrig; sparade scenarier "
    "ligger i egna tabeller."
)

# A saved scenario opened last run: its assumptions seed the widgets.
opened: scenarios.Assumptions = st.session_state.get("scenario", scenarios.Assumptions())
percent = scenarios_view.PERCENT_STEPS
pct_label = scenarios_view.percent_labels().get  # made once per process, not per option and run
KR = scenarios_view.EDITOR_KR  # amounts in the editors as fmt.kr writes them


st.subheader("Utgångsläge")
# The session's förbund and year (an opened scenario sets them); each choice a segment.
round_key = f"-{hash(opened.to_json())}"  # an opened scenario draws the choices anew
forbund, base_year = ui.forbund_and_year(year_label="Basår", round_key=round_key)
ui.no_budget_yet(forbund, base_year)
if not ui.shared(overview.has_income, forbund, base_year):
    st.info(
        f"Budgeten och prognosen för {fmt.plain(forbund)} {base_year} har ingen intäktsrad i datan, så ett "
        "scenario från dem vore inte förbundets ekonomi. Välj ett annat basår, eller fyll i årets hela "
        "budget på arbetsbokens blad Budget (sidan Data)."
    )
    ui.data_page_link()
    st.stop()
c1, c2, _ = st.columns([1, 1, 2])
measure = ui.segments(c1, "Bas", ["prognos", "budget"], opened.base_measure, key=f"bas{round_key}")
horizon = ui.segments(c2, "År framåt", [1, 2, 3], opened.years, key=f"ar{round_key}")
basis_box = st.container()  # the base in words, once it is read below
# The answer comes first: filled once every assumption below has been read.
answer = st.container()

st.subheader("Medel")
m1, m2 = st.columns([2, 1])
state_change = m1.select_slider(
    "Statens medel (FK och AF)", percent, value=opened.state_change * 100, format_func=pct_label
)
from_years = list(range(base_year + 1, base_year + 1 + horizon))
change_from = ui.segments(m2, "Från år", from_years)
follow = ui.segments(  # a segment, not a toggle: one kind of control less to load
    st,
    "Region och kommuner",
    [True, False],
    opened.follow_finsam,
    format_func=lambda f: "följer staten (50/25/25)" if f else "egna ändringar",
)
region_change = kommun_change = 0.0
if not follow:
    r1, r2 = st.columns(2)
    region_change = r1.select_slider(
        "Regionens medel", percent, value=opened.region_change * 100, format_func=pct_label
    )
    kommun_change = r2.select_slider(
        "Kommunernas medel", percent, value=opened.kommun_change * 100, format_func=pct_label
    )

st.subheader("Kostnader")
k1, k2 = st.columns(2)
indexation = k1.select_slider(
    "Indexering per år", [i / 2 for i in range(0, 21)], value=opened.indexation * 100, format_func=pct_label
)
admin_change = k2.select_slider(
    "Administration", percent, value=opened.admin_change * 100, format_func=pct_label
)
assumptions = scenarios.Assumptions(
    forbund=forbund,
    base_year=base_year,
    base_measure=measure,
    years=horizon,
    state_change=state_change / 100,
    change_from=change_from,
    follow_finsam=follow,
    region_change=region_change / 100,
    kommun_change=kommun_change / 100,
    indexation=indexation / 100,
    admin_change=admin_change / 100,
    line_change=opened.line_change,
    line_change_kr=opened.line_change_kr,
    closed=opened.closed,
    added=opened.added,
    fte_change=opened.fte_change,
    cap_share=opened.cap_share,
    floor_kr=opened.floor_kr,
    admin_limit=opened.admin_limit,
)
# Read, never changed (the editors copy their tables).
base, line_levers, team_levers, new_lines = ui.shared(scenarios_view.starting_point, assumptions.to_json())
basis_box.caption(
    f"Bas: {measure} {base_year}, {base.source}. "
    f"Ingående eget kapital: {scenario_excel.opening_equity_text(base)}."
)
# The editors run only while their expander is open; their edits count either way, and
# start over when the basis (förbund, year, base, an opened scenario) changes.
basis = (forbund, base_year, measure, opened)
per_post = ui.lazy_expander(
    "Per post: ändra kostnaden, avsluta poster eller lägg till insatser", key="scenario-lines-open"
)
# Every column and name in view at 1280 px: the grid cannot wrap, so the names get their width
# and the figures a fixed one each.
lines = ui.kept_editor(
    per_post,
    "lines",
    basis,
    line_levers,
    height=ui.table_height(len(line_levers)),  # every post in view, nothing to scroll inside
    disabled=["Post", "Kostnad i basen"],
    column_config={
        "post": None,  # the line as printed: the scenario's key, named on the page by "Post"
        "Post": st.column_config.TextColumn(width=scenarios_view.text_width(line_levers["Post"], "Post")),
        "Kostnad i basen": st.column_config.NumberColumn(f"Kostnad {base_year}", format=KR, width=115),
        "Förändring %": st.column_config.NumberColumn(
            "Ändring %", format="localized", step=0.5, min_value=-100, width=110
        ),
        "Förändring kr": st.column_config.NumberColumn("Ändring kr", format=KR, step=1, width=110),
    },
)
if per_post.open:
    per_post.caption("Ändringarna gäller kostnaden varje år i scenariot, före indexeringen.")
added = ui.kept_editor(
    per_post,
    "added",
    basis,
    new_lines,
    num_rows="dynamic",
    column_config={
        "Kategori": st.column_config.SelectboxColumn(
            options=["individinsats", "strukturinsats", "administration"], required=True
        ),
        "Kostnad kr": st.column_config.NumberColumn("Kostnad kr/år", format=KR, step=1, min_value=0),
    },
)
# Closing a line is a choice of its own (a column more would not fit the editor at 1280 px),
# in the posts' box and kept for the session while it is closed (the edits' caption below
# names it); a new basis is a new field, starting from the opened scenario's.
line_names = scenarios.line_names(base)
closing_key = f"scenario-closed-{hash((forbund, base_year, measure, opened.to_json()))}"
closing = st.session_state.get(closing_key, [p for p in opened.closed if p in line_names])
if per_post.open:
    closing = per_post.multiselect(
        "Avsluta poster (ingen kostnad och inga platser från första året i scenariot)",
        list(line_names),
        default=[p for p in opened.closed if p in line_names],
        format_func=line_names.get,
        placeholder="Inga",
        key=closing_key,
        persist_state="session",
    )
per_team = ui.lazy_expander("Team: ändra årsarbetare (FTE)", key="scenario-teams-open")
teams = ui.kept_editor(
    per_team,
    "teams",
    basis,
    team_levers,
    disabled=["insats_id", "Team", "FTE i planen"],
    column_config={
        "insats_id": None,
        "Team": st.column_config.TextColumn(width=scenarios_view.text_width(team_levers["Team"], "Team")),
        "FTE i planen": st.column_config.TextColumn(alignment="right", width=120),
        "Förändring FTE": st.column_config.NumberColumn(
            "Ändring FTE", format="localized", step=0.1, width=130
        ),
    },
)
if per_team.open:
    per_team.caption(
        "En ändring av FTE kostar teamets egen kostnad per årsarbetare i basåret och ger platser "
        "efter teamets tryckta kvot (sidan Teamkapacitet)."
    )
# The rules, kept for the session while their box is closed (its sliders are sent only when
# it is open); the caption under it says what they are. An opened scenario brings its own.
rule_keys = {name: f"scenario-{name}{round_key}" for name in ("tak", "golv", "admin")}
cap = st.session_state.get(rule_keys["tak"], round(opened.cap_share * 100))
floor = st.session_state.get(rule_keys["golv"], int(opened.floor_kr))
admin_limit = st.session_state.get(rule_keys["admin"], round(opened.admin_limit * 100))
rules = ui.lazy_expander(
    "Regler: tak och golv för eget kapital, högsta andel administration", key="scenario-rules-open"
)
if rules.open:
    g1, g2, g3 = rules.columns(3)
    kept = {"persist_state": "session"}
    cap = g1.select_slider(
        "Tak för eget kapital, andel av årets medel",
        list(range(0, 51)),
        value=cap,
        format_func=lambda v: f"{v} %",
        key=rule_keys["tak"],
        **kept,
    )
    floor = g2.select_slider(
        "Golv för eget kapital",
        list(range(0, 2_000_001, 50_000)),
        value=floor,
        format_func=fmt.kr,
        key=rule_keys["golv"],
        **kept,
    )
    admin_limit = g3.select_slider(
        "Högsta andel administration",
        list(range(0, 41)),
        value=admin_limit,
        format_func=lambda v: f"{v} %",
        key=rule_keys["admin"],
        **kept,
    )
    rules.caption(fmt.plain(ui.shared(scenarios_view.rules_note, forbund)))
# A label that changed with the rules would draw a new box, closed: the rules in words below it.
st.caption(
    f"Regler som gäller: tak för eget kapital {fmt.pct(cap / 100, 0)} av årets medel, golv "
    f"{fmt.kr(floor)}, administration högst {fmt.pct(admin_limit / 100, 0)}."
)
assumptions = dataclasses.replace(
    assumptions, cap_share=cap / 100, floor_kr=float(floor), admin_limit=admin_limit / 100
)
edited = not (lines.equals(line_levers) and teams.equals(team_levers) and added.equals(new_lines))
if edited or tuple(closing) != opened.closed:
    assumptions = scenarios_view.with_edits(assumptions, lines, teams, added, closing)
edits = scenarios_view.edits_text(base, assumptions)
if edits:
    st.caption(  # post names come from the user and from saved scenarios: shown as written
        "Ändringar per post och team som räknas in, också när tabellerna är stängda: "
        + fmt.plain("; ".join(edits))
        + "."
    )

outcome = ui.shared(scenarios_view.outcome, assumptions.to_json())  # read, never changed
result = outcome.result
with answer:
    st.subheader("Följder")
    st.html(outcome.html)  # a column per year: every amount whole at 1280 px
    if outcome.runs_out:
        st.error(f"Eget kapital tar slut {outcome.runs_out}.")
    if outcome.cut > 0:
        st.info(
            f"För att eget kapital inte ska gå under {fmt.kr(max(assumptions.floor_kr, 0))} behöver "
            f"kostnaderna minska med minst {fmt.kr(outcome.cut)} per år från {outcome.first_year} "
            "(eller intäkterna öka lika mycket)."
        )
    for problem in outcome.problems:
        st.warning(problem)
    if not outcome.problems:
        st.success("Inga regler bryts under perioden.")
    if edits:
        changes = "ändring" if len(edits) == 1 else "ändringar"
        st.caption(f"Med {len(edits)} {changes} per post eller team (under Antaganden nedan).")
    # Plotly's code is loaded when the chart is wanted, not with every visit (README: Performance).
    chart = ui.lazy_expander("Diagram: resultat och eget kapital per år", key="scenario-chart")
    if chart.open:
        chart.plotly_chart(
            ui.shared(figures.scenario, assumptions.to_json()),
            theme=None,
            config=charts.download_config("scenario"),
        )
    st.subheader("Antaganden")
    st.caption("Följderna ovan räknas om för varje ändring här.")

per_kommun = ui.lazy_expander(
    "Kommunernas medel per kommun (fördelat efter befolkning 20–64)", key="scenario-kommuner-open"
)
if per_kommun.open:
    per_kommun.html(outcome.kommuner)

st.subheader("Spara, jämföra och ladda ner")
# Opened when wanted: saving needs an editor, and comparing needs saved scenarios.
keeping = ui.lazy_expander(
    "Spara, öppna och jämför scenarier; ladda ner scenariot (Excel)", key="scenario-save-open"
)
NAME = "scenario-name"  # the name field, kept while the box is closed: it also names the Excel file
if (opened_name := st.session_state.pop("_scenario_opened_name", None)) is not None:
    st.session_state[NAME] = opened_name  # an opened scenario's name, set before the field is drawn
name = st.session_state.get(NAME, "")
if keeping.open:
    editor = auth.editor()
    if not editor:
        keeping.caption(
            "Att spara, duplicera och ta bort scenarier kräver en redaktör (logga in på sidan Data)."
        )
    # What the editor may change (README: Editors): each write is checked against the förbund
    # of what it writes and of the saved scenario it replaces, copies or deletes.
    rights = auth.editor_scope(editor) if editor else scope.NOBODY
    if editor and not rights.allows(forbund):
        keeping.caption(
            f"Ditt konto får spara scenarier för {fmt.plain(rights.said())}; det här scenariot "
            f"gäller {fmt.plain(forbund)}."
        )
    s1, s2 = keeping.columns([3, 1])
    name = s1.text_input("Namn på scenariot", key=NAME, persist_state="session")
    OVERWRITE = "_scenario_overwrite"  # the saved scenario a save would overwrite, until answered
    if s2.button("Spara", width="stretch", disabled=not editor):
        try:
            scope.check_scenario(ui.database().con, rights, assumptions)
            saved_as = scenarios.save(ui.database().con, name, assumptions)
        except scope.OutOfScope as refusal:
            st.session_state.pop(OVERWRITE, None)
            auth.refuse(refusal, f"saving scenario {name!r} refused", keeping)
        except scenarios.ScenarioExists as exc:
            st.session_state[OVERWRITE] = exc.name
        except (ValueError, writes.WriteBusy) as exc:
            st.session_state.pop(OVERWRITE, None)
            keeping.error(str(exc))
        else:
            st.session_state.pop(OVERWRITE, None)
            ui.data_changed()
            keeping.success(f"Sparat som ”{fmt.plain(saved_as)}”.")
    if (existing := st.session_state.get(OVERWRITE)) and editor:
        keeping.warning(
            f"Det finns redan ett scenario som heter ”{fmt.plain(existing)}”. Skriva över det med "
            "antagandena som visas nu? Det som är sparat under namnet går då förlorat."
        )
        w1, w2, _ = keeping.columns([1, 1, 2])
        if w1.button("Skriv över", type="primary"):
            st.session_state.pop(OVERWRITE, None)
            try:
                scope.check_scenario(ui.database().con, rights, assumptions, [existing])
                saved_as = scenarios.save(ui.database().con, existing, assumptions, overwrite=True)
            except scope.OutOfScope as refusal:
                auth.refuse(refusal, f"overwriting scenario {existing!r} refused", keeping)
            except (ValueError, writes.WriteBusy) as exc:
                keeping.error(str(exc))
            else:
                ui.data_changed()
                keeping.success(f"”{fmt.plain(saved_as)}” är uppdaterat.")
        if w2.button("Avbryt, spara inte"):
            st.session_state.pop(OVERWRITE, None)
            st.rerun()
    keeping.download_button(  # in the box: its code loads when wanted, not with every visit
        "Ladda ner scenariot (Excel) för budgetförslaget",
        lambda: scenario_excel.excel(base, assumptions, result, name or "Namnlöst scenario"),  # when clicked
        file_name=f"scenario-{(name or 'namnlost').strip().replace(' ', '-')}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",  # made on the click, no rerun: a rerun would drop it first
    )
    saved = ui.shared(scenarios.saved)  # read, never changed
    if not saved.empty:
        chosen = keeping.selectbox("Sparade scenarier", saved["namn"])
        o1, o2, o3 = keeping.columns(3)
        if o1.button("Öppna"):
            try:
                st.session_state["scenario"] = loaded = scenarios.load(ui.database().con, chosen)
            except KeyError:
                keeping.error(f"Scenariot ”{fmt.plain(chosen)}” finns inte längre; det kan ha tagits bort.")
            else:
                ui.keep(loaded.forbund, loaded.base_year)
                st.session_state["_scenario_opened_name"] = chosen
                st.rerun()
        copy_name = o2.text_input("Nytt namn för kopian", value=f"{chosen} (kopia)")
        if o2.button("Duplicera", disabled=not editor):
            try:
                scope.check_scenario(ui.database().con, rights, saved=[chosen])
                scenarios.duplicate(ui.database().con, chosen, copy_name)
            except scope.OutOfScope as refusal:
                auth.refuse(refusal, f"duplicating scenario {chosen!r} refused", o2)
            except (ValueError, writes.WriteBusy) as exc:
                o2.error(str(exc))
            else:
                ui.data_changed()
                st.rerun()
        confirm = o3.checkbox(f"Ja, ta bort ”{fmt.plain(chosen)}”")
        if o3.button("Ta bort", disabled=not (confirm and editor)):
            try:
                scope.check_scenario(ui.database().con, rights, saved=[chosen])
                scenarios.delete(ui.database().con, chosen)
            except scope.OutOfScope as refusal:
                auth.refuse(refusal, f"deleting scenario {chosen!r} refused", o3)
            except writes.WriteBusy as exc:
                o3.error(str(exc))
            else:
                ui.data_changed()
                st.rerun()
        compared = keeping.multiselect("Jämför 2–4 scenarier", saved["namn"], max_selections=4)
        if len(compared) >= 2:
            table = ui.load(scenarios.compare, compared)
            keeping.html(scenarios_view.compare_html(table))
            config = charts.download_config("jamforelse")
            keeping.plotly_chart(charts.compare_chart(table), theme=None, config=config)
