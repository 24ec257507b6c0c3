"""Data: editors import budget lines, SCB tables and published statistics and record the
outcomes of goals; each with its log and undo."""

import datetime as dt

import streamlit as st

from dashboard.domain import goals, naming, outcomes, overview
from dashboard.exchange import (
    budget_export,
    budget_rows,
    fmt,
    imports,
    names,
    outcome_file,
    reading,
    scb,
    scope,
    statimport,
)
from dashboard.store import writes
from dashboard.view import (
    auth,
    county_view,
    import_panels,
    new_forbund_view,
    outcomes_view,
    registrations_view,
    tables,
    ui,
    workbook_view,
)
from dashboard.view.import_panels import FLASH, confirm_import, problem_list, undo_in_scope, undo_panel

st.title("Data")
st.write(
    "Här håller redaktörerna datan aktuell: förbundets arbetsbok, budgetrader från ekonomisystemet, SCB:s "
    "helårsekvivalenter, publicerad statistik per kommun, deltagarnas registreringar och utfall för mål. "
    "Varje fil kontrolleras i sin helhet och visas före importen; finns ett fel importeras ingenting. "
    "Dokumentens egna siffror ligger kvar och syns igen om en import ångras."
)
if ui.show_build_problems():
    st.stop()

editor = auth.login_panel()
if not editor:
    st.stop()
# What the editor may change (README: Editors): every write below is checked against what it
# writes, and the logs show the imports of the editor's förbund.
rights = auth.editor_scope(editor)
touched = ui.load(scope.touched)

if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))
if why := writes.unpublished():
    st.warning(
        "Ändringarna är sparade, men tittarnas instanser visar dem inte ännu: kopian till dem kunde "
        f"inte skrivas ({fmt.plain(why)}). Den skrivs igen vid nästa sidvisning här; består felet, "
        "kontakta administratören."
    )


# ------------------------------------------------------------------ a förbund from nothing
new_forbund_view.section(editor, rights)

# ------------------------------------------------------------------ budget lines
st.header("Budgetrader från ekonomisystemet")
with st.expander("Format och mall", expanded=False):
    st.markdown(
        "**Importformatet**, en rad per belopp: `förbund;år;period_slut;post;kategori;mått;belopp`.\n\n"
        "- kategori: intäkt, administration, individinsats eller strukturinsats\n"
        "- mått: budget, utfall, prognos, förväntat utfall eller bokslut\n"
        "- belopp i kronor med tecken från förbundets resultat: intäkter positiva, kostnader negativa\n"
        "- period_slut: datumet beloppet avser (ÅÅÅÅ-MM-DD), inom året\n\n"
        "En rad med samma förbund, år, period_slut, post och mått som en befintlig ersätter den; "
        "nya poster läggs till.\n\n"
        "**En delårsrapports tabell**, en rad per post: `post;årsbudget;utfall;prognos` "
        "(en kolumn avvikelse räknas fram och läses inte). Rubrikrader som Intäkter eller "
        "Individinsatser anger kategorin för posterna under dem; summarader hoppas över.\n\n"
        "CSV med semikolon eller komma, UTF-8 eller Windows-1252, eller Excel (.xlsx). "
        "Decimalkomma och mellanslag som tusentalsavgränsare går bra.\n\n"
        "**En post, ett namn.** Poster jämförs utan hänsyn till stora och små bokstäver, extra "
        "mellanslag och hur å, ä och ö är kodade: ”styrelse” är posten ”Styrelse” och sparas så, "
        "och förhandsvisningen säger det. Det som inte tas emot, med fil, rad och kolumn i "
        f"felmeddelandet: postnamn över {naming.MAX_NAME} tecken, styrtecken och tecken som vänder "
        "textens riktning, en kolumn två gånger i rubrikraden, år då förbundet inte fanns eller "
        f"mer än {budget_rows.YEARS_AHEAD} år fram, belopp över "
        f"{fmt.number(budget_rows.MAX_AMOUNT)} kr åt vardera håll och fält över "
        f"{fmt.number(names.MAX_FIELD)} tecken.\n\n"
        "**Exporten** skriver samma format. En text som ett kalkylprogram skulle köra som formel "
        "(börjar med `=`, `+`, `-`, `@`, tabb eller radbrytning) får en apostrof framför; importen tar "
        "bort den igen, så export och import ändrar ingenting. Filerna görs när du klickar; "
        f"över {fmt.number(budget_export.XLSX_MAX_LINES)} rader finns exporten bara som CSV."
    )
    c1, c2, c3 = st.columns(3)
    c1.download_button("Mall (CSV)", budget_export.template_csv(), "mall-budgetrader.csv", "text/csv")
    # Made when clicked, on a thread of their own: a page run never reads every line (at a
    # million imported lines an Excel file took minutes and gigabytes, and crashed the page).
    size = ui.load(budget_export.export_size)
    c2.download_button(
        "Alla budgetrader nu (CSV)",
        ui.made_on_click(budget_export.export_csv),
        "budgetrader.csv",
        "text/csv",
        key="export_csv",
        on_click="ignore",  # made on the click, no rerun: a rerun would drop it first
    )
    c3.download_button(
        "Alla budgetrader nu (Excel)",
        ui.made_on_click(budget_export.export_xlsx),
        "budgetrader.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="export_xlsx",
        on_click="ignore",  # made on the click, no rerun: a rerun would drop it first
        disabled=size.excel_refusal is not None,
    )
    if size.excel_refusal:
        c3.caption(size.excel_refusal)

