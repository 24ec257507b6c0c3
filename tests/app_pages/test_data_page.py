"""The page Data and the editor login, in Streamlit's AppTest; the import command line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import db
from dashboard.view import passwords, ui
from tests import import_files as files
from tests.cli import run

REPO = db.REPO_ROOT
TIMEOUT = 60
PASSWORD = "korrekt hästbatteri"
HASH = passwords.hash_password(PASSWORD)


@pytest.fixture
def fresh_db(tmp_path, monkeypatch):
    """A database of the test's own: the page's imports must not reach other tests.

    The app's connection is process-wide (st.cache_resource), so it is dropped on the way
    in and out."""
    path = tmp_path / "page.duckdb"
    monkeypatch.setenv("FINSAM_DB", str(path))
    ui._database.clear()
    yield path
    ui._database.clear()


def _page(**secrets) -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / "data.py"), default_timeout=TIMEOUT)
    for key, value in secrets.items():
        at.secrets[key] = value
    return at


def _login(at: AppTest, name: str = "Eva", password: str = PASSWORD) -> AppTest:
    at.text_input(key="editor_name_input").set_value(name)
    at.text_input(key="editor_password_input").set_value(password)
    return next(b for b in at.button if b.label == "Logga in").click().run()


def test_password_hash_checks_the_password_and_nothing_else():
    assert passwords.check_password(PASSWORD, HASH)
    assert not passwords.check_password(PASSWORD + " ", HASH)
    assert not passwords.check_password(PASSWORD, "scrypt$1$2$3$not-base64$x")
    assert not passwords.check_password(PASSWORD, "md5$abc")
    assert passwords.hash_password(PASSWORD) != HASH  # salted


def test_without_a_configured_login_nobody_can_import(fresh_db):
    at = _page().run()
    assert not at.exception
    assert any("Ingen redaktörsinloggning är konfigurerad" in i.value for i in at.info)
    assert not at.file_uploader


def test_a_wrong_password_is_refused(fresh_db):
    at = _login(_page(editors={"password_hash": HASH}).run(), password="fel")
    assert any(e.value == "Fel lösenord." for e in at.error)
    assert not at.file_uploader


def test_an_editor_imports_previews_confirms_and_undoes(fresh_db):
    at = _login(_page(editors={"password_hash": HASH}).run())
    assert not at.exception
    assert at.success[0].value == "Inloggad som redaktör: Eva"
    at.file_uploader[0].set_value(("ut.csv", files.csv_bytes(), "text/csv")).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Nya rader": "3", "Ändrade rader": "1", "Oförändrade rader": "1"}
    preview = at.dataframe[0].value
    assert list(preview["Status"]) == ["ändrad", "ny", "ny", "ny", "oförändrad"]
    # 001 section 6: Samordningsteam Västerås, prognos 2025, -5 100 000 before the import.
    assert preview.iloc[0]["Belopp nu"] == -5_100_000
    next(b for b in at.button if b.label.startswith("Importera 4 ")).click().run()
    assert not at.exception
    assert any(s.value.startswith("Import 1 sparad: 3 nya och 1 ersatta rader") for s in at.success)
    log = at.dataframe[-1].value
    assert log.iloc[0][["Import", "Av", "Fil", "Nya rader", "Ersatta rader"]].tolist() == [
        1,
        "Eva",
        "ut.csv",
        3,
        1,
    ]
    # Undo asks for confirmation first.
    undo = next(b for b in at.button if b.label == "Ångra")
    assert undo.disabled
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Ångra").click().run()
    assert not at.exception
    assert any("Import 1 är ångrad" in s.value for s in at.success)
    assert at.dataframe[-1].value.iloc[0]["Ångrad"].endswith("av Eva")


def test_a_bad_file_lists_every_problem_and_offers_no_import(fresh_db):
    rows = [list(r) for r in files.long_rows()]
    rows[0][0] = "<b>Okänt</b>"
    rows[1][5] = "plan"
    at = _login(_page(editors={"password_hash": HASH}).run())
    at.file_uploader[0].set_value(("fel.csv", files.csv_bytes(rows), "text/csv")).run()
    assert not at.exception
    assert at.error[0].value.replace("\\", "").startswith("fel.csv kan inte importeras; inget har ändrats.")
    problems = list(at.dataframe[0].value["Problem"])
    assert problems == [
        "fel.csv, rad 2, kolumn förbund: okänt förbund ”<b>Okänt</b>”.",
        "fel.csv, rad 3, kolumn mått: okänt mått ”plan”; "
        "välj budget, utfall, prognos, förväntat utfall eller bokslut.",
    ]
    assert not [b for b in at.button if b.label.startswith("Importera")]


def test_a_delarsrapport_table_needs_its_forbund_and_period(fresh_db):
    at = _login(_page(editors={"password_hash": HASH}).run())
    at.radio(key="import_layout").set_value(at.radio(key="import_layout").options[1]).run()
    at.date_input[0].set_value(files.dt.date(2025, 9, 30)).run()
    at.file_uploader[0].set_value(("delar.csv", files.wide_csv(), "text/csv")).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ändrade rader"] == "1"  # Samordningsteam Västerås, prognos
    assert any("Summa kostnader" in t.value for t in at.text)


def test_oidc_login_makes_a_listed_address_an_editor(fresh_db):
    auth_section = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}
    at = _page(auth=auth_section, editors={"emails": ["eva@forbund.se"]})
    at.user = {"is_logged_in": True, "email": "eva@forbund.se"}
    at.run()
    assert not at.exception
    assert at.success[0].value.replace("\\", "") == "Inloggad som redaktör: eva@forbund.se"
    assert at.file_uploader

    at = _page(auth=auth_section, editors={"emails": ["eva@forbund.se"]})
    at.user = {"is_logged_in": True, "email": "olle@exempel.se"}
    at.run()
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any("olle@exempel.se är inloggad men inte redaktör" in w for w in warnings)
    assert not at.file_uploader


@pytest.mark.parametrize(
    "user",
    [
        {"is_logged_in": True, "name": "eva@forbund.se"},  # a display name is not an address
        {"is_logged_in": True, "email": "eva@forbund.se", "email_verified": False},
    ],
    ids=["name-only", "unverified"],
)
def test_oidc_needs_a_verified_email_claim(fresh_db, user):
    at = _page(
        auth={"redirect_uri": "http://localhost:8501/oauth2callback"}, editors={"emails": ["eva@forbund.se"]}
    )
    at.user = user
    at.run()
    assert not at.exception
    assert not at.file_uploader


def test_user_text_is_shown_as_written_not_as_markup():
    from dashboard.exchange import fmt

    assert fmt.plain("**fet** [länk](http://x) $x$ <b>") == r"\*\*fet\*\* \[länk\]\(http\://x\) \$x\$ \<b\>"


def test_saving_a_scenario_needs_an_editor(fresh_db):
    at = AppTest.from_file(str(REPO / "app_pages" / "scenarier.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = {"password_hash": HASH}
    at.session_state["scenario-save-open"] = True  # the box opened, as a person opens it
    at.run()
    assert next(b for b in at.button if b.label == "Spara").disabled
    at.session_state["_editor_name"] = "Eva"
    at.run()
    assert not next(b for b in at.button if b.label == "Spara").disabled


# ------------------------------------------------------------------ command line


def test_cli_dry_run_shows_the_changes_and_writes_nothing(tmp_path):
    env = {**os.environ, "FINSAM_DB": str(tmp_path / "cli.duckdb")}
    path = tmp_path / "ut.csv"
    path.write_bytes(files.csv_bytes())
    done = run("import", str(path), "--dry-run", env=env)
    assert done.returncode == 0, done.stderr
    # 001 section 6: prognos -5 100 000 for Samordningsteam Västerås, replaced by the file's.
    assert (
        "rad 4: ändrad: Samordningsförbundet Västmanland 2025, Samordningsteam Västerås, prognos"
        in done.stdout
    )
    assert "-5\u00a0100\u00a0000\u00a0kr → -5\u00a0000\u00a0000\u00a0kr" in done.stdout
    assert done.stdout.rstrip().endswith(
        "3 nya, 1 ändrade och 1 oförändrade rader. Provkörning: inget har sparats."
    )
    con = db.connect(tmp_path / "cli.duckdb")
    assert con.execute("SELECT count(*) FROM user_data.budget_imports").fetchall() == [(0,)]
    con.close()
    done = run("import", str(path), "--vem", "Eva", env=env)
    assert done.returncode == 0, done.stderr
    assert "Sparad som import 1." in done.stdout


def test_cli_refuses_a_bad_file_with_every_problem(tmp_path):
    env = {**os.environ, "FINSAM_DB": str(tmp_path / "cli.duckdb")}
    rows = [list(r) for r in files.long_rows()]
    rows[2][6] = "mycket"
    path = tmp_path / "fel.csv"
    path.write_bytes(files.csv_bytes(rows))
    done = run("import", str(path), env=env)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "Fel: filen importerades inte; inget har ändrats.",
        "- fel.csv, rad 4, kolumn belopp: ”mycket” är inte ett tal i kronor.",
    ]


def test_cli_refuses_while_the_app_holds_the_database(tmp_path):
    path = tmp_path / "held.duckdb"
    env = {**os.environ, "FINSAM_DB": str(path)}
    assert run("build", env=env).returncode == 0
    # The running app is another process holding the file open for writing.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        source = tmp_path / "ut.csv"
        source.write_bytes(files.csv_bytes())
        done = run("import", str(source), env=env)
    finally:
        holder.communicate("")
    assert done.returncode == 3
    assert "används av en annan process" in done.stderr
    assert "importer på sidan Data" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_makes_a_password_hash_the_login_accepts():
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "losenord"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    line = done.stdout.splitlines()[-1]
    assert line.startswith('password_hash = "scrypt$')
    assert passwords.check_password(PASSWORD, line.split('"')[1])
    short = subprocess.run(
        [sys.executable, "-m", "dashboard", "losenord"],
        input="kort\n",
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert short.returncode == 2
    assert "minst 12 tecken" in short.stderr


# ------------------------------------------------------------------ issue 18


def test_a_page_run_never_reads_every_line_for_the_exports(fresh_db, monkeypatch):
    """The exports are made when clicked: at a million lines the Excel file took minutes and
    gigabytes on every run and crashed the page before the log and Ångra."""
    from dashboard.exchange import budget_export

    def every_line(_con):
        raise AssertionError("a page run read every budget line")

    monkeypatch.setattr(budget_export, "current_lines", every_line)
    at = _login(_page(editors={"password_hash": HASH}).run())
    assert not at.exception
    labels = {b.proto.label: b for b in at.download_button}
    assert {"Mall (CSV)", "Alla budgetrader nu (CSV)", "Alla budgetrader nu (Excel)"} <= set(labels)
    assert not labels["Alla budgetrader nu (Excel)"].proto.disabled


def test_above_the_excel_limit_the_page_offers_csv_and_keeps_the_log_and_undo(fresh_db, monkeypatch):
    from dashboard.exchange import budget_export

    at = _login(_page(editors={"password_hash": HASH}).run())
    at.file_uploader[0].set_value(("ut.csv", files.csv_bytes(), "text/csv")).run()
    next(b for b in at.button if b.label.startswith("Importera 4 ")).click().run()
    monkeypatch.setattr(budget_export, "XLSX_MAX_LINES", 10)  # the data has 290 lines
    at.run()
    assert not at.exception
    excel = next(b for b in at.download_button if b.proto.label == "Alla budgetrader nu (Excel)")
    assert excel.proto.disabled
    assert any(
        "budgetrader är för många för Excel här (högst 10); ladda ner dem som CSV" in c.value
        for c in at.caption
    )
    assert at.dataframe[-1].value.iloc[0]["Fil"] == "ut.csv"  # the log
    assert any(b.label == "Ångra" for b in at.button)


def test_the_preview_says_which_spelling_is_read_as_a_known_post(fresh_db):
    at = _login(_page(editors={"password_hash": HASH}).run())
    # 001 section 6: Styrelse, prognos -634 396.
    rows = [[files.FORBUND, "2025", "2025-12-31", "styrelse", "administration", "prognos", "−634 396"]]
    at.file_uploader[0].set_value(("ut.csv", files.csv_bytes(rows), "text/csv")).run()
    assert not at.exception
    assert any(
        t.value.startswith("”styrelse” läses som ”Styrelse”, en post som redan finns") for t in at.text
    )
    assert {m.label: m.value for m in at.metric}["Oförändrade rader"] == "1"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        (
            "nul.csv",
            files.csv_bytes(
                [[files.FORBUND, "2025", "2025-09-30", "Styr\x00else", "administration", "utfall", "1"]]
            ),
            "nul.csv, rad 2, kolumn post: texten innehåller tecknet U+0000 (NUL)",
        ),
        ("skräp.xlsx", b"PK\x03\x04" + bytes(200), "skräp.xlsx: filen kan inte läsas som Excel (.xlsx)"),
        (
            "stor.csv",
            files.csv_bytes(
                [[files.FORBUND, "2025", "2025-09-30", "Styrelse", "administration", "utfall", str(2**63)]]
            ),
            "stor.csv, rad 2, kolumn belopp: ”9223372036854775808” ligger utanför det som tas emot",
        ),
    ],
    ids=["nul", "junk-xlsx", "2**63"],
)
def test_a_hostile_file_on_the_page_is_a_swedish_list_not_a_traceback(fresh_db, name, data, problem):
    at = _login(_page(editors={"password_hash": HASH}).run())
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception
    assert at.error[0].value.replace("\\", "").startswith(f"{name} kan inte importeras; inget har ändrats.")
    assert any(p.startswith(problem) for p in at.dataframe[0].value["Problem"])
    assert not [b for b in at.button if b.label.startswith("Importera")]


def _scenario_page() -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / "scenarier.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = {"password_hash": HASH}
    at.session_state["_editor_name"] = "Eva"
    at.session_state["scenario-save-open"] = True  # the box opened, as a person opens it
    return at.run()


def _click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def test_saving_a_scenario_under_an_existing_name_asks_first(fresh_db):
    at = _scenario_page()
    at.text_input[0].set_value("Plan A").run()
    _click(at, "Spara")
    assert any(s.value.replace("\\", "") == "Sparat som ”Plan A”." for s in at.success)
    # Another state cut, saved again under the same name (another spelling): asked first.
    at.select_slider[0].set_value(-10.0).run()
    at.text_input[0].set_value("plan a").run()
    _click(at, "Spara")
    assert not at.exception
    assert any(
        "Det finns redan ett scenario som heter ”Plan A”" in w.value.replace("\\", "") for w in at.warning
    )
    _click(at, "Avbryt, spara inte")
    assert not any("Det finns redan" in w.value for w in at.warning)
    assert scenarios_saved(fresh_db)["Plan A"]["state_change"] == 0.0  # unchanged
    _click(at, "Spara")
    _click(at, "Skriv över")
    assert not at.exception
    assert any(s.value.replace("\\", "") == "”Plan A” är uppdaterat." for s in at.success)
    assert scenarios_saved(fresh_db)["Plan A"]["state_change"] == -0.10


def scenarios_saved(_path) -> dict[str, dict]:
    """The saved scenarios' assumptions, read on the app's own connection (this process's)."""
    import json

    rows = ui.database().con.cursor().execute("SELECT namn, antaganden FROM user_data.scenarios").fetchall()
    return {name: json.loads(assumptions) for name, assumptions in rows}


def test_duplicating_a_scenario_with_an_empty_name_says_so(fresh_db):
    at = _scenario_page()
    at.text_input[0].set_value("Plan A").run()
    _click(at, "Spara")
    at.text_input[1].set_value("").run()
    _click(at, "Duplicera")
    assert not at.exception
    assert any(e.value == "Kopian behöver ett namn." for e in at.error)


def test_a_large_preview_shows_the_changes_first_and_says_how_many(fresh_db, monkeypatch):
    from dashboard.exchange import imports

    monkeypatch.setattr(imports, "PREVIEW_ROWS", 2)
    at = _login(_page(editors={"password_hash": HASH}).run())
    at.file_uploader[0].set_value(("ut.csv", files.csv_bytes(), "text/csv")).run()
    assert not at.exception
    assert any(c.value == "Visar de första 2 av 5 raderna, ändrade och nya först." for c in at.caption)
    assert list(at.dataframe[0].value["Status"]) == ["ändrad", "ny"]
    assert {m.label: m.value for m in at.metric}["Nya rader"] == "3"  # the counts cover every row
