"""The database file: where it lives, how to connect and open it checked, and its problems in Swedish.

The embedded data lives in schema ``embedded``, built from the CSVs (``store.embedded``). User
data (imports, scenarios) lives in schema ``user_data``, which a build never touches; every
write to it goes through ``store.writes``. Queries read the views in schema ``main``
(``queries/views.sql``).
"""

from __future__ import annotations

import errno
import logging
import os
import re
from pathlib import Path

import duckdb

from dashboard.store import backups, sql

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"

_LOG = logging.getLogger(__name__)


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
        when = backups.made_text(self.backup.made)
        named = f" ({self.backup.path})" if with_paths else ""
        return text + (
            f" Den senaste hela säkerhetskopian är från {when}{named}. Återställ den med kommandot "
            + ("python -m dashboard restore." if with_paths else "`python -m dashboard restore` på servern; ")
            + ("" if with_paths else "sidan läser databasen igen vid nästa visning.")
        )

    def for_viewers(self) -> str:
        return self._message(with_paths=False)


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


def db_path() -> Path:
    """The database file: ``$FINSAM_DB`` if set, else ``data/finsam.duckdb``."""
    return Path(os.environ.get("FINSAM_DB") or DATA_DIR / "finsam.duckdb")


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


def database_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file ``con``'s database lives in, or None for an in-memory database."""
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    return Path(rows[0][0]) if rows and rows[0][0] else None


def data_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The version of the data ``con`` sees (in its transaction): embedded hash and the count
    of writes to user_data. None before the first build."""
    try:
        rows = con.execute(sql.load("data_version")).fetchall()
    except duckdb.CatalogException:
        return None
    return rows[0][0] if rows else None
