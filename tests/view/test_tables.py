"""The board's table as Streamlit gets it: Swedish formats, deviation colours, sums in bold."""

from __future__ import annotations

import re
from io import StringIO

import pandas as pd
import pytest
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.Dataframe_pb2 import Dataframe

from dashboard.domain import budget
from dashboard.view import budget_view, tables

VASTMANLAND = "Samordningsförbundet Västmanland"


@pytest.fixture(scope="module")
def view(con) -> budget_view.BoardView:
    return budget_view.board_view(con, VASTMANLAND, 2025, None, 0.05, 0.10)


def _css(view: budget_view.BoardView, post: str, column: str) -> str:
    row = view.shown.index[view.shown["Post"] == post][0]
    return tables.board_css(view.shown, view.table).loc[row, column]


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
        shown,
        tables.board_css(shown, view.table),
        budget_view.money_columns(shown),
        budget_view.share_columns(shown),
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
    spent, result, against = budget_view.answers(table, 2025)
    assert spent is None and against is None
    assert result.notice == "För 2025 finns bara budget i dokumenten; utfall och prognos saknas."


def test_arrow_keeps_text_and_numbers():
    frame = pd.DataFrame({"År": [2024, 2025], "Belopp": ["1\u00a0000\u00a0kr", "–"]})
    table = tables.arrow(frame)
    assert table.column_names == ["År", "Belopp"]
    assert table.to_pandas().equals(frame)


def _css_blocks(html: str) -> dict[str, str]:
    """Each CSS selector of a rendered table with its declarations."""
    style = html[html.index("<style") : html.index("</style>")]
    return {
        " ".join(selector.split()): " ".join(body.split())
        for selectors, body in re.findall(r"([^{}>]+)\{([^}]*)\}", style)
        for selector in selectors.split(",")
    }


def test_board_html_shows_the_figures_coloured_and_without_the_comment_column(view):
    table = pd.read_html(StringIO(view.html), flavor="lxml")[0]
    assert "Kommentar" not in table.columns
    assert list(table["Post"]) == list(view.shown["Post"])
    vasteras = table.set_index("Post").loc["Samordningsteam Västerås"]
    # 001 section 6: budget -6 100 000, avvikelse +1 000 000 (16 %, clearly better: green).
    assert vasteras["Budget 2025"] == "-6\u00a0100\u00a0000\u00a0kr"
    assert vasteras["Avvikelse kr"] == "+1\u00a0000\u00a0000\u00a0kr"
    row = int(view.shown.index[view.shown["Post"] == "Samordningsteam Västerås"][0])
    column = list(table.columns).index("Avvikelse kr")
    css = _css_blocks(view.html)
    assert css[f"#T_per-post_row{row}_col{column}"] == "background-color: #c8e6c9;"
    assert "text-align: right" in css[f"#T_per-post td.col{column}"]
    assert f"#T_per-post_row{row}_col0" not in css  # a post row is neither bold nor coloured


def test_board_html_escapes_text_from_imports():
    post = "<img src=x onerror=alert(1)>"
    shown = pd.DataFrame({"Post": [post], "Budget 2025": [-1000.0], "Kommentar": [""]})
    styles = pd.DataFrame("", index=shown.index, columns=shown.columns)
    html = tables.board_html(shown, styles, ["Budget 2025"], [])
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
    assert "-1\u00a0000\u00a0kr" in html


def test_comments_not_told_under_the_largest_deviations_are_listed(con, view):
    # 2025 (001 section 6): each of the three comments belongs to one of the largest deviations
    # and is told there, beside its figure, so none is listed again.
    assert view.comments == ""
    assert any("Västerås Stad har slutat" in d for d in view.deviations)
    # 2024 (004 section 7): the income line's note on its printed name is listed.
    comments = budget_view.board_view(con, VASTMANLAND, 2024, None, 0.05, 0.10).comments
    assert comments.startswith("- **Medelstilleddning från huvudmännen 2024**: Postnamnet som tryckt")
