"""The build: atomic, rebuilt when a CSV changes, clear about what failed, never touching
user data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.store import db, embedded


def _count(con, table: str = "budget_lines") -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_db_path_honours_finsam_db(monkeypatch, tmp_path):
    monkeypatch.setenv("FINSAM_DB", str(tmp_path / "x.duckdb"))
    assert db.db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("FINSAM_DB")
    assert db.db_path() == db.DATA_DIR / "finsam.duckdb"


def test_every_csv_in_data_is_a_table_and_described_in_the_readme():
    readme = (db.DATA_DIR / "README.md").read_text(encoding="utf-8")
    on_disk = {p.stem for p in db.DATA_DIR.glob("*.csv")}
    assert on_disk == set(embedded.EMBEDDED_TABLES)
    for table in embedded.EMBEDDED_TABLES:
        assert f"### {table}.csv" in readme, f"data/README.md does not describe {table}.csv"


def test_build_loads_every_row_of_every_csv(con):
    import pandas as pd

    for table in embedded.EMBEDDED_TABLES:
        rows_in_file = len(pd.read_csv(embedded.csv_path(table), dtype=str, keep_default_na=False))
        assert _count(con, table) == rows_in_file, table


def test_ensure_built_rebuilds_only_when_a_csv_changes(scratch_con, data_copy):
    assert embedded.ensure_built(scratch_con, data_copy) is True
    assert embedded.ensure_built(scratch_con, data_copy) is False
    # 001 section 6: Samordningsteam Västerås, utfall 2025-08-31, -2 359 306 kr.
    _replace_in(data_copy / "budget_lines.csv", ",-2359306,", ",-2359000,")
    before = scratch_con.execute("SELECT sum(belopp) FROM budget_lines").fetchone()[0]
    assert embedded.ensure_built(scratch_con, data_copy) is True
    after = scratch_con.execute("SELECT sum(belopp) FROM budget_lines").fetchone()[0]
    assert after - before == 306


def test_bad_number_names_file_row_and_column_and_keeps_the_old_data(scratch_con, data_copy):
    embedded.build(scratch_con, data_copy)
    before = scratch_con.execute("SELECT sum(belopp), count(*) FROM budget_lines").fetchone()
    lines = data_copy / "budget_lines.csv"
    # 001 section 6: Samordningsteam Västerås, utfall 2025-08-31, -2 359 306 kr.
    _replace_in(lines, ",-2359306,", ",-2 359 306,")
    row = next(
        i
        for i, line in enumerate(lines.read_text(encoding="utf-8").splitlines(), start=1)
        if "-2 359 306" in line
    )
    with pytest.raises(embedded.BuildError) as failure:
        embedded.build(scratch_con, data_copy)
    assert failure.value.problems == [
        f"{lines}, rad {row}, kolumn belopp: ”-2 359 306” är inte ett heltal (hela kronor)."
    ]
    after = scratch_con.execute("SELECT sum(belopp), count(*) FROM budget_lines").fetchone()
    assert after == before


def test_unknown_measure_and_missing_column_are_reported(scratch_con, data_copy):
    _replace_in(data_copy / "budget_lines.csv", ",utfall,", ",utfal,")
    text = (data_copy / "forbund.csv").read_text(encoding="utf-8").replace("kortnamn,", "", 1)
    (data_copy / "forbund.csv").write_text(text, encoding="utf-8")
    with pytest.raises(embedded.BuildError) as failure:
        embedded.build(scratch_con, data_copy)
    problems = "\n".join(failure.value.problems)
    assert "forbund.csv: kolumnen kortnamn saknas." in problems
    assert "kolumn matt: ”utfal” är inte ett av 'budget', 'utfall'" in problems


def test_reference_to_unknown_forbund_fails_the_build(scratch_con, data_copy):
    _replace_in(
        data_copy / "budget_lines.csv", "Samordningsförbundet Västmanland,2025", "Samordningsförbundet X,2025"
    )
    with pytest.raises(embedded.BuildError) as failure:
        embedded.build(scratch_con, data_copy)
    assert any(
        p.startswith(f"{data_copy / 'budget_lines.csv'}, rad ")
        and p.endswith("kolumn forbund: ”Samordningsförbundet X” finns inte i data/forbund.csv.")
        for p in failure.value.problems
    )


def test_a_failed_first_build_leaves_no_half_built_database(scratch_con, data_copy):
    (data_copy / "calendar.csv").unlink()
    with pytest.raises(embedded.BuildError, match=r"calendar\.csv: filen saknas"):
        embedded.build(scratch_con, data_copy)
    assert embedded.build_info(scratch_con) is None
    tables = scratch_con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'embedded'"
    ).fetchone()[0]
    assert tables == 0


def test_rebuild_keeps_user_data(scratch_con, data_copy):
    embedded.build(scratch_con, data_copy)
    scratch_con.execute("CREATE TABLE user_data.saved (name VARCHAR)")
    scratch_con.execute("INSERT INTO user_data.saved VALUES ('Scenario A')")
    _replace_in(data_copy / "budget_lines.csv", ",-2359306,", ",-2359307,")
    assert embedded.ensure_built(scratch_con, data_copy) is True
    assert scratch_con.execute("SELECT name FROM user_data.saved").fetchall() == [("Scenario A",)]


def test_second_process_gets_a_swedish_lock_message(tmp_path):
    path = tmp_path / "locked.duckdb"
    holder = db.connect(path)
    try:
        code = (
            "import sys; from pathlib import Path; from dashboard.store import db\n"
            "try:\n"
            f"    db.connect(Path({str(path)!r}))\n"
            "except db.DatabaseLocked as e:\n"
            "    print(e); sys.exit(3)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=db.REPO_ROOT, timeout=60
        )
    finally:
        holder.close()
    assert done.returncode == 3, done.stderr
    assert "används av en annan process (process " in done.stdout
    assert "troligen den körande dashboarden" in done.stdout
