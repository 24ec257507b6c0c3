"""Data: a förbund from nothing (``exchange.new_forbund``), then its workbook to fill in.

The editor names the förbund, chooses its län and start, and its members from the län's
kommuner, the region and the state; the förbund is one workbook import (logged, undone as
one), and its workbook comes back prefilled with what is known.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.domain import regions
from dashboard.exchange import fmt, new_forbund, scope, workbook_export
from dashboard.exchange.reading import ImportRefused
from dashboard.view import auth, import_panels, ui

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CREATED = "_new_forbund_created"  # the förbund this session created: its workbook is offered


def _workbook_download(forbund: str) -> None:
    st.download_button(
        f"Arbetsbok för {forbund} (ifylld med det som är känt)",
        ui.made_on_click(workbook_export.export, forbund),
        f"Arbetsbok {forbund}.xlsx",
        XLSX,
        key="new_forbund_workbook",
        on_click="ignore",  # made on the click, no rerun: a rerun would drop it
    )


def section(editor: str, rights: scope.Scope) -> None:
    """Create a förbund: name, län, start and members; one import; then its workbook."""
    st.header("Nytt förbund")
    created = st.session_state.get(CREATED)
    if created and new_forbund.existing(ui.database().con, created):
        st.success(
            f"{fmt.plain(created)} finns nu i datan. Ladda ner arbetsboken, fyll i den från förbundets "
            "verksamhetsplan, budget och årsredovisning, och importera den under Förbundets arbetsbok nedan."
        )
        _workbook_download(created)
    if not rights.everything:  # a new förbund is no förbund an account names yet
        st.caption(
            f"Ett nytt förbund skapas av en redaktör som får ändra alla förbund. Ditt konto får ändra "
            f"{fmt.plain(rights.said())}; administratören lägger sedan till förbundet för kontot."
        )
        return
    box = st.expander("Skapa ett förbund från början", expanded=ui.no_forbund_in_data())
    with box:
        st.write(
            "Ett förbund som inte finns i datan: namn, län, första år och medlemmar. Förbundet sparas "
            "som en arbetsbok med bladen Förbund och Medlemmar (i loggen nedan, och kan ångras); "
            "sedan laddar du ner dess arbetsbok och fyller i resten."
        )
        lan = st.selectbox(
            "Län",
            list(regions.LAN),
            format_func=regions.lan_name,
            key="new_forbund_lan",
            index=None,
            placeholder="Välj förbundets län",
        )
        if lan is None:
            return
        offered = ui.load(new_forbund.offered, lan)
        with st.form("new_forbund_form"):
            name = st.text_input("Förbundets fullständiga namn", placeholder="Samordningsförbundet …")
            start = st.number_input(
                "Första år (då förbundet bildades, eller första året i dashboarden)",
                min_value=new_forbund.FIRST_YEAR,
                max_value=dt.date.today().year + 1,
                value=dt.date.today().year,
                step=1,
                format="%d",
            )
            chosen = st.multiselect(
                f"Medlemmar ({regions.lan_name(lan)}: kommunerna, regionen och staten)",
                offered,
                default=[m for m in offered if m.medlemstyp != "kommun"],
                format_func=lambda m: m.medlem + (f" ({m.kommunkod})" if m.kommunkod else ""),
                placeholder="Välj kommunerna",
            )
            submitted = st.form_submit_button("Skapa förbundet", type="primary")
        if submitted:
            _create(editor, rights, name, lan, int(start), chosen)


def _create(editor: str, rights: scope.Scope, name: str, lan: str, start: int, members: list) -> None:
    con = ui.database().con
    try:
        parsed = new_forbund.parse(con, name, lan, start, members)
        scope.check_workbook(con, rights, parsed)
        stored = new_forbund.store(con, parsed, editor)
    except ImportRefused as exc:
        st.error("Förbundet skapades inte:\n\n" + "\n".join(f"- {fmt.plain(p)}" for p in exc.problems))
        return
    except scope.OutOfScope as refusal:
        auth.refuse(refusal, "creation of a förbund refused")
        return
    forbund = " ".join(name.split())
    ui.data_changed()
    st.session_state[CREATED] = forbund
    st.session_state[import_panels.FLASH] = (
        f"Förbundet {forbund} är skapat (import {stored.import_id}: "
        f"{fmt.number(sum(c['ny'] for c in stored.counts.values()))} rader)."
    )
    st.rerun()
