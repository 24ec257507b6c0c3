"""Each editor their förbund (issue 26, part 3; dashboard/exchange/scope.py): an account of
``[editors.forbund]`` changes only its förbund, on Data and Scenarier, whatever the page (or a
forged widget value) chose; refused in Swedish, logged, nothing written. The logs on Data show
an editor the imports of their förbund.

The editor is logged in as the tests of the login do it: the account's name in the session."""

from __future__ import annotations

import io
import logging

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard.domain import scenarios
from dashboard.exchange import imports, scope, workbook, workbook_export
from dashboard.store import db, embedded, overlays, sql
from dashboard.view import passwords, ui
from tests import import_files as files
from tests.app_pages.test_data_page import fresh_db  # noqa: F401  (a fixture)

REPO = db.REPO_ROOT
TIMEOUT = 60
NV = "Norra Västmanlands Samordningsförbund"
VM = "Samordningsförbundet Västra Mälardalen"
VASTMANLAND = "Samordningsförbundet Västmanland"
ANNA, BO, CARL = "Anna Svensson", "Bo Lindqvist", "Carl Ek"  # NV's; every förbund's; no förbund
HASH = passwords.hash_password("ett lösenord")
EDITORS = {
    "accounts": {ANNA: HASH, BO: HASH, CARL: HASH},
    # names as a person writes them: case and spaces do not matter
    "forbund": {"anna  svensson": [" norra västmanlands samordningsförbund"], BO: "alla"},
}
STAT_HEADER = "omradeskod;omrade;ar;matt;grupp;varde;enhet;kalla;utgivare;sida;tabell;senast_uppdaterad"


def _page(file: str, account: str, **session) -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / file), default_timeout=TIMEOUT)
    at.secrets["editors"] = EDITORS
    at.session_state["_editor_name"] = account
    for key, value in session.items():
        at.session_state[key] = value
    return at.run()


def _budget(forbund: str, ar: int = 2023, belopp: str = "-1 000") -> bytes:
    return files.csv_bytes(
        [[forbund, str(ar), f"{ar}-12-31", "Nytt team", "individinsats", "budget", belopp]]
    )


def _statistics(*areas: tuple[str, str]) -> bytes:
    rows = [
        f"{code};{name};2024;forsorjningskvot;totalt;99,5;;SCB;Regionfakta;https://www.regionfakta.com;"
        "Försörjningskvot;2025-02-21"
        for code, name in areas
    ]
    return ("\n".join([STAT_HEADER, *rows]) + "\n").encode()


def _upload(at: AppTest, label: str, name: str, data: bytes) -> AppTest:
    (uploader,) = [u for u in at.file_uploader if u.label == label]
    return uploader.set_value((name, data, "application/octet-stream")).run()


def _click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label.startswith(label)).click().run()


def _counts() -> tuple:
    """What the writes can change: every log and the saved scenarios."""
    cur = ui.database().con.cursor()
    logs = ("budget_imports", "workbook_imports", "statistik_imports", "goal_outcomes")
    counted = [cur.execute(f"SELECT count(*), count(angrad) FROM user_data.{t}").fetchall()[0] for t in logs]
    return (*counted, cur.execute("SELECT count(*) FROM user_data.scenarios").fetchall()[0][0])


def _refusals(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "editor change refused" in r.getMessage()]


def _errors(at: AppTest) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]  # fmt.plain escapes Markdown


@pytest.fixture
def logged(caplog):
    caplog.set_level(logging.INFO, logger="dashboard.view.auth")
    return caplog


# ------------------------------------------------------------------ the rule


def test_the_section_names_each_accounts_forbund():
    assert scope.of(ANNA, None).everything  # no section: every editor as before
    anna = scope.of(ANNA, EDITORS["forbund"])
    assert anna.forbund == ("norra västmanlands samordningsförbund",)
    assert anna.allows(NV) and anna.allows("NORRA  Västmanlands samordningsförbund")
    assert not anna.allows(VM) and not anna.allows(None)
    assert scope.of("bo lindqvist", EDITORS["forbund"]).everything
    assert scope.of(BO, {BO: ["Alla"]}).everything
    assert scope.of(CARL, EDITORS["forbund"]).forbund == ()  # not named: nothing
    assert scope.of(CARL, {CARL: 12}).forbund == ()  # a value that is no list: nothing


