"""Schema ``embedded``, built from ``data/*.csv`` in one transaction, every problem said in Swedish.

A reader never sees a half-built database, and a failed build rolls back to the previous one;
a build never touches schema ``user_data``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.store import db, overlays, sql, writes
from dashboard.store.db import DATA_DIR, REPO_ROOT

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

# The national reference data: what ``build --tom`` keeps (kommuner, population, published
# statistics) where every förbund's table starts empty. The documents kept are the ones
# these tables cite (``_reference_documents``).
REFERENCE_TABLES: frozenset[str] = frozenset(
    {
        "kommuner",
        "befolkning",
        "ekonomiskt_bistand",
        "helarsekvivalenter_riket",
        "helarsekvivalenter_riket_andel",
        "helarsekvivalenter_punkter",
        "kommunstatistik",
        "kommunstatistik_avvikelser",
    }
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
    "workbook_user_schema",
    "registrations_user_schema",
    "registrations_views",
)

_MAX_ERRORS = 25
_LOG = logging.getLogger(__name__)


class BuildError(Exception):
    """A build failed; ``problems`` lists each in Swedish, naming file, row and column."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class BuildInfo:
    """What the database was last built from (the inputs' hash) and when."""

    data_hash: str
    built_at: dt.datetime
    empty: bool = False  # built with ``--tom``: reference data, no förbund


def data_dir() -> Path:
    """The CSVs the database is built from: ``$FINSAM_DATA`` if set (the benchmark's
    synthetic data), else ``data/``."""
    return Path(os.environ.get("FINSAM_DATA") or DATA_DIR)


def csv_path(table: str, directory: Path | None = None) -> Path:
    """The CSV a table of schema ``embedded`` is built from."""
    return (directory or data_dir()) / f"{table}.csv"


def data_hash(directory: Path | None = None, empty: bool = False) -> str:
    """A hash of every input of the build: the CSVs and the schema, view and check SQL, and
    whether the build keeps the förbund's data (``empty``: ``build --tom``)."""
    digest = hashlib.sha256(b"tom" if empty else b"")
    for table in EMBEDDED_TABLES:
        digest.update(table.encode())
        path = csv_path(table, directory)
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    for name in _BUILD_INPUTS:
        digest.update(sql.load(name).encode())
    digest.update(Path(overlays.__file__).read_bytes())  # the views it makes are built too
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


def open_for_reading(directory: Path | None = None) -> tuple[duckdb.DuckDBPyConnection, str | None]:
    """The read-only commands' database (check, export, report, import --dry-run): opened
    read-only and checked, so they work in a read-only directory. A missing or outdated
    database is built first where it can be; where it cannot, the built one is read and the
    second value says so (else None)."""
    path = db.db_path()
    if path.exists():
        con = db.open_checked(path, read_only=True)
        info = build_info(con)
        if info is not None and info.data_hash == data_hash(directory, info.empty):
            return con, None
        con.close()
    try:
        writer = db.open_checked(path)
    except db.DatabaseUnwritable:
        if not path.exists():
            raise
        con = db.open_checked(path, read_only=True)
        if build_info(con) is None:
            raise
        return con, (
            f"Obs: filerna i {data_dir()} har ändrats sedan databasen byggdes, men databasen kan inte "
            "skrivas här; visar datan som den senast byggdes."
        )
    try:
        ensure_built(writer, directory)
    finally:
        writer.close()
    return db.open_checked(path, read_only=True), None


def build_info(con: duckdb.DuckDBPyConnection) -> BuildInfo | None:
    """What the database was last built from, or None if it has never been built."""
    try:
        cursor = con.execute("SELECT * FROM embedded.build_info")
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    except duckdb.CatalogException:
        return None
    if not rows:
        return None
    row = dict(zip(names, rows[0], strict=True))
    return BuildInfo(row["data_hash"], row["built_at"], bool(row.get("tom", False)))


