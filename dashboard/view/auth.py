"""Who may change data: editors import, undo imports and save scenarios; anyone may view.

Three ways to be an editor, configured in ``.streamlit/secrets.toml`` (never in the
repository), tried in this order:

- an OIDC provider in ``[auth]`` (Streamlit's ``st.login``): whoever logs in is an editor,
  or, if ``[editors] emails`` lists addresses, whoever logs in with one of them;
- editor accounts in ``[editors.accounts]``: each editor's name and the scrypt hash of their
  own password (``python -m dashboard losenord --namn "Anna Svensson"``). The import log
  keeps the account's name as the secrets write it, whatever case or spacing was typed;
- a shared password whose hash is ``[editors] password_hash`` (the older way, kept working):
  the editor types a name, which the import log keeps as typed.

With none configured, nobody can change data in the app; the command line still can
(whoever runs it has the database file).

Guards on the two password logins (``passwords.LoginGuard``): failed tries are counted per browser
session and per account in the process (so a new session does not start the count again),
each failure after the first makes the next try wait longer (2, 4, 8 s) and the fifth in a
row locks for 15 minutes; every failure and lock is logged with its time, the account and a
marker of the session (never a password, never the session id itself). A logged-in editor
is logged out after ``[editors] idle_minutes`` (30) without a page run that asks who the
editor is, and the login holds only in the browser that logged in: it is bound to Streamlit's
XSRF cookie, which a new websocket that merely names the session id does not carry.

Each editor their förbund (``exchange.scope``): ``[editors.forbund]`` names the förbund each
account may change. ``editor_scope`` gives the logged-in editor's; an account that names a
förbund the database does not know cannot log in (said on the page and in the server log);
``refuse`` says a write out of scope on the page and logs it.
"""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
import logging
import re

import streamlit as st

from dashboard.exchange import fmt, scope
from dashboard.store import replicas
from dashboard.view import passwords, ui

_LOG = logging.getLogger(__name__)

_EDITOR = "_editor_name"  # the logged-in editor's name (tests set it to stand for a login)
_SEEN = "_editor_seen"  # the clock at the editor's last page run
_BOUND = "_editor_browser"  # the hash of the browser's XSRF token at login (None: no cookie)
_OIDC_EXPIRED = "_editor_oidc_expired"  # the address whose session ran out in this session
SHARED_ACCOUNT = "gemensamt lösenord"  # the one account of the shared password
IDLE_MINUTES = 30
XSRF_COOKIE = "_streamlit_xsrf"  # streamlit.web.server.starlette.starlette_server_config


# ------------------------------------------------------------------ the session


def _secrets() -> dict:
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except FileNotFoundError:
        return {}


def _editors_secrets() -> dict:
    return dict(_secrets().get("editors", {}) or {})


def accounts() -> dict[str, str]:
    """The editor accounts of ``[editors.accounts]``: name → scrypt hash."""
    configured = _editors_secrets().get("accounts", {}) or {}
    return {" ".join(str(name).split()): str(stored) for name, stored in dict(configured).items()}


def idle_limit_s() -> float:
    """Seconds without a page run after which an editor is logged out."""
    try:
        minutes = float(_editors_secrets().get("idle_minutes", IDLE_MINUTES))
    except (TypeError, ValueError):
        minutes = IDLE_MINUTES
    return max(1.0, minutes) * 60


def mode() -> str | None:
    """``"oidc"``, ``"accounts"``, ``"password"``, ``"reader"`` in a process that never
    writes (editors use the writer's address), or None when no way to be an editor is
    configured."""
    if replicas.is_reader():
        return "reader"
    secrets = _secrets()
    if "auth" in secrets:
        return "oidc"
    if accounts():
        return "accounts"
    if _editors_secrets().get("password_hash"):
        return "password"
    return None


