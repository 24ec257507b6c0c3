"""Budget och utfall: the board's table, deviations with the right sign, delår consumption."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import budget, export

VASTMANLAND = "Samordningsförbundet Västmanland"


@pytest.fixture(scope="module")
def table_2025(con) -> pd.DataFrame:
    return budget.board_table(budget.lines(con, VASTMANLAND, 2025))


def row(table: pd.DataFrame, post: str) -> pd.Series:
    rows = table[table["post"] == post]
    assert len(rows) == 1, post
    return rows.iloc[0]


def test_samordningsteam_vasteras_2025(table_2025):
    # 001 section 6: budget -6 100 000, utfall 2025-08-31 -2 359 306, prognos -5 100 000,
    # avvikelse prognos från budget +1 000 000.
    r = row(table_2025, "Samordningsteam Västerås")
    assert (r["budget"], r["utfall"], r["utfall_ar"], r["avvikelse"]) == (
        -6100000,
        -2359306,
        -5100000,
        1000000,
    )
    # 1 000 000 / 6 100 000 = 16,4 %: beyond the default 10 %, favourable.
    assert r["status"] == "▲▲ klart bättre"
    # 2 359 306 / 6 100 000 = 38,7 % used when 8/12 = 66,7 % of the year has gone.
    assert r["utfall_andel"] == pytest.approx(0.3868, abs=1e-4)
    assert r["forbrukning"] == "▽ låg"
    assert "2026 års medelstilldelning" in r["kommentar"]


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


def test_unbudgeted_cost_is_flagged(table_2025):
    # 001: Utvecklingsdagar Samordningsteam, budget 0, prognos -7 240.
    assert row(table_2025, "Utvecklingsdagar Samordningsteam")["status"] == "▼▼ ej budgeterad"


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


def test_thresholds_are_the_users(con):
    # 001 Styrelse: -15 169 on -619 227 is -2,4 %: in line at 5 %, unfavourable at 2 %.
    lines = budget.lines(con, VASTMANLAND, 2025)
    strict = budget.board_table(lines, budget.Thresholds(low=0.02, high=0.10))
    assert row(strict, "Styrelse")["status"] == "▼ sämre"


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


def test_excel_export_keeps_numbers_as_numbers(table_2025):
    import io

    from openpyxl import load_workbook

    shown = budget.display_table(table_2025, 2025, for_export=True)
    data = export.xlsx_bytes(
        shown, "Budget", ["Rubrik", "Källa"], budget.money_columns(shown), budget.share_columns(shown)
    )
    ws = load_workbook(io.BytesIO(data))["Budget"]
    header_row = next(r for r in ws.iter_rows(min_row=1, max_row=6) if r[0].value == "Post")
    headers = [c.value for c in header_row]
    vasteras = next(r for r in ws.iter_rows() if r[0].value == "Samordningsteam Västerås")
    cell = vasteras[headers.index("Budget 2025")]
    assert cell.value == -6100000
    assert cell.number_format == '#,##0" kr"'
    assert vasteras[headers.index("Förbrukat av budget")].number_format == "0.0%"
