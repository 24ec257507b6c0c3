"""Small counts protected (issue 27): primary suppression of 1–4, complementary suppression in
rows and columns with totals, and the stock equation of a team's month."""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pandas as pd
import pytest

from dashboard.domain import disclosure, registrations

Y, N = True, False  # hidden, shown


def _is_small(value: float) -> bool:
    return 1 <= value <= 4


def _with_totals(parts: list[list[int]]) -> pd.DataFrame:
    """Parts with a total column and a total row, as a table a viewer sees."""
    rows = [[*row, sum(row)] for row in parts]
    rows.append([sum(column) for column in zip(*rows, strict=True)])
    frame = pd.DataFrame(rows, columns=[f"k{c}" for c in range(len(parts[0]))] + ["summa"])
    frame.index = [f"t{r}" for r in range(len(parts))] + ["summa"]
    return frame


def _lines(mask: pd.DataFrame) -> list[list[bool]]:
    """Every row's and column's hidden flags."""
    hidden = mask.to_numpy()
    return [list(row) for row in hidden] + [list(column) for column in hidden.T]


# ---------------------------------------------------------------- primary


def test_primary_suppression_hides_one_to_four_only():
    values = [0, 1, 2, 3, 4, 5, 6, 10, 1234, math.nan]
    assert list(disclosure.small(values)) == [_is_small(v) if v == v else False for v in values]
    assert list(disclosure.small(values)) == [N, Y, Y, Y, Y, N, N, N, N, N]


def test_enough_people_for_a_share():
    assert [disclosure.enough(n) for n in (None, math.nan, 0, 4, 5, 17)] == [N, N, N, N, Y, Y]


def test_a_table_without_totals_hides_only_the_small_counts():
    frame = pd.DataFrame({"a": [3, 10, 0], "b": [12, 7, 9]})
    mask = disclosure.table_mask(frame)
    assert mask.to_numpy().tolist() == [[_is_small(v) for v in row] for row in frame.to_numpy()]


def test_zero_and_five_or_more_are_shown():
    frame = _with_totals([[0, 5, 9], [6, 0, 12]])
    assert not disclosure.table_mask(frame, row_total=True, column_total=True).to_numpy().any()


# ---------------------------------------------------------------- complementary


def test_a_row_with_one_hidden_cell_and_its_total_gets_the_smallest_positive_hidden_too():
    frame = pd.DataFrame({"a": [3, 20], "b": [0, 30], "c": [9, 40], "d": [6, 50]})
    frame["summa"] = frame.sum(axis=1)
    mask = disclosure.table_mask(frame, row_total=True)
    # row 0: 3 is hidden; its shown cells are 0, 9, 6 and the total 18: the smallest above zero is 6
    assert mask.loc[0].tolist() == [True, False, False, True, False]
    assert not mask.loc[1].any()


def test_the_second_cell_is_a_zero_only_where_no_count_above_zero_is_shown():
    equation = [[(0, 0), (0, 1), (0, 2)]]
    hidden = np.array([[Y, N, N]])

    def done(*values: float) -> list[bool]:
        return disclosure.complete(np.array([values]), hidden, equation)[0].tolist()

    assert done(2, 0, 7) == [Y, N, Y]
    assert done(2, 0, 0) == [Y, Y, N]
    assert done(2, math.nan, 5) == [Y, N, Y]  # a missing value is no cell to hide


def test_a_column_with_one_hidden_cell_and_its_total_gets_a_second():
    frame = pd.DataFrame({"a": [7, 2, 11], "b": [8, 9, 10]})
    frame.loc["summa"] = frame.sum()
    mask = disclosure.table_mask(frame, column_total=True)
    assert mask["a"].tolist() == [True, True, False, False]  # 2 hidden, then 7, the smallest above zero
    assert not mask["b"].any()


def test_complementary_suppression_iterates_until_stable():
    # Row t0 hides 2, then its smallest other count, 6 in column k1. Columns k0 and k1 then
    # each have one hidden cell against their totals and need a second (40, 7 in row t1), and
    # row t1 then has two: stable.
    frame = _with_totals([[2, 6, 30], [40, 7, 8], [50, 60, 9]])
    mask = disclosure.table_mask(frame, row_total=True, column_total=True)
    hidden = mask.to_numpy()
    assert hidden[0, 0] and hidden[0, 1]  # the small one and its row's complement
    assert hidden[1:, 0].any() and hidden[1:, 1].any()  # each column's second
    assert hidden.sum() >= 4
    for line in _lines(mask):
        assert sum(line) != 1


def test_complete_never_picks_a_fixed_cell():
    values = np.array([[5.0, 2.0, 9.0, 11.0]])
    hidden = disclosure.small(values.ravel()).reshape(values.shape)
    equation = [[(0, 0), (0, 1), (0, 2), (0, 3)]]
    assert disclosure.complete(values, hidden, equation)[0].tolist() == [Y, Y, N, N]
    assert disclosure.complete(values, hidden, equation, fixed=[(0, 0)])[0].tolist() == [N, Y, Y, N]


