"""Each editor their förbund in a real browser (issue 26, part 3): an editor of Norra Västmanlands
Samordningsförbund tries to import another förbund's workbook and to save a scenario for
another förbund, and is not offered another förbund's import to undo; each write is refused in
Swedish, in the server log, and nothing changes."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from dashboard.domain import scenarios
from dashboard.exchange import imports, workbook_export
from dashboard.store import db, embedded
from dashboard.view import passwords
from tests import import_files
from tests.e2e.conftest import assert_no_exception, running_app, screenshot, wait_for_run

pytestmark = pytest.mark.browser

NV = "Norra Västmanlands Samordningsförbund"
VM = "Samordningsförbundet Västra Mälardalen"
ANNA, PASSWORD = "Anna Svensson", "annas långa lösenord för provet"


@contextlib.contextmanager
def _app(workdir: Path) -> Iterator[tuple[str, Path]]:
    """``running_app`` with editor accounts and ``[editors.forbund]``; yields its URL and its log file."""
    secrets = (
        "[editors.accounts]\n"
        f'"{ANNA}" = "{passwords.hash_password(PASSWORD)}"\n'
        '"Bo Lindqvist" = "scrypt$1$2$3$x$y"\n'
        "[editors.forbund]\n"
        f'"{ANNA}" = ["{NV}"]\n'
        '"Bo Lindqvist" = "alla"\n'
    )
    with running_app(workdir, secrets=secrets) as url:
        yield url, next(workdir.glob("streamlit-*.log"))


def _state(path: Path) -> tuple:
    con = db.connect(path)
    try:
        logs = ("budget_imports", "workbook_imports", "statistik_imports", "goal_outcomes")
        counted = [
            con.execute(f"SELECT count(*), count(angrad) FROM user_data.{t}").fetchall()[0] for t in logs
        ]
        return (*counted, sorted(scenarios.saved(con)["namn"]))
    finally:
        con.close()


def _vm_workbook(path: Path) -> Path:
    con = db.connect(path)
    book = load_workbook(io.BytesIO(workbook_export.export(con, VM)))
    con.close()
    book["Möten"].append([VM, "2023-02-01", "Förbundsstyrelse", "Första mötet"])
    out = path.parent / "vm.xlsx"
    book.save(out)
    return out


def test_an_editor_of_one_forbund_cannot_change_another(tmp_path, page: Page) -> None:
    database = tmp_path / "e2e.duckdb"
    con = db.connect(database)
    embedded.ensure_built(con)
    # Another förbund's budget import and scenario, made by an editor of every förbund.
    vm_file = import_files.csv_bytes(
        [[VM, "2023", "2023-12-31", "Nytt team", "individinsats", "budget", "-1 000"]]
    )
    imports.store(con, imports.parse(con, vm_file, "vm.csv"), "Bo Lindqvist")
    scenarios.save(con, "Plan VM", scenarios.Assumptions(forbund=VM, base_year=2023))
    con.close()
    book = _vm_workbook(database)
    before = _state(database)

    with _app(tmp_path) as (url, log_path):
        page.goto(f"{url}/data")
        wait_for_run(page)
        page.get_by_label("Namn (ditt redaktörskonto)").fill(ANNA)
        page.get_by_label("Lösenord").fill(PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        expect(page.get_by_text(f"Inloggad som redaktör: {ANNA}")).to_be_visible(timeout=30_000)
        wait_for_run(page)
        expect(page.get_by_text(f"Du får ändra ”{NV}” och se deras importer här.")).to_be_visible()
        # Another förbund's import is not offered to undo: the log shows the editor's förbund only.
        expect(
            page.get_by_text("Inga budgetrader har importerats ännu; dashboarden visar dokumentens siffror.")
        ).to_be_visible()
        expect(page.get_by_text("Ångra en import")).to_have_count(0)

        # Another förbund's workbook: previewed, refused at the import.
        field = page.get_by_test_id("stFileUploader").filter(has_text="Arbetsbok (.xlsx)")
        field.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(book))
        button = page.get_by_role("button", name="Importera 1 nya och ändrade rader")
        expect(button).to_be_visible(timeout=30_000)
        button.click()
        refusal = page.get_by_text(f"Kontot {ANNA} får inte ändra ”{VM}”")
        expect(refusal).to_be_visible(timeout=30_000)
        expect(refusal).to_contain_text("Inget har ändrats.")
        assert_no_exception(page)
        screenshot(page, "data-editor-scope-refused")

        # A scenario for another förbund (the page shows Samordningsförbundet Västmanland first),
        # in the same session: through the navigation, not a new page load.
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Scenarier").click()
        wait_for_run(page)
        page.get_by_text("Spara, öppna och jämför scenarier; ladda ner scenariot (Excel)").click()
        wait_for_run(page)
        name = page.get_by_label("Namn på scenariot")
        name.fill("Min plan")
        name.press("Enter")
        wait_for_run(page)
        page.get_by_role("button", name="Spara", exact=True).click()
        expect(
            page.get_by_text(f"Kontot {ANNA} får inte ändra ”Samordningsförbundet Västmanland”")
        ).to_be_visible(timeout=30_000)
        assert_no_exception(page)
        wait_for_run(page)
        server_log = log_path.read_text(encoding="utf-8")

    refused = [line for line in server_log.splitlines() if "editor change refused" in line]
    assert len(refused) == 2, server_log
    assert all(f"account '{ANNA}', session " in line for line in refused)
    assert f"may not change ”{VM}”" in refused[0] and "saving scenario 'Min plan' refused" in refused[1]
    assert PASSWORD not in server_log
    assert _state(database) == before
