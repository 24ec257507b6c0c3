"""The database: where it lives, how it is built from ``data/*.csv``, and how to connect.

The embedded data lives in schema ``embedded``, built from the CSVs inside one transaction:
a reader never sees a half-built database, and a failed build rolls back to the previous
one. User data (imports, scenarios) lives in schema ``user_data``, which a build never
touches. Queries read the views in schema ``main`` (``queries/views.sql``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import replicas, sql

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"

# Build order: a table is loaded after the tables it refers to.
EMBEDDED_TABLES: tuple[str, ...] = (
    "dokument",
    "forbund",
    "kommuner",
    "members",
    "budget_lines",
    "balance_items",
    "printed_totals",
    "printed_deviations",
    "contributions",
    "insatser",
    "insats_posts",
    "staffing",
    "capacity",
    "participants",
    "helarsekvivalenter_dokument",
    "helarsekvivalenter_rangordning",
    "calendar",
    "indikatorer",
    "targets",
    "befolkning",
    "ekonomiskt_bistand",
    "helarsekvivalenter_riket",
    "helarsekvivalenter_riket_andel",
    "helarsekvivalenter_punkter",
    "kommunstatistik",
    "kommunstatistik_avvikelser",
    # Goals, key figures and the board (issue 17).
    "goals",
    "nyckeltal",
    "balanskrav",
    "kassaflode",
    "styrelse",
)

# Beyond the CSVs, these files shape the built database: a change to them rebuilds it too.
_BUILD_INPUTS = (
    "schema",
    "views",
    "validate",
    "user_schema",
    "goals_views",
    "goals_validate",
    "goals_user_schema",
)

_MAX_ERRORS = 25
_LOG = logging.getLogger(__name__)


class BuildError(Exception):
    """A build failed; ``problems`` lists each in Swedish, naming file, row and column."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class DatabaseLocked(Exception):
    """Another process (normally the running app) holds the database file."""


@dataclass(frozen=True)
class BuildInfo:
    data_hash: str
    built_at: dt.datetime


def db_path() -> Path:
    """The database file: ``$FINSAM_DB`` if set, else ``data/finsam.duckdb``."""
    return Path(os.environ.get("FINSAM_DB") or DATA_DIR / "finsam.duckdb")


def data_dir() -> Path:
    """The CSVs the database is built from: ``$FINSAM_DATA`` if set (the benchmark's
    synthetic data), else ``data/``."""
    return Path(os.environ.get("FINSAM_DATA") or DATA_DIR)


def csv_path(table: str, directory: Path | None = None) -> Path:
    return (directory or data_dir()) / f"{table}.csv"


def data_hash(directory: Path | None = None) -> str:
    """A hash of every input of the build: the CSVs and the schema, view and check SQL."""
    digest = hashlib.sha256()
    for table in EMBEDDED_TABLES:
        digest.update(table.encode())
        path = csv_path(table, directory)
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    for name in _BUILD_INPUTS:
        digest.update(sql.load(name).encode())
    return digest.hexdigest()


def inputs_fingerprint(directory: Path | None = None) -> tuple:
    """A cheap stand-in for ``data_hash``: size and modification time of each CSV.

    When it changes, the content hash decides whether a rebuild is needed.
    """
    stats = []
    for table in EMBEDDED_TABLES:
        path = csv_path(table, directory)
        stat = path.stat() if path.exists() else None
        stats.append((table, stat.st_size, stat.st_mtime_ns) if stat else (table, None, None))
    return tuple(stats)


