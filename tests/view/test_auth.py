"""The editors' login (dashboard/view/auth.py and passwords.py): accounts, guessing slowed and
locked and logged, sessions that expire and hold only in their browser, session ids kept out
of the log.

Time is a clock the tests move (``passwords.clock``), never a sleep."""

from __future__ import annotations

import hashlib
import logging
import re
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.web.server.starlette import starlette_app_utils

from dashboard.store import db
from dashboard.view import auth, passwords, ui
from tests import import_files as files

REPO = db.REPO_ROOT
TIMEOUT = 60
ANNA, ANNA_PASSWORD = "Anna Svensson", "anna har ett långt lösenord"
BO, BO_PASSWORD = "Bo Lindqvist", "bo har ett annat långt lösenord"
ACCOUNTS = {ANNA: passwords.hash_password(ANNA_PASSWORD), BO: passwords.hash_password(BO_PASSWORD)}
START = 1_796_126_400.0  # 2026-12-01T12:00:00Z


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now

    def forward(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The app's clock, and a guard of the test's own that reads it."""
    moved = Clock()
    monkeypatch.setattr(passwords, "clock", moved)
    monkeypatch.setattr(passwords, "GUARD", passwords.LoginGuard())
    return moved


@pytest.fixture
def fresh_db(tmp_path, monkeypatch):
    """A database of the test's own (the app's connection is process-wide, so dropped)."""
    monkeypatch.setenv("FINSAM_DB", str(tmp_path / "auth.duckdb"))
    ui._database.clear()
    yield
    ui._database.clear()


def _data_page(**editors) -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / "data.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = {"accounts": ACCOUNTS, **editors}
    return at


def _try(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="editor_account_input").set_value(name)
    at.text_input(key="editor_password_input").set_value(password)
    return next(b for b in at.button if b.label == "Logga in").click().run()


def _errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


# ------------------------------------------------------------------ the guard itself


def test_each_failure_makes_the_next_try_wait_longer_and_the_fifth_locks():
    clock = Clock()
    guard = passwords.LoginGuard(clock=clock)
    assert guard.failed("s1", ANNA) == (1, None)  # the first costs nothing
    count, wait = guard.failed("s1", ANNA)
    assert (count, wait) == (2, passwords.Refusal(2.0, locked=False))
    assert guard.refusal("s1", ANNA).message() == "Vänta 2 sekunder innan du försöker igen."
    clock.forward(2)
    assert guard.refusal("s1", ANNA) is None
    assert guard.failed("s1", ANNA)[1] == passwords.Refusal(4.0, locked=False)
    clock.forward(4)
    assert guard.failed("s1", ANNA)[1] == passwords.Refusal(8.0, locked=False)
    clock.forward(8)
    count, wait = guard.failed("s1", ANNA)
    assert count == 5 and wait.locked
    assert wait.message() == "För många felaktiga försök. Försök igen om 15 minuter."
    clock.forward(61)
    assert guard.refusal("s1", ANNA).message() == "För många felaktiga försök. Försök igen om 14 minuter."
    # A new session does not start the count again: the account stays locked ...
    assert guard.refusal("s2", ANNA).locked
    assert guard.refusal("s2", " anna  SVENSSON ").locked  # the same account, however typed
    # ... while another account from a new session is free.
    assert guard.refusal("s2", BO) is None
    # After the lock the next failure locks again at once: no new run of free tries.
    clock.forward(14 * 60)
    assert guard.refusal("s2", ANNA) is None
    assert guard.failed("s2", ANNA)[1].locked
    # A right password clears the account (and the session).
    clock.forward(15 * 60)
    guard.succeeded("s3", ANNA)
    assert guard.failed("s3", ANNA) == (1, None)


def test_one_session_trying_many_names_is_locked_too():
    clock = Clock()
    guard = passwords.LoginGuard(clock=clock)
    for n in range(5):
        clock.forward(60)
        guard.failed("s1", f"namn {n}")
    assert guard.session_refusal("s1").locked
    assert guard.refusal("s1", BO).locked  # even for an account nobody tried
    assert guard.refusal("s2", BO) is None


def test_a_quiet_hour_forgets_failures_and_the_store_stays_small():
    clock = Clock()
    guard = passwords.LoginGuard(clock=clock, policy=passwords.Policy(max_entries=10))
    guard.failed("s1", ANNA)
    clock.forward(3601)
    assert guard.failed("s1", ANNA) == (1, None)
    for n in range(50):
        guard.failed(f"s{n}", f"namn {n}")
    assert len(guard._entries) <= 10


# ------------------------------------------------------------------ the page


def test_guessing_is_slowed_then_locked_logged_and_the_lock_outlives_the_session(
    fresh_db, clock, caplog, monkeypatch
):
    caplog.set_level(logging.INFO, logger="dashboard.view.auth")
    at = _try(_data_page().run(), ANNA, "gissning 1")
    assert _errors(at) == ["Fel namn eller lösenord."]
    at = _try(at, ANNA, "gissning 2")
    assert _errors(at) == ["Fel namn eller lösenord.", "Vänta 2 sekunder innan du försöker igen."]
    # Trying again at once is refused without looking at the password, even the right one.
    at = _try(at, ANNA, ANNA_PASSWORD)
    assert _errors(at) == ["Vänta 2 sekunder innan du försöker igen."]
    assert not at.file_uploader
    for n, wait in ((3, 2), (4, 4), (5, 8)):
        clock.forward(wait)
        at = _try(at, ANNA, f"gissning {n}")
    assert _errors(at)[-1] == "För många felaktiga försök. Försök igen om 15 minuter."
    clock.forward(60)
    at = _try(at, ANNA, ANNA_PASSWORD)
    assert _errors(at) == ["För många felaktiga försök. Försök igen om 14 minuter."]
    assert not at.file_uploader

    failures = [r.getMessage() for r in caplog.records if "failed editor login" in r.getMessage()]
    assert len(failures) == 5
    # Time, account and session marker; never a password.
    assert re.fullmatch(
        r"2026-12-01T12:00:00Z failed editor login: account 'Anna Svensson', session [0-9a-f]{12}, "
        r"client \S+, 1 failure\(s\) in a row",
        failures[0],
    ), failures[0]
    assert failures[-1].endswith("5 failure(s) in a row; locked for 15 minutes")
    assert not [r for r in caplog.records if "gissning" in r.getMessage() or ANNA_PASSWORD in r.getMessage()]
    first_session = re.search(r"session ([0-9a-f]{12})", failures[0]).group(1)

    # A new session meets the same lock for Anna. (AppTest gives every instance the session id
    # "test session id", so the new session's marker is set here.)
    monkeypatch.setattr(auth, "session_marker", lambda: "0123456789ab")
    fresh = _data_page().run()
    assert not _errors(fresh)  # the new session itself is not locked ...
    fresh = _try(fresh, ANNA, ANNA_PASSWORD)
    assert _errors(fresh) == ["För många felaktiga försök. Försök igen om 14 minuter."]  # ... Anna is
    refused = [r.getMessage() for r in caplog.records if "refused while locked" in r.getMessage()]
    assert "session 0123456789ab" in refused[-1] and first_session not in refused[-1]
    # ... while Bo, in that new session, logs in.
    fresh = _try(fresh, BO, BO_PASSWORD)
    assert fresh.success[0].value == f"Inloggad som redaktör: {BO}"
    # After the lock Anna logs in.
    clock.forward(14 * 60)
    fresh = _data_page().run()
    fresh = _try(fresh, ANNA, ANNA_PASSWORD)
    assert fresh.success[0].value == f"Inloggad som redaktör: {ANNA}"


def test_an_unknown_name_is_refused_as_a_wrong_password_and_logged_without_it(fresh_db, clock, caplog):
    caplog.set_level(logging.WARNING, logger="dashboard.view.auth")
    at = _try(_data_page().run(), "mitt hemliga lösenord", "x")
    assert _errors(at) == ["Fel namn eller lösenord."]
    message = caplog.records[-1].getMessage()
    assert "account unknown name #" in message and "hemliga" not in message


def test_two_accounts_each_import_under_the_name_of_their_login(fresh_db, clock):
    # Bo types his name in other case and spacing: the log keeps the account's name.
    at = _try(_data_page().run(), "  bo   LINDQVIST ", BO_PASSWORD)
    assert not at.exception
    assert at.success[0].value == f"Inloggad som redaktör: {BO}"
    at.file_uploader[0].set_value(("ut.csv", files.csv_bytes(), "text/csv")).run()
    next(b for b in at.button if b.label.startswith("Importera 4 ")).click().run()
    assert not at.exception

    anna = _try(_data_page().run(), ANNA, ANNA_PASSWORD)
    assert anna.success[0].value == f"Inloggad som redaktör: {ANNA}"
    # Anna undoes Bo's import: the log names each by their login.
    anna.checkbox[0].check().run()
    next(b for b in anna.button if b.label == "Ångra").click().run()
    assert not anna.exception
    log = anna.dataframe[-1].value
    assert log.iloc[0]["Av"] == BO
    assert log.iloc[0]["Ångrad"].endswith(f"av {ANNA}")


def test_a_wrong_password_for_one_account_does_not_open_another(fresh_db, clock):
    at = _try(_data_page().run(), ANNA, BO_PASSWORD)
    assert _errors(at) == ["Fel namn eller lösenord."]
    assert not at.file_uploader


def test_accounts_win_over_the_shared_password_when_both_are_configured(fresh_db, clock):
    at = _data_page(password_hash=passwords.hash_password("gemensamt lösenord här")).run()
    assert at.text_input(key="editor_account_input")
    assert not [t for t in at.text_input if t.key == "editor_name_input"]  # no free name field


def test_the_shared_password_is_guarded_as_one_account(fresh_db, clock):
    at = AppTest.from_file(str(REPO / "app_pages" / "data.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = {"password_hash": passwords.hash_password("gemensamt lösenord här")}
    at.run()
    for n in range(5):
        at.text_input(key="editor_name_input").set_value(f"Namn {n}")
        at.text_input(key="editor_password_input").set_value("fel")
        at = next(b for b in at.button if b.label == "Logga in").click().run()
        clock.forward(10)
    assert _errors(at)[-1] == "För många felaktiga försök. Försök igen om 15 minuter."
    assert passwords.GUARD.refusal("a new session", auth.SHARED_ACCOUNT).locked


# ------------------------------------------------------------------ the session


def test_an_idle_editor_is_logged_out_with_a_message_on_the_next_action(fresh_db, clock):
    at = _try(_data_page(idle_minutes=30).run(), ANNA, ANNA_PASSWORD)
    assert at.file_uploader
    clock.forward(29 * 60)
    at.run()  # an action within the limit keeps the login ...
    assert at.success[0].value == f"Inloggad som redaktör: {ANNA}"
    clock.forward(29 * 60)
    at.run()  # ... and starts the 30 minutes again
    assert at.file_uploader
    clock.forward(30 * 60 + 1)
    at.file_uploader[0].set_value(("ut.csv", files.csv_bytes(), "text/csv")).run()
    assert [w.value for w in at.warning] == [
        "Du har inte gjort något på 30 minuter och har loggats ut som redaktör; ingenting har "
        "ändrats. Logga in igen för att fortsätta."
    ]
    assert not at.file_uploader and not at.metric  # nothing previewed, let alone imported
    assert at.text_input(key="editor_account_input")


def test_the_idle_limit_comes_from_the_secrets(fresh_db, clock):
    at = _try(_data_page(idle_minutes=5).run(), ANNA, ANNA_PASSWORD)
    clock.forward(5 * 60 + 1)
    at.run()
    assert "på 5 minuter" in at.warning[0].value


def test_an_idle_oidc_editor_is_asked_to_log_in_again(fresh_db, clock):
    at = AppTest.from_file(str(REPO / "app_pages" / "data.py"), default_timeout=TIMEOUT)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}
    at.secrets["editors"] = {"emails": ["eva@forbund.se"], "idle_minutes": 30}
    at.user = {"is_logged_in": True, "email": "eva@forbund.se"}
    at.run()
    assert at.file_uploader
    clock.forward(30 * 60 + 1)
    at.run()
    assert not at.file_uploader
    assert at.warning[0].value.startswith("Du har inte gjort något på 30 minuter")
    assert [b.label for b in at.button] == ["Logga in igen"]
    at.run()  # still out until the provider has been asked again
    assert not at.file_uploader


def test_a_session_resumed_without_the_browsers_cookie_is_no_editor(fresh_db, clock, monkeypatch, caplog):
    # The login happens in a browser with Streamlit's XSRF cookie ...
    monkeypatch.setattr(auth, "browser_binding", lambda: "hash of the browser's token")
    at = _try(_data_page().run(), ANNA, ANNA_PASSWORD)
    assert at.file_uploader
    at.run()
    assert at.file_uploader
    # ... then the same session is run from a websocket that only names its id.
    monkeypatch.setattr(auth, "browser_binding", lambda: None)
    at.run()
    assert not at.file_uploader
    assert at.warning[0].value == "Inloggningen gäller bara i webbläsaren där du loggade in. Logga in igen."
    assert "used without its browser's cookie" in caplog.records[-1].getMessage()
    # Back in the browser, the login is gone as well: it has to be made again.
    monkeypatch.setattr(auth, "browser_binding", lambda: "hash of the browser's token")
    at.run()
    assert not at.file_uploader


def test_the_binding_reads_the_token_inside_streamlits_xsrf_cookie():
    token = bytes(range(16))
    # Streamlit masks the token afresh for every page load; the token stays.
    first = starlette_app_utils.generate_xsrf_token_string(token, 1_796_126_400)
    second = starlette_app_utils.generate_xsrf_token_string(token, 1_796_126_400)
    assert first != second
    assert auth.xsrf_token(first) == auth.xsrf_token(second) == token
    assert auth.xsrf_token(token.hex()) == token  # version 1
    assert auth.xsrf_token(None) is None
    assert auth.xsrf_token("2|zz|00|1") is None


# ------------------------------------------------------------------ the log and the command


def test_streamlit_session_ids_are_hashed_in_the_log():
    session_id = "0f8e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b"
    # The logger that prints the id on a reconnect (streamlit/runtime/websocket_session_manager.py).
    logger = logging.getLogger("streamlit.runtime.websocket_session_manager")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)
    try:
        logger.warning(
            "Session with id %s is already connected! Reconnecting to existing session.", session_id
        )
    finally:
        logger.removeHandler(handler)
    message = records[-1].getMessage()
    assert session_id not in message
    marker = hashlib.sha256(session_id.encode()).hexdigest()[:12]
    assert (
        message == f"Session with id session {marker} is already connected! Reconnecting to existing session."
    )


def test_losenord_with_a_name_prints_an_account_the_login_accepts():
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "losenord", "--namn", "Anna  Svensson"],
        input=ANNA_PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    header, line = done.stdout.splitlines()[-2:]
    assert header == "[editors.accounts]"
    name, stored = re.fullmatch(r'"(.+)" = "(scrypt\$[^"]+)"', line).groups()
    assert name == ANNA
    assert passwords.check_password(ANNA_PASSWORD, stored)
    assert not passwords.check_password(BO_PASSWORD, stored)


# ------------------------------------------------------------------ each editor their förbund


def test_an_account_naming_an_unknown_forbund_cannot_log_in(fresh_db, clock, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.view.auth")
    at = _data_page(
        forbund={ANNA: ["Samordningsförbundet Atlantis"], BO: ["Norra Västmanlands Samordningsförbund"]}
    )
    at.run()
    # Found at the first run and said in the server log, in Swedish, once.
    blocked = [r.getMessage() for r in caplog.records if "redaktörskonto spärrat" in r.getMessage()]
    assert (
        len(blocked) == 1 and "förbundet ”Samordningsförbundet Atlantis” finns inte i databasen" in blocked[0]
    )
    at = _try(at, ANNA, ANNA_PASSWORD)
    assert not at.exception
    assert [e.replace("\\", "") for e in _errors(at)] == [
        "Kontot kan inte logga in: [editors.forbund], kontot Anna Svensson: förbundet ”Samordningsförbundet "
        "Atlantis” finns inte i databasen. Administratören rättar det i secrets.toml; inget har ändrats."
    ]
    assert "_editor_name" not in at.session_state
    refused = [r.getMessage() for r in caplog.records if "editor login refused" in r.getMessage()]
    assert len(refused) == 1 and ANNA_PASSWORD not in refused[0]
    # Another account of the same secrets logs in, and may change its förbund.
    at = _try(at, BO, BO_PASSWORD)
    assert any(s.value == f"Inloggad som redaktör: {BO}" for s in at.success)
    assert any(
        c.value == "Du får ändra ”Norra Västmanlands Samordningsförbund” och se deras importer här."
        for c in at.caption
    )
