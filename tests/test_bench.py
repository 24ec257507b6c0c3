"""The benchmark's synthetic data: national scale, labelled synthetic, and it builds.

Timing is the benchmark's business (python -m dashboard bench), not a test's."""

from __future__ import annotations

import re
from pathlib import Path

import bench
from dashboard.domain import county, county_measures
from dashboard.exchange import fmt
from dashboard.store import db, embedded
from dashboard.view import county_view, figures, ranking_map


def test_synthetic_data_builds_at_national_scale_and_says_it_is_synthetic(tmp_path):
    counts = bench.generate(tmp_path / "data")
    # 83 förbund (all of the country's) × 10 years × 30 lines × 3 measures; 300 teams.
    assert counts["budget_lines"] == 83 * 10 * 30 * 3
    assert counts["insatser"] == 300
    con = db.connect(tmp_path / "bench.duckdb")
    embedded.build(con, tmp_path / "data")
    rows = bench.add_scb(con)
    assert rows == con.execute("SELECT count(*) FROM kommuner").fetchall()[0][0] * 10 * 5 * 2 * 2
    names = {r[0] for r in con.execute("SELECT forbund FROM forbund").fetchall()}
    assert all(n.startswith("Syntetiskt förbund ") for n in names)
    title = con.execute("SELECT titel FROM dokument").fetchall()
    assert title == [("Syntetiska data för prestandamätning (inte verkliga siffror)",)]
    con.close()


def test_the_registration_list_spreads_over_every_forbund_and_is_imported_whole(tmp_path):
    # The benchmark's national list (issue 27): 100 000 participations over the 83 förbund and
    # their 300 insatser; here a smaller one of the same making, imported as an editor would.
    from bench import registrations
    from dashboard.exchange.registration_import import looks_like_personnummer

    assert registrations.N_REGISTRATIONS == 100_000
    bench.generate(tmp_path / "data")
    con = db.connect(tmp_path / "bench.duckdb")
    embedded.build(con, tmp_path / "data")
    table = registrations.national(con, n=1_500)
    header, rows = table[0], table[1:]
    assert header[0] == "Förbund" and len(rows) == 1_500
    assert len({r[0] for r in rows}) == 83 and len({r[1] for r in rows}) == 300
    members = set(con.execute("SELECT forbund, kommunkod FROM members").fetchall())
    assert all((r[0], r[5]) in members for r in rows)  # each lives in a member kommun of its förbund
    # restarts (the same code again in the same insats, later), the active and the ended
    codes = [(r[1], r[2]) for r in rows]
    assert len(set(codes)) < len(codes)
    assert any(r[7] == "" and r[8] == "" for r in rows) and any(r[7] and r[8] for r in rows)
    assert not any(looks_like_personnummer(str(cell)) for r in rows for cell in r)
    # one CSV file through registration_import.parse and store: every row in the view
    assert registrations.add(con, registrations.to_csv(table)) == 1_500
    stored = con.execute("SELECT count(*), count(DISTINCT forbund) FROM registrations").fetchall()
    assert stored == [(1_500, 83)]
    con.close()


def test_finsam_data_names_the_csv_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("FINSAM_DATA", str(tmp_path))
    assert embedded.data_dir() == tmp_path
    assert embedded.csv_path("forbund") == tmp_path / "forbund.csv"
    monkeypatch.delenv("FINSAM_DATA")
    assert embedded.data_dir() == db.DATA_DIR


def test_the_benchmark_needs_nothing_outside_the_repository():
    repo = Path(bench.__file__).resolve().parent.parent
    assert bench.KOMMUNER.resolve().is_relative_to(repo)
    kommuner = bench._kommuner()
    # data/kommuner.csv: all 290 kommuner, codes as SCB's, each with its län.
    assert len(kommuner) == 290 and kommuner["kommunkod"].is_unique
    assert kommuner["kommunkod"].str.fullmatch(r"\d{4}").all()
    assert kommuner["kommunkod"].str[:2].eq(kommuner["lan_kod"]).all()  # a code begins with its län's
    # The ten of Västmanlands län, among them Surahammar 1907, the code the made-up codes of the
    # old benchmark lacked.
    vastmanland = kommuner[kommuner["lan_kod"] == "19"]
    assert len(vastmanland) == 10 and vastmanland.set_index("kommunkod").loc["1907", "kommun"] == "Surahammar"