def is_current(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> bool:
    """Whether the database was built from today's inputs, in the way it was built (with the
    documents' förbund, or ``--tom`` without)."""
    info = build_info(con)
    return info is not None and info.data_hash == data_hash(directory, info.empty)


def ensure_built(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> bool:
    """Build if the database is missing or older than its inputs, the way it was built
    before (``--tom`` stays without förbund). True if it built."""
    if is_current(con, directory):
        return False
    build(con, directory)
    return True


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise BuildError([f"{_display(path)}: filen saknas."]) from None
    except pd.errors.EmptyDataError:
        raise BuildError([f"{_display(path)}: filen är tom; den behöver åtminstone sin rubrikrad."]) from None
    except OSError as exc:
        raise BuildError([f"{_display(path)}: filen kan inte läsas ({db.explain(exc)})."]) from None
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


def _reference_documents(directory: Path) -> set[str]:
    """The documents the reference tables cite (SCB's kommun codes, the boundaries' source)."""
    cited = set()
    for table in REFERENCE_TABLES:
        frame = _read_csv(csv_path(table, directory))
        if "dokument" in frame:
            cited |= set(frame["dokument"])
    return cited


def _load_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    path: Path,
    keep: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> list[str]:
    """Check one CSV against its table's columns and types; insert it if it is clean.
    ``keep`` chooses the rows to load (``build --tom``); every row is checked all the same."""
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
        problems += _duplicates(con, table, name, expected)
    if not problems and keep is not None:
        con.register(f"raw_{table}", keep(frame))
    if not problems:
        casts = ", ".join(f"""CAST(NULLIF("{c}", '') AS {t})""" for c, t, _ in columns)
        con.execute(f"INSERT INTO embedded.{table} SELECT {casts} FROM raw_{table} ORDER BY _rad")
    return problems


def _duplicates(con: duckdb.DuckDBPyConnection, table: str, name: str, columns: list[str]) -> list[str]:
    """Rows that repeat a key of the table (its primary key) or another row whole: a figure
    must not count twice, and DuckDB's own refusal names neither file nor row."""
    problems = []
    keys = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() WHERE schema_name = 'embedded' "
        "AND table_name = ? AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')",
        [table],
    ).fetchall()
    for (key,) in keys:
        listed = ", ".join(f'"{c}"' for c in key)
        for value, rows in con.execute(
            f"SELECT concat_ws(', ', {listed}), list(_rad ORDER BY _rad) FROM raw_{table} "
            f"GROUP BY ALL HAVING count(*) > 1 ORDER BY min(_rad) LIMIT {_MAX_ERRORS}"
        ).fetchall():
            problems += [
                f"{name}, rad {rad}, kolumn {', '.join(key)}: ”{value}” finns redan på rad {rows[0]}; "
                "varje värde får bara förekomma en gång."
                for rad in rows[1:]
            ]
    if problems:
        return problems
    listed = ", ".join(f'"{c}"' for c in columns)
    for (rows,) in con.execute(
        f"SELECT list(_rad ORDER BY _rad) FROM raw_{table} GROUP BY {listed} "
        f"HAVING count(*) > 1 ORDER BY min(_rad) LIMIT {_MAX_ERRORS}"
    ).fetchall():
        problems += [
            f"{name}, rad {rad}: raden är lika med rad {rows[0]} i varje kolumn; "
            "en siffra får inte räknas två gånger."
            for rad in rows[1:]
        ]
    return problems


def _keep(table: str, directory: Path, empty: bool) -> Callable[[pd.DataFrame], pd.DataFrame] | None:
    """The rows of a table a build keeps: all, or with ``empty`` (``build --tom``) the
    reference tables', the documents they cite, and none of any förbund's."""
    if not empty or table in REFERENCE_TABLES:
        return None
    if table == "dokument":
        cited = _reference_documents(directory)
        return lambda frame: frame[frame["dokument"].isin(cited)]
    return lambda frame: frame.iloc[0:0]


def build(
    con: duckdb.DuckDBPyConnection, directory: Path | None = None, empty: bool | None = None
) -> BuildInfo:
    """Rebuild schema ``embedded`` from the CSVs in one transaction, or raise BuildError;
    then back it up and publish it (``committed``). ``empty`` (``build --tom``): only the
    national reference data, no förbund; None builds as the database was built before.

    On failure nothing changes: the previous embedded data stays readable as it was.
    """
    directory = directory or data_dir()
    if empty is None:
        info = build_info(con)
        empty = info.empty if info else False
    inputs_hash = data_hash(directory, empty)
    problems: list[str] = []
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DROP SCHEMA IF EXISTS embedded CASCADE")
        sql.script(con, "schema")
        for table in EMBEDDED_TABLES:
            problems += _load_table(con, table, csv_path(table, directory), _keep(table, directory, empty))
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
        sql.script(con, "workbook_user_schema")
        sql.script(con, "registrations_user_schema")
        sql.script(con, "registration_refresh")  # which registrations count (a database from before)
        overlays.create_tables(con)
        sql.script(con, "views")
        sql.script(con, "goals_views")
        sql.script(con, "registrations_views")
        overlays.create_views(con)  # in place of the plain views of the tables a workbook brings
        built_at = dt.datetime.now().replace(microsecond=0)
        con.execute(
            "CREATE TABLE embedded.build_info AS "
            "SELECT ?::VARCHAR AS data_hash, ?::TIMESTAMP AS built_at, ?::BOOLEAN AS tom",
            [inputs_hash, built_at, empty],
        )
        con.execute("COMMIT")
    except duckdb.Error as exc:  # a full disk, a damaged file: said in Swedish, logged in full
        writes.rollback(con)
        _LOG.exception("The build failed")
        if db.is_damage(exc):
            writes.note_damage(con, str(exc))
        raise BuildError([f"Databasen kunde inte skrivas ({db.explain(exc)})."]) from exc
    except BaseException:
        writes.rollback(con)
        raise
    finally:
        for table in EMBEDDED_TABLES:
            con.unregister(f"raw_{table}")
    writes.committed(con)
    return BuildInfo(inputs_hash, built_at, empty)
