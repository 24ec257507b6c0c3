"""Registrations (issue 27): a generated list imported, and every month, period, kommun and
year compared with the independent oracle of ``tests.registration_lists``; the edge cases
one by one; replacing, undoing and deleting."""

from __future__ import annotations

import datetime as dt
import math
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dashboard.domain import registrations
from dashboard.exchange import registration_import
from dashboard.store import db, embedded
from tests import registration_lists as lists

FORBUND = "Samordningsförbundet Västmanland"
TODAY = dt.date(2026, 1, 15)
FRAN, TILL = dt.date(2023, 1, 1), dt.date(2025, 6, 30)
# The embedded insatser of Västmanland (data/insatser.csv), written by id and by name.
SALA = lists.Insats("samordningsteam-sala", "Samordningsteam Sala", ("1981",))
FNS = lists.Insats("samordningsteam-fns", "samordningsteam-fns", ("1982", "1962", "1904"))
HALLSTAHAMMAR = lists.Insats("samordningsteam-hallstahammar", "Samordningsteam Hallstahammar", ("1961",))
INSATSER = (SALA, FNS, HALLSTAHAMMAR)


def store(con, rows, fran, till, name="lista.csv"):
    parsed = registration_import.parse(
        con, lists.csv_bytes(rows), name, forbund=FORBUND, fran=fran, till=till, today=TODAY
    )
    return registration_import.store(con, parsed, "Testare")


def months_of(con) -> dict:
    frame = registrations.months(con, FORBUND)
    return {
        (r.insats_id, r.manad_slut): lists.Month(
            int(r.aktiva),
            int(r.startade),
            int(r.avslutade),
            int(r.till_arbete_studier),
            None if pd.isna(r.median_dagar) else float(r.median_dagar),
        )
        for r in frame.itertuples()
    }


def residents_of(con, year: int) -> dict:
    frame = registrations.residents(con, FORBUND, year)
    return {(r.insats_id, r.kommunkod): int(r.deltagare) for r in frame.itertuples()}


def periods_of(con, fran, till) -> dict:
    frame = registrations.covered(registrations.period_counts(con, FORBUND, fran, till), fran, till)
    return {
        r.insats_id: lists.Period(int(r.deltagare), int(r.nya), int(r.avslutade), int(r.till_arbete_studier))
        for r in frame.itertuples()
    }


def expected_months(imports, deleted=()) -> dict:
    return lists.months(lists.in_effect(imports, deleted), lists.reach(imports))


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A database built from data/ once, closed: each test below works on a copy of it."""
    path = tmp_path_factory.mktemp("registrations") / "template.duckdb"
    con = db.connect(path)
    embedded.build(con, db.DATA_DIR)
    con.close()
    return path


@pytest.fixture
def built(template, tmp_path):
    """A database of the test's own, as built from data/, without registrations."""
    path = tmp_path / "scratch.duckdb"
    shutil.copy(template, path)
    con = db.connect(path)
    yield con
    con.close()


# ---------------------------------------------------------------- the generated list


@pytest.fixture(scope="module")
def generated(template, tmp_path_factory):
    """A database of its own with the generated list of three insatser imported."""
    path = tmp_path_factory.mktemp("generated") / "reg.duckdb"
    shutil.copy(template, path)
    con = db.connect(path)
    rows = lists.generate(INSATSER, seed=27, fran=FRAN, till=TILL, per_insats=60)
    store(con, rows, FRAN, TILL)
    yield con, rows, [lists.Import(tuple(rows), FRAN, TILL)]
    con.close()


def test_the_generated_list_has_its_edge_cases():
    rows = lists.generate(INSATSER, seed=27, fran=FRAN, till=TILL, per_insats=60)
    for insats in INSATSER:
        own = [r for r in rows if r.insats_id == insats.insats_id]
        assert any(r.end and r.end.month == r.start.month and r.end.year == r.start.year for r in own)
        assert any(r.end and r.end == lists.last_day(r.end) for r in own)
        assert any(r.end and r.end.year > r.start.year for r in own)
        assert any(r.end is None for r in own)
        codes = [r.deltagare for r in own]
        assert len(set(codes)) < len(codes)  # a restart


