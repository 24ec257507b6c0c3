"""Scenarier as the page shows them: the outcome in words, the editors, the comparison, the page."""

from __future__ import annotations

import dataclasses
import json
import re
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain import overview, scenarios
from dashboard.exchange import fmt
from dashboard.view import scenarios_view
from tests import pages

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def base_2025(con):
    return scenarios.base(con, scenarios.Assumptions())


def test_a_broken_rule_in_words(base_2025):
    # test_scenarios.test_state_cut_10_percent_from_2026_keeping_every_team: eget kapital
    # -1 900 819 kr at the end of 2027.
    a = scenarios.Assumptions(state_change=-0.10, change_from=2026, years=3)
    breaches = scenarios.project(base_2025, a)["breaches"]
    assert scenarios_view.warnings(breaches[breaches["ar"] == 2027], a) == [
        "2027: eget kapital är negativt (-1\u00a0900\u00a0819\u00a0kr)."
    ]


def test_admin_share_warning_in_words(base_2025):
    # test_scenarios.test_admin_share_warning: 2 326 319 of 18 967 073 = 12,3 %.
    a = scenarios.Assumptions(years=1, admin_limit=0.10)
    breaches = scenarios.project(base_2025, a)["breaches"]
    assert any("administrationen är 12,3" in w for w in scenarios_view.warnings(breaches, a))


def test_edits_from_the_page_tables(base_2025):
    a = scenarios.Assumptions()
    lines = scenarios_view.line_levers(base_2025, a)
    lines.loc[lines["Post"] == "Samordningsteam Sala", "Förändring %"] = 10.0
    # The page names the line by its insats; the scenario keeps the line as printed (001
    # section 6: "Samordningsteamet FNS").
    lines.loc[lines["Post"] == "Samordningsteam FNS", "Förändring kr"] = -50000.0
    teams = scenarios_view.team_levers(base_2025, a)
    import pandas as pd

    added = pd.DataFrame(
        [["Ny insats", "strukturinsats", 300000.0]], columns=["Post", "Kategori", "Kostnad kr"]
    )
    edited = scenarios_view.with_edits(a, lines, teams, added, ["Psykiatriresurs"])
    assert edited.closed == ("Psykiatriresurs",)
    assert edited.line_change == {"Samordningsteam Sala": pytest.approx(0.10)}
    assert edited.line_change_kr == {"Samordningsteamet FNS": -50000.0}
    assert edited.added == (("Ny insats", "strukturinsats", 300000.0),)
    assert dataclasses.replace(edited, closed=()) != edited


def test_outcome_is_what_the_page_shows(con):
    a = scenarios.Assumptions(state_change=-0.10)
    # The text keys the cache: it must give back the very assumptions.
    edited = dataclasses.replace(a, line_change={"Samordningsteam Västerås": -0.05}, closed=("Styrelse",))
    assert scenarios.Assumptions.from_json(edited.to_json()) == edited
    outcome = scenarios_view.outcome(con, a.to_json())
    result = scenarios.run(con, a)
    years = result["years"]
    assert outcome.runs_out == scenarios.first_negative_year(years) == 2027
    assert outcome.cut == pytest.approx(scenarios.needed_cut(years, a))
    assert outcome.problems == scenarios_view.warnings(result["breaches"], a)
    answer = outcome.answer.to_pandas().set_index("Mått")
    assert list(answer.columns) == [str(y) for y in years["ar"]]
    assert outcome.first_year == 2026
    # 001/004 by hand (test_state_cut_10_percent_from_2026_keeping_every_team): 4 054 kr
    # left at the end of 2026, -1 900 819 kr at the end of 2027.
    assert answer.loc["Eget kapital 31/12", "2026"] == "4\u00a0054\u00a0kr"
    assert answer.loc["Eget kapital 31/12", "2027"] == "-1\u00a0900\u00a0819\u00a0kr"
    assert answer.loc["Resultat", "2026"] == "-1\u00a0904\u00a0873\u00a0kr"
    assert list(answer.index[:2]) == ["Resultat", "Eget kapital 31/12"]  # the answer first
    assert '<tr class="fet"><td>Eget kapital 31/12</td>' in outcome.html
    kommuner = pd.read_html(StringIO(outcome.kommuner), flavor="lxml", thousands=None)[0]
    assert list(kommuner.columns) == ["Kommun", *[str(y) for y in years["ar"]]]
    assert len(kommuner) == 10  # the ten kommuner of Västmanland
    assert kommuner.drop(columns="Kommun").map(lambda text: text.endswith("\u00a0kr")).all().all()
    base, lines, teams, added = scenarios_view.starting_point(con, a.to_json())
    assert added.empty and list(added.columns) == ["Post", "Kategori", "Kostnad kr"]
    assert base.source == scenarios.base(con, a).source
    assert list(lines.columns) == ["post", "Post", "Kostnad i basen", "Förändring %", "Förändring kr"]
    assert "insats_id" in teams


