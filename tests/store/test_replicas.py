"""Several processes on one database: the writer publishes copies, readers follow them."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.exchange import imports
from dashboard.store import db, replicas, writes
from dashboard.view import ui
from tests import import_files as files

REPO = db.REPO_ROOT
TIMEOUT = 60
# 001 section 6: prognos result -9 073; the test file (tests/import_files.py) moves
# Samordningsteam Västerås's prognos from -5 100 000 to -5 000 000, so the result is 90 927.
BEFORE = "-9\u00a0073\u00a0kr"
AFTER = "90\u00a0927\u00a0kr"


def _import(con) -> imports.Stored:
    parsed = imports.parse(con, files.csv_bytes(), "september.csv")
    return imports.store(con, parsed, "Test")


@pytest.fixture
def writer(built, tmp_path, monkeypatch):
    """The writer's connection, publishing into its own replica directory."""
    directory = tmp_path / "replicas"
    monkeypatch.setenv("FINSAM_REPLICAS", str(directory))
    monkeypatch.delenv("FINSAM_ROLE", raising=False)
    writes.publish(built)  # what the app's writer does after its build
    return built, directory


@pytest.fixture
def reader_env(writer, monkeypatch):
    """This process as a reader of the writer's copies (the app's connection is process-wide,
    so it is dropped on the way in and out)."""
    monkeypatch.setenv("FINSAM_ROLE", "reader")
    ui._database.clear()
    yield writer
    ui._database.clear()


def _result(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}["Resultat, prognos 2025"]


def test_a_write_publishes_a_copy_with_the_new_data(writer):
    con, directory = writer
    first = replicas.newest(directory)
    assert db.data_version(db.connect(first, read_only=True)) == db.data_version(con)
    _import(con)
    second = replicas.newest(directory)
    assert second != first
    copy = db.connect(second, read_only=True)
    assert db.data_version(copy) == db.data_version(con)
    query = (
        "SELECT belopp FROM budget_lines "
        "WHERE post = 'Samordningsteam Västerås' AND matt = 'prognos' AND ar = 2025"
    )
    assert copy.execute(query).fetchall() == [(-5_000_000,)]
    # The first copy is untouched: a reader that has it open still sees 001's figure.
    assert db.connect(first, read_only=True).execute(query).fetchall() == [(-5_100_000,)]


def test_only_the_newest_copies_are_kept(writer):
    con, directory = writer
    for _ in range(replicas.KEEP + 2):
        writes.publish(con)
    assert len(list(directory.glob("finsam-*.duckdb"))) == replicas.KEEP
    assert replicas.newest(directory).exists()
    assert not list(directory.glob("*.tmp"))


def test_a_reader_refuses_to_write_and_changes_nothing(writer, monkeypatch):
    con, directory = writer
    monkeypatch.setenv("FINSAM_ROLE", "reader")
    version, newest = db.data_version(con), replicas.newest(directory)
    with pytest.raises(writes.ReadOnlyProcess, match="redigeringsinstansen"):
        _import(con)
    assert db.data_version(con) == version
    assert replicas.newest(directory) == newest


def test_a_reader_page_moves_to_the_writers_newest_copy_at_its_next_run(reader_env, monkeypatch):
    con, _ = reader_env
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    at.switch_page("app_pages/budget.py").run()
    assert not at.exception
    assert at.title[0].value == "Budget och utfall"
    assert _result(at) == BEFORE
    with monkeypatch.context() as writer_process:  # the writer imports and publishes
        writer_process.delenv("FINSAM_ROLE")
        _import(con)
    at.run()
    assert not at.exception
    assert _result(at) == AFTER


