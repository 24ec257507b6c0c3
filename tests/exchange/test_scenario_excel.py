"""The scenario's Excel for the budget proposal: its assumptions in words, never a formula."""

from __future__ import annotations

import pytest

from dashboard.domain import scenarios
from dashboard.exchange import fmt, scenario_excel


@pytest.fixture(scope="module")
def base_2025(con):
    return scenarios.base(con, scenarios.Assumptions())


def test_compare_and_excel(con, base_2025):
    a = scenarios.Assumptions(state_change=-0.10)
    result = scenarios.project(base_2025, a)
    data = scenario_excel.excel(base_2025, a, result, "Test")
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Antaganden", "Budget per post", "Per år"]
    rows = {r[0].value: r[1].value for r in book["Antaganden"].iter_rows(min_row=2)}
    assert rows["Statens medel, förändring"].startswith("-10,0")
    assert rows["Ingående eget kapital"].startswith("Beräknat utgående eget kapital 2024-12-31")


def test_the_scenarios_excel_never_holds_a_formula(base_2025):
    from io import BytesIO

    from openpyxl import load_workbook

    a = scenarios.Assumptions(
        state_change=-0.10, added=(('=HYPERLINK("http://x")', "individinsats", 1000.0),)
    )
    name = "@SUM(1+1)"
    data = scenario_excel.excel(base_2025, a, scenarios.project(base_2025, a), name)
    book = load_workbook(BytesIO(data))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    assert by_value[name].data_type == "s" and by_value[name].quotePrefix
    # A share written with a minus (fmt's ASCII hyphen) is kept as it reads, marked as text.
    share = by_value[fmt.pct(-0.10) + " från 2026"]
    assert share.value.startswith("-10,0") and share.quotePrefix
