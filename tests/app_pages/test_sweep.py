"""Every page runs for every förbund and year the data holds: no choice a user can make
ends in an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import pages

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("page", ["oversikt.py", "motesunderlag.py", "mal.py"])
def test_every_forbund_and_year(page):
    at = AppTest.from_file(str(REPO / "app_pages" / page), default_timeout=120).run()
    assert not at.exception
    for i in range(pages.forbund_count(at)):
        pages.choose_forbund(at, i)
        assert not at.exception, (page, i)
        forbund = pages.forbund_box(at).value
        assert pages.shown(at)[0] == forbund
        for year in pages.years(at):
            pages.choose_year(at, year)
            assert not at.exception, (page, forbund, year)
            assert pages.shown(at) == (forbund, year)


def test_every_forbund_and_base_year_of_scenarier():
    at = AppTest.from_file(str(REPO / "app_pages" / "scenarier.py"), default_timeout=120).run()
    assert not at.exception
    for forbund in range(pages.forbund_count(at)):
        pages.choose_forbund(at, forbund)
        assert not at.exception, forbund
        base_years = pages.segments(at, "Basår")
        for year in [int(y) for y in base_years.options]:
            pages.segments(at, "Basår").set_value(year).run()
            assert not at.exception, (forbund, year)
            assert pages.segments(at, "Basår").value == year


def test_every_year_of_teamkapacitet_and_every_measure_and_year_of_lansjamforelse():
    at = AppTest.from_file(str(REPO / "app_pages" / "team.py"), default_timeout=120).run()
    for year in pages.years(at):
        pages.choose_year(at, year)
        assert not at.exception, year
    at = AppTest.from_file(str(REPO / "app_pages" / "lan.py"), default_timeout=120).run()
    for measure in range(len(pages.box_list(at, "lan-matt").options)):
        pages.choose(at, "lan-matt", measure)
        for year in pages.years(at):
            pages.choose_year(at, year)
            assert not at.exception, (measure, year)
