"""The pages in Streamlit's AppTest: they run, show the right figures and handle choices."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.view import passwords
from tests import pages

REPO = Path(__file__).resolve().parents[2]

TIMEOUT = 60


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _board(at: AppTest) -> pd.DataFrame:
    """The board's table on Budget och utfall as its cells read, by post."""
    (html,) = [h.body for h in at.html if 'id="T_per-post"' in h.body]
    return pd.read_html(StringIO(html), flavor="lxml")[0].set_index("Post")


def _html_table(at: AppTest, first_header: str) -> pd.DataFrame:
    """A static table of the page (``tables.html_table``) as its cells read, found by the
    text of its first header cell."""
    for element in at.html:
        if 'class="finsam-table"' in element.body:
            frame = pd.read_html(StringIO(element.body), flavor="lxml")[0]
            if frame.columns[0] == first_header:
                return frame
    raise AssertionError(f"no table starting with {first_header!r}")


def _table(at: AppTest, table_id: str) -> pd.DataFrame:
    """A static table of a page (st.html) as its cells read ("6,0" stays text, not 60)."""
    (html,) = [h.body for h in at.html if f'id="{table_id}"' in h.body]
    return pd.read_html(StringIO(html), flavor="lxml", thousands=None)[0]


def test_oversikt_opens_on_the_delarsrapport_2025():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Översikt"
    assert pages.shown(at) == ("Samordningsförbundet Västmanland", 2025)
    assert not at.selectbox  # the förbund list is drawn when its box is opened
    metrics = _metrics(at)
    # 001 section 6.
    assert metrics["Medel från huvudmännen, budget 2025"] == "18\u00a0958\u00a0000\u00a0kr"
    assert metrics["Resultat, budget 2025"] == "-2\u00a0028\u00a0622\u00a0kr"
    assert metrics["Resultat, prognos 2025"] == "-9\u00a0073\u00a0kr"
    assert any("Delårsrapport januari–augusti 2025" in c.value for c in at.caption)


def test_oversikt_follows_the_chosen_forbund_and_year():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT).run()
    pages.choose_forbund(at, "Norra Västmanlands Samordningsförbund")
    assert not at.exception
    assert pages.shown(at) == ("Norra Västmanlands Samordningsförbund", 2021)
    # 003 section 5 Driftsredovisning: medel från huvudmännen 7 046 tkr, budget 2021.
    assert _metrics(at)["Medel från huvudmännen, budget 2021"] == "7\u00a0046\u00a0000\u00a0kr"


