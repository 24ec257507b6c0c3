"""One identity per name: the form names are stored and compared in, and the characters refused.

A name is compared in a normalised form: Unicode NFC (``å`` written as one character or as
``a`` and a combining ring are the same letter), every run of whitespace (space, tab, no-break,
narrow and thin spaces) as one space, no space at either end, case folded. ``"styrelse"``,
``"Styrelse "`` and ``"Styrelse"`` in NFD are one post, and ``"plan a"`` and ``"Plan A"`` one
scenario.

Control characters (NUL, line breaks inside a cell …) and invisible format characters
(right-to-left overrides, zero-width spaces …) are refused rather than stored: they make two
names that look the same different, or turn the text around on screen.
"""

from __future__ import annotations

import re
import unicodedata

# The longest name a post (or a scenario) may have: the board's table and the meeting pack
# lay out a post on at most two or three lines (the longest in the documents has 47
# characters).
MAX_NAME = 120

_WHITESPACE = re.compile(r"\s+")
# Characters that change the direction of the text around them (Unicode's bidi controls).
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def canonical(text: str) -> str:
    """The spelling a name is stored under when nothing else is known: NFC, spaces collapsed."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def key(text: str) -> str:
    """The form two names are compared in: equal keys are one name."""
    return canonical(text).casefold()


def character_name(char: str) -> str:
    """A refused character as a person can look it up: ``U+202E`` with what it does."""
    code = f"U+{ord(char):04X}"
    if char in _BIDI:
        return f"{code} (vänder textens riktning)"
    if char == "\x00":
        return f"{code} (NUL)"
    if unicodedata.category(char) == "Cc":
        return f"{code} (styrtecken)"
    return f"{code} (osynligt tecken)"


def refused_character(text: str) -> str | None:
    """The first control, format (bidi, zero-width …) or separator character in ``text``."""
    if text.isprintable():  # the usual case, at C speed: no control, format or separator
        return None
    for char in text:  # a tab or line break inside a cell is refused too
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or char in _BIDI:
            return char
    return None


def check_name(text: str, what: str = "namnet") -> str | None:
    """Why a name cannot be used (a Swedish sentence without a full stop), or None."""
    char = refused_character(text)
    if char is not None:
        return f"{what} innehåller tecknet {character_name(char)}, som inte kan lagras"
    if len(canonical(text)) > MAX_NAME:
        return f"{what} har {len(canonical(text))} tecken; högst {MAX_NAME} går att använda"
    return None


def slug(text: str) -> str:
    """An id made of a name: ``Samordningsteam Sala`` → ``samordningsteam-sala``."""
    plain = unicodedata.normalize("NFKD", key(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "insats"
