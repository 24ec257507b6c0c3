"""Text that comes from files and users: one identity per name, the characters refused,
and text made safe for spreadsheets (issue 18).

A name is compared in a normalised form: Unicode NFC (``å`` written as one character or as
``a`` and a combining ring are the same letter), every run of whitespace (space, tab, no-break,
narrow and thin spaces) as one space, no space at either end, case folded. ``"styrelse"``,
``"Styrelse "`` and ``"Styrelse"`` in NFD are one post.

Control characters (NUL, line breaks inside a cell …) and invisible format characters
(right-to-left overrides, zero-width spaces …) are refused rather than stored: they make two
names that look the same different, or turn the text around on screen.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

# The longest name a post (or a scenario) may have: the board's table and the meeting pack
# lay out a post on at most two or three lines (the longest in the documents has 47
# characters).
MAX_NAME = 120
# The longest field a file may hold at all (Python's csv module stops at this length too).
MAX_FIELD = 131_072
# A text cell a spreadsheet would run as a formula starts with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_WHITESPACE = re.compile(r"\s+")
# Characters that change the direction of the text around them (Unicode's bidi controls).
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def canonical(text: str) -> str:
    """The spelling a name is stored under when nothing else is known: NFC, spaces collapsed."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def key(text: str) -> str:
    """The form two names are compared in: equal keys are one name."""
    return canonical(text).casefold()


def differences(written: str, known: str) -> list[str]:
    """How a spelling differs from the known one, in Swedish (for the import's preview)."""
    found = []
    nfc = unicodedata.normalize("NFC", written)
    if nfc != written:
        found.append("teckenkodningen (Unicode)")
    if _WHITESPACE.sub(" ", nfc).strip() != nfc:
        found.append("mellanslagen")
    if canonical(written) != known:
        found.append("stora och små bokstäver")
    return found or ["skrivsättet"]


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


def shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message: refused characters written as their codes, cut when long."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return "".join(f"<{character_name(c).split()[0]}>" if refused_character(c) else c for c in text)


def check_name(text: str, what: str = "namnet") -> str | None:
    """Why a name cannot be used (a Swedish sentence without a full stop), or None."""
    char = refused_character(text)
    if char is not None:
        return f"{what} innehåller tecknet {character_name(char)}, som inte kan lagras"
    if len(canonical(text)) > MAX_NAME:
        return f"{what} har {len(canonical(text))} tecken; högst {MAX_NAME} går att använda"
    return None


def pick_spelling(spellings: Iterable[str]) -> str:
    """Of several spellings of one name, the one to keep: a clean one (NFC, single spaces)
    if there is one, then the first in sort order, so the choice never depends on row order."""
    spellings = sorted(set(spellings))
    clean = [s for s in spellings if canonical(s) == s]
    return (clean or spellings)[0]


# ---------------------------------------------------------------- spreadsheets


def spreadsheet_text(value: object) -> object:
    """A text cell as a CSV file must hold it: one that starts like a formula gets an
    apostrophe in front (OWASP's advice against CSV injection); every other value unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def from_spreadsheet(text: str) -> str:
    """The text an exported cell stood for: the apostrophe ``spreadsheet_text`` put in front
    of a formula-like text is taken away again, so export then import changes nothing."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def neutralise_sheet(sheet) -> None:
    """Every text cell of an openpyxl sheet that starts like a formula: kept as text (openpyxl
    would otherwise write a text starting with ``=`` as a formula) and marked with Excel's own
    apostrophe, the cell's quote prefix. Excel shows it as the text, shows the apostrophe in
    the formula bar as if typed, and never runs it, not even after an edit; the cell's value
    stays the text itself, so reading the file back gives the same name."""
    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str) and value.startswith(FORMULA_START):
                cell.data_type = "s"
                cell.quotePrefix = True


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are safe for a spreadsheet (numbers untouched)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(spreadsheet_text)
    safe.columns = [spreadsheet_text(c) if isinstance(c, str) else c for c in safe.columns]
    return safe
