"""Who may change data: editors import, undo imports and save scenarios; anyone may view.

Two ways to be an editor, configured in ``.streamlit/secrets.toml`` (never in the
repository):

- an OIDC provider in ``[auth]`` (Streamlit's ``st.login``): whoever logs in is an editor,
  or, if ``[editors] emails`` lists addresses, whoever logs in with one of them;
- otherwise a shared password whose hash is ``[editors] password_hash``, made by
  ``python -m dashboard losenord``. The editor gives a name, which the import log keeps.

With neither configured, nobody can change data in the app; the command line still can
(whoever runs it has the database file).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets as _random

import streamlit as st

from dashboard import fmt, replicas

# scrypt's cost: 2**14 rounds of 8 blocks, about 50 ms here; the hash stores its own.
_N, _R, _P = 2**14, 8, 1
_EDITOR = "_editor_name"


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` for ``[editors] password_hash``."""
    salt = _random.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def check_password(password: str, stored: str) -> bool:
    """True if ``password`` matches a hash made by ``hash_password``."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _secrets() -> dict:
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except FileNotFoundError:
        return {}


def mode() -> str | None:
    """``"oidc"``, ``"password"``, ``"reader"`` in a process that never writes (editors use
    the writer's address), or None when no way to be an editor is configured."""
    if replicas.is_reader():
        return "reader"
    secrets = _secrets()
    if "auth" in secrets:
        return "oidc"
    if secrets.get("editors", {}).get("password_hash"):
        return "password"
    return None


def editor() -> str | None:
    """The editor of this session (e-mail or given name), or None."""
    how = mode()
    if how == "oidc":
        if not st.user.get("is_logged_in"):
            return None
        # Only the provider's e-mail claim counts, never the display name (which the user
        # sets), and not an address the provider says is unverified.
        email = st.user.get("email") or ""
        if not email or st.user.get("email_verified") is False:
            return None
        allowed = [e.lower() for e in _secrets().get("editors", {}).get("emails", [])]
        return email if not allowed or email.lower() in allowed else None
    if how == "password":
        return st.session_state.get(_EDITOR)
    return None


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
            "Administratören lägger in en inloggning (OIDC eller lösenord) enligt README, avsnittet "
            "Redaktörer; till dess importerar man med kommandot python -m dashboard import."
        )
        return None
    if current:
        left, right = st.columns([4, 1])
        left.success(f"Inloggad som redaktör: {fmt.plain(current)}")
        if right.button("Logga ut", key="editor_logout"):
            if how == "oidc":
                st.logout()
            st.session_state.pop(_EDITOR, None)
            st.rerun()
        return current
    if how == "oidc":
        if st.user.get("is_logged_in"):
            st.warning(
                f"{fmt.plain(st.user.get('email'))} är inloggad men inte redaktör. "
                "Be administratören lägga till adressen."
            )
        elif st.button("Logga in som redaktör", key="editor_login"):
            st.login()
        return None
    with st.form("editor_login_form"):
        st.markdown("**Logga in som redaktör**")
        name = st.text_input("Ditt namn (står i importloggen)", key="editor_name_input")
        password = st.text_input("Lösenord", type="password", key="editor_password_input")
        if st.form_submit_button("Logga in"):
            if not name.strip():
                st.error("Skriv ditt namn: det står i loggen vid varje ändring.")
            elif check_password(password, _secrets()["editors"]["password_hash"]):
                st.session_state[_EDITOR] = name.strip()
                st.rerun()
            else:
                st.error("Fel lösenord.")
    return None
