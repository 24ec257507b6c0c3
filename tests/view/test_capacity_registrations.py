"""Teamkapacitet's "Beläggning och flöden … enligt teamens registreringar" (issue 27) as a
member sees it, run in AppTest on a scratch database with a generated registration list of
Västmanland's four samordningsteam imported; and the same month's table for the wall and the
pack (``capacity_view.occupancy_at``).

Every figure expected here comes from ``tests.registration_lists`` (the generator and its
oracle), the planned places from data/capacity.csv (004 section 6.1), the kommun names from
data/kommuner.csv; the protection rule (1–4 as "<5", one more hidden where an equation would
give a hidden cell back) is checked on the shown table itself."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain import registrations_county
from dashboard.exchange import registration_import
from dashboard.store import db, embedded
from dashboard.view import capacity_view, ui
from tests import pages
from tests import registration_lists as lists

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120
FORBUND = "Samordningsförbundet Västmanland"
FRAN, TILL = dt.date(2024, 1, 1), dt.date(2025, 10, 31)  # the period the list covers
TODAY = dt.date(2026, 1, 15)

# Västmanland's samordningsteam (data/insatser.csv), written by name or by id as teams write them.
INSATSER = (
    lists.Insats("samordningsteam-sala", "Samordningsteam Sala", ("1981",)),
    lists.Insats("samordningsteam-fns", "samordningsteam-fns", ("1982", "1962", "1904")),
    lists.Insats("samordningsteam-hallstahammar", "Samordningsteam Hallstahammar", ("1961",)),
    lists.Insats("samordningsteam-surahammar", "Samordningsteam Surahammar", ("1907",)),
)
NAMES = {
    "samordningsteam-sala": "Samordningsteam Sala",
    "samordningsteam-fns": "Samordningsteam FNS",
    "samordningsteam-hallstahammar": "Samordningsteam Hallstahammar",
    "samordningsteam-surahammar": "Samordningsteam Surahammar",
}
# Planned concurrent participants, data/capacity.csv (004 sections 6.1.1–6.1.4, plan 2024).
PLACES = {
    "samordningsteam-fns": (50, 55),
    "samordningsteam-hallstahammar": (20, 22),
    "samordningsteam-sala": (25, 30),
    "samordningsteam-surahammar": (15, 15),
}
MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
               "oktober", "november", "december")  # fmt: skip
COUNTS = {
    "Aktiva": "aktiva",
    "Började": "startade",
    "Avslutade": "avslutade",
    "Till arbete, studier": "till_arbete_studier",
}
ALL = "Alla team"

ROWS = lists.generate(INSATSER, seed=27, fran=FRAN, till=TILL, per_insats=40)
IMPORTS = [lists.Import(tuple(ROWS), FRAN, TILL)]
REACH = lists.reach(IMPORTS)
IN_EFFECT = lists.in_effect(IMPORTS)
MONTHS = lists.months(IN_EFFECT, REACH)


def _kommun_names() -> dict[str, str]:
    with (REPO / "data" / "kommuner.csv").open(encoding="utf-8") as fh:
        return {row["kommunkod"]: row["kommun"] for row in csv.DictReader(fh)}


def _month_text(month_end: dt.date) -> str:
    return f"{MONTH_NAMES[month_end.month - 1]} {month_end.year}"


def _latest_month(on_or_before: dt.date) -> dt.date:
    return max(d for d in lists.month_ends(FRAN, TILL) if d <= on_or_before)


def _month_before(month_end: dt.date) -> dt.date:
    return month_end.replace(day=1) - dt.timedelta(days=1)


def _range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _occupancy(active: int, low: int, high: int) -> str:
    """Active against the planned places, computed here: the share at the high end of the plan
    to the share at its low end, whole percent."""
    a, b = round(active / high * 100), round(active / low * 100)
    return f"{a} %" if a == b else f"{a}–{b} %"


# ---------------------------------------------------------------- the databases


def _forget() -> None:
    """Drop the app's connection and every cached result (another test's database can have the
    same data version, which keys the caches)."""
    ui._database.clear()
    ui._drop_results()


@pytest.fixture(scope="module")
def databases(tmp_path_factory) -> tuple[Path, Path]:
    """Built from data/ once: one without registrations, one with the generated list imported."""
    folder = tmp_path_factory.mktemp("team-registrations")
    empty = folder / "empty.duckdb"
    con = db.connect(empty)
    embedded.build(con)
    con.close()
    registered = folder / "registered.duckdb"
    shutil.copy(empty, registered)
    con = db.connect(registered)
    parsed = registration_import.parse(
        con, lists.csv_bytes(ROWS), "lista.csv", forbund=FORBUND, fran=FRAN, till=TILL, today=TODAY
    )
    registration_import.store(con, parsed, "Testare")
    con.close()
    return empty, registered


@pytest.fixture
def use(monkeypatch):
    """Point the app at a database of this module's."""

    def pointed(path: Path) -> None:
        monkeypatch.setenv("FINSAM_DB", str(path))
        _forget()

    yield pointed
    _forget()


def _team_page() -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / "team.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    return at