@pytest.mark.parametrize("seed", range(8))
def test_brute_force_no_row_or_column_gives_a_hidden_cell_back(seed):
    rng = random.Random(seed)
    for _ in range(150):
        rows, columns = rng.randint(1, 5), rng.randint(1, 5)
        parts = [[rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) for _ in range(columns)] for _ in range(rows)]
        frame = _with_totals(parts)
        mask = disclosure.table_mask(frame, row_total=True, column_total=True)
        values = frame.to_numpy()
        hidden = mask.to_numpy()
        # every 1–4 hidden, and no row or column equation with exactly one hidden cell
        assert (hidden | ~np.vectorize(_is_small)(values)).all(), frame
        for line in _lines(mask):
            assert sum(line) != 1, (frame, mask)
        # nothing hidden that no rule asks for: a hidden count ≥ 5 or zero sits in a line
        # with another hidden cell
        for r in range(values.shape[0]):
            for c in range(values.shape[1]):
                if hidden[r, c] and not _is_small(values[r, c]):
                    assert hidden[r].sum() >= 2 or hidden[:, c].sum() >= 2


# ---------------------------------------------------------------- the stock equation


def _latest(teams: list[tuple[float, int, int, int]]) -> pd.DataFrame:
    """Teams' latest month from (month before, started, ended, to work or studies): active
    now is the month before + started − ended."""
    return pd.DataFrame(
        [
            {
                "forbund": "F",
                "insats_id": f"team-{i}",
                "aktiva": (fore if fore == fore else 0) + started - ended,
                "startade": started,
                "avslutade": ended,
                "till_arbete_studier": work,
                "aktiva_fore": fore,
            }
            for i, (fore, started, ended, work) in enumerate(teams)
        ]
    )


def _stock_hidden(latest: pd.DataFrame, mask: pd.DataFrame, r: int) -> int:
    """Cells of a team's stock equation a reader does not see: this month's hidden ones, and
    the month before where its own month hides it (1–4)."""
    fore = latest["aktiva_fore"].iloc[r]
    return int(mask.iloc[r][["aktiva", "startade", "avslutade"]].sum()) + bool(_is_small(fore))


def test_a_hidden_start_with_the_others_shown_hides_another():
    latest = _latest([(20, 3, 6, 1)])  # 20 + 3 − 6 = 17
    mask = registrations.flow_mask(latest)
    row = mask.iloc[0]
    assert row["startade"]
    assert row["avslutade"]  # 6, the smallest count above zero of the equation's others
    assert not row["aktiva"]
    assert row["till_arbete_studier"]  # 1: primary
    assert _stock_hidden(latest, mask, 0) >= 2


def test_a_flow_is_hidden_before_a_teams_active_count():
    # 40 + 3 − 30 = 13: the 3 started is hidden; of the equation's others 13 active is the
    # smallest, but how full the team is is the board's question: the 30 ended is hidden.
    latest = _latest([(40, 3, 30, 10)])
    mask = registrations.flow_mask(latest)
    assert mask.iloc[0][["aktiva", "startade", "avslutade"]].tolist() == [False, True, True]


def test_the_row_of_all_teams_is_hidden_before_a_team():
    # Started: 3 (hidden) and 7, and 10 for all teams: the total is hidden, not the 7.
    latest = _latest([(20, 3, 6, 0), (30, 7, 6, 0)])
    mask = registrations.flow_mask(latest)
    assert mask["startade"].tolist() == [True, False]
    assert mask.attrs["total"]["startade"]


def test_the_month_before_is_never_the_second_hidden_cell():
    # 5 + 9 − 3 = 11: the 3 ended is hidden; the smallest other count is the month before (5),
    # which its own month's chart shows: hiding it here would hide nothing. Started (9) is hidden.
    latest = _latest([(5, 9, 3, 0)])
    mask = registrations.flow_mask(latest)
    assert mask.iloc[0].tolist() == [False, True, True, False]
    assert list(mask.columns) == ["aktiva", "startade", "avslutade", "till_arbete_studier"]


def test_a_small_month_before_hides_another_cell_of_its_equation():
    latest = _latest([(3, 6, 0, 0)])  # 3 + 6 − 0 = 9: the chart hides the 3
    mask = registrations.flow_mask(latest)
    assert _stock_hidden(latest, mask, 0) >= 2
    assert mask.iloc[0]["startade"]  # 6, the smallest count above zero shown


def test_the_first_month_has_no_stock_equation():
    latest = _latest([(math.nan, 3, 0, 0)])
    mask = registrations.flow_mask(latest)
    assert mask.iloc[0].tolist() == [True, True, False, False]  # 3 active and 3 started: primary only


def test_flow_mask_protects_the_row_of_all_teams():
    latest = _latest([(20, 2, 8, 5), (30, 9, 7, 6), (40, 10, 12, 7)])
    mask = registrations.flow_mask(latest)
    total = mask.attrs["total"]
    assert set(total) == {"aktiva", "startade", "avslutade", "till_arbete_studier"}
    for column in mask.columns:
        assert int(mask[column].sum()) + bool(total[column]) != 1, column
    assert registrations.flow_mask(latest.iloc[:1]).attrs["total"] == {}