def connect(path: Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database file, translating DuckDB's lock error into a clear Swedish one."""
    path = path or db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        pid = re.search(r"PID (\d+)", str(exc))
        holder = f" (process {pid.group(1)})" if pid else ""
        raise DatabaseLocked(
            f"Databasen {path} används av en annan process{holder}, troligen den körande "
            "dashboarden. DuckDB låter bara en process åt gången öppna filen. Gör ändringen "
            "i appen (importer på sidan Data), eller stoppa appen och försök igen."
        ) from exc
    # A query must never read a Python variable that happens to share a table's name.
    con.execute("SET python_enable_replacements = false")
    return con


def build_info(con: duckdb.DuckDBPyConnection) -> BuildInfo | None:
    """What the database was last built from, or None if it has never been built."""
    try:
        rows = con.execute("SELECT data_hash, built_at FROM embedded.build_info").fetchall()
        row = rows[0] if rows else None
    except duckdb.CatalogException:
        return None
    return BuildInfo(row[0], row[1]) if row else None


def data_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The version of the data ``con`` sees (in its transaction): embedded hash and the count
    of writes to user_data. None before the first build."""
    try:
        rows = con.execute(sql.load("data_version")).fetchall()
    except duckdb.CatalogException:
        return None
    return rows[0][0] if rows else None


def bump_version(con: duckdb.DuckDBPyConnection) -> None:
    """Call inside every transaction that writes to user_data."""
    con.execute(sql.load("bump_version"))


# Every write of this process (imports, undo, scenarios, SCB, rebuilds) takes this lock, so
# writes never meet on the shared connection; a second waits, then is told to retry.
WRITE_LOCK = threading.RLock()  # re-entrant: a write may hold it across its preview and its write
WRITE_WAIT_S = 30.0


class WriteBusy(Exception):
    """Another write of this process did not finish in time; nothing was changed."""


class ReadOnlyProcess(WriteBusy):
    """This process is a reader (``FINSAM_ROLE=reader``): writes go to the writer process.
    Refused like a busy write, before anything is changed."""


@contextmanager
def write_lock() -> Iterator[None]:
    if not WRITE_LOCK.acquire(timeout=WRITE_WAIT_S):
        raise WriteBusy("En annan ändring sparas just nu. Försök igen om en stund; inget har ändrats.")
    try:
        yield
    finally:
        WRITE_LOCK.release()


@contextmanager
def user_write(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction that writes to user_data and raises the data version with it; then,
    under the same lock, the readers' copy is published (``publish``)."""
    if replicas.is_reader():
        raise ReadOnlyProcess(
            "Den här instansen visar bara data. Importer och scenarier sparas i redigeringsinstansen."
        )
    with write_lock():
        con.execute("BEGIN TRANSACTION")
        try:
            yield
            bump_version(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        publish(con)


_unpublished: list[str] = []  # why the last publish failed; empty when the readers are current


def publish(con: duckdb.DuckDBPyConnection) -> Path | None:
    """With ``FINSAM_REPLICAS`` set, publish a copy of the database for the reader processes
    (``dashboard.replicas``) and return it. Call holding the write lock, after a build or a
    write.

    The write itself has committed, so a failure here must not undo it or look like its
    failure: it is logged and kept in ``unpublished()``, and the writer tries again at its
    next page run (``retry_publish``). Until then the readers show the previous copy.
    """
    target = replicas.directory()
    if target is None or replicas.is_reader():
        return None
    try:
        copy = replicas.publish(con, target)
    except Exception as exc:
        _LOG.exception("Could not publish a copy for the readers in %s", target)
        _unpublished[:] = [f"{type(exc).__name__}: {exc}"]
        return None
    _unpublished.clear()
    return copy


def unpublished() -> str | None:
    """Why the readers do not have the latest write yet, or None if they do."""
    return _unpublished[0] if _unpublished else None


def retry_publish(con: duckdb.DuckDBPyConnection) -> None:
    """Publish again if the last publish failed (the writer calls this at every page run)."""
    if _unpublished:
        with write_lock():
            if _unpublished:
                publish(con)


def ensure_built(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> bool:
    """Build if the database is missing or older than its inputs. True if it built."""
    info = build_info(con)
    if info is not None and info.data_hash == data_hash(directory):
        return False
    build(con, directory)
    return True


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise BuildError([f"{_display(path)}: filen saknas."]) from None
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise BuildError([f"{_display(path)}: filen kan inte läsas som CSV i UTF-8 ({exc})."]) from None
    frame = frame.apply(lambda column: column.str.strip())
    # Row numbers as a person counts them in the file: the header is row 1.
    frame.insert(0, "_rad", range(2, len(frame) + 2))
    return frame


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


_TYPE_WORDS = {
    "INTEGER": "ett heltal",
    "BIGINT": "ett heltal (hela kronor)",
    "DATE": "ett datum (ÅÅÅÅ-MM-DD)",
    "DOUBLE": "ett tal (decimalpunkt)",
}


def _type_word(data_type: str) -> str:
    if data_type.startswith("ENUM"):
        return "ett av " + data_type.removeprefix("ENUM(").removesuffix(")")
    if data_type.startswith("DECIMAL"):
        return "ett decimaltal (decimalpunkt)"
    return _TYPE_WORDS.get(data_type, data_type)


def _load_table(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> list[str]:
    """Check one CSV against its table's columns and types; insert it if it is clean."""
    frame = _read_csv(path)
    name = _display(path)
    columns = con.execute(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'embedded' AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    expected = [c[0] for c in columns]
    present = [c for c in frame.columns if c != "_rad"]
    problems = [f"{name}: kolumnen {c} saknas." for c in expected if c not in present]
    problems += [f"{name}: okänd kolumn {c}." for c in present if c not in expected]
    if problems:
        return problems
    con.register(f"raw_{table}", frame)
    for column, data_type, nullable in columns:
        bad = con.execute(
            f'SELECT _rad, "{column}" FROM raw_{table} '
            f"""WHERE ("{column}" = '' AND ?) OR ("{column}" <> ''"""
            f' AND TRY_CAST("{column}" AS {data_type}) IS NULL) ORDER BY _rad LIMIT {_MAX_ERRORS}',
            [nullable == "NO"],
        ).fetchall()
        for rad, value in bad:
            problems.append(
                f"{name}, rad {rad}, kolumn {column}: värde saknas."
                if value == ""
                else f"{name}, rad {rad}, kolumn {column}: ”{value}” är inte {_type_word(data_type)}."
            )
    if not problems:
        casts = ", ".join(f"""CAST(NULLIF("{c}", '') AS {t})""" for c, t, _ in columns)
        con.execute(f"INSERT INTO embedded.{table} SELECT {casts} FROM raw_{table} ORDER BY _rad")
    return problems


def build(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> BuildInfo:
    """Rebuild schema ``embedded`` from the CSVs in one transaction, or raise BuildError.

    On failure nothing changes: the previous embedded data stays readable as it was.
    """
    directory = directory or data_dir()
    inputs_hash = data_hash(directory)
    problems: list[str] = []
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DROP SCHEMA IF EXISTS embedded CASCADE")
        sql.script(con, "schema")
        for table in EMBEDDED_TABLES:
            problems += _load_table(con, table, csv_path(table, directory))
        if not problems:
            problems += [
                f"{_display(csv_path(fil, directory))}, rad {rad}, kolumn {kolumn}: {meddelande}"
                for check in ("validate", "goals_validate")
                for fil, rad, kolumn, meddelande in con.execute(sql.load(check)).fetchall()
            ]
        if problems:
            raise BuildError(problems[:_MAX_ERRORS])
        sql.script(con, "user_schema")  # before the views, which read user_data
        sql.script(con, "goals_user_schema")
        sql.script(con, "views")
        sql.script(con, "goals_views")
        built_at = dt.datetime.now().replace(microsecond=0)
        con.execute(
            "CREATE TABLE embedded.build_info AS SELECT ?::VARCHAR AS data_hash, ?::TIMESTAMP AS built_at",
            [inputs_hash, built_at],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for table in EMBEDDED_TABLES:
            con.unregister(f"raw_{table}")
    return BuildInfo(inputs_hash, built_at)