def test_months_match_the_oracle_for_every_insats_and_month(generated):
    con, _, imports = generated
    expected = expected_months(imports)
    got = months_of(con)
    assert set(got) == set(expected)
    assert len(expected) == len(INSATSER) * 30  # January 2023 to June 2025, whole months
    for key, month in expected.items():
        assert got[key] == month, key


def test_active_at_month_end_is_the_day_by_day_count(generated):
    con, rows, _ = generated
    for (insats_id, month_end), month in months_of(con).items():
        assert month.aktiva == lists.active_day_by_day(rows, insats_id, month_end), (insats_id, month_end)


@pytest.mark.parametrize(
    ("fran", "till"),
    [
        (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        (dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
        (dt.date(2024, 11, 15), dt.date(2025, 2, 10)),
        (dt.date(2025, 3, 31), dt.date(2025, 3, 31)),
    ],
)
def test_period_counts_match_the_oracle(generated, fran, till):
    con, _, imports = generated
    expected = lists.period_counts(lists.in_effect(imports), fran, till)
    assert periods_of(con, fran, till) == expected


def test_a_period_beyond_the_reach_is_not_covered(generated):
    con, _, _ = generated
    assert periods_of(con, dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == {}
    assert periods_of(con, dt.date(2022, 6, 1), dt.date(2023, 3, 31)) == {}
    assert registrations.work_or_studies(con, FORBUND, dt.date(2025, 1, 1), dt.date(2025, 12, 31)) is None


@pytest.mark.parametrize("year", [2023, 2024])
def test_work_or_studies_matches_the_oracle(generated, year):
    con, _, imports = generated
    fran, till = dt.date(year, 1, 1), dt.date(year, 12, 31)
    expected = lists.period_counts(lists.in_effect(imports), fran, till).values()
    share = registrations.work_or_studies(con, FORBUND, fran, till)
    assert share.ended == sum(p.avslutade for p in expected)
    assert share.to_work_or_studies == sum(p.till_arbete_studier for p in expected)
    assert share.value == pytest.approx(share.to_work_or_studies / share.ended)


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025, 2026])
def test_residents_match_the_oracle(generated, year):
    con, _, imports = generated
    expected = lists.residents(lists.in_effect(imports), year, lists.reach(imports))
    assert residents_of(con, year) == expected
    if year == 2026:  # after the reach: those still active are not counted on
        assert expected == {}


def test_lan_residents_match_the_oracle(generated):
    con, _, imports = generated
    rows = lists.in_effect(imports)
    frame = registrations.lan_residents(con, "19", 2024).set_index("kommunkod")
    for kommun, count in frame["deltagare"].items():
        people = {
            (r.insats_id, r.deltagare)
            for r in rows
            if r.kommunkod == kommun
            and r.start <= dt.date(2024, 12, 31)
            and (r.end is None or r.end.year >= 2024)
        }
        assert count == len(people), kommun
    assert frame["deltagare"].sum() > 0
    with_population = frame.dropna(subset=["befolkning"])
    assert (
        with_population["per_1000"] == with_population["deltagare"] / with_population["befolkning"] * 1000
    ).all()


def test_years(generated):
    con, _, _ = generated
    assert registrations.years(con, FORBUND) == [2025, 2024, 2023]
    assert registrations.years(con, "Samordningsförbundet Västerås") == []


def test_latest_months_and_month_of(generated):
    con, _, imports = generated
    frame = registrations.months(con, FORBUND)
    expected = expected_months(imports)
    latest = registrations.latest_months(frame)
    assert sorted(latest["insats_id"]) == sorted(i.insats_id for i in INSATSER)
    for r in latest.itertuples():
        assert r.manad_slut == TILL
        assert r.aktiva_fore == expected[(r.insats_id, dt.date(2025, 5, 31))].aktiva
    march = registrations.month_of(frame, dt.date(2024, 3, 15))
    for r in march.itertuples():
        assert r.manad_slut == dt.date(2024, 2, 29)
        assert r.aktiva == expected[(r.insats_id, dt.date(2024, 2, 29))].aktiva
        assert r.aktiva_fore == expected[(r.insats_id, dt.date(2024, 1, 31))].aktiva
    # the stock equation the flow mask protects holds for every month
    for r in registrations.month_of(frame, dt.date(2025, 4, 30)).itertuples():
        assert r.aktiva_fore + r.startade - r.avslutade == r.aktiva


def test_flow_mask_on_every_month_of_the_generated_list(generated):
    con, _, _ = generated
    frame = registrations.months(con, FORBUND)
    for month_end in sorted(set(frame["manad_slut"])):
        latest = registrations.month_of(frame, month_end)
        mask = registrations.flow_mask(latest)
        for r in range(len(latest)):
            row, hidden = latest.iloc[r], mask.iloc[r]
            for column in mask.columns:
                assert hidden[column] or not 1 <= row[column] <= 4
            if not pd.isna(row["aktiva_fore"]):  # the month before as its own month shows it
                unseen = int(hidden[["aktiva", "startade", "avslutade"]].sum()) + (
                    1 <= row["aktiva_fore"] <= 4
                )
                assert unseen != 1, (month_end, row)
        for column in mask.columns:
            assert int(mask[column].sum()) + bool(mask.attrs["total"][column]) != 1, (month_end, column)


def test_occupancy():
    assert registrations.occupancy(10, 8, 20) == registrations.Occupancy(10 / 20, 10 / 8)
    assert registrations.occupancy(4, 8, 20) is None  # a share of fewer than 5 is not shown
    assert registrations.occupancy(10, math.nan, 20) is None
    assert registrations.occupancy(10, 8, math.nan) is None
    assert registrations.occupancy(10, 0, 20) is None
    assert registrations.occupancy(math.nan, 8, 20) is None


def test_age_group():
    assert registrations.age_group(16) == "16–24"
    assert registrations.age_group(30) == "25–34"
    assert registrations.age_group(74) == "65–74"
    for age in (15, 75):
        with pytest.raises(ValueError):
            registrations.age_group(age)


# ---------------------------------------------------------------- edge cases, one by one


def _person(code, start, end=None, avslut="", insats=SALA, kommun="1981", **kw):
    return lists.Row(
        insats.written, insats.insats_id, code, "kvinna", start.year - 30, kommun, start, end, avslut, **kw
    )


def _background(seed):
    """Others in Sala and FNS during 2024, so the edge cases are not the only ones counted."""
    return lists.generate((SALA, FNS), seed=seed, fran=dt.date(2024, 1, 1), till=dt.date(2024, 12, 31))


def _compare(con, imports, deleted=()):
    expected = expected_months(imports, deleted)
    got = months_of(con)
    assert set(got) == set(expected)
    for key, month in expected.items():
        assert got[key] == month, key
    return expected


def test_start_and_end_in_one_month(built):
    fran, till = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    edge = [
        _person("E-0001", dt.date(2024, 3, 5), dt.date(2024, 3, 31), "arbete"),  # ends on the last day
        _person("E-0002", dt.date(2024, 3, 12), dt.date(2024, 3, 12), "studier"),  # one day
        _person("E-0003", dt.date(2024, 3, 1), dt.date(2024, 3, 20), "flytt"),
    ]
    rows = _background(1) + edge
    store(built, rows, fran, till)
    imports = [lists.Import(tuple(rows), fran, till)]
    expected = _compare(built, imports)
    without = lists.months(rows[: -len(edge)], lists.reach(imports))
    march = ("samordningsteam-sala", dt.date(2024, 3, 31))
    # the three are started and ended in March, none is active at its end
    assert expected[march].startade - without[march].startade == 3
    assert expected[march].avslutade - without[march].avslutade == 3
    assert expected[march].till_arbete_studier - without[march].till_arbete_studier == 2
    assert expected[march].aktiva == without[march].aktiva
    got = months_of(built)[march]
    days = sorted(
        (r.end - r.start).days + 1
        for r in rows
        if r.insats_id == "samordningsteam-sala" and r.end and r.end.month == 3 and r.end.year == 2024
    )
    assert 1 in days and 27 in days
    assert got.median_dagar == pytest.approx(
        (days[len(days) // 2] + days[(len(days) - 1) // 2]) / 2
    )  # start and end day both counted


def test_a_participation_spanning_years(built):
    fran, till = dt.date(2023, 1, 1), dt.date(2024, 12, 31)
    edge = [
        _person("E-0010", dt.date(2023, 11, 20), dt.date(2024, 2, 3), "sjukskrivning"),
        _person("E-0011", dt.date(2023, 12, 31), dt.date(2024, 1, 1), "arbete"),
        _person("E-0012", dt.date(2023, 6, 1), None),
    ]
    rows = _background(2) + edge
    store(built, rows, fran, till)
    imports = [lists.Import(tuple(rows), fran, till)]
    expected = _compare(built, imports)
    without = lists.months(rows[: -len(edge)], lists.reach(imports))
    for month_end, more in (
        (dt.date(2023, 11, 30), 2),
        (dt.date(2023, 12, 31), 3),
        (dt.date(2024, 1, 31), 2),
    ):
        key = ("samordningsteam-sala", month_end)
        assert expected[key].aktiva - without[key].aktiva == more
    # one person each in both years in their kommun
    for year in (2023, 2024):
        reach = lists.reach(imports)
        assert residents_of(built, year) == lists.residents(rows, year, reach)
        key = ("samordningsteam-sala", "1981")
        with_edge = lists.residents(rows, year, reach)[key]
        assert with_edge - lists.residents(rows[: -len(edge)], year, reach).get(key, 0) == 3


def test_a_restart_in_the_same_insats(built):
    fran, till = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    edge = [
        _person("E-0020", dt.date(2024, 2, 1), dt.date(2024, 4, 10), "avbrutet", kommun="1904", insats=FNS),
        _person("E-0020", dt.date(2024, 6, 3), None, kommun="1904", insats=FNS),
        # the same code in another insats is another participant
        _person("E-0020", dt.date(2024, 6, 3), None, kommun="1904", insats=SALA),
    ]
    rows = _background(3) + edge
    store(built, rows, fran, till)
    imports = [lists.Import(tuple(rows), fran, till)]
    _compare(built, imports)
    whole = periods_of(built, fran, till)
    assert whole == lists.period_counts(rows, fran, till)
    base = lists.period_counts(rows[: -len(edge)], fran, till)
    assert whole["samordningsteam-fns"].deltagare - base["samordningsteam-fns"].deltagare == 2  # twice
    people = residents_of(built, 2024)
    assert people == lists.residents(rows, 2024, lists.reach(imports))
    before = lists.residents(rows[: -len(edge)], 2024, lists.reach(imports))
    for insats_id in ("samordningsteam-fns", "samordningsteam-sala"):  # once each
        key = (insats_id, "1904")
        assert people[key] - before.get(key, 0) == 1, insats_id


def test_a_newer_file_for_the_same_period_replaces_the_older_and_undo_brings_it_back(built):
    fran, till = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    older = lists.generate((SALA, FNS), seed=4, fran=fran, till=till)
    first = store(built, older, fran, till, "januari.csv")
    imports = [lists.Import(tuple(older), fran, till)]
    expected_before = _compare(built, imports)
    # the team's corrected list for Sala: some rows gone, some ended differently, some new
    newer = [r for r in older if r.insats_id == SALA.insats_id][::2]
    newer = [replace(r, end=None, avslut="") if i % 3 == 0 else r for i, r in enumerate(newer)]
    newer += [_person(f"N-{i:04d}", dt.date(2024, 1 + i, 10), None) for i in range(5)]
    stored = store(built, newer, fran, till, "januari-rättad.csv")
    imports.append(lists.Import(tuple(newer), fran, till))
    assert stored.replaced == sum(
        1 for r in lists.in_effect(imports[:1]) if r.insats_id == SALA.insats_id and fran <= r.start <= till
    )
    expected = _compare(built, imports)
    assert expected != expected_before
    in_effect = lists.in_effect(imports)
    assert periods_of(built, fran, till) == lists.period_counts(in_effect, fran, till)
    assert residents_of(built, 2024) == lists.residents(in_effect, 2024, lists.reach(imports))
    # undo: the older file's rows count again
    registration_import.undo(built, stored.import_id, "Testare")
    imports[-1] = replace(imports[-1], undone=True)
    assert _compare(built, imports) == expected_before
    assert periods_of(built, fran, till) == lists.period_counts(older, fran, till)
    log = registration_import.history(built).set_index("import_id")
    assert log.loc[stored.import_id, "angrad_av"] == "Testare"
    assert pd.isna(log.loc[first.import_id, "angrad"])


def test_a_file_for_a_later_period_leaves_the_earlier_periods_rows(built):
    full = lists.generate((SALA, FNS), seed=5, fran=dt.date(2024, 1, 1), till=dt.date(2025, 6, 30))
    turn = dt.date(2024, 12, 31)
    # the list as the team had it at the turn of the year, and the next half year's list:
    # everyone in the insats during it, those who went on with their end dates now
    known = [
        r if r.end is None or r.end <= turn else replace(r, end=None, avslut="")
        for r in full
        if r.start <= turn
    ]
    later = [r for r in full if r.end is None or r.end > turn]
    store(built, known, dt.date(2024, 1, 1), turn, "2024.csv")
    months_2024 = {k: v for k, v in months_of(built).items() if k[1] <= turn}
    store(built, later, dt.date(2025, 1, 1), dt.date(2025, 6, 30), "2025.csv")
    imports = [
        lists.Import(tuple(known), dt.date(2024, 1, 1), turn),
        lists.Import(tuple(later), dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
    ]
    assert sorted(lists.in_effect(imports), key=repr) == sorted(full, key=repr)
    expected = _compare(built, imports)
    assert {k: v for k, v in months_of(built).items() if k[1] <= turn} == months_2024
    assert {k: v for k, v in expected.items() if k[1] <= turn} == months_2024
    count = built.execute("SELECT count(*) FROM registrations WHERE startdatum <= ?", [turn]).fetchall()[0][0]
    assert count == sum(1 for r in full if r.start <= turn)


def test_a_corrected_list_for_an_earlier_period_keeps_what_the_later_list_knows(built):
    # The 2025 list (imported first) knows how the participations that went on from 2024
    # ended; the team then sends a corrected 2024 list, where those have no end date (it ended
    # after the period) and one participation of 2024 is gone (registered by mistake).
    full = lists.generate((SALA,), seed=8, fran=dt.date(2024, 1, 1), till=dt.date(2025, 6, 30))
    turn = dt.date(2024, 12, 31)
    later = [r for r in full if r.end is None or r.end > turn]
    store(built, later, dt.date(2025, 1, 1), dt.date(2025, 6, 30), "2025.csv")
    of_2024 = [
        r if r.end is None or r.end <= turn else replace(r, end=None, avslut="")
        for r in full
        if r.start <= turn
    ]
    mistake = next(r for r in of_2024 if r.end is not None and r.end <= turn)
    corrected = [r for r in of_2024 if r != mistake]
    store(built, corrected, dt.date(2024, 1, 1), turn, "2024-rättad.csv")
    imports = [
        lists.Import(tuple(later), dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        lists.Import(tuple(corrected), dt.date(2024, 1, 1), turn),
    ]
    expected = sorted((r for r in full if r != mistake), key=repr)
    assert sorted(lists.in_effect(imports), key=repr) == expected  # the oracle's own rule
    went_on = [r for r in later if r.start <= turn and r.end is not None]
    assert went_on, "the list has participations from 2024 that ended in 2025"
    ends = built.execute(
        "SELECT slutdatum FROM registrations WHERE startdatum <= ? AND slutdatum > ?", [turn, turn]
    ).fetchall()
    assert sorted(e for (e,) in ends) == sorted(r.end for r in went_on)  # their end dates are kept
    assert _compare(built, imports) == lists.months(expected, lists.reach(imports))
    count = built.execute("SELECT count(*) FROM registrations").fetchall()[0][0]
    assert count == len(expected)


def test_delete_an_insats_registrations_for_a_period(built):
    fran, till = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    rows = lists.generate((SALA, FNS), seed=6, fran=fran, till=till)
    store(built, rows, fran, till)
    gone = (SALA.insats_id, dt.date(2024, 3, 1), dt.date(2024, 8, 31))
    expected_count = sum(1 for r in rows if r.insats_id == gone[0] and gone[1] <= r.start <= gone[2])
    assert expected_count > 0
    fns_before = built.execute(
        "SELECT count(*) FROM user_data.registrations WHERE insats_id = ?", [FNS.insats_id]
    ).fetchall()[0][0]
    deleted = registration_import.delete(built, FORBUND, *gone, "Redaktör Rad")
    assert deleted == expected_count
    left = built.execute(
        "SELECT count(*) FROM user_data.registrations WHERE insats_id = ? AND startdatum BETWEEN ? AND ?",
        list(gone),
    ).fetchall()[0][0]
    assert left == 0
    assert (
        built.execute(
            "SELECT count(*) FROM user_data.registrations WHERE insats_id = ?", [FNS.insats_id]
        ).fetchall()[0][0]
        == fns_before
    )
    imports = [lists.Import(tuple(rows), fran, till)]
    # Sala's months from the period's first day on lack those who started in it: not covered
    expected = {
        k: v
        for k, v in expected_months(imports, [gone]).items()
        if not (k[0] == SALA.insats_id and k[1] >= gone[1])
    }
    assert months_of(built) == expected
    assert max(m for i, m in expected if i == SALA.insats_id) == dt.date(2024, 2, 29)
    log = registration_import.deletions(built)
    assert len(log) == 1
    entry = log.iloc[0]
    assert (entry["forbund"], entry["insats_id"], entry["raderad_av"]) == (FORBUND, gone[0], "Redaktör Rad")
    assert (pd.Timestamp(entry["fran"]).date(), pd.Timestamp(entry["till"]).date()) == gone[1:]
    assert entry["rader"] == expected_count
    assert pd.notna(entry["raderad"])
    with pytest.raises(registration_import.ImportRefused):
        registration_import.delete(built, FORBUND, SALA.insats_id, till, fran, "Redaktör Rad")


def test_months_between_two_imports_periods_are_not_counted(built):
    # Sala's list for January–March, and for October–December: the months between are
    # covered by no import, and October's month before is not September's count.
    first, second = (dt.date(2025, 1, 1), dt.date(2025, 3, 31)), (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    rows = lists.generate((SALA,), seed=11, fran=dt.date(2024, 6, 1), till=dt.date(2025, 12, 31))
    spring = [
        r if r.end is None or r.end <= first[1] else replace(r, end=None, avslut="")
        for r in rows
        if r.start <= first[1]
    ]
    autumn = [r for r in rows if r.end is None or r.end >= second[0]]
    store(built, spring, *first, "vår.csv")
    store(built, autumn, *second, "höst.csv")
    got = months_of(built)
    months = sorted(m for _, m in got)
    assert months == lists.month_ends(*first) + lists.month_ends(*second)
    imports = [lists.Import(tuple(spring), *first), lists.Import(tuple(autumn), *second)]
    rows_in_effect = lists.in_effect(imports)
    for fran, till in (first, second):
        expected = lists.months(rows_in_effect, {SALA.insats_id: (fran, till)})
        assert {k: got[k] for k in expected} == expected
    october = registrations.month_of(registrations.months(built, FORBUND), dt.date(2025, 10, 31))
    assert october["aktiva_fore"].isna().all()  # September is not covered
    november = registrations.month_of(registrations.months(built, FORBUND), dt.date(2025, 11, 30))
    assert november["aktiva_fore"].iloc[0] == got[(SALA.insats_id, dt.date(2025, 10, 31))].aktiva
