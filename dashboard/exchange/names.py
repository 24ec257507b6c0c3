"""Text from files and users: names as the imports report them, text made safe for spreadsheets.

Text that comes from files and users: names as the imports report them, and text made safe
for spreadsheets (issue 18).

One identity per name (NFC, spaces collapsed, case folded) and the characters refused are the
domain's rule (``dashboard.domain.naming``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import pandas as pd

from dashboard.domain import naming

# The longest field a file may hold at all (Python's csv module stops at this length too).
MAX_FIELD = 131_072
# A text cell a spreadsheet would run as a formula starts with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def differences(written: str, known: str) -> list[str]:
    """How a spelling differs from the known one, in Swedish (for the import's preview)."""
    found = []
    nfc = unicodedata.normalize("NFC", written)
    if nfc != written:
        found.append("teckenkodningen (Unicode)")
    if naming.canonical(nfc) != nfc:
        found.append("mellanslagen")
    if naming.canonical(written) != known:
        found.append("stora och små bokstäver")
    return found or ["skrivsättet"]


def shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message: refused characters written as their codes, cut when long."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return "".join(
        f"<{naming.character_name(c).split()[0]}>" if naming.refused_character(c) else c for c in text
    )


def pick_spelling(spellings: Iterable[str]) -> str:
    """Of several spellings of one name, the one to keep: a clean one (NFC, single spaces)
    if there is one, then the first in sort order, so the choice never depends on row order."""
    spellings = sorted(set(spellings))
    clean = [s for s in spellings if naming.canonical(s) == s]
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
