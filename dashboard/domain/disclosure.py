"""Small counts protected: no view lets anyone single out a participant (issue 27).

As SCB and Socialstyrelsen publish: a count of 1–4 people is not shown ("<5"), a share or a
median computed from fewer than 5 people is not shown, and where shown totals and the other
cells of a row or column would give a hidden cell back, one more cell is hidden
(complementary suppression). A zero is shown: it singles out no one.

Everything here says *which* cells to hide (boolean masks); the view writes "<5" in their
place (``exchange.fmt.protected``). Only an editor's import preview shows raw counts.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import numpy as np
import pandas as pd

MIN_COUNT = 5  # the smallest count shown, and the fewest people a share or median is made of


def small(values: Iterable[float]) -> np.ndarray:
    """Primary suppression: a count of 1–4 (a missing value is not a count)."""
    array = np.asarray(list(values), dtype=float)
    return (array > 0) & (array < MIN_COUNT)


def enough(people: float | None) -> bool:
    """Whether a share, mean or median made of ``people`` persons may be shown."""
    return people is not None and people == people and people >= MIN_COUNT


def complete(
    values: np.ndarray,
    hidden: np.ndarray,
    equations: Sequence[Sequence[tuple[int, int]]],
    fixed: Collection[tuple[int, int]] = (),
) -> np.ndarray:
    """Complementary suppression: ``hidden`` grown until no equation has exactly one hidden
    cell. An equation is the cells (row, column) of ``values`` that a reader can add up
    against each other (parts and their shown total, a stock and its flows): with one cell
    hidden it gives that cell back, with two or more it does not. The second cell hidden is
    the smallest count above zero, then a zero, of the equation's shown cells. ``fixed``:
    cells shown (or hidden) elsewhere as they are here, never chosen as the second cell (the
    month before of a stock equation, which its own month's chart shows)."""
    hidden = hidden.copy()
    fixed = set(fixed)
    changed = True
    while changed:
        changed = False
        for cells in equations:
            unknown = [c for c in cells if hidden[c]]
            if len(unknown) != 1:
                continue
            shown = [c for c in cells if not hidden[c] and not np.isnan(values[c]) and c not in fixed]
            if not shown:
                continue
            positive = [c for c in shown if values[c] > 0]
            pick = min(positive or shown, key=lambda c: (values[c], c))
            hidden[pick] = True
            changed = True
    return hidden


def table_mask(frame: pd.DataFrame, row_total: bool = False, column_total: bool = False) -> pd.DataFrame:
    """Which cells of a table of counts to hide: 1–4, and one more in every row and column
    whose shown total would give a hidden cell back. ``row_total``: one of the columns is each
    row's total; ``column_total``: one of the rows is each column's total.
    Counts of different people (distinct persons per team and kommun) add up as the table
    shows them; that is what a reader would do."""
    values = frame.to_numpy(dtype=float)
    hidden = small(values.ravel()).reshape(values.shape)
    rows, columns = values.shape
    equations: list[list[tuple[int, int]]] = []
    if row_total:  # a row's parts and its total, among the columns
        equations += [[(r, c) for c in range(columns)] for r in range(rows)]
    if column_total:  # a column's parts and its total, among the rows
        equations += [[(r, c) for r in range(rows)] for c in range(columns)]
    return pd.DataFrame(complete(values, hidden, equations), index=frame.index, columns=frame.columns)