def session_marker() -> str:
    """A short mark of this browser session for the log: a hash of Streamlit's session id,
    which itself would let whoever reads the log resume the session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    session_id = ctx.session_id if ctx is not None else "ingen"
    return hashlib.sha256(session_id.encode()).hexdigest()[:12]


def _client() -> str:
    """The browser's address as the proxy states it (X-Forwarded-For), or the peer's."""
    try:
        address = st.context.headers.get("X-Forwarded-For") or st.context.ip_address
    except Exception:  # no context outside a run
        address = None
    return address.split(",")[0].strip() if isinstance(address, str) and address.strip() else "okänd"


def xsrf_token(cookie: str | None) -> bytes | None:
    """The token inside Streamlit's XSRF cookie (``2|mask|masked|time``; the mask changes
    with every page load, the token stays for the browser), or None."""
    value = (cookie or "").strip("\"'")
    try:
        if value.startswith("2|"):
            _, mask_hex, masked_hex, _time = value.split("|")
            mask, masked = binascii.a2b_hex(mask_hex), binascii.a2b_hex(masked_hex)
            if not mask:
                return None
            return bytes(b ^ mask[i % len(mask)] for i, b in enumerate(masked)) or None
        return binascii.a2b_hex(value) or None
    except (binascii.Error, ValueError):
        return None


def browser_binding() -> str | None:
    """What this browser presents that a stolen session id does not: a hash of the token
    of Streamlit's XSRF cookie on this run's websocket (None without one)."""
    try:
        cookie = st.context.cookies.get(XSRF_COOKIE)
    except Exception:  # no context outside a run
        cookie = None
    token = xsrf_token(cookie) if isinstance(cookie, str) else None
    return hashlib.sha256(token).hexdigest() if token else None


def _stamp() -> str:
    return dt.datetime.fromtimestamp(passwords.clock(), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _log_account(typed: str, known: str | None) -> str:
    # An unknown name may be a password typed in the wrong field: logged as a hash only.
    if known:
        return repr(known)
    return f"unknown name #{hashlib.sha256(passwords.same_name(typed).encode()).hexdigest()[:8]}"


def _log_in(name: str) -> None:
    st.session_state[_EDITOR] = name
    st.session_state[_SEEN] = passwords.clock()
    st.session_state[_BOUND] = browser_binding()


def _log_out() -> None:
    for key in (_EDITOR, _SEEN, _BOUND):
        st.session_state.pop(key, None)


def _still_valid(name: str) -> bool:
    """Whether the session's login still holds at this run: same browser, not idle. Says on
    the page why not, logs it, and logs the session out."""
    limit = idle_limit_s()
    now = passwords.clock()
    if st.session_state.get(_BOUND) != browser_binding():
        _LOG.warning(
            "%s editor session of %r used without its browser's cookie (session %s, client %s): logged out",
            _stamp(),
            name,
            session_marker(),
            _client(),
        )
        _log_out()
        st.warning("Inloggningen gäller bara i webbläsaren där du loggade in. Logga in igen.")
        return False
    seen = st.session_state.get(_SEEN, now)
    if now - seen > limit:
        _LOG.info("%s editor %r logged out after %d idle minutes", _stamp(), name, limit // 60)
        _log_out()
        st.warning(_idle_message(limit))
        return False
    st.session_state[_SEEN] = now
    return True


def _idle_message(limit: float) -> str:
    minutes = round(limit / 60)
    return (
        f"Du har inte gjort något på {minutes} {'minut' if minutes == 1 else 'minuter'} och har "
        "loggats ut som redaktör; ingenting har ändrats. Logga in igen för att fortsätta."
    )


def editor() -> str | None:
    """The editor of this session (e-mail, account name or given name), or None.

    Call it once per page run where an editor is needed: it also keeps the login alive, and
    on the run where it expires (idle, or another browser) it says so on the page."""
    how = mode()
    check_editor_scopes()
    if how == "oidc":
        if not st.user.get("is_logged_in"):
            return None
        # Only the provider's e-mail claim counts, never the display name (which the user
        # sets), and not an address the provider says is unverified.
        email = st.user.get("email") or ""
        if not email or st.user.get("email_verified") is False:
            return None
        allowed = [e.lower() for e in _editors_secrets().get("emails", [])]
        if allowed and email.lower() not in allowed:
            return None
        if st.session_state.get(_OIDC_EXPIRED) == email:
            return None
        if scope_problem(email):
            return None
        # Streamlit binds an OIDC session to its identity cookie itself; the idle limit here.
        now, limit = passwords.clock(), idle_limit_s()
        if now - st.session_state.get(_SEEN, now) > limit:
            st.session_state[_OIDC_EXPIRED] = email
            st.session_state.pop(_SEEN, None)
            st.warning(_idle_message(limit))
            return None
        st.session_state[_SEEN] = now
        return email
    if how in ("accounts", "password"):
        name = st.session_state.get(_EDITOR)
        if not name:
            return None
        if how == "accounts" and name not in accounts():  # the account was removed meanwhile
            _log_out()
            return None
        if how == "accounts" and (problem := scope_problem(name)):  # its förbund changed meanwhile
            _log_out()
            st.error(_cannot_log_in(problem))
            return None
        return name if _still_valid(name) else None
    return None


# ------------------------------------------------------------------ the panel


def login_panel() -> str | None:
    """Show who is logged in as editor, with the login or logout, and return the editor."""
    how = mode()
    current = editor()
    if how == "reader":
        url = replicas.editor_url()
        st.info(
            "Den här instansen visar data men ändrar den inte: importer och scenarier sparas i "
            "redigeringsinstansen" + (f", {url}. Ändringarna syns här vid nästa sidvisning." if url else ".")
        )
        return None
    if how is None:
        st.info(
            "Ingen redaktörsinloggning är konfigurerad, så ingen kan ändra data här. "
            "Administratören lägger in en inloggning (OIDC, konton eller ett gemensamt lösenord) "
            "enligt README, avsnittet Redaktörer; till dess importerar man med kommandot "
            "python -m dashboard import."
        )
        return None
    if current:
        left, right = st.columns([4, 1])
        left.success(f"Inloggad som redaktör: {fmt.plain(current)}")
        rights = editor_scope(current)
        if rights.forbund == ():
            left.warning(
                f"Ditt konto får inte ändra något förbund: administratören har inte angett några "
                f"förbund för det i {scope.SECTION}. Du kan se datan men inte ändra den."
            )
        elif not rights.everything:
            left.caption(f"Du får ändra {fmt.plain(rights.said())} och se deras importer här.")
        if right.button("Logga ut", key="editor_logout"):
            if how == "oidc":
                st.logout()
            _log_out()
            st.rerun()
        return current
    if how == "oidc":
        if st.session_state.get(_OIDC_EXPIRED):
            if st.button("Logga in igen", key="editor_login_again"):
                st.session_state.pop(_OIDC_EXPIRED, None)
                st.login()
        elif st.user.get("is_logged_in") and (problem := scope_problem(st.user.get("email") or "")):
            st.error(_cannot_log_in(problem))
        elif st.user.get("is_logged_in"):
            st.warning(
                f"{fmt.plain(st.user.get('email'))} är inloggad men inte redaktör. "
                "Be administratören lägga till adressen."
            )
        elif st.button("Logga in som redaktör", key="editor_login"):
            st.login()
        return None
    _password_form(how)
    return None


def _password_form(how: str) -> None:
    """The login form of the accounts and of the shared password, with the guard."""
    session = session_marker()
    with st.form("editor_login_form"):
        st.markdown("**Logga in som redaktör**")
        if how == "accounts":
            typed = st.text_input("Namn (ditt redaktörskonto)", key="editor_account_input")
        else:
            typed = st.text_input("Ditt namn (står i importloggen)", key="editor_name_input")
        password = st.text_input("Lösenord", type="password", key="editor_password_input")
        submitted = st.form_submit_button("Logga in")
    if not submitted:
        if waiting := passwords.GUARD.session_refusal(session):
            st.error(waiting.message())
        return
    if not typed.strip():
        st.error(
            "Skriv ditt namn som administratören lagt in det."
            if how == "accounts"
            else "Skriv ditt namn: det står i loggen vid varje ändring."
        )
        return
    if how == "accounts":
        known = next((n for n in accounts() if passwords.same_name(n) == passwords.same_name(typed)), None)
        account, stored = (known or typed), accounts().get(known or "", passwords.dummy_hash())
        logged = _log_account(typed, known)
    else:
        known, account, stored = typed.strip(), SHARED_ACCOUNT, _editors_secrets()["password_hash"]
        logged = f"{SHARED_ACCOUNT!r} (name given: {typed.strip()!r})"
    if waiting := passwords.GUARD.refusal(session, account):
        _LOG.warning(
            "%s editor login refused while %s: account %s, session %s, client %s",
            _stamp(),
            "locked" if waiting.locked else "slowed",
            logged,
            session,
            _client(),
        )
        st.error(waiting.message())
        return
    if known and passwords.check_password(password, stored):
        passwords.GUARD.succeeded(session, account)
        if how == "accounts" and (problem := scope_problem(known)):
            _LOG.warning(
                "%s editor login refused: account %s, session %s, client %s: %s",
                _stamp(),
                logged,
                session,
                _client(),
                problem,
            )
            st.error(_cannot_log_in(problem))
            return
        _LOG.info("%s editor login: account %s, session %s, client %s", _stamp(), logged, session, _client())
        _log_in(known if how == "accounts" else typed.strip())
        st.rerun()
    if not known:
        passwords.check_password(password, stored)  # as long as for a known name
    failures, waiting = passwords.GUARD.failed(session, account)
    _LOG.warning(
        "%s failed editor login: account %s, session %s, client %s, %d failure(s) in a row%s",
        _stamp(),
        logged,
        session,
        _client(),
        failures,
        f"; locked for {waiting.seconds / 60:.0f} minutes" if waiting and waiting.locked else "",
    )
    st.error("Fel namn eller lösenord." if how == "accounts" else "Fel lösenord.")
    if waiting:
        st.error(waiting.message())


# ------------------------------------------------------------------ each editor their förbund


def _forbund_config() -> dict | None:
    """``[editors.forbund]``: account → förbund (or "alla"); None without the section."""
    configured = _editors_secrets().get("forbund")
    return None if configured is None else dict(configured or {})


def editor_scope(name: str) -> scope.Scope:
    """What the editor ``name`` may change. The shared password is every förbund (its names
    are typed, not proven); so is every account without a section ``[editors.forbund]``."""
    if mode() == "password":
        return scope.Scope(name, None)
    configured = _forbund_config()
    return scope.of(name, configured, ui.load(scope.known_forbund) if configured else ())


def scope_problem(account: str) -> str | None:
    """Why ``account`` cannot log in under ``[editors.forbund]`` (a förbund the database does
    not know, a value that is no list), in Swedish; or None."""
    configured = _forbund_config()
    if not configured or mode() == "password":
        return None
    found = _problems(repr(sorted(configured.items())), ui.load(scope.known_forbund))
    return next(
        (why for named, why in found.items() if passwords.same_name(named) == passwords.same_name(account)),
        None,
    )


_CHECKED: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}  # logged once per process and data


def _problems(config: str, known: tuple[str, ...]) -> dict[str, str]:
    """``scope.problems`` of the secrets against the förbund the database knows: each found
    once per process (for each set of secrets and förbund) and logged then."""
    if (config, known) not in _CHECKED:
        found = scope.problems(ui.snapshot_cursor(), _forbund_config())
        for why in found.values():
            _LOG.warning(
                "%s redaktörskonto spärrat: %s; kontot kan inte logga in förrän det rättas", _stamp(), why
            )
        _CHECKED[config, known] = found
    return _CHECKED[config, known]


def check_editor_scopes() -> None:
    """Check ``[editors.forbund]`` against the database's förbund; an account that names one it
    does not know is logged (in Swedish) the first time, and cannot log in."""
    configured = _forbund_config()
    if configured and mode() in ("oidc", "accounts") and ui.database().version is not None:
        _problems(repr(sorted(configured.items())), ui.load(scope.known_forbund))


def _cannot_log_in(problem: str) -> str:
    return (
        f"Kontot kan inte logga in: {problem}. Administratören rättar det i secrets.toml; inget har ändrats."
    )


def refuse(refusal: scope.OutOfScope, action: str, parent=st) -> None:
    """Say a write out of the editor's förbund on the page (``parent``) and in the server log
    (the account, the session's marker, what was tried; never a password)."""
    _LOG.warning(
        "%s editor change refused: account %r, session %s, client %s, %s: may not change %s (may change %s)",
        _stamp(),
        refusal.scope.account,
        session_marker(),
        _client(),
        action,
        "; ".join(refusal.refused) or "anything",
        refusal.scope.said(),
    )
    parent.error(fmt.plain(refusal.message))


# ------------------------------------------------------------------ the server log

# Streamlit logs a session's id when a websocket reconnects to it ("Session with id … is
# already connected! Reconnecting", and a few more), and that id resumes the session on
# a new websocket. The login is bound to the browser (``_still_valid``), and the id is kept
# out of the log too: each id becomes the same short hash as ``session_marker``.
_SESSION_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)
_STREAMLIT_SESSION_LOGGERS = (
    "streamlit.runtime.websocket_session_manager",
    "streamlit.runtime.app_session",
    "streamlit.runtime.runtime",
    "streamlit.web.server.starlette.starlette_websocket",
)


class SessionIdFilter(logging.Filter):
    """Replaces session ids in a log record by ``session <hash>``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _SESSION_ID.search(message):
            record.msg = _SESSION_ID.sub(
                lambda m: "session " + hashlib.sha256(m.group(0).encode()).hexdigest()[:12], message
            )
            record.args = ()
        return True


def keep_session_ids_out_of_the_log() -> None:
    """Install ``SessionIdFilter`` on Streamlit's loggers that print session ids (once)."""
    for name in _STREAMLIT_SESSION_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, SessionIdFilter) for f in logger.filters):
            logger.addFilter(SessionIdFilter())


keep_session_ids_out_of_the_log()
