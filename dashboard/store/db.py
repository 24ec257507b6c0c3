"""The database: where it lives, how it is built from ``data/*.csv``, and how to connect.

The embedded data lives in schema ``embedded``, built from the CSVs inside one transaction:
a reader never sees a half-built database, and a failed build rolls back to the previous
one. User data (imports, scenarios) lives in schema ``user_data``, which a build never
touches. Queries read the views in schema ``main`` (``queries/views.sql``).
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.exchange import fmt
from dashboard.store import backups, replicas, sql

REPO_ROOT = Path(__file__).resolve().parents[2]
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


class DatabaseProblem(Exception):
    """The database file cannot be used as it is; the message says why and what to do."""


class DatabaseLocked(DatabaseProblem):
    """Another process (normally the running app) holds the database file."""


class DatabaseUnwritable(DatabaseProblem):
    """The database file or its directory cannot be written (read-only, no permission, full)."""


class DatabaseDamaged(DatabaseProblem):
    """The database file does not open or does not read whole (a checksum, a 0-byte file).

    ``backup`` is the newest backup that reads whole (or None); ``str()`` is the command
    line's message (paths and the command), ``for_viewers()`` the app's (no paths).
    """

    def __init__(self, path: Path, detail: str):
        self.path = path
        self.detail = detail
        self.backup = backups.newest_good(path)
        super().__init__(self._message(with_paths=True))

    def _message(self, with_paths: bool) -> str:
        where = f"Databasfilen {self.path}" if with_paths else "Databasen"
        text = f"{where} är skadad och kan inte läsas ({explain_text(self.detail)})."
        if self.backup is None:
            return text + (
                " Det finns ingen hel säkerhetskopia"
                + (f" i {backups.directory(self.path)}" if with_paths else "")
                + ". Flytta undan filen och bygg en ny databas med python -m dashboard build; "
                "importer och sparade scenarier finns då inte kvar."
            )
        when = made_text(self.backup.made)
        named = f" ({self.backup.path})" if with_paths else ""
        return text + (
            f" Den senaste hela säkerhetskopian är från {when}{named}. Återställ den med kommandot "
            + ("python -m dashboard restore." if with_paths else "`python -m dashboard restore` på servern; ")
            + ("" if with_paths else "sidan läser databasen igen vid nästa visning.")
        )

    def for_viewers(self) -> str:
        return self._message(with_paths=False)


def made_text(moment: dt.datetime) -> str:
    """When a backup was made, the Swedish way: ``1 december 2026 kl. 11.48``."""
    return f"{fmt.date(moment.date())} kl. {moment:%H.%M}"


def explain_text(text: str) -> str:
    """A Swedish phrase for an error of the file system or of DuckDB's storage."""
    lowered = text.lower()
    for needle, phrase in _EXPLAINED:
        if needle in lowered:
            return phrase
    return "ett oväntat fel i DuckDB; detaljerna finns i loggen"


_EXPLAINED = (
    ("no space left", "disken är full"),
    ("disk quota", "diskkvoten är slut"),
    ("read-only file system", "filsystemet är skrivskyddat"),
    ("permission denied", "behörighet saknas"),
    ("checksum", "en kontrollsumma stämmer inte: filen har skadats"),
    ("corrupt", "filen har skadats"),
    ("not a valid duckdb database", "filen är ingen hel DuckDB-databas"),
    ("0 byte", "filen är tom, 0 byte"),
    ("read-only mode", "databasen är öppnad skrivskyddad"),
    ("input/output error", "disken kan inte läsas (in- och utmatningsfel)"),
)


def explain(exc: BaseException) -> str:
    """``explain_text`` for an exception, using its errno where it has one."""
    number = getattr(exc, "errno", None)
    by_number = {
        errno.ENOSPC: "disken är full",
        errno.EDQUOT: "diskkvoten är slut",
        errno.EROFS: "filsystemet är skrivskyddat",
        errno.EACCES: "behörighet saknas",
        errno.EPERM: "behörighet saknas",
        errno.ENOENT: "filen eller katalogen finns inte",
        errno.EIO: "disken kan inte läsas (in- och utmatningsfel)",
        errno.ENOTDIR: "en del av sökvägen är en fil, inte en katalog",
        errno.EISDIR: "sökvägen är en katalog, inte en fil",
    }
    if number in by_number:
        return by_number[number]
    if isinstance(exc, OSError) and not isinstance(exc, duckdb.Error):
        return f"ett fel i filsystemet (felkod {number})"
    return explain_text(str(exc))


