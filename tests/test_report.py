"""Mötesunderlag: the PDF and the PowerPoint opened and read, not only written."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from pptx import Presentation
from pypdf import PdfReader

from dashboard import report
from tests.cli import run

VASTMANLAND = "Samordningsförbundet Västmanland"
PERIOD = dt.date(2025, 8, 31)
MEETING = dt.date(2025, 9, 22)


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def pack(con):
    built = report.build(con, VASTMANLAND, PERIOD, MEETING)
    report.render_images(built)  # one Kaleido session for every chart
    return built


@pytest.fixture(scope="module")
def pdf_text(pack) -> list[str]:
    reader = PdfReader(io.BytesIO(report.to_pdf(pack)))
    return [_plain(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def pptx_text(pack) -> str:
    deck = Presentation(io.BytesIO(report.to_pptx(pack)))
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return _plain("\n".join(parts))


def test_every_chart_is_an_image(pack):
    with_figures = [s for s in pack.sections if s.figure is not None]
    assert with_figures and all(s.image and s.image.startswith(b"\x89PNG") for s in with_figures)


def test_pdf_cover_and_figures(pdf_text):
    cover = pdf_text[0]
    assert "Mötesunderlag" in cover and VASTMANLAND in cover
    assert "Möte 22 september 2025" in cover and "Period: januari–augusti 2025" in cover
    text = "\n".join(pdf_text)
    # 001 section 6: Samordningsteam Västerås utfall 2 359 306, prognos 5 100 000; SUMMA prognos -9 073.
    assert "-2 359 306 kr" in text and "-5 100 000 kr" in text
    assert "-9 073 kr" in text
    assert "Källa: Delårsrapport januari–augusti 2025" in text
    # The deviation comment stands with its line.
    assert "2026 års medelstilldelning" in text


def test_pptx_cover_and_figures(pptx_text):
    assert "Mötesunderlag" in pptx_text and "Period: januari–augusti 2025" in pptx_text
    assert "-2 359 306 kr" in pptx_text and "-5 100 000 kr" in pptx_text and "-9 073 kr" in pptx_text
    assert "Samordningsteam Västerås: +1 000 000 kr mot budget (klart bättre)." in pptx_text


def test_a_period_that_is_not_in_the_data(con):
    with pytest.raises(report.ReportError, match="ingen period som slutar 30 juni 2025"):
        report.build(con, VASTMANLAND, dt.date(2025, 6, 30), MEETING)


def test_the_command_line_writes_a_pptx(tmp_path):
    out = tmp_path / "underlag.pptx"
    env = {**os.environ, "FINSAM_DB": str(tmp_path / "r.duckdb")}
    done = run(
        "report", "--forbund", VASTMANLAND, "--period", "2025-08-31", "--out", str(out), env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    deck = Presentation(str(out))
    assert len(deck.slides) >= 6
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
