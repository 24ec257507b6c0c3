"""What a meeting is shown, read once for its two renderers, the slide show and the pack.

What a meeting is shown: each view's data, title, period and source, read once and
rendered alike by the slide show on the wall (``slides``) and the PDF/PPTX pack (``pack``).

A ``Meeting`` reads a view's data the first time a renderer asks for it, so a pack of one view
reads only that view's. Here too are the meetings of a förbund's årshjul that a pack is for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.domain import budget, capacity, county, documents, overview
from dashboard.exchange import fmt
from dashboard.store import sql
from dashboard.view import budget_view, capacity_view, charts, county_view, overview_view

VIEWS = {
    "nyckeltal": "Nyckeltal",
    "budget": "Budget och utfall",
    "avvikelser": "Största avvikelser",
    "team": "Teamkapacitet",
    "belaggning": "Beläggning per team",
    "mal": "Mål och resultat",
    "lan": "Länsjämförelse",
}


class ReportError(Exception):
    """A pack that cannot be made (no such period), said in Swedish."""


@dataclass
class Section:
    """One view of the pack. ``period`` is the period of the data the view shows (the
    county view's data year, the team view's plan year), which its headings name."""

    key: str
    title: str
    source: str
    period: str
    table: pd.DataFrame | None = None
    bullets: list[str] = field(default_factory=list)
    figure: go.Figure | None = None
    image: bytes | None = None
    amounts: tuple[str, ...] = ()  # the table's columns of figures, aligned right


def periods(con: duckdb.DuckDBPyConnection, forbund: str) -> list[dt.date]:
    """The period ends the data holds for a förbund: utfall dates, and year ends."""
    per = overview.periods(con)
    per = per[per["forbund"] == forbund]
    return sorted({d.date() for d in per["period_slut"]}, reverse=True)


class Meeting:
    """What a meeting is shown for ``forbund`` and the period ending ``period_end``: the
    period's budget lines and the board's table of them, the key figures, team capacity, the
    year's goals and the county comparison, each read when first asked for."""

    def __init__(self, con: duckdb.DuckDBPyConnection, forbund: str, period_end: dt.date) -> None:
        self.con, self.forbund, self.period_end, self.ar = con, forbund, period_end, period_end.year

    @cached_property
    def lines(self) -> pd.DataFrame:
        """The period's budget lines (``budget.lines``); empty when the data has none."""
        return budget.lines(self.con, self.forbund, self.ar, self.period_end)

    @cached_property
    def board(self) -> pd.DataFrame:
        """The board's table of the lines: budget, outcome, deviation and its level."""
        return budget_view.board_table(self.lines)

    @cached_property
    def board_source(self) -> str:
        """The budget lines' sources by title and section."""
        return budget.source(self.con, self.lines)

    @cached_property
    def key_figures(self) -> list[overview_view.KeyFigureText]:
        """The year's key figures, each with its label, value and source."""
        return overview_view.key_figures(self.con, self.forbund, self.ar)

    @cached_property
    def team(self) -> Section:
        """The förbund's insatser of the year (``team_section``)."""
        return team_section(self.con, self.forbund, self.ar)

    @cached_property
    def occupancy(self) -> Section:
        """How full each team was at the end of the period's last whole month, from the
        teams' registrations (``occupancy_section``)."""
        return occupancy_section(self.con, self.forbund, self.period_end)

    @cached_property
    def goals(self) -> Section:
        """The förbund's goals of the year and its financial rules (``goals_section``)."""
        return goals_section(self.con, self.forbund, self.ar)

    @cached_property
    def county(self) -> county_view.Opening | None:
        """The comparison of the förbund's län on the measure every kommun has
        (``county_view.opening``); None when the data does not say the förbund's län."""
        lan = county.lan_of(self.con, self.forbund)
        return county_view.opening(self.con, lan) if lan else None


