"""Loads the named SQL files in ``queries/`` and runs them: the one way SQL is run."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"


@cache
def load(name: str) -> str:
    """The text of ``queries/<name>.sql``."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run the named query with ``$name`` parameters and return the result as a frame."""
    return con.execute(load(name), params or None).df()


def script(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Run a file of several statements (schema, views)."""
    con.execute(load(name))
