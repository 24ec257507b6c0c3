"""The förbund's workbook on the page Data: template, export, upload, preview per sheet, log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.domain import documents, overview
from dashboard.exchange import fmt, imports, names, reading, scope, statimport, workbook, workbook_export
from dashboard.exchange.workbook_sheets import (
    BUDGET_COLUMNS,
    BUDGET_SHEET,
    BUDGET_SOURCE_COLUMNS,
    BY_NAME,
    OUTCOME_COLUMNS,
    OUTCOME_SHEET,
    SHEETS,
    STATS_COLUMNS,
    STATS_SHEET,
)
from dashboard.view import tables, ui
from dashboard.view.import_panels import confirm_import, problem_list, undo_in_scope, undo_panel

DOCUMENT_COLUMNS = ("dokument", "utfall_dokument")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROUND = "_workbook_round"
OUTCOME_ROUND = "_outcome_file_round"


def _shown(value: object, kind: str = "") -> str:
    """A cell of the preview as text: empty for nothing, a year or code as written, other
    numbers in Swedish."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if kind in ("year", "year_or_date", "kommunkod", "lan"):
        return str(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt.number(value, 0 if float(value).is_integer() else 2)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return names.shown(str(value), 200)


def _changes(count: int) -> str:
    return "inga ändringar" if count == 0 else f"{fmt.number(count)} ändring" + ("ar" if count > 1 else "")


def preview_table(sheet_name: str, rows: list[dict], title=None) -> pd.DataFrame:
    """One sheet's preview: status, row, what changes in a changed row (before → after), then
    the sheet's columns as the file has them; changes first. One förbund is said above the
    tabs, not on every row. ``title`` gives a document's title for its id (a shipped
    document's file name says nothing to a reader)."""
    sheet = BY_NAME[sheet_name]

    def shown(value: object, column) -> str:
        if title is not None and column.column in DOCUMENT_COLUMNS and value:
            return names.shown(title(value), 200)
        return _shown(value, column.kind)

    order = {"ändrad": 0, "ny": 1, "oförändrad": 2}
    single = len({r["forbund"] for r in rows}) <= 1
    table = []
    for row in sorted(rows, key=lambda r: (order[r["status"]], r["rad"])):
        before = row["nu"] or {}
        changed = [
            f"{c.heading}: {shown(before.get(c.column), c) or fmt.MISSING} → "
            f"{shown(row[c.column], c) or fmt.MISSING}"
            for c in sheet.columns
            if row["status"] == "ändrad"
            and workbook.normal(row[c.column]) != workbook.normal(before.get(c.column))
        ]
        table.append(
            {"Status": row["status"], "Rad i bladet": row["rad"], "Ändring": "; ".join(changed)}
            | {
                c.heading: shown(row[c.column], c)
                for c in sheet.columns
                if not (single and c.kind == "forbund")
                and not (single and sheet.table == "forbund" and c.column == "forbund")
            }
        )
    return pd.DataFrame(table)


def outcomes_table(rows: list[dict]) -> pd.DataFrame:
    """The sheet Utfall's preview: status, row, goal, period, the outcome in the file and now."""

    def said(utfall, bedomning, text) -> str:
        parts = [_shown(utfall)] if utfall is not None else []
        parts += [bedomning] if bedomning else []
        return f"{', '.join(parts)}: {text}" if parts else str(text or "")

    return pd.DataFrame(
        [
            {
                "Status": r["status"],
                "Rad i bladet": r["rad"],
                "Mål": r["utfall"].mal_id,
                "Period": r["utfall"].period,
                "Utfall": said(r["utfall"].utfall, r["utfall"].bedomning, r["utfall"].utfall_text),
                "Källa": r["utfall"].kalla,
                "Förut": said(*r["nu"][2:5]) if r["nu"] else "",
            }
            for r in rows
        ]
    )


def history_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The log of workbook imports with Swedish headings."""
    return pd.DataFrame(
        {
            "Import": frame["import_id"].map(str),
            "Importerad": [f"{t:%Y-%m-%d %H:%M}" for t in frame["importerad"]],
            "Av": frame["importerad_av"],
            "Fil": frame["fil"],
            "Ändrade blad": frame["blad"],
            "Nya rader": frame["rader_nya"].map(fmt.number),
            "Ersatta rader": frame["rader_ersatta"].map(fmt.number),
            "Oförändrade": frame["rader_oforandrade"].map(fmt.number),
            "Ångrad": fmt.undone(frame),
        }
    )


def _readme() -> pd.DataFrame:
    """Every sheet's columns: what must be there, and what each holds."""
    rows = [
        {"Blad": sheet.name, "Kolumn": c.heading, "Krav": c.requirement, "Vad den håller": c.described}
        for sheet in SHEETS
        for c in sheet.columns
    ]
    rows += [
        {"Blad": BUDGET_SHEET, "Kolumn": heading, "Krav": "måste finnas", "Vad den håller": text}
        for heading, text in BUDGET_COLUMNS
    ]
    rows += [
        {"Blad": BUDGET_SHEET, "Kolumn": heading, "Krav": "", "Vad den håller": text}
        for heading, text in BUDGET_SOURCE_COLUMNS
    ]
    rows += [
        {"Blad": OUTCOME_SHEET, "Kolumn": heading, "Krav": "måste finnas", "Vad den håller": text}
        for heading, text in OUTCOME_COLUMNS
    ]
    rows += [
        {
            "Blad": STATS_SHEET,
            "Kolumn": heading,
            "Krav": "måste finnas" if required else "",
            "Vad den håller": text,
        }
        for heading, text, required in STATS_COLUMNS
    ]
    return pd.DataFrame(rows)


def _box(box) -> None:
    """The box's content: every sheet's columns (read whole: an HTML table that wraps), the
    template, a förbund's workbook."""
    with box:
        st.html(tables.html_table(_readme(), group="Blad", table_id="arbetsbok-kolumner"))
        st.download_button(
            "Tom arbetsbok med exempel",
            workbook_export.template,
            "arbetsbok-mall.xlsx",
            XLSX,
            key="workbook_template",
            on_click="ignore",
        )
        years = ui.load(overview.forbund_years)
        chosen = st.selectbox(
            "Förbund att exportera",
            list(years),
            format_func=lambda f: ui.load(overview.forbund_label, f),
            key="workbook_forbund",
        )
        st.download_button(
            "Förbundets arbetsbok",
            ui.made_on_click(workbook_export.export, chosen),
            f"Arbetsbok {chosen}.xlsx",
            XLSX,
            key="workbook_export",
            on_click="ignore",  # made on the click, no rerun: a rerun would drop it
        )


def section(editor: str, rights: scope.Scope, touched: scope.Touched) -> None:
    """The whole section: what the workbook is, its template and export, an upload and its log
    (the imports of the editor's förbund, ``rights``; ``touched``: ``scope.touched``)."""
    st.header("Förbundets arbetsbok")
    st.write(
        "En Excelfil per förbund med förbundet, medlemmarna, bidragen, budgetraderna, insatserna med "
        "deras bemanning, platser och deltagare, målen och årets utfall för dem, årshjulets möten, "
        "styrelsen, nyckeltalen, styrtalen, balansräkningen, balanskravet, kassaflödet, enkäten och "
        "länets publicerade statistik, ett blad för varje. "
        "Exportera förbundets arbetsbok, fyll i nästa år och importera den igen: bara bladen som finns "
        "läses, och en rad med samma nyckel ersätter den som finns. Bladet Läs mig förklarar varje kolumn. "
        "Bladen Budget, Statistik och Utfall har samma format som budgetimporten, statistikimporten och "
        "filen med utfall på sidan, och deras rader står också i de loggarna, under samma nummer: att "
        "ångra den ena ångrar hela arbetsboken."
    )
    box = ui.lazy_expander("Blad, kolumner, mall och export", key="workbook-box")
    if box.open:  # closed, the table and the list of förbund cost the page's run nothing
        _box(box)
    upload = st.file_uploader(
        "Arbetsbok (.xlsx)", type=["xlsx"], key=f"workbook_upload_{st.session_state.get(ROUND, 0)}"
    )
    if upload is not None:
        _preview_and_import(upload, editor, rights)
    st.subheader("Logg över arbetsböcker")
    log = scope.visible(ui.snapshot_cursor(), rights, scope.WORKBOOK, ui.load(workbook.history), touched)
    if log.empty:
        st.write("Ingen arbetsbok har importerats ännu; dashboarden visar dokumentens siffror.")
        return
    # read whole at 1280×720: an HTML table that wraps, not a grid with columns behind a scroll
    st.html(
        tables.html_table(
            history_table(log),
            ["Import", "Nya rader", "Ersatta rader", "Oförändrade"],
            table_id="arbetsbok-logg",
        )
    )
    undo_panel(
        log,
        "arbetsbok",
        "alla dess rader slutar gälla",
        undo_in_scope(rights, scope.WORKBOOK, workbook.undo, editor),
        "det den ersatte gäller igen.",
        key="workbook_undo",
    )


def _store(parsed: workbook.Parsed, editor: str, rights: scope.Scope):
    """A workbook (or a file of outcomes) stored, once every förbund and area it writes is the
    editor's (``scope.check_workbook``)."""
    scope.check_workbook(ui.database().con, rights, parsed)
    return workbook.store(ui.database().con, parsed, editor, confirmed=True)


def _preview_and_import(upload, editor: str, rights: scope.Scope) -> None:
    cur = ui.snapshot_cursor()
    data = upload.getvalue()
    try:
        parsed = workbook.parse(cur, workbook.read(data, upload.name), upload.name, data)
    except reading.ImportRefused as exc:
        problem_list(
            f"{upload.name} kan inte importeras; inget har ändrats. Rätta och ladda upp igen.", exc.problems
        )
        return
    previewed = workbook.preview(cur, parsed)
    budget = workbook.budget_preview(cur, parsed)
    statistics = workbook.statistics_preview(cur, parsed)
    recorded = workbook.outcomes_preview(cur, parsed)
    counts = workbook.summary(previewed, budget, statistics, recorded)
    total = {s: sum(c[s] for c in counts.values()) for s in workbook.STATUSES}
    m1, m2, m3 = st.columns(3)
    m1.metric("Nya rader", fmt.number(total["ny"]))
    m2.metric("Ändrade rader", fmt.number(total["ändrad"]))
    m3.metric("Oförändrade rader", fmt.number(total["oförändrad"]))
    for note in parsed.notes:
        st.text(note)
    forbund = sorted(
        {r["forbund"] for rows in previewed.values() for r in rows}
        | (set(budget["forbund"]) if budget is not None else set())
    )
    if len(forbund) == 1:
        st.caption(f"Förbund: {fmt.plain(forbund[0])}")
    tabs = st.tabs([f"{name} ({_changes(c['ny'] + c['ändrad'])})" for name, c in counts.items()])
    for tab, name in zip(tabs, counts, strict=True):
        if name == BUDGET_SHEET:  # the budget import's own preview
            lines = imports.preview_table(budget).head(imports.PREVIEW_ROWS)
            tab.dataframe(
                lines.style.format({"Belopp nu": fmt.kr, "Belopp i filen": fmt.kr}, na_rep=fmt.MISSING),
                hide_index=True,
                width="stretch",
                height=ui.table_height(len(lines)),
            )
            continue
        if name == OUTCOME_SHEET:
            tab.html(tables.html_table(outcomes_table(recorded), table_id="workbook-utfall-preview"))
            continue
        if name == STATS_SHEET:  # the statistics import's own preview
            tab.html(
                tables.html_table(
                    statimport.preview_table(statistics).head(imports.PREVIEW_ROWS),
                    ["Värde", "Förut"],
                    table_id="workbook-statistik-preview",
                )
            )
            continue
        table = preview_table(name, previewed[name], lambda d: documents.citation(cur, d, "", short=True))
        tab.dataframe(
            table,
            hide_index=True,
            width="stretch",
            height=ui.table_height(len(table)),
            column_config={"Ändring": st.column_config.TextColumn(width="large")},
        )
    confirmed = True
    if parsed.questions:
        for question in parsed.questions:
            st.warning(fmt.plain(question))
        confirmed = st.checkbox("Ja, det stämmer; importera ändå.", key="workbook_confirm")
    if total["ny"] + total["ändrad"] == 0:
        st.info("Arbetsboken ändrar ingenting: varje rad finns redan med samma värden.")
    elif confirmed:
        confirm_import(
            f"Importera {fmt.number(total['ny'] + total['ändrad'])} nya och ändrade rader",
            lambda: _store(parsed, editor, rights),
            ROUND,
            lambda stored: (
                f"Arbetsbok {stored.import_id} sparad: "
                f"{fmt.number(sum(c['ny'] for c in stored.counts.values()))} nya och "
                f"{fmt.number(sum(c['ändrad'] for c in stored.counts.values()))} ersatta rader."
            ),
        )


def outcome_file(upload, editor: str, rights: scope.Scope) -> None:
    """A file of outcomes on Data: read as a workbook with the one sheet Utfall, previewed,
    then imported as one (in the workbook log, undone as one)."""
    cur = ui.snapshot_cursor()
    try:
        parsed = workbook.parse_outcome_file(cur, upload.getvalue(), upload.name)
    except reading.ImportRefused as exc:
        problem_list(f"{upload.name} registrerades inte; inget har ändrats.", exc.problems)
        return
    rows = workbook.outcomes_preview(cur, parsed)
    st.html(tables.html_table(outcomes_table(rows), table_id="utfall-preview"))
    changed = sum(1 for r in rows if r["status"] != "oförändrad")
    if changed == 0:
        st.info("Filen ändrar ingenting: varje utfall finns redan med samma värden.")
        return
    confirm_import(
        f"Registrera {fmt.number(changed)} utfall",
        lambda: _store(parsed, editor, rights),
        OUTCOME_ROUND,
        lambda stored: (
            f"{fmt.number(changed)} utfall registrerade ur {upload.name} som import {stored.import_id}; "
            "den ångras som en i loggen över arbetsböcker."
        ),
    )
