"""A national registration list (issue 27): 100 000 participations over the benchmark's 83
förbund and their insatser, as one CSV file the import takes (``registration_import``).

Every row names its förbund (the column Förbund) and one of the förbund's insatser of the
national data (``bench.generate``: 300 teams, three or four a förbund); the kommun of
residence is one of the förbund's member kommuner. Starts lie in the benchmark's years
(2016–2025), a participation lasts from a week to two years, and those that would end after
the file's period (``TILL``) are still active. One in twenty is a restart of an earlier
participant of the same team. Every figure is synthetic; the team's codes are running
numbers ("S-000123"), never anything like a personnummer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterable

from dashboard.domain.registrations import AVSLUT

N_REGISTRATIONS = 100_000
FRAN, TILL = dt.date(2016, 1, 1), dt.date(2025, 12, 31)  # the benchmark's years
HEADINGS = ["Förbund", "Insats", "Deltagare", "Kön", "Födelseår", "Kommunkod", "Startdatum", "Slutdatum",
            "Avslut"]  # fmt: skip
# Why a participation ended, weighted as a team's list might have it: the first two are
# "arbete eller studier" (registrations.WORK_OR_STUDIES).
_AVSLUT_WEIGHTS = (22, 10, 18, 12, 14, 4, 12, 8)
_RESTART = 0.05


def rows(
    insatser: Iterable[tuple[str, str]],
    kommuner: dict[str, list[str]],
    n: int = N_REGISTRATIONS,
    seed: int = 4,
) -> list[list]:
    """The list's rows, headings first: ``n`` participations spread evenly over ``insatser``
    ((förbund, insats_id) pairs), each living in one of its förbund's ``kommuner``."""
    rng = random.Random(seed)
    teams = sorted(insatser)
    span = (TILL - FRAN).days
    out: list[list] = [HEADINGS]
    seen: dict[str, list[tuple[str, int, str, dt.date]]] = {}  # per insats: code, born, kommun, start
    used: set[tuple[str, str, dt.date]] = set()
    for i in range(n):
        forbund, insats = teams[i % len(teams)]
        earlier = seen.setdefault(insats, [])
        start = FRAN + dt.timedelta(days=rng.randrange(span + 1))
        again = rng.choice(earlier) if earlier and rng.random() < _RESTART else None
        if again is not None and again[3] < start:  # a restart: the same person again, later
            code, born, kommun, _ = again
        else:
            code = f"S-{len(earlier) + 1:06d}"
            born = start.year - rng.randint(18, 64)
            kommun = rng.choice(kommuner[forbund])
            earlier.append((code, born, kommun, start))
        while (insats, code, start) in used:  # one start a day for a person in a team
            start += dt.timedelta(days=1)
        used.add((insats, code, start))
        end = start + dt.timedelta(days=rng.randint(7, 730))
        why = rng.choices(AVSLUT, _AVSLUT_WEIGHTS)[0]
        if end > TILL:  # still active at the period's end
            end, why = None, ""
        sex = rng.choices(("K", "M", ""), (52, 46, 2))[0]
        out.append(
            [forbund, insats, code, sex, born, kommun, start.isoformat(), end.isoformat() if end else "", why]
        )
    return out


def national(con, n: int = N_REGISTRATIONS, seed: int = 4) -> list[list]:
    """``rows`` for the förbund and insatser of the database ``con`` (the benchmark's national
    data): every insats, and each förbund's member kommuner."""
    insatser = con.execute("SELECT DISTINCT forbund, insats_id FROM insatser ORDER BY ALL").fetchall()
    kommuner: dict[str, list[str]] = {}
    for forbund, kod in con.execute(
        "SELECT DISTINCT forbund, kommunkod FROM members WHERE kommunkod IS NOT NULL ORDER BY ALL"
    ).fetchall():
        kommuner.setdefault(forbund, []).append(kod)
    return rows(insatser, kommuner, n, seed)


def to_csv(table: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(table)
    return out.getvalue().encode("utf-8")


FILE_NAME = "registreringar.csv"


def add(con, data: bytes, who: str = "prestandamätning") -> int:
    """A registration list (``to_csv(national(con))``) imported into ``con`` as an editor
    would: ``registration_import.parse`` and ``store`` of one CSV file covering
    ``FRAN``–``TILL``; returns the rows stored."""
    from dashboard.exchange import registration_import

    parsed = registration_import.parse(con, data, FILE_NAME, fran=FRAN, till=TILL, today=TILL)
    return registration_import.store(con, parsed, who).added