def test_a_reader_sends_editors_to_the_writer(reader_env, monkeypatch):
    monkeypatch.setenv("FINSAM_EDITOR_URL", "https://redigera.example.se")
    at = AppTest.from_file(str(REPO / "app_pages" / "data.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = {"password_hash": "scrypt$1$2$3$x$y"}
    at.run()
    assert not at.exception
    assert any("https://redigera.example.se" in i.value for i in at.info)
    assert not at.file_uploader  # no login form, no upload


def test_a_reader_without_a_published_copy_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setenv("FINSAM_REPLICAS", str(tmp_path / "tom"))
    monkeypatch.setenv("FINSAM_ROLE", "reader")
    ui._database.clear()
    try:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT).run()
    finally:
        ui._database.clear()
    assert not at.exception
    assert any("Ingen publicerad kopia" in e.value and "tom" in e.value for e in at.error)


def test_a_failed_publish_keeps_the_write_and_is_retried(writer, tmp_path, monkeypatch):
    con, directory = writer
    blocker = tmp_path / "en fil"
    blocker.write_text("inte en katalog", encoding="utf-8")
    monkeypatch.setenv("FINSAM_REPLICAS", str(blocker / "kopior"))
    version = db.data_version(con)
    try:
        stored = _import(con)  # saved, and not reported as a failure
        assert stored.import_id == 1
        assert db.data_version(con) != version
        assert writes.unpublished() == "en del av sökvägen är en fil, inte en katalog"
        assert db.data_version(db.connect(replicas.newest(directory), read_only=True)) == version
        monkeypatch.setenv("FINSAM_REPLICAS", str(directory))  # the administrator mends it
        writes.retry_publish(con)
        assert writes.unpublished() is None
        assert db.data_version(db.connect(replicas.newest(directory), read_only=True)) == db.data_version(con)
    finally:
        writes._unpublished.clear()


def test_copies_are_numbered_not_timed_and_strangers_are_left_alone(writer):
    con, directory = writer
    stranger = directory / "finsam-gammal.duckdb"
    stranger.write_bytes(b"")
    for _ in range(replicas.KEEP + 1):
        writes.publish(con)
    numbers = sorted(p.name for p in directory.glob("finsam-0*.duckdb"))
    assert numbers[-1] == replicas.newest(directory).name == f"finsam-{replicas.KEEP + 2:012d}.duckdb"
    assert stranger.exists()


def test_a_reader_keeps_its_copy_when_the_newest_cannot_be_opened(reader_env, monkeypatch):
    con, directory = reader_env
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    at.switch_page("app_pages/budget.py").run()
    assert _result(at) == BEFORE
    broken = directory / "finsam-999999999999.duckdb"
    broken.write_bytes(b"inte en databas" * 1000)
    (directory / replicas.POINTER).write_text(broken.name, encoding="utf-8")
    at.run()
    assert not at.exception
    assert _result(at) == BEFORE  # still served from the copy that works
    with monkeypatch.context() as writer_process:  # the writer publishes a good copy
        writer_process.delenv("FINSAM_ROLE")
        _import(con)
    at.run()
    assert _result(at) == AFTER


def test_a_reader_without_a_replica_directory_never_opens_the_database(built, monkeypatch):
    monkeypatch.setenv("FINSAM_ROLE", "reader")
    monkeypatch.delenv("FINSAM_REPLICAS", raising=False)
    ui._database.clear()
    try:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT).run()
        assert ui._database().con is None
    finally:
        ui._database.clear()
    assert not at.exception
    assert [e.value for e in at.error if "FINSAM_REPLICAS saknas" in e.value]
    assert not any("Datan i data/" in e.value for e in at.error)  # not the writer's build message


def test_a_reader_closes_a_copy_it_moved_on_from_after_the_grace_time(reader_env, monkeypatch):
    con, _ = reader_env
    database = ui._database()
    database.refresh()
    first = database.con
    with monkeypatch.context() as writer_process:
        writer_process.delenv("FINSAM_ROLE")
        _import(con)
    database.refresh()
    assert database.con is not first
    assert first.execute("SELECT 1").fetchall() == [(1,)]  # a run that began on it goes on
    monkeypatch.setattr(database, "RETIRE_AFTER_S", -1.0)
    database.refresh()
    with pytest.raises(duckdb.ConnectionException):
        first.execute("SELECT 1")
    assert database.retired == []
