"""The board's table as Streamlit gets it: Swedish formats, deviation colours, sums in bold."""

from __future__ import annotations

import pytest
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.Dataframe_pb2 import Dataframe

from dashboard import budget, tables

VASTMANLAND = "Samordningsförbundet Västmanland"


@pytest.fixture(scope="module")
def view(con) -> budget.BoardView:
    return budget.board_view(con, VASTMANLAND, 2025, None, 0.05, 0.10)


def _css(view: budget.BoardView, post: str, column: str) -> str:
    row = view.shown.index[view.shown["Post"] == post][0]
    return view.styles.loc[row, column]


def test_deviation_colours_and_bold_sums(view):
    # 001 section 6: Samordningsteam Västerås +1 000 000 on -6 100 000 (16 %, clearly better).
    assert _css(view, "Samordningsteam Västerås", "Avvikelse kr") == "background-color: #c8e6c9"
    assert _css(view, "Samordningsteam Västerås", "Budget 2025") == ""
    # Styrelse -15 169 on -619 227 (2 %): within the 5 % limit, no colour.
    assert _css(view, "Styrelse", "Mot budget") == ""
    # A sum row is bold in every column, and coloured where it deviates.
    assert _css(view, "Summa administration", "Post") == "font-weight: bold"
    assert (
        _css(view, "Summa administration", "Avvikelse kr") == "background-color: #c8e6c9; font-weight: bold"
    )


def test_styler_shows_swedish_figures_and_the_css_per_cell(view):
    shown = view.shown
    styler = tables.board_style(
        shown, view.styles, budget.money_columns(shown), budget.share_columns(shown)
    ).set_uuid("t")
    proto = Dataframe()
    marshall_styler(proto.arrow_data, styler, "t")
    styles = proto.arrow_data.styler.styles
    row = int(shown.index[shown["Post"] == "Samordningsteam Västerås"][0])
    column = list(shown.columns).index("Avvikelse kr")
    assert f"#T_t_row{row}_col{column}" in styles
    assert "background-color: #c8e6c9" in styles and "font-weight: bold" in styles
    shown_texts = styler._translate(False, False)["body"][row]
    texts = [cell["display_value"] for cell in shown_texts if cell.get("type") == "td"]
    # 001 section 6: budget -6 100 000, avvikelse +1 000 000.
    assert "-6\u00a0100\u00a0000\u00a0kr" in texts and "+1\u00a0000\u00a0000\u00a0kr" in texts


def test_board_view_answers_the_boards_questions(view):
    spent, result, against = view.answers
    # 001 section 6: the cost groups' utfall to 31 August, the prognos result -9 073 against
    # the budgeted -2 028 622, +2 019 549 better.
    assert spent.label == "Kostnader t.o.m. 31 augusti 2025"
    assert (result.label, result.value) == ("Resultat, prognos 2025", "-9\u00a0073\u00a0kr")
    assert result.caption == "Budget -2\u00a0028\u00a0622\u00a0kr."
    assert against.value == "+2\u00a0019\u00a0549\u00a0kr"
    assert against.caption == "▲▲ klart bättre för helåret."
    largest = budget.largest_deviations(view.table)
    assert len(view.deviations) == len(largest)
    assert view.deviations[0].startswith(f"**{largest.iloc[0]['post']}**")
    assert list(view.shown.index) == list(range(len(view.shown)))


def test_a_year_with_only_a_budget_says_so(con):
    table = budget.board_table(budget.lines(con, VASTMANLAND, 2025))
    table = table.assign(utfall_ar=float("nan"))
    table.attrs.update(outcome_measure=None, utfall_till=None)
    spent, result, against = budget.answers(table, 2025)
    assert spent is None and against is None
    assert result.notice == "För 2025 finns bara budget i dokumenten; utfall och prognos saknas."


def test_arrow_keeps_text_and_numbers():
    import pandas as pd

    frame = pd.DataFrame({"År": [2024, 2025], "Belopp": ["1\u00a0000\u00a0kr", "–"]})
    table = tables.arrow(frame)
    assert table.column_names == ["År", "Belopp"]
    assert table.to_pandas().equals(frame)
