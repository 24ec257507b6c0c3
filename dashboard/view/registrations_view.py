"""Data: the teams' anonymous registrations of participants (issue 27): import, log, undo and
deletion. What the other pages make of them is in ``capacity_view`` and the pack."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.domain import capacity, registrations
from dashboard.exchange import fmt, reading, registration_import, scope
from dashboard.store import writes
from dashboard.view import auth, tables, ui
from dashboard.view.import_panels import FLASH, confirm_import, problem_list, undo_in_scope, undo_panel

ROUND = "_registration_round"
REFUSED = "_registration_refused"  # a refusal for personal data, said after the file is dropped

TEMPLATE = (
    "Insats;Deltagare;Kön;Födelseår;Kommunkod;Startdatum;Slutdatum;Avslut\n"
    "Samordningsteam Sala;S-2026-001;K;1991;1981;2026-01-12;2026-05-29;arbete\n"
    "Samordningsteam Sala;S-2026-002;M;1979;1981;2026-02-03;;\n"
)

FORMAT_TEXT = (
    f"En rad per deltagande: `{registration_import.FORMAT}` (valfritt `Förbund`; `Ålder` vid start i "
    "stället för `Födelseår`).\n\n"
    "- Insats: insatsens namn eller id, som i arbetsbokens blad Insatser\n"
    "- Deltagare: teamets eget löpnummer eller kod (minst en siffra), **aldrig namn eller personnummer**\n"
    "- Kön: kvinna, man, annat eller tomt; Kommunkod: där personen bor, fyra siffror\n"
    "- Startdatum och Slutdatum som ÅÅÅÅ-MM-DD; Slutdatum tomt medan deltagandet pågår\n"
    f"- Avslut när Slutdatum är ifyllt: {', '.join(registrations.AVSLUT)}\n\n"
    "**Personuppgifter tas inte emot.** En kolumn med namn, eller ett värde som ser ut som ett "
    "personnummer eller samordningsnummer (10 eller 12 siffror med giltig kontrollsiffra), gör att hela "
    "filen avvisas: inget av den sparas, loggas eller visas, inte ens i felmeddelandet. Av det som "
    "läses sparas bara det sidorna behöver: åldersgrupp vid start i stället för födelseår, och teamets "
    "kod som en pseudonym (för att en ny start i samma insats ska räknas som samma person).\n\n"
    "**Perioden.** Filen gäller en period, som standard 1 januari till slutet av månaden för filens "
    "senaste datum (i dag, om månaden pågår), och listar varje deltagande som pågick under den. En nyare "
    "fil för samma insats ersätter de äldres deltaganden som började under dess period; ett deltagande "
    "som flera filer har räknas som i filen vars period når längst (den vet hur det slutade). Ångras "
    "en import gäller det den ersatte igen. Ett deltagande utan slutdatum räknas som aktivt till "
    "periodens slut.\n\n"
    "**Det tittarna ser.** Antal 1–4 visas som <5 och andelar av färre än 5 personer visas inte, som "
    "SCB och Socialstyrelsen publicerar; bara förhandsvisningen här visar exakta antal."
)


def _refused(problems: list[str]) -> None:
    """Personal data: the file is dropped from the uploader before its message is said (the
    message names no value, nor a file name that holds one)."""
    st.session_state[REFUSED] = problems
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    st.rerun()


def _upload(editor: str, rights: scope.Scope) -> None:
    forbund_names = [f for f in ui.load(_forbund_with_insatser) if rights.allows(f)]
    left, mid, right = st.columns([2, 1, 1])
    chosen = left.selectbox(
        "Förbund (om filen saknar kolumnen Förbund)", forbund_names or ["–"], key="registration_forbund"
    )
    fran = mid.date_input("Perioden från (tomt: 1 januari)", value=None, format="YYYY-MM-DD", key="reg_fran")
    till = right.date_input(
        "Perioden till (tomt: månadens slut)", value=None, format="YYYY-MM-DD", key="reg_till"
    )
    upload = st.file_uploader(
        "Fil med registreringar",
        type=["csv", "txt", "xlsx"],
        key=f"registration_upload_{st.session_state.get(ROUND, 0)}",
    )
    if upload is None:
        return
    cur = ui.snapshot_cursor()
    try:
        parsed = registration_import.parse(
            cur,
            upload.getvalue(),
            upload.name,
            forbund=chosen if forbund_names else None,
            fran=fran,
            till=till,
        )
    except registration_import.PersonalData as exc:
        _refused(exc.problems)
    except reading.ImportRefused as exc:
        problem_list(
            f"{upload.name} kan inte importeras; inget har ändrats. Rätta och ladda upp igen.", exc.problems
        )
        return
    preview = registration_import.preview(cur, parsed)
    st.write(
        f"{fmt.number(len(parsed.rows))} deltaganden för perioden "
        f"{fmt.date(parsed.fran)}–{fmt.date(parsed.till)}. "
        "Förhandsvisningen visar exakta antal; bara du som redaktör ser dem."
    )
    for note in parsed.notes:
        st.text(note)
    table = registration_import.preview_table(cur, preview)
    if table["Förbund"].nunique() == 1:  # one förbund, said once above the table
        st.caption(f"Förbund: {fmt.plain(table['Förbund'].iloc[0])}")
        table = table.drop(columns="Förbund")
    st.html(tables.html_table(table, registration_import.PREVIEW_FIGURES, table_id="registreringar-preview"))
    st.caption(registration_import.PREVIEW_NOTE)

    def store():
        scope.check_forbund(rights, parsed.forbund)
        return registration_import.store(ui.database().con, parsed, editor)

    confirm_import(
        f"Importera {fmt.number(len(parsed.rows))} registreringar",
        store,
        ROUND,
        lambda stored: (
            f"Import {stored.import_id} sparad: {fmt.number(stored.added)} registreringar ur {upload.name}"
            + (f", {fmt.number(stored.replaced)} äldre rader ersatta." if stored.replaced else ".")
        ),
    )


def _forbund_with_insatser(con) -> list[str]:
    return [f for (f,) in con.execute("SELECT DISTINCT forbund FROM insatser ORDER BY forbund").fetchall()]


def _insatser_with_registrations(con) -> pd.DataFrame:
    return con.execute(
        """SELECT r.forbund, r.insats_id, coalesce(min(i.namn), r.insats_id) AS namn
           FROM user_data.registrations r LEFT JOIN insatser i USING (forbund, insats_id)
           GROUP BY r.forbund, r.insats_id ORDER BY r.forbund, namn"""
    ).df()


def _delete(editor: str, rights: scope.Scope) -> None:
    """An insats's registrations for a period deleted, logged with who and when."""
    held = ui.load(_insatser_with_registrations)
    held = held[[rights.allows(f) for f in held["forbund"]]]
    box = st.expander("Radera en insats registreringar för en period", expanded=False)
    if held.empty:
        box.write("Det finns inga registreringar som ditt konto får radera.")
        return
    labels = {i: f"{r.namn} ({r.forbund})" for i, r in enumerate(held.itertuples())}
    choice = box.selectbox("Insats", list(labels), format_func=labels.get, key="reg_delete_insats")
    row = held.iloc[choice]
    a, b = box.columns(2)
    fran = a.date_input(
        "Startdatum från", dt.date(dt.date.today().year, 1, 1), format="YYYY-MM-DD", key="rd_fran"
    )
    till = b.date_input("Startdatum till", dt.date.today(), format="YYYY-MM-DD", key="rd_till")
    sure = box.checkbox(
        f"Ja, radera {row.namn}s registreringar som började {fran:%Y-%m-%d}–{till:%Y-%m-%d}: de tas bort "
        "ur databasen och kan inte ångras",
        key="reg_delete_confirm",
    )
    if box.button("Radera registreringarna", disabled=not sure, key="reg_delete"):
        try:
            scope.check_forbund(rights, [row.forbund])
            count = registration_import.delete(
                ui.database().con, row.forbund, row.insats_id, fran, till, editor
            )
        except scope.OutOfScope as refusal:
            auth.refuse(refusal, f"deletion of registrations of {row.insats_id!r} refused", parent=box)
        except (writes.WriteBusy, reading.ImportRefused) as exc:
            box.warning(str(exc))
        else:
            ui.data_changed()
            st.session_state[FLASH] = (
                f"{fmt.number(count)} registreringar i {row.namn} är raderade. Månaderna från och med "
                f"{fmt.date(fran)} räknas inte för insatsen förrän en ny lista importeras."
            )
            st.rerun()
    done = registration_import.deletions(ui.snapshot_cursor())
    names_of = dict(zip(held["insats_id"], held["namn"], strict=True)) | ui.load(capacity.insats_names)
    done = done[[rights.allows(f) for f in done["forbund"]]]
    if not done.empty:
        box.html(
            tables.html_table(
                pd.DataFrame(
                    {
                        "När": [f"{t:%Y-%m-%d %H:%M}" for t in done["raderad"]],
                        "Vem": done["raderad_av"],
                        "Insats": [names_of.get(i, i) for i in done["insats_id"]],
                        "Startdatum": [
                            f"{a:%Y-%m-%d}–{b:%Y-%m-%d}"
                            for a, b in zip(done["fran"], done["till"], strict=True)
                        ],
                        "Rader": done["rader"].map(fmt.number),
                    }
                ),
                ["Rader"],
                table_id="registreringar-raderade",
            )
        )


