"""Backups after every write, the integrity check, and what a full disk or a damaged file does."""

from __future__ import annotations

import errno
import os
import random

import duckdb
import pytest

from dashboard.domain import scenarios
from dashboard.exchange import imports
from dashboard.store import backups, db, embedded, writes
from tests import import_files as files

PROGNOS = (
    "SELECT belopp FROM budget_lines "
    "WHERE post = 'Samordningsteam Västerås' AND matt = 'prognos' AND ar = 2025"
)
# 001 section 6 prints Samordningsteam Västerås's prognos 2025 as -5 100 000; the test file
# (tests/import_files.py) changes it to -5 000 000.
DOCUMENT, IMPORTED = -5_100_000, -5_000_000


@pytest.fixture(autouse=True)
def backups_on(monkeypatch):
    """Backups as in production, whatever the suite's default (FINSAM_BACKUP_KEEP)."""
    monkeypatch.setenv("FINSAM_BACKUP_KEEP", "5")


def _import(con) -> int:
    return imports.store(con, imports.parse(con, files.csv_bytes(), "september.csv"), "Test").import_id


def _prognos(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(PROGNOS).fetchall()[0][0]
    finally:
        con.close()


def damage(path, seed: int = 18) -> None:
    """64 KB of random bytes in the middle of the file, as the adversarial run did."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(random.Random(seed).randbytes(65536))


def test_every_write_leaves_a_whole_backup_and_five_are_kept(built, tmp_path):
    path = tmp_path / "scratch.duckdb"
    made = [g.number for g in backups.generations(path)]
    assert made == [1]  # the build's
    import_id = _import(built)
    assert _prognos(backups.generations(path)[0].path) == IMPORTED
    imports.undo(built, import_id, "Test")
    assert _prognos(backups.generations(path)[0].path) == DOCUMENT
    scenarios.save(built, "Nedskärning", scenarios.Assumptions())
    scenarios.delete(built, "Nedskärning")
    found = backups.generations(path)
    assert [g.number for g in found] == [5, 4, 3, 2, 1]  # build, import, undo, save, delete
    scenarios.save(built, "Nedskärning", scenarios.Assumptions())
    found = backups.generations(path)
    assert [g.number for g in found] == [6, 5, 4, 3, 2]
    assert all(backups.file_problem(g.path) is None for g in found)
    assert found[0].path.parent == tmp_path / "backup"
    assert not list((tmp_path / "backup").glob("*.tmp"))


def test_finsam_backup_names_the_directory(scratch_con, data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("FINSAM_BACKUP", str(tmp_path / "elsewhere"))
    embedded.build(scratch_con, data_copy)
    assert [g.path.parent for g in backups.generations(tmp_path / "scratch.duckdb")] == [
        tmp_path / "elsewhere"
    ]


def test_the_integrity_check_finds_random_bytes_and_an_empty_file(built, tmp_path):
    path = tmp_path / "scratch.duckdb"
    built.close()
    assert backups.file_problem(path) is None
    damage(path)
    assert "checksum" in backups.file_problem(path)
    with pytest.raises(db.DatabaseDamaged) as caught:
        db.open_checked(path, read_only=True)
    assert caught.value.backup == backups.generations(path)[0]
    message = caught.value.for_viewers()
    assert message.startswith("Databasen är skadad och kan inte läsas (en kontrollsumma stämmer inte")
    assert "python -m dashboard restore" in message and str(tmp_path) not in message
    path.write_bytes(b"")
    with pytest.raises(db.DatabaseDamaged, match=r"filen är tom, 0 byte"):
        db.open_checked(path)
    assert path.stat().st_size == 0  # never taken for a new, empty database


def test_restore_puts_the_backup_back_and_keeps_the_damaged_file(built, tmp_path):
    path = tmp_path / "scratch.duckdb"
    _import(built)
    built.close()
    damage(path)
    newest = backups.newest_good(path)
    done = backups.restore(path, newest)
    assert done.kept.read_bytes() != path.read_bytes()
    assert backups.file_problem(done.kept) is not None  # the damaged file, kept as it was
    assert backups.file_problem(path) is None
    assert _prognos(path) == IMPORTED  # the import made before the damage is there


def test_a_full_disk_at_commit_changes_nothing_and_says_so(built):
    class FullDisk:
        """The connection, except that COMMIT finds the disk full (as DuckDB says it)."""

        def __init__(self, con):
            self.con = con

        def execute(self, query, *args):
            if query == "COMMIT":
                raise duckdb.IOException('Could not write file "finsam.duckdb.wal": No space left on device')
            return self.con.execute(query, *args)

    version = db.data_version(built)
    with pytest.raises(writes.WriteFailed) as caught, writes.user_write(FullDisk(built)):
        built.execute("INSERT INTO user_data.scenarios VALUES ('X', '{}', now(), now())")
    assert str(caught.value) == (
        "Ändringen kunde inte sparas (disken är full); inget har ändrats. "
        "Frigör plats på disken och försök igen."
    )
    assert isinstance(caught.value, writes.WriteBusy)  # every page that saves already says it
    assert db.data_version(built) == version
    assert built.execute("SELECT count(*) FROM user_data.scenarios").fetchall() == [(0,)]


def test_a_backup_that_fails_keeps_the_write_and_says_why(built, tmp_path, monkeypatch):
    def full(con, database):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patched:  # the fixture's FINSAM_BACKUP_KEEP stays
        patched.setattr(backups, "make", full)
        _import(built)
        assert writes.backup_failure() == "disken är full"
        assert built.execute(PROGNOS).fetchall() == [(IMPORTED,)]
    imports.undo(built, 1, "Test")
    assert writes.backup_failure() is None


def test_an_empty_or_duplicate_keyed_csv_is_refused_in_swedish(scratch_con, data_copy):
    (data_copy / "calendar.csv").write_bytes(b"")
    with pytest.raises(embedded.BuildError) as caught:
        embedded.build(scratch_con, data_copy)
    assert caught.value.problems == [
        f"{data_copy / 'calendar.csv'}: filen är tom; den behöver åtminstone sin rubrikrad."
    ]
    (data_copy / "calendar.csv").write_bytes((db.DATA_DIR / "calendar.csv").read_bytes())
    lines = (data_copy / "forbund.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data_copy / "forbund.csv").write_text("".join([*lines, lines[1]]), encoding="utf-8")
    with pytest.raises(embedded.BuildError) as caught:
        embedded.build(scratch_con, data_copy)
    forbund = lines[1].split(",")[0]
    assert caught.value.problems == [
        f"{data_copy / 'forbund.csv'}, rad {len(lines) + 1}, kolumn forbund: ”{forbund}” finns redan "
        "på rad 2; varje värde får bara förekomma en gång."
    ]
    assert embedded.build_info(scratch_con) is None


def test_a_write_killed_before_its_backup_is_backed_up_when_the_file_is_opened(built, tmp_path, monkeypatch):
    path = tmp_path / "scratch.duckdb"
    monkeypatch.setenv("FINSAM_BACKUP_KEEP", "0")  # as if the process died between commit and backup
    _import(built)
    monkeypatch.setenv("FINSAM_BACKUP_KEEP", "5")
    assert [g.number for g in backups.generations(path)] == [1]
    assert writes.ensure_backup(built) is True  # what the app and a writing command do on opening
    assert _prognos(backups.generations(path)[0].path) == IMPORTED
    assert writes.ensure_backup(built) is False
