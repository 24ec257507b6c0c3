"""Scenarier: the model on the documents' figures, worked out by hand; persistence."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.domain import scenarios
from dashboard.store import db, embedded
from dashboard.view import scenarios_view


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
    # The broken rule as data (in words: test_scenarios_view.test_a_broken_rule_in_words).
    breaches = scenarios.project(base_2025, a)["breaches"]
    assert breaches[breaches["ar"] == 2027].values.tolist() == [
        [2027, scenarios.NEGATIVE, pytest.approx(-1900819), 0.0]
    ]


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
    breaches = scenarios.project(base_2025, a)["breaches"]
    assert list(breaches["regel"]) == [scenarios.ADMIN] and list(breaches["grans"]) == [0.10]


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


def test_the_cut_needed_to_stay_within_the_rules(base_2025):
    # State -10 % from 2026 over three years: eget kapital ends 2026 at 4 054, 2027 at
    # -1 900 819, 2028 at -3 805 692. To keep it at 0 or more every year the yearly cut must
    # cover max(0 - 4 054, (0 + 1 900 819) / 2, (0 + 3 805 692) / 3) = 1 268 564 kr.
    a = scenarios.Assumptions(state_change=-0.10, years=3)
    years = scenarios.project(base_2025, a)["years"]
    cut = scenarios.needed_cut(years, a)
    assert cut == pytest.approx(3805692 / 3)
    # Cutting that much from the first year keeps every year at or above zero.
    lines = scenarios_view.line_levers(base_2025, a)
    cheaper = scenarios.Assumptions(
        state_change=-0.10, years=3, line_change_kr={"Samordningsteam Västerås": -cut}
    )
    after = scenarios.project(base_2025, cheaper)["years"]
    assert after["eget_kapital"].min() == pytest.approx(0, abs=1)
    assert len(lines) > 0


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
