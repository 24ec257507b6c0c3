"""Choosing the förbund and year of a page in AppTest as a person does
(``dashboard.ui.forbund_and_year``): a segment per year, another förbund in the box whose label
names the one shown."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

SWITCH = "ui-forbund-switch"  # the box's key (dashboard.ui.forbund_and_year)


def year_control(at: AppTest):
    return next(b for b in at.button_group if b.label == "År")


def shown(at: AppTest) -> tuple[str, int]:
    """The förbund and year the page shows, as its controls say."""
    label = next(e.label for e in at.expander if e.label.startswith("Förbund: "))
    return label.removeprefix("Förbund: "), year_control(at).value


def years(at: AppTest) -> list[int]:
    return [int(y) for y in year_control(at).options]


def choose_year(at: AppTest, year: int) -> AppTest:
    return year_control(at).set_value(year).run()


def forbund_box(at: AppTest):
    """The förbund list, its box opened first if it is closed."""
    if not any(s.key == "ui-forbund" for s in at.selectbox):
        at.session_state[SWITCH] = True  # what opening it in the browser sets
        at.run()
    return next(s for s in at.selectbox if s.key == "ui-forbund")


def forbund_count(at: AppTest) -> int:
    return len(forbund_box(at).options)


def choose_forbund(at: AppTest, forbund: str | int) -> AppTest:
    """Choose a förbund by its name, or by its place in the list."""
    box = forbund_box(at)
    return (box.select_index(forbund) if isinstance(forbund, int) else box.select(forbund)).run()
