"""Mål och resultat (issue 27, part 3): a goal measured by the share of ended participants who
went to work or studies gets its outcome computed from the teams' registrations, with the
rule stated; an outcome printed in a document or recorded by an editor goes first; a share of
fewer than 5 ended is not shown.

The goals come in as an editor brings them (the workbook's sheet Mål), the registrations as a
generated list through the import (``registration_import.parse`` + ``store``); the expected
figures are counted here in plain Python over the generated rows."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain import goals, outcomes, registrations
from dashboard.exchange import fmt, registration_import, workbook
from dashboard.store import db, embedded
from dashboard.view import goals_view, ui
from tests import pages

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60
SV = "Samordningsförbundet Västmanland"
GOAL_2025, GOAL_2024, GOAL_2026 = "vastmanland-2025-reg", "vastmanland-2024-reg", "vastmanland-2026-reg"
TODAY = dt.date(2026, 12, 7)  # the registrations' files are checked against it (no future dates)

# The insatser of the generated list, as the file writes them; FNS's list reaches only to June.
VASTERAS, SALA, FNS = "Samordningsteam Västerås", "Samordningsteam Sala", "Samordningsteam FNS"
WORK_OR_STUDIES = ("arbete", "studier")
OTHER_ENDS = ("arbetssökande", "annan insats", "sjukskrivning", "flytt", "avbrutet", "annat")


@dataclass(frozen=True)
class Row:
    insats: str
    code: str
    born: int
    kommun: str
    start: dt.date
    end: dt.date | None
    why: str


def generated(seed: int = 27) -> list[Row]:
    """Västerås and Sala, participations starting from July 2024 (some spanning the new year,
    some restarting under the same code, some still active at the end of 2025), and three that
    end in 2024, two of them in work or studies."""
    rng = random.Random(seed)
    rows: list[Row] = []
    for insats, prefix, kommun in ((VASTERAS, "V", "1980"), (SALA, "S", "1981")):
        for n in range(1, 41):
            start = dt.date(2024, 7, 1) + dt.timedelta(days=rng.randrange(0, 480))
            end: dt.date | None = start + dt.timedelta(days=rng.randrange(0, 300))
            if end < dt.date(2025, 1, 1):  # the year 2024's ended are the three below
                end = dt.date(2025, 1, 1)
            if end > dt.date(2025, 12, 31) or rng.random() < 0.15:
                end = None
            why = "" if end is None else rng.choice(WORK_OR_STUDIES * 2 + OTHER_ENDS)
            rows.append(Row(insats, f"{prefix}-{n}", rng.randrange(1960, 2005), kommun, start, end, why))
            if end is not None and end < dt.date(2025, 10, 1) and rng.random() < 0.2:  # a restart
                again = end + dt.timedelta(days=rng.randrange(1, 60))
                rows.append(Row(insats, f"{prefix}-{n}", rows[-1].born, kommun, again, None, ""))
    # The year's edges: one ending on the last day of 2025, one on its first.
    rows.append(Row(VASTERAS, "V-100", 1990, "1980", dt.date(2025, 3, 1), dt.date(2025, 12, 31), "studier"))
    rows.append(Row(SALA, "S-100", 1991, "1981", dt.date(2024, 12, 1), dt.date(2025, 1, 1), "flytt"))
    # 2024: three ended, two of them to work or studies.
    rows.append(Row(VASTERAS, "V-200", 1980, "1980", dt.date(2024, 2, 1), dt.date(2024, 9, 30), "arbete"))
    rows.append(Row(VASTERAS, "V-201", 1981, "1980", dt.date(2024, 3, 1), dt.date(2024, 11, 15), "studier"))
    rows.append(Row(SALA, "S-200", 1982, "1981", dt.date(2024, 4, 1), dt.date(2024, 12, 31), "avbrutet"))
    return rows


def fns_rows() -> list[Row]:
    """FNS's list, covering 1 January–30 June 2025 only: its leavers are not counted for 2025."""
    return [
        Row(FNS, f"F-{n}", 1985, "1982", dt.date(2025, 1, 10), dt.date(2025, 5, n + 1), "arbete")
        for n in range(1, 9)
    ]


def expected(rows: list[Row], insatser: tuple[str, ...], fran: dt.date, till: dt.date) -> tuple[int, int]:
    """Independently: of the insatser's participations that ended in the period, how many, and
    how many of them to work or studies."""
    ended = [r for r in rows if r.insats in insatser and r.end is not None and fran <= r.end <= till]
    return len(ended), sum(1 for r in ended if r.why in WORK_OR_STUDIES)