def _unwritable(text: str) -> bool:
    lowered = text.lower()
    return any(n in lowered for n in ("permission denied", "read-only file system", "no space left", "quota"))


def is_damage(exc: BaseException) -> bool:
    """True for DuckDB's word that a database file is damaged (a checksum, not a database)."""
    lowered = str(exc).lower()
    return any(n in lowered for n in ("checksum", "corrupt", "not a valid duckdb database"))


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
    """Open the database file; DuckDB's errors become Swedish ones (``DatabaseProblem``):
    held by another process, not writable, damaged."""
    path = path or db_path()
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size == 0:  # DuckDB would start a new, empty database
            raise DatabaseDamaged(path, "filen är tom, 0 byte")
        con = duckdb.connect(str(path), read_only=read_only)
    except OSError as exc:
        raise DatabaseUnwritable(_unwritable_message(path, explain(exc))) from exc
    except duckdb.Error as exc:
        text = str(exc)
        if "lock" in text.lower():
            pid = re.search(r"PID (\d+)", text)
            holder = f" (process {pid.group(1)})" if pid else ""
            raise DatabaseLocked(
                f"Databasen {path} används av en annan process{holder}, troligen den körande "
                "dashboarden. DuckDB låter bara en process åt gången öppna filen. Gör ändringen "
                "i appen (importer på sidan Data), eller stoppa appen och försök igen."
            ) from exc
        if _unwritable(text):
            raise DatabaseUnwritable(_unwritable_message(path, explain_text(text))) from exc
        if read_only and not path.exists():
            raise DatabaseUnwritable(f"Databasen {path} finns inte.") from exc
        _LOG.error("The database %s does not open: %s", path, text)
        raise DatabaseDamaged(path, text) from exc
    # A query must never read a Python variable that happens to share a table's name.
    con.execute("SET python_enable_replacements = false")
    return con


def ensure_not_held(path: Path) -> None:
    """Raise DatabaseLocked if another process has ``path`` open (DuckDB holds an fcntl lock
    on its file while open), without opening it as a database: it may be damaged."""
    try:
        import fcntl
    except ImportError:  # not POSIX: DuckDB's own open will tell
        return
    try:
        fh = path.open("rb+")
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DatabaseUnwritable(_unwritable_message(path, explain(exc))) from exc
    with fh:
        try:
            fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise DatabaseLocked(
                f"Databasen {path} används av en annan process, troligen den körande dashboarden. "
                "Stoppa den och försök igen."
            ) from exc
        fcntl.lockf(fh, fcntl.LOCK_UN)


def _unwritable_message(path: Path, why: str) -> str:
    return (
        f"Databasen {path} kan inte öppnas för att skriva ({why}). Kontrollera att katalogen "
        f"{path.parent} finns, är skrivbar och har plats."
    )


