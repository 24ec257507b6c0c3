"""Länsjämförelse's participants per kommun of residence (issue 27) on the page, run in
AppTest against a scratch database with a generated registration list imported: the year's
segments, the table with small counts protected, another län without population, and a län
without registrations pointing to Data."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import db, embedded
from dashboard.view import county_view, ui
from tests import pages
from tests.view.test_county_registrations import expected_counts, import_registrations, registration_rows

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120
BOX = "lan-deltagare"


def _forget() -> None:
    """Drop the app's connection and every cached result: another test's database can have
    the same data version, which keys the caches."""
    ui._database.clear()
    ui._drop_results()


@pytest.fixture
def registered_db(tmp_path, monkeypatch):
    """A database built from data/ with the generated list imported, read by the app."""
    path = tmp_path / "lan.duckdb"
    con = db.connect(path)
    embedded.build(con)
    import_registrations(con, registration_rows())
    con.close()
    monkeypatch.setenv("FINSAM_DB", str(path))
    _forget()
    yield path
    _forget()


def _residents(at: AppTest) -> pd.DataFrame:
    (html,) = [h.body for h in at.html if f'id="{county_view.RESIDENTS_TABLE}"' in h.body]
    return pd.read_html(StringIO(html), flavor="lxml", thousands=None)[0].astype(str).set_index("Kommun")


def _captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def test_participants_per_kommun_on_lansjamforelse(registered_db):
    at = AppTest.from_file(str(REPO / "app_pages" / "lan.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "Deltagare per kommun" in [s.value for s in at.subheader]
    assert pages.box_shows(at, "Län") == "Västmanlands län"
    # The table waits for its box, as the page's other tables of every kommun do.
    assert not any(county_view.RESIDENTS_TABLE in h.body for h in at.html)
    at.session_state[BOX] = True  # what opening the box in the browser sets
    at.run()
    assert not at.exception
    years = pages.segments(at, "År för deltagarna")
    assert [int(y) for y in years.options] == [2024, 2025] and years.value == 2025
    table = _residents(at)
    counts = expected_counts(registration_rows(), 2025)
    assert table.loc["Skinnskatteberg", "Deltagare 2025"] == "<5"  # 2 participants
    assert table.loc["Skinnskatteberg", "Per 1 000 inv. 20–64"] == "–"
    shown = 0
    for name, code in (("Sala", "1981"), ("Västerås", "1980"), ("Köping", "1983"), ("Arboga", "1984")):
        text = table.loc[name, "Deltagare 2025"]
        if text not in ("<5", "dolt"):  # a shown count is the count
            assert text == str(counts.get(code, 0)), name
            shown += 1
    assert shown >= 2
    if table.loc["Västerås", "Deltagare 2025"] != "dolt":
        rate = f"{counts['1980'] / 91_602 * 1000:.1f}".replace(".", ",")  # Västerås's 91 602 inhabitants 2024
        assert table.loc["Västerås", "Per 1 000 inv. 20–64"] == rate
    # The total is shown only where it and the shown kommuner give no hidden count back.
    in_lan = sum(n for code, n in counts.items() if code.startswith("19"))
    assert table.loc["Västmanlands län", "Deltagare 2025"] in ("dolt", str(in_lan))
    captions = _captions(at)
    assert "Registreringarna för 2025 når till och med 31 oktober 2025" in captions
    assert "befolkning 20–64 år 2024 (SCB via Regionfakta" in captions
    assert county_view.RESIDENTS_SMALL in captions

    pages.segments(at, "År för deltagarna").set_value(2024).run()
    table = _residents(at)
    assert table.loc["Norberg", "Deltagare 2024"] == "<5" and table.loc["Fagersta", "Deltagare 2024"] == "<5"
    assert table.loc["Västmanlands län", "Deltagare 2024"] == "73"  # two hidden: neither given back
    # The year chosen is kept while the box is closed.
    at.session_state[BOX] = False
    at.run()
    assert not any(b.label == "År för deltagarna" for b in at.button_group)
    at.session_state[BOX] = True
    at.run()
    assert pages.segments(at, "År för deltagarna").value == 2024

    # Stockholms län: participants, but no population in the data.
    pages.choose(at, "lan-lan", "01")
    assert not at.exception
    assert [int(y) for y in pages.segments(at, "År för deltagarna").options] == [2025]
    table = _residents(at)
    assert table.loc["Stockholm", "Deltagare 2025"] == "6"
    assert set(table["Per 1 000 inv. 20–64"]) == {"befolkning saknas"}
    assert "Datan har ingen befolkning 20–64 år för kommunerna i Stockholms län" in _captions(at)

    # Skåne län: no one registered lives there; one sentence and the way to Data.
    pages.choose(at, "lan-lan", "12")
    assert not at.exception
    assert [i.value for i in at.info if "registreringar" in i.value] == [county_view.no_registrations("12")]
    assert any("Deltagarnas registreringar" in m.value and "(data)" in m.value for m in at.markdown)
    assert not any(county_view.RESIDENTS_TABLE in h.body for h in at.html)


def test_no_registrations_at_all(tmp_path, monkeypatch):
    """The embedded data alone: the section says so and leads to Data; the page runs as before."""
    path = tmp_path / "plain.duckdb"
    con = db.connect(path)
    embedded.build(con)
    con.close()
    monkeypatch.setenv("FINSAM_DB", str(path))
    _forget()
    try:
        at = AppTest.from_file(str(REPO / "app_pages" / "lan.py"), default_timeout=TIMEOUT).run()
        assert not at.exception
        assert county_view.no_registrations("19") in [i.value for i in at.info]
        assert not any(e.label.startswith("Tabell: deltagare") for e in at.expander)
    finally:
        _forget()