def _table(at: AppTest, table_id: str) -> pd.DataFrame:
    (html,) = [h.body for h in at.html if f'id="{table_id}"' in h.body]
    frame = pd.read_html(StringIO(html), flavor="lxml", thousands=None, keep_default_na=False)[0]
    return frame.astype(str).map(lambda text: text.replace("\u00a0", " "))


# ---------------------------------------------------------------- the checks


def _cell(text: str, value: int) -> bool:
    """Whether the cell hides ``value``; a shown cell must be the value, a count of 1–4 "<5"."""
    if 0 < value < 5:
        assert text == "<5", (text, value)
        return True
    if text == "dolt":  # hidden beside a small one: never itself a count of 1–4
        return True
    assert text == str(value), (text, value)
    return False


def _shown_counts_are_never_small(frame: pd.DataFrame, columns: list[str]) -> None:
    for column in columns:
        for text in frame[column]:
            number = text.split(" (")[0]
            assert not (number.isdigit() and 0 < int(number) < 5), (column, text)


def check_month_table(frame: pd.DataFrame, month_end: dt.date, month_column: bool = True) -> None:
    """The table of each team's latest whole month (Teamkapacitet's "team-registreringar", the
    wall's and the pack's ``occupancy_at``) against the oracle: counts where shown, "<5" for
    1–4, no equation of shown cells giving a hidden one back, planned places and occupancy."""
    rows = frame.set_index("Insats")
    assert set(rows.index) == {*NAMES.values(), ALL}
    hidden: dict[tuple[str, str], bool] = {}
    values: dict[tuple[str, str], int] = {}
    for insats_id, name in NAMES.items():
        row = rows.loc[name]
        month = MONTHS[(insats_id, month_end)]
        if month_column and "Månad" in row.index:  # else one month for every team, said above
            assert row["Månad"] == _month_text(month_end)
        for column, field in COUNTS.items():
            text = row[column].split(" (")[0]
            values[(name, column)] = getattr(month, field)
            hidden[(name, column)] = _cell(text, getattr(month, field))
        # The stock equation: the month before (shown in the chart unless 1–4) + started − ended
        # = active now. Never exactly one of its cells hidden.
        before = MONTHS.get((insats_id, _month_before(month_end)))
        if before is not None:
            flows = [hidden[(name, c)] for c in ("Aktiva", "Började", "Avslutade")]
            assert sum(flows) + (0 < before.aktiva < 5) != 1, (name, month, before.aktiva)
        low, high = PLACES[insats_id]
        assert row["Platser"] == _range(low, high)
        shown_active = not hidden[(name, "Aktiva")] and month.aktiva >= 5
        assert row["Beläggning"] == (_occupancy(month.aktiva, low, high) if shown_active else "–"), name
        work = row["Till arbete, studier"]
        ended_shown = not hidden[(name, "Avslutade")] and month.avslutade >= 5
        if ended_shown and not hidden[(name, "Till arbete, studier")]:
            share = round(month.till_arbete_studier / month.avslutade * 100)
            assert work == f"{month.till_arbete_studier} ({share} %)"
        else:
            assert " (" not in work  # no share of a hidden or small count
        if "Median dagar" in row:
            median = row["Median dagar"]
            assert median == (str(round(month.median_dagar)) if ended_shown else "–"), name
    # The row of all teams: the sums, and no column with exactly one hidden cell.
    total = rows.loc[ALL]
    for column in COUNTS:
        value = sum(values[(name, column)] for name in NAMES.values())
        total_hidden = _cell(total[column].split(" (")[0], value)
        column_hidden = [hidden[(name, column)] for name in NAMES.values()]
        assert sum(column_hidden) + total_hidden != 1, column
    active = sum(values[(name, "Aktiva")] for name in NAMES.values())
    low, high = sum(p[0] for p in PLACES.values()), sum(p[1] for p in PLACES.values())
    assert total["Platser"] == _range(low, high)
    active_hidden = total["Aktiva"] in ("<5", "dolt")
    assert total["Beläggning"] == ("–" if active_hidden or active < 5 else _occupancy(active, low, high))
    _shown_counts_are_never_small(frame, list(COUNTS))


def check_residents(frame: pd.DataFrame, year: int, con=None) -> None:
    """Participants per kommun of residence and team (distinct codes per insats), with the
    teams' sums over the län; 1–4 as "<5"; no column with exactly one hidden cell, nor a row
    whose sum Länsjämförelse shows (``con``: its database) with exactly one."""
    expected = lists.residents(IN_EFFECT, year, REACH)
    kommun = _kommun_names()
    codes = sorted({k for (_, k), n in expected.items() if n > 0})
    grid = pd.DataFrame(0, index=[kommun[c] for c in codes], columns=list(NAMES.values()))
    for (insats_id, code), n in expected.items():
        grid.loc[kommun[code], NAMES[insats_id]] += n
    grid.loc["Totalt i länet"] = grid.sum(axis=0)
    shown = frame.set_index("Kommun")
    assert set(shown.index) == set(grid.index)
    assert list(shown.columns) == sorted(NAMES.values())
    hidden = pd.DataFrame(False, index=grid.index, columns=grid.columns)
    for name in grid.index:
        for column in grid.columns:
            hidden.loc[name, column] = _cell(shown.loc[name, column], int(grid.loc[name, column]))
    assert hidden.to_numpy().any(), "the list must give the table small counts to protect"
    for column in grid.columns:
        assert hidden[column].sum() != 1, column
    if con is not None:  # Länsjämförelse's sum of each kommun: the row's total, on another page
        other = registrations_county.lan_residents(con, "19", year).kommuner.set_index("kommun")
        for name in grid.index[:-1]:
            row_hidden = int(hidden.loc[name].sum()) + bool(other.loc[name, "dold"])
            assert row_hidden != 1, name
    _shown_counts_are_never_small(shown, list(grid.columns))


