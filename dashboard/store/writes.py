"""Every write of this process: under one lock, in one transaction, then backed up and published."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from dashboard.store import backups, replicas, sql
from dashboard.store.db import DatabaseDamaged, data_version, database_file, explain, is_damage

_LOG = logging.getLogger(__name__)


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
    """Hold the process's write lock; ``WriteBusy`` if another write holds it past ``WRITE_WAIT_S``."""
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
            rollback(con)
            _LOG.exception("A write to user_data failed")
            if is_damage(exc):
                note_damage(con, str(exc))
            raise WriteFailed(
                f"Ändringen kunde inte sparas ({explain(exc)}); inget har ändrats."
                + (" Frigör plats på disken och försök igen." if "disken" in explain(exc) else "")
            ) from exc
        except BaseException:
            rollback(con)
            raise
        committed(con)


def rollback(con: duckdb.DuckDBPyConnection) -> None:
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
                note_damage(con, str(exc))
        else:
            _unbacked.clear()
            _last_backup[:] = [generation]
    publish(con)


def note_damage(con: duckdb.DuckDBPyConnection, detail: str) -> None:
    """Keep the damage a write or a build found in ``con``'s file (``damage``)."""
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
