"""Generated registration lists (issue 27) and an independent oracle for them.

``generate`` makes the participations of a team's anonymous list, seeded, with the cases the
rules turn on: a participation that starts and ends in one month (some on the month's last
day, some on their first), one that spans years, a restart in the same insats (the same
Deltagare code, a later start) and participations still active (no end). ``csv_bytes`` writes
them as a file the import takes (``;`` separated, the columns of the format).

The oracle (``months``, ``period_counts``, ``residents``, ``in_effect``) computes from the rows
with plain date logic, without DuckDB, pandas or the dashboard's code, what the domain's
functions must give. The rules, as ``dashboard/domain/registrations.py`` states them:

- active at a month's end: started on or before its last day and not ended by then (no end,
  or an end after the last day);
- started, ended: the date lies in the month (or the period);
- days in the insats: end − start + 1; the median of those who ended in the month;
- a participation without an end runs to the end of the latest period the imports cover for
  its insats (the reach); only whole months within the reach are counted;
- participants per insats, kommun and year: each Deltagare code of an insats once, where a
  participation ran during the year (and the year begins within the reach).
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

HEADER = ("Insats", "Deltagare", "Kön", "Födelseår", "Kommunkod", "Startdatum", "Slutdatum", "Avslut")
AVSLUT = ("arbete", "studier", "arbetssökande", "annan insats", "sjukskrivning", "flytt", "avbrutet", "annat")
WORK_OR_STUDIES = ("arbete", "studier")
KON = ("kvinna", "man", "K", "M", "annat", "")


@dataclass(frozen=True)
class Row:
    """One participation as the team writes it."""

    insats: str  # as written in the file (the insats's id or name)
    insats_id: str  # the id the oracle groups by
    deltagare: str  # the team's own code
    kon: str
    fodelsear: int
    kommunkod: str
    start: dt.date
    end: dt.date | None = None
    avslut: str = ""
    forbund: str | None = None


@dataclass(frozen=True)
class Insats:
    """An insats to generate for: its id, how the file writes it, the kommuner its people
    mostly live in."""

    insats_id: str
    written: str
    kommuner: tuple[str, ...]


# ---------------------------------------------------------------- dates


def last_day(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_ends(fran: dt.date, till: dt.date) -> list[dt.date]:
    """The last days of the whole months from ``fran``'s month up to ``till`` (a month whose
    last day lies after ``till`` is not whole)."""
    ends = []
    day = fran.replace(day=1)
    while last_day(day) <= till:
        ends.append(last_day(day))
        day = last_day(day) + dt.timedelta(days=1)
    return ends


# ---------------------------------------------------------------- generating


def _person(rng: random.Random, insats: Insats, code: str, start: dt.date) -> dict:
    kommuner = insats.kommuner if rng.random() < 0.85 else ("1980", "1984", "1983")
    return {
        "insats": insats.written,
        "insats_id": insats.insats_id,
        "deltagare": code,
        "kon": rng.choice(KON),
        "fodelsear": start.year - rng.randint(18, 64),
        "kommunkod": rng.choice(kommuner),
    }


def _ended(rng: random.Random, person: dict, start: dt.date, end: dt.date | None) -> Row:
    return Row(**person, start=start, end=end, avslut=rng.choice(AVSLUT) if end else "")


def generate(
    insatser: Sequence[Insats],
    *,
    seed: int,
    fran: dt.date,
    till: dt.date,
    per_insats: int = 40,
    first_code: int = 1,
) -> list[Row]:
    """Participations of the insatser between ``fran`` (some start up to half a year before
    it) and ``till`` (nothing starts or ends after it), seeded. Every insats gets the edge
    cases besides the random ones: a participation within one month ending on its last day,
    one of a single day, one spanning the turn of a year, a restart, one still active."""
    rng = random.Random(seed)
    rows: list[Row] = []
    earliest = fran - dt.timedelta(days=180)
    span = (till - earliest).days
    for insats in insatser:
        number = first_code

        def code() -> str:
            nonlocal number
            number += 1
            return f"T{number - 1:04d}"

        # the edge cases, placed at random months inside the period
        ends = month_ends(fran, till)
        month = rng.choice(ends[:-1])
        within = code()
        person = _person(rng, insats, within, month)
        rows.append(_ended(rng, person, month.replace(day=rng.randint(1, 10)), month))  # ends on the last day
        one_day = rng.choice(ends).replace(day=rng.randint(1, 28))
        rows.append(_ended(rng, _person(rng, insats, code(), one_day), one_day, one_day))
        years = [d for d in ends if d.month == 12 and d < till]
        if years:
            turn = rng.choice(years)
            start = turn.replace(day=rng.randint(1, 20), month=11)
            end = min(dt.date(turn.year + 1, 2, rng.randint(1, 28)), till)
            rows.append(_ended(rng, _person(rng, insats, code(), start), start, end))
        restart = code()
        person = _person(rng, insats, restart, fran)
        first = fran + dt.timedelta(days=rng.randint(0, 40))
        first_end = first + dt.timedelta(days=rng.randint(20, 90))
        again = first_end + dt.timedelta(days=rng.randint(1, 60))
        assert again + dt.timedelta(days=40) <= till, "a period too short for a restart"
        rows.append(_ended(rng, person, first, first_end))
        rows.append(_ended(rng, person, again, None if rng.random() < 0.5 else again + dt.timedelta(days=40)))
        active = till - dt.timedelta(days=rng.randint(0, 200))
        rows.append(_ended(rng, _person(rng, insats, code(), active), active, None))
        # the rest at random
        for _ in range(per_insats):
            this = code()
            start = earliest + dt.timedelta(days=rng.randint(0, span))
            person = _person(rng, insats, this, start)
            while start <= till:
                kind = rng.random()
                if kind < 0.2:  # within its month
                    end = start + dt.timedelta(days=rng.randint(0, (last_day(start) - start).days))
                elif kind < 0.35:
                    end = None
                else:
                    end = start + dt.timedelta(days=rng.randint(1, 500))
                if end is not None and end > till:
                    end = None
                rows.append(_ended(rng, person, start, end))
                if end is None or rng.random() < 0.8:
                    break
                start = end + dt.timedelta(days=rng.randint(1, 120))  # a restart
    return rows


def csv_bytes(
    rows: Iterable[Row], *, with_forbund: bool = False, extra: dict[str, str] | None = None
) -> bytes:
    """The rows as the import's file: ``;`` separated, UTF-8, a heading row; ``with_forbund``
    adds the column Förbund; ``extra`` adds columns (heading → the same value on every row)."""
    extra = extra or {}
    header = [*HEADER, *(["Förbund"] if with_forbund else []), *extra]
    lines = [";".join(header)]
    for r in rows:
        cells = [
            r.insats,
            r.deltagare,
            r.kon,
            str(r.fodelsear),
            r.kommunkod,
            r.start.isoformat(),
            r.end.isoformat() if r.end else "",
            r.avslut,
        ]
        if with_forbund:
            cells.append(r.forbund or "")
        cells += list(extra.values())
        lines.append(";".join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- the oracle


@dataclass(frozen=True)
class Import:
    """A file as the oracle sees it: its rows, the period it covers, whether it was undone."""

    rows: tuple[Row, ...]
    fran: dt.date
    till: dt.date
    undone: bool = False


def in_effect(imports: Sequence[Import], deleted: Sequence[tuple[str, dt.date, dt.date]] = ()) -> list[Row]:
    """The rows in effect after the imports in order: a row counts while its import is not
    undone, unless a later import (not undone) of the same insats covers its start with its
    period and leaves the participation (insats, code, start) out (the later list replaces the
    earlier for its period); a participation several imports give counts once, as the import
    whose period ends last gives it (the later of two with the same end). ``deleted``:
    (insats_id, fran, till) of an editor's deletions (after all imports): rows of the insats
    that start in the period are gone."""
    live = [(n, this) for n, this in enumerate(imports) if not this.undone]
    chosen: dict[tuple[str, str, dt.date], tuple[tuple[dt.date, int], Row]] = {}
    for number, this in live:
        for row in this.rows:
            key = (row.insats_id, row.deltagare, row.start)
            if any(
                later > number
                and o.fran <= row.start <= o.till
                and any(r.insats_id == row.insats_id for r in o.rows)
                and not any((r.insats_id, r.deltagare, r.start) == key for r in o.rows)
                for later, o in live
            ):
                continue
            rank = (this.till, number)
            if key not in chosen or chosen[key][0] < rank:
                chosen[key] = (rank, row)
    return [
        row
        for _, row in chosen.values()
        if not any(row.insats_id == i and fran <= row.start <= till for i, fran, till in deleted)
    ]


def reach(imports: Sequence[Import]) -> dict[str, tuple[dt.date, dt.date]]:
    """Per insats: the earliest start and the latest end of the periods of imports in effect."""
    found: dict[str, tuple[dt.date, dt.date]] = {}
    for this in imports:
        if this.undone:
            continue
        for insats_id in {r.insats_id for r in this.rows}:
            low, high = found.get(insats_id, (this.fran, this.till))
            found[insats_id] = (min(low, this.fran), max(high, this.till))
    return found


@dataclass(frozen=True)
class Month:
    aktiva: int
    startade: int
    avslutade: int
    till_arbete_studier: int
    median_dagar: float | None


def months(
    rows: Iterable[Row], reaches: dict[str, tuple[dt.date, dt.date]]
) -> dict[tuple[str, dt.date], Month]:
    """Per insats and whole month of its reach: the counts of the rules above."""
    rows = list(rows)
    result = {}
    for insats_id, (fran, till) in reaches.items():
        own = [r for r in rows if r.insats_id == insats_id]
        for end_of_month in month_ends(fran, till):
            first = end_of_month.replace(day=1)
            active = [r for r in own if r.start <= end_of_month and (r.end is None or r.end > end_of_month)]
            started = [r for r in own if first <= r.start <= end_of_month]
            ended = [r for r in own if r.end is not None and first <= r.end <= end_of_month]
            days = [(r.end - r.start).days + 1 for r in ended]
            result[(insats_id, end_of_month)] = Month(
                len(active),
                len(started),
                len(ended),
                sum(r.avslut in WORK_OR_STUDIES for r in ended),
                statistics.median(days) if days else None,
            )
    return result


def active_day_by_day(rows: Iterable[Row], insats_id: str, day: dt.date) -> int:
    """Those of an insats in it on ``day`` and the day after (a second count of the month-end
    rule, walking the days: one ending on the day is not active at its end)."""
    return sum(
        1
        for r in rows
        if r.insats_id == insats_id and r.start <= day and (r.end is None or r.end >= day + dt.timedelta(1))
    )


@dataclass(frozen=True)
class Period:
    deltagare: int
    nya: int
    avslutade: int
    till_arbete_studier: int


def period_counts(rows: Iterable[Row], fran: dt.date, till: dt.date) -> dict[str, Period]:
    """Per insats: participations during the period, started in it, ended in it, ended to
    work or studies."""
    rows = list(rows)
    result: dict[str, Period] = {}
    for insats_id in sorted({r.insats_id for r in rows}):
        own = [r for r in rows if r.insats_id == insats_id]
        during = [r for r in own if r.start <= till and (r.end is None or r.end >= fran)]
        ended = [r for r in during if r.end is not None and r.end <= till]
        result[insats_id] = Period(
            len(during),
            sum(fran <= r.start for r in during),
            len(ended),
            sum(r.avslut in WORK_OR_STUDIES for r in ended),
        )
    return result


def residents(
    rows: Iterable[Row], year: int, reaches: dict[str, tuple[dt.date, dt.date]]
) -> dict[tuple[str, str], int]:
    """Per insats and kommun: the distinct codes with a participation during the year
    (within the insats's reach)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    people: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        if first > reaches[r.insats_id][1]:
            continue
        if r.start <= last and (r.end is None or r.end >= first):
            people.setdefault((r.insats_id, r.kommunkod), set()).add(r.deltagare)
    return {key: len(codes) for key, codes in people.items()}


def with_forbund(rows: Iterable[Row], forbund: str) -> list[Row]:
    return [replace(r, forbund=forbund) for r in rows]
