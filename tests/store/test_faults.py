"""What a viewer sees when something is wrong: a Swedish sentence and a way on, never a traceback.

The app's connection is process-wide (``ui._database``), so each test points FINSAM_DB at a
database of its own and drops the connection on the way in and out.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import backups, db
from dashboard.view import ui
from tests.store.test_backups import damage

REPO = db.REPO_ROOT
TIMEOUT = 60


@pytest.fixture(autouse=True)
def backups_on(monkeypatch):
    """Backups as in production, whatever the suite's default (FINSAM_BACKUP_KEEP)."""
    monkeypatch.setenv("FINSAM_BACKUP_KEEP", "5")


def _drop_connection() -> None:
    database = ui._database()
    if database.con is not None:
        database.con.close()
    ui._database.clear()


@pytest.fixture
def own_database(built, tmp_path, monkeypatch):
    """The app on a database of the test's own (built, with its first backup)."""
    path = tmp_path / "scratch.duckdb"
    built.close()
    monkeypatch.setenv("FINSAM_DB", str(path))
    monkeypatch.setenv("FINSAM_DATA", str(tmp_path / "data"))
    _drop_connection()
    yield path
    _drop_connection()


def _app() -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)


def test_a_damaged_database_names_the_newest_backup_on_every_page_then_is_restored(own_database):
    newest = backups.generations(own_database)[0]
    damage(own_database)
    at = _app().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Databasen är skadad och kan inte läsas (en kontrollsumma stämmer inte: filen har skadats). Den "
        f"senaste hela säkerhetskopian är från {backups.made_text(newest.made)}. Återställ den med kommandot "
        "`python -m dashboard restore` på servern; sidan läser databasen igen vid nästa visning."
    ]
    assert str(own_database.parent) not in at.error[0].value  # no server path for a viewer
    backups.restore(own_database, newest)  # what the command does
    at.run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Översikt"


def test_an_empty_database_file_is_damaged_not_new(own_database):
    own_database.write_bytes(b"")
    at = _app().run()
    assert not at.exception
    assert at.error[0].value.startswith("Databasen är skadad och kan inte läsas (filen är tom, 0 byte).")
    assert own_database.stat().st_size == 0


def test_the_app_while_a_command_holds_the_database(own_database):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print(1, flush=True); sys.stdin.read()",
            str(own_database),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        holder.stdout.readline()
        at = _app().run()
        assert not at.exception
        assert at.error[0].value.startswith("Databasen används just nu av en annan process")
    finally:
        holder.communicate("", timeout=30)
    at.run()  # the command has finished: the next visit opens the database
    assert not at.exception and not at.error
    assert at.title[0].value == "Översikt"


@pytest.mark.parametrize(
    ("link", "told"),
    [
        ({"forbund": "X"}, "förbundet ”X” finns inte i datan"),
        ({"period": "garbage"}, "perioden ”garbage” finns inte för Samordningsförbundet Västmanland"),
        (
            {"period": "1900-01-01"},
            "perioden ”1900\\-01\\-01” finns inte för Samordningsförbundet Västmanland",
        ),
    ],
)
def test_a_bad_presentation_link_says_so_and_offers_the_start(link, told):
    at = _app()
    at.query_params["presentation"] = "1"
    for key, value in link.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    warning = at.warning[0].value
    assert warning.startswith(f"Adressen stämmer inte: {told}")
    # 001 is the latest document: its förbund's latest period ends 31 December 2025.
    assert warning.endswith("Visar Samordningsförbundet Västmanland, perioden som slutar 31 december 2025.")
    assert at.title[0].value == "Nyckeltal 2025"
    next(b for b in at.button if b.label == "Till presentationens början").click().run()
    assert dict(at.query_params) == {"presentation": "1"}
    assert not at.warning and not at.exception
