"""The pages' Plotly figures built from the database, once per data version.

The pages' Plotly figures built from the database, for ``ui.shared``: a figure is built
once per data version and arguments, and every session draws the same object.

Each function takes the cursor and plain arguments (no frames), so that the cache key is
cheap; it recomputes what it needs through the domain modules. Each returns its figure
``drawn``: ready for ``st.plotly_chart`` on every run without being converted again.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import ParamSpec

import duckdb
import plotly.graph_objects as go

from dashboard.domain import budget, capacity, county, county_measures, overview, scenarios
from dashboard.view import budget_view, charts, county_view, ranking_map

P = ParamSpec("P")


class DrawnFigure(go.Figure):
    """A finished figure that is only drawn from here on, never changed.

    ``st.plotly_chart`` turns a figure into a dict on every run (a deep copy of all its data,
    arrays to base64), which costs a millisecond or more a chart; this one makes it once.
    """

    _as_dict: dict

    def to_dict(self) -> dict:
        return self._as_dict

    def __reduce__(self):  # a copy (copy.deepcopy, pickle) is a plain figure of a fresh dict
        props = go.Figure.to_dict(self)
        props["_grid_str"], props["_grid_ref"] = self._grid_str, self._grid_ref
        return (go.Figure, (props,))


def drawn(fig: go.Figure) -> DrawnFigure:
    """``fig`` as a ``DrawnFigure``: its dict made now, once. Change nothing in it afterwards."""
    as_dict = fig.to_dict()
    for trace in as_dict["data"]:
        trace.pop("uid", None)  # as plotly.io.to_json would on every run
    fig.__class__ = DrawnFigure  # the same object: its data is not copied again
    fig._as_dict = as_dict
    return fig


def _built_drawn(build: Callable[P, go.Figure]) -> Callable[P, DrawnFigure]:
    @functools.wraps(build)  # the same name, so the same key for ui.shared
    def build_drawn(*args: P.args, **kwargs: P.kwargs) -> DrawnFigure:
        return drawn(build(*args, **kwargs))

    return build_drawn


@_built_drawn
def budget_bars(
    con: duckdb.DuckDBPyConnection,
    forbund: str,
    ar: int,
    till: dt.date | None,
    low: float,
    high: float,
    sort: str,
) -> go.Figure:
    table = budget.board(con, forbund, ar, till, low, high)
    labels = budget_view.column_labels(table, ar)
    return charts.budget_bars(table, labels["utfall_ar"], labels.get("utfall"), sort, labels["budget"])


@_built_drawn
def result_waterfall(
    con: duckdb.DuckDBPyConnection, forbund: str, ar: int, till: dt.date | None, low: float, high: float
) -> go.Figure:
    table = budget.board(con, forbund, ar, till, low, high)
    labels = budget_view.column_labels(table, ar)
    column = "utfall_ar" if table.attrs["outcome_measure"] else "budget"
    return charts.result_waterfall(table, column, labels[column].lower())


@_built_drawn
def history(
    con: duckdb.DuckDBPyConnection, measure_key: str, county_sum: bool, forbund: str, every: bool = False
) -> go.Figure:
    """The förbund and its line of history across the years, or (``every``) every förbund;
    ``county_sum``: the förbund its merger replaced, summed (``budget.merger_of``)."""
    frame = budget.history(con)
    merger = budget.merger_of(con, forbund)
    mergers = overview.mergers(con)
    if not every:
        frame = frame[frame["forbund"].isin(budget.lineage(con, forbund))]
    if county_sum and merger is not None:
        frame = budget.county_sum(frame, merger[2])
    marked = merger or (mergers[0] if len(mergers) == 1 else None)  # one merger in the data: marked
    return charts.history_chart(
        frame, measure_key, budget.HISTORY_MEASURES[measure_key], marked[1] if marked else None
    )


@_built_drawn
def insats_history(con: duckdb.DuckDBPyConnection, forbund: str, insats_id: str) -> go.Figure:
    name = budget.insats_choices(con, forbund)[insats_id]  # the insats's one name
    return charts.insats_history_chart(budget.insats_history(con, insats_id), name)


@_built_drawn
def staffing(con: duckdb.DuckDBPyConnection, ar: int, forbund: tuple[str, ...] | None = None) -> go.Figure:
    return charts.staffing_bars(capacity.fte_by_employer(capacity.staffing(con, ar, forbund)))


@_built_drawn
def survey(con: duckdb.DuckDBPyConnection, group: str, forbund: tuple[str, ...] | None = None) -> go.Figure:
    return charts.survey_chart(capacity.survey(con, group, forbund), group)


@_built_drawn
def county_map(
    con: duckdb.DuckDBPyConnection, key: str, ar: int, breakdown: tuple, lan: str = county.DEFAULT_LAN
) -> go.Figure:
    measure = county_measures.MEASURES[key]
    table = county.ranking(con, key, ar, breakdown, lan)
    texts = [county_view.value_text(measure, v) for v in table["varde"]]
    # The short name: the map has half the page's width, the full label stands above it.
    title = f"{measure.short or measure.label}{county.group_label(con, key, breakdown)} {ar}"
    return ranking_map.county_map(table, county.geojson(lan), title, texts, county.provenance())


@_built_drawn
def ranking_bars(
    con: duckdb.DuckDBPyConnection, key: str, ar: int, breakdown: tuple, lan: str = county.DEFAULT_LAN
) -> go.Figure:
    measure = county_measures.MEASURES[key]
    table = county.ranking(con, key, ar, breakdown, lan)
    refs = county_view.written_references(con, key, ar, breakdown, lan)
    texts = [county_view.value_text(measure, v) for v in table["varde"]]
    group = county.group_label(con, key, breakdown)
    return ranking_map.ranking_bars(table, refs, f"Rangordning {ar}{group}", texts)


@_built_drawn
def country_composition(con: duckdb.DuckDBPyConnection) -> go.Figure:
    return charts.country_composition(county.country_composition(con))


@_built_drawn
def trend(
    con: duckdb.DuckDBPyConnection, kommunkod: str, key: str, breakdown: tuple, lan: str = county.DEFAULT_LAN
) -> go.Figure:
    """A kommun's measure over the years against its län and the country."""
    measure = county_measures.MEASURES[key]
    frame = county.trend(con, kommunkod, breakdown, key, lan)
    texts = [county_view.value_text(measure, v) for v in frame["varde"]]
    group = county.group_label(con, key, breakdown)
    label = f"{measure.label}{group} över åren"
    return charts.trend_chart(frame, label, texts, county_view.AXIS_TITLES[measure.unit])


@_built_drawn
def scenario(con: duckdb.DuckDBPyConnection, assumptions: str) -> go.Figure:
    """The scenario of ``Assumptions.to_json`` (a cheaper cache key than the assumptions)."""
    return charts.scenario_chart(scenarios.run(con, scenarios.Assumptions.from_json(assumptions))["years"])