def csv_bytes(rows: list[Row]) -> bytes:
    lines = ["Insats;Deltagare;Kön;Födelseår;Kommunkod;Startdatum;Slutdatum;Avslut"]
    for r in rows:
        end = r.end.isoformat() if r.end else ""
        lines.append(f"{r.insats};{r.code};kvinna;{r.born};{r.kommun};{r.start.isoformat()};{end};{r.why}")
    return ("\n".join(lines) + "\n").encode()


def import_registrations(con, rows: list[Row], fran: dt.date, till: dt.date, name: str = "lista.csv") -> None:
    parsed = registration_import.parse(
        con, csv_bytes(rows), name, forbund=SV, fran=fran, till=till, today=TODAY
    )
    registration_import.store(con, parsed, "Test")


GOAL_HEADING = (
    "Förbund;År;Område;Mål;Mått;Jämförelse;Målvärde;Enhet;Utfall;Bedömning;Bedömningens grund;"
    "Målvärde text;Utfall text;Utfallets dokument;Utfallets avsnitt;Mål-id;Dokument;Avsnitt;Anmärkning;"
    "Dokumentets titel"
)


def import_goals(con, folder: Path) -> None:
    """The goals an editor brings on the workbook's sheet Mål: 40 % of those who end an
    individinsats to work or studies, for 2024, 2025 and 2026."""
    folder.mkdir(exist_ok=True)
    lines = [GOAL_HEADING]
    for ar, mal_id in ((2024, GOAL_2024), (2025, GOAL_2025), (2026, GOAL_2026)):
        lines.append(
            f"{SV};{ar};Individinsatser – arbete eller studier;Minst 40 % av deltagarna som avslutar en "
            "individinsats ska gå till arbete eller studier.;andel avslutade till arbete/studier;minst;40;"
            f"procent;;;;40 %;;;;{mal_id};Verksamhetsplan {ar} (Samordningsförbundet Västmanland);"
            f"Mål för individinsatser;;Verksamhetsplan {ar}, styrelsens beslut"
        )
    (folder / "Mål.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found, content = workbook.read_folder(folder)
    workbook.store(con, workbook.parse(con, found, folder.name, content), "Test", confirmed=True)


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return generated()


@pytest.fixture(scope="module")
def goal_db(tmp_path_factory, rows) -> Path:
    """The embedded data, the three goals, the generated list (1 January 2024–31 December
    2025), FNS's half year, and Västerås's 2026 so far (to 30 November)."""
    folder = tmp_path_factory.mktemp("goal-registrations")
    path = folder / "goals.duckdb"
    con = db.connect(path)
    embedded.build(con, db.DATA_DIR)
    import_goals(con, folder / "bok")
    import_registrations(con, rows, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    import_registrations(con, fns_rows(), dt.date(2025, 1, 1), dt.date(2025, 6, 30), "fns.csv")
    import_registrations(con, rows_2026(), dt.date(2026, 1, 1), dt.date(2026, 11, 30), "vasteras-2026.csv")
    con.close()
    return path


def rows_2026() -> list[Row]:
    return [
        Row(VASTERAS, f"V-26-{n}", 1975 + n, "1980", dt.date(2026, 1, n), dt.date(2026, 3 + n % 8, 10), why)
        for n, why in enumerate(["arbete", "flytt", "studier", "annat", "avbrutet", "arbete", "annat"], 1)
    ]


@pytest.fixture
def con(goal_db):
    connection = db.connect(goal_db)
    yield connection
    connection.close()


# --- the domain --------------------------------------------------------------------------


def test_the_outcome_is_computed_from_the_generated_list(con, rows):
    frame = goals.goals(con, SV, today=TODAY).set_index("mal_id")
    goal = frame.loc[GOAL_2025]
    assert goal["registreringar"]
    computed = goal["beraknat"]
    # FNS's registrations reach only to 30 June: it is left out, and named.
    ended, went = expected(rows, (VASTERAS, SALA), dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert ended >= 20 and 5 <= went < ended  # the list has enough for a share shown
    assert (computed.share.ended, computed.share.to_work_or_studies) == (ended, went)
    assert (computed.fran, computed.till, computed.whole_year) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
        True,
    )
    assert computed.counted == (SALA, VASTERAS) and computed.left_out == (FNS,)
    assert goal["utfall"] == pytest.approx(100 * went / ended)
    assert goal["status"] == goals.status("minst", 40, 100 * went / ended, None)
    assert goal["grund"] == goals.BERAKNAD
    shown = goals_view.goals_shown(con, SV, today=TODAY).set_index("mal_id").loc[GOAL_2025]
    assert shown["utfall_visas"] == (
        f"{fmt.pct(went / ended)}. Beräknat ur registreringarna: av de {fmt.number(ended)} som avslutade en "
        f"insats 1 januari–31 december 2025 gick {fmt.number(went)} till arbete eller studier (arbete eller "
        f"studier som avslutsorsak). Räknar inte {FNS}: dess registreringar täcker inte hela perioden."
    )
    assert shown["utfall_kalla"] == goals_view.COMPUTED_SOURCE


def test_fewer_than_five_ended_gives_no_share(con, rows):
    assert expected(rows, (VASTERAS, SALA), dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == (3, 2)
    goal = goals_view.goals_shown(con, SV, today=TODAY).set_index("mal_id").loc[GOAL_2024]
    assert goal["beraknat"].share == registrations.Share(3, 2)
    assert goal["beraknat"].value is None and pd.isna(goal["utfall"])
    assert goal["status"] == goals.EJ_MATT
    assert goal["utfall_visas"] == (
        "Beräknat ur registreringarna: av de <5 som avslutade en insats 1 januari–31 december 2024 gick <5 "
        "till arbete eller studier (arbete eller studier som avslutsorsak). Färre än 5 avslutade; andelen "
        "visas inte."
    )
    assert "%" not in goal["utfall_visas"]


def test_the_year_so_far_and_a_year_the_registrations_do_not_finish(con):
    # 2026 runs: Västerås's list reaches 30 November; seven ended, three to work or studies.
    running = goals.registration_outcome(con, SV, 2026, today=TODAY)
    ended, went = expected(rows_2026(), (VASTERAS,), dt.date(2026, 1, 1), dt.date(2026, 11, 30))
    assert (ended, went) == (7, 3)
    assert (running.till, running.whole_year, running.share) == (
        dt.date(2026, 11, 30),
        False,
        registrations.Share(7, 3),
    )
    assert running.value is None  # 3 is hidden, so the share (3 of 7) is not shown either
    text = goals_view.computed_text(running)
    assert text.startswith(
        "Beräknat ur registreringarna: av de 7 som avslutade en insats 1 januari–30 november 2026 "
        "(året hittills, så långt registreringarna når) gick <5 till arbete eller studier"
    )
    assert "Andelen visas inte" in text and "42,9" not in text
    # Once 2026 is over, a list that stops at 30 November does not cover the year: no share.
    over = goals.registration_outcome(con, SV, 2026, today=dt.date(2027, 1, 15))
    assert over.share is None and over.value is None
    assert goals_view.computed_text(over) == (
        "Inget utfall tryckt eller registrerat. Registreringarna täcker bara 1 januari–30 november 2026, "
        "inte hela 2026; utfallet beräknas inte ur dem."
    )
    # A year no registration reaches has nothing to compute from.
    assert goals.registration_outcome(con, SV, 2023, today=TODAY) is None


def test_a_year_so_far_of_only_january_gives_no_counts(tmp_path):
    # Its counts would be January's, which the month's table protects on its own (a hidden
    # all-teams row): the goal waits for February.
    path = tmp_path / "january.duckdb"
    con = db.connect(path)
    embedded.build(con, db.DATA_DIR)
    january = [r for r in rows_2026() if r.start.month == 1]
    january = [Row(r.insats, r.code, r.born, r.kommun, r.start, dt.date(2026, 1, 28), r.why) for r in january]
    import_registrations(con, january, dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    found = goals.registration_outcome(con, SV, 2026, today=dt.date(2026, 2, 3))
    assert found is not None and found.share is None and found.value is None
    assert "täcker bara 1 januari–31 januari 2026" in goals_view.computed_text(found) or (
        "täcker bara 1–31 januari 2026" in goals_view.computed_text(found)
    )
    con.close()


def test_an_editors_outcome_goes_first(tmp_path, rows):
    path = tmp_path / "editor.duckdb"
    con = db.connect(path)
    embedded.build(con, db.DATA_DIR)
    import_goals(con, tmp_path / "bok")
    import_registrations(con, rows, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    parsed = outcomes.ParsedOutcome(GOAL_2025, "2025", 35.0, None, "35 % enligt SUS.", "Styrelseprotokoll")
    (utfall_id,) = outcomes.store_outcomes(con, [parsed], "Eva")
    goal = goals_view.goals_shown(con, SV, today=TODAY).set_index("mal_id").loc[GOAL_2025]
    assert goal["beraknat"] is None
    assert (goal["utfall"], goal["status"]) == (35.0, goals.DELVIS)
    assert goal["utfall_visas"] == "35\u00a0%. 35 % enligt SUS."
    assert "Beräknat" not in goal["utfall_visas"]
    assert goal["utfall_kalla"].startswith("registrerat av Eva ")
    # Undone: the registrations' outcome is back.
    outcomes.undo_stored(con, utfall_id, "Eva")
    goal = goals_view.goals_shown(con, SV, today=TODAY).set_index("mal_id").loc[GOAL_2025]
    ended, went = expected(rows, (VASTERAS, SALA), dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert goal["utfall"] == pytest.approx(100 * went / ended)
    assert goal["utfall_visas"].startswith(f"{fmt.pct(went / ended)}. Beräknat ur registreringarna:")
    con.close()


# --- the page ----------------------------------------------------------------------------


@pytest.fixture
def page_db(goal_db, monkeypatch):
    """The app reads the goals' database; its connection and cached results are dropped on
    the way in and out (another database can have the same data version)."""
    monkeypatch.setenv("FINSAM_DB", str(goal_db))
    ui._database.clear()
    ui._drop_results()
    yield goal_db
    ui._database.clear()
    ui._drop_results()


def _goals_table(at: AppTest) -> pd.DataFrame:
    (html,) = [h.body for h in at.html if 'id="mal-tabell"' in h.body]
    return pd.read_html(StringIO(html), flavor="lxml", thousands=None)[0]


def _row(at: AppTest, start: str) -> pd.Series:
    table = _goals_table(at)
    (index,) = [i for i, m in enumerate(table["Mål"]) if isinstance(m, str) and m.startswith(start)]
    return table.iloc[index]


def test_the_page_shows_the_computed_outcome_and_its_rule(page_db, rows):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    at.switch_page("app_pages/mal.py").run()
    assert not at.exception
    assert pages.shown(at)[0] == SV
    at = pages.choose_year(at, 2025)
    ended, went = expected(rows, (VASTERAS, SALA), dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    row = _row(at, "Minst 40 % av deltagarna som avslutar")
    assert row["Utfall"].startswith(
        f"{fmt.pct(went / ended)}. Beräknat ur registreringarna: av de {fmt.number(ended)} som avslutade en "
        f"insats 1 januari–31 december 2025 gick {fmt.number(went)} till arbete eller studier"
    )
    assert row["Status"] == goals_view.STATUS_SIGNS[goals.status("minst", 40, 100 * went / ended, None)]
    assert row["Källa"].endswith("utfall: " + goals_view.COMPUTED_SOURCE)
    captions = [c.value for c in at.caption]
    assert goals_view.REGISTRATION_RULE in captions  # the rule, stated once under the goals
    assert sum(c.count("avslutsorsak arbete eller studier") for c in captions) == 1
    # 2024: three ended; no share.
    at = pages.choose_year(at, 2024)
    row = _row(at, "Minst 40 % av deltagarna som avslutar")
    assert "Färre än 5 avslutade; andelen visas inte." in row["Utfall"]
    assert "av de <5 som avslutade" in row["Utfall"] and "%" not in row["Utfall"]
    assert row["Status"] == goals_view.STATUS_SIGNS[goals.EJ_MATT]
    # A year whose goals are none of this kind does not state the rule.
    at = pages.choose_forbund(at, "Norra Västmanlands Samordningsförbund")
    assert goals_view.REGISTRATION_RULE not in [c.value for c in at.caption]


def test_the_page_puts_an_editors_outcome_first(page_db):
    cur = ui.database().con.cursor()
    parsed = outcomes.ParsedOutcome(GOAL_2025, "2025", 52.0, None, "52 % till arbete eller studier.", "SUS")
    (utfall_id,) = outcomes.store_outcomes(cur, [parsed], "Eva")
    try:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
        at.switch_page("app_pages/mal.py").run()
        at = pages.choose_year(at, 2025)
        assert not at.exception
        row = _row(at, "Minst 40 % av deltagarna som avslutar")
        assert row["Utfall"] == "52\u00a0%. 52 % till arbete eller studier."
        assert row["Status"] == goals_view.STATUS_SIGNS[goals.UPPNATT]
        assert "registrerat av Eva" in row["Källa"]
    finally:
        outcomes.undo_stored(cur, utfall_id, "Eva")
