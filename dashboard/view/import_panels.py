"""The parts every import on the page Data shares: the problems listed, the import button, the undo."""

import streamlit as st

from dashboard.exchange import fmt, imports, reading, scb, scope
from dashboard.view import auth, ui

# A message for the next run of the page (a saved import, an undo), said above everything.
FLASH = "_data_flash"


def problem_list(headline: str, problems: list[str]) -> None:
    """Every problem as plain text in a table: nothing from a file is rendered as markup."""
    st.error(fmt.plain(headline))
    st.dataframe(
        {"Problem": problems}, hide_index=True, width="stretch", height=ui.table_height(len(problems))
    )


def confirm_import(label: str, store, round_key: str, saved) -> None:
    """The import button: ``store()`` the file, then a new uploader (``round_key``), the
    message ``saved(stored)`` above the page, and a rerun; a busy database is said, and so is
    a file of a förbund the editor may not change (``store`` checks it: ``scope``)."""
    if not st.button(label, type="primary"):
        return
    try:
        stored = store()
    except imports.ImportBusy as exc:
        st.warning(str(exc))
        return
    except scope.OutOfScope as refusal:
        auth.refuse(refusal, f"import refused ({label})")
        return
    ui.data_changed()
    st.session_state[round_key] = st.session_state.get(round_key, 0) + 1
    st.session_state[FLASH] = saved(stored)
    st.rerun()


def undo_panel(log, kind: str, consequence: str, undo, after: str, key: str | None = None) -> None:
    """Choose an import of ``log`` that is not undone, confirm, and ``undo(import_id)`` it
    (which checks the import's förbund: ``scope``)."""
    active = log[log["angrad"].isna()]
    if active.empty:
        return
    files = log.set_index("import_id")["fil"]
    left, right = st.columns([3, 1])
    chosen = left.selectbox(
        f"Ångra en {kind}", list(active["import_id"]), format_func=lambda i: f"Import {i}: {files.at[i]}"
    )
    confirm = left.checkbox(f"Ja, ångra {kind} {chosen}: {consequence}")
    if right.button("Ångra", disabled=not confirm, key=key):
        try:
            undo(int(chosen))
        except (imports.ImportBusy, reading.ImportRefused) as exc:
            st.warning(str(exc))
        except scope.OutOfScope as refusal:
            auth.refuse(refusal, f"undo of {kind} {chosen} refused")
        else:
            ui.data_changed()
            st.session_state[FLASH] = f"{kind.capitalize()} {chosen} är ångrad; {after}"
            st.rerun()


def undo_in_scope(rights: scope.Scope, log: str, undo, editor: str):
    """For ``undo_panel``: ``undo(con, import_id, editor)`` once what the import wrote (its rows
    in the database, never the choice on the page) is the editor's to change."""

    def checked(import_id: int) -> None:
        con = ui.database().con
        scope.check_undo(con, rights, log, import_id)
        undo(con, import_id, editor)

    return checked


def scb_file(upload, hamtad, editor: str, rights: scope.Scope) -> None:
    """An SCB file on Data: refused with its problems, or its new, changed and unchanged rows
    and the button that imports it (for an editor of every förbund: ``scope.check_scb``)."""
    try:
        parsed = scb.parse(upload.getvalue(), upload.name)
    except reading.ImportRefused as exc:
        problem_list(f"{upload.name} importerades inte; inget har ändrats.", exc.problems)
        return
    counts = imports.summary(scb.preview(ui.snapshot_cursor(), parsed))
    st.write(
        f"{fmt.number(counts['ny'])} nya, {fmt.number(counts['ändrad'])} ändrade och "
        f"{fmt.number(counts['oförändrad'])} oförändrade rader "
        "(region, år, ålder, kön och ersättningssystem)."
    )
    if counts["ny"] + counts["ändrad"] == 0:
        st.info("Filen ändrar ingenting: varje rad finns redan med samma siffror.")
        return

    def store():
        scope.check_scb(rights)
        return scb.store(ui.database().con, parsed, hamtad, editor)

    confirm_import(
        "Importera SCB-filen",
        store,
        "_scb_round",
        lambda stored: (
            f"SCB-import {stored.import_id} sparad: {fmt.number(stored.added)} nya och "
            f"{fmt.number(stored.replaced)} ersatta rader ur {upload.name}."
        ),
    )
