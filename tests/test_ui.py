"""ui.shared: one object per function, data version and arguments, for every session."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard import ui

CALLS: list[object] = []


def made(con, flag) -> list[str]:
    """A shared result that counts how often it is made."""
    CALLS.append(flag)
    return [type(flag).__name__]


def _page() -> None:
    import streamlit as st

    from dashboard import ui
    from tests import test_ui

    first = ui.shared(test_ui.made, True)
    again = ui.shared(test_ui.made, True)
    number = ui.shared(test_ui.made, 1)
    st.write(f"{first is again} {first} {number}")


def test_shared_makes_each_result_once_and_tells_true_from_one():
    CALLS.clear()
    at = AppTest.from_function(_page).run()
    assert not at.exception
    # The same object twice; True and 1 are equal in Python but different arguments here.
    assert at.markdown[0].value == "True ['bool'] ['int']"
    assert CALLS == [True, 1]
    at.run()  # a second run, and a second visitor: nothing made again
    AppTest.from_function(_page).run()
    assert CALLS == [True, 1]
    ui._drop_results()  # what an import does (ui.data_changed): made again from the new data
    at.run()
    assert CALLS == [True, 1, True, 1]
