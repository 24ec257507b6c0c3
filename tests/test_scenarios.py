"""Scenarier: the model on the documents' figures, worked out by hand; persistence."""

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
from dashboard.store import db, embedded
from tests import pages

VASTMANLAND = "Samordningsförbundet Västmanland"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def base_2025(con):
    return scenarios.base(con, scenarios.Assumptions())


def test_base_is_the_2025_prognos_and_the_2024_closing_equity(base_2025):
    # 001 section 6: prognos income 18 958 000, result -9 073; 004 section 7: eget kapital
    # 2024-12-31 1 918 000.
    lines = base_2025.lines
    assert lines.loc[lines["kategori"] == "intäkt", "belopp"].sum() == 18958000
    assert lines["belopp"].sum() == -9073
    assert base_2025.opening_equity == 1918000


def test_state_cut_10_percent_from_2026_keeping_every_team(base_2025):
    # By hand: the state pays half of 18 958 000 = 9 479 000; minus 10 % = 8 531 100.
    # Region and kommuner follow at half of that each: 4 265 550 + 4 265 550.
    # Income 17 062 200. Costs stay those of the prognos: 18 958 000 + 9 073 = 18 967 073.
    # Result 17 062 200 - 18 967 073 = -1 904 873 a year.
    # Eget kapital: 1 918 000 - 9 073 = 1 908 927 at the end of 2025; 4 054 at the end of
    # 2026; -1 900 819 at the end of 2027.
    a = scenarios.Assumptions(state_change=-0.10, change_from=2026, years=3)
    years = scenarios.project(base_2025, a)["years"].set_index("ar")
    assert years.loc[2026, "medel_staten"] == pytest.approx(8531100)
    assert years.loc[2026, "medel_regionen"] == pytest.approx(4265550)
    assert years.loc[2026, "intakter"] == pytest.approx(17062200)
    assert years.loc[2026, "kostnader"] == pytest.approx(18967073)
    assert years.loc[2026, "resultat"] == pytest.approx(-1904873)
    assert years.loc[2026, "eget_kapital"] == pytest.approx(4054)
    assert years.loc[2027, "eget_kapital"] == pytest.approx(-1900819)
    assert scenarios.first_negative_year(years.reset_index()) == 2027
    assert years.loc[2027, "varningar"] == ["2027: eget kapital är negativt (-1\u00a0900\u00a0819\u00a0kr)."]


def test_indexation_and_the_cap(base_2025):
    # 2 % indexation: 2026 costs 18 967 073 × 1,02 = 19 346 414,46; 2027 × 1,02² = 19 733 342,75.
    a = scenarios.Assumptions(indexation=0.02, years=2)
    years = scenarios.project(base_2025, a)["years"].set_index("ar")
    assert years.loc[2026, "kostnader"] == pytest.approx(18967073 * 1.02)
    assert years.loc[2027, "kostnader"] == pytest.approx(18967073 * 1.02**2)
    # The cap is 20 % of the year's income: 0,2 × 18 958 000 = 3 791 600.
    assert years.loc[2026, "tak"] == pytest.approx(3791600)


def test_closing_a_team_saves_its_cost_and_removes_its_places(base_2025):
    # 001 section 6: Samordningsteam Västerås prognos -5 100 000. 004: 80–85 planned places.
    base = scenarios.project(base_2025, scenarios.Assumptions(years=1))["years"].iloc[0]
    closed = scenarios.project(
        base_2025, scenarios.Assumptions(years=1, closed=("Samordningsteam Västerås",))
    )["years"].iloc[0]
    assert base["resultat"] - closed["resultat"] == pytest.approx(-5100000)
    assert (base["platser_min"] - closed["platser_min"], base["platser_max"] - closed["platser_max"]) == (
        80,
        85,
    )


def test_one_more_fte_costs_the_teams_own_cost_per_fte(con, base_2025):
    # FNS: budget 2025 1 650 000 (001) on 6,0 FTE (004) = 275 000 kr per FTE; one more FTE
    # costs 275 000 and gives 50/6 to 55/6 more places.
    a = scenarios.Assumptions(years=1, fte_change={"samordningsteam-fns": 1.0})
    plain = scenarios.project(base_2025, scenarios.Assumptions(years=1))["years"].iloc[0]
    more = scenarios.project(base_2025, a)["years"].iloc[0]
    assert plain["resultat"] - more["resultat"] == pytest.approx(275000)
    assert more["platser_min"] - plain["platser_min"] == pytest.approx(50 / 6)


