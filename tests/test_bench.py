"""The benchmark's synthetic data: national scale, labelled synthetic, and it builds.

Timing is the benchmark's business (python -m dashboard bench), not a test's."""

from __future__ import annotations

from dashboard import bench, db


def test_synthetic_data_builds_at_national_scale_and_says_it_is_synthetic(tmp_path):
    counts = bench.generate(tmp_path / "data")
    # 80 förbund × 10 years × 30 lines × 3 measures; 300 teams.
    assert counts["budget_lines"] == 80 * 10 * 30 * 3
    assert counts["insatser"] == 300
    con = db.connect(tmp_path / "bench.duckdb")
    db.build(con, tmp_path / "data")
    rows = bench.add_scb(con)
    assert rows == con.execute("SELECT count(*) FROM kommuner").fetchall()[0][0] * 10 * 5 * 2 * 2
    names = {r[0] for r in con.execute("SELECT forbund FROM forbund").fetchall()}
    assert all(n.startswith("Syntetiskt förbund ") for n in names)
    title = con.execute("SELECT titel FROM dokument").fetchall()
    assert title == [("Syntetiska data för prestandamätning (inte verkliga siffror)",)]
    con.close()


def test_finsam_data_names_the_csv_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("FINSAM_DATA", str(tmp_path))
    assert db.data_dir() == tmp_path
    assert db.csv_path("forbund") == tmp_path / "forbund.csv"
    monkeypatch.delenv("FINSAM_DATA")
    assert db.data_dir() == db.DATA_DIR
