"""Key figures of the Översikt, from the documents, as the page shows them."""

from __future__ import annotations

from dashboard.view import overview_view

VASTMANLAND = "Samordningsförbundet Västmanland"


def _by_label(figures):
    return {f.label: f for f in figures}


def test_delarsrapport_2025_key_figures(con):
    # 001 section 6: medel från huvudmännen 18 958 000; SUMMA årsbudget -2 028 622,
    # utfall 2025-08-31 5 108 938, prognos -9 073.
    figures = _by_label(overview_view.key_figures(con, VASTMANLAND, 2025))
    assert figures["Medel från huvudmännen, budget 2025"].value == 18958000
    assert figures["Resultat, budget 2025"].value == -2028622
    assert figures["Resultat, utfall t.o.m. 31 augusti 2025"].value == 5108938
    assert figures["Resultat, prognos 2025"].value == -9073
    assert all(f.dokument == "001_b4ec0f32d236804d.txt" for label, f in figures.items() if "2025" in label)


def test_equity_is_the_latest_closing_balance_with_its_date(con):
    # 004 section 7: beräknat utgående eget kapital 2024-12-31: 1 918 000 kr; the delårsrapport
    # 2025 prints none, so the Översikt for 2025 shows that one and says when it is from.
    equity = _by_label(overview_view.key_figures(con, VASTMANLAND, 2025))["Eget kapital per 31 december 2024"]
    assert equity.value == 1918000
    assert "31 december 2024" in equity.definition
    assert equity.dokument == "004_e2487ae932abf35c.txt"


def test_2024_shares_round_to_the_printed_ones(con):
    # 004 section 7 prints: administrativa kostnader 14 %, individinsatser 77 %.
    figures = _by_label(overview_view.key_figures(con, VASTMANLAND, 2024))
    assert round(figures["Andel administration, budget 2024"].value * 100) == 14
    assert round(figures["Andel individinsatser, budget 2024"].value * 100) == 77
    assert figures["Andel administration, budget 2024"].text == "13,6\u00a0%"
