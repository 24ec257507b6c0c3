"""Editors' passwords: scrypt hashes, their lines in the secrets, and the guard on failed logins.

The guard (``LoginGuard``) counts failed tries per browser session and per account in the
process (so a new session does not start the count again); each failure after the first makes
the next try wait longer (2, 4, 8 s) and the fifth in a row locks for 15 minutes. No Streamlit
here: the command line makes hashes with it too (``python -m dashboard losenord``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets as _random
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# scrypt's cost: 2**14 rounds of 8 blocks, about 50 ms here; the hash stores its own.
_N, _R, _P = 2**14, 8, 1


def clock() -> float:
    """Seconds since the epoch; tests replace ``passwords.clock`` to move time."""
    return time.time()


def _now() -> float:
    return clock()


# ------------------------------------------------------------------ hashes


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` for ``[editors] password_hash`` or an account."""
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


def account_line(name: str, password: str) -> str:
    """The line under ``[editors.accounts]`` for one editor: ``"Anna Svensson" = "scrypt$…"``."""
    clean = " ".join(name.split())
    if not clean:
        raise ValueError("namnet är tomt")
    return f"{json.dumps(clean, ensure_ascii=False)} = {json.dumps(hash_password(password))}"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


_DUMMY_HASH: list[str] = []


def dummy_hash() -> str:
    """A hash no password matches, checked for an unknown name so that the answer takes as
    long as for a known one (the time does not tell which names exist)."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hash_password(_random.token_hex(16)))
    return _DUMMY_HASH[0]


def same_name(name: str) -> str:
    """A name as compared: NFC, spaces collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


# ------------------------------------------------------------------ failed logins


@dataclass(frozen=True)
class Policy:
    """How failed logins are slowed and locked."""

    free_failures: int = 1  # failures in a row before the next try must wait
    first_delay_s: float = 2.0  # then 2, 4, 8 … seconds
    lock_after: int = 5  # this many failures in a row lock
    lock_s: float = 15 * 60
    forget_after_s: float = 60 * 60  # a quiet hour (no failure, no lock) starts the count again
    max_entries: int = 10_000  # sessions and names remembered at most (the oldest go first)


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    until: float = 0.0  # no try before this
    locked: bool = False


@dataclass(frozen=True)
class Refusal:
    """Why a login is not tried now: a wait of some seconds, or a lock of some minutes."""

    seconds: float
    locked: bool

    def message(self) -> str:
        """The sentence for the page."""
        if self.locked:
            minutes = max(1, math.ceil(self.seconds / 60))
            return (
                "För många felaktiga försök. Försök igen om "
                f"{minutes} {'minut' if minutes == 1 else 'minuter'}."
            )
        seconds = max(1, math.ceil(self.seconds))
        return f"Vänta {seconds} {'sekund' if seconds == 1 else 'sekunder'} innan du försöker igen."


class LoginGuard:
    """Failed logins per session and per account, shared by every session of the process.

    The count per account is what stops an attacker who opens a new session for every few
    tries; the count per session stops one session trying many names. Editors log in only
    on the writer process (readers send them there), so the process's memory is the one
    place the counts need to be; a restart of the server, which an attacker cannot cause
    from the page, forgets them."""

    def __init__(self, clock: Callable[[], float] = _now, policy: Policy | None = None) -> None:
        self.clock = clock
        self.policy = policy or Policy()
        self._lock = threading.Lock()
        self._entries: dict[str, _Failures] = {}

    def refusal(self, session: str, account: str) -> Refusal | None:
        """Whether a try now must wait (the longer of the session's and the account's)."""
        now = self.clock()
        with self._lock:
            entries = (self._get(("s", session), now), self._get(("a", account), now))
        waits = [e for e in entries if e.until > now]
        if not waits:
            return None
        longest = max(waits, key=lambda e: e.until)
        return Refusal(longest.until - now, longest.locked)

    def session_refusal(self, session: str) -> Refusal | None:
        """Whether this session must wait, whatever the account (shown above the form)."""
        now = self.clock()
        with self._lock:
            entry = self._get(("s", session), now)
        return Refusal(entry.until - now, entry.locked) if entry.until > now else None

    def failed(self, session: str, account: str) -> tuple[int, Refusal | None]:
        """Count a failure; the account's failures in a row and the wait it now imposes."""
        now, policy = self.clock(), self.policy
        counts = []
        with self._lock:
            for key in (("s", session), ("a", account)):
                entry = self._get(key, now, create=True)
                entry.count += 1
                entry.last = now
                if entry.count >= policy.lock_after:
                    entry.until, entry.locked = now + policy.lock_s, True
                elif entry.count > policy.free_failures:
                    delay = policy.first_delay_s * 2 ** (entry.count - policy.free_failures - 1)
                    entry.until, entry.locked = now + delay, False
                counts.append(entry)
            self._prune(now)
        longest = max(counts, key=lambda e: e.until)
        waiting = Refusal(longest.until - now, longest.locked) if longest.until > now else None
        return counts[1].count, waiting

    def succeeded(self, session: str, account: str) -> None:
        """A right password: the session and the account start again from nothing."""
        with self._lock:
            self._entries.pop(_key(("s", session)), None)
            self._entries.pop(_key(("a", account)), None)

    def _get(self, key: tuple[str, str], now: float, create: bool = False) -> _Failures:
        entry = self._entries.get(_key(key))
        if entry is not None and entry.until <= now and now - entry.last > self.policy.forget_after_s:
            del self._entries[_key(key)]
            entry = None
        if entry is None:
            entry = _Failures()
            if create:
                self._entries[_key(key)] = entry
        return entry

    def _prune(self, now: float) -> None:
        if len(self._entries) <= self.policy.max_entries:
            return
        for key in [k for k, e in self._entries.items() if e.until <= now]:
            if now - self._entries[key].last > self.policy.forget_after_s:
                del self._entries[key]
        while len(self._entries) > self.policy.max_entries:  # the oldest first
            del self._entries[min(self._entries, key=lambda k: self._entries[k].last)]


def _key(key: tuple[str, str]) -> str:
    kind, name = key
    return f"{kind}:{same_name(name) if kind == 'a' else name}"


GUARD = LoginGuard()
