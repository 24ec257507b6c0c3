"""Outcomes of goals recorded by editors (page Data): checked, saved, undone, and their log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain.goals import DELVIS, EJ_UPPNATT, UPPNATT
from dashboard.store import sql, writes


class OutcomeError(ValueError):
    """A recorded outcome that cannot be saved; the message is a Swedish sentence naming the field."""


def all_goals(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every goal, for choosing one to record an outcome for."""
    return sql.query(con, "goals_all")


def check_period(period: str, ar: int) -> str:
    """A period of a goal's year: the year (``2025``) or a part of it
    (``2025-01-01..2025-08-31``); raises ``OutcomeError`` in Swedish otherwise."""
    period = period.strip()
    if period == str(ar):
        return period
    start, dots, end = period.partition("..")
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        first = last = None
    if not dots or first is None or last is None or first > last or first.year != ar or last.year != ar:
        raise OutcomeError(
            f"Kolumn period: ”{period}” är varken året {ar} eller en del av det (ÅÅÅÅ-MM-DD..ÅÅÅÅ-MM-DD)."
        )
    return period


@dataclass(frozen=True)
class ParsedOutcome:
    """An editor's outcome of a goal as typed or read from a file, before it is checked."""

    mal_id: str
    period: str
    utfall: float | None
    bedomning: str | None
    utfall_text: str
    kalla: str


def record_outcome(
    con: duckdb.DuckDBPyConnection,
    mal_id: str,
    period: str,
    utfall: float | None,
    bedomning: str | None,
    utfall_text: str,
    kalla: str,
    vem: str,
    import_id: int | None = None,
) -> int:
    """Check and save an editor's outcome of a goal for a period; its id. Call inside
    ``writes.user_write``. Raises ``OutcomeError`` (a Swedish sentence naming the field)."""
    goal_year = all_goals(con).set_index("mal_id")["ar"].get(mal_id)
    row = check(con, ParsedOutcome(mal_id, period.strip(), utfall, bedomning, utfall_text, kalla))
    period = check_period(row.period, int(goal_year))
    result = con.execute(
        sql.load("goals_outcome_insert"),
        {
            "mal_id": mal_id,
            "period": period,
            "utfall": utfall,
            "bedomning": bedomning,
            "utfall_text": utfall_text.strip(),
            "kalla": kalla.strip(),
            "registrerad": dt.datetime.now().replace(microsecond=0),
            "registrerad_av": vem,
            "import_id": import_id,
        },
    ).fetchone()
    return int(result[0])


def undo_outcome(con: duckdb.DuckDBPyConnection, utfall_id: int, vem: str) -> bool:
    """Undo a recorded outcome (inside ``writes.user_write``); False if it was already undone."""
    rows = con.execute(
        sql.load("goals_outcome_undo"),
        {"utfall_id": utfall_id, "angrad": dt.datetime.now().replace(microsecond=0), "angrad_av": vem},
    ).fetchall()
    return bool(rows)


def outcome_log_raw(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The recorded outcomes with ids and undo state (for the undo choice)."""
    return sql.query(con, "goals_outcome_log")


def check(con: duckdb.DuckDBPyConnection, row: ParsedOutcome) -> ParsedOutcome:
    """``row`` if it can be saved: the goal exists, the period is of its year, the outcome
    fits the goal and names its source; raises ``OutcomeError`` naming the column."""
    goals_ = all_goals(con).set_index("mal_id")
    if row.mal_id not in goals_.index:
        raise OutcomeError(f"Kolumn mal_id: målet ”{row.mal_id}” finns inte.")
    goal = goals_.loc[row.mal_id]
    check_period(row.period, int(goal["ar"]))
    if row.utfall is not None and goal["jamforelse"] == "kvalitativt":
        raise OutcomeError(
            "Kolumn utfall: målet är kvalitativt och har inget målvärde; ange en bedömning i stället."
        )
    if row.bedomning not in (None, UPPNATT, DELVIS, EJ_UPPNATT):
        raise OutcomeError(f"Kolumn bedömning: ”{row.bedomning}” är inte uppnått, delvis eller ej uppnått.")
    if row.utfall is None and row.bedomning is None:
        raise OutcomeError("Kolumn utfall: ange ett utfall i målets enhet eller en bedömning.")
    if not row.utfall_text.strip():
        raise OutcomeError("Kolumn utfall_text: skriv med några ord vad som blev av målet.")
    if not row.kalla.strip():
        raise OutcomeError("Kolumn källa: ange var utfallet kommer ifrån (rapport, protokoll, datum).")
    return row


def store_outcomes(con: duckdb.DuckDBPyConnection, parsed: list[ParsedOutcome], vem: str) -> list[int]:
    """Save checked outcomes in one transaction (all or nothing); their ids."""
    with writes.user_write(con):
        return [
            record_outcome(con, p.mal_id, p.period, p.utfall, p.bedomning, p.utfall_text, p.kalla, vem)
            for p in parsed
        ]


def undo_stored(con: duckdb.DuckDBPyConnection, utfall_id: int, vem: str) -> bool:
    """Undo a recorded outcome in its own write (``undo_outcome`` in ``writes.user_write``)."""
    with writes.user_write(con):
        return undo_outcome(con, utfall_id, vem)
