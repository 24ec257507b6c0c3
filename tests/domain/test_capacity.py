"""Teamkapacitet: staffing, places, cost per place, and the planner, from the documents."""

from __future__ import annotations

import pytest

from dashboard.domain import capacity


@pytest.fixture(scope="module")
def plans_2024(con):
    return capacity.teams(con, 2024).set_index("insats_id")


def test_fns_2024_staffing_places_and_cost(plans_2024):
    fns = plans_2024.loc["samordningsteam-fns"]
    # 004 section 6.1.1: 1,0 verksamhetsledare + 4,0 socialkonsulenter (Fagersta kommun),
    # 0,5 konsulent (Norberg), 0,1 kurator (region), 0,4 arbetsförmedlare = 6,0 FTE;
    # planned ca 50–55 concurrent participants; Fagersta finances 2,5.
    assert fns["fte"] == pytest.approx(6.0)
    assert (fns["platser_min"], fns["platser_max"]) == (50, 55)
    assert (fns["finansieras_av"], fns["fte_medlem"]) == ("Fagersta kommun", 2.5)
    assert fns["kommuner"] == "Fagersta, Norberg, Skinnskatteberg"
    # Budget 2024 for FNS from 004 section 7, the same line as the budget page.
    budget = fns["budget_kostnad"]
    assert fns["kostnad_per_plats_min"] == pytest.approx(budget / 55)
    assert fns["kostnad_per_plats_max"] == pytest.approx(budget / 50)
    assert fns["deltagare_per_fte_min"] == pytest.approx(50 / 6)


@pytest.mark.parametrize(
    ("insats_id", "low", "high"),
    [
        ("samordningsteam-hallstahammar", 20, 22),
        ("samordningsteam-sala", 25, 30),
        ("samordningsteam-surahammar", 15, 15),
        ("samordningsteam-vasteras", 80, 85),
    ],
)
def test_planned_places_2024(plans_2024, insats_id, low, high):
    # 004 sections 6.1.2–6.1.5.
    assert (plans_2024.loc[insats_id, "platser_min"], plans_2024.loc[insats_id, "platser_max"]) == (low, high)


def test_staffing_by_employer_sums_to_the_team(con):
    rows = capacity.staffing(con, 2024)
    by_employer = capacity.fte_by_employer(rows)
    fns = by_employer[by_employer["namn"] == "Samordningsteam FNS"].set_index("arbetsgivare")["fte"]
    # 004 section 6.1.1: Fagersta kommun 1,0 + 4,0; Norberg 0,5; region 0,1; AF 0,4.
    assert float(fns["Fagersta kommun"]) == 5.0
    assert float(fns.sum()) == pytest.approx(6.0)


def test_planner_one_more_fte(plans_2024):
    # One more FTE in FNS (6,0 -> 7,0) at the printed 50–55 places per 6,0 FTE:
    # 7 × 50/6 = 58,3 and 7 × 55/6 = 64,2 places; a budget of 1 525 000 kr then costs
    # 1 525 000 / 64,17 = 23 766 to 1 525 000 / 58,33 = 26 143 kr per place.
    result = capacity.plan(plans_2024.loc["samordningsteam-fns"], 7.0, 1525000)
    assert (result.places_min, result.places_max) == (
        pytest.approx(58.333, abs=1e-3),
        pytest.approx(64.167, abs=1e-3),
    )
    assert result.cost_per_place_min == pytest.approx(23766.23, abs=0.01)
    assert result.cost_per_place_max == pytest.approx(26142.86, abs=0.01)


def test_participants_printed(con):
    rows = capacity.participants(con)
    # 001 section 4: 247 individuals, 78 new, 50 ended in the six insatser (first half 2025);
    # 003: 130 participants, 65 new, 59 ended in 2021.
    by = {(r.ar, r.matt): r.varde for r in rows.itertuples() if r.enhet == "personer"}
    assert (by[(2025, "deltagare")], by[(2025, "nya")], by[(2025, "avslutade")]) == (247, 78, 50)
    assert (by[(2021, "deltagare")], by[(2021, "nya")], by[(2021, "avslutade")]) == (130, 65, 59)


def test_survey_diverges_around_the_middle_of_the_scale(con):
    rows = capacity.survey(con, "deltagare avslutade")
    assert set(rows["ar"]) == {2020, 2021}
    ibland = rows[rows["svar"] == "Ibland"]
    alltid = rows[rows["svar"] == "Alltid"]
    assert (ibland["andel_signerad"] <= 0).all()
    assert (alltid["andel_signerad"] >= 0).all()
    # 003 bilaga 2, question 1 to those who ended, 2021 (n=29): Alltid 38 %.
    q1 = alltid[(alltid["fraga_nr"] == "1") & (alltid["ar"] == 2021)].iloc[0]
    assert (q1["andel"], q1["antal_svar"]) == (0.38, 29)


def test_one_insats_one_name(con):
    # The documents spell some insatser differently (003 "Samordningsteamet FNS", 004
    # "Samordningsteam FNS"); data/insatser.csv gives each insats one name.
    several = con.execute(
        "SELECT insats_id FROM insatser GROUP BY insats_id HAVING count(DISTINCT namn) > 1"
    ).fetchall()
    assert several == []
    # 003 (Norra Västmanland, 2021) names the team as 004 does.
    plans = capacity.teams(con, 2021).set_index("insats_id")
    assert plans.loc["samordningsteam-fns", "namn"] == "Samordningsteam FNS"
    # 001 section 6 prints the 2025 lines "Samordningsteamet FNS" and "Teamssamverkan Västra
    # Mälardalen", 004 section 7 the 2024 lines "Samordningsteam FNS" and "Teamsamverkan Västra
    # Mälardalen": the lines stay as printed, each names its insats by the insats's name.
    posts = capacity.insats_of_posts(con, "Samordningsförbundet Västmanland").set_index("post")["insats"]
    assert posts["Samordningsteamet FNS"] == posts["Samordningsteam FNS"] == "Samordningsteam FNS"
    assert posts["Teamssamverkan Västra Mälardalen"] == "Teamsamverkan Västra Mälardalen"
    assert posts["Teamsamverkan Västra Mälardalen"] == "Teamsamverkan Västra Mälardalen"
    assert posts["Myndighetsgemensamt Team Västerås"] == "Rådgivande myndighetsgemensamt team"
