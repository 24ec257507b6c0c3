"""Teamkapacitet as the page shows it: Swedish tables and sentences, readable sources, the page."""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain import capacity
from dashboard.exchange import fmt
from dashboard.view import capacity_view
from tests import pages

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def plans_2024(con):
    return capacity.teams(con, 2024).set_index("insats_id")


def test_missing_staffing_is_missing_not_zero(plans_2024):
    # 004 section 6.1.6 prints no staffing for Teamsamverkan Västra Mälardalen.
    team = plans_2024.loc["teamsamverkan-vastra-malardalen"]
    assert team["fte"] != team["fte"]  # NaN
    table = capacity_view.team_table(plans_2024.reset_index())
    row = table[table["Insats"] == "Teamsamverkan Västra Mälardalen"].iloc[0]
    assert row["FTE"] == "saknas"
    assert row["Kostnad per plats"] == fmt.MISSING


def test_2025_uses_the_2025_budget_with_the_2024_plan(con):
    plans = capacity.teams(con, 2025).set_index("insats_id")
    fns = plans.loc["samordningsteam-fns"]
    # 001 section 6: Samordningsteamet FNS budget 2025 1 650 000; plan from 004 (2024).
    assert fns["budget_kostnad"] == 1650000
    assert fns["bemanning_ar"] == 2024
    # 1 650 000 / 55 = 30 000; 1 650 000 / 50 = 33 000 kr per place.
    assert capacity_view.range_text(
        fns["kostnad_per_plats_min"], fns["kostnad_per_plats_max"], money=True
    ) == ("30\u00a0000–33\u00a0000\u00a0kr")


def test_planner_states_its_assumption(plans_2024):
    # The planner's figures (test_capacity.test_planner_one_more_fte) rest on FNS's printed
    # ratio: 004 section 6.1.1, ca 50–55 places on 6,0 FTE.
    assert "ca 50-55 på 6,0 FTE" in capacity_view.plan_assumption(plans_2024.loc["samordningsteam-fns"])


def test_the_queue_remark_for_vasteras_is_shown(con):
    # 004 section 6.1.5: Samordningsteam Västerås had a relatively long queue in 2023.
    remarks = capacity_view.place_remarks(capacity.teams(con, 2024))
    vasteras = next(r for r in remarks if r.startswith("**Samordningsteam Västerås:**"))
    assert "kö" in vasteras


def test_team_view_is_the_page_of_a_year(con):
    view = capacity_view.team_view(con, 2024)
    overview = view.overview.to_pandas().set_index("Insats")
    # 004 section 6.1.1: FNS 6,0 FTE; Teamsamverkan Västra Mälardalen has no printed staffing.
    assert overview.loc["Samordningsteam FNS", "FTE"] == "6,0"
    assert "Teamsamverkan Västra Mälardalen" in view.without_staffing
    assert view.overview.num_rows == len(view.plans)
    # The planner's roles are the printed ones with an FTE, in the printed order.
    staff = capacity.staffing(con, 2024)
    fns = staff[(staff["insats_id"] == "samordningsteam-fns") & staff["fte"].notna()]
    printed = list(zip(fns["roll"], fns["arbetsgivare"], fns["fte"], strict=True))
    assert view.roles["samordningsteam-fns"] == printed
    assert sum(fte for _, _, fte in view.roles["samordningsteam-fns"]) == pytest.approx(6.0)
    assert "samordningsteam-fns" in view.plannable.index
    assert view.has_staffing
    for column in capacity_view.STAFFING_COLUMNS:
        assert (
            f"<th>{column}</th>" in view.staffing_html
            or f'<th class="num">{column}</th>' in view.staffing_html
        )
    assert "Samordningsteam FNS (plan för 2024)" in view.staffing_html


# --- what the page shows: every column, Swedish numbers, readable sources, one name ----------

HEADINGS = re.compile(r"<th[^>]*>([^<]*)</th>")
CELLS = re.compile(r"<td[^>]*>([^<]*)</td>")


def _cells(html: str) -> list[str]:
    return [unescape(c) for c in CELLS.findall(html)]