layout = st.radio(
    "Filens upplägg",
    ["Importformatet (en rad per belopp)", "En delårsrapports tabell (post; årsbudget; utfall; prognos)"],
    key="import_layout",
)
options: dict = {}
if layout.startswith("En delårsrapports"):
    years_by_forbund = ui.load(overview.forbund_years)
    left, right = st.columns([3, 1])
    options["forbund"] = left.selectbox(
        "Förbund",
        [f for f in years_by_forbund if rights.allows(f)] or list(years_by_forbund),
        format_func=lambda f: ui.load(overview.forbund_label, f),
    )
    period = right.date_input("Utfallet avser", dt.date(dt.date.today().year, 8, 31), format="YYYY-MM-DD")
    options["ar"], options["period_slut"] = period.year, period

upload_key = f"budget_upload_{st.session_state.get('_upload_round', 0)}"
upload = st.file_uploader("Fil från ekonomisystemet", type=["csv", "txt", "xlsx"], key=upload_key)
if upload is not None:
    cur = ui.snapshot_cursor()
    try:
        parsed = imports.parse(cur, upload.getvalue(), upload.name, **options)
    except reading.ImportRefused as exc:
        problem_list(
            f"{upload.name} kan inte importeras; inget har ändrats. Rätta och ladda upp igen.", exc.problems
        )
    else:
        preview = imports.preview(cur, parsed)
        counts = imports.summary(preview)
        m1, m2, m3 = st.columns(3)
        m1.metric("Nya rader", fmt.number(counts["ny"]))
        m2.metric("Ändrade rader", fmt.number(counts["ändrad"]))
        m3.metric("Oförändrade rader", fmt.number(counts["oförändrad"]))
        for note in parsed.notes:
            st.text(note)
        table = imports.preview_table(preview)
        if "Förbund" not in table:
            st.caption(f"Förbund: {fmt.plain(preview['forbund'].iloc[0])}")
        if len(table) > imports.PREVIEW_ROWS:  # changes come first; the counts above cover all
            st.caption(
                f"Visar de första {fmt.number(imports.PREVIEW_ROWS)} av {fmt.number(len(table))} raderna, "
                "ändrade och nya först."
            )
            table = table.head(imports.PREVIEW_ROWS)
        st.dataframe(
            table.style.format({"Belopp nu": fmt.kr, "Belopp i filen": fmt.kr}, na_rep=fmt.MISSING),
            hide_index=True,
            width="stretch",
        )
        changes = counts["ny"] + counts["ändrad"]
        if changes == 0:
            st.info("Filen ändrar ingenting: varje rad finns redan med samma belopp.")
        else:

            def store_budget():
                scope.check_budget(rights, parsed)
                return imports.store(ui.database().con, parsed, editor)

            confirm_import(
                f"Importera {fmt.number(changes)} nya och ändrade rader",
                store_budget,
                "_upload_round",
                lambda stored: (
                    f"Import {stored.import_id} sparad: {fmt.number(stored.added)} nya och "
                    f"{fmt.number(stored.replaced)} ersatta rader."
                ),
            )

