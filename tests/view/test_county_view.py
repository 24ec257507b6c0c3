"""Länsjämförelse as the page shows it: the profile, the ranking and their values written out."""

from __future__ import annotations

from io import StringIO

import pandas as pd

from dashboard.domain import county, county_measures
from dashboard.view import county_view


def _read(html: str) -> pd.DataFrame:
    """A static table as its cells read ("58 %" stays text)."""
    return pd.read_html(StringIO(html), flavor="lxml", thousands=None)[0]


def test_profile_view_writes_kronor_and_shares_out(con):
    view = county_view.profile_view(con, "1982")
    # 003: Fagersta's contribution 2020 324 244, 2021 321 290.
    assert list(_read(view.bidrag)["Belopp"]) == ["324\u00a0244\u00a0kr", "321\u00a0290\u00a0kr"]
    fns = _read(view.insatser)
    # 6 763 / (6 763 + 2 728 + 2 135) = 58 %.
    assert fns["Kommunens andel"].iloc[0] == "58\u00a0%"
    assert (fns["Budget"].str.endswith("\u00a0kr") | (fns["Budget"] == "–")).all()  # missing stays missing
    assert (fns["Delas av kommuner"] == 3).all()


def test_ranking_view_of_2022(con):
    view = county_view.ranking_view(con, "hel_andel", 2022, county_measures.DEFAULT_BREAKDOWN)
    table = _read(view.html)
    assert len(table) == 12  # ten kommuner, the county and the country
    assert view.missing is None
    # 004 section 4: the county 14,5 % in 2022.
    assert dict(zip(table["Kommun"], table["Värde"], strict=True))["Västmanlands län"] == "14,5\u00a0%"
    assert county.year_choice(con, "hel_andel", county_measures.DEFAULT_BREAKDOWN)[1] == 2022
