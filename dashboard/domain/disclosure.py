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


Cell = tuple[int, int]


def _bounds(value: float, hidden: bool) -> tuple[float, float]:
    """What a reader knows of a cell: its value where shown; 1–4 where it reads "<5"; at
    least 5 where it reads "dolt" (a count hidden beside one), or anything from 0 for a zero
    hidden so."""
    if not hidden:
        return value, value
    if 0 < value < MIN_COUNT:
        return 1.0, MIN_COUNT - 1.0
    return (float(MIN_COUNT), np.inf) if value >= MIN_COUNT else (0.0, np.inf)


def given_back(
    values: np.ndarray, hidden: np.ndarray, equation: Sequence[tuple[int, int, int]]
) -> list[Cell]:
    """The hidden cells of a signed equation (row, column, +1 or −1; the terms sum to zero) a
    reader can work out exactly from the shown cells and what "<5" and "dolt" say of the
    others (each bounded, as ``_bounds``)."""
    terms = [((r, c), sign, *_bounds(values[r, c], bool(hidden[r, c]))) for r, c, sign in equation]
    found = []
    for i, (cell, sign, low, high) in enumerate(terms):
        if not hidden[cell]:
            continue
        # sign·x = −Σ others: the sum of the others' terms lies between these
        rest_low = sum(min(s * lo, s * hi) for j, (_, s, lo, hi) in enumerate(terms) if j != i)
        rest_high = sum(max(s * lo, s * hi) for j, (_, s, lo, hi) in enumerate(terms) if j != i)
        bound_low, bound_high = sorted((-rest_high / sign, -rest_low / sign))
        low, high = max(low, bound_low), min(high, bound_high)
        if low == high:
            found.append(cell)
    return found


def complete(
    values: np.ndarray,
    hidden: np.ndarray,
    equations: Sequence[Sequence[tuple[int, ...]]],
    fixed: Collection[Cell] = (),
    cost: np.ndarray | None = None,
) -> np.ndarray:
    """Complementary suppression: ``hidden`` grown until no equation gives a hidden cell back.
    An equation is the cells of ``values`` that a reader can add up against each other (parts
    and their shown total, a stock and its flows), each (row, column) or, signed so that the
    terms sum to zero, (row, column, +1 or −1). With one cell hidden it gives that cell back;
    with more, a signed equation is also checked with what the shown cells and the bounds of
    "<5" (1–4) and "dolt" (5 or more) leave of each (``given_back``: 1 + 1 against a shown 2).
    The cell hidden next is the one of the equation's shown cells that costs the reader least
    (``cost``, lowest first: a total before the parts, a flow before a stock), then the smallest
    count above zero, then a zero. ``fixed``: cells shown (or hidden) elsewhere as they are
    here, never chosen (the month before of a stock equation, which its own month's chart shows)."""
    hidden = hidden.copy()
    fixed = set(fixed)
    changed = True
    while changed:
        changed = False
        for equation in equations:
            cells = [(e[0], e[1]) for e in equation]
            unknown = [c for c in cells if hidden[c]]
            if not unknown:
                continue
            signed = all(len(e) == 3 for e in equation)
            if len(unknown) > 1 and not (signed and given_back(values, hidden, equation)):
                continue
            shown = [c for c in cells if not hidden[c] and not np.isnan(values[c]) and c not in fixed]
            if not shown:
                continue
            pick = min(shown, key=lambda c: (0 if cost is None else cost[c], values[c] <= 0, values[c], c))
            hidden[pick] = True
            changed = True
    return hidden


def table_mask(frame: pd.DataFrame, row_total: bool = False, column_total: bool = False) -> pd.DataFrame:
    """Which cells of a table of counts to hide: 1–4, and one more in every row and column
    whose shown total would give a hidden cell back. ``row_total``: the last column is each
    row's total; ``column_total``: the last row is each column's total.
    Counts of different people (distinct persons per team and kommun) add up as the table
    shows them; that is what a reader would do."""
    values = frame.to_numpy(dtype=float)
    hidden = small(values.ravel()).reshape(values.shape)
    rows, columns = values.shape
    equations: list[list[tuple[int, int, int]]] = []
    if row_total:  # a row's parts and its total, the last column
        equations += [[(r, c, -1 if c == columns - 1 else 1) for c in range(columns)] for r in range(rows)]
    if column_total:  # a column's parts and its total, the last row
        equations += [[(r, c, -1 if r == rows - 1 else 1) for r in range(rows)] for c in range(columns)]
    return pd.DataFrame(complete(values, hidden, equations), index=frame.index, columns=frame.columns)