st.subheader("Importlogg")
log = scope.visible(ui.snapshot_cursor(), rights, scope.BUDGET, ui.load(imports.history), touched)
if log.empty:
    st.write("Inga budgetrader har importerats ännu; dashboarden visar dokumentens siffror.")
else:
    st.dataframe(
        imports.history_table(log), hide_index=True, width="stretch", height=ui.table_height(len(log))
    )
    undo_panel(
        log,
        "import",
        "dess rader slutar gälla",
        undo_in_scope(rights, scope.BUDGET, imports.undo, editor),
        "det den ersatte gäller igen.",
    )

# ------------------------------------------------------------------ SCB
st.header("Helårsekvivalenter från SCB")
st.write(
    "Exportera tabellen HE0000T01N (region, ålder, månad eller år, ersättningssystem som "
    "kolumner, befolkning 20–64 och andel) från SCB:s statistikdatabas som CSV eller Excel och "
    "ladda upp den här. Siffrorna visas på sidan Länsjämförelse."
)
if not rights.everything:  # the whole country's figures: no förbund's (scope.check_scb)
    st.info("SCB:s tabeller gäller hela riket: bara en redaktör för alla förbund importerar och ångrar dem.")
else:
    scb_upload = st.file_uploader(
        "Fil från SCB", type=["csv", "xlsx"], key=f"scb_upload_{st.session_state.get('_scb_round', 0)}"
    )
    hamtad = st.date_input("Hämtad från SCB", dt.date.today(), format="YYYY-MM-DD")
    if scb_upload is not None:
        import_panels.scb_file(scb_upload, hamtad, editor, rights)
    scb_log = ui.load(scb.history)
    if not scb_log.empty:
        st.html(
            tables.html_table(county_view.imports_table(scb_log), ["Import", "Rader"], table_id="scb-logg")
        )
        undo_panel(
            scb_log,
            "SCB-import",
            "dess siffror slutar gälla",
            lambda import_id: (scope.check_scb(rights), scb.undo(ui.database().con, import_id, editor)),
            "siffrorna före den gäller igen.",
            key="scb_undo",
        )

# ------------------------------------------------------------------ published statistics
st.header("Publicerad statistik per kommun")
st.write(
    "Mått per kommun, län och riket för sidan Länsjämförelse (arbetslöshet, sökande i program, "
    "förvärvsfrekvens, ekonomiskt bistånd, sjukpenningtal …) från en utgivares tabell. Ett "
    "importerat värde ersätter det inlästa värdet för samma område, år, mått och grupp; ångras "
    "importen gäller det inlästa igen."
)
with st.expander("Format och mall för publicerad statistik", expanded=False):
    st.markdown(
        "En rad per värde: `omradeskod;omrade;ar;matt;grupp;varde;enhet;kalla;utgivare;sida;tabell;"
        "senast_uppdaterad`.\n\n"
        "- omradeskod: kommunkoden, fyra siffror (1980 Västerås, 0188 Norrtälje …), länets kod, två "
        "siffror (19 Västmanlands län, 01 Stockholms län …), 00 för riket; vilken kommun och vilket län "
        "som helst\n"
        "- matt: ett av "
        + ", ".join(f"`{k}` ({m.short.lower()})" for k, m in statimport.measures().items())
        + "\n- grupp: totalt, kvinnor, män eller en åldersgrupp som 20-24\n"
        "- varde med decimalkomma; enhet får vara tom (måttets egen gäller)\n"
        "- kalla (ursprunglig källa, t.ex. Arbetsförmedlingen), utgivare, sida (adressen) och "
        "tabell krävs för varje värde; senast_uppdaterad som ÅÅÅÅ-MM-DD\n\n"
        "Filen med all statistik som gäller nu har samma format och fungerar som mall."
    )
    st.download_button(
        "All statistik nu (CSV)",
        ui.made_on_click(statimport.current_csv),  # made when clicked, like the budget lines
        "kommunstatistik.csv",
        "text/csv",
        key="statistik_csv",
        on_click="ignore",  # made on the click, no rerun: a rerun would drop it first
    )