def test_the_editor_names_each_insats_by_its_one_name(base_2025):
    # 001 section 6 prints "Samordningsteamet FNS", "Teamssamverkan Västra Mälardalen" and
    # "Myndighetsgemensamt Team Västerås"; the insatser are named as in 004 section 6.
    lines = scenarios_view.line_levers(base_2025, scenarios.Assumptions()).set_index("post")
    assert lines.loc["Samordningsteamet FNS", "Post"] == "Samordningsteam FNS"
    assert lines.loc["Teamssamverkan Västra Mälardalen", "Post"] == "Teamsamverkan Västra Mälardalen"
    assert lines.loc["Myndighetsgemensamt Team Västerås", "Post"] == "Rådgivande myndighetsgemensamt team"
    assert lines.loc["Styrelse", "Post"] == "Styrelse"  # no insats: as printed
    # The budget data keeps the printed line.
    assert "Samordningsteamet FNS" in set(base_2025.lines["post"])
    # The team editor names the same insats the same way.
    teams = scenarios_view.team_levers(base_2025, scenarios.Assumptions()).set_index("insats_id")
    assert teams.loc["samordningsteam-fns", "Team"] == "Samordningsteam FNS"
    assert teams.loc["samordningsteam-hallstahammar", "FTE i planen"] == "1,8"  # 004 section 6.1.2


def test_the_edits_in_words(base_2025):
    a = scenarios.Assumptions(
        line_change={"Samordningsteamet FNS": 0.025},
        line_change_kr={"Styrelse": 100000.0},
        closed=("Psykiatriresurs",),
        fte_change={"samordningsteam-fns": 0.5},
    )
    assert scenarios_view.edits_text(base_2025, a) == [
        "Samordningsteam FNS: +2,5\u00a0% per år",
        "Styrelse: +100\u00a0000\u00a0kr i kostnad per år",
        "Psykiatriresurs: avslutas",
        "Samordningsteam FNS: +0,5 FTE",
    ]


def test_the_editor_amounts_are_written_as_fmt_kr():
    # Streamlit's printf format "%'X,d" groups thousands with X (frontend sprintf, Streamlit
    # 1.67); the editors' format must then write what fmt.kr writes.
    match = re.fullmatch(r"%'(.),d(.*)", scenarios_view.EDITOR_KR)
    assert match is not None
    separator, suffix = match.groups()
    for value in (0, 7240, 634396, 5100000, -1900819):
        assert f"{value:,d}".replace(",", separator) + suffix == fmt.kr(value)


# The grid's width inside an expander at 1280 × 720 with the sidebar open (Chromium, measured).
EDITOR_WIDTH_1280 = 723


def test_every_base_fits_the_editor_at_1280(con):
    # The editor's fixed columns (Kostnad, Ändring %, Ändring kr: 115 + 110 + 110 px on the
    # page) and the names' own width fit: no column behind a scroll, no name cut.
    for forbund, years in overview.forbund_years(con).items():
        for year in years:
            for measure in ("prognos", "budget"):
                a = scenarios.Assumptions(forbund=forbund, base_year=year, base_measure=measure)
                lines = scenarios_view.line_levers(scenarios.base(con, a), a)
                width = scenarios_view.text_width(lines["Post"], "Post") + 115 + 110 + 110
                assert width <= EDITOR_WIDTH_1280, (forbund, year, measure, width)


def test_comparing_scenarios_in_one_table():
    table = pd.DataFrame(
        {
            "ar": [2026, 2027, 2026, 2027],
            "resultat": [-9073.0, -9073.0, -1904873.0, -1904873.0],
            "eget_kapital": [1899854.0, 1890781.0, 4054.0, -1900819.0],
            "scenario": ["Oförändrat", "Oförändrat", "Staten minus 10 %", "Staten minus 10 %"],
        }
    )
    frame = scenarios_view.compare_table(table)
    assert list(frame.columns) == ["Scenario", "Mått", "2026", "2027"]
    staten = frame[frame["Scenario"] == "Staten minus 10 %"].set_index("Mått")
    assert staten.loc["Eget kapital 31/12", "2027"] == "-1\u00a0900\u00a0819\u00a0kr"
    html = scenarios_view.compare_html(table)
    assert html.count('class="grupp"') == 2  # a heading row per scenario


def _answer(at: AppTest) -> pd.DataFrame:
    """The page's answer, the table of the years (``id="scenario-svar"``), by its rows."""
    body = next(h.body for h in at.html if 'id="scenario-svar"' in h.body)
    return pd.read_html(StringIO(body), flavor="lxml", thousands=None)[0].set_index("Mått")