def open_checked(path: Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """``connect``, then the integrity check (``backups.problem``: the catalog and every
    table read whole); a damaged file raises ``DatabaseDamaged`` naming the newest good
    backup. For the app's process and every command, once when they open the file."""
    path = path or db_path()
    con = connect(path, read_only=read_only)
    if (why := backups.problem(con)) is not None:
        con.close()
        _LOG.error("The database %s does not read whole: %s", path, why)
        raise DatabaseDamaged(path, why)
    return con


def open_for_reading(directory: Path | None = None) -> tuple[duckdb.DuckDBPyConnection, str | None]:
    """The read-only commands' database (check, export, report, import --dry-run): opened
    read-only and checked, so they work in a read-only directory. A missing or outdated
    database is built first where it can be; where it cannot, the built one is read and the
    second value says so (else None)."""
    path = db_path()
    if path.exists():
        con = open_checked(path, read_only=True)
        info = build_info(con)
        if info is not None and info.data_hash == data_hash(directory):
            return con, None
        con.close()
    try:
        writer = open_checked(path)
    except DatabaseUnwritable:
        if not path.exists():
            raise
        con = open_checked(path, read_only=True)
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
    return open_checked(path, read_only=True), None


def database_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file ``con``'s database lives in, or None for an in-memory database."""
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    return Path(rows[0][0]) if rows and rows[0][0] else None


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


class WriteFailed(WriteBusy):
    """The write could not be saved (a full disk, a damaged file); nothing was changed.
    Caught wherever WriteBusy is, and said in Swedish."""


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
    under the same lock, the write is backed up and the readers' copy published
    (``committed``). DuckDB's errors (a full disk, a damaged file) become ``WriteFailed``."""
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
        except duckdb.Error as exc:
            _rollback(con)
            _LOG.exception("A write to user_data failed")
            if is_damage(exc):
                _note_damage(con, str(exc))
            raise WriteFailed(
                f"Ändringen kunde inte sparas ({explain(exc)}); inget har ändrats."
                + (" Frigör plats på disken och försök igen." if "disken" in explain(exc) else "")
            ) from exc
        except BaseException:
            _rollback(con)
            raise
        committed(con)


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open (a failed COMMIT has ended it already)."""
    with suppress(duckdb.Error):
        con.execute("ROLLBACK")


# What happened after the last write: why its backup or its readers' copy failed (empty
# when they succeeded), the damage a backup found, the last backup made.
_unpublished: list[str] = []
_unbacked: list[str] = []
_damaged: list[DatabaseDamaged] = []
_last_backup: list[backups.Generation] = []


def committed(con: duckdb.DuckDBPyConnection) -> None:
    """After every write has committed (a build, an import, an undo, a scenario, SCB),
    holding the write lock: make a backup generation (``backups.make``), then publish the
    readers' copy (``publish``). The one place every writer passes.

    The write itself stands whatever happens here: a failure is logged and kept
    (``backup_failure``, ``unpublished``); a backup that finds the file damaged (it reads
    every block) is kept as ``damage`` so that the app and the command say so.
    """
    path = database_file(con)
    if path is not None and backups.keep() > 0:
        try:
            generation = backups.make(con, path)
        except Exception as exc:
            _LOG.exception("Could not back up %s", path)
            _unbacked[:] = [explain(exc)]
            if is_damage(exc):
                _note_damage(con, str(exc))
        else:
            _unbacked.clear()
            _last_backup[:] = [generation]
    publish(con)


def _note_damage(con: duckdb.DuckDBPyConnection, detail: str) -> None:
    path = database_file(con)
    if path is not None:
        _damaged[:] = [DatabaseDamaged(path, detail)]


def damage() -> DatabaseDamaged | None:
    """The damage a write of this process found in its database file, if any."""
    return _damaged[0] if _damaged else None


def forget_damage() -> None:
    """After the file has been restored and opened again: the damage found is history."""
    _damaged.clear()


def backup_failure() -> str | None:
    """Why the last write's backup failed, in Swedish, or None if it was made."""
    return _unbacked[0] if _unbacked else None


def last_backup() -> backups.Generation | None:
    """The backup the last write of this process made, if any."""
    return _last_backup[0] if _last_backup else None


def ensure_backup(con: duckdb.DuckDBPyConnection) -> bool:
    """Make a backup (and publish) if the newest one is not of the data ``con`` sees: a
    database from before backups, or a write whose process was killed before its backup.
    Called when the app or a writing command opens the file, holding the write lock. True if
    it made one."""
    path = database_file(con)
    if path is None or backups.keep() == 0:
        return False
    found = backups.generations(path)
    if found and _version_of(found[0].path) == data_version(con):
        return False
    committed(con)
    return True


def _version_of(path: Path) -> str | None:
    """The data version of a backup, or None if it does not open."""
    try:
        copy = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        return data_version(copy)
    finally:
        copy.close()


def publish(con: duckdb.DuckDBPyConnection) -> Path | None:
    """With ``FINSAM_REPLICAS`` set, publish a copy of the database for the reader processes
    (``dashboard.replicas``) and return it. ``committed`` calls it after every build and write,
    holding the write lock.

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
        _unpublished[:] = [explain(exc)]
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
    except pd.errors.EmptyDataError:
        raise BuildError([f"{_display(path)}: filen är tom; den behöver åtminstone sin rubrikrad."]) from None
    except OSError as exc:
        raise BuildError([f"{_display(path)}: filen kan inte läsas ({explain(exc)})."]) from None
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
        problems += _duplicates(con, table, name, expected)
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


def build(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> BuildInfo:
    """Rebuild schema ``embedded`` from the CSVs in one transaction, or raise BuildError;
    then back it up and publish it (``committed``).

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
    except duckdb.Error as exc:  # a full disk, a damaged file: said in Swedish, logged in full
        _rollback(con)
        _LOG.exception("The build failed")
        if is_damage(exc):
            _note_damage(con, str(exc))
        raise BuildError([f"Databasen kunde inte skrivas ({explain(exc)})."]) from exc
    except BaseException:
        _rollback(con)
        raise
    finally:
        for table in EMBEDDED_TABLES:
            con.unregister(f"raw_{table}")
    committed(con)
    return BuildInfo(inputs_hash, built_at)
