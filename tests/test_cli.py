"""The command line, run as a user runs it: a separate process, Swedish output, exit codes."""

from __future__ import annotations

import csv
import os

from dashboard import db
from tests.cli import run


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
    assert {p.stem for p in out.glob("*.csv")} == set(db.EMBEDDED_TABLES)
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
        "Fel: ange ett kommando: build, check, export, import, import-scb, losenord, report eller bench."
        in done.stderr
    )


def test_import_scb_good_and_bad(tmp_path):
    from tests import scb_files

    env = {**os.environ, "FINSAM_DB": str(tmp_path / "cli.duckdb")}
    good = tmp_path / "HE0000T01N.csv"
    good.write_bytes(scb_files.csv_bytes())
    done = run("import-scb", str(good), "--hamtad", "2026-11-20", env=env)
    assert done.returncode == 0, done.stderr
    assert "HE0000T01N.csv: 70 rader importerade (hämtad från SCB 20 november 2026)." in done.stdout
    bad = tmp_path / "trasig.csv"
    bad.write_bytes(scb_files.csv_bytes(header=[*scb_files.HEADER[:-1], "Medelålder"]))
    done = run("import-scb", str(bad), env=env)
    assert done.returncode == 2
    assert "Fel: filen importerades inte; inget har ändrats." in done.stderr
    assert "trasig.csv, rad 3, kolumn Medelålder: okänd kolumn." in done.stderr
    assert "Traceback" not in done.stderr