def test_the_rules_are_kept_while_their_box_is_closed():
    at = AppTest.from_file(str(REPO / "app_pages" / "scenarier.py"), default_timeout=120).run()
    assert not at.exception
    # Closed, the box sends no sliders; the caption under it says the rules that count. The cap
    # is 20 % (002, 003); Samordningsförbundet Västmanland's documents give no floor.
    assert not any(s.label.startswith("Tak för eget kapital") for s in at.select_slider)
    rules = "Regler som gäller: tak för eget kapital 20\u00a0% av årets medel"
    assert any(c.value.startswith(rules) for c in at.caption)
    at.session_state["scenario-rules-open"] = True  # what opening it in the browser sets
    at.run()
    next(s for s in at.select_slider if s.label.startswith("Tak för eget kapital")).set_value(10).run()
    at.session_state["scenario-rules-open"] = False
    at.run()
    assert not at.exception and not any(s.label.startswith("Tak") for s in at.select_slider)
    # 001 section 6: the members' 18 958 000 kr; a tenth of it is the cap, every year.
    answer = _answer(at)
    assert (
        answer.loc["Tak för eget kapital (10\u00a0% av årets medel)", "2026"] == "1\u00a0895\u00a0800\u00a0kr"
    )
    assert any(c.value.startswith(rules.replace("20", "10")) for c in at.caption)


def test_scenario_page_answers_first_in_swedish():
    at = AppTest.from_file(str(REPO / "app_pages" / "scenarier.py"), default_timeout=120)
    at.session_state["scenario-lines-open"] = True
    at.session_state["scenario-teams-open"] = True
    at.run()
    assert not at.exception
    # The answer is the first table, before every assumption: 001 section 6 (prognos 2025,
    # result -9 073) and 004 (eget kapital 1 918 000 at the end of 2024):
    # 1 918 000 - 9 073 × 2 = 1 899 854 kr at the end of 2026.
    answer = pd.read_html(StringIO(at.html[0].body), flavor="lxml", thousands=None)[0].set_index("Mått")
    assert answer.loc["Eget kapital 31/12", "2026"] == "1\u00a0899\u00a0854\u00a0kr"
    assert answer.loc["Resultat", "2028"] == "-9\u00a0073\u00a0kr"
    subheaders = [s.value for s in at.subheader]
    assert subheaders.index("Följder") < subheaders.index("Medel")
    # Region and kommuner follow the state (50/25/25) unless told otherwise; their own changes
    # are then sliders of their own. 001 section 6: the members' 18 958 000 kr, the region's
    # quarter 4 739 500; 10 % less of it from 2026 gives -9 073 - 473 950 = -483 023 kr.
    follow = pages.segments(at, "Region och kommuner")
    assert follow.value is True and not any(s.label == "Regionens medel" for s in at.select_slider)
    follow.set_value(False).run()
    next(s for s in at.select_slider if s.label == "Regionens medel").set_value(-10.0).run()
    answer = _answer(at)
    assert answer.loc["Resultat", "2026"] == "-483\u00a0023\u00a0kr"
    follow.set_value(True).run()
    # The editors write amounts as fmt.kr does and decimals in the browser's (Swedish) way;
    # the name column is wide enough for its longest name.
    per_post, per_team = (next(e for e in at.expander if e.label.startswith(t)) for t in ("Per", "Team:"))
    lines = json.loads(per_post.dataframe[0].proto.columns)
    assert lines["Kostnad i basen"]["type_config"]["format"] == scenarios_view.EDITOR_KR
    assert lines["Förändring kr"]["type_config"]["format"] == scenarios_view.EDITOR_KR
    assert lines["Förändring %"]["type_config"]["format"] == "localized"
    assert lines["post"] == {"hidden": True}
    teams = json.loads(per_team.dataframe[0].proto.columns)
    assert teams["Förändring FTE"]["type_config"]["format"] == "localized"
    frame = per_team.dataframe[0].value
    assert all(re.fullmatch(r"\d+,\d{1,2}", v) for v in frame["FTE i planen"])
    # Closing a line from the list: 001 section 6, Psykiatriresurs prognos 260 000 kr.
    closing = next(m for m in at.multiselect if m.label.startswith("Avsluta poster"))
    closing.set_value(["Psykiatriresurs"]).run()
    at.session_state["scenario-lines-open"] = False  # the box closed: the choice still counts
    at.run()
    assert not at.multiselect
    answer = pd.read_html(StringIO(at.html[0].body), flavor="lxml", thousands=None)[0].set_index("Mått")
    assert answer.loc["Resultat", "2026"] == "250\u00a0927\u00a0kr"  # -9 073 + 260 000
    assert any("Psykiatriresurs: avslutas" in c.value.replace("\\", "") for c in at.caption)  # as shown
    for element in [*at.html, *at.caption, *at.markdown]:
        text = element.body if hasattr(element, "body") else element.value
        assert "None" not in text and ".txt" not in text, text
