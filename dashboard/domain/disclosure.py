"""Small counts protected: no view lets anyone single out a participant (issue 27).

As SCB and Socialstyrelsen publish: a count of 1–4 people is not shown ("<5"), a share or a
median computed from fewer than 5 people is not shown, and where shown totals and the other
cells of a row or column would give a hidden cell back, one more cell is hidden
(complementary suppression). A zero is shown: it singles out no one.

Everything here says *which* cells to hide (boolean masks); the view writes "<5" in their
place (``exchange.fmt.protected``). Only an editor's import preview shows raw counts.
"""

from __future__ import annotations

import itertools
import math
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


def _pieces(value: float, hidden: bool) -> list[tuple[float, float]]:
    """What a reader knows of a cell, as the intervals its value lies in: its value where
    shown; 1–4 where it reads "<5"; 0 or at least 5 where it reads "dolt" (the page says "<5"
    is 1–4, so "dolt" is anything else)."""
    if not hidden:
        return [(value, value)]
    if 0 < value < MIN_COUNT:
        return [(1.0, MIN_COUNT - 1.0)]
    return [(0.0, 0.0), (float(MIN_COUNT), np.inf)]


MAX_BRANCHES = 4096  # "dolt" cells of one equation whose readings are tried one by one


def given_back(
    values: np.ndarray, hidden: np.ndarray, equation: Sequence[tuple[int, int, int]]
) -> list[Cell]:
    """The hidden cells of a signed equation (row, column, +1 or −1; the terms sum to zero) a
    reader can work out exactly from the shown cells and what "<5" and "dolt" say of the
    others (``_pieces``): every reading of the others is tried, and a cell is given back when
    all of them leave it one value."""
    terms = [((r, c), sign, _pieces(values[r, c], bool(hidden[r, c]))) for r, c, sign in equation]
    found = []
    for i, (cell, sign, own) in enumerate(terms):
        if not hidden[cell]:
            continue
        others = [(s, pieces) for j, (_, s, pieces) in enumerate(terms) if j != i]
        if math.prod(len(p) for _, p in others) > MAX_BRANCHES:
            continue  # so many unknowns that none is given back
        possible: list[tuple[float, float]] = []
        for reading in itertools.product(*(p for _, p in others)):
            # sign·x = −Σ others: the sum of the others' terms lies between these
            rest_low = sum(min(s * lo, s * hi) for (s, _), (lo, hi) in zip(others, reading, strict=True))
            rest_high = sum(max(s * lo, s * hi) for (s, _), (lo, hi) in zip(others, reading, strict=True))
            bound_low, bound_high = sorted((-rest_high / sign, -rest_low / sign))
            for low, high in own:
                low, high = max(low, bound_low), min(high, bound_high)
                if low <= high:
                    possible.append((low, high))
        if possible and all(low == high == possible[0][0] for low, high in possible):
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
    "<5" (1–4) and "dolt" (0, or 5 or more) leave of each (``given_back``: 1 + 1 against a shown 2).
    The cell hidden next is a count above zero (a zero only where none is left) that costs the
    reader least (``cost``, lowest first: a total before the parts, a flow before a stock),
    the smallest of those. ``fixed``: cells shown (or hidden) elsewhere as they are here, never
    chosen (the month before of a stock equation, which its own month's chart shows)."""
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
            # a zero only where nothing above zero is left: a hidden zero reads "dolt" beside
            # a "<5", and the equation would often leave it only 0
            pick = min(shown, key=lambda c: (values[c] <= 0, 0 if cost is None else cost[c], values[c], c))
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