def section(editor: str, rights: scope.Scope, touched: scope.Touched) -> None:
    """The section on Data: format, upload with preview, log with undo, deletion."""
    st.header("Deltagarnas registreringar")
    st.write(
        "Teamens anonyma listor över deltaganden (insats, kön, ålder, kommun, start, slut och avslut) "
        "ger sidan Teamkapacitet beläggning och flöden månad för månad, deltagare per kommun och mål "
        "som mäts i avslut till arbete eller studier."
    )
    if REFUSED in st.session_state:
        problems = st.session_state.pop(REFUSED)
        problem_list(problems[0], problems[1:] or ["Filen är borttagen ur uppladdningen."])
    with st.expander("Format, mall och personuppgifter", expanded=False):
        st.markdown(FORMAT_TEXT)
        st.download_button(
            "Mall (CSV)",
            TEMPLATE.encode("utf-8-sig"),
            "mall-registreringar.csv",
            "text/csv",
            key="reg_template",
        )
    _upload(editor, rights)
    log = scope.visible(
        ui.snapshot_cursor(), rights, scope.REGISTRATIONS, ui.load(registration_import.history), touched
    )
    if not log.empty:
        st.subheader("Importer av registreringar")
        st.html(
            tables.html_table(
                registration_import.history_table(log),
                ["Rader", "Ersatta rader"],
                table_id="registreringar-logg",
            )
        )
        undo_panel(
            log,
            "registreringsimport",
            "dess rader slutar gälla",
            undo_in_scope(rights, scope.REGISTRATIONS, registration_import.undo, editor),
            "de äldre raderna för perioden gäller igen.",
            key="registration_undo",
        )
    _delete(editor, rights)
