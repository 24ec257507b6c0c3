"""Loads the named SQL files in ``queries/`` and runs them: the one way SQL is run.

The files sit in a folder per area (``queries/budget/``, ``queries/county/``, …); a query is
asked for by its file's name alone, which is unique across the folders."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"


@cache
def paths() -> dict[str, Path]:
    """Every named query's file by its name; two files of one name in different folders are
    an error, since a name must say which query runs."""
    found: dict[str, Path] = {}
    for path in sorted(QUERIES_DIR.rglob("*.sql")):
        if path.stem in found:
            raise RuntimeError(f"two queries named {path.stem}: {found[path.stem]} and {path}")
        found[path.stem] = path
    return found


@cache
def load(name: str) -> str:
    """The text of the query ``queries/<area>/<name>.sql``."""
    return paths()[name].read_text(encoding="utf-8")


def query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run the named query with ``$name`` parameters and return the result as a frame."""
    return con.execute(load(name), params or None).df()


def script(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Run a file of several statements (schema, views)."""
    con.execute(load(name))
