"""Swedish number, percentage, amount and date formatting: the one place the UI formats.

Babel's Swedish locale gives the typography Swedish readers expect: a no-break space as
thousands separator, a decimal comma and "12,5 %". Negative numbers keep the ASCII hyphen so
that a figure copied into Excel stays a number.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "sv_SE"
MISSING = "–"


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Text from a file or a user, escaped so that Streamlit's Markdown shows it as written
    (no emphasis, links, formulas or icons)."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def _is_missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | int | None, decimals: int = 0) -> str:
    """A number in Swedish format: ``1 234 567`` or ``12,5``; ``–`` when missing."""
    if _is_missing(value):
        return MISSING
    # 0 and -0.0 are one key of the memo: write zero without a sign, whichever came first.
    return _formatted(0 if value == 0 else value, decimals)


@functools.lru_cache(maxsize=100_000)
def _formatted(value: float | int, decimals: int) -> str:
    # Babel takes about 0,1 ms a number and a page formats hundreds; the same figures come
    # back on every run, so each is formatted once per process.
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def kr(value: float | int | None) -> str:
    """An amount in whole kronor: ``1 234 567 kr``."""
    return MISSING if _is_missing(value) else f"{number(round(value))}\u00a0kr"


def tkr(value: float | int | None, decimals: int = 0) -> str:
    """An amount in thousands of kronor, as the documents print them: ``1 536 tkr``."""
    return MISSING if _is_missing(value) else f"{number(value / 1000, decimals)}\u00a0tkr"


def mnkr(value: float | int | None, decimals: int = 1) -> str:
    """An amount in millions of kronor: ``3 097,0 mnkr``."""
    return MISSING if _is_missing(value) else f"{number(value / 1_000_000, decimals)}\u00a0mnkr"


def pct(share: float | None, decimals: int = 1) -> str:
    """A share (0.125) as a Swedish percentage: ``12,5 %``."""
    return MISSING if _is_missing(share) else f"{number(share * 100, decimals)}\u00a0%"


SMALL = "<5"  # a count of 1–4 people as a viewer sees it (domain.disclosure)
HIDDEN = "dolt"  # another count (0, or 5 or more) hidden so that a small one cannot be worked out


def count(value: float | int | None, hidden: bool = False) -> str:
    """A count of people as a viewer sees it: ``1 234``; where ``hidden`` (domain.disclosure
    says which) ``<5`` for 1–4 and ``dolt`` for any other count hidden beside one (complementary
    suppression: it is not 1–4, so it does not say so); ``–`` when missing."""
    if _is_missing(value):
        return MISSING
    if not hidden:
        return number(value)
    return SMALL if 0 < value < 5 else HIDDEN


def month_year(value: dt.date) -> str:
    """A month and its year: ``november 2026``."""
    return format_date(value, format="MMMM y", locale=LOCALE)


def signed(value: float | int | None, text: str) -> str:
    """``text`` (``value`` written out) with a plus sign before it when ``value`` is
    positive, for changes and deviations: ``+1,0 FTE``, ``+2,5 %``."""
    return MISSING if _is_missing(value) else ("+" if value > 0 else "") + text


def signed_kr(value: float | int | None) -> str:
    """An amount with its sign always written (``+1 000 000 kr``), for deviations."""
    return signed(value, kr(value))


def fte(value: float | None) -> str:
    """Årsarbetare (FTE) the Swedish way: ``1,0``, ``0,25`` (two decimals only where the
    documents print two)."""
    if _is_missing(value):
        return MISSING
    return number(value, 2 if round(value, 1) != round(value, 2) else 1)


def date(value: dt.date | str | None) -> str:
    """A date the Swedish way: ``31 augusti 2025``."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="d MMMM y", locale=LOCALE)


def month(value: dt.date) -> str:
    """The month's Swedish name: ``augusti``."""
    return format_date(value, format="MMMM", locale=LOCALE)


def period(value: str) -> str:
    """An ISO period ``2025-01-01..2025-06-30`` as ``1 januari–30 juni 2025``."""
    start, _, end = value.partition("..")
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if first.year == last.year:
        return f"{format_date(first, format='d MMMM', locale=LOCALE)}–{date(last)}"
    return f"{date(first)}–{date(last)}"


def undone(frame) -> list[str]:
    """An import log's column Ångrad: "2026-12-07 06:47 av Eva" for an undone import, else empty."""
    import pandas as pd

    return [
        "" if pd.isna(t) else f"{t:%Y-%m-%d %H:%M} av {who}"
        for t, who in zip(frame["angrad"], frame["angrad_av"], strict=True)
    ]
