"""Participants from the teams' own registrations (issue 27): how full each team is month by
month, who started and ended, where the leavers went, and where the participants live.

The registrations are anonymous lists the teams keep (``exchange.registration_import`` takes
them in): one row per participation with insats, kön, age group, kommun of residence, start
and end date and why it ended. The rules, stated once here and on the pages:

- Active at a month's end: started on or before its last day and not ended by then (one who
  ends on the last day has ended that month).
- Started, ended: the start or end date lies in the month (or period).
- Days in the insats: from start to end, both days counted.
- A participation without an end date runs up to the end of the latest period the imports
  cover for its insats (``registration_reach``); months after it are not counted.
- Participants per kommun and year: each participant of an insats once (a restart in the
  same insats is the same person), where a participation ran during the year.

The numbers here are raw counts; what a viewer sees is protected (``disclosure``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from dashboard.domain import disclosure
from dashboard.store import sql

# Why a participation ended, as the import takes it; the first two are "arbete eller studier".
AVSLUT = ("arbete", "studier", "arbetssökande", "annan insats", "sjukskrivning", "flytt", "avbrutet", "annat")
WORK_OR_STUDIES = ("arbete", "studier")
KON = ("kvinna", "man", "annat", "okänt")
# Age at start, grouped: the only trace of a birth year that is kept.
AGE_GROUPS = ((16, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74))
MIN_AGE, MAX_AGE = 16, 74


def age_group(age: int) -> str:
    """``25–34`` for 30; raises ValueError outside MIN_AGE–MAX_AGE."""
    for low, high in AGE_GROUPS:
        if low <= age <= high:
            return f"{low}–{high}"
    raise ValueError(age)


def _forbund(forbund: tuple[str, ...] | list[str] | str) -> list[str]:
    return [forbund] if isinstance(forbund, str) else list(forbund)


def months(con: duckdb.DuckDBPyConnection, forbund: tuple[str, ...] | str) -> pd.DataFrame:
    """Per insats and month the registrations cover: ``aktiva`` at the month's end,
    ``startade``, ``avslutade``, ``till_arbete_studier`` and ``median_dagar`` (of those who
    ended in the month), with ``manad_slut`` the month's last day."""
    frame = sql.query(con, "registration_months", forbund=_forbund(forbund))
    frame["manad_slut"] = pd.to_datetime(frame["manad_slut"]).dt.date
    return frame


def _month_before(frame: pd.DataFrame) -> pd.Series:
    """Each row's active count of the month before, where the registrations cover that month
    (a month between two imports' periods is not counted: missing)."""
    by_team = frame.groupby(["forbund", "insats_id"])
    before, month = by_team["aktiva"].shift(1), by_team["manad_slut"].shift(1)
    wanted = [m.replace(day=1) - dt.timedelta(days=1) for m in frame["manad_slut"]]
    return before.where([b == w for b, w in zip(month, wanted, strict=True)])


def latest_months(frame: pd.DataFrame) -> pd.DataFrame:
    """Each insats's latest whole month (``months``' rows), with the month before's active
    count (``aktiva_fore``: the stock a reader adds the month's flows to)."""
    if frame.empty:
        return frame.assign(aktiva_fore=pd.Series(dtype=float))
    latest = frame.assign(aktiva_fore=_month_before(frame)).groupby(["forbund", "insats_id"]).tail(1)
    return latest.reset_index(drop=True)


def month_of(frame: pd.DataFrame, month_end: dt.date) -> pd.DataFrame:
    """Each insats's row of the whole month ending on or before ``month_end`` (the latest such
    month it covers), with ``aktiva_fore`` as in ``latest_months``."""
    shown = frame.assign(aktiva_fore=_month_before(frame))
    shown = shown[shown["manad_slut"] <= month_end]
    return shown.groupby(["forbund", "insats_id"]).tail(1).reset_index(drop=True)


