"""Streamlit glue: the process's one connection, per-run cursors, caching keyed on the data.

Pages get finished data through ``load(fn, *args)``, which runs a ``dashboard`` function
on a fresh cursor and caches the result until the data changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import duckdb
import streamlit as st

from dashboard import db, overview

T = TypeVar("T")


class _Database:
    """The process-wide connection, rebuilt from data/ when a CSV changes."""

    def __init__(self) -> None:
        self.con = db.connect()
        self.lock = threading.Lock()
        self.fingerprint: tuple | None = None
        self.version: str | None = None
        self.build_problems: list[str] = []

    def refresh(self) -> None:
        fingerprint = db.inputs_fingerprint()
        if fingerprint == self.fingerprint:
            return
        with self.lock:
            if fingerprint == self.fingerprint:
                return
            try:
                db.ensure_built(self.con)
                self.build_problems = []
            except db.BuildError as exc:
                self.build_problems = exc.problems
            info = db.build_info(self.con)
            self.version = info.data_hash if info else None
            self.fingerprint = fingerprint


@st.cache_resource(show_spinner="Öppnar databasen …")
def _database() -> _Database:
    return _Database()


def database() -> _Database:
    """The process's database, brought up to date with data/ (cheap when nothing changed)."""
    database = _database()
    database.refresh()
    return database


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of its own for this run: DuckDB connections are not shared across threads."""
    return database().con.cursor()


@st.cache_data(show_spinner=False, max_entries=500)
def _cached(name: str, version: str, args: tuple, kwargs: dict) -> Any:
    fn = _REGISTRY[name]
    cur = cursor()
    try:
        return fn(cur, *args, **kwargs)
    finally:
        cur.close()


_REGISTRY: dict[str, Callable[..., Any]] = {}


def load(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(cursor, *args)`` for a ``dashboard`` function, cached until the data changes."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    _REGISTRY[name] = fn
    return _cached(name, database().version or "", args, kwargs)


def show_build_problems() -> bool:
    """Show why the last build failed, if it did. True if there is no data at all."""
    database_ = database()
    if database_.build_problems:
        st.error(
            "Datan i data/ kunde inte läsas in, så dashboarden visar den senast fungerande "
            "versionen. Rätta följande och ladda om sidan:\n\n"
            + "\n".join(f"- {p}" for p in database_.build_problems)
        )
    return database_.version is None


def table_height(rows: int) -> int:
    """Pixel height that shows every row of a table (no inner scrolling on a wall screen)."""
    # At the theme's 18 px base font a row is 39 px high, the header 40 px.
    return 42 + 39 * max(rows, 1)


def forbund_and_year() -> tuple[str, int]:
    """The förbund and year pickers every page starts with: the current förbund and its
    latest year by default, former förbund labelled with when they ended."""
    years_by_forbund = load(overview.forbund_years)
    left, right = st.columns([3, 1])
    forbund = left.selectbox(
        "Förbund", list(years_by_forbund), format_func=lambda f: load(overview.forbund_label, f)
    )
    years = years_by_forbund[forbund]
    ar = right.selectbox("År", years, index=len(years) - 1)
    return forbund, ar


def data_changed() -> None:
    """After a write to user_data: drop cached results so every page shows the new data."""
    _cached.clear()
