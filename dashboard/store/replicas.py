"""Several app processes on one database: one writes and publishes copies, the others read them.

DuckDB lets one process open a database file for writing, and while it does, no other
process may open that file at all. So when the app runs as several processes (behind a
reverse proxy, see the README's Deployment section):

- the **writer** (the editors' process, and the command line) owns ``finsam.duckdb``. With
  ``FINSAM_REPLICAS=DIR`` it publishes a copy of the whole database into DIR after each build
  and after each write to user_data, in the same hold of the write lock, so copies appear in
  the order of the writes;
- a **reader** (``FINSAM_ROLE=reader`` and ``FINSAM_REPLICAS=DIR``) never builds or writes:
  it opens the newest copy read-only, and at the start of a page run moves to a newer one if
  the writer has published it. A session's run reads one copy from start to end, so a viewer
  sees the data before a write or after it, never a mix.

A copy is made with DuckDB's ``COPY FROM DATABASE`` inside one transaction (a consistent
snapshot, whatever the readers of the writer are doing), written under a temporary name and
renamed into place; the file ``CURRENT`` names the newest copy and is itself replaced
atomically. The newest ``KEEP`` copies are kept; an older one a reader still has open stays
readable until the reader lets go (POSIX keeps an unlinked file alive).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

KEEP = 3
POINTER = "CURRENT"


def directory() -> Path | None:
    """Where copies are published (writer) or read from (reader): ``$FINSAM_REPLICAS``."""
    value = os.environ.get("FINSAM_REPLICAS")
    return Path(value) if value else None


def is_reader() -> bool:
    """True in a reader process: ``FINSAM_ROLE=reader``. Such a process never writes."""
    return os.environ.get("FINSAM_ROLE", "").strip().lower() == "reader"


def editor_url() -> str | None:
    """Where a reader sends editors: ``$FINSAM_EDITOR_URL`` (the writer's address), if set."""
    return os.environ.get("FINSAM_EDITOR_URL") or None


def publish(con: duckdb.DuckDBPyConnection, target: Path) -> Path:
    """Copy the database ``con`` is on into ``target`` as its newest copy; return the copy.

    Call it holding the write lock, after the write has committed. If it fails, nothing is
    left behind and ``CURRENT`` still names the previous copy.
    """
    target.mkdir(parents=True, exist_ok=True)
    name = f"finsam-{_next_number(target):012d}.duckdb"
    copy_database(con, target / name)
    pointer = target / f"{POINTER}.tmp"
    pointer.write_text(name, encoding="utf-8")
    os.replace(pointer, target / POINTER)
    _prune(target, keep=name)
    return target / name


def copy_database(con: duckdb.DuckDBPyConnection, destination: Path) -> None:
    """Copy the whole database ``con`` is on into the new file ``destination``.

    ``COPY FROM DATABASE`` runs in one transaction: a consistent snapshot, whatever other
    connections are doing. It is written under a temporary name and renamed when complete,
    so ``destination`` is either a whole database or absent (also the backups' way,
    ``dashboard.backups``).
    """
    partial = destination.with_name(destination.name + ".tmp")
    try:
        catalog = con.execute("SELECT current_database()").fetchall()[0][0]
        con.execute("ATTACH ? AS replica_out", [str(partial)])
        try:
            con.execute(f'COPY FROM DATABASE "{catalog}" TO replica_out')
            con.execute("CHECKPOINT replica_out")
        finally:
            con.execute("DETACH replica_out")
        if _wal(partial).exists():  # the copy must be one complete file before it is renamed
            raise OSError(f"{_wal(partial)} finns kvar efter kopieringen")
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        _wal(partial).unlink(missing_ok=True)
        raise


def newest(source: Path) -> Path | None:
    """The newest published copy in ``source``, or None if the writer has published none."""
    try:
        name = (source / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return source / name if name else None


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _numbered(target: Path) -> list[tuple[int, Path]]:
    """The copies in ``target`` by their number (a sequence, not a clock, which may step back);
    files whose names are not the writer's are left alone."""
    copies = []
    for path in target.glob("finsam-*.duckdb"):
        number = path.stem.removeprefix("finsam-")
        if number.isdigit():
            copies.append((int(number), path))
    return sorted(copies)


def _next_number(target: Path) -> int:
    copies = _numbered(target)
    return copies[-1][0] + 1 if copies else 1


def _prune(target: Path, keep: str) -> None:
    """Delete all but the newest ``KEEP`` copies (never ``keep``, the one CURRENT names), and
    what a failed copy of an earlier writer left."""
    for _, old in _numbered(target)[:-KEEP]:
        if old.name != keep:
            old.unlink(missing_ok=True)
    for leftover in target.glob("finsam-*.duckdb.tmp*"):
        leftover.unlink(missing_ok=True)
