"""Presentation mode's slide show: the slide in the URL, posts spread over slides that fit."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.view import meeting, slides

VASTMANLAND = "Samordningsförbundet Västmanland"


def test_vy_counts_as_the_screen_does():
    assert slides.step("1", 5) == 0
    assert slides.step("5", 5) == 4
    assert slides.step("9", 5) == 4 and slides.step("0", 5) == 0
    assert slides.step(None, 5) == 0 and slides.step("x", 5) == 0


def test_a_period_not_in_the_data_falls_back_to_the_latest():
    periods = [dt.date(2025, 8, 31), dt.date(2025, 12, 31)]
    assert slides.period_from_url("2025-12-31", periods) == dt.date(2025, 12, 31)
    assert slides.period_from_url("1900-01-01", periods) == dt.date(2025, 8, 31)
    assert slides.period_from_url("garbage", periods) == dt.date(2025, 8, 31)
    assert slides.period_from_url(None, periods) == dt.date(2025, 8, 31)


def _post(chars: int) -> slides.Post:
    return slides.Post("Post", "+1\u00a0000\u00a0kr", "▲ bättre", "x" * chars)


def test_posts_go_on_over_slides_that_each_fit():
    posts = [_post(300), _post(300), _post(300), _post(0), _post(900)]
    pages = slides.paginate_posts(posts)
    assert sum(len(p) for p in pages) == len(posts)  # none lost, none twice
    assert len(pages) > 1
    for page in pages:
        assert len(page) == 1 or sum(slides._lines(p) for p in page) <= slides.LINES_PER_SLIDE


def test_the_deck_of_the_delarsrapport(con):
    # 001 Delårsrapport januari–augusti 2025, section 6.
    deck = slides.slides(con, VASTMANLAND, dt.date(2025, 8, 31))
    keys = [s.key for s in deck]
    assert keys[:2] == ["nyckeltal", "resultat"] and "avvikelser" in keys and keys[-1] == "lan"
    result = deck[1]
    assert dict(result.metrics)["Resultat, prognos 2025"] == "-9\u00a0073\u00a0kr"
    assert "31 augusti 2025" in result.period
    posts = [p for s in deck if s.key == "avvikelser" for p in s.posts]
    assert posts[0].post == "Samordningsteam Västerås"
    assert all("i nivå" not in p.status for p in posts)
    for slide in deck:
        assert slide.source and ".txt" not in slide.source
        assert slide.period, slide.key
    # The county slide's measure has a value for every kommun.
    county = deck[-1]
    assert county.figure is not None and not county.note


def test_the_occupancy_slide_keeps_the_row_of_all_teams():
    # More teams than a slide holds: the first ones, and the row of all teams last.
    teams = [f"Team {i}" for i in range(1, 13)]
    table = pd.DataFrame({"Insats": [*teams, "Alla team"], "Aktiva": [str(10 + i) for i in range(13)]})
    section = meeting.Section(
        "belaggning", "Beläggning per team, november 2026", "källan", "perioden", table=table
    )
    slide = slides._from_section(section)
    assert len(slide.table) == slides.ROWS_PER_SLIDE
    assert list(slide.table["Insats"])[-1] == "Alla team"
    assert list(slide.table["Insats"])[:-1] == teams[: slides.ROWS_PER_SLIDE - 1]
    assert slide.note.endswith("4 rader till finns i mötesunderlaget och på sidan.")
