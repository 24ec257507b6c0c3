"""Import of published statistics per kommun (issue 16): parse, preview, store, undo, survive
a rebuild, and the page Data and Länsjämförelse in AppTest.

The figures are the publishers' own, as data/kommunstatistik.csv holds them with their page:
the demografisk försörjningskvot 2024 (Regionfakta, Västmanlands län, "Demografisk
försörjningskvot per 100 invånare 2024", updated 2025-02-21) and the särskilt riktade
insatser of the country in 2016 as two editions printed them (5 496 kr on Regionfakta's page
updated 2023-08-31, 5 484 kr on the page updated 2017-06-30: kommunstatistik_avvikelser.csv).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain import county
from dashboard.exchange import statimport
from dashboard.exchange.reading import ImportRefused
from dashboard.store import db, embedded
from dashboard.view import ui
from tests.app_pages.test_data_page import HASH, _login, _page, fresh_db  # noqa: F401  (fresh_db is a fixture)

HEADER = "omradeskod;omrade;ar;matt;grupp;varde;enhet;kalla;utgivare;sida;tabell;senast_uppdaterad"
KVOT_PAGE = "https://www.regionfakta.com/vastmanlands-lan/befolkning-och-hushall/befolkning/forsorjningskvot"
OLD_EDITION = (
    "00;Riket;2016;riktade_insatser_kr_per_inv;totalt;5 484;kr per invånare;;Regionfakta;"
    "http://www.regionfakta.com/Vasterbottens-lan/Samhallets-service/Kommunala-kostnader/"
    "Sarskilt-riktade-insatser/;Särskilt riktade insatser;2017-06-30"
)


def _file(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _kvot_2024(data_dir) -> tuple[pd.DataFrame, bytes]:
    """Take the försörjningskvot 2024 out of a copy of data/ and return it as an import file."""
    path = data_dir / "kommunstatistik.csv"
    table = pd.read_csv(path, dtype={"omradeskod": str})
    chosen = (table["matt"] == "forsorjningskvot") & (table["ar"] == 2024)
    table[~chosen].to_csv(path, index=False)
    rows = table[chosen].assign(varde=table.loc[chosen, "varde_text"]).drop(columns=["varde_text", "last"])
    return table[chosen], rows.to_csv(sep=";", index=False).encode()


def _value(con, code: str, ar: int, matt: str) -> tuple[float, int | None] | None:
    found = con.execute(
        "SELECT varde, import_id FROM kommunstatistik WHERE omradeskod = ? AND ar = ? AND matt = ? "
        "AND grupp = 'totalt'",
        [code, ar, matt],
    ).fetchall()
    return found[0] if found else None


def test_an_import_fills_a_year_the_pages_lack_and_undo_takes_it_back(scratch_con, data_copy):
    printed, data = _kvot_2024(data_copy)
    embedded.build(scratch_con, data_copy)
    assert 2024 not in county.years(scratch_con, "forsorjningskvot")

    parsed = statimport.parse(scratch_con, data, "kvot-2024.csv")
    preview = statimport.preview(scratch_con, parsed)
    assert statimport.summary(preview) == {"ny": 12, "ändrad": 0, "oförändrad": 0}
    stored = statimport.store(scratch_con, parsed, "Eva")
    assert (stored.import_id, stored.added, stored.replaced) == (1, 12, 0)

    ranking = county.ranking(scratch_con, "forsorjningskvot", 2024)
    by_kommun = ranking.set_index("kommun")["varde"]
    # Regionfakta, Demografisk försörjningskvot per 100 invånare 2024: Skinnskatteberg 99,3.
    assert by_kommun["Skinnskatteberg"] == pytest.approx(99.3)
    assert by_kommun.notna().sum() == 10
    source = ranking.set_index("kommun").at["Skinnskatteberg", "kalla"]
    assert "Regionfakta, Demografisk försörjningskvot per 100 invånare 2024" in source
    assert "(import 1)" in source

    # The data survives a rebuild of the embedded data.
    embedded.build(scratch_con, data_copy)
    assert _value(scratch_con, "1904", 2024, "forsorjningskvot") == (pytest.approx(99.3), 1)

    statimport.undo(scratch_con, 1, "Eva")
    assert _value(scratch_con, "1904", 2024, "forsorjningskvot") is None
    assert statimport.history(scratch_con).iloc[0]["angrad_av"] == "Eva"
    with pytest.raises(ImportRefused, match="redan ångrad"):
        statimport.undo(scratch_con, 1, "Eva")
    assert len(printed) == 12


def test_an_older_edition_replaces_the_newer_value_until_undone(built):
    assert _value(built, "00", 2016, "riktade_insatser_kr_per_inv") == (5496, None)
    parsed = statimport.parse(built, _file(OLD_EDITION), "aldre.csv")
    preview = statimport.preview(built, parsed)
    assert preview[["status", "varde_nu"]].values.tolist() == [["ändrad", 5496]]
    statimport.store(built, parsed, "Eva")
    assert _value(built, "00", 2016, "riktade_insatser_kr_per_inv") == (5484, 1)
    statimport.undo(built, 1, "Eva")
    assert _value(built, "00", 2016, "riktade_insatser_kr_per_inv") == (5496, None)


def test_the_data_in_effect_exported_and_imported_again_changes_nothing(built):
    data = statimport.current_csv(built)
    parsed = statimport.parse(built, data, "kommunstatistik.csv")
    assert len(parsed.rows) == len(pd.read_csv(io.BytesIO(data), sep=";"))
    stored = statimport.store(built, parsed, "Eva")
    assert stored.import_id is None and stored.added == stored.replaced == 0
    assert statimport.history(built).empty


KVOT_ROW = (
    f"1904;Skinnskatteberg;2024;forsorjningskvot;totalt;99,3;;;Regionfakta;{KVOT_PAGE};Kvot 2024;2025-02-21"
)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([KVOT_ROW.replace("1904;", "1999;", 1)], "rad 2, kolumn omradeskod: ”1999” är varken en kommun"),
        (
            [KVOT_ROW.replace("Skinnskatteberg", "Sala")],
            "rad 2, kolumn omrade: ”Sala” är inte namnet på 1904",
        ),
        ([KVOT_ROW.replace(";2024;", ";1850;")], "rad 2, kolumn ar: ”1850” är inget år"),
        ([KVOT_ROW.replace("forsorjningskvot", "lycka")], "rad 2, kolumn matt: ”lycka” är inget känt mått"),
        ([KVOT_ROW.replace(";totalt;", ";barn;")], "rad 2, kolumn grupp: ”barn” är varken totalt"),
        ([KVOT_ROW.replace(";99,3;", ";99.3;")], "rad 2, kolumn varde: ”99.3” är inget tal"),
        ([KVOT_ROW.replace(";99,3;", ";-4;")], "rad 2, kolumn varde: -4 ligger utanför"),
        (
            [KVOT_ROW.replace(";99,3;;", ";99,3;procent;")],
            "rad 2, kolumn enhet: ”procent” är inte måttets enhet",
        ),
        ([KVOT_ROW.replace("Regionfakta;", ";")], "rad 2, kolumn utgivare: är tom."),
        ([KVOT_ROW.replace("Kvot 2024", "Kvot\x00 2024")], "rad 2, kolumn tabell: innehåller tecknet U+0000"),
        ([KVOT_ROW.replace("Kvot 2024", "Kvot \u202e2024")], "kolumn tabell: innehåller tecknet U+202E"),
        ([KVOT_ROW.replace("Kvot 2024", "K" * 301)], "rad 2, kolumn tabell: 301 tecken; högst 300."),
        ([KVOT_ROW.replace("2025-02-21", "21/2 2025")], "rad 2, kolumn senast_uppdaterad: ”21/2 2025”"),
        (
            [KVOT_ROW, KVOT_ROW],
            "rad 2, 3: Skinnskatteberg 2024 försörjningskvot (totalt) finns flera gånger.",
        ),
    ],
)
def test_a_bad_row_is_refused_with_file_row_and_column_and_nothing_written(built, rows, expected):
    with pytest.raises(ImportRefused) as refused:
        statimport.parse(built, _file(*rows), "fel.csv")
    assert any(p.startswith("fel.csv") and expected in p for p in refused.value.problems), (
        refused.value.problems
    )
    assert statimport.history(built).empty


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "fel.csv: filen är tom."),
        (HEADER.replace(";sida", "").encode() + b"\n", "fel.csv, rad 1: kolumnen sida saknas i rubrikraden."),
        ((HEADER + ";varde").encode() + b"\n", "fel.csv, rad 1: kolumnen varde finns flera gånger."),
        ((HEADER + "\n").encode(), "fel.csv: filen har inga datarader."),
    ],
)
def test_a_bad_file_is_refused_whole(built, data, expected):
    with pytest.raises(ImportRefused) as refused:
        statimport.parse(built, data, "fel.csv")
    assert expected in refused.value.problems


def test_the_measure_may_be_named_as_a_person_reads_it(built):
    row = KVOT_ROW.replace("forsorjningskvot", "Demografisk försörjningskvot")
    parsed = statimport.parse(built, _file(row), "kvot.csv")
    assert parsed.rows.iloc[0][["matt", "enhet", "omrade"]].tolist() == [
        "forsorjningskvot",
        "kvot",
        "Skinnskatteberg",
    ]


def test_an_editor_imports_statistics_on_the_page_data_and_lansjamforelse_shows_them(fresh_db):  # noqa: F811
    at = _login(_page(editors={"password_hash": HASH}).run())
    assert not at.exception
    uploader = next(u for u in at.file_uploader if u.label == "Fil med publicerad statistik")
    uploader.set_value(("aldre.csv", _file(OLD_EDITION), "text/csv")).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ändrade värden"] == "1" and metrics["Nya värden"] == "0"
    next(b for b in at.button if b.label == "Importera 1 nya och ändrade värden").click().run()
    assert not at.exception
    assert any(s.value.startswith("Statistikimport 1 sparad: 0 nya och 1 ersatta värden") for s in at.success)
    log = [h for h in at.get("html") if "Statistikimport" in h.proto.body or "aldre.csv" in h.proto.body]
    assert log, "the log of statistics imports is shown"
    # Undo asks first, then brings the newer edition's 5 496 kr back.
    assert at.button(key="statistik_undo").disabled
    next(c for c in at.checkbox if c.label.startswith("Ja, ångra statistikimport 1")).check().run()
    at.button(key="statistik_undo").click().run()
    assert not at.exception
    assert any(s.value.startswith("Statistikimport 1 är ångrad") for s in at.success)
    assert _value(ui.database().con, "00", 2016, "riktade_insatser_kr_per_inv") == (5496, None)

    lan = AppTest.from_file(str(db.REPO_ROOT / "app_pages" / "lan.py"), default_timeout=60).run()
    assert not lan.exception
    headers = [s.value for s in lan.subheader]
    # No stored page prints sökande i program as a share per kommun: the page says so.
    assert "Mått som saknas" in headers
    missing = next(m.value for m in lan.markdown if m.value.startswith("De publicerade tabeller"))
    assert "sökande i program" in missing and "sidan Data" in missing


def test_any_kommun_and_lan_of_sweden_and_a_dropped_leading_zero(con):
    """Issue 26: the statistics import takes any of the 290 kommuner, any län and the country;
    a code a spreadsheet wrote without its leading zero (188 for Norrtälje 0188) is read as it was."""
    header = "omradeskod;omrade;ar;matt;grupp;varde;enhet;kalla;utgivare;sida;tabell;senast_uppdaterad"
    tail = ";2024;forsorjningskvot;totalt;80,1;;SCB;Regionfakta;https://www.regionfakta.com;Försörjningskvot;2025-02-21"
    rows = [f"188;Norrtälje{tail}", f"1480;Göteborg{tail}", f"01;Stockholms län{tail}", f"00;Riket{tail}"]
    parsed = statimport.parse(con, ("\n".join([header, *rows]) + "\n").encode(), "riket.csv")
    assert list(parsed.rows["omradeskod"]) == ["0188", "1480", "01", "00"]
