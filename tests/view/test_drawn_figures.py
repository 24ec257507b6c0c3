"""The pages' figures are drawn once: the same JSON as a fresh figure, and copies are plain."""

from __future__ import annotations

import copy
import pickle

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.domain import budget, county, county_measures
from dashboard.view import budget_view, charts, county_view, figures, ranking_map

VASTMANLAND = "Samordningsförbundet Västmanland"


def _json(fig: go.Figure) -> str:
    return pio.to_json(fig.to_dict(), validate=False)


def test_a_drawn_figure_is_the_figure_it_was_built_as(con):
    fig = figures.budget_bars(con, VASTMANLAND, 2025, None, 0.05, 0.10, "storlek")
    assert isinstance(fig, figures.DrawnFigure)
    table = budget.board(con, VASTMANLAND, 2025, None, 0.05, 0.10)
    labels = budget_view.column_labels(table, 2025)
    fresh = charts.budget_bars(table, labels["utfall_ar"], labels.get("utfall"), "storlek", labels["budget"])
    assert _json(fig) == _json(fresh)
    # Streamlit asks for the dict on every run: the one made when the figure was drawn.
    assert fig.to_dict() is fig.to_dict()


def test_the_bars_title_names_only_the_measures_drawn(con):
    # 001 section 6: budget, utfall to 31 August and prognos 2025.
    def title(ar: int) -> str:
        fig = figures.budget_bars(con, VASTMANLAND, ar, None, 0.05, 0.10, "storlek")
        return fig.to_dict()["layout"]["title"]["text"]

    assert title(2025).startswith("Kostnader per post: budget, utfall och prognos 2025")
    # 004 section 7 prints only the budget for 2024: no "utfall och utfall 2024".
    assert title(2024).startswith("Kostnader per post: budget 2024")


def test_the_map_is_drawn_once_too(con):
    fig = figures.county_map(con, "hel_andel", 2022, county_measures.DEFAULT_BREAKDOWN)
    assert isinstance(fig, figures.DrawnFigure)
    measure = county_measures.MEASURES["hel_andel"]
    table = county.ranking(con, "hel_andel", 2022)
    texts = [county_view.value_text(measure, v) for v in table["varde"]]
    fresh = ranking_map.county_map(
        table, county.geojson(), f"{measure.short} 2022", texts, county.provenance()
    )
    assert _json(fig) == _json(fresh)


def test_copies_are_plain_figures_and_leave_the_drawn_one_as_it_was(con):
    fig = figures.staffing(con, 2024)
    before = _json(fig)
    for other in (copy.deepcopy(fig), pickle.loads(pickle.dumps(fig))):
        assert type(other) is go.Figure
        other.update_layout(title="Ändrad")
    assert _json(fig) == before
