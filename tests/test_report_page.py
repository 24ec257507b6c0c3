"""The page Mötesunderlag offers the chosen förbund's meetings, or any date where the data
holds no årshjul for it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests import pages

REPO = Path(__file__).resolve().parent.parent


def _page() -> AppTest:
    return AppTest.from_file(str(REPO / "app_pages" / "motesunderlag.py"), default_timeout=120).run()


def test_a_forbund_without_arshjul_gets_a_date_and_is_told_why():
    at = _page()
    assert not at.exception
    assert pages.shown(at)[0] == "Samordningsförbundet Västmanland"
    assert any("inget årshjul för Samordningsförbundet Västmanland" in i.value for i in at.info)
    assert not any(s.label == "Möte" for s in at.selectbox)  # no other förbund's meetings
    assert [d.label for d in at.date_input] == ["Mötets datum (år-månad-dag)"]
    assert any(c.value.startswith("Mötet: ") for c in at.caption)


def test_a_forbund_with_arshjul_gets_its_meetings_the_chosen_year_first():
    at = _page()
    pages.choose_forbund(at, "Samordningsförbundet Västerås")
    pages.choose_year(at, 2022)
    assert not at.exception
    meeting = next(s for s in at.selectbox if s.label == "Möte")
    labels = list(meeting.options)  # as shown
    # 000 bilaga 1: the first meeting of the styrelse in 2022 is on 14 January.
    assert labels[0] == "14 januari 2022: Förbundsstyrelse"
    assert labels[-1] == "Annat datum" and len(labels) == 13
    shown = [c.value.replace("\\", "") for c in at.caption]  # as read, without Markdown's escapes
    assert any("Verksamhetsplan 2022 (Samordningsförbundet Västerås)" in c for c in shown)
    assert not at.date_input
    meeting.select_index(len(labels) - 1).run()  # Annat datum
    assert [d.label for d in at.date_input] == ["Mötets datum (år-månad-dag)"]


def test_the_views_are_pills_all_chosen_and_none_chosen_makes_nothing():
    at = _page()
    views = next(p for p in at.button_group if p.label == "Vyer")
    assert list(views.value) == ["nyckeltal", "budget", "avvikelser", "team", "mal", "lan"]
    make = next(b for b in at.button if b.label == "Skapa underlaget")
    assert not make.disabled
    views.set_value([]).run()
    assert not at.exception
    assert next(b for b in at.button if b.label == "Skapa underlaget").disabled
    assert any(c.value == "Välj minst en vy." for c in at.caption)
    next(p for p in at.button_group if p.label == "Vyer").set_value(["team"]).run()
    assert not next(b for b in at.button if b.label == "Skapa underlaget").disabled