def test_a_map_whose_table_lacks_a_kommun_shows_it_missing(con):
    # The boundary file has Surahammar (1907); a table without it must not crash the map.
    measure = county_measures.MEASURES["oppet_arbetslosa"]
    table = county.ranking(con, "oppet_arbetslosa", 2022, ("20-64", "kvinnor", "Totalt"))
    table = table[table["omradeskod"] != "1907"].reset_index(drop=True)
    texts = [county_view.value_text(measure, v) for v in table["varde"]]
    fig = ranking_map.county_map(
        table, county.geojson(), "Öppet arbetslösa, kvinnor 2022", texts, "källa (x)"
    )
    surahammar = [t for t in fig.data if t.text.startswith("<b>Surahammar</b>")]
    assert surahammar and all(t.fillcolor == ranking_map.MISSING_COLOR for t in surahammar)
    assert all("saknas i tabellen" in t.text for t in surahammar)
    labels = {a.text for a in fig.layout.annotations}
    assert f"Surahammar<br>{fmt.MISSING}" in labels
    # The page's own drawing of the same figure says so too.
    page = ranking_map.map_html(fig)
    assert f"<span>Surahammar</span><span>{fmt.MISSING}</span>" in page
    assert "saknas i tabellen" in page


def test_the_map_and_the_ranking_drawn_as_html_say_what_the_figures_say(con):
    breakdown = ("20-64", "kvinnor", "Totalt")
    the_map = figures.county_map(con, "oppet_arbetslosa", 2022, breakdown)
    bars = figures.ranking_bars(con, "oppet_arbetslosa", 2022, breakdown)
    page_map, page_bars = ranking_map.map_html(the_map), ranking_map.bars_html(bars)
    # Regionfakta, "Öppet arbetslösa kvinnor och män 2022. Årsmedeltal" (data/kommunstatistik.csv):
    # kvinnor in Fagersta 3,8 %, Surahammar 2,3 %, Västerås 3,1 %.
    for kommun, value in (("Fagersta", "3,8"), ("Surahammar", "2,3"), ("Västerås", "3,1")):
        assert f"<span>{kommun}</span><span>{value}\u00a0%</span>" in page_map
    # Every kommun on the map, and no map without its boundaries' source.
    assert page_map.count('class="finsam-map-label"') == 10
    assert "Kommungränser: okfse/sweden-geojson" in page_map
    # The ranking top to bottom, highest first: Fagersta 3,8 first, Surahammar 2,3 last.
    names = re.findall(r'<span class="finsam-bar-name">([^<]+)</span>', page_bars)
    assert len(names) == 10 and names[0] == "1. Fagersta" and names[-1].endswith("Surahammar")
    assert page_bars.index("3,8\u00a0%") < page_bars.index("2,3\u00a0%")
    # The county (3,0) and the country (3,1) as lines drawn once across the rows, named below
    # the bars with their values.
    assert page_bars.count('class="finsam-ref"') == 2
    assert "Prickad linje: Västmanlands län 3,0\u00a0%" in page_bars
    assert "Streckad linje: Riket 3,1\u00a0%" in page_bars
    # Made once: the same string for the same (shared) figure.
    assert ranking_map.map_html(the_map) is page_map and ranking_map.bars_html(bars) is page_bars


def _shown(at) -> list:
    """What a page's choices and title say."""
    choices = [b.value for b in at.button_group] + [s.value for s in at.select_slider]
    return choices + [t.value for t in at.title]


def test_every_page_of_the_benchmark_runs_and_takes_its_change():
    # The warm runs change each page's main widget (bench._pages): a change that no longer
    # finds its widget would stop the benchmark after its browser part.
    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parent.parent
    for name, file, change in bench._pages(root):
        at = AppTest.from_file(str(root / "app_pages" / file), default_timeout=120).run()
        assert not at.exception, name
        if change is not None:
            before = _shown(at)
            change(at, 1)
            at.run()
            assert not at.exception, name
            assert _shown(at) != before, name  # the change changed what the page shows
