"""Every test runs against a scratch database built from data/, never data/finsam.duckdb."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

# Set before anything opens the database: the app, the command line and the tests all
# honour FINSAM_DB.
os.environ["FINSAM_DB"] = str(Path(tempfile.mkdtemp(prefix="finsam-test-")) / "test.duckdb")
# A backup after every write costs about 0,1 s; the tests about backups set their own.
os.environ.setdefault("FINSAM_BACKUP_KEEP", "0")

from dashboard.store import db, embedded


@pytest.fixture(scope="session")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the scratch database, built from data/."""
    connection = db.connect()
    embedded.ensure_built(connection)
    yield connection
    connection.close()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/'s CSVs that a test may break."""
    target = tmp_path / "data"
    target.mkdir()
    for csv in db.DATA_DIR.glob("*.csv"):
        shutil.copy(csv, target / csv.name)
    return target


@pytest.fixture
def scratch_con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a database file of the test's own."""
    connection = db.connect(tmp_path / "scratch.duckdb")
    yield connection
    connection.close()


@pytest.fixture
def built(scratch_con, data_copy):
    """A database of the test's own, built from a copy of data/ that the test may change."""
    embedded.build(scratch_con, data_copy)
    return scratch_con