def _assert_swedish(texts: list[str]) -> None:
    """No missing value written as Python or pandas writes it, no decimal point in a number,
    no amount of four or more digits without thousands separators, no file name."""
    for text in texts:
        assert "None" not in text and "nan" not in text.split(), text
        # Section numbers (avsnitt 5.2, 6.1.1) are no decimals.
        figures = re.sub(r"avsnitt \d+\.\d+|\b\d+(?:\.\d+){2,}\b", "", text)
        assert not re.search(r"\d\.\d", figures), text
        assert not re.search(r"\d{4,}\s?kr", text), text
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", text), text


@pytest.mark.parametrize("ar", [2021, 2022, 2023, 2024, 2025])
def test_the_team_tables_show_every_column_in_swedish(con, ar):
    view = capacity_view.team_view(con, ar)
    assert HEADINGS.findall(view.answer_html) == capacity_view.ANSWER_COLUMNS
    assert HEADINGS.findall(view.detail_html) == capacity_view.DETAIL_COLUMNS
    # Every insats of the year, under a heading row for its förbund.
    for name in view.plans["namn"]:
        assert f"<td>{escape(name)}</td>" in view.answer_html
    for forbund in view.plans["forbund"].unique():
        assert f">{escape(forbund)}</td></tr>" in view.answer_html
    _assert_swedish(_cells(view.answer_html) + _cells(view.detail_html) + _cells(view.staffing_html))
    _assert_swedish([view.sources, view.staffing_sources])


def test_2024_answer_table_as_printed(con):
    view = capacity_view.team_view(con, 2024)
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", view.answer_html) if "Samordningsteam FNS" in r)
    # 004 section 6.1.1: 6,0 FTE, ca 50–55 concurrent participants; section 7: budget 2024
    # 1 525 000 kr, so 1 525 000 / 55 = 27 727 to 1 525 000 / 50 = 30 500 kr a place.
    assert _cells(row) == [
        "Samordningsteam FNS",
        "6,0",
        "ca 50-55 samtidiga (2024)",
        "1\u00a0525\u00a0000\u00a0kr",
        "27\u00a0700–30\u00a0500\u00a0kr",
    ]
    # 004 section 6.2.1 prints 4 × 0,4 personal for the advisory team; 000 section 5 prints a
    # quarter FTE for August 2022–December 2023, shown with its two decimals in 2023. In 2022
    # the same person is 0,5 April–August and 0,75 from August: no FTE for the year is printed,
    # so the rows from August carry none (issue 17: not 1,25 FTE for one person).
    assert "0,25" in _cells(capacity_view.team_view(con, 2023).staffing_html)
    rmgt_2022 = con.execute(
        "SELECT sum(fte) FROM staffing WHERE insats_id = 'rmgt-vasteras' AND ar = 2022 "
        "AND arbetsgivare = 'Samordningsförbundet Västerås'"
    ).fetchone()[0]
    assert rmgt_2022 == 0.5
    # The remark printed once for the four 0,4 posts stands once.
    assert view.staffing_html.count("4 x 0,4 personal från") == 1


def test_sources_read_as_documents_and_sections(con):
    view = capacity_view.team_view(con, 2025)
    # Staffing and places from 004 (sections 6.1.1–6.2.1), the budget from 001 section 6.
    assert "bemanning: Verksamhetsplan och budget 2024 (Samordningsförbundet Västmanland), avsnitt 6.1.1" in (
        view.sources
    )
    assert "budget: Delårsrapport januari–augusti 2025 (Samordningsförbundet Västmanland), avsnitt 6." in (
        view.sources
    )


