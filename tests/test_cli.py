"""The command line, run as a user runs it: a separate process, Swedish output, exit codes."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import stat
import tempfile
from pathlib import Path

import duckdb
import pytest

from dashboard.exchange import imports
from dashboard.store import backups, db, embedded
from tests import import_files as files
from tests.cli import run
from tests.store.test_backups import DOCUMENT, IMPORTED, PROGNOS, damage


@pytest.fixture(autouse=True)
def backups_on(monkeypatch):
    """Backups as in production, whatever the suite's default (FINSAM_BACKUP_KEEP)."""
    monkeypatch.setenv("FINSAM_BACKUP_KEEP", "5")


def test_check_lists_the_disagreements_and_exits_0(tmp_path):
    env = {**os.environ, "FINSAM_DB": str(tmp_path / "cli.duckdb")}
    done = run("check", env=env)
    assert done.returncode == 0, done.stderr
    assert "16 stämmer inte med sina rader" in done.stdout
    # 000 section 7: Individinsatser 2022, printed 11 594 000, lines sum to 11 444 000.
    printed, computed = "-11\u00a0594\u00a0000\u00a0kr", "-11\u00a0444\u00a0000\u00a0kr"
    assert f"Individinsatser, budget 2022: tryckt {printed}, beräknat {computed}" in done.stdout


