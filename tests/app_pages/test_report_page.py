"""The page Mötesunderlag offers the chosen förbund's meetings, or any date where the data
holds no årshjul for it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.exchange import fmt
from tests import pages

REPO = Path(__file__).resolve().parents[2]


def _page() -> AppTest:
    return AppTest.from_file(str(REPO / "app_pages" / "motesunderlag.py"), default_timeout=120).run()


def test_a_forbund_without_arshjul_gets_a_date_and_is_told_why():
    at = _page()
    assert not at.exception
    assert pages.shown(at)[0] == "Samordningsförbundet Västmanland"
    assert any("inget årshjul för Samordningsförbundet Västmanland" in i.value for i in at.info)
    assert not any(e.label.startswith("Möte: ") for e in at.expander)  # no other förbund's meetings
    # Any date, in a box named after it (today's until another is chosen); the field comes with
    # the box, and the chosen date is kept while it is closed.
    today = dt.date.today()
    assert pages.box_shows(at, "Mötets datum") == fmt.date(today)
    assert not at.date_input
    at.session_state["mote-datum-box"] = True  # what opening it in the browser sets
    at.run()
    assert [d.label for d in at.date_input] == ["Mötets datum (år-månad-dag)"]
    at.date_input[0].set_value(dt.date(2025, 9, 22)).run()
    assert not at.exception
    assert pages.box_shows(at, "Mötets datum") == "22 september 2025"
    at.session_state["mote-datum-box"] = False
    at.run()
    assert not at.date_input and pages.box_shows(at, "Mötets datum") == "22 september 2025"


def test_a_forbund_with_arshjul_gets_its_meetings_the_chosen_year_first():
    at = _page()
    pages.choose_forbund(at, "Samordningsförbundet Västerås")
    pages.choose_year(at, 2022)
    assert not at.exception
    # 000 bilaga 1: the styrelse's 12 meetings of 2022, the first on 14 January. None falls on or
    # after the period's end (31 December 2022, the only period of 2022), so the box shows the
    # year's first; its list is drawn when it is opened, "Annat datum" not counted as a meeting.
    assert pages.segments(at, "Period som slutar").value == dt.date(2022, 12, 31)
    assert not at.selectbox
    assert pages.box_shows(at, "Möte") == "14 januari 2022, Förbundsstyrelse"
    key = "mote-Samordningsförbundet Västerås-2022-12-31"  # a choice holds for a förbund and period
    meeting = pages.box_list(at, key)
    labels = list(meeting.options)  # as shown
    assert meeting.label == "Välj möte (12 i datan)"
    assert labels[0] == "14 januari 2022, Förbundsstyrelse"
    assert labels[-1] == "Annat datum" and len(labels) == 13
    shown = [c.value.replace("\\", "") for c in at.caption]  # as read, without Markdown's escapes
    assert any("Verksamhetsplan 2022 (Samordningsförbundet Västerås)" in c for c in shown)
    assert not any(e.label.startswith("Mötets datum") for e in at.expander)
    pages.choose(at, key, len(labels) - 1)  # Annat datum
    assert pages.box_shows(at, "Möte") == "Annat datum"
    assert any(e.label.startswith("Mötets datum: ") for e in at.expander)


def test_the_views_are_pills_all_chosen_and_none_chosen_makes_nothing():
    at = _page()
    views = next(p for p in at.button_group if p.label == "Vyer")
    assert list(views.value) == ["nyckeltal", "budget", "avvikelser", "team", "belaggning", "mal", "lan"]
    make = next(b for b in at.button if b.label == "Skapa underlaget")
    assert not make.disabled
    views.set_value([]).run()
    assert not at.exception
    assert next(b for b in at.button if b.label == "Skapa underlaget").disabled
    assert any(c.value == "Välj minst en vy." for c in at.caption)
    next(p for p in at.button_group if p.label == "Vyer").set_value(["team"]).run()
    assert not next(b for b in at.button if b.label == "Skapa underlaget").disabled
