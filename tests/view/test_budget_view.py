"""Budget och utfall as the board reads it: levels in words, the export, ratios against their rules."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.domain import budget
from dashboard.exchange import export
from dashboard.view import budget_view
from tests.domain.test_budget import VASTMANLAND, row


@pytest.fixture(scope="module")
def table_2025(con) -> pd.DataFrame:
    return budget_view.board_table(budget.lines(con, VASTMANLAND, 2025))


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


def test_unbudgeted_cost_is_flagged(table_2025):
    # 001: Utvecklingsdagar Samordningsteam, budget 0, prognos -7 240.
    assert row(table_2025, "Utvecklingsdagar Samordningsteam")["status"] == "▼▼ ej budgeterad"


def test_thresholds_are_the_users(con):
    # 001 Styrelse: -15 169 on -619 227 is -2,4 %: in line at 5 %, unfavourable at 2 %.
    lines = budget.lines(con, VASTMANLAND, 2025)
    strict = budget_view.board_table(lines, budget.Thresholds(low=0.02, high=0.10))
    assert row(strict, "Styrelse")["status"] == "▼ sämre"


def test_excel_export_keeps_numbers_as_numbers(table_2025):
    import io

    from openpyxl import load_workbook

    shown = budget_view.display_table(table_2025, 2025, for_export=True)
    data = export.xlsx_bytes(
        shown,
        "Budget",
        ["Rubrik", "Källa"],
        budget_view.money_columns(shown),
        budget_view.share_columns(shown),
    )
    ws = load_workbook(io.BytesIO(data))["Budget"]
    header_row = next(r for r in ws.iter_rows(min_row=1, max_row=6) if r[0].value == "Post")
    headers = [c.value for c in header_row]
    vasteras = next(r for r in ws.iter_rows() if r[0].value == "Samordningsteam Västerås")
    cell = vasteras[headers.index("Budget 2025")]
    assert cell.value == -6100000
    assert cell.number_format == '#,##0" kr"'
    assert vasteras[headers.index("Förbrukat av budget")].number_format == "0.0%"


def _ratios(con, forbund, ar):
    table = budget.board_table(budget.lines(con, forbund, ar))
    return {r.label.split(",")[0].split(" per ")[0]: r for r in budget_view.ratios(con, forbund, ar, table)}


def test_ratios_2024_match_the_printed_shares(con):
    # 004 section 7 prints: administrativa kostnader 14 %, individinsatser 77 %, metodutveckling
    # och strukturella insatser 23 %; section 6: the goal is 60/40 by 2025–2026.
    r = _ratios(con, VASTMANLAND, 2024)
    assert round(r["Andel administration"].value * 100) == 14
    assert round(r["Andel individinsatser"].value * 100) == 77
    assert "metod och struktur: 77/23" in r["Andel individinsatser"].rule
    assert "Mål 2025–2026: 60/40" in r["Andel individinsatser"].rule
    assert r["Andel individinsatser"].verdict == "▲ mer till individinsatser än målet"
    # No cap is printed for Samordningsförbundet Västmanland: none is assumed.
    assert r["Eget kapital"].rule == "Dokumenten anger inget tak eller golv för förbundets eget kapital."


def test_a_ratio_has_one_label_and_value_on_both_pages(con):
    # Översikt and Budget och utfall name the basis of a share in its label: the budget 2025
    # share (001 section 6: administration 2 653 158 of 20 986 622 kr costs) is the same
    # figure under the same label on both pages, and the prognos share is labelled apart.
    from dashboard.view import overview_view

    key = {f.label: f.text for f in overview_view.key_figures(con, VASTMANLAND, 2025)}
    board = budget.board_table(budget.lines(con, VASTMANLAND, 2025))
    on_budget_page = {r.label: r.text for r in budget_view.ratios(con, VASTMANLAND, 2025, board)}
    assert key["Andel administration, budget 2025"] == "12,6\u00a0%"
    assert on_budget_page["Andel administration, prognos 2025"] == "12,3\u00a0%"
    shared = set(key) & set(on_budget_page)
    assert shared, "no common label"
    assert all(key[label] == on_budget_page[label] for label in shared)


def test_equity_against_norra_vastmanlands_own_cap_and_floor(con):
    # 003 section 1.5: eget kapital 1 312 tkr, "19 % av årets medelstilldelning"; cap 20 % of
    # budgeted medlemsbidrag (7 046 000 kr, section 5): 1 409 200 kr; floor 500 tkr.
    r = _ratios(con, "Norra Västmanlands Samordningsförbund", 2021)["Eget kapital"]
    assert r.value == 1312000
    assert "1\u00a0409\u00a0200\u00a0kr" in r.rule
    assert r.verdict == "● under taket, ● över golvet"
