"""ui.shared: one object per function, data version and arguments, for every session."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.view import ui

CALLS: list[object] = []


def made(con, flag) -> list[str]:
    """A shared result that counts how often it is made."""
    CALLS.append(flag)
    return [type(flag).__name__]


def _page() -> None:
    import streamlit as st

    from dashboard.view import ui
    from tests.view import test_ui

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


def test_a_repeated_shared_call_skips_streamlits_cache(monkeypatch):
    through = []
    original = ui._through
    monkeypatch.setattr(ui, "_through", lambda *a: through.append(a[1]) or original(*a))
    CALLS.clear()
    ui._drop_results()
    AppTest.from_function(_page).run()
    # Three calls, two distinct: Streamlit's cache (and its argument hashing) asked twice.
    assert through == [made, made] and CALLS == [True, 1]


def _editor_page() -> None:
    import pandas as pd
    import streamlit as st

    from dashboard.view import ui

    data = pd.DataFrame({"Post": ["Styrelse", "Kansli"], "Förändring kr": [0, 0]})
    basis = st.session_state.get("basis", "Västmanland 2025")
    box = ui.lazy_expander("Per post", key="open")
    edited = ui.kept_editor(box, "lines", basis, data)
    st.write(f"{edited is data} {list(edited['Förändring kr'])}")


def _kept(at: AppTest):
    return at.session_state["_ui_kept_edits"]["lines"]


def test_kept_edits_count_while_closed_and_start_over_on_another_basis():
    at = AppTest.from_function(_editor_page).run()
    assert at.markdown[0].value == "True [0, 0]"  # never opened: the table as made
    assert not at.expander[0].children
    at.session_state["open"] = True  # the user opens the box
    at.run()
    first_editor = _kept(at).widget_key
    assert len(at.expander[0].dataframe) == 1
    # What an edit in the browser leaves in the session (AppTest cannot type into a grid).
    edits = _kept(at).edited.assign(**{"Förändring kr": [100_000, 0]})
    _kept(at).edited = edits
    at.session_state["open"] = False
    at.run()  # the closing run draws the editor once more, to take in an edit on its way
    assert len(at.expander[0].dataframe) == 1
    _kept(at).edited = edits  # (the grid in a browser would have sent it again)
    at.run()
    assert not at.expander[0].children  # closed: not drawn
    assert at.markdown[0].value == "False [100000, 0]"  # and the edit counts
    at.session_state["open"] = True
    at.run()  # opened again: a new editor that starts from the edits
    assert _kept(at).widget_key != first_editor
    assert list(at.expander[0].dataframe[0].value["Förändring kr"]) == [100_000, 0]
    at.session_state["basis"] = "Västmanland 2024"  # another year (or an opened scenario)
    at.run()
    assert at.markdown[0].value == "False [0, 0]"  # the edits start over, in a new editor


def _two_runs_page() -> None:
    import threading

    import streamlit as st
    from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

    from dashboard.view import ui

    ui.begin_run()
    ready, go, answers = threading.Event(), threading.Event(), []

    def old_run() -> None:  # a run Streamlit has asked to stop, still between two queries
        cursor = ui.snapshot_cursor()
        ready.set()
        go.wait(10)
        answers.append(cursor.execute("SELECT 42").fetchall()[0][0])

    thread = threading.Thread(target=old_run)
    add_script_run_ctx(thread, get_script_run_ctx())
    thread.start()
    ready.wait(10)
    ui.begin_run()  # the visitor clicked on: the new run begins in the same session
    go.set()
    thread.join(10)
    st.write(f"{answers} {ui.snapshot_cursor().execute('SELECT 1').fetchall()[0][0]}")


def test_a_new_run_never_closes_the_cursor_of_a_run_still_going():
    # Streamlit's fast reruns start the new run in a new thread before the old one has
    # stopped; the new run's begin_run must leave the old run's cursor alone.
    at = AppTest.from_function(_two_runs_page).run()
    assert not at.exception
    assert at.markdown[0].value == "[42] 1"