# ---------------------------------------------------------------- the page


def test_the_generated_list_gives_the_tables_something_to_hide():
    """The seed chosen: small flows to protect, teams full enough to show their occupancy."""
    october = [MONTHS[(i.insats_id, TILL)] for i in INSATSER]
    assert any(0 < m.startade < 5 for m in october) and all(m.aktiva >= 5 for m in october)
    assert len({r.deltagare for r in ROWS if r.insats_id == "samordningsteam-sala"}) < len(
        [r for r in ROWS if r.insats_id == "samordningsteam-sala"]
    )  # a restart


def test_teamkapacitet_shows_each_teams_latest_month_protected(databases, use):
    use(databases[1])
    at = _team_page()
    at = pages.choose_year(at, 2025)
    assert not at.exception
    assert "Beläggning och flöden 2025 enligt teamens registreringar" in [s.value for s in at.subheader]
    assert any(m.value == "**Månaden som visas:** oktober 2025." for m in at.markdown)
    table = _table(at, "team-registreringar")
    check_month_table(table, _latest_month(dt.date(2025, 12, 31)))
    assert (table == "<5").to_numpy().any()
    assert any(text.endswith("%") for text in table["Beläggning"])
    check_residents(_table(at, "team-kommuner"), 2025, ui.database().con.cursor())

    # 2024: the whole year is covered; its latest month is December.
    at = pages.choose_year(at, 2024)
    assert not at.exception
    assert any(m.value == "**Månaden som visas:** december 2024." for m in at.markdown)
    check_month_table(_table(at, "team-registreringar"), dt.date(2024, 12, 31))
    check_residents(_table(at, "team-kommuner"), 2024)


def test_a_year_the_registrations_do_not_cover_says_so(databases, use):
    use(databases[1])
    at = _team_page()
    assert 2023 in pages.years(at)  # a year with the teams' plans or budgets
    at = pages.choose_year(at, 2023)
    assert not at.exception
    assert "Registreringarna täcker januari 2024–oktober 2025, inte 2023." in [i.value for i in at.info]
    assert not any('id="team-registreringar"' in h.body or 'id="team-kommuner"' in h.body for h in at.html)


def test_without_registrations_the_page_leads_to_data(databases, use):
    use(databases[0])
    at = _team_page()
    infos = [i.value for i in at.info if "registreringar" in i.value]
    assert len(infos) == 1 and infos[0].startswith("Datan har inga registreringar av deltagare ännu")
    assert "på sidan Data" in infos[0]
    assert any(m.value == "[Importera registreringar på sidan Data](data)" for m in at.markdown)
    assert not any('id="team-registreringar"' in h.body for h in at.html)
    # the rest of the page runs as before
    assert "Vad varje team har, tar emot och kostar" in [s.value for s in at.subheader]


# ---------------------------------------------------------------- the wall and the pack


@pytest.mark.parametrize(
    ("period_end", "month_end"),
    [
        (dt.date(2025, 8, 31), dt.date(2025, 8, 31)),  # a period ending on a month's last day
        (dt.date(2025, 9, 15), dt.date(2025, 8, 31)),  # September is not whole by the 15th
        (dt.date(2024, 6, 30), dt.date(2024, 6, 30)),
        (dt.date(2026, 3, 31), TILL),  # beyond the registrations: their latest month
    ],
)
def test_occupancy_at_a_period_end(databases, period_end, month_end):
    con = db.connect(databases[1])
    try:
        found = capacity_view.occupancy_at(con, FORBUND, period_end)
    finally:
        con.close()
    assert found.missing == "" and found.table is not None
    assert found.month == _month_text(month_end)
    assert "Månad" not in found.table.columns  # one month for every team: said once
    assert "(import 1, 1 januari 2024–31 oktober 2025, importerad" in found.source
    assert "lista.csv" not in found.source  # a person never sees a file name
    table = found.table.astype(str).map(lambda text: text.replace("\u00a0", " "))
    check_month_table(table, month_end, month_column=False)


def test_occupancy_before_the_registrations_is_missing(databases):
    con = db.connect(databases[1])
    try:
        found = capacity_view.occupancy_at(con, FORBUND, dt.date(2023, 12, 31))
    finally:
        con.close()
    assert found.table is None
    assert found.missing.startswith(
        f"Datan har inga registreringar av deltagare för {FORBUND} till och med 31 december 2023."
    )