stat_key = f"statistik_upload_{st.session_state.get('_statistik_round', 0)}"
stat_upload = st.file_uploader("Fil med publicerad statistik", type=["csv", "txt", "xlsx"], key=stat_key)
if stat_upload is not None:
    cur = ui.snapshot_cursor()
    try:
        stat_parsed = statimport.parse(cur, stat_upload.getvalue(), stat_upload.name)
    except reading.ImportRefused as exc:
        problem_list(
            f"{stat_upload.name} kan inte importeras; inget har ändrats. Rätta och ladda upp igen.",
            exc.problems,
        )
    else:
        stat_preview = statimport.preview(cur, stat_parsed)
        stat_counts = statimport.summary(stat_preview)
        s1, s2, s3 = st.columns(3)
        s1.metric("Nya värden", fmt.number(stat_counts["ny"]))
        s2.metric("Ändrade värden", fmt.number(stat_counts["ändrad"]))
        s3.metric("Oförändrade värden", fmt.number(stat_counts["oförändrad"]))
        st.html(
            tables.html_table(
                statimport.preview_table(stat_preview), ["Värde", "Förut"], table_id="statistik-preview"
            )
        )
        stat_changes = stat_counts["ny"] + stat_counts["ändrad"]
        if stat_changes == 0:
            st.info("Filen ändrar ingenting: varje värde finns redan.")
        else:

            def store_statistics():
                scope.check_statistics(ui.database().con, rights, stat_parsed)
                return statimport.store(ui.database().con, stat_parsed, editor)

            confirm_import(
                f"Importera {fmt.number(stat_changes)} nya och ändrade värden",
                store_statistics,
                "_statistik_round",
                lambda stored: (
                    f"Statistikimport {stored.import_id} sparad: {fmt.number(stored.added)} "
                    f"nya och {fmt.number(stored.replaced)} ersatta värden."
                ),
            )

stat_log = scope.visible(ui.snapshot_cursor(), rights, scope.STATISTICS, ui.load(statimport.history), touched)
if not stat_log.empty:
    st.subheader("Statistikimporter")
    st.html(tables.html_table(statimport.history_table(stat_log), ["Nya värden", "Ersatta värden"]))
    undo_panel(
        stat_log,
        "statistikimport",
        "dess värden slutar gälla",
        undo_in_scope(rights, scope.STATISTICS, statimport.undo, editor),
        "de inlästa värdena gäller igen.",
        key="statistik_undo",
    )

# ------------------------------------------------------------------ registrations (issue 27)
registrations_view.section(editor, rights, touched)

# ------------------------------------------------------------------ goals (issue 17)
st.header("Utfall för mål")
st.write(
    "Registrera vad som blev av ett mål under en period, så görs nästa års uppföljning här. "
    "Utfallet syns på sidan Mål och resultat med vem som registrerade det och källan; dokumentens "
    "egna utfall skrivs aldrig över och gäller igen om registreringen ångras."
)
goal_list = ui.load(outcomes.all_goals)
with st.expander("Format och mall för en fil med utfall", expanded=False):
    st.markdown(outcome_file.OUTCOME_FORMAT)
    st.download_button(
        "Mall med alla mål (CSV)",
        ui.load(outcome_file.template_csv),
        "mall-malutfall.csv",
        "text/csv",
        key="goal_template",
    )
