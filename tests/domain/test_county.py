"""Länsjämförelse: reference figures, ranking, missing values, and imported SCB data."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.domain import county
from dashboard.exchange import scb
from dashboard.store import embedded
from tests import scb_files


def test_kommun_populations_sum_to_the_county(con):
    # shared/reference/befolkning_20_64_per_kommun.csv: 154 113 in the county 2024.
    rows = con.execute(
        "SELECT sum(befolkning_20_64) FILTER (WHERE length(omradeskod) = 4), "
        "max(befolkning_20_64) FILTER (WHERE omradeskod = '19') FROM befolkning WHERE ar = 2024"
    ).fetchall()
    assert rows == [(154113, 154113)]


def test_ekonomiskt_bistand_per_inhabitant_2017(con):
    table = county.ranking(con, "bistand_per_inv", 2017).set_index("kommun")
    # Västerås: 243 834 tkr paid / 85 768 inhabitants 20–64 = 2 842,95 kr, the highest.
    assert table.loc["Västerås", "varde"] == pytest.approx(243834000 / 85768)
    assert table.loc["Västerås", "rang"] == 1
    assert table.loc["Västerås", "farg"] == "röd"
    # Kungsör is not published by SCB (".."): missing with its reason, never zero.
    assert table.loc["Kungsör", "varde"] != table.loc["Kungsör", "varde"]
    assert table.loc["Kungsör", "saknas"] == "saknas: SCB publicerar inte uppgiften (”..”)"
    assert table["antal"].iloc[0] == 9


def test_thirds_are_red_yellow_green(con):
    colours = list(county.ranking(con, "bistand_per_inv", 2017).dropna(subset=["varde"])["farg"])
    assert colours == ["röd"] * 3 + ["gul"] * 3 + ["grön"] * 3


def test_contribution_per_inhabitant_uses_the_nearest_population_year(con):
    table = county.ranking(con, "finsam_per_inv", 2021).set_index("kommun")
    # 003 not 2: Fagersta 2021 321 290 kr; population 20–64 2024 (nearest year): 6 763.
    assert table.loc["Fagersta", "varde"] == pytest.approx(321290 / 6763)
    assert "befolkning 20–64 år 2024" in table.loc["Fagersta", "kalla"]
    assert table["varde"].notna().sum() == 10
    # No traffic lights for a measure where high is neither good nor bad.
    assert table["farg"].isna().all()


def test_county_and_country_2022_before_any_import(con):
    refs = county.references(con, "hel_andel", 2022).set_index("omradeskod")["varde"]
    # 004 section 4: Västmanland 14,5 and riket 11,9.
    assert (refs["19"], refs["00"]) == (14.5, 11.9)
    table = county.ranking(con, "hel_andel", 2022).set_index("kommun")
    # Only Västerås is known (SCB via the press: 14 %); the others say which import fills them.
    assert table.loc["Västerås", "varde"] == 14.0
    assert table.loc["Fagersta", "saknas"] == county.SCB_IMPORT_HINT
    assert county.ranking_check(con) is None
    assert county.default_year(con, "hel_andel") == 2022
    assert county.default_year(con, "finsam_per_inv") == 2021


def test_imported_data_ranks_and_is_checked_against_004(scratch_con, data_copy):
    embedded.build(scratch_con, data_copy)
    scb.store(scratch_con, scb.parse(scb_files.csv_bytes(), "HE0000T01N.csv"), dt.date(2026, 11, 20))
    table = county.ranking(scratch_con, "hel_andel", 2022)
    assert list(table["kommun"].head(3)) == ["Fagersta", "Kungsör", "Norberg"]
    assert "hämtad 2026-11-20" in table["kalla"].iloc[0]
    assert county.ranking_check(scratch_con) == "ok"
    # Contribution per helårsekvivalent needs both: none for 2022 contributions of Norra
    # Västmanland (003 prints 2020–2021), but Köping's 2022 budget (002) meets the import.
    per_hel = county.ranking(scratch_con, "finsam_per_hel", 2022).set_index("kommun")
    koping = per_hel.loc["Köping", "varde"]
    # 002: Köpings kommun budget 2022 375 000; the fixture's Köping total is 13 533 × 13,0 %.
    assert koping == pytest.approx(375000 / (13533 * 0.13), rel=1e-3)


def test_profile_of_fagersta(con):
    profile = county.profile(con, "1982")
    assert list(profile["forbund"]["Förbund"]) == [
        "Norra Västmanlands Samordningsförbund",
        "Samordningsförbundet Västmanland",
    ]
    # 003 not 2: Fagersta's contribution 2021 321 290, 2020 324 244.
    assert list(profile["bidrag"]["Belopp"]) == [324244, 321290]
    fns = profile["insatser"]
    assert set(fns["Insats"]) == {"Samordningsteam FNS"}
    # FNS serves Fagersta, Norberg and Skinnskatteberg: Fagersta's share by population
    # 20–64 in 2024 is 6 763 / (6 763 + 2 728 + 2 135) = 58,2 %.
    assert fns["Kommunens andel"].iloc[0] == pytest.approx(6763 / (6763 + 2728 + 2135))
    assert (fns["Delas av kommuner"] == 3).all()


def test_map_holds_the_ten_kommuner():
    codes = {f["properties"]["id"] for f in county.geojson()["features"]}
    assert codes == {"1904", "1907", "1960", "1961", "1962", "1980", "1981", "1982", "1983", "1984"}
    assert "okfse/sweden-geojson" in county.provenance()


def test_breakdown_by_ersattningssystem_after_import(scratch_con, data_copy):
    embedded.build(scratch_con, data_copy)
    scb.store(scratch_con, scb.parse(scb_files.csv_bytes(), "HE0000T01N.csv"), dt.date(2026, 11, 20))
    assert county.breakdowns(scratch_con)["ersattningssystem"][0] == "Totalt"
    table = county.ranking(scratch_con, "hel_andel", 2022, ("20-64", "total", "Ekonomiskt bistånd"))
    fagersta = table.set_index("kommun").loc["Fagersta", "varde"]
    # The fixture puts 15 % of Fagersta's 19,0 % on ekonomiskt bistånd: 2,85 % of 20–64.
    assert fagersta == pytest.approx(19.0 * 0.15, abs=0.01)
    # No 20–29 rows were imported: the 20–29 check has nothing to check.
    assert county.ranking_check(scratch_con, "20-29") is None
    trend = county.trend(scratch_con, "1982")
    assert set(trend["omrade"]) == {"Fagersta", "Västmanlands län", "Riket"}