def test_export_writes_budget_lines_in_the_import_format(tmp_path):
    env = {**os.environ, "FINSAM_DB": str(tmp_path / "cli.duckdb")}
    out = tmp_path / "export"
    done = run("export", "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert {p.stem for p in out.glob("*.csv")} == set(embedded.EMBEDDED_TABLES)
    with (out / "budget_lines.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert list(rows[0]) == ["förbund", "år", "period_slut", "post", "kategori", "mått", "belopp"]
    # 001 section 6: Samordningsteam Västerås, utfall 2025-08-31, -2 359 306.
    assert {
        "förbund": "Samordningsförbundet Västmanland",
        "år": "2025",
        "period_slut": "2025-08-31",
        "post": "Samordningsteam Västerås",
        "kategori": "individinsats",
        "mått": "utfall",
        "belopp": "-2359306",
    } in rows


def test_locked_database_gives_a_swedish_message_not_a_traceback(tmp_path):
    path = tmp_path / "held.duckdb"
    holder = db.connect(path)
    try:
        done = run("build", env={**os.environ, "FINSAM_DB": str(path)})
    finally:
        holder.close()
    assert done.returncode == 3
    assert done.stderr.startswith("Fel: Databasen ")
    assert "används av en annan process" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_command_is_explained_in_swedish():
    done = run()
    assert done.returncode == 2
    assert (
        "Fel: ange ett kommando: build, check, export, import, template, undo, restore, import-scb, "
        "losenord, report eller bench." in done.stderr
    )


def test_import_scb_good_and_bad(tmp_path):
    from tests import scb_files

    env = {**os.environ, "FINSAM_DB": str(tmp_path / "cli.duckdb")}
    good = tmp_path / "HE0000T01N.csv"
    good.write_bytes(scb_files.csv_bytes())
    done = run("import-scb", str(good), "--hamtad", "2026-11-20", env=env)
    assert done.returncode == 0, done.stderr
    said = "HE0000T01N.csv: import 1, 70 nya och 0 ersatta rader (hämtad från SCB 20 november 2026)."
    assert said in done.stdout
    bad = tmp_path / "trasig.csv"
    bad.write_bytes(scb_files.csv_bytes(header=[*scb_files.HEADER[:-1], "Medelålder"]))
    done = run("import-scb", str(bad), env=env)
    assert done.returncode == 2
    assert "Fel: filen importerades inte; inget har ändrats." in done.stderr
    assert "trasig.csv, rad 3, kolumn Medelålder: okänd kolumn." in done.stderr
    assert "Traceback" not in done.stderr


def _prognos(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(PROGNOS).fetchall()[0][0]
    finally:
        con.close()


def test_a_damaged_database_is_named_with_its_backup_and_restored_in_one_command(built, tmp_path):
    path = tmp_path / "scratch.duckdb"
    env = {**os.environ, "FINSAM_DB": str(path)}
    imports.store(built, imports.parse(built, files.csv_bytes(), "september.csv"), "Test")
    built.close()
    newest = backups.generations(path)[0]
    damage(path)
    done = run("check", env=env)
    assert done.returncode == 4
    assert done.stderr.startswith(f"Fel: Databasfilen {path} är skadad och kan inte läsas (en kontrollsumma")
    assert (
        f"Den senaste hela säkerhetskopian är från {backups.made_text(newest.made)} ({newest.path})."
        in done.stderr
    )
    assert "Återställ den med kommandot python -m dashboard restore." in done.stderr
    assert "Traceback" not in done.stderr
    listed = run("restore", "--list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert f"{newest.number:>4}  {backups.made_text(newest.made)}" in listed.stdout
    assert listed.stdout.count(" hel ") == 2  # the build's and the import's
    done = run("restore", env=env)
    assert done.returncode == 0, done.stderr
    assert f"är återställd från säkerhetskopian från {backups.made_text(newest.made)}" in done.stdout
    assert backups.file_problem(path) is None
    assert _prognos(path) == IMPORTED  # nothing written before the damage is lost
    assert len(list((tmp_path / "backup").glob("scratch-ersatt-*.duckdb"))) == 1
    path.write_bytes(b"")  # a 0-byte file
    done = run("export", "--out", str(tmp_path / "ut"), env=env)
    assert done.returncode == 4
    assert "är skadad och kan inte läsas (filen är tom, 0 byte)" in done.stderr
    assert run("restore", str(newest.number), env=env).returncode == 0
    assert _prognos(path) == IMPORTED


def test_undo_on_the_command_line_is_the_page_data_undo(built, tmp_path):
    path = tmp_path / "scratch.duckdb"
    env = {**os.environ, "FINSAM_DB": str(path)}
    stored = imports.store(built, imports.parse(built, files.csv_bytes(), "september.csv"), "Test")
    built.close()
    done = run("undo", str(stored.import_id), "--vem", "Kim", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Import {stored.import_id} är ångrad; det den ersatte gäller igen.\n"
    assert _prognos(path) == DOCUMENT
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT angrad_av FROM user_data.budget_imports").fetchall() == [("Kim",)]
    con.close()
    assert _prognos(backups.generations(path)[0].path) == DOCUMENT  # the undo is backed up
    again = run("undo", str(stored.import_id), env=env)
    assert again.returncode == 2
    assert f"Import {stored.import_id} finns inte eller är redan ångrad." in again.stderr


def test_undo_of_a_number_two_logs_share_asks_which(built, tmp_path):
    """Before the one series of numbers, SCB imports were numbered apart from budget imports:
    an older database may hold budget import 1 and SCB import 1. `undo 1` undoes neither and
    says how to choose; `--logg scb` undoes the SCB import only."""
    from dashboard.exchange import scb
    from tests import scb_files

    path = tmp_path / "scratch.duckdb"
    env = {**os.environ, "FINSAM_DB": str(path)}
    stored = imports.store(built, imports.parse(built, files.csv_bytes(), "september.csv"), "Test")
    parsed = scb.parse(scb_files.csv_bytes(), "he.csv")
    scb.store(built, parsed, dt.date(2026, 11, 20), "Test")  # import 2 in the one series
    built.execute("UPDATE user_data.scb_helarsekvivalenter SET import_id = 1")  # as numbered before
    built.execute("UPDATE user_data.scb_imports SET import_id = 1")
    built.close()
    assert stored.import_id == 1
    done = run("undo", "1", env=env)
    assert done.returncode == 2
    assert "import 1 finns i flera loggar (budget, scb); inget har ångrats." in done.stderr
    assert "Ange vilken med --logg budget (eller scb)." in done.stderr
    assert _prognos(path) == IMPORTED
    done = run("undo", "1", "--logg", "scb", env=env)
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT angrad IS NULL FROM user_data.budget_imports").fetchall() == [(True,)]
    assert con.execute("SELECT angrad IS NOT NULL FROM user_data.scb_imports").fetchall() == [(True,)]
    con.close()


def test_a_forbunds_workbook_out_and_in_on_the_command_line(built, tmp_path):
    """export --forbund, import --dry-run, import, undo N: one import, its number in the same
    series as the budget imports'. Norra Västmanland's 13 key figures: 003, Årsredovisning
    2021, sections 1.1 and 1.5 and note 2."""
    path = tmp_path / "scratch.duckdb"
    env = {**os.environ, "FINSAM_DB": str(path)}
    budget = imports.store(built, imports.parse(built, files.csv_bytes(), "september.csv"), "Test")
    built.close()
    book = tmp_path / "nv.xlsx"
    done = run("export", "--forbund", "norra västmanlands samordningsförbund", "--out", str(book), env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Arbetsboken för Norra Västmanlands Samordningsförbund är skriven till {book}.\n"
    dry = run("import", str(book), "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    assert "  Nyckeltal: 0 nya, 0 ändrade, 13 oförändrade rader\n" in dry.stdout
    same = run("import", str(book), env=env)
    assert same.stdout.endswith("nv.xlsx: inget att spara; datan är oförändrad.\n"), same.stderr
    from openpyxl import load_workbook

    opened = load_workbook(book)
    opened["Möten"].append(["Norra Västmanlands Samordningsförbund", "2023-02-01", "Förbundsstyrelse"])
    opened.save(book)
    stored = run("import", str(book), "--vem", "Kim", env=env)
    assert stored.returncode == 0, stored.stderr
    assert "  Möten: 1 nya, 0 ändrade, 0 oförändrade rader\n" in stored.stdout
    assert stored.stdout.endswith(f"nv.xlsx: sparad som import {budget.import_id + 1}.\n")
    undone = run("undo", str(budget.import_id + 1), env=env)
    assert undone.returncode == 0, undone.stderr
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM calendar WHERE forbund LIKE 'Norra%'").fetchall() == [(0,)]
    assert con.execute("SELECT angrad IS NULL FROM user_data.budget_imports").fetchall() == [(True,)]
    con.close()


def test_the_template_command_writes_an_empty_workbook(tmp_path):
    out = tmp_path / "mall.xlsx"
    done = run("template", "--out", str(out))
    assert done.returncode == 0, done.stderr
    from openpyxl import load_workbook

    assert load_workbook(out).sheetnames[:3] == ["Läs mig", "Förbund", "Medlemmar"]


def _someone_else() -> tuple[str, ...]:
    """Run a command as a user who cannot write the directory (root may write anywhere)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root without setpriv cannot be kept out of a directory")
    return (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")


def test_read_only_commands_work_in_a_read_only_directory():
    directory = Path(tempfile.mkdtemp(prefix="finsam-skrivskyddad-"))
    out = Path(tempfile.mkdtemp(prefix="finsam-ut-"))
    try:
        path = directory / "finsam.duckdb"
        con = db.connect(path)
        embedded.build(con)
        con.close()
        before = path.read_bytes()
        upload = out / "september.csv"
        upload.write_bytes(files.csv_bytes())
        os.chmod(out, 0o777)
        os.chmod(upload, 0o644)
        os.chmod(path, 0o444)
        os.chmod(directory, 0o555)
        env, who = {**os.environ, "FINSAM_DB": str(path)}, _someone_else()
        check = run("check", env=env, prefix=who)
        assert check.returncode == 0, check.stderr
        assert "16 stämmer inte med sina rader" in check.stdout
        export = run("export", "--out", str(out / "export"), env=env, prefix=who)
        assert export.returncode == 0, export.stderr
        assert (out / "export" / "budget_lines.csv").exists()
        dry = run("import", str(upload), "--dry-run", env=env, prefix=who)
        assert dry.returncode == 0, dry.stderr
        assert dry.stdout.endswith("Provkörning: inget har sparats.\n")
        write = run("import", str(upload), env=env, prefix=who)
        assert write.returncode == 3
        assert write.stderr.startswith(f"Fel: Databasen {path} kan inte öppnas för att skriva (")
        assert "Traceback" not in write.stderr
        assert path.read_bytes() == before
        assert sorted(p.name for p in directory.iterdir()) == ["backup", "finsam.duckdb"]  # no WAL
    finally:
        for place in (directory, out):
            os.chmod(place, stat.S_IRWXU)
            shutil.rmtree(place)