def test_admin_share_warning(base_2025):
    a = scenarios.Assumptions(years=1, admin_limit=0.10)
    row = scenarios.project(base_2025, a)["years"].iloc[0]
    # 001 prognos: administration 634 396 + 1 691 923 = 2 326 319 of 18 967 073 = 12,3 %.
    assert row["andel_administration"] == pytest.approx(2326319 / 18967073)
    assert any("administrationen är 12,3" in w for w in row["varningar"])


def test_kommuner_split_their_quarter_by_population(base_2025):
    result = scenarios.project(base_2025, scenarios.Assumptions(years=1))
    kommuner = result["kommuner"].set_index("kommun")["belopp"]
    # A quarter of 18 958 000 = 4 739 500; Västerås has 91 602 of 154 113 (2024).
    assert kommuner.sum() == pytest.approx(4739500)
    assert kommuner["Västerås"] == pytest.approx(4739500 * 91602 / 154113)


def test_save_restart_rebuild_load(tmp_path, data_copy):
    path = tmp_path / "scen.duckdb"
    con = db.connect(path)
    embedded.build(con, data_copy)
    a = scenarios.Assumptions(
        state_change=-0.10, closed=("Psykiatriresurs",), fte_change={"samordningsteam-fns": 1.0}
    )
    scenarios.save(con, "Statlig neddragning", a)
    scenarios.duplicate(con, "Statlig neddragning", "Kopia")
    con.close()
    # Restart: a new connection; then a rebuild of the real data.
    con = db.connect(path)
    text = (data_copy / "budget_lines.csv").read_text(encoding="utf-8")
    (data_copy / "budget_lines.csv").write_text(text.replace(",-2359306,", ",-2359307,"), encoding="utf-8")
    assert embedded.ensure_built(con, data_copy) is True
    assert scenarios.load(con, "Statlig neddragning") == a
    assert set(scenarios.saved(con)["namn"]) == {"Statlig neddragning", "Kopia"}
    scenarios.delete(con, "Kopia")
    assert list(scenarios.saved(con)["namn"]) == ["Statlig neddragning"]
    con.close()


def test_a_scenario_needs_a_name(scratch_con, data_copy):
    embedded.build(scratch_con, data_copy)
    with pytest.raises(ValueError, match="behöver ett namn"):
        scenarios.save(scratch_con, "  ", scenarios.Assumptions())


def test_compare_and_excel(con, base_2025):
    a = scenarios.Assumptions(state_change=-0.10)
    result = scenarios.project(base_2025, a)
    data = scenarios.excel(base_2025, a, result, "Test")
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Antaganden", "Budget per post", "Per år"]
    rows = {r[0].value: r[1].value for r in book["Antaganden"].iter_rows(min_row=2)}
    assert rows["Statens medel, förändring"].startswith("-10,0")
    assert rows["Ingående eget kapital"].startswith("Beräknat utgående eget kapital 2024-12-31")


def test_edits_from_the_page_tables(base_2025):
    a = scenarios.Assumptions()
    lines = scenarios.line_levers(base_2025, a)
    lines.loc[lines["Post"] == "Samordningsteam Sala", "Förändring %"] = 10.0
    # The page names the line by its insats; the scenario keeps the line as printed (001
    # section 6: "Samordningsteamet FNS").
    lines.loc[lines["Post"] == "Samordningsteam FNS", "Förändring kr"] = -50000.0
    teams = scenarios.team_levers(base_2025, a)
    import pandas as pd

    added = pd.DataFrame(
        [["Ny insats", "strukturinsats", 300000.0]], columns=["Post", "Kategori", "Kostnad kr"]
    )
    edited = scenarios.with_edits(a, lines, teams, added, ["Psykiatriresurs"])
    assert edited.closed == ("Psykiatriresurs",)
    assert edited.line_change == {"Samordningsteam Sala": pytest.approx(0.10)}
    assert edited.line_change_kr == {"Samordningsteamet FNS": -50000.0}
    assert edited.added == (("Ny insats", "strukturinsats", 300000.0),)
    assert dataclasses.replace(edited, closed=()) != edited