def test_an_account_naming_an_unknown_forbund_is_found(con):
    found = scope.problems(con, {ANNA: [NV], BO: ["Samordningsförbundet Atlantis"], CARL: 3})
    assert found == {
        BO: "[editors.forbund], kontot Bo Lindqvist: förbundet ”Samordningsförbundet Atlantis” finns "
        "inte i databasen",
        CARL: "[editors.forbund], kontot Carl Ek: värdet ska vara en lista med förbundens namn eller ”alla”",
    }


def test_every_workbook_table_is_in_the_query_of_an_imports_forbund():
    text = sql.load("scope_import_forbund")
    assert [o.user_table for o in overlays.OVERLAYS.values() if f"FROM {o.user_table}\n" not in text] == []


def test_statistics_are_the_kommuner_of_the_forbunds_lan(con):
    anna = scope.of(ANNA, EDITORS["forbund"], scope.known_forbund(con))  # spelt as the data spells it
    allowed = scope.allowed_areas(con, anna)
    assert {"19", "1980", "1984"} <= allowed and not {"00", "03", "0380"} & allowed
    with pytest.raises(scope.OutOfScope) as refused:
        scope.check_areas(con, anna, ["1980", "03", "00"])
    assert refused.value.message == (
        "Kontot Anna Svensson får inte ändra statistiken för riket och statistiken för Uppsala län; "
        "det får ändra ”Norra Västmanlands Samordningsförbund”. Inget har ändrats."
    )
    scope.check_areas(con, scope.of(BO, EDITORS["forbund"]), ["00", "03"])  # alla


# ------------------------------------------------------------------ Data


def test_a_budget_file_of_another_forbund_is_refused_and_logged_the_own_imported(fresh_db, logged):  # noqa: F811
    at = _page("data.py", ANNA)
    assert not at.exception
    assert any(c.value.startswith("Du får ändra ”Norra Västmanlands") for c in at.caption)
    before = _counts()
    at = _upload(at, "Fil från ekonomisystemet", "vm.csv", _budget(VM))
    at = _click(at, "Importera 1 nya")
    assert _errors(at) == [
        f"Kontot {ANNA} får inte ändra ”{VM}”; det får ändra ”Norra Västmanlands Samordningsförbund”. "
        "Inget har ändrats."
    ]
    assert _counts() == before
    (line,) = _refusals(logged)
    assert f"account '{ANNA}'" in line and "session " in line and f"may not change ”{VM}”" in line
    # A file of two förbund, one of them the editor's: refused whole.
    at = _upload(at, "Fil från ekonomisystemet", "tva.csv", _budget(NV) + _budget(VM).split(b"\n", 1)[1])
    at = _click(at, "Importera 2 nya")
    assert _counts() == before and len(_refusals(logged)) == 2
    at = _upload(at, "Fil från ekonomisystemet", "nv.csv", _budget(NV))
    at = _click(at, "Importera 1 nya")
    assert not at.exception and any(s.value.startswith("Import 1 sparad") for s in at.success)


def test_a_workbook_of_another_forbund_is_refused(fresh_db, logged):  # noqa: F811
    con = db.connect()
    embedded.ensure_built(con)
    book = load_workbook(io.BytesIO(workbook_export.export(con, VM)))
    con.close()
    book["Möten"].append([VM, "2023-02-01", "Förbundsstyrelse", "Första mötet"])
    out = io.BytesIO()
    book.save(out)
    at = _page("data.py", ANNA)
    before = _counts()
    at = _upload(at, "Arbetsbok (.xlsx)", "vm.xlsx", out.getvalue())
    assert not at.exception
    at = _click(at, "Importera 1 nya")
    assert f"Kontot {ANNA} får inte ändra ”{VM}”" in _errors(at)[0]
    assert _counts() == before and len(_refusals(logged)) == 1


def test_statistics_of_another_lan_are_refused_of_the_own_lan_imported(fresh_db, logged):  # noqa: F811
    at = _page("data.py", ANNA)
    before = _counts()
    label = "Fil med publicerad statistik"
    at = _upload(at, label, "riket.csv", _statistics(("1980", "Västerås"), ("00", "Riket")))
    at = _click(at, "Importera 2 nya")
    assert "får inte ändra statistiken för riket;" in _errors(at)[0]
    assert _counts() == before and len(_refusals(logged)) == 1
    at = _upload(at, label, "lanet.csv", _statistics(("1980", "Västerås"), ("19", "Västmanlands län")))
    at = _click(at, "Importera 2 nya")
    assert not at.exception and any(s.value.startswith("Statistikimport 1 sparad") for s in at.success)
    # SCB's tables are the whole country's: not offered to an editor of one förbund.
    assert not [u for u in at.file_uploader if u.label == "Fil från SCB"]
    assert any(i.value.startswith("SCB:s tabeller gäller hela riket") for i in at.info)