goal_forbund = st.selectbox(
    "Förbund",
    [f for f in dict.fromkeys(goal_list["forbund"]) if rights.allows(f)]
    or list(dict.fromkeys(goal_list["forbund"])),
    key="goal_forbund",
)
of_forbund = goal_list[goal_list["forbund"] == goal_forbund]
goal_labels = {r.mal_id: f"{r.ar}, {r.omrade}: {r.mal}" for r in of_forbund.itertuples()}
with st.form("goal_outcome_form", clear_on_submit=True):
    chosen_goal = st.selectbox("Mål", list(goal_labels), format_func=goal_labels.get, key="goal_choice")
    g1, g2, g3 = st.columns(3)
    goal_period = g1.text_input("Period (år eller ÅÅÅÅ-MM-DD..ÅÅÅÅ-MM-DD)", key="goal_period")
    goal_value = g2.text_input("Utfall i målets enhet (tomt för kvalitativt mål)", key="goal_value")
    goal_assessment = g3.selectbox(
        "Bedömning",
        [goals.UPPNATT, goals.DELVIS, goals.EJ_UPPNATT],
        index=None,
        placeholder="Ingen (utfallet är ett tal)",
        key="goal_assessment",
    )
    goal_text = st.text_input("Vad blev av målet", key="goal_text")
    goal_source = st.text_input("Källa (rapport, protokoll, datum)", key="goal_source")
    if st.form_submit_button("Registrera utfallet", type="primary"):
        fields = (chosen_goal, goal_period, goal_value, goal_assessment or "", goal_text, goal_source)
        try:
            parsed_goals = [outcome_file.parse_row(ui.snapshot_cursor(), fields)]
            scope.check_outcomes(ui.database().con, rights, [g.mal_id for g in parsed_goals])
            ids = outcomes.store_outcomes(ui.database().con, parsed_goals, editor)
        except scope.OutOfScope as refusal:
            auth.refuse(refusal, f"outcome for goal {chosen_goal!r} refused")
        except outcomes.OutcomeError as exc:
            problem_list(
                "Utfallet sparades inte; inget har ändrats.", [str(exc).replace("Kolumn ", "Fältet ", 1)]
            )
        except writes.WriteBusy as exc:
            st.warning(str(exc))
        else:
            ui.data_changed()
            st.session_state[FLASH] = f"Utfall {ids[0]} registrerat."
            st.rerun()
goal_upload = st.file_uploader(
    "Eller en fil med flera utfall (CSV eller Excel)",
    type=["csv", "txt", "xlsx"],
    key=f"goal_upload_{st.session_state.get(workbook_view.OUTCOME_ROUND, 0)}",
)
if goal_upload is not None:
    workbook_view.outcome_file(goal_upload, editor, rights)

st.subheader("Logg över registrerade utfall")
goal_log = scope.visible_outcomes(rights, ui.load(outcomes.outcome_log_raw))
if goal_log.empty:
    st.write("Inga utfall har registrerats ännu; sidan Mål och resultat visar dokumentens utfall.")
else:
    shown_log = ui.load(outcomes_view.outcome_log)  # a row per outcome, "Nr" its utfall_id
    shown_log = shown_log[shown_log["Nr"].isin(goal_log["utfall_id"].astype(str))]
    st.html(tables.html_table(shown_log, ["Nr"], table_id="malutfall-logg"))
    open_outcomes = goal_log[goal_log["angrad"].isna()]
    if not open_outcomes.empty:
        v1, v2 = st.columns([3, 1])
        undo_id = v1.selectbox(
            "Ångra ett utfall",
            list(open_outcomes["utfall_id"]),
            format_func=lambda i: f"Utfall {i}: {goal_log.set_index('utfall_id').at[i, 'mal_id']}",
            key="goal_undo_choice",
        )
        undo_ok = v1.checkbox(f"Ja, ångra utfall {undo_id}: det slutar gälla", key="goal_undo_confirm")
        if v2.button("Ångra utfallet", disabled=not undo_ok, key="goal_undo"):
            try:
                scope.check_outcome_undo(ui.database().con, rights, int(undo_id))
                outcomes.undo_stored(ui.database().con, int(undo_id), editor)
            except scope.OutOfScope as refusal:
                auth.refuse(refusal, f"undo of outcome {undo_id} refused")
            except writes.WriteBusy as exc:
                st.warning(str(exc))
            else:
                ui.data_changed()
                st.session_state[FLASH] = f"Utfall {undo_id} är ångrat; det som gällde före gäller igen."
                st.rerun()

# ------------------------------------------------------------------ the förbund's workbook
workbook_view.section(editor, rights, touched)
