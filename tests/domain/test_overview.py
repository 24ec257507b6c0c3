"""The Översikt's förbund and years, from the documents."""

from __future__ import annotations

import datetime as dt

from dashboard.domain import overview

VASTMANLAND = "Samordningsförbundet Västmanland"


def test_forbund_years_lists_the_current_forbund_first(con):
    years = overview.forbund_years(con)
    assert next(iter(years)) == VASTMANLAND
    assert years[VASTMANLAND] == [2024, 2025]
    assert set(years) == {
        VASTMANLAND,
        "Samordningsförbundet Västerås",
        "Norra Västmanlands Samordningsförbund",
        "Samordningsförbundet Västra Mälardalen",
    }


def test_former_forbund_label_says_when_it_ended(con):
    label = overview.forbund_label(con, "Samordningsförbundet Västerås")
    assert label == "Samordningsförbundet Västerås (till 2023, ersatt av Samordningsförbundet Västmanland)"
    assert overview.forbund_label(con, VASTMANLAND) == VASTMANLAND


def test_key_figures_are_the_documents_numbers(con):
    # 001 section 6: medel från huvudmännen 18 958 000; SUMMA årsbudget -2 028 622, utfall
    # 2025-08-31 5 108 938, prognos -9 073; 004 section 7: eget kapital 2024-12-31 1 918 000.
    figures = {(f.kind, f.measure): f for f in overview.key_figures(con, VASTMANLAND, 2025)}
    assert figures[(overview.MEDEL, "budget")].value == 18958000
    assert figures[(overview.RESULTAT, "budget")].value == -2028622
    utfall = figures[(overview.RESULTAT, "utfall")]
    assert (utfall.value, utfall.until) == (5108938, dt.date(2025, 8, 31))
    assert figures[(overview.RESULTAT, "prognos")].value == -9073
    equity = next(f for f in figures.values() if f.kind == overview.EGET_KAPITAL)
    assert (equity.value, equity.until) == (1918000, dt.date(2024, 12, 31))