def team_section(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> Section:
    """The förbund's insatser of a year: FTE, places, budget and cost per place, and FTE per
    team by employer; the period of the plans and budget it shows, its sources by title."""
    plans = capacity.teams(con, ar)
    plans = plans[plans["forbund"] == forbund].reset_index(drop=True)
    if plans.empty:
        return Section(
            "team",
            f"Teamkapacitet {ar}",
            "",
            str(ar),
            bullets=[f"Datan har ingen insats med bemanning, platser eller budget för {forbund} {ar}."],
        )
    frame = capacity_view.team_table(plans)[
        ["Insats", "FTE", "Platser (tryckt)", "Budget", "Kostnad per plats"]
    ]
    staff = capacity.staffing(con, ar)
    staff = staff[staff["insats_id"].isin(plans["insats_id"])]
    figure = charts.staffing_bars(capacity.fte_by_employer(staff)) if not staff.empty else None
    plan_years = sorted({int(y) for y in pd.concat([plans["bemanning_ar"], plans["platser_ar"]]).dropna()})
    if plan_years and plan_years != [ar]:
        period = f"budget {ar}, bemanning och platser enligt planen för {', '.join(map(str, plan_years))}"
    else:
        period = f"plan och budget {ar}"
    rows = capacity.team_source_rows(con, ar)
    rows = rows[rows["insats_id"].isin(plans["insats_id"])]
    source = capacity.sources_text(con, rows)
    return Section(
        "team",
        f"Teamkapacitet {ar}",
        source,
        period,
        table=frame,
        figure=figure,
        amounts=("FTE", "Budget", "Kostnad per plats"),
    )


def occupancy_section(con: duckdb.DuckDBPyConnection, forbund: str, period_end: dt.date) -> Section:
    """Per team: active participants at the end of the last whole month of the period, against
    the planned places, and the month's starts, ends and ends to work or studies; small
    counts protected as on the page Teamkapacitet."""
    shown = capacity_view.occupancy_at(con, forbund, period_end)
    if shown.table is None:
        return Section(
            "belaggning",
            "Beläggning per team",
            "teamens registreringar av deltagare (inga för perioden)",
            f"till och med {fmt.date(period_end)}",
            bullets=[shown.missing],
        )
    return Section(
        "belaggning",
        f"Beläggning per team, {shown.month}",
        shown.source,
        f"aktiva vid slutet av {shown.month}; platser enligt senaste plan",
        table=shown.table,
        bullets=[capacity_view.REGISTRATION_RULES],
        amounts=tuple(c for c in shown.table.columns if c not in ("Insats", "Månad")),
    )


def goals_section(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> Section:
    """The förbund's goals of a year and its financial rules, each with target, outcome and
    status (``goals.STATUS_RULES``, stated in the section), sources by title and section."""
    from dashboard.domain import goals
    from dashboard.view import goals_view

    frame = goals_view.goals_shown(con, forbund)
    year = frame[frame["ar"] == ar]
    rules = goals_view.rule_outcomes(con, forbund, ar)
    title = f"Mål och resultat {ar}"
    if year.empty and not rules:
        return Section("mal", title, "", str(ar), bullets=[f"Dokumenten har inga mål för {forbund} {ar}."])
    table = pd.DataFrame(
        {
            "Område": list(year["omrade"]) + ["Ekonomiska styrtal"] * len(rules),
            "Mål": list(year["mal"]) + [r.rule for r in rules],
            "Målvärde": list(year["malvarde_visas"]) + [""] * len(rules),
            "Utfall": list(year["utfall_visas"]) + [r.outcome for r in rules],
            "Status": list(year["status"]) + [r.status for r in rules],
        }
    )
    counts = table["Status"].value_counts()
    summary = ", ".join(f"{fmt.number(counts.get(s, 0))} {s}" for s in goals.STATUSES)
    cited = [
        documents.citation(con, d, a, short=True)
        for d, a in zip(year["dokument"], year["avsnitt"], strict=True)
    ]
    cited += list(year["utfall_kalla"].dropna()) + [r.source for r in rules]
    cited += [part for r in rules for part in r.outcome_source.split("; ") if part]
    return Section(
        "mal",
        title,
        "; ".join(documents.each_once(cited)),
        f"mål för {ar}, utfall enligt dokumenten, registrerade och beräknade ur registreringarna",
        table=table,
        bullets=[f"Status: {summary}."]
        + [f"{s.capitalize()}: {goals.STATUS_RULES[s]}" for s in goals.STATUSES],
    )


def meetings(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> pd.DataFrame:
    """The förbund's board meetings and medlemssamråd in its årshjul, the year ``ar``'s
    first, with the årshjul's source (``kalla``); empty when the data holds no årshjul for
    the förbund."""
    rows = sql.query(con, "meeting_dates", forbund=forbund, ar=ar)
    rows["kalla"] = [
        documents.citation(con, d, a, short=True)
        for d, a in zip(rows["dokument"], rows["avsnitt"], strict=True)
    ]
    return rows.drop(columns=["dokument", "avsnitt"])


def default_meeting(rows: pd.DataFrame, period_end: dt.date) -> int:
    """The meeting a pack for ``period_end`` is most likely for, as an index into ``meetings``:
    the first meeting of the chosen year on or after the period's end, else the first listed."""
    for i, day in enumerate(rows["datum"]):
        if day.year != rows["datum"].iloc[0].year:
            break
        if day.date() >= period_end:
            return i
    return 0


def meetings_note(rows: pd.DataFrame, ar: int) -> str:
    """Where the offered meetings come from, and which year, when not the chosen one."""
    years = sorted({d.year for d in rows["datum"]})
    note = "" if ar in years else f" Årshjulet gäller {', '.join(map(str, years))}, inte {ar}."
    return f"Mötena ur årshjulet: {'; '.join(sorted(set(rows['kalla'])))}.{note}"