def flow_mask(latest: pd.DataFrame) -> pd.DataFrame:
    """Which counts of ``latest_months`` (columns aktiva, startade, avslutade,
    till_arbete_studier) a viewer may not see: 1–4, and more where the month before's active
    count (shown in the chart) and this month's give a hidden flow back (before + started −
    ended = active now), or a column's parts give its total back (the row of all teams)."""
    columns = ["aktiva", "startade", "avslutade", "till_arbete_studier"]
    values = latest[columns].to_numpy(dtype=float)
    hidden = disclosure.small(values.ravel()).reshape(values.shape)
    before = latest["aktiva_fore"].to_numpy(dtype=float)
    before_hidden = disclosure.small(before)
    # A stock equation per team: aktiva_fore + startade − avslutade = aktiva. The month before
    # is a cell of its own (index 4): hidden there when the chart hides it. Those who ended to
    # something else than work or studies (index 5) are shown nowhere, but avslutade less
    # till_arbete_studier gives them: a cell of its own, hidden where 1–4.
    others = values[:, 2] - values[:, 3]
    extended = np.column_stack([values, before, others])
    hidden_ext = np.column_stack([hidden, before_hidden, disclosure.small(others)])
    equations = []
    for r in range(len(latest)):
        if not np.isnan(before[r]):
            equations.append([(r, 4, 1), (r, 1, 1), (r, 2, -1), (r, 0, -1)])
        equations.append([(r, 2, 1), (r, 3, -1), (r, 5, -1)])
    # the row of all teams: each column is the sum of the teams' (when more than one team)
    if len(latest) > 1:
        totals = np.nansum(extended, axis=0)
        extended = np.vstack([extended, totals])
        hidden_ext = np.vstack([hidden_ext, disclosure.small(totals)])
        n = len(latest)
        equations += [[(r, c, -1 if r == n else 1) for r in range(n + 1)] for c in range(4)]
        equations.append([(n, 2, 1), (n, 3, -1), (n, 5, -1)])
    # What is hidden next: the row of all teams first, then a flow, a team's active count last
    # (how full a team is, the board's question). The month before is shown (or hidden) by its
    # own month's chart, and the rest who ended is shown nowhere: neither is ever chosen.
    cost = np.tile([2.0, 1.0, 1.0, 1.0, 3.0, 3.0], (len(extended), 1))
    if len(latest) > 1:
        cost[len(latest), :] = 0
    fixed = [(r, c) for r in range(len(extended)) for c in (4, 5)]
    done = disclosure.complete(extended, hidden_ext, equations, fixed=fixed, cost=cost)
    mask = pd.DataFrame(done[: len(latest), :4], columns=columns, index=latest.index)
    mask.attrs["total"] = dict(zip(columns, done[len(latest), :4], strict=True)) if len(latest) > 1 else {}
    return mask


@dataclass(frozen=True)
class Occupancy:
    """Active participants at a month's end against the planned places (a range where the
    plan prints one): the share at the low and the high end of the plan."""

    low: float
    high: float


def _positive(value: float | None) -> bool:
    return value is not None and value == value and value > 0


def occupancy(active: float, places_min: float, places_max: float) -> Occupancy | None:
    """None where the places or the count are missing, or fewer than 5 are active (a share of
    a small count is not shown)."""
    if not disclosure.enough(active) or not _positive(places_min) or not _positive(places_max):
        return None
    return Occupancy(active / places_max, active / places_min)


def period_counts(
    con: duckdb.DuckDBPyConnection, forbund: tuple[str, ...] | str, fran: dt.date, till: dt.date
) -> pd.DataFrame:
    """Per insats with registrations: participations in the period (``deltagare``), ``nya``,
    ``avslutade`` and ``till_arbete_studier``; ``reach_fran``/``reach_till`` say how far its
    registrations reach (a period beyond them is not covered)."""
    frame = sql.query(con, "registration_period", forbund=_forbund(forbund), fran=fran, till=till)
    for column in ("reach_fran", "reach_till"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def covered(frame: pd.DataFrame, fran: dt.date, till: dt.date) -> pd.DataFrame:
    """The insatser of ``period_counts`` whose registrations cover the whole period."""
    return frame[(frame["reach_fran"] <= fran) & (frame["reach_till"] >= till)]


@dataclass(frozen=True)
class Share:
    """Ended to work or studies among the ended of a period."""

    ended: int
    to_work_or_studies: int

    @property
    def value(self) -> float | None:
        """The share, or None when fewer than 5 ended (not shown)."""
        return self.to_work_or_studies / self.ended if disclosure.enough(self.ended) else None


def work_or_studies(
    con: duckdb.DuckDBPyConnection, forbund: str, fran: dt.date, till: dt.date
) -> Share | None:
    """Of the förbund's participations that ended in the period, how many to work or studies;
    None when no insats's registrations cover the whole period."""
    counts = covered(period_counts(con, forbund, fran, till), fran, till)
    if counts.empty:
        return None
    return Share(int(counts["avslutade"].sum()), int(counts["till_arbete_studier"].sum()))


def residents(con: duckdb.DuckDBPyConnection, forbund: tuple[str, ...] | str, ar: int) -> pd.DataFrame:
    """Participants per insats and kommun of residence in a year (each once per insats)."""
    return sql.query(con, "registration_residents", forbund=_forbund(forbund), ar=ar)


def years(con: duckdb.DuckDBPyConnection, forbund: tuple[str, ...] | str) -> list[int]:
    """The years the förbund's registrations cover, latest first."""
    return [int(y) for y in sql.query(con, "registration_years", forbund=_forbund(forbund))["ar"]]


def lan_residents(con: duckdb.DuckDBPyConnection, lan: str, ar: int) -> pd.DataFrame:
    """Per kommun of the län: participants in the year who live there (every förbund's
    registrations, each once per insats), the population 20–64 the data has (latest year at or
    before ``ar``) and participants per 1 000 of it (``per_1000``; missing without population)."""
    frame = sql.query(con, "registration_lan_residents", lan=lan, ar=ar)
    frame["per_1000"] = frame["deltagare"] / frame["befolkning"] * 1000
    return frame