@pytest.mark.parametrize("seed", range(4))
def test_brute_force_flow_mask(seed):
    rng = random.Random(seed)
    for _ in range(100):
        teams = []
        for _ in range(rng.randint(1, 5)):
            fore = rng.choice([math.nan, 0, 1, 3, 5, 8, 20, 40])
            started = rng.choice([0, 1, 2, 4, 5, 7, 12])
            ended = rng.randint(0, int(fore if fore == fore else 0) + started)
            teams.append((fore, started, ended, rng.randint(0, ended)))
        latest = _latest(teams)
        mask = registrations.flow_mask(latest)
        values = latest[mask.columns].to_numpy()
        assert (mask.to_numpy() | ~np.vectorize(_is_small)(values)).all()
        for r in range(len(latest)):
            if latest["aktiva_fore"].iloc[r] == latest["aktiva_fore"].iloc[r]:
                assert _stock_hidden(latest, mask, r) != 1, latest.iloc[r]
        if len(latest) > 1:
            for column in mask.columns:
                assert int(mask[column].sum()) + bool(mask.attrs["total"][column]) != 1, (latest, mask)


# ---------------------------------------------------------------- what "<5" and "dolt" say


def test_two_small_counts_against_a_shown_total_are_given_back_and_a_third_is_hidden():
    # a column of 1, 1, 9, 9 and its total 20: hiding the two 1s leaves 1 + 1 = 2, one way only
    frame = pd.DataFrame({"n": [1, 1, 9, 9, 20]})
    mask = disclosure.table_mask(frame, column_total=True)
    assert mask["n"].tolist()[:2] == [True, True]
    assert mask["n"].sum() == 3  # and the smaller 9


def test_a_zero_hidden_beside_a_small_flow_is_given_back_and_hides_one_more():
    # 10 active last month + <5 started − dolt ended = 12 active: "dolt" is 0 or 5 or more; 5
    # or more would need 7 or more started, so it is 0, and started is 2.
    values = np.array([[10.0, 2.0, 0.0, 12.0]])
    hidden = np.array([[False, True, True, False]])
    equation = [(0, 0, 1), (0, 1, 1), (0, 2, -1), (0, 3, -1)]
    assert sorted(disclosure.given_back(values, hidden, equation)) == [(0, 1), (0, 2)]
    done = disclosure.complete(values, hidden, [equation], fixed=[(0, 0)])
    assert done[0, 3]  # the active count is hidden too
    assert disclosure.given_back(values, done, equation) == []


def test_flow_mask_never_hides_a_zero_beside_a_small_flow_while_a_count_is_left():
    latest = _latest([(10, 2, 0, 0)])  # 10 + 2 − 0 = 12
    mask = registrations.flow_mask(latest)
    assert mask.iloc[0][["aktiva", "startade", "avslutade"]].tolist() == [True, True, False]


def test_those_who_ended_to_something_else_are_protected_too():
    # 6 ended, 5 of them to work or studies: the one other is 6 − 5, shown nowhere, but given.
    latest = _latest([(30, 6, 6, 5)])
    mask = registrations.flow_mask(latest)
    assert mask.iloc[0]["avslutade"] or mask.iloc[0]["till_arbete_studier"]


def _readings(value: float, hidden: bool, top: int) -> range | list[int]:
    """Every value a reader could take a cell for: as shown; 1–4 for "<5"; 0 or 5..top for
    "dolt" (a count hidden beside one)."""
    if not hidden:
        return [int(value)]
    if 0 < value < 5:
        return range(1, 5)
    return [0, *range(5, top + 1)]


@pytest.mark.parametrize("seed", range(4))
def test_brute_force_no_column_lets_a_reader_pin_a_hidden_count(seed):
    # Every assignment a reader could make to the hidden cells of a column (each as "<5" or
    # "dolt" allows) that adds up to the shown total: no hidden cell has only one possible value.
    rng = random.Random(seed)
    for _ in range(120):
        parts = [rng.choice([0, 1, 1, 2, 3, 4, 5, 6, 9]) for _ in range(rng.randint(2, 4))]
        frame = pd.DataFrame({"n": [*parts, sum(parts)]})
        hidden = disclosure.table_mask(frame, column_total=True)["n"].to_numpy()
        top = sum(parts) + 10
        options = [_readings(v, h, top) for v, h in zip(frame["n"], hidden, strict=True)]
        possible: list[set[int]] = [set() for _ in options]
        for combination in itertools.product(*options):
            if sum(combination[:-1]) == combination[-1]:
                for i, v in enumerate(combination):
                    possible[i].add(v)
        for i, h in enumerate(hidden):
            if h:
                assert len(possible[i]) > 1, (frame["n"].tolist(), hidden.tolist(), i)
