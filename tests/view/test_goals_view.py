"""Mål och resultat as a person reads it: targets and outcomes written out, the financial
rules in words, and the log of recorded outcomes. Every figure checked here is cited with its
document and section."""

from __future__ import annotations

import pandas as pd

from dashboard.domain import goals, outcomes
from dashboard.store import db, embedded, writes
from dashboard.view import goals_view, outcomes_view

NV = "Norra Västmanlands Samordningsförbund"
VAS = "Samordningsförbundet Västerås"
SV = "Samordningsförbundet Västmanland"


def test_vasteras_2022_goals_of_section_5(con):
    # 000 section 5.2.1: 80 % a step closer to work or studies; after 6 months 80 % at the
    # same level or higher; after 18 months 90 %. No document follows up 2022.
    frame = goals_view.goals_shown(con, VAS).set_index("mal_id")
    assert frame.loc["vasteras-2022-01", "malvarde"] == 80
    assert frame.loc["vasteras-2022-02", "malvarde"] == 80
    assert frame.loc["vasteras-2022-03", "malvarde"] == 90
    assert frame.loc["vasteras-2022-01", "malvarde_visas"] == "minst 80\u00a0%"
    # 000 section 5.1.1 and 5.1.2: ca 400 persons each, locally and county-wide.
    assert frame.loc["vasteras-2022-05", "malvarde_visas"] == "ca 400\u00a0personer"
    assert frame.loc["vasteras-2022-12", "malvarde"] == 400
    # 5.1.2: "Träffa en myndighet" 6 occasions.
    assert frame.loc["vasteras-2022-14", "malvarde"] == 6
    assert set(frame["status"]) == {goals.EJ_MATT}
    assert (
        frame.loc["vasteras-2022-01", "kalla"]
        == "Verksamhetsplan 2022 (Samordningsförbundet Västerås), avsnitt 5.2.1"
    )


def test_norra_vastmanland_2021_goals_a_to_h_with_what_was_achieved(con):
    frame = goals_view.goals_shown(con, NV).set_index("mal_id")
    # 003 bilaga 1: målområde 1 a–e, 2 a–f, 3 a–h (d in four parts), 4 a–c.
    assert len(frame) == 5 + 6 + 11 + 3
    # 3c: minst 6 Dejt med en verkSAMhet, 4 arranged by the förbund itself.
    assert (
        frame.loc["norra-vastmanland-2021-3c", "utfall"],
        frame.loc["norra-vastmanland-2021-3c", "status"],
    ) == (
        4,
        goals.DELVIS,
    )
    # 1c: the comment "Dock inte för remittenterna"; 3d iv: decided not to build the portal.
    assert frame.loc["norra-vastmanland-2021-1c", "status"] == goals.DELVIS
    assert frame.loc["norra-vastmanland-2021-3d-iv", "status"] == goals.EJ_UPPNATT
    # 3d i: three grundutbildningar (bilaga 1's table) against "minst en".
    assert frame.loc["norra-vastmanland-2021-3d-i", "status"] == goals.UPPNATT
    assert frame.loc["norra-vastmanland-2021-3d-i", "utfall_visas"].startswith("3\u00a0tillfällen. ")


def test_vastmanland_rehabkoordinator_goal_and_the_delarsrapport(con):
    frame = goals_view.goals_shown(con, SV).set_index("mal_id")
    # 004 section 6.3.2: 30 % more individuals in primärvården.
    assert frame.loc["vastmanland-2024-01", "malvarde_visas"] == "minst 30\u00a0%"
    assert frame.loc["vastmanland-2024-01", "status"] == goals.EJ_MATT
    # 001 section 4: 247 individuals, 78 new, 50 ended; a mid-year assessment, not measured.
    text = frame.loc["vastmanland-2025-01", "utfall_visas"]
    assert "247 individer" in text and "78 nya" in text and "50 har avslutat" in text
    assert frame.loc["vastmanland-2025-01", "status"] == goals.EJ_MATT


def test_rules_of_norra_vastmanland_2021(con):
    # 003 section 1.5: eget kapital at most 20 % of the budgeted contributions and not under
    # 500 tkr. Eget kapital 1 312 tkr (section 1.1's text); budgeted contributions 7 046 tkr
    # (section 5, Medel från huvudmännen): 18,6 %, under the cap; above the floor.
    rules = {r.styrtal: r for r in goals_view.rule_outcomes(con, NV, 2021)}
    assert rules["eget kapital, tak"].status == goals.UPPNATT
    assert "18,6\u00a0%" in rules["eget kapital, tak"].outcome
    assert "1\u00a0409\u00a0200\u00a0kr" in rules["eget kapital, tak"].rule  # 20 % of 7 046 000
    assert rules["eget kapital, golv"].status == goals.UPPNATT


def test_individ_share_of_vastmanland_2025_against_the_60_40_goal(con):
    # 004 section 6: the goal ca 60 % to individinsatser 2025–2026. 001 section 6, prognos
    # 2025, the prognos of each line: individinsatser (the six teams and Psykiatriresurs)
    # 12 710 000 kr, strukturpåverkande 3 930 754 kr, so 76,4 % to individinsatser.
    (rule,) = goals_view.rule_outcomes(con, SV, 2025)
    individ = 1250000 + 1250000 + 5100000 + 1650000 + 1720000 + 1480000 + 260000
    struktur = 1217000 + 220000 + 40000 + 15000 + 7240 + 398500 + 2033014
    share = individ / (individ + struktur)
    assert (individ, struktur) == (12710000, 3930754)
    assert f"{share * 100:.1f}".replace(".", ",") + "\u00a0%" in rule.outcome
    assert "76,4\u00a0% av insatskostnaderna till individinsatser (prognos 2025)" in rule.outcome
    assert rule.status == goals.EJ_UPPNATT  # more than 5 points from 60 %


def test_a_recorded_outcome_counts_and_undo_restores_the_document(built):
    # 000 section 5.2.1: 80 % a step closer; an editor records 85 % for 2022.
    with writes.user_write(built):
        uid = outcomes.record_outcome(
            built,
            "vasteras-2022-01",
            "2022",
            85.0,
            None,
            "85 % stegförflyttade enligt SUS.",
            "SUS 2023-02-01",
            "Test",
        )
    row = goals_view.goals_shown(built, VAS).set_index("mal_id").loc["vasteras-2022-01"]
    assert (row["utfall"], row["status"]) == (85.0, goals.UPPNATT)
    assert row["utfall_kalla"].startswith("registrerat av Test ")
    assert outcomes_view.outcome_log(built).iloc[0]["Period"] == "2022"
    with writes.user_write(built):
        assert outcomes.undo_outcome(built, uid, "Test") is True
    row = goals_view.goals_shown(built, VAS).set_index("mal_id").loc["vasteras-2022-01"]
    assert row["status"] == goals.EJ_MATT and pd.isna(row["utfall"])
    # The recording survives a rebuild of the embedded data.
    embedded.build(built, db.DATA_DIR)
    assert len(outcomes_view.outcome_log(built)) == 1
