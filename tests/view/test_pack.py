"""Mötesunderlag: the PDF and the PowerPoint opened and read, not only written.

Figures come from 001 (Samordningsförbundet Västmanland, Delårsrapport januari–augusti 2025),
section 6, the budget table with its comments, unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import re

import pytest
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from dashboard.domain import budget, county, documents
from dashboard.view import county_view, meeting, pack_pdf, pack_pptx
from dashboard.view import pack as packs
from tests.cli import run

VASTMANLAND = "Samordningsförbundet Västmanland"
VASTERAS = "Samordningsförbundet Västerås"
PERIOD = dt.date(2025, 8, 31)
MEETING = dt.date(2025, 9, 22)
FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|\w+\.csv\b|\bcommit\b")


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def pack(con):
    built = packs.build(con, VASTMANLAND, PERIOD, MEETING)
    packs.render_images(built)  # one Kaleido session for every chart
    return built


@pytest.fixture(scope="module")
def pdf(pack) -> PdfReader:
    return PdfReader(io.BytesIO(pack_pdf.to_pdf(pack)))


@pytest.fixture(scope="module")
def pdf_text(pdf) -> list[str]:
    return [_plain(page.extract_text()) for page in pdf.pages]


@pytest.fixture(scope="module")
def deck(pack):
    return Presentation(io.BytesIO(pack_pptx.to_pptx(pack)))


def _deck_text(deck) -> str:
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return _plain("\n".join(parts))


@pytest.fixture(scope="module")
def pptx_text(deck) -> str:
    return _deck_text(deck)


def _section(pack, key: str) -> meeting.Section:
    return next(s for s in pack.sections if s.key == key)


def test_every_chart_is_an_image(pack):
    with_figures = [s for s in pack.sections if s.figure is not None]
    assert with_figures and all(s.image and s.image.startswith(b"\x89PNG") for s in with_figures)


def test_pdf_cover_and_figures(pdf_text):
    cover = pdf_text[0]
    assert "Mötesunderlag" in cover and VASTMANLAND in cover
    assert "Möte 22 september 2025" in cover and "Period: januari–augusti 2025" in cover
    text = "\n".join(pdf_text)
    # Samordningsteam Västerås utfall 2 359 306, prognos 5 100 000; SUMMA prognos -9 073.
    assert "-2 359 306 kr" in text and "-5 100 000 kr" in text
    assert "-9 073 kr" in text
    assert "Källa: Delårsrapport januari–augusti 2025" in text
    # The deviation's comment stands with its post.
    assert "medelstilldelning" in text


def test_pptx_cover_and_figures(pptx_text):
    assert "Mötesunderlag" in pptx_text and "Period: januari–augusti 2025" in pptx_text
    assert "-2 359 306 kr" in pptx_text and "-5 100 000 kr" in pptx_text and "-9 073 kr" in pptx_text
    assert "+1 000 000 kr" in pptx_text and "klart bättre" in pptx_text


def test_every_pdf_page_is_numbered_with_forbund_and_period(pdf_text):
    total = len(pdf_text)
    assert total >= 6
    for number, text in enumerate(pdf_text, start=1):
        assert f"Sida {number} av {total}" in text
        assert f"Mötesunderlag {VASTMANLAND}, januari–augusti 2025" in text


def _chunks(page) -> list[tuple[str, float, float, float]]:
    """Every piece of text on a PDF page: text, left, right and baseline, in points."""
    found = []

    def visit(text, cm, tm, font, size) -> None:
        text = text.strip()
        if not text or not font:
            return
        left = cm[4] + tm[4]
        right = left + stringWidth(text, font["/BaseFont"].lstrip("/"), size)
        found.append((_plain(text), left, right, cm[5] + tm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_pdf_amounts_are_right_aligned(pdf):
    chunks = [c for page in pdf.pages for c in _chunks(page)]
    # Prognos 2025 of Samordningsteam Västerås and of Styrelse, one column of the budget table.
    big = next(c for c in chunks if c[0] == "-5 100 000 kr")
    small = next(c for c in chunks if c[0] == "-634 396 kr")
    assert small[1] > big[1] + 5  # the shorter amount starts further right …
    assert small[2] == pytest.approx(big[2], abs=0.6)  # … and both end at the column's edge
    # Text columns stay left: the posts start at the table's left edge.
    posts = [c for c in chunks if c[0] in ("Styrelse", "Samordningsteam Västerås")]
    assert len({round(c[1]) for c in posts}) == 1


def test_no_pdf_text_runs_outside_the_page(pdf):
    for number, page in enumerate(pdf.pages, start=1):
        width = float(page.mediabox.width)
        for text, left, right, baseline in _chunks(page):
            assert left >= 40 and right <= width - 40, (number, text, left, right)
            assert 20 <= baseline <= float(page.mediabox.height) - 30, (number, text)


def _size(paragraph, run) -> float:
    """A run's font size in points: its own, else its paragraph's."""
    return (run.font.size or paragraph.font.size).pt


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _check_geometry(deck) -> None:
    """Every shape inside the slide, none overlapping another, every table as tall as its rows."""
    width, height = deck.slide_width, deck.slide_height
    assert width / height == pytest.approx(16 / 9, abs=0.001)
    for number, slide in enumerate(deck.slides, start=1):
        boxes = []
        for shape in slide.shapes:
            box = (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)
            assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, (number, shape.name)
            boxes.append((shape.name, box))
            if shape.has_table:
                rows = shape.table.rows
                assert sum(r.height for r in rows) == shape.height, (number, "table height")
                assert sum(c.width for c in shape.table.columns) == shape.width, (number, "table width")
                for row in rows:
                    size = max(
                        (_size(p, r) for c in row.cells for p in c.text_frame.paragraphs for r in p.runs),
                        default=0,
                    )
                    lines = max(len(c.text_frame.paragraphs) for c in row.cells)
                    assert Emu(row.height).pt >= lines * size * 1.2, (number, "row lower than its text")
        for (name_a, a), (name_b, b) in itertools.combinations(boxes, 2):
            assert not _overlap(a, b), (number, name_a, name_b)


def test_no_pptx_shape_overlaps_another_or_leaves_the_slide(deck):
    _check_geometry(deck)


@pytest.mark.parametrize(
    ("forbund", "period"),
    [
        (VASTMANLAND, "2025-08-31"),
        (VASTMANLAND, "2024-12-31"),
        (VASTERAS, "2022-12-31"),
        ("Samordningsförbundet Västra Mälardalen", "2023-12-31"),
        ("Norra Västmanlands Samordningsförbund", "2021-12-31"),
    ],
)
def test_every_forbund_s_deck_keeps_its_shapes_apart(con, forbund, period):
    # Without chart images, so every table stands on the view's first slide.
    built = packs.build(con, forbund, dt.date.fromisoformat(period), MEETING)
    deck = Presentation(io.BytesIO(pack_pptx.to_pptx(built)))
    _check_geometry(deck)
    text = _deck_text(deck)
    assert not FILE_NAME.search(text)
    assert "None" not in text and not re.search(r"\bnan\b", text)


def test_long_tables_continue_on_more_slides(deck):
    titles = [s.shapes[0].text_frame.text for s in deck.slides if any(shape.has_table for shape in s.shapes)]
    # 001's table has 23 rows (16 posts, 6 sums, the result): more than one slide holds.
    assert titles.count("Budget och utfall per post (forts.)") >= 2


def test_slide_text_is_large_enough_for_a_projector(deck):
    for number, slide in enumerate(list(deck.slides)[1:], start=2):
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for piece in (r for r in paragraph.runs if r.text.strip()):
                        assert _size(paragraph, piece) >= 14, (number, piece.text)


def test_pptx_amounts_are_right_aligned(deck):
    from pptx.enum.text import PP_ALIGN

    for slide in deck.slides:
        for shape in (s for s in slide.shapes if s.has_table):
            header = [c.text for c in shape.table.rows[0].cells]
            if "Prognos 2025" in header:
                j = header.index("Prognos 2025")
                cells = [row.cells[j] for row in shape.table.rows]
                assert all(c.text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT for c in cells)
                post = [row.cells[0] for row in shape.table.rows]
                assert all(c.text_frame.paragraphs[0].alignment == PP_ALIGN.LEFT for c in post)


def test_no_raw_values_in_the_pack(pack, pdf_text, pptx_text):
    for text in ("\n".join(pdf_text), pptx_text):
        assert "None" not in text and not re.search(r"\bnan\b", text)
    for section in pack.sections:
        if section.table is None:
            continue
        for column in section.amounts:
            for cell in section.table[column].astype(str):
                assert not re.search(r"\d\.\d", cell), (section.key, cell)  # no decimal point
                assert not re.search(r"\d{4}", cell), (section.key, cell)  # thousands separated


def test_the_deviations_are_the_posts_outside_i_niva(pack, pptx_text):
    section = _section(pack, "avvikelser")
    assert list(section.table.columns) == ["Post", "Avvikelse", "Mot budget", "Kommentar"]
    assert section.table["Mot budget"].iloc[0] == "klart bättre"  # told once, in the table
    assert not any(b.startswith("Samordningsteam Västerås") for b in section.bullets)
    # Prognos minus budget: Samordningsteam Västerås +1 000 000, Samverkansmedel ofördelat
    # +360 000, Administration +342 008, Rehabkoordinatorer +180 000, Psykiatriresurs +61 500
    # (19 % of -321 500). Teamsamverkan Västra Mälardalen is +70 500 kr, but only 4,5 % of its
    # budget of -1 550 500: "i nivå", so not among them.
    assert list(section.table["Post"]) == [
        "Samordningsteam Västerås",
        "Samverkansmedel ofördelat",
        "Administration",
        "Rehabkoordinatorer i samverkan",
        "Psykiatriresurs",
    ]
    assert _plain(section.table["Avvikelse"].iloc[4]) == "+61 500 kr"
    assert "Teamssamverkan Västra Mälardalen: +70 500" not in pptx_text
    assert "2026 års medelstilldelning" in section.table["Kommentar"].iloc[0]
    assert section.table["Kommentar"].iloc[4] == "–"  # 001 prints no comment on Psykiatriresurs
    assert section.figure is None  # a waterfall of the groups does not say which posts deviate


def test_a_year_without_a_budget_is_not_said_to_be_in_level(con):
    # 003 Årsredovisning 2021 prints utfall 2020 beside budget 2021: 2020 has no budget, so
    # nothing can deviate from it, and the section says that, not that all is "i nivå".
    table = budget.board_table(budget.lines(con, "Norra Västmanlands Samordningsförbund", 2020))
    section = packs._deviations(table, 2020, "", "helår 2020")
    assert section.table is None
    assert section.bullets == [
        "Avvikelser kan inte räknas för 2020: dokumenten ger ingen budget att jämföra bokslut med."
    ]


def test_when_no_post_deviates_the_section_says_so(con):
    table = budget.board_table(budget.lines(con, VASTMANLAND, 2025, PERIOD))
    level = table.assign(niva=0)  # as if every one of the 17 posts were "i nivå"
    section = packs._deviations(level, 2025, "", "januari–augusti 2025")
    assert section.table is None
    assert section.bullets == [
        "Ingen post avviker från budget: alla 17 poster ligger i nivå med budgeten "
        "(prognos 2025 mot budget 2025)."
    ]


def test_a_budget_only_year_says_why_there_are_no_deviations(con):
    # 004 gives only the budget for 2024.
    built = packs.build(con, VASTMANLAND, dt.date(2024, 12, 31), MEETING, ["avvikelser"])
    assert built.sections[0].table is None
    assert built.sections[0].bullets[0].startswith("Avvikelser kan inte räknas för 2024")


def test_sections_name_the_period_of_their_own_data(pack, pdf_text, pptx_text):
    lan = _section(pack, "lan")
    assert lan.period == "2022" and lan.title.endswith("2022")
    team = _section(pack, "team")
    # 004 section 6.1: the teams' staffing and places are the 2024 plan's; 001 gives the budget.
    assert team.period == "budget 2025, bemanning och platser enligt planen för 2024"
    assert _section(pack, "budget").period == "januari–augusti 2025"
    for text in ("\n".join(pdf_text), pptx_text):
        assert f"{VASTMANLAND}, 2022" in text
        assert f"{VASTMANLAND}, budget 2025, bemanning och platser enligt planen för 2024" in text


def test_sources_are_document_titles_and_sections(con, pack, pdf_text, pptx_text):
    for text in ("\n".join(pdf_text), pptx_text):
        assert not FILE_NAME.search(text)
    # 004 sections 6.1.1–6.1.5 and 6.2.1 print the teams' staffing and places; 001 section 6
    # their budget.
    team = _section(pack, "team").source
    teams = "6.1.1, 6.1.2, 6.1.3, 6.1.4, 6.1.5, 6.2.1"
    assert documents.citation(con, "004_e2487ae932abf35c.txt", teams, short=True) in team
    assert documents.citation(con, "001_b4ec0f32d236804d.txt", "6", short=True) in team
    for section in pack.sections:
        assert section.source and not FILE_NAME.search(section.source), section.key


def test_county_default_has_every_kommun(con):
    # Regionfakta, "Öppet arbetslösa efter kön" (Arbetsförmedlingen, uppdaterad 2023-01-18),
    # table "Öppet arbetslösa kvinnor och män 2022": all ten kommuner, kvinnor and män (no total
    # is printed, so the first group, kvinnor, is shown and named); helårsekvivalenter per
    # kommun only Västerås's 2022.
    key, ar = county.default_measure(con)
    assert (key, ar) == ("oppet_arbetslosa", 2022)
    assert county.ranking(con, key, ar)["varde"].notna().sum() == 10
    assert county_view.opening(con).label == "Öppet arbetslösa, andel av arbetskraften 16–64, kvinnor"


def test_the_county_view_is_left_out_when_no_kommun_has_values(con, monkeypatch):
    monkeypatch.setattr(county, "default_measure", lambda con, lan: ("hel_andel", 1990))
    section = packs.build(con, VASTMANLAND, PERIOD, MEETING, ["lan"]).sections[0]
    assert section.table is None and section.figure is None
    assert section.bullets[0].startswith(
        "Länsjämförelsen är utelämnad: inget av dess mått har värden för kommunerna i Västmanlands län"
    )


def test_meetings_are_the_chosen_forbund_s(con):
    assert meeting.meetings(con, VASTMANLAND, 2025).empty  # no årshjul for Västmanland in the data
    # 000 bilaga 1: six styrelse meetings, four joint meetings with the utvecklingsgrupp and
    # two medlemssamråd in 2022; the utvecklingsgrupp's own meetings are not the board's.
    rows = meeting.meetings(con, VASTERAS, 2022)
    assert len(rows) == 12 and set(rows["forbund"]) == {VASTERAS}
    assert rows["datum"].iloc[0].date() == dt.date(2022, 1, 14)
    assert rows["datum"].is_monotonic_increasing
    assert rows["datum"].iloc[meeting.default_meeting(rows, dt.date(2022, 8, 31))].date() == dt.date(
        2022, 9, 23
    )
    assert "Verksamhetsplan 2022 (Samordningsförbundet Västerås)" in meeting.meetings_note(rows, 2023)
    assert meeting.meetings_note(rows, 2023).endswith("Årshjulet gäller 2022, inte 2023.")


def test_a_period_that_is_not_in_the_data(con):
    with pytest.raises(meeting.ReportError, match="ingen period som slutar 30 juni 2025"):
        packs.build(con, VASTMANLAND, dt.date(2025, 6, 30), MEETING)


def test_the_command_line_writes_a_pptx(tmp_path):
    out = tmp_path / "underlag.pptx"
    env = {**os.environ, "FINSAM_DB": str(tmp_path / "r.duckdb")}
    done = run(
        "report", "--forbund", VASTMANLAND, "--period", "2025-08-31", "--out", str(out), env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    deck = Presentation(str(out))
    assert len(deck.slides) >= 6
    _check_geometry(deck)
    bad = run(
        "report",
        "--forbund",
        VASTMANLAND,
        "--period",
        "2025-08-31",
        "--out",
        str(tmp_path / "x.docx"),
        env=env,
    )
    assert bad.returncode == 2 and "välj .pdf eller .pptx" in bad.stderr
