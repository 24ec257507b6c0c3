"""A förbund's workbook on the page Data in Chromium at 1280×720 (issue 25): the preview per
sheet, the import and the log, as an editor sees them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.app_pages.test_workbook_page import _changed_workbook
from tests.e2e.conftest import (
    assert_no_exception,
    grid_text,
    login_editor,
    running_app,
    screenshot,
    wait_for_run,
)

pytestmark = pytest.mark.browser


def test_a_workbook_previewed_imported_and_logged_at_1280x720(tmp_path, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="sv-SE")
    page = context.new_page()
    try:
        with running_app(tmp_path) as url:
            login_editor(page, url)
            wait_for_run(page)
            source = tmp_path / "Arbetsbok Västra Mälardalen.xlsx"
            source.write_bytes(_changed_workbook())
            field = page.get_by_test_id("stFileUploader").filter(has_text="Arbetsbok (.xlsx)")
            field.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(source))
            metrics = page.get_by_test_id("stMetric")
            expect(metrics.filter(has_text=re.compile("^Ändrade rader"))).to_contain_text("1", timeout=30_000)
            wait_for_run(page)
            page.get_by_role("tab", name="Bidrag (1 ändring)").click()
            frames = page.get_by_test_id("stDataFrame")
            # The Bidrag tab's table, once drawn: only its changed row holds "Belopp kr: 1 …".
            expect(frames.filter(has_text="Belopp kr: 1").first).to_be_visible(timeout=30_000)
            bidrag = next(
                i for i in range(frames.count()) if "Belopp kr: 1" in (frames.nth(i).text_content() or "")
            )
            rows = grid_text(page, bidrag)
            changed = next(r for r in rows if r.startswith("ändrad"))
            # 002 "5. Budget 2023, Resultatbudget": Staten 2021 utfall 1 500 tkr, now 1 600 000 kr.
            assert "Belopp kr: 1 500 000 → 1 600 000" in " ".join(changed.split())  # no-break spaces too
            page.get_by_role("tab", name="Bidrag (1 ändring)").scroll_into_view_if_needed()
            screenshot(page, "data-workbook-preview-1280")
            page.get_by_role("button", name="Importera 2 nya och ändrade rader").click()
            expect(page.get_by_text("Arbetsbok 1 sparad: 1 nya och 1 ersatta rader.")).to_be_visible(
                timeout=30_000
            )
            wait_for_run(page)
            expect(page.get_by_text("Ingen arbetsbok har importerats ännu")).to_have_count(0)
            log = page.locator("#arbetsbok-logg")
            log.scroll_into_view_if_needed()
            row = " ".join((log.locator("tbody tr").first.text_content() or "").split())
            assert "Eva Ek" in row and "Bidrag 1, Möten 1" in row
            assert "Arbetsbok Västra Mälardalen.xlsx" in row
            # whole at 1280×720: the log's last column inside the page, not behind a scroll
            last = log.locator("thead th").last
            assert (last.text_content() or "").strip() == "Ångrad"
            box, frame = last.bounding_box(), log.bounding_box()
            assert box and frame and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
            assert_no_exception(page)
            screenshot(page, "data-workbook-log-1280")
    finally:
        context.close()