def test_the_logs_show_the_editors_forbund_and_another_forbunds_undo_is_refused(
    fresh_db,  # noqa: F811
    logged,
    monkeypatch,
):
    con = ui.database().con
    for forbund in (VM, NV):  # imported by an editor of every förbund
        imports.store(con, imports.parse(con.cursor(), _budget(forbund), f"{forbund}.csv"), BO)
    at = _page("data.py", BO)
    assert list(at.dataframe[0].value["Import"]) == [2, 1]  # every förbund's
    at = _page("data.py", ANNA)
    assert list(at.dataframe[0].value["Import"]) == [2]  # NV's only
    undo_choice = next(s for s in at.selectbox if s.label == "Ångra en import")
    assert undo_choice.options == ["Import 2: Norra Västmanlands Samordningsförbund.csv"]
    # A page that offered another's import (a forged choice) is refused at the undo all the same.
    monkeypatch.setattr(scope, "visible", lambda con, rights, kind, log, done: log)
    at = _page("data.py", ANNA)
    before = _counts()
    at = next(s for s in at.selectbox if s.label == "Ångra en import").set_value(1).run()
    at = next(c for c in at.checkbox if c.label.startswith("Ja, ångra import 1")).check().run()
    at = next(b for b in at.button if b.label == "Ångra").click().run()
    assert _errors(at) == [
        f"Kontot {ANNA} får inte ändra ”{VM}”; det får ändra ”Norra Västmanlands Samordningsförbund”. "
        "Inget har ändrats."
    ]
    assert _counts() == before
    assert "undo of import 1 refused" in _refusals(logged)[0]
    # The own import is undone.
    at = next(s for s in at.selectbox if s.label == "Ångra en import").set_value(2).run()
    at = next(c for c in at.checkbox if c.label.startswith("Ja, ångra import 2")).check().run()
    at = next(b for b in at.button if b.label == "Ångra").click().run()
    assert any(s.value.startswith("Import 2 är ångrad") for s in at.success)


def test_an_account_the_section_does_not_name_changes_nothing(fresh_db, logged):  # noqa: F811
    at = _page("data.py", CARL)
    assert any("Ditt konto får inte ändra något förbund" in w.value for w in at.warning)
    assert not [r for r in at.dataframe if "Import" in r.value.columns]
    before = _counts()
    at = _upload(at, "Fil från ekonomisystemet", "nv.csv", _budget(NV))
    at = _click(at, "Importera 1 nya")
    assert _errors(at) == [
        f"Kontot {CARL} får inte ändra något förbund: administratören har inte angett några förbund "
        "för det i [editors.forbund]. Inget har ändrats."
    ]
    assert _counts() == before


def test_an_outcome_for_another_forbunds_goal_is_refused(fresh_db, logged):  # noqa: F811
    at = _page("data.py", ANNA)
    assert at.selectbox(key="goal_forbund").options == [NV]  # the form offers the editor's förbund
    before = _counts()
    for goal, ar in (("vastra-malardalen-2023-10", 2023), ("norra-vastmanland-2021-1b", 2021)):  # VM's, NV's
        data = (
            f"mal_id;period;utfall;bedömning;utfall_text;källa\n{goal};{ar};;uppnått;Det gick bra;Protokoll\n"
        )
        at = _upload(at, "Eller en fil med flera utfall (CSV eller Excel)", "utfall.csv", data.encode())
        at = _click(at, "Registrera 1 utfall")
        assert not at.exception
        if goal.startswith("vastra"):
            assert any(f"får inte ändra ”{VM}”" in e for e in _errors(at))
            assert _counts() == before and len(_refusals(logged)) == 1
    assert any(s.value.startswith("1 utfall registrerade ur utfall.csv") for s in at.success)
    cur = ui.database().con.cursor()
    assert cur.execute("SELECT mal_id FROM user_data.goal_outcomes").fetchall() == [
        ("norra-vastmanland-2021-1b",)
    ]
    # The recorded goal of another förbund, checked from the database when undone.
    with pytest.raises(scope.OutOfScope):
        scope.check_outcomes(cur, scope.of(ANNA, EDITORS["forbund"]), ["vastra-malardalen-2023-10"])
    scope.check_outcome_undo(cur, scope.of(ANNA, EDITORS["forbund"]), 1)


