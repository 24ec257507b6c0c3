"""Numbers as Swedish exports write them: ``1 234 567,50``, ``−12``, ``-3 000``.

Babel reads the number by the Swedish locale's rules (strict: a misplaced group separator is
an error, not a guess). Real files write the thousands separator as a space, a no-break
space, a narrow no-break space or a thin space, and the minus as a hyphen or U+2212; those
are brought to Babel's form first.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import NumberFormatError, parse_decimal

# Every space a thousands separator may be written with → the locale's own (no-break space).
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_MINUS = re.compile(r"^[\u2212\u2013-]")
# What a number may contain at all: sign, digits, separators, decimal comma (or point).
_ALLOWED = re.compile(r"^[+-]?[\d\u00a0]+([,.]\d+)?$")


def parse_decimal_sv(text: str, *, allow_point: bool = False, max_decimals: int | None = None) -> Decimal:
    """The number in ``text``; ValueError if it is not one.

    A decimal point is refused unless ``allow_point``: in a Swedish file ``1.234`` may mean
    one thousand two hundred and thirty-four or one and a bit, and a guess would be wrong
    half the time. ``max_decimals`` refuses more decimals than an amount can have: ``1,234``
    written with an English thousands comma must not become one krona.
    """
    value = _MINUS.sub("-", _SPACES.sub("\u00a0", str(text).strip()))
    if value.startswith(("-\u00a0", "+\u00a0")):
        value = value[0] + value[2:]
    if not _ALLOWED.match(value) or (not allow_point and "." in value):
        raise ValueError(text)
    decimals = re.split(r"[,.]", value)[1] if re.search(r"[,.]", value) else ""
    if max_decimals is not None and len(decimals) > max_decimals:
        raise ValueError(text)
    try:
        return parse_decimal(value, locale="sv_SE", strict=True)
    except NumberFormatError:
        raise ValueError(text) from None


def whole_kronor(amount: Decimal) -> int:
    """Kronor to the nearest krona, halves away from zero (as a bookkeeper rounds)."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