def test_participants_follow_the_chosen_year(con):
    # 001 Delårsrapport januari–augusti 2025, section 4: 247 individuals in the six team
    # insatser in the first half of 2025, 78 of them new, 50 ended.
    v2025 = capacity_view.participants_view(con, 2025)
    assert v2025.headline == [
        "**1 januari–30 juni 2025:** 247 deltagare i de sex individinsatserna, varav 78 nya; 50 har avslutat."
    ]
    cells = _cells(v2025.html)
    assert cells[1:4] == ["Deltagare", "247", "247 individer"]  # under the heading row
    assert "130" not in cells  # 2021's figure is not 2025's
    assert v2025.sources.startswith("Källa: Delårsrapport januari–augusti 2025")
    # 003 Årsredovisning 2021, section 1: 130 participants, 65 new, 59 ended.
    v2021 = capacity_view.participants_view(con, 2021)
    assert v2021.headline == [
        "**1 januari–31 december 2021:** 130 deltagare i de fyra Samordningsteamen, varav 65 nya; "
        "59 har avslutat."
    ]
    assert "247" not in _cells(v2021.html)
    assert v2021.sources.startswith("Källa: Årsredovisning 2021 (Norra Västmanlands Samordningsförbund)")
    # No document prints participants for 2024: the page says so and shows nothing else.
    v2024 = capacity_view.participants_view(con, 2024)
    assert (v2024.headline, v2024.html, v2024.utilisation) == ([], "", "")
    assert v2024.missing == (
        "Dokumenten trycker inga deltagare eller resultat för 2024. "
        "Tryckta deltagare finns för 2021 och 2025."
    )
    _assert_swedish(cells + _cells(v2021.html) + v2025.headline + v2021.headline)
    # The shares are per cent, as printed: 003 prints 33% of the women to other rehabilitation.
    assert "33\u00a0%" in _cells(v2021.html)


def test_the_survey_questions_are_shown_in_full(con):
    html = capacity_view.questions_html(con, "deltagare avslutade")
    # 003 bilaga 2: ten questions.
    assert [c for c in _cells(html) if c.isdigit()] == [str(i) for i in range(1, 11)]


# --- the page in Streamlit's AppTest ---------------------------------------------------------


def _page_text(at: AppTest) -> list[str]:
    return (
        [h.body for h in at.html]
        + [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [i.value for i in at.info]
        + [m.value for m in at.metric]
    )


def test_team_page_answers_first_and_follows_the_year():
    at = AppTest.from_file(str(REPO / "app_pages" / "team.py"), default_timeout=120).run()
    assert not at.exception
    assert pages.years(at)[-1] == pages.segments(at).value == 2025
    answer = at.html[0].body
    assert 'id="team-svar"' in answer and HEADINGS.findall(answer) == capacity_view.ANSWER_COLUMNS
    assert any("247 deltagare" in m.value for m in at.markdown)
    assert any(s.value == "Deltagare och resultat 2025" for s in at.subheader)
    pages.choose_year(at, 2024)
    assert not at.exception
    assert any(
        i.value.startswith("Dokumenten trycker inga deltagare eller resultat för 2024") for i in at.info
    )
    assert not any("247 deltagare" in m.value for m in at.markdown)
    pages.choose_year(at, 2021)
    assert any("130 deltagare" in m.value for m in at.markdown)
    for text in _page_text(at):
        assert ".txt" not in text and "data/" not in text, text
        assert "None" not in text, text
    # The planner's figures: two a row at most, in Swedish.
    pages.choose_year(at, 2025)
    at.session_state["team-planner"] = True  # opened, as a person opens it
    at.run()
    assert {m.label: m.value for m in at.metric}["Kostnad per plats"] == "30\u00a0000–33\u00a0000\u00a0kr"


def test_team_page_survey_groups_are_one_click_each():
    # 003 bilaga 2: the questions differ per group; participants are asked about their own support,
    # staff whether the support may take the time it needs.
    at = AppTest.from_file(str(REPO / "app_pages" / "team.py"), default_timeout=120).run()
    groups = next(b for b in at.button_group if b.label == "Svarsgrupp")
    assert groups.value == "deltagare avslutade" and "personal" in groups.options
    asked = next(h.body for h in at.html if "Fråga" in h.body)
    assert "Har du fått stöd på ett sätt som är till stor nytta för dig?" in asked
    groups.set_value("personal").run()
    assert not at.exception
    asked = next(h.body for h in at.html if "Fråga" in h.body)
    assert "Får stödet som ni ger ta den tid som behövs?" in asked
    assert "Har du fått stöd på ett sätt" not in asked
