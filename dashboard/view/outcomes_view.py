"""Recorded outcomes of goals as the page Data lists them.

Recorded outcomes of goals as the page Data lists them: the goal, the outcome in words,
who recorded it and when, and who undid it.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.domain import outcomes
from dashboard.exchange import fmt


def outcome_log(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every recorded outcome, newest first, as the page Data lists them: the goal (förbund,
    year, area), the period, the outcome in words, its source, who recorded it and when, and
    who undid it."""
    log = outcomes.outcome_log_raw(con)

    def when(t: object, who: object) -> str:
        return f"{fmt.date(t.date())} {t:%H:%M}, {who}"  # type: ignore[union-attr]

    def outcome(r: pd.Series) -> str:
        parts = (
            [fmt.number(r["utfall"], 0 if float(r["utfall"]).is_integer() else 1)]
            if pd.notna(r["utfall"])
            else []
        )
        parts += [r["bedomning"]] if isinstance(r["bedomning"], str) else []
        return f"{', '.join(parts)}: {r['utfall_text']}" if parts else r["utfall_text"]

    return pd.DataFrame(
        {
            "Nr": log["utfall_id"].astype(str),
            "Mål": [
                f"{f}, {a}: {o}" if isinstance(f, str) else m
                for f, a, o, m in zip(log["forbund"], log["ar"], log["omrade"], log["mal_id"], strict=True)
            ],
            "Period": log["period"],
            "Utfall": [outcome(r) for _, r in log.iterrows()],
            "Källa": log["kalla"],
            "Registrerad": [
                when(t, who)
                + (f", import {int(i)}" if pd.notna(i) else "")
                + (f"; ångrad {when(u, by)}" if pd.notna(u) else "")
                for t, who, i, u, by in zip(
                    log["registrerad"],
                    log["registrerad_av"],
                    log["import_id"],
                    log["angrad"],
                    log["angrad_av"],
                    strict=True,
                )
            ],
        }
    )