def test_datakvalitet_lists_the_disagreements():
    at = AppTest.from_file(str(REPO / "app_pages" / "datakvalitet.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.metric[0].value.startswith("16 av ")
    table = _html_table(at, "Post")
    assert len(table) == 16
    assert "Individinsatser" in set(table["Post"])
    # Sources by title and section, never a file name (000 section 7, Budgetplan 2022).
    assert "Fil" not in table.columns and not table["Dokument"].str.contains(".txt").any()
    assert "Verksamhetsplan 2022 (Samordningsförbundet Västerås)" in set(table["Dokument"])


def test_budget_page_answers_the_boards_questions():
    at = AppTest.from_file(str(REPO / "app_pages" / "budget.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    metrics = _metrics(at)
    # 001 section 6: prognos result -9 073, 2 019 549 better than the budgeted -2 028 622.
    assert metrics["Resultat, prognos 2025"] == "-9\u00a0073\u00a0kr"
    assert metrics["Mot budget"] == "+2\u00a0019\u00a0549\u00a0kr"
    vasteras = _board(at).loc["Samordningsteam Västerås"]
    assert vasteras["Utfall t.o.m. 31 augusti 2025"] == "-2\u00a0359\u00a0306\u00a0kr"
    assert vasteras["Prognos 2025"] == "-5\u00a0100\u00a0000\u00a0kr"
    assert vasteras["Avvikelse kr"] == "+1\u00a0000\u00a0000\u00a0kr"
    assert vasteras["Förbrukat (67\u00a0% av året)"] == "39\u00a0% ▽ låg"
    # Its comment (001 section 6) is told under the largest deviations, beside its figure.
    deviations = next(m.value for m in at.markdown if m.value.startswith("**Samordningsteam Västerås**"))
    assert "+1\u00a0000\u00a0000\u00a0kr" in deviations and "Västerås Stad har slutat" in deviations
    # The table's downloads for the meeting papers come with their box.
    assert not at.get("download_button")
    at.session_state["budget-downloads"] = True  # what opening it in the browser sets
    at.run()
    assert [d.proto.label for d in at.get("download_button")] == [
        "Ladda ner tabellen (Excel)",
        "Ladda ner tabellen (CSV)",
    ]


def test_budget_page_thresholds_and_every_forbund_and_year():
    at = AppTest.from_file(str(REPO / "app_pages" / "budget.py"), default_timeout=TIMEOUT).run()
    assert not at.number_input  # the limits' box is closed: its inputs are not sent
    at.session_state["budget-limits"] = True  # what opening it in the browser sets
    at.run()
    at.number_input[0].set_value(2.0).run()
    # 001 Styrelse: -15 169 on -619 227 is -2,4 %: beyond a 2 % limit.
    assert _board(at).loc["Styrelse", "Mot budget"] == "▼ -2\u00a0%"
    at.session_state["budget-limits"] = False  # closed again, the limit stays
    at.run()
    assert _board(at).loc["Styrelse", "Mot budget"] == "▼ -2\u00a0%"
    assert any("Små avvikelser från 2 %" in c.value for c in at.caption)
    for forbund in range(pages.forbund_count(at)):
        pages.choose_forbund(at, forbund)
        for year in pages.years(at):
            pages.choose_year(at, year)
            assert not at.exception, (forbund, year)
            assert len(_board(at)) > 3


def test_budget_page_history_and_drill_down():
    at = AppTest.from_file(str(REPO / "app_pages" / "budget.py"), default_timeout=TIMEOUT).run()
    assert not at.toggle  # the chart's choices come with its box
    at.session_state["budget-history"] = True  # what opening it in the browser sets
    at.run()
    # Samordningsförbundet Västmanland replaced three förbund on 2024-01-01 (004 section 1).
    toggle = next(t for t in at.toggle if t.label.startswith("Summera"))
    assert toggle.label == "Summera de 3 tidigare förbunden till en total"
    toggle.set_value(True).run()
    assert not at.exception
    assert any("Totalen är beräknad här" in c.value and "alla 3 förbund" in c.value for c in at.caption)
    assert not any(s.label == "Insats" for s in at.selectbox)  # the insats list comes with its box
    at.session_state["budget-insats"] = True  # what opening it in the browser sets
    at.run()
    insats = next(s for s in at.selectbox if s.label == "Insats")
    # One insats, one name: 001 section 6 prints the post "Samordningsteamet FNS", the insats
    # is "Samordningsteam FNS" (004 section 6.1.1); the list names the insats.
    assert "Samordningsteam FNS" in insats.options and "Samordningsteamet FNS" not in insats.options
    assert len(insats.options) == len(set(insats.options))  # each insats once
    insats.select("samordningsteam-sala").run()
    assert not at.exception
    years = list(_html_table(at, "År")["År"])
    assert years == [2020, 2021, 2024, 2025]


def test_team_page_planner_and_missing_staffing():
    at = AppTest.from_file(str(REPO / "app_pages" / "team.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    pages.choose_year(at, 2024)
    assert any("Teamsamverkan Västra Mälardalen" in i.value for i in at.info)
    table = _table(at, "team-svar").set_index("Insats")
    # 004 section 6.1.1: FNS 6,0 FTE, ca 50–55 concurrent participants.
    assert table.loc["Samordningsteam FNS", "FTE"] == "6,0"
    assert not at.select_slider  # the planner's box is closed: its sliders are not sent
    at.session_state["team-planner"] = True  # what opening it in the browser sets
    at.run()
    planner_inputs = [n for n in at.select_slider if n.key and n.key.startswith("fte-samordningsteam-fns")]
    socialkonsulent = next(n for n in planner_inputs if n.label.startswith("socialkonsulent"))
    socialkonsulent.set_value(5.0).run()  # one more FTE
    metrics = _metrics(at)
    assert metrics["Årsarbetare"] == "7,0"
    assert metrics["Planerade platser"] == "58–64"


def test_lan_page_every_measure_and_a_profile():
    at = AppTest.from_file(str(REPO / "app_pages" / "lan.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    # It opens on a measure and year every kommun has: öppet arbetslösa 2022, kvinnor first
    # (Regionfakta "Öppet arbetslösa efter kön", Arbetsförmedlingen), no "–" among them.
    assert pages.box_shows(at, "Mått") == "Öppet arbetslösa, andel av arbetskraften 16–64"
    assert pages.segments(at).value == 2022
    assert not at.selectbox  # the measures' and kommuner's lists are drawn when their box is opened
    # The bars name the county's and the country's lines with their values (Regionfakta 2022,
    # kvinnor: riket 3,1 %, Västmanlands län 3,0 %); the table of every kommun waits for its box,
    # as does the table of need against money.
    bars = next(h.body for h in at.html if 'class="finsam-bars"' in h.body)
    assert "Streckad linje: Riket 3,1\u00a0%" in bars and "Prickad linje: Västmanlands län 3,0\u00a0%" in bars
    with pytest.raises(AssertionError):
        _html_table(at, "Plats")
    assert not any('id="behov-och-pengar"' in h.body for h in at.html)
    at.session_state["lan-tabell"] = True  # what opening the box in the browser sets
    at.session_state["lan-behov"] = True
    at.run()
    opening = _html_table(at, "Plats")
    values = dict(zip(opening["Kommun"], opening["Värde"], strict=True))
    assert len(opening) == 12 and not opening["Värde"].head(10).str.startswith("–").any()
    assert values["Fagersta"] == "3,8\u00a0%" and values["Riket"] == "3,1\u00a0%"
    assert any("Arbetsförmedlingen via Regionfakta" in c.value for c in at.caption)
    pages.segments(at, "Kön").set_value("män").run()
    men = _html_table(at, "Plats")
    assert dict(zip(men["Kommun"], men["Värde"], strict=True))["Norberg"] == "3,7\u00a0%"
    pages.choose(at, "lan-matt", "hel_andel")
    assert pages.box_shows(at, "Mått") == "Helårsekvivalenter, andel av befolkningen 20–64"
    assert pages.segments(at).value == 2022
    table = _html_table(at, "Plats")
    assert len(table) == 12  # ten kommuner, the county and the country
    # 004 section 4: the county 14,5 % and the country 11,9 % in 2022.
    values = dict(zip(table["Kommun"], table["Värde"], strict=True))
    assert values["Västmanlands län"] == "14,5\u00a0%"
    assert values["Riket"] == "11,9\u00a0%"
    for i in range(len(pages.box_list(at, "lan-matt").options)):
        pages.choose(at, "lan-matt", i)
        assert not at.exception, i
    pages.choose(at, "lan-kommun", "1983")
    assert not at.exception
    assert pages.box_shows(at, "Kommun") == "Köping"
    # Need against money, 2021: Fagersta's contribution 321 290 kr (003 Årsredovisning 2021,
    # section 6, Not 2 Verksamhetens intäkter) over its 6 763 inhabitants 20–64 (SCB 2024).
    assert pages.segments(at, "År för behov och pengar").value == 2021
    need = _table(at, "behov-och-pengar").set_index("Kommun")
    assert need.loc["Fagersta", "Bidrag per inv. 20–64"] == "48\u00a0kr"
    # Another year chosen is kept while the box is closed.
    pages.segments(at, "År för behov och pengar").set_value(2022).run()
    at.session_state["lan-behov"] = False
    at.run()
    assert not any(b.label == "År för behov och pengar" for b in at.button_group)
    at.session_state["lan-behov"] = True
    at.run()
    assert pages.segments(at, "År för behov och pengar").value == 2022


def test_scenarier_answers_when_eget_kapital_runs_out():
    at = AppTest.from_file(str(REPO / "app_pages" / "scenarier.py"), default_timeout=TIMEOUT)
    # Saving needs an editor (tests/app_pages/test_data_page.py logs in; here the session already is).
    at.secrets["editors"] = {"password_hash": passwords.hash_password("x")}
    at.session_state["_editor_name"] = "Eva"
    at.run()
    assert not at.exception
    state = next(s for s in at.select_slider if s.label.startswith("Statens medel"))
    state.set_value(-10.0).run()
    # 001/004 by hand (tests/domain/test_scenarios.py): 4 054 kr left at the end of 2026, negative 2027.
    answer = _table(at, "scenario-svar").set_index("Mått")
    assert answer.loc["Eget kapital 31/12", "2026"] == "4\u00a0054\u00a0kr"
    assert any(e.value == "Eget kapital tar slut 2027." for e in at.error)
    assert not at.text_input  # saving and comparing come with their box
    at.session_state["scenario-save-open"] = True  # what opening it in the browser sets
    at.run()
    at.text_input[0].set_value("Staten minus 10 %").run()
    next(b for b in at.button if b.label == "Spara").click().run()
    assert not at.exception
    assert "Staten minus 10 %" in at.selectbox[-1].options
    state = next(s for s in at.select_slider if s.label.startswith("Statens medel"))
    state.set_value(0.0).run()
    at.text_input[0].set_value("Oförändrat").run()
    next(b for b in at.button if b.label == "Spara").click().run()
    compare = at.multiselect[-1]
    compare.set_value(["Staten minus 10 %", "Oförändrat"]).run()
    assert not at.exception
    compared = _table(at, "scenario-jamforelse")
    assert "Staten minus 10 %" in set(compared["Mått"])  # the scenario's heading row
    # Delete needs its confirmation first.
    delete = next(b for b in at.button if b.label == "Ta bort")
    assert delete.disabled


def test_scenarier_draws_its_editors_only_while_they_are_open():
    at = AppTest.from_file(str(REPO / "app_pages" / "scenarier.py"), default_timeout=TIMEOUT).run()

    def box(label: str):
        return next(e for e in at.expander if e.label == label)

    per_post = "Per post: ändra kostnaden, avsluta poster eller lägg till insatser"
    per_team = "Team: ändra årsarbetare (FTE)"
    assert not box(per_post).children and not box(per_team).children  # closed: nothing inside was run
    at.session_state["scenario-lines-open"] = True  # what opening it in the browser sets
    at.run()
    assert not at.exception
    lines = box(per_post).dataframe[0].value.set_index("Post")
    # 001 section 6: Samordningsteam Västerås, prognos 2025 -5 100 000, the scenario's base.
    assert lines.loc["Samordningsteam Västerås", "Kostnad i basen"] == 5_100_000
    assert not box(per_team).children
    # The result is the same open or closed: an editor with no edits changes nothing.
    assert _table(at, "scenario-svar").set_index("Mått").loc["Resultat", "2026"] == "-9\u00a0073\u00a0kr"


def test_presentation_mode_steps_through_the_views():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    at.query_params["presentation"] = "1"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Nyckeltal 2025"
    # 001 section 6.
    assert _metrics(at)["Resultat, prognos 2025"] == "-9\u00a0073\u00a0kr"
    assert any(m.value == "Vy 1 av " + str(_slide_count(at)) for m in at.markdown)
    next(b for b in at.button if b.label == "Nästa ▶").click().run()
    assert at.title[0].value == "Resultat 2025"
    assert at.query_params["vy"] == "2"  # the URL counts as the screen does
    # 001 section 6: prognos −9 073 against årsbudget −2 028 622 kr.
    assert _metrics(at)["Mot budget"] == "+2\u00a0019\u00a0549\u00a0kr"
    assert any(c.value.startswith("Källa: Delårsrapport januari–augusti 2025") for c in at.caption)
    # A presenter's clicker sends PageDown / PageUp: the buttons that take those keys step too.
    next(b for b in at.button if b.label == "PageDown").click().run()
    assert at.title[0].value.startswith("Poster som avviker mest från budget")
    next(b for b in at.button if b.label == "PageUp").click().run()
    assert at.title[0].value == "Resultat 2025"


def _slide_count(at: AppTest) -> int:
    text = next(m.value for m in at.markdown if m.value.startswith("Vy "))
    return int(text.rsplit(" ", 1)[1])


def test_presentation_lists_only_posts_outside_i_niva():
    # 001 section 6: Samordningsteam Västerås prognos 1 000 000 kr under budget (▲▲) is listed;
    # Teamssamverkan Västra Mälardalen, 70 500 kr of 1 621 000 kr (4 %), is "i nivå" and is not.
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    at.query_params["presentation"] = "1"
    at.query_params["vy"] = "3"
    at.run()
    told = []
    while at.title[0].value.startswith("Poster som avviker mest"):
        told += [m.value for m in at.markdown]
        next(b for b in at.button if b.label == "Nästa ▶").click().run()
    text = "\n".join(told)
    assert "Samordningsteam Västerås" in text and "+1\u00a0000\u00a0000\u00a0kr" in text
    assert "Teamssamverkan Västra Mälardalen" not in text and "i nivå)" not in text


def test_motesunderlag_makes_both_files():
    at = AppTest.from_file(str(REPO / "app_pages" / "motesunderlag.py"), default_timeout=180).run()
    assert not at.exception
    # The period the delårsrapport runs to (001: 2025-08-31) is the default, not the year end.
    period = next(b for b in at.button_group if b.label == "Period som slutar")
    assert period.value.isoformat() == "2025-08-31"
    next(b for b in at.button if b.label == "Skapa underlaget").click().run()
    assert not at.exception
    pdf, pptx, _ = at.session_state["pack"]
    assert pdf.startswith(b"%PDF") and pptx.startswith(b"PK")


def test_budget_page_says_why_no_post_deviates():
    # 003 Årsredovisning 2021 gives Norra Västmanland's utfall 2020 but no budget for 2020:
    # no post can deviate from a budget there is none of, and the page says so.
    at = AppTest.from_file(str(REPO / "app_pages" / "budget.py"), default_timeout=TIMEOUT).run()
    pages.choose_forbund(at, "Norra Västmanlands Samordningsförbund")
    pages.choose_year(at, 2020)
    assert not at.exception
    told = [m.value for m in at.markdown]
    assert "Avvikelser kan inte räknas för 2020: dokumenten ger ingen budget att jämföra bokslut med." in told
    assert not any("i nivå med budgeten" in m for m in told)


def test_an_opened_scenario_brings_its_forbund_and_base_year():
    at = AppTest.from_file(str(REPO / "app_pages" / "scenarier.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = {"password_hash": passwords.hash_password("x")}
    at.session_state["_editor_name"] = "Eva"
    at.run()
    assert pages.shown_as(at, "Basår") == ("Samordningsförbundet Västmanland", 2025)
    # Saved on 2024's budget (004 section 7), then the page moves on to Västerås 2023.
    pages.segments(at, "Basår").set_value(2024).run()
    pages.segments(at, "Bas").set_value("budget").run()
    at.session_state["scenario-save-open"] = True  # what opening it in the browser sets
    at.run()
    at.text_input[0].set_value("Budget 2024").run()
    next(b for b in at.button if b.label == "Spara").click().run()
    pages.choose_forbund(at, "Samordningsförbundet Västerås")
    assert pages.shown_as(at, "Basår") == ("Samordningsförbundet Västerås", 2023)
    next(s for s in at.selectbox if s.label == "Sparade scenarier").select("Budget 2024").run()
    next(b for b in at.button if b.label == "Öppna").click().run()
    assert not at.exception
    assert pages.shown_as(at, "Basår") == ("Samordningsförbundet Västmanland", 2024)
    assert pages.segments(at, "Bas").value == "budget"
    assert any(c.value.startswith("Bas: budget 2024") for c in at.caption)
    assert at.text_input(key="scenario-name").value == "Budget 2024"  # its name in the field
    # The Excel for the budget proposal is in the same box, named by the field.
    assert [d.proto.label for d in at.get("download_button")] == [
        "Ladda ner scenariot (Excel) för budgetförslaget"
    ]
    at.session_state["scenario-save-open"] = False  # the box closed: the name still names the file
    at.run()
    assert not at.text_input and at.session_state["scenario-name"] == "Budget 2024"
    assert not at.get("download_button")  # its code is loaded when the box is opened


def test_a_page_without_the_sessions_year_shows_its_latest_and_keeps_the_choice():
    # 2021 chosen on another page; Samordningsförbundet Västmanland has 2024 and 2025 (002, 001),
    # Norra Västmanland 2020 and 2021 (003).
    at = AppTest.from_file(str(REPO / "app_pages" / "oversikt.py"), default_timeout=TIMEOUT)
    at.session_state["_ui_year"] = 2021  # what Norra Västmanland's last year left behind
    at.run()
    assert pages.shown(at) == ("Samordningsförbundet Västmanland", 2025)  # no 2021 here
    assert at.session_state["_ui_year"] == 2021  # kept for the pages that have it
    pages.choose_forbund(at, "Norra Västmanlands Samordningsförbund")
    assert pages.shown(at) == ("Norra Västmanlands Samordningsförbund", 2021)
    pages.choose_year(at, 2020)
    assert at.session_state["_ui_year"] == 2020  # chosen here: the session's year now
