"""Choosing what a page shows in AppTest as a person does: a segment per year
(``dashboard.view.ui.year``), and one of a long list in the box whose label names the one shown
(``dashboard.view.ui.choice_box``: the förbund, Länsjämförelse's measure and kommun)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

FORBUND = "ui-forbund"  # the förbund's key in dashboard.view.ui.forbund_and_year


def segments(at: AppTest, label: str = "År"):
    """The segmented control of ``label`` (a year by default)."""
    return next(b for b in at.button_group if b.label == label)


def years(at: AppTest) -> list[int]:
    return [int(y) for y in segments(at).options]


def choose_year(at: AppTest, year: int) -> AppTest:
    return segments(at).set_value(year).run()


def box_shows(at: AppTest, noun: str) -> str:
    """What the box of ``noun`` says it shows ("Mått: Öppet arbetslösa …" gives the rest)."""
    return next(e.label for e in at.expander if e.label.startswith(f"{noun}: ")).removeprefix(f"{noun}: ")


def box_list(at: AppTest, key: str):
    """The list in the box of ``key``, the box opened first if it is closed."""
    if not any(s.key == key for s in at.selectbox):
        at.session_state[f"{key}-box"] = True  # what opening it in the browser sets
        at.run()
    return next(s for s in at.selectbox if s.key == key)


def choose(at: AppTest, key: str, value: object) -> AppTest:
    """Choose in the box of ``key`` by value, or by place in the list (an int)."""
    box = box_list(at, key)
    return (box.select_index(value) if isinstance(value, int) else box.select(value)).run()


def shown(at: AppTest) -> tuple[str, int]:
    """The förbund and year the page shows, as its controls say."""
    return shown_as(at, "År")


def shown_as(at: AppTest, year_label: str) -> tuple[str, int]:
    """The förbund and year of a page whose year is called ``year_label`` (Scenarier's Basår)."""
    return box_shows(at, "Förbund"), segments(at, year_label).value


def forbund_box(at: AppTest):
    return box_list(at, FORBUND)


def forbund_count(at: AppTest) -> int:
    return len(forbund_box(at).options)


def choose_forbund(at: AppTest, forbund: str | int) -> AppTest:
    """Choose a förbund by its name, or by its place in the list."""
    return choose(at, FORBUND, forbund)
