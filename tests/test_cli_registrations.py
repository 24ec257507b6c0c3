"""``python -m dashboard import`` of the teams' registration lists (issue 27), run as an
administrator runs it: a separate process on a scratch database. A list is recognised by its
columns, previewed with the period and raw counts, stored, undone with ``undo N``; a dry run
stores nothing; a file with a personnummer is refused in Swedish without the value.

The expected figures come from ``tests.registration_lists`` (the generator and its oracle)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.store import db
from tests import registration_lists as lists
from tests.cli import run

FORBUND = "Samordningsförbundet Västmanland"
INSATSER = (
    lists.Insats("samordningsteam-hallstahammar", "Samordningsteam Hallstahammar", ("1961",)),
    lists.Insats("samordningsteam-surahammar", "samordningsteam-surahammar", ("1907",)),
)
NAMES = {
    "samordningsteam-hallstahammar": "Samordningsteam Hallstahammar",
    "samordningsteam-surahammar": "Samordningsteam Surahammar",
}
ROWS = lists.generate(INSATSER, seed=11, fran=dt.date(2025, 1, 1), till=dt.date(2025, 9, 30), per_insats=25)
# The period of a file given none: 1 January of its latest date's year to the end of that
# date's month (never after today).
LATEST = max([r.start for r in ROWS] + [r.end for r in ROWS if r.end])
FRAN = dt.date(LATEST.year, 1, 1)
TILL = min(lists.last_day(LATEST), dt.date.today())


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A database built from data/ by the command line once; each test works on a copy."""
    path = tmp_path_factory.mktemp("cli-registrations") / "template.duckdb"
    done = run("build", env={**os.environ, "FINSAM_DB": str(path)})
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def env(template, tmp_path) -> dict:
    path = tmp_path / "cli.duckdb"
    shutil.copy(template, path)
    return {**os.environ, "FINSAM_DB": str(path)}


def _file(tmp_path: Path, rows, name: str = "lista.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(lists.csv_bytes(rows))
    return path


def _database(env: dict) -> tuple[Counter, int]:
    """The registrations in effect (insats, start, end, why, kommun) and the log's entries."""
    con = db.connect(Path(env["FINSAM_DB"]))
    try:
        rows = con.execute(
            "SELECT insats_id, startdatum, slutdatum, avslut, kommunkod FROM registrations"
        ).fetchall()
        logged = con.execute("SELECT count(*) FROM user_data.registration_imports").fetchall()[0][0]
    finally:
        con.close()
    return Counter(rows), logged


def _expected(rows) -> Counter:
    return Counter((r.insats_id, r.start, r.end, r.avslut or None, r.kommunkod) for r in rows)


def _preview_lines() -> list[str]:
    """The preview's line per insats, counted by the oracle."""
    period = lists.period_counts(ROWS, FRAN, TILL)
    return [
        f"  {FORBUND}, {NAMES[i]}: {sum(r.insats_id == i for r in ROWS)} rader, "
        f"{lists.active_day_by_day(ROWS, i, TILL)} aktiva vid periodens slut, {period[i].nya} började, "
        f"{period[i].avslutade} avslutade; ersätter 0 rader"
        for i in sorted(NAMES)
    ]


def test_a_registration_list_is_recognised_stored_and_undone(tmp_path, env):
    path = _file(tmp_path, ROWS)
    done = run("import", str(path), "--forbund", FORBUND, "--vem", "Eva Ek", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"lista.csv: registreringar för perioden {FRAN.isoformat()}–{TILL.isoformat()}." in lines
    assert [line for line in lines if line.startswith("  ")] == _preview_lines()
    assert lines[-1] == f"lista.csv: sparad som import 1 ({len(ROWS)} registreringar)."
    assert "nya, " not in done.stdout  # not read as budget lines
    stored, logged = _database(env)
    assert stored == _expected(lists.in_effect([lists.Import(tuple(ROWS), FRAN, TILL)]))
    assert logged == 1

    done = run("undo", "1", "--vem", "Eva Ek", env=env)
    assert done.returncode == 0, done.stderr
    assert "Import 1 är ångrad" in done.stdout
    stored, logged = _database(env)
    assert stored == Counter() and logged == 1  # still in the log, marked undone


def test_a_later_period_given_on_the_command_line(tmp_path, env):
    """``--fran`` and ``--period`` set the period the file covers."""
    path = _file(tmp_path, ROWS)
    fran, till = dt.date(2024, 7, 1), dt.date(2025, 10, 31)
    done = run(
        "import", str(path), "--forbund", FORBUND, "--fran", fran.isoformat(), "--period", till.isoformat(),
        env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"lista.csv: registreringar för perioden {fran.isoformat()}–{till.isoformat()}." in done.stdout
    stored, _ = _database(env)
    assert stored == _expected(lists.in_effect([lists.Import(tuple(ROWS), fran, till)]))


def test_a_dry_run_stores_nothing(tmp_path, env):
    path = _file(tmp_path, ROWS)
    done = run("import", str(path), "--forbund", FORBUND, "--dry-run", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.startswith("  ")] == _preview_lines()
    assert lines[-1] == "lista.csv: provkörning; inget har sparats."
    assert _database(env) == (Counter(), 0)


def _luhn_digit(nine: str) -> str:
    total = 0
    for i, char in enumerate(nine):
        d = int(char) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return str((10 - total % 10) % 10)


def test_a_file_with_a_personnummer_is_refused_in_swedish_without_the_value(tmp_path, env):
    nine = "920229" + "984"  # born 29 February 1992; 980–999: Skatteverket's test serials
    ten = nine + _luhn_digit(nine)
    written = f"{ten[:6]}-{ten[6:]}"
    rows = list(ROWS)
    rows[4] = replace(rows[4], deltagare=written)
    path = _file(tmp_path, rows)
    done = run("import", str(path), "--forbund", FORBUND, env=env)
    assert done.returncode == 2
    assert done.stderr.startswith("Fel: filen importerades inte; inget har ändrats.")
    assert "lista.csv tas inte emot: filen verkar innehålla personuppgifter." in done.stderr
    assert "lista.csv, rad 6, kolumn ”Deltagare”: ser ut som ett personnummer" in done.stderr
    assert "Traceback" not in done.stderr
    for shown in (written, ten, f"19{ten}"):
        assert shown not in done.stderr and shown not in done.stdout
    assert _database(env) == (Counter(), 0)


def test_a_file_name_with_a_personnummer_is_refused_without_repeating_it(tmp_path, env):
    nine = "811218987"
    written = f"{nine[:6]}-{nine[6:]}{_luhn_digit(nine)}"
    path = _file(tmp_path, ROWS, name=f"deltagare {written}.csv")
    done = run("import", str(path), "--forbund", FORBUND, env=env)
    assert done.returncode == 2
    assert "dess namn ser ut att innehålla ett personnummer" in done.stderr
    assert written not in done.stderr and written not in done.stdout
    assert _database(env) == (Counter(), 0)


def test_the_luhn_digit_made_here_is_checked():
    """Known valid personnummer (Skatteverket's test numbers) get the check digit computed here."""
    assert _luhn_digit("811218987") == "6"  # 811218-9876
    assert _luhn_digit("121212121") == "2"  # 121212-1212, a test number
