import datetime as dt

from dashboard.exchange import fmt

NBSP = "\u00a0"


def test_kronor_have_swedish_thousands_separators():
    assert fmt.kr(18958000) == f"18{NBSP}958{NBSP}000{NBSP}kr"
    assert fmt.kr(-9073) == f"-9{NBSP}073{NBSP}kr"


def test_thousands_and_millions_as_the_documents_print_them():
    assert fmt.tkr(1536000) == f"1{NBSP}536{NBSP}tkr"
    assert fmt.mnkr(3097000000) == f"3{NBSP}097,0{NBSP}mnkr"


def test_percent_has_decimal_comma_and_space():
    assert fmt.pct(0.125) == f"12,5{NBSP}%"
    assert fmt.pct(0.77, decimals=0) == f"77{NBSP}%"


def test_signed_amount_shows_plus_for_favourable_deviation():
    assert fmt.signed_kr(1000000) == f"+1{NBSP}000{NBSP}000{NBSP}kr"
    assert fmt.signed_kr(-15169) == f"-15{NBSP}169{NBSP}kr"
    assert fmt.signed_kr(0) == f"0{NBSP}kr"


def test_missing_values_are_a_dash_not_zero():
    assert fmt.kr(None) == "–"
    assert fmt.pct(float("nan")) == "–"


def test_dates_in_swedish():
    assert fmt.date(dt.date(2025, 8, 31)) == "31 augusti 2025"
    assert fmt.date("2024-12-31") == "31 december 2024"


def test_zero_has_no_sign_whatever_was_formatted_before():
    # The formatting is memoised: -0.0 and 0 must not share a "-0".
    assert fmt.number(-0.0) == "0"
    assert fmt.kr(0) == "0\u00a0kr"
    assert fmt.number(-0.0, 1) == "0,0"
    assert fmt.number(1, 1) == fmt.number(1.0, 1) == "1,0"


def test_changes_carry_their_sign_and_fte_its_printed_decimals():
    # 004 section 6.1.1: FNS's roles print 1,0 and 4,0 FTE; 000 section 5: "25% operativ
    # utvecklingsledare" is 0,25 FTE.
    assert fmt.signed(1.0, fmt.fte(1.0)) == "+1,0"
    assert fmt.signed(-0.5, fmt.fte(-0.5)) == "-0,5"
    assert fmt.signed(0, fmt.fte(0)) == "0,0"
    assert fmt.fte(0.25) == "0,25" and fmt.fte(None) == fmt.MISSING
