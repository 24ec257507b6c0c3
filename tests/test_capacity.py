"""Teamkapacitet: staffing, places, cost per place, and the planner, from the documents."""

from __future__ import annotations

import pytest

from dashboard import capacity, fmt


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


def test_missing_staffing_is_missing_not_zero(plans_2024):
    # 004 section 6.1.6 prints no staffing for Teamsamverkan Västra Mälardalen.
    team = plans_2024.loc["teamsamverkan-vastra-malardalen"]
    assert team["fte"] != team["fte"]  # NaN
    table = capacity.team_table(plans_2024.reset_index())
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
    assert capacity.range_text(fns["kostnad_per_plats_min"], fns["kostnad_per_plats_max"], money=True) == (
        "30\u00a0000–33\u00a0000\u00a0kr"
    )


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
    assert "ca 50-55 på 6,0 FTE" in result.assumption


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


def test_the_queue_remark_for_vasteras_is_shown(con):
    # 004 section 6.1.5: Samordningsteam Västerås had a relatively long queue in 2023.
    remarks = capacity.place_remarks(capacity.teams(con, 2024))
    vasteras = next(r for r in remarks if r.startswith("**Samordningsteam Västerås:**"))
    assert "kö" in vasteras


def test_team_view_is_the_page_of_a_year(con):
    view = capacity.team_view(con, 2024)
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
    assert view.staffing.column_names == list(capacity.STAFFING_COLUMNS.values())
