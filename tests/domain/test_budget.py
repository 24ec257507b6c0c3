"""Budget och utfall: the board's table, deviations with the right sign, delår consumption."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.domain import budget

VASTMANLAND = "Samordningsförbundet Västmanland"


@pytest.fixture(scope="module")
def table_2025(con) -> pd.DataFrame:
    return budget.board_table(budget.lines(con, VASTMANLAND, 2025))


def row(table: pd.DataFrame, post: str) -> pd.Series:
    rows = table[table["post"] == post]
    assert len(rows) == 1, post
    return rows.iloc[0]


def test_samordningsteam_vasteras_2025_levels(table_2025):
    # 001 section 6: Samordningsteam Västerås, avvikelse +1 000 000 on budget -6 100 000 (16,4 %:
    # beyond the default 10 %, favourable); 2 359 306 used, 38,7 % when 66,7 % of the year has gone.
    r = row(table_2025, "Samordningsteam Västerås")
    assert (r["niva"], r["forbrukning_niva"]) == (2, -1)


def test_result_2025(table_2025):
    # 001 section 6, SUMMA: budget -2 028 622, prognos -9 073, avvikelse 2 019 549.
    r = table_2025[table_2025["radtyp"] == "resultat"].iloc[0]
    assert (r["budget"], r["utfall_ar"], r["avvikelse"]) == (-2028622, -9073, 2019549)
    assert table_2025.attrs["outcome_measure"] == "prognos"
    assert table_2025.attrs["utfall_till"] == dt.date(2025, 8, 31)


def test_every_computed_deviation_equals_the_printed_one(con, table_2025):
    # 001 section 6 prints "Avvikelse prognos från budget" for each line.
    printed = dict(
        con.execute(
            "SELECT post, belopp FROM printed_deviations WHERE tabell = '001-6' AND post <> 'SUMMA'"
        ).fetchall()
    )
    computed = dict(zip(table_2025["post"], table_2025["avvikelse"], strict=True))
    assert {post: computed[post] for post in printed} == printed


def test_group_sums_2025(table_2025):
    # Individinsatser, budget: 1 250 000 + 1 250 000 + 6 100 000 + 1 650 000 + 1 720 000
    # + 1 550 500 + 321 500 = 13 842 000 kr of cost.
    assert row(table_2025, "Summa individinsatser")["budget"] == -13842000
    # Processtöd shown on its own: 001 "Processtöd samverkansinsatser" -2 017 064.
    assert row(table_2025, "Summa processtöd")["budget"] == -2017064
    groups = list(table_2025.loc[table_2025["radtyp"] == "summa", "grupp"].astype(str))
    assert groups == list(budget.GROUPS)


@pytest.mark.parametrize(
    ("deviation", "budget_", "level"),
    [
        (20, -100, 2),  # a cost 20 % under budget: clearly favourable
        (-20, 100, -2),  # income 20 % under budget: clearly unfavourable
        (-7, -100, -1),  # a cost 7 % over budget: unfavourable, small
        (4, 100, 0),  # within 5 %
        (-15169, -619227, 0),  # 001 Styrelse: -2,4 %
    ],
)
def test_deviation_level_sign_follows_the_result(deviation, budget_, level):
    assert budget.deviation_level(deviation, budget_, budget.Thresholds()) == level


@pytest.mark.parametrize(
    ("until", "share"),
    [(dt.date(2025, 8, 31), 8 / 12), (dt.date(2024, 2, 29), 2 / 12), (dt.date(2025, 1, 15), 15 / 365)],
)
def test_share_of_year(until, share):
    assert budget.share_of_year(until) == pytest.approx(share)


def test_processtod_is_its_own_group():
    assert budget.group_of("strukturinsats", "Processtödjare", "Kostnader insatser") == budget.PROCESSTOD
    assert budget.group_of("strukturinsats", "Insatskatalogen", None) == budget.STRUKTUR


def test_a_budget_only_year_has_no_outcome(con):
    # 004 section 7 is a budget for 2024: no utfall, no prognos.
    table = budget.board_table(budget.lines(con, VASTMANLAND, 2024))
    assert table.attrs["outcome_measure"] is None
    # 004 section 7: Resultat -1 945 000 kr.
    assert table[table["radtyp"] == "resultat"]["budget"].iloc[0] == -1945000


def test_largest_deviations_2025(table_2025):
    top = budget.largest_deviations(table_2025, 3)
    # 001 section 6: Västerås +1 000 000, Samverkansmedel ofördelat +360 000, Administration +342 008.
    assert list(top["post"]) == ["Samordningsteam Västerås", "Samverkansmedel ofördelat", "Administration"]


def test_history_takes_each_years_best_measure(con):
    hist = budget.history(con).set_index(["forbund", "ar"])
    # 003 section 1.1, five-year overview: 2017 intäkter 8 100 tkr, kostnader -8 664 tkr,
    # årets resultat -591 tkr (bokslut; no lines printed, so the printed totals).
    norra = hist.loc[("Norra Västmanlands Samordningsförbund", 2017)]
    assert (norra["matt"], norra["intakter"], norra["kostnader"], norra["resultat"]) == (
        "bokslut",
        8100000,
        -8664000,
        -591000,
    )
    # 001: 2025 in prognos, result -9 073; 004: eget kapital 2024 1 918 000 (budget).
    assert hist.loc[(budget.MERGED, 2025), "resultat"] == -9073
    assert hist.loc[(budget.MERGED, 2025), "matt"] == "prognos"
    assert hist.loc[(budget.MERGED, 2024), "eget_kapital"] == 1918000
    # 003 section 1.5: eget kapital 1 312 tkr per 2021-12-31 (not "Övrigt eget kapital",
    # which excludes the year's result).
    assert hist.loc[("Norra Västmanlands Samordningsförbund", 2021), "eget_kapital"] == 1312000


def test_000_result_is_recomputed_not_the_printed_closing_equity(con):
    # 000 section 7 prints "Resultat 7 206 000" for förväntat utfall 2021, which is income
    # plus opening eget kapital minus costs. The year's result from the lines:
    # 13 309 500 - (140 000 + 1 125 662 + 9 730 000 + 3 350 000) = -1 036 162.
    hist = budget.history(con).set_index(["forbund", "ar"])
    assert hist.loc[("Samordningsförbundet Västerås", 2021), "resultat"] == -1036162


def test_county_sum_only_where_all_three_have_the_figure(con):
    successor, year, former = budget.merger_of(con, "Samordningsförbundet Västerås")
    assert (successor, year, len(former)) == (budget.MERGED, 2024, 3)
    county = budget.county_sum(budget.history(con), former).set_index("ar")
    # 2021: all three former förbund have a result. Norra Västmanland bokslut -35 000 (003
    # section 5), Västerås förväntat utfall -1 036 162 (000 section 7, from lines), Västra
    # Mälardalen bokslut 738 000 (002 section 5): -35 000 - 1 036 162 + 738 000 = -333 162.
    assert county.loc[2021, "resultat"] == -333162
    # 2017: only Norra Västmanland has figures; a partial sum is not shown.
    assert pd.isna(county.loc[2017, "resultat"])


def test_insats_history_across_the_merger(con):
    # Samordningsteam Västerås: 000 section 7 budget 2021 7 306 000, 2022 6 700 000,
    # 2023 7 000 000; 004 section 7 2024 6 200 000; 001 section 6 2025 6 100 000.
    hist = budget.insats_history(con, "samordningsteam-vasteras")
    assert list(hist["ar"]) == [2021, 2022, 2023, 2024, 2025]
    assert list(-hist["budget"]) == [7306000, 6700000, 7000000, 6200000, 6100000]
    assert set(hist["forbund"]) == {"Samordningsförbundet Västerås", VASTMANLAND}
    # Samordningsteam Sala, 2020–2025 (003 section 5: bokslut 2020 -1 489 tkr).
    sala = budget.insats_history(con, "samordningsteam-sala")
    assert list(sala["ar"]) == [2020, 2021, 2024, 2025]
    assert sala.iloc[0]["bokslut"] == -1489000


def test_each_insats_is_offered_once_under_its_one_name(con):
    # 001 section 6 prints "Samordningsteamet FNS" (2025), 004 section 7 "Samordningsteam FNS"
    # (2024): one insats, offered once; a line that is no insats (Styrelse) is not offered.
    choices = budget.insats_choices(con, VASTMANLAND)
    names = list(choices.values())
    assert len(names) == len(set(names))
    assert choices["samordningsteam-fns"] == "Samordningsteam FNS"
    assert "Styrelse" not in names and "Samordningsteamet FNS" not in names


def test_ratios_2024_are_the_printed_shares_and_the_goal(con):
    # 004 section 7 prints: administrativa kostnader 14 %, individinsatser 77 %; section 6: the
    # goal is 60/40 by 2025–2026, so 77 % is above it. No cap or floor on eget kapital is printed.
    table = budget.board_table(budget.lines(con, VASTMANLAND, 2024))
    ratios = {r.kind: r for r in budget.ratios(con, VASTMANLAND, 2024, table)}
    assert round(ratios[budget.ANDEL_ADMINISTRATION].value * 100) == 14
    individ = ratios[budget.ANDEL_INDIVIDINSATSER]
    assert round(individ.value * 100) == 77
    assert [(g.value, g.from_year, g.to_year, g.side) for g in individ.rules] == [(0.6, 2025, 2026, 1)]
    assert ratios[budget.EGET_KAPITAL].rules == ()


def test_a_forbunds_history_is_its_line_of_mergers(con):
    # 004: on 2024-01-01 Samordningsförbundet Västmanland replaced the three former förbund.
    four = [
        "Norra Västmanlands Samordningsförbund",
        "Samordningsförbundet Västerås",
        "Samordningsförbundet Västmanland",
        "Samordningsförbundet Västra Mälardalen",
    ]
    assert budget.lineage(con, "Samordningsförbundet Västmanland") == four
    assert budget.lineage(con, "Norra Västmanlands Samordningsförbund") == four