# ------------------------------------------------------------------ Scenarier


def test_scenarios_of_another_forbund_are_neither_saved_copied_nor_deleted(fresh_db, logged):  # noqa: F811
    con = ui.database().con
    scenarios.save(con, "Plan VM", scenarios.Assumptions(forbund=VM, base_year=2023))
    open_box = {"scenario-save-open": True}
    # The page shows NV's scenario: saved.
    at = _page("scenarier.py", ANNA, **open_box, **{"_ui_kept_ui-forbund": NV, "_ui_year": 2023})
    assert not at.exception
    at.text_input(key="scenario-name").set_value("Plan NV").run()
    at = _click(at, "Spara")
    assert any(s.value == "Sparat som ”Plan NV”." for s in at.success)
    before = _counts()
    # Another förbund's figures on the page (a choice anyone may make to look): not saved.
    at = _page("scenarier.py", ANNA, **open_box, **{"_ui_kept_ui-forbund": VM, "_ui_year": 2023})
    assert any("det här scenariot gäller" in c.value for c in at.caption)
    at.text_input(key="scenario-name").set_value("Min kopia av VM").run()
    at = _click(at, "Spara")
    assert any(f"får inte ändra ”{VM}”" in e for e in _errors(at))
    # Another förbund's saved scenario chosen: neither copied nor deleted.
    at = next(s for s in at.selectbox if s.label == "Sparade scenarier").set_value("Plan VM").run()
    at = _click(at, "Duplicera")
    assert any(f"får inte ändra ”{VM}”" in e for e in _errors(at))
    at = next(c for c in at.checkbox if c.label.startswith("Ja, ta bort")).check().run()
    at = _click(at, "Ta bort")
    assert any(f"får inte ändra ”{VM}”" in e for e in _errors(at))
    assert _counts() == before
    assert set(scenarios.saved(con)["namn"]) == {"Plan VM", "Plan NV"}
    assert [m.split(": may")[0].rsplit(", ", 1)[1] for m in _refusals(logged)] == [
        "saving scenario 'Min kopia av VM' refused",
        "duplicating scenario 'Plan VM' refused",
        "deleting scenario 'Plan VM' refused",
    ]
    # An editor of every förbund deletes it.
    at = _page("scenarier.py", BO, **open_box)
    at = next(s for s in at.selectbox if s.label == "Sparade scenarier").set_value("Plan VM").run()
    at = next(c for c in at.checkbox if c.label.startswith("Ja, ta bort")).check().run()
    at = _click(at, "Ta bort")
    assert set(scenarios.saved(con)["namn"]) == {"Plan NV"}


def _nv_book_with(con, change) -> bytes:
    """NV's own workbook, as exported, with ``change(book)`` made to it."""
    book = load_workbook(io.BytesIO(workbook_export.export(con, NV)))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _check(con, data: bytes) -> None:
    parsed = workbook.parse(con, workbook.read(data, "nv.xlsx"), "nv.xlsx", data)
    scope.check_workbook(con, scope.Scope(ANNA, (NV,)), parsed)


def test_a_goal_or_staffing_row_under_ones_own_forbund_may_not_take_anothers(con):
    """Goals are keyed by their id, staffing and places by insats and year: a row written under
    NV's name that would replace Västerås's is Västerås's to change (found by a review)."""
    vasteras = "Samordningsförbundet Västerås"
    _check(con, _nv_book_with(con, lambda book: None))  # NV's own book: allowed

    def goal(book):
        book["Mål"].cell(row=2, column=16).value = "vasteras-2022-01"  # Mål-id of Västerås's goal

    with pytest.raises(scope.OutOfScope) as refused:
        _check(con, _nv_book_with(con, goal))
    assert f"får inte ändra ”{vasteras}”" in refused.value.message

    def staffing(book):
        # NV names Västerås's insats by its id (Rådgivande myndighetsgemensamt team, 2023) and staffs it.
        book["Insatser"].append([NV, "RMGT", "individinsats", None, 2023, 2023, None, "rmgt-vasteras"])
        book["Bemanning"].append([NV, 2023, "rmgt-vasteras", "personal", "Arbetsförmedlingen", 0.4])

    with pytest.raises(scope.OutOfScope) as refused:
        _check(con, _nv_book_with(con, staffing))
    assert vasteras in refused.value.message
