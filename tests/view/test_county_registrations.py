"""Länsjämförelse's participants per kommun of residence per 1 000 inhabitants 20–64 (issue 27),
from a generated registration list imported as an editor would: every count and rate checked
against the list's rows and data/befolkning.csv, counted here on their own, small counts
protected."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import random
import re
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.domain import disclosure, registrations_county
from dashboard.exchange import registration_import
from dashboard.store import db, embedded
from dashboard.view import county_view

REPO = Path(__file__).resolve().parents[2]
FORBUND = "Samordningsförbundet Västmanland"
FRAN, TILL = dt.date(2024, 1, 1), dt.date(2025, 10, 31)  # the period the list covers
VASTMANLAND, STOCKHOLM, SKANE = "19", "01", "12"

# (insats, kommun of residence, ran only in 2024, ran in 2024 and 2025, ran only in 2025).
PLAN = (
    ("Samordningsteam Sala", "1981", 10, 8, 6),  # Sala
    ("Samordningsteam FNS", "1962", 3, 0, 0),  # Norberg: 3 in 2024 (<5), none in 2025
    ("Samordningsteam FNS", "1982", 0, 4, 3),  # Fagersta: 4 in 2024 (<5), 7 in 2025
    ("Samordningsteam FNS", "1904", 0, 0, 2),  # Skinnskatteberg: 2 in 2025 (<5)
    ("Samordningsteam Västerås", "1980", 20, 15, 12),  # Västerås
    ("Teamsamverkan Västra Mälardalen", "1983", 0, 5, 0),  # Köping: exactly 5, shown with its rate
    ("Samordningsteam Hallstahammar", "1961", 0, 6, 0),  # Hallstahammar
    ("Samordningsteam Västerås", "0180", 0, 0, 6),  # Stockholm: no population in the data
)
HEADER = ["Insats", "Deltagare", "Kön", "Födelseår", "Kommunkod", "Startdatum", "Slutdatum", "Avslut"]


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def registration_rows(seed: int = 27) -> list[dict[str, str]]:
    """The generated list: ``PLAN``'s participations with dates drawn within their years, and
    the edge cases: a restart in the same insats (one person), one person in two insatser
    (counted in both), a participation that ended in 2023 (in neither year)."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []

    def add(insats: str, code: str, kommun: str, start: dt.date, end: dt.date | None) -> None:
        rows.append(
            {
                "Insats": insats,
                "Deltagare": code,
                "Kön": rng.choice(["K", "M", ""]),
                "Födelseår": str(start.year - rng.randint(20, 60)),
                "Kommunkod": kommun,
                "Startdatum": start.isoformat(),
                "Slutdatum": end.isoformat() if end else "",
                "Avslut": rng.choice(["arbete", "studier", "avbrutet", "annat"]) if end else "",
            }
        )

    number = 0
    for insats, kommun, only_2024, both, only_2025 in PLAN:
        for kind, n in (("2024", only_2024), ("both", both), ("2025", only_2025)):
            for _ in range(n):
                number += 1
                code = f"T-{number:04d}"
                if kind == "2024":
                    start = _day(rng, dt.date(2024, 1, 1), dt.date(2024, 9, 30))
                    add(insats, code, kommun, start, _day(rng, start, dt.date(2024, 12, 31)))
                elif kind == "both":
                    start = _day(rng, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
                    end = _day(rng, dt.date(2025, 1, 1), TILL) if rng.random() < 0.5 else None
                    add(insats, code, kommun, start, end)
                else:
                    start = _day(rng, dt.date(2025, 1, 1), dt.date(2025, 9, 30))
                    end = _day(rng, start, TILL) if rng.random() < 0.5 else None
                    add(insats, code, kommun, start, end)
    # A restart in the same insats: the same person, once a year.
    add("Samordningsteam Sala", "S-9001", "1981", dt.date(2024, 2, 1), dt.date(2024, 4, 30))
    add("Samordningsteam Sala", "S-9001", "1981", dt.date(2024, 9, 2), None)
    # One person in two insatser (each team's own code): counted in both.
    add("Samordningsteam Sala", "S-9002", "1961", dt.date(2024, 5, 6), dt.date(2025, 2, 28))
    # Ended before the years shown.
    add("Samordningsteam Sala", "S-9003", "1981", dt.date(2023, 3, 1), dt.date(2023, 11, 30))
    return rows


def registration_csv(rows: list[dict[str, str]]) -> bytes:
    out = StringIO()
    writer = csv.DictWriter(out, HEADER, delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def import_registrations(con: duckdb.DuckDBPyConnection, rows: list[dict[str, str]]) -> None:
    """The list imported as an editor would (``parse`` and ``store``), covering FRAN–TILL."""
    parsed = registration_import.parse(
        con, registration_csv(rows), "registreringar.csv", forbund=FORBUND, fran=FRAN, till=TILL,
        today=dt.date(2025, 11, 30),
    )  # fmt: skip
    registration_import.store(con, parsed, "Test")


def expected_counts(rows: list[dict[str, str]], ar: int) -> dict[str, int]:
    """Per kommun code: participants of the year, each once per insats, counted from the rows."""
    first, last = dt.date(ar, 1, 1), dt.date(ar, 12, 31)
    people: dict[str, set[tuple[str, str]]] = {}
    for r in rows:
        start = dt.date.fromisoformat(r["Startdatum"])
        end = dt.date.fromisoformat(r["Slutdatum"]) if r["Slutdatum"] else None
        if start <= last and (end is None or end >= first):
            people.setdefault(r["Kommunkod"], set()).add((r["Insats"], r["Deltagare"]))
    return {kommun: len(who) for kommun, who in people.items()}


def population(ar: int) -> dict[str, tuple[int, int]]:
    """Per kommun code: the population 20–64 of the latest year at or before ``ar`` in
    data/befolkning.csv, and that year."""
    found: dict[str, tuple[int, int]] = {}
    with open(REPO / "data" / "befolkning.csv", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            year, code = int(row["ar"]), row["omradeskod"]
            if len(code) == 4 and year <= ar and (code not in found or found[code][1] < year):
                found[code] = (int(row["befolkning_20_64"]), year)
    return found


KOMMUNER_19 = {
    "1984": "Arboga", "1982": "Fagersta", "1961": "Hallstahammar", "1960": "Kungsör", "1983": "Köping",
    "1962": "Norberg", "1981": "Sala", "1904": "Skinnskatteberg", "1907": "Surahammar", "1980": "Västerås",
}  # fmt: skip


@pytest.fixture(scope="module")
def reg_con(tmp_path_factory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A database of this module's own, built from data/, with the generated list imported."""
    con = db.connect(tmp_path_factory.mktemp("registrations") / "lan.duckdb")
    embedded.build(con)
    import_registrations(con, registration_rows())
    yield con
    con.close()


def _read(html: str) -> pd.DataFrame:
    """A static table as its cells read ("1,2" stays text)."""
    return pd.read_html(StringIO(html), flavor="lxml", thousands=None)[0].astype(str)


def _number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(",", "."))


def test_the_generated_list_has_what_the_tests_need():
    counts = {ar: expected_counts(registration_rows(), ar) for ar in (2024, 2025)}
    assert counts[2024]["1962"] == 3 and counts[2024]["1982"] == 4  # two small kommuner in 2024
    assert counts[2025]["1904"] == 2 and "1962" not in counts[2025]  # one small kommun in 2025
    assert counts[2024]["1983"] == 5  # a kommun of exactly 5 shows its rate
    assert counts[2024]["1981"] == 10 + 8 + 1  # the restart counted once, 2023's not at all
    assert counts[2024]["1961"] == 6 + 1  # the person in two insatser counted in both


def test_years_of_the_lan(reg_con):
    assert registrations_county.lan_years(reg_con, VASTMANLAND) == [2024, 2025]
    assert registrations_county.lan_years(reg_con, STOCKHOLM) == [2025]  # no one from there in 2024
    assert registrations_county.lan_years(reg_con, SKANE) == []


@pytest.mark.parametrize("ar", [2024, 2025])
def test_counts_and_rates_per_kommun_against_the_rows(reg_con, ar):
    rows = registration_rows()
    counts = expected_counts(rows, ar)
    people = population(ar)
    table = _read(county_view.residents_view(reg_con, VASTMANLAND, ar).html).set_index("Kommun")
    assert list(table.columns) == [f"Deltagare {ar}", "Befolkning 20–64 år 2024", "Per 1 000 inv. 20–64"]
    assert list(table.index) == [*sorted(KOMMUNER_19.values(), key=_swedish), "Västmanlands län"]
    for code, name in KOMMUNER_19.items():
        n, (inhabitants, year) = counts.get(code, 0), people[code]
        assert year == 2024
        shown = table.loc[name]
        assert _number(shown["Befolkning 20–64 år 2024"]) == inhabitants
        if 1 <= n <= 4:  # <5 and no rate
            assert shown[f"Deltagare {ar}"] == "<5"
            assert shown["Per 1 000 inv. 20–64"] == "–"
        elif shown[f"Deltagare {ar}"] == "dolt":  # hidden beside one: no count, no rate
            assert shown["Per 1 000 inv. 20–64"] == "–"
        elif n == 0:
            assert shown[f"Deltagare {ar}"] == "0"
            assert shown["Per 1 000 inv. 20–64"] == "–"
        else:
            assert _number(shown[f"Deltagare {ar}"]) == n
            rate = shown["Per 1 000 inv. 20–64"]
            assert re.fullmatch(r"\d+,\d", rate), rate  # Swedish, one decimal
            assert abs(_number(rate) - n / inhabitants * 1000) <= 0.05 + 1e-9
    total = table.loc["Västmanlands län"]
    in_lan = sum(n for code, n in counts.items() if code in KOMMUNER_19)
    assert _number(total["Befolkning 20–64 år 2024"]) == 154_113  # the län's own published figure
    if total[f"Deltagare {ar}"] == "dolt":
        assert total["Per 1 000 inv. 20–64"] == "–"
    else:
        assert _number(total[f"Deltagare {ar}"]) == in_lan
        assert abs(_number(total["Per 1 000 inv. 20–64"]) - in_lan / 154_113 * 1000) <= 0.05 + 1e-9
    # No reading of the column gives a hidden kommun back: every value a reader could take
    # each "<5" (1–4) and "dolt" (0, or 5 or more) for, that adds up to the total.
    column = [table.loc[name, f"Deltagare {ar}"] for name in KOMMUNER_19.values()]
    column.append(total[f"Deltagare {ar}"])
    truth = [counts.get(code, 0) for code in KOMMUNER_19] + [in_lan]
    for i, text in enumerate(column):
        if text in ("<5", "dolt"):
            assert _more_than_one_value(column, truth, i), (i, column)


def _more_than_one_value(column: list[str], truth: list[int], i: int) -> bool:
    """Whether cell ``i`` of a column of kommuner and their total (last) can be read as more
    than one value, given the shown cells: the others hidden are tried at the readings their
    marks allow, the true values first (so that the search ends soon)."""
    top = truth[-1] + 5
    options = []
    for text, value in zip(column, truth, strict=True):
        if text == "<5":
            options.append([value, *[v for v in range(1, 5) if v != value]])
        elif text == "dolt":
            options.append([value, *[v for v in [0, *range(5, top + 1)] if v != value]])
        else:
            options.append([value])
    seen = set()
    hidden = [j for j, text in enumerate(column) if text in ("<5", "dolt")]
    for reading in itertools.product(*(options[j] for j in hidden)):
        values = list(truth)
        for j, v in zip(hidden, reading, strict=True):
            values[j] = v
        if sum(values[:-1]) == values[-1]:
            seen.add(values[i])
            if len(seen) > 1:
                return True
    return False


def _swedish(name: str) -> tuple:
    order = "abcdefghijklmnopqrstuvwxyzåäö"
    return tuple(order.index(c) if c in order else -1 for c in name.lower())


def test_notes_name_the_rule_the_reach_and_the_population(reg_con):
    notes = county_view.residents_view(reg_con, VASTMANLAND, 2025).notes
    text = "\n".join(notes)
    assert "en gång per insats" in text and "enligt teamets registrering" in text
    assert "Registreringarna för 2025 når till och med 31 oktober 2025" in text
    assert "befolkning 20–64 år 2024 (SCB via Regionfakta" in text
    assert "senaste år före 2025 med uppgift" in text
    assert county_view.RESIDENTS_SMALL in text
    earlier = "\n".join(county_view.residents_view(reg_con, VASTMANLAND, 2024).notes)
    assert "når till och med" not in earlier  # 2024 is covered whole
    assert "senaste år före" not in earlier


def test_a_lan_without_population_says_so(reg_con):
    view = county_view.residents_view(reg_con, STOCKHOLM, 2025)
    table = _read(view.html).set_index("Kommun")
    assert _number(table.loc["Stockholm", "Deltagare 2025"]) == 6
    assert set(table["Per 1 000 inv. 20–64"]) == {"befolkning saknas"}
    assert set(table["Befolkning 20–64 år"]) == {"saknas"}
    assert any("Datan har ingen befolkning 20–64 år för kommunerna i Stockholms län" in n for n in view.notes)


def test_no_registrations_sentence_points_to_data():
    text = county_view.no_registrations(SKANE)
    assert text.startswith("Datan har inga registreringar av deltagare som bor i Skåne län.")
    assert "sidan Data, under Deltagarnas registreringar" in text


def test_the_lan_and_its_teams_are_protected_as_one_table(reg_con):
    # Teamkapacitet shows the förbund's teams per kommun, Länsjämförelse the kommuner's sums:
    # one grid, one mask, so no row or column of it gives a hidden cell back.
    for ar in (2024, 2025):
        grid = registrations_county.resident_grid(reg_con, VASTMANLAND, ar)
        values, hidden = grid.counts.to_numpy(), grid.hidden.to_numpy()
        assert (hidden | ~((values >= 1) & (values <= 4))).all()  # every 1–4 hidden
        rows, columns = values.shape
        equations = [[(r, c, -1 if c == columns - 1 else 1) for c in range(columns)] for r in range(rows)]
        equations += [[(r, c, -1 if r == rows - 1 else 1) for r in range(rows)] for c in range(columns)]
        for equation in equations:
            assert disclosure.given_back(values, hidden, equation) == [], equation
        shown = registrations_county.lan_residents(reg_con, VASTMANLAND, ar).frame
        totals = [bool(grid.hidden.at[k, registrations_county.TOTAL]) for k in shown["kommunkod"][:-1]]
        assert list(shown["dold"][:-1]) == totals  # Länsjämförelse hides what the grid hides
