"""The pages' Plotly figures built from the database, for ``ui.shared``: a figure is built
once per data version and arguments, and every session draws the same object.

Each function takes the cursor and plain arguments (no frames), so that the cache key is
cheap; it recomputes what it needs through the domain modules.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import plotly.graph_objects as go

from dashboard import budget, capacity, charts, county, scenarios


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
    labels = budget.column_labels(table, ar)
    return charts.budget_bars(table, labels["utfall_ar"], labels.get("utfall"), sort)


def result_waterfall(
    con: duckdb.DuckDBPyConnection, forbund: str, ar: int, till: dt.date | None, low: float, high: float
) -> go.Figure:
    table = budget.board(con, forbund, ar, till, low, high)
    labels = budget.column_labels(table, ar)
    column = "utfall_ar" if table.attrs["outcome_measure"] else "budget"
    return charts.result_waterfall(table, column, labels[column].lower())


def history(
    con: duckdb.DuckDBPyConnection, measure_key: str, county_sum: bool, forbund: str | None = None
) -> go.Figure:
    """Every förbund across the years, or (``forbund``) the one and its line of history."""
    frame = budget.history(con)
    if forbund is not None:
        frame = frame[frame["forbund"].isin(budget.lineage(con, forbund))]
    if county_sum:
        frame = budget.county_sum(frame)
    return charts.history_chart(frame, measure_key, budget.HISTORY_MEASURES[measure_key])


def insats_history(con: duckdb.DuckDBPyConnection, forbund: str, post: str) -> go.Figure:
    return charts.insats_history_chart(budget.insats_history(con, forbund, post), post)


def staffing(con: duckdb.DuckDBPyConnection, ar: int) -> go.Figure:
    return charts.staffing_bars(capacity.fte_by_employer(capacity.staffing(con, ar)))


def survey(con: duckdb.DuckDBPyConnection, group: str) -> go.Figure:
    return charts.survey_chart(capacity.survey(con, group), group)


def county_map(con: duckdb.DuckDBPyConnection, key: str, ar: int, breakdown: tuple) -> go.Figure:
    measure = county.MEASURES[key]
    table = county.ranking(con, key, ar, breakdown)
    texts = [county.value_text(measure, v) for v in table["varde"]]
    return charts.county_map(table, county.geojson(), f"{measure.label} {ar}", texts, county.provenance())


def ranking_bars(con: duckdb.DuckDBPyConnection, key: str, ar: int, breakdown: tuple) -> go.Figure:
    measure = county.MEASURES[key]
    table = county.ranking(con, key, ar, breakdown)
    refs = county.references(con, key, ar, breakdown)
    texts = [county.value_text(measure, v) for v in table["varde"]]
    return charts.ranking_bars(table, refs, f"Rangordning {ar}", texts)


def country_composition(con: duckdb.DuckDBPyConnection) -> go.Figure:
    return charts.country_composition(county.country_composition(con))


def trend(con: duckdb.DuckDBPyConnection, kommunkod: str, label: str) -> go.Figure:
    return charts.trend_chart(county.trend(con, kommunkod), label)


def scenario(con: duckdb.DuckDBPyConnection, a: scenarios.Assumptions) -> go.Figure:
    return charts.scenario_chart(scenarios.run(con, a)["years"])