def test_the_cut_needed_to_stay_within_the_rules(base_2025):
    # State -10 % from 2026 over three years: eget kapital ends 2026 at 4 054, 2027 at
    # -1 900 819, 2028 at -3 805 692. To keep it at 0 or more every year the yearly cut must
    # cover max(0 - 4 054, (0 + 1 900 819) / 2, (0 + 3 805 692) / 3) = 1 268 564 kr.
    a = scenarios.Assumptions(state_change=-0.10, years=3)
    years = scenarios.project(base_2025, a)["years"]
    cut = scenarios.needed_cut(years, a)
    assert cut == pytest.approx(3805692 / 3)
    # Cutting that much from the first year keeps every year at or above zero.
    lines = scenarios.line_levers(base_2025, a)
    cheaper = scenarios.Assumptions(
        state_change=-0.10, years=3, line_change_kr={"Samordningsteam Västerås": -cut}
    )
    after = scenarios.project(base_2025, cheaper)["years"]
    assert after["eget_kapital"].min() == pytest.approx(0, abs=1)
    assert len(lines) > 0


def test_outcome_is_what_the_page_shows(con):
    a = scenarios.Assumptions(state_change=-0.10)
    # The text keys the cache: it must give back the very assumptions.
    edited = dataclasses.replace(a, line_change={"Samordningsteam Västerås": -0.05}, closed=("Styrelse",))
    assert scenarios.Assumptions.from_json(edited.to_json()) == edited
    outcome = scenarios.outcome(con, a.to_json())
    years = scenarios.run(con, a)["years"]
    assert outcome.runs_out == scenarios.first_negative_year(years) == 2027
    assert outcome.cut == pytest.approx(scenarios.needed_cut(years, a))
    assert outcome.problems == [w for ws in years["varningar"] for w in ws]
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
    base, lines, teams, added = scenarios.starting_point(con, a.to_json())
    assert added.empty and list(added.columns) == ["Post", "Kategori", "Kostnad kr"]
    assert base.source == scenarios.base(con, a).source
    assert list(lines.columns) == ["post", "Post", "Kostnad i basen", "Förändring %", "Förändring kr"]
    assert "insats_id" in teams


def test_the_editor_names_each_insats_by_its_one_name(base_2025):
    # 001 section 6 prints "Samordningsteamet FNS", "Teamssamverkan Västra Mälardalen" and
    # "Myndighetsgemensamt Team Västerås"; the insatser are named as in 004 section 6.
    lines = scenarios.line_levers(base_2025, scenarios.Assumptions()).set_index("post")
    assert lines.loc["Samordningsteamet FNS", "Post"] == "Samordningsteam FNS"
    assert lines.loc["Teamssamverkan Västra Mälardalen", "Post"] == "Teamsamverkan Västra Mälardalen"
    assert lines.loc["Myndighetsgemensamt Team Västerås", "Post"] == "Rådgivande myndighetsgemensamt team"
    assert lines.loc["Styrelse", "Post"] == "Styrelse"  # no insats: as printed
    # The budget data keeps the printed line.
    assert "Samordningsteamet FNS" in set(base_2025.lines["post"])
    # The team editor names the same insats the same way.
    teams = scenarios.team_levers(base_2025, scenarios.Assumptions()).set_index("insats_id")
    assert teams.loc["samordningsteam-fns", "Team"] == "Samordningsteam FNS"
    assert teams.loc["samordningsteam-hallstahammar", "FTE i planen"] == "1,8"  # 004 section 6.1.2


def test_the_edits_in_words(base_2025):
    a = scenarios.Assumptions(
        line_change={"Samordningsteamet FNS": 0.025},
        line_change_kr={"Styrelse": 100000.0},
        closed=("Psykiatriresurs",),
        fte_change={"samordningsteam-fns": 0.5},
    )
    assert scenarios.edits_text(base_2025, a) == [
        "Samordningsteam FNS: +2,5\u00a0% per år",
        "Styrelse: +100\u00a0000\u00a0kr i kostnad per år",
        "Psykiatriresurs: avslutas",
        "Samordningsteam FNS: +0,5 FTE",
    ]


