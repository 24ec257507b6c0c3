"""Backups: a whole, checked copy of the database after every write, a few generations kept.

Every write (a build, an import, an undo, a scenario, an SCB import) ends in ``writes.committed``,
which calls ``make``: DuckDB's ``COPY FROM DATABASE`` inside one transaction, the same
consistent snapshot the readers' copies are made from (``replicas.copy_database``). It was
chosen over the alternatives because it

- is consistent while the app's sessions hold read snapshots open (a checkpoint and a file
  copy would need every other transaction to end first, and would copy free and damaged
  blocks as they are);
- reads every block of every table, so a damaged database file fails its backup (DuckDB
  checks each block's checksum) instead of overwriting a good generation with a bad one;
- gives a database file that opens at once (``EXPORT DATABASE`` gives CSV or Parquet files
  that must be imported again, ENUM types and all, before anything can be read).

The copies live beside the database in ``backup/`` (or where ``$FINSAM_BACKUP`` says), named
``<database>-<number>-<YYYYMMDD-HHMMSS>.duckdb``; the newest five are kept (``keep``). ``restore``
brings one back, keeping the file it replaces.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
from babel.dates import format_date

from dashboard.store import replicas

KEEP = 5  # generations kept, unless $FINSAM_BACKUP_KEEP says otherwise (0: no backups)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<number>\d{6,})-(?P<made>\d{8}-\d{6})\.duckdb$")


@dataclass(frozen=True)
class Generation:
    """One backup: its file, its number (in the order made) and when it was made."""

    path: Path
    number: int
    made: dt.datetime
    size: int


def made_text(moment: dt.datetime) -> str:
    """When a backup was made, the Swedish way: ``1 december 2026 kl. 11.48`` (the store's own
    messages write it, so it is written here and not by ``exchange.fmt``, a layer above)."""
    return f"{format_date(moment.date(), format='d MMMM y', locale='sv_SE')} kl. {moment:%H.%M}"


def keep() -> int:
    """How many generations to keep: ``$FINSAM_BACKUP_KEEP`` if it is a whole number, else
    ``KEEP``. 0 turns backups off (for tests that are not about them; never in production)."""
    value = os.environ.get("FINSAM_BACKUP_KEEP", "")
    return int(value) if value.isdigit() else KEEP


def directory(database: Path) -> Path:
    """Where the backups of ``database`` live: ``$FINSAM_BACKUP``, else ``backup/`` beside it."""
    value = os.environ.get("FINSAM_BACKUP")
    return Path(value) if value else database.parent / "backup"


def generations(database: Path) -> list[Generation]:
    """The backups of ``database``, newest first (by number: a clock may step back)."""
    found = []
    target = directory(database)
    if not target.is_dir():
        return []
    for path in target.glob(f"{database.stem}-*.duckdb"):
        match = _NAME.match(path.name)
        if match is None or match["stem"] != database.stem:
            continue
        try:
            size = path.stat().st_size
        except FileNotFoundError:  # pruned while we looked
            continue
        made = dt.datetime.strptime(match["made"], "%Y%m%d-%H%M%S")
        found.append(Generation(path, int(match["number"]), made, size))
    return sorted(found, key=lambda g: g.number, reverse=True)


def make(con: duckdb.DuckDBPyConnection, database: Path) -> Generation:
    """Copy the database ``con`` is on into a new backup generation; prune the oldest.

    Call it holding the write lock, after the write has committed. If it fails, nothing is
    left behind and the older generations are as they were.
    """
    target = directory(database)
    target.mkdir(parents=True, exist_ok=True)
    ignore = target / ".gitignore"
    if not ignore.exists():  # backups beside data/finsam.duckdb never go into git
        ignore.write_text("*\n", encoding="utf-8")
    existing = generations(database)
    number = existing[0].number + 1 if existing else 1
    made = dt.datetime.now().replace(microsecond=0)
    path = target / f"{database.stem}-{number:06d}-{made:%Y%m%d-%H%M%S}.duckdb"
    for leftover in target.glob(f"{database.stem}-*.duckdb.tmp*"):  # of a copy killed halfway
        leftover.unlink(missing_ok=True)
    replicas.copy_database(con, path)
    for old in generations(database)[max(keep(), 1) :]:
        old.path.unlink(missing_ok=True)
    return Generation(path, number, made, path.stat().st_size)


def problem(con: duckdb.DuckDBPyConnection) -> str | None:
    """Why the database ``con`` is on cannot be trusted, or None if every table reads whole.

    Reads the catalog and every column of every table (a hash of each, so nothing is
    transferred): DuckDB checks each block's checksum as it reads. About 50 ms for the
    shipped data, once when a process or a command opens the file, never on a page visit.
    """
    try:
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() "
            "WHERE database_name = current_database() ORDER BY ALL"
        ).fetchall()
        for schema, table in tables:
            con.execute(f'SELECT bit_xor(hash(COLUMNS(*))) FROM "{schema}"."{table}"').fetchall()
    except duckdb.Error as exc:
        return str(exc)
    return None


def file_problem(path: Path) -> str | None:
    """Why the database file ``path`` cannot be used, or None if it opens and reads whole."""
    try:
        if path.stat().st_size == 0:
            return "filen är tom, 0 byte"
        con = duckdb.connect(str(path), read_only=True)
    except (duckdb.Error, OSError) as exc:
        return str(exc)
    try:
        return problem(con)
    finally:
        con.close()


def newest_good(database: Path) -> Generation | None:
    """The newest backup that opens and reads whole, or None."""
    return next((g for g in generations(database) if file_problem(g.path) is None), None)


@dataclass(frozen=True)
class Restored:
    generation: Generation
    kept: Path | None  # where the replaced file was moved, if there was one


def restore(database: Path, generation: Generation) -> Restored:
    """Put ``generation`` in place of ``database``, keeping the file it replaces.

    The replaced file (and its write-ahead log, which must never be replayed onto another
    file) moves into the backup directory as ``<database>-ersatt-<YYYYMMDD-HHMMSS>.duckdb``;
    the backup is copied, not moved, so it stays a generation. The caller makes sure no
    process has the database open.
    """
    target = directory(database)
    target.mkdir(parents=True, exist_ok=True)
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    kept = target / f"{database.stem}-ersatt-{stamp}.duckdb"
    for extra in range(2, 1000):  # two restores in one second keep both files
        if not kept.exists():
            break
        kept = target / f"{database.stem}-ersatt-{stamp}-{extra}.duckdb"
    if database.exists():
        shutil.move(database, kept)  # a rename where it can, else a copy
    else:
        kept = None
    wal = database.with_name(database.name + ".wal")
    if wal.exists():
        shutil.move(
            wal, (kept or target / f"{database.stem}-ersatt-{stamp}.duckdb").with_suffix(".duckdb.wal")
        )
    partial = database.with_name(database.name + ".tmp")
    shutil.copyfile(generation.path, partial)
    with partial.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, database)
    return Restored(generation, kept)
