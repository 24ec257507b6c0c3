"""Sources a person can read and open: citations by title and section, the documents shipped
in data/dokument/, and the passage behind a figure with the figure marked."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain import documents
from dashboard.store import db, embedded
from dashboard.view import passages, sources

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60

D000 = "000_bd6ae2b63bc30ce9.txt"  # Samordningsförbundet Västerås, Verksamhetsplan 2022
D001 = "001_b4ec0f32d236804d.txt"  # Samordningsförbundet Västmanland, Delårsrapport jan–aug 2025
D002 = "002_4df4a6005cb89b8f.txt"  # Samordningsförbundet Västra Mälardalen, VP och budget 2023
D003 = "003_0e0350ac31af1d8b.txt"  # Norra Västmanlands Samordningsförbund, Årsredovisning 2021
D004 = "004_e2487ae932abf35c.txt"  # Samordningsförbundet Västmanland, VP och budget 2024
S001_6 = "6. Ekonomiskt utfall per 31 augusti samt prognos för helår 2025"

# A file name, path or commit where a person reads a source.
FILE_LIKE = re.compile(
    r"\.(txt|md|csv|py|sql|duckdb|json|geojson)\b|shared/|seeds|\b\d{3}_[0-9a-f]{8,}|\b[0-9a-f]{16,40}\b",
    re.IGNORECASE,
)
# Columns of data/*.csv that are shown to a person as a source or beside one.
SOURCE_COLUMNS = ("avsnitt", "kalla", "anmarkning", "titel", "utgivare", "beslutad")


def _marked(p: passages.Passage) -> dict[int, list[str]]:
    """The marked text of each shown line with a mark."""
    return {line.number: [line.text[a:b] for a, b in line.marks] for line in p.lines if line.marks}


# --- citations ---------------------------------------------------------------------------


def test_citation_reads_as_title_publisher_and_section(con):
    # data/dokument.csv: 001 is the Delårsrapport januari–augusti 2025 of Samordningsförbundet
    # Västmanland; its section 6 holds the budget, utfall and prognos per line.
    assert documents.citation(con, D001, S001_6) == (
        "Delårsrapport januari–augusti 2025, Samordningsförbundet Västmanland, "
        "avsnitt 6. Ekonomiskt utfall per 31 augusti samt prognos för helår 2025"
    )
    assert documents.citation(con, D001, S001_6, short=True) == (
        "Delårsrapport januari–augusti 2025 (Samordningsförbundet Västmanland), avsnitt 6"
    )
    # 000's årshjul is its bilaga 1.
    bilaga = "Bilaga 1 Årshjul för Samordningsförbundet Västerås 2022"
    assert documents.citation(con, D000, bilaga, short=True) == (
        "Verksamhetsplan 2022 (Samordningsförbundet Västerås), bilaga 1"
    )
    assert documents.section_title(bilaga) == bilaga
    assert documents.section_title(S001_6) == "Avsnitt " + S001_6


def test_no_citation_shows_a_file_name(con):
    pairs = set()
    for table in embedded.EMBEDDED_TABLES:
        frame = pd.read_csv(embedded.csv_path(table, db.DATA_DIR), dtype=str, keep_default_na=False)
        if {"dokument", "avsnitt"} <= set(frame.columns):
            pairs |= set(zip(frame["dokument"], frame["avsnitt"], strict=True))
    assert len(pairs) > 50
    for dokument, avsnitt in pairs:
        for short in (False, True):
            text = documents.citation(con, dokument, avsnitt, short=short)
            assert not FILE_LIKE.search(text), text
            assert "Okänt dokument" not in text, (dokument, avsnitt)
    # A document the data does not know is not named by its file either.
    assert documents.citation(con, "999_0123456789abcdef.txt", "1. X") == "Okänt dokument, avsnitt 1. X"


def test_no_csv_shows_a_file_name_as_a_source():
    for path in sorted(db.DATA_DIR.glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in set(SOURCE_COLUMNS) & set(frame.columns):
            for row, value in enumerate(frame[column], start=2):
                assert not FILE_LIKE.search(value), f"{path.name} rad {row}, {column}: {value}"
    # Every cited document is described in dokument.csv by a title a person reads.
    docs = pd.read_csv(db.DATA_DIR / "dokument.csv", dtype=str, keep_default_na=False)
    assert not any(FILE_LIKE.search(t) for t in docs["titel"] + " " + docs["utgivare"])


# --- the shipped documents ---------------------------------------------------------------


def test_the_five_documents_ship_in_the_repository(con):
    assert documents.DOCUMENTS_DIR == REPO / "data" / "dokument"
    docs = documents.documents(con)
    assert list(docs["id"]) == ["000", "001", "002", "003", "004"]
    assert list(docs["dokument"]) == [D000, D001, D002, D003, D004]
    # The covers: 001 "Godkänd av förbundsstyrelsen 2025-09-22", 004 "Beslutad av
    # interimsstyrelsen 2023-11-16"; 000 prints no approval.
    by_id = docs.set_index("id")
    assert by_id.at["001", "beslutad"] == "Godkänd av förbundsstyrelsen 2025-09-22"
    assert by_id.at["004", "beslutad"] == "Beslutad av interimsstyrelsen 2023-11-16"
    assert by_id.at["000", "beslutad"] is None
    # 003 runs to 3 506 lines; every document cited by the data has its text here.
    assert len(documents.lines(D003)) == 3506
    cited = set()
    for table in embedded.EMBEDDED_TABLES:
        frame = pd.read_csv(embedded.csv_path(table, db.DATA_DIR), dtype=str, keep_default_na=False)
        if "dokument" in frame.columns:
            cited |= set(frame["dokument"])
    assert {d for d in cited if d.endswith(".txt")} == {D000, D001, D002, D003, D004}
    assert all(documents.has_text(d) for d in cited if d.endswith(".txt"))
    assert not documents.has_text("scb_kommunkoder")  # SCB's codes: cited, not shipped


def test_download_name_is_the_title(con):
    assert (
        documents.download_name(con, D003)
        == "Årsredovisning 2021 – Norra Västmanlands Samordningsförbund.txt"
    )
    assert documents.raw(D003).decode("utf-8").splitlines()[1308] == " 5. Driftsredovisning  "


# --- passages ----------------------------------------------------------------------------


def test_a_kr_figure_is_found_on_its_line_and_marked():
    # 001 section 6: "Medel från huvudmännen 18 958 000 14 218 500 18 958 000 0" (line 538):
    # årsbudget and prognos 2025 both 18 958 000.
    p = passages.passage(D001, S001_6, 18958000)
    assert p.found and p.notice is None
    assert _marked(p) == {538: ["18 958 000", "18 958 000"]}
    assert p.figure_lines == (538,)
    assert p.section == (520, 602)  # from the heading of section 6 to the end of the report
    assert [line.number for line in p.lines] == list(range(526, 550))  # six non-empty lines each side
    # Not the 14 218 500 (utfall) beside it, nor a part of it.
    assert passages.figure_spans("Medel från huvudmännen 14 218 500", 218500)[0][2] is False


def test_the_label_picks_the_line_when_a_figure_is_printed_twice():
    # 001 section 6: Surahammar (line 549) and Hallstahammar (line 551) both budget 1 250 000.
    p = passages.passage(D001, S001_6, -1250000, label="Samordningsteam Hallstahammar")
    assert list(_marked(p)) == [551]
    assert _marked(p)[551] == ["-1 250 000", "-1 250 000"]  # budget and prognos, sign as printed
    assert p.figure_lines == (549, 551)
    assert list(_marked(passages.passage(D001, S001_6, -1250000))) == [549, 551]


def test_a_tkr_figure_is_found_in_its_printed_form():
    # 003 section 5 Driftsredovisning (tkr): Samordningsteam Surahammar, utfall 2021 -963
    # (line 1356 "Surahammar   -963 -963 -958 -5  -964 -964"; the label on the line above).
    p = passages.passage(D003, "5. Driftsredovisning", -963000, "tkr", label="Samordningsteam Surahammar")
    assert p.found and p.notice is None
    assert _marked(p) == {1356: ["-963", "-963"]}
    assert p.status("tkr") == "Siffran -963\u00a0tkr är markerad på rad 1356."
    # 002 section 5 Resultatbudget (Kkr): Arbetsförmedling och Försäkringskassa 1 500 every year.
    p = passages.passage(D002, "5. Budget 2023, Resultatbudget", 1500000, "tkr")
    assert _marked(p) == {253: ["1 500"] * 4}
    # 002 prints costs unsigned: Revisionskostnader prognos 2022 62 tkr ("50 50 62 60").
    p = passages.passage(D002, "5. Budget 2023, Resultatbudget", -62000, "tkr", label="Revisionskostnader")
    assert _marked(p) == {271: ["62"]}


def test_separators_and_signs_as_documents_print_them():
    # No-break and narrow no-break spaces between thousands, a minus sign, no separators.
    for text in ("Styrelse \u2212619\u00a0227 kr", "Styrelse -619\u202f227", "Styrelse -619227"):
        ((start, end, clear),) = passages.figure_spans(text, -619227)
        digits = text[start:end].lstrip("-\u2212").replace("\u00a0", " ").replace("\u202f", " ")
        assert digits in ("619 227", "619227")
        assert clear
    assert passages.figure_spans("18 958 000", 18958000, "tkr") == [(0, 6, False)]  # part of a larger number
    assert passages.figure_spans("2025-08-31 6,0 FTE", 6, "") == []  # not in a date or a decimal
    assert passages.figure_spans("ca 6,0 FTE", 6.0, "FTE") == []  # 6.0 is an integer: 6, not 6,0
    assert passages.figure_spans("Västmanland 14,5", 14.5, "")[0][:2] == (12, 16)


def test_a_figure_not_in_the_section_says_so():
    # 18 958 000 is printed in section 6 of 001, not in section 4.
    section_4 = (
        "4. Uppföljning av mål och aktiviteter i verksamhetsplan 2025: Målområde – att stödja individinsatser"
    )
    p = passages.passage(D001, section_4, 18958000)
    assert not p.found and p.figure_lines == ()
    assert p.notice == (
        "Siffran 18\u00a0958\u00a0000\u00a0kr hittades inte som den är tryckt i avsnittet; "
        "här visas avsnittets början."
    )
    assert p.section == (186, 484)  # section 4 ends where "5. PLANERADE AKTIVITETER" begins
    # The part it names, "Målområde – att stödja individinsatser", begins at line 231.
    assert p.lines[0].number == 231
    assert p.lines[0].text.startswith("MÅLOMRÅDE – ATT STÖDJA INDIVIDINSATSER")


def test_a_section_without_a_figure_opens_at_its_heading():
    # 003 section 6 Noter, Not 4. Fordringar (line 1523); 004 section 6.1.1 Samordningsteam FNS.
    p = passages.passage(D003, "6. Noter – Not 4. Fordringar")
    assert p.notice is None and p.lines[0].text.startswith("Not 4. Fordringar")
    p = passages.passage(D004, "6.1.1. Samordningsteam FNS")
    assert p.lines[0].text == "### 6.1.1. SAMORDNINGSTEAM FNS" and p.section == (253, 260)
    # A heading the document does not have.
    p = passages.passage(D004, "9. Finns inte", 1)
    assert p.section is None and "Avsnittet hittades inte" in p.notice


def test_every_amount_in_the_data_is_found_in_its_section():
    # Every budget line, balance, printed total, deviation and contribution of the five
    # documents is printed in the section its row names (the tables in tkr in their tkr form).
    count = 0
    for table in ("budget_lines", "balance_items", "printed_totals", "printed_deviations", "contributions"):
        frame = pd.read_csv(embedded.csv_path(table, db.DATA_DIR), keep_default_na=False)
        for row in frame.itertuples():
            label = getattr(row, "post", None) or getattr(row, "medlem", None)
            p = passages.passage(
                row.dokument, row.avsnitt, float(row.belopp), row.enhet_i_kallan, label=label
            )
            assert p.found and p.section, (table, row.Index + 2, row.avsnitt, row.belopp)
            count += 1
    assert count > 500


def test_document_text_is_escaped():
    text = "<script>alert('x')</script> & 1 500 <b>kr</b>"
    line = passages.Line(7, text, ((text.index("1 500"), text.index("1 500") + 5),))
    out = sources.lines_html([line], "Test")
    assert "<script>" not in out and "<b>kr" not in out
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; <mark>1 500</mark> &lt;b&gt;kr&lt;/b&gt;"
        in out
    )
    # 004 section 7 prints its headings in <b> tags: they stay text; the figure is marked.
    p = passages.passage(D004, "7. Budget 2024", -606000, label="Styrelse")
    out = sources.passage_html(p)
    assert "&lt;b&gt;Styrelse&lt;/b&gt;\t-\t<mark>606 000</mark> kr" in out
    assert "<b>" not in out
    assert out.count("<mark>") == 1


# --- links -------------------------------------------------------------------------------


def test_url_opens_the_passage_and_reads_back():
    link = sources.url(D003, "5. Driftsredovisning", -963000, "tkr", label="Samordningsteam Surahammar")
    assert link == (
        "kallor?dok=003&avsnitt=5.%20Driftsredovisning&varde=-963000&enhet=tkr"
        "&post=Samordningsteam%20Surahammar"
    )
    params = dict(urllib.parse.parse_qsl(link.split("?", 1)[1]))
    assert params == sources.query_params(
        D003, "5. Driftsredovisning", -963000, "tkr", "Samordningsteam Surahammar"
    )
    request = sources.parse(params)
    assert (request.dokument, request.avsnitt, request.value, request.unit, request.label) == (
        D003,
        "5. Driftsredovisning",
        -963000.0,
        "tkr",
        "Samordningsteam Surahammar",
    )
    assert sources.url(D001, S001_6, 18958000).startswith("kallor?dok=001&avsnitt=6.%20Ekonomiskt")
    assert sources.url(D001) == "kallor?dok=001"
    assert sources.parse({}) is None
    assert sources.parse({"dok": "999"}).dokument is None


# --- the page ----------------------------------------------------------------------------


def _page(**params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("app_pages/kallor.py").run()
    assert not at.exception
    return at


def _shown_text(at: AppTest) -> str:
    parts = [e.value for e in (*at.title, *at.header, *at.subheader, *at.markdown, *at.caption)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("params", [{}, {"dok": "003"}])
def test_page_lists_the_documents_by_title(params):
    at = _page(**params)
    if not params:
        assert at.title[0].value == "Källdokument"
        assert [s.value for s in at.subheader] == [
            "Verksamhetsplan 2022",
            "Delårsrapport januari–augusti 2025",
            "Verksamhetsplan och budget 2023",
            "Årsredovisning 2021",
            "Verksamhetsplan och budget 2024",
        ]
        assert any("Godkänd av förbundsstyrelsen 2025" in m.value for m in at.markdown)
    else:  # one document whole: 3 506 numbered lines of 003
        assert at.title[0].value == "Årsredovisning 2021"
        (block,) = [h.proto.body for h in at.get("html") if "kalla-nr" in h.proto.body]  # not the app's CSS
        assert block.count('<span class="kalla-nr">') == 3506
        assert '<span class="kalla-nr">1309</span><span> 5. Driftsredovisning  </span>' in block
    assert not FILE_LIKE.search(_shown_text(at))


def test_page_opens_the_passage_with_the_figure_marked():
    at = _page(dok="001", avsnitt=S001_6, varde="18958000")
    assert at.title[0].value == "Delårsrapport januari–augusti 2025"
    assert at.subheader[0].value.replace("\\", "") == "Avsnitt " + S001_6
    assert at.info[0].value.replace("\\", "") == "Siffran 18 958 000\u00a0kr är markerad på rad 538."
    (block,) = [h.proto.body for h in at.get("html") if "kalla-nr" in h.proto.body]  # not the app's CSS
    assert (
        '<span class="kalla-nr">538</span><span>Medel från huvudmännen <mark>18 958 000</mark> 14 218 500 '
        "<mark>18 958 000</mark> 0 </span>" in block
    )
    assert not FILE_LIKE.search(_shown_text(at))


def test_page_says_when_the_figure_or_document_is_not_there():
    # 001 section 6 prints no 12 345 678.
    at = _page(dok="001", avsnitt=S001_6, varde="12345678")
    assert "hittades inte som den är tryckt" in at.warning[0].value
    at = _page(dok="999")
    assert "Det finns inget källdokument" in at.error[0].value


def test_an_imported_line_is_cited_as_the_import_it_came_from(con):
    # An editor's import (README, Imports): its lines name the file and the import, and there
    # is no document text to open, so no link (never "Okänt dokument").
    avsnitt = "import 1 (2025-10-02 14:11), rad 2"
    assert documents.citation(con, "sept.csv", avsnitt, short=True) == (
        "importerat från ekonomisystemet: sept.csv (import 1)"
    )
    assert sources.link("sept.csv", avsnitt, -5000000) is None
    assert documents.title(con, "sept.csv") == "importerat från ekonomisystemet (sept.csv)"
    assert (
        documents.title(con, D001) == "Delårsrapport januari–augusti 2025 (Samordningsförbundet Västmanland)"
    )
    assert sources.link(D001, S001_6, 18958000) == sources.url(D001, S001_6, 18958000)


def test_several_sections_of_a_document_are_cited_once(con):
    # The team table's sources: 004 sections 6.1.1–6.1.5 (the teams) and 7 (Budget 2024).
    sections = ["7. Budget 2024", "6.1.2. Samordningsteam Hallstahammar", "6.1.1. Samordningsteam FNS"]
    assert documents.citation_of_sections(con, D004, sections) == (
        "Verksamhetsplan och budget 2024 (Samordningsförbundet Västmanland), avsnitt 6.1.1, 6.1.2, 7"
    )


def test_every_figure_of_the_goals_files_is_found_in_its_section():
    # Issue 17: nyckeltal (shares, counts, the amounts that were only in notes), the
    # balanskravsutredning (printed in tkr with one decimal: -35,2) and the kassaflödesanalys
    # are printed in the section each row names; the board's counts too, as their words.
    count = 0
    frame = pd.read_csv(embedded.csv_path("nyckeltal", db.DATA_DIR), keep_default_na=False)
    for row in frame.itertuples():
        unit = row.enhet_i_kallan if row.enhet == "kr" else ""
        p = passages.passage(row.dokument, row.avsnitt, float(row.varde), unit)
        assert p.found and p.section, ("nyckeltal", row.Index + 2, row.nyckeltal, row.varde)
        count += 1
    for table in ("balanskrav", "kassaflode"):
        frame = pd.read_csv(embedded.csv_path(table, db.DATA_DIR), keep_default_na=False)
        for row in frame[frame["belopp"] != ""].itertuples():
            value, unit = float(row.belopp), row.enhet_i_kallan
            if table == "balanskrav":  # 0,1 tkr: the number as printed, not whole tkr
                value, unit = value / 1000, ""
            p = passages.passage(row.dokument, row.avsnitt, value, unit, label=row.post)
            assert p.found and p.section, (table, row.Index + 2, row.post, row.belopp)
            count += 1
    frame = pd.read_csv(embedded.csv_path("styrelse", db.DATA_DIR), keep_default_na=False)
    for row in frame.itertuples():
        p = passages.passage(row.dokument, row.avsnitt)
        assert p.section, ("styrelse", row.Index + 2, row.avsnitt)
        lo, hi = p.section
        text = " ".join(" ".join(documents.lines(row.dokument)[lo - 1 : hi]).split()).casefold()
        assert " ".join(row.antal_text.split()).casefold() in text, (
            "styrelse",
            row.Index + 2,
            row.antal_text,
        )
        count += 1
    assert count > 100