def test_the_editor_amounts_are_written_as_fmt_kr():
    # Streamlit's printf format "%'X,d" groups thousands with X (frontend sprintf, Streamlit
    # 1.67); the editors' format must then write what fmt.kr writes.
    match = re.fullmatch(r"%'(.),d(.*)", scenarios.EDITOR_KR)
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
                lines = scenarios.line_levers(scenarios.base(con, a), a)
                width = scenarios.text_width(lines["Post"], "Post") + 115 + 110 + 110
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
    frame = scenarios.compare_table(table)
    assert list(frame.columns) == ["Scenario", "Mått", "2026", "2027"]
    staten = frame[frame["Scenario"] == "Staten minus 10 %"].set_index("Mått")
    assert staten.loc["Eget kapital 31/12", "2027"] == "-1\u00a0900\u00a0819\u00a0kr"
    html = scenarios.compare_html(table)
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
    assert lines["Kostnad i basen"]["type_config"]["format"] == scenarios.EDITOR_KR
    assert lines["Förändring kr"]["type_config"]["format"] == scenarios.EDITOR_KR
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


# ------------------------------------------------------------------ issue 18: names


def test_saving_under_an_existing_name_asks_first(scratch_con, data_copy):
    embedded.build(scratch_con, data_copy)
    first, second = scenarios.Assumptions(state_change=-0.10), scenarios.Assumptions(state_change=0.05)
    assert scenarios.save(scratch_con, "Plan A", first) == "Plan A"
    for spelling in ("Plan A", "plan a", " PLAN\u00a0 A "):
        with pytest.raises(scenarios.ScenarioExists) as exists:
            scenarios.save(scratch_con, spelling, second)
        assert exists.value.name == "Plan A"
        assert str(exists.value) == "Det finns redan ett scenario som heter ”Plan A”."
    assert scenarios.load(scratch_con, "Plan A") == first  # nothing overwritten without asking
    # Confirmed: overwritten under the saved spelling, still one scenario.
    assert scenarios.save(scratch_con, "plan a", second, overwrite=True) == "Plan A"
    assert scenarios.load(scratch_con, "Plan A") == second
    assert list(scenarios.saved(scratch_con)["namn"]) == ["Plan A"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Kopian behöver ett namn."),
        ("  \u00a0 ", "Kopian behöver ett namn."),
        ("Plan A", "Det finns redan ett scenario som heter ”Plan A”. Välj ett annat namn för kopian."),
        ("plan  a", "Det finns redan ett scenario som heter ”Plan A”. Välj ett annat namn för kopian."),
        ("Kopia\u202e", "Kopian kan inte sparas: namnet innehåller tecknet U+202E (vänder textens riktning)"),
        ("K" * 121, "Kopian kan inte sparas: namnet har 121 tecken; högst 120 går att använda."),
    ],
    ids=["empty", "spaces", "taken", "taken-other-spelling", "bidi", "too-long"],
)
def test_duplicating_with_a_bad_name_says_why_in_swedish(scratch_con, data_copy, name, message):
    embedded.build(scratch_con, data_copy)
    scenarios.save(scratch_con, "Plan A", scenarios.Assumptions())
    before = scenarios.saved(scratch_con)
    with pytest.raises(ValueError) as refused:
        scenarios.duplicate(scratch_con, "Plan A", name)
    assert str(refused.value).startswith(message)
    pd.testing.assert_frame_equal(scenarios.saved(scratch_con), before)


def test_a_scenario_name_is_stored_in_one_spelling(scratch_con, data_copy):
    embedded.build(scratch_con, data_copy)
    assert scenarios.save(scratch_con, "  Plan\u00a0 B ", scenarios.Assumptions()) == "Plan B"
    assert scenarios.duplicate(scratch_con, "Plan B", "Plan B  (kopia)") == "Plan B (kopia)"
    assert set(scenarios.saved(scratch_con)["namn"]) == {"Plan B", "Plan B (kopia)"}


def test_the_scenarios_excel_never_holds_a_formula(base_2025):
    from io import BytesIO

    from openpyxl import load_workbook

    a = scenarios.Assumptions(
        state_change=-0.10, added=(('=HYPERLINK("http://x")', "individinsats", 1000.0),)
    )
    name = "@SUM(1+1)"
    data = scenarios.excel(base_2025, a, scenarios.project(base_2025, a), name)
    book = load_workbook(BytesIO(data))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    assert by_value[name].data_type == "s" and by_value[name].quotePrefix
    # A share written with a minus (fmt's ASCII hyphen) is kept as it reads, marked as text.
    share = by_value[fmt.pct(-0.10) + " från 2026"]
    assert share.value.startswith("-10,0") and share.quotePrefix
