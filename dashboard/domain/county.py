"""Länsjämförelse: a län's kommuner side by side, against the län and the country.

Any of Sweden's 21 län: the page passes the län of the förbund it shows (``lan_of``); the
embedded documents' län, Västmanland (19), is only the default of the tests and the CLI.

Every value carries its source; a missing value carries the reason it is missing and
the import that would fill it. Nothing is estimated: a kommun without a figure has none.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from dashboard.domain import documents, regions
from dashboard.domain.county_measures import DEFAULT_BREAKDOWN, KON_GROUPS, MEASURES, Breakdown
from dashboard.store import db, sql

DEFAULT_LAN, COUNTRY = "19", "00"
GEOJSON = db.DATA_DIR / "kommuner_sverige.geojson"
SCB_IMPORT_HINT = "saknas: importera SCB:s tabell HE0000 (helårsekvivalenter per kommun)"
# A published measure without a value: what was read from the publishers' pages lacks it.
STATISTICS_IMPORT_HINT = "inte i de publicerade tabeller som lästs; kan importeras på sidan Data"
# 004 section 4, the ranking of 2022 (20–64): what any real per-kommun data must reproduce.
RANKING_2022_HIGHEST = ["Fagersta", "Kungsör", "Norberg"]
RANKING_2022_LOWEST = {"Hallstahammar", "Surahammar"}


@cache
def _sweden() -> dict:
    """All 290 kommuner's boundaries (data/kommuner_sverige.geojson)."""
    return json.loads(Path(GEOJSON).read_text(encoding="utf-8"))


@cache
def geojson(lan: str = DEFAULT_LAN) -> dict:
    """The boundaries of the län's kommuner (from data/kommuner_sverige.geojson)."""
    sweden = _sweden()
    features = [f for f in sweden["features"] if f["properties"]["lan_code"] == lan]
    return {"type": "FeatureCollection", "provenance": sweden["provenance"], "features": features}


def provenance() -> str:
    """The boundary file's provenance as recorded with it (data/kommuner_sverige.geojson)."""
    return _sweden()["provenance"]


def lan_of(con: duckdb.DuckDBPyConnection, forbund: str) -> str | None:
    """The län of a förbund: as its workbook names it, else the län of most of its member
    kommuner; None when neither is known."""
    rows = sql.query(con, "forbund_lan", forbund=forbund)
    return None if rows.empty or pd.isna(rows.iloc[0, 0]) else str(rows.iloc[0, 0])


def neighbours(con: duckdb.DuckDBPyConnection, forbund: str) -> tuple[str, ...]:
    """The förbund of the same län as ``forbund`` (it among them), by name; only it when its
    län is not known."""
    lan = lan_of(con, forbund)
    if lan is None:
        return (forbund,)
    every = sql.query(con, "forbund_all")["forbund"]
    return tuple(sorted({f for f in every if f == forbund or lan_of(con, f) == lan}))


def member_kommuner(con: duckdb.DuckDBPyConnection, forbund: str) -> list[str]:
    """The codes of a förbund's member kommuner."""
    return list(sql.query(con, "county_member_kommuner", forbund=forbund)["kommunkod"])


def richest_lan(con: duckdb.DuckDBPyConnection) -> str:
    """The län whose kommuner have the most published values: the comparison to open on when
    no förbund says its own län."""
    rows = sql.query(con, "county_richest_lan")
    return str(rows.iloc[0, 0]) if not rows.empty else DEFAULT_LAN


def lan_label(lan: str) -> str:
    """The län's name ("Västmanlands län"); the country's code reads "Riket"."""
    return "Riket" if lan == COUNTRY else regions.lan_name(lan)


def _areas(con: duckdb.DuckDBPyConnection, lan: str) -> set[str]:
    """The area codes a län's comparison holds: its kommuner, the län and the country."""
    return set(kommuner(con, lan)["omradeskod"]) | {lan, COUNTRY}


def boundary_source() -> str:
    """The boundaries' source as a person reads it under the map: the provenance without the
    commit id that only an engineer needs."""
    return re.sub(r"commit [0-9a-f]{7,40}, ", "", provenance())


def kommuner(con: duckdb.DuckDBPyConnection, lan: str = DEFAULT_LAN) -> pd.DataFrame:
    """The län's kommuner: code (``omradeskod``) and name (``kommun``), in the page's order."""
    return sql.query(con, "county_kommuner", lan=lan)


def _population(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return sql.query(con, "county_population")


def _nearest_population(population: pd.DataFrame, ar: int) -> tuple[pd.DataFrame, int]:
    years = sorted(population["ar"].unique())
    if not years:  # no population for the län's kommuner: every amount per inhabitant is missing
        return population, 0
    nearest = min(years, key=lambda y: (abs(y - ar), -y))
    return population[population["ar"] == nearest], int(nearest)


def years(
    con: duckdb.DuckDBPyConnection, key: str, breakdown: Breakdown = DEFAULT_BREAKDOWN, lan: str = DEFAULT_LAN
) -> list[int]:
    """The years a measure has figures for in the län (its kommuner, the län or the country)."""
    return sorted({int(y) for y in _raw(con, key, None, breakdown, lan)["ar"].dropna()})


def _raw(
    con: duckdb.DuckDBPyConnection,
    key: str,
    ar: int | None,
    breakdown: Breakdown = DEFAULT_BREAKDOWN,
    lan: str = DEFAULT_LAN,
) -> pd.DataFrame:
    """Values of a measure in the län's kommuner, the län and the country: columns omradeskod,
    ar, varde, kalla (all years when ``ar`` is None)."""
    if key == "hel_andel":
        alder, kon, system = breakdown
        frame = sql.query(con, "county_hel_andel", alder=alder, kon=kon, system=system)
    elif MEASURES[key].published:
        frame = sql.query(con, "county_statistik", matt=key, grupp=shown_group(con, key, breakdown))
    elif key == "bistand_per_inv":
        frame = sql.query(con, "county_bistand")
    elif key in ("finsam_per_inv", "finsam_per_hel"):
        contributions = sql.query(con, "county_contributions")
        contributions = contributions[contributions["omradeskod"].isin(_areas(con, lan))]
        pairs = list(zip(contributions["dokument"], contributions["avsnitt"], strict=True))
        cited = {pair: documents.citation(con, *pair, short=True) for pair in dict.fromkeys(pairs)}
        contributions["kalla"] = [  # the document's title and section, then the measure
            f"{cited[pair]}, {m}" for pair, m in zip(pairs, contributions["matt"], strict=True)
        ]
        rows = []
        if key == "finsam_per_inv":
            population = _population(con)
            population = population[population["omradeskod"].isin(kommuner(con, lan)["omradeskod"])]
            for year, part in contributions.groupby("ar"):
                people, pop_year = _nearest_population(population, int(year))
                merged = part.merge(people[["omradeskod", "befolkning_20_64"]], on="omradeskod")
                merged["varde"] = merged["belopp"] / merged["befolkning_20_64"]
                merged["kalla"] = merged["kalla"] + f"; befolkning 20–64 år {pop_year} (SCB)"
                rows.append(merged)
        else:
            hel = sql.query(con, "county_hel_antal")
            merged = contributions.merge(hel, on=["omradeskod", "ar"])
            merged["varde"] = merged["belopp"] / merged["helarsekvivalenter"]
            merged["kalla"] = merged["kalla"].astype(str) + "; " + merged["kalla_hel"].astype(str)
            rows.append(merged)
        frame = pd.concat(rows) if rows else pd.DataFrame(columns=["omradeskod", "ar", "varde", "kalla"])
    else:
        raise KeyError(key)
    frame = frame.loc[frame["omradeskod"].isin(_areas(con, lan)), ["omradeskod", "ar", "varde", "kalla"]]
    return frame if ar is None else frame[frame["ar"] == ar]


def _group(breakdown: Breakdown) -> str:
    """The published measures' group of a breakdown: its kön ("totalt", "kvinnor", "män")."""
    kon = breakdown[1]
    return "totalt" if kon in ("total", "totalt") else kon


def shown_group(con: duckdb.DuckDBPyConnection, key: str, breakdown: Breakdown) -> str:
    """The group of a published measure that the breakdown asks for; where the publisher gives
    no total (öppet arbetslösa: kvinnor and män only), its first group, never a sum made here."""
    group = _group(breakdown)
    found = groups(con, key)
    return group if group in found or not found else found[0]


def group_label(con: duckdb.DuckDBPyConnection, key: str, breakdown: Breakdown) -> str:
    """The group after a published measure's label (", kvinnor") when it is not the total."""
    if not MEASURES[key].published:
        return ""
    group = shown_group(con, key, breakdown)
    return "" if group == "totalt" else f", {group}"


def groups(con: duckdb.DuckDBPyConnection, key: str) -> list[str]:
    """The kön groups a published measure has (totalt, kvinnor, män, in that order); [] for
    the others."""
    if not MEASURES[key].published:
        return []
    rows = sql.query(con, "county_statistik_groups")
    found = set(rows.loc[rows["matt"] == key, "grupp"]) & set(KON_GROUPS)  # age groups are not ranked
    return [g for g in KON_GROUPS if g in found]


def available(con: duckdb.DuckDBPyConnection, lan: str = DEFAULT_LAN) -> list[str]:
    """The measures to rank: helårsekvivalenter always (the SCB import on the page Data fills
    them in, and the page says so), the others where they have a value for at least three
    kommuner in some year (a ranking of one or two says nothing), in the order of
    ``MEASURES``. Every measure with a value for a kommun still shows in its profile."""
    out = ["hel_andel"]
    for key in MEASURES:
        if key in out:
            continue
        counts = _kommuner_per_year(con, key, lan)
        if not counts.empty and counts.max() >= 3:
            out.append(key)
    return out


def unavailable(con: duckdb.DuckDBPyConnection, lan: str = DEFAULT_LAN) -> list[str]:
    """The published measures the page cannot rank in the län (fewer than three kommuner in
    every year): what an import of published statistics on the page Data would fill."""
    shown = set(available(con, lan))
    return [key for key, m in MEASURES.items() if m.published and key not in shown]


def elsewhere(con: duckdb.DuckDBPyConnection, key: str, lan: str) -> list[str]:
    """The other län whose kommuner have values of a published measure, by name: what a
    page for ``lan`` says when the data holds the measure only for another län."""
    if not MEASURES[key].published:
        return []
    rows = sql.query(con, "county_statistik_lan", matt=key)
    return [regions.lan_name(code) for code in rows["lan_kod"] if code != lan]


def _kommuner_per_year(con: duckdb.DuckDBPyConnection, key: str, lan: str = DEFAULT_LAN) -> pd.Series:
    """How many of the län's kommuner (not the län or the country) have a value of a
    measure, per year."""
    values = _raw(con, key, None, DEFAULT_BREAKDOWN, lan)
    kommun_rows = values[~values["omradeskod"].isin([lan, COUNTRY]) & values["varde"].notna()]
    return kommun_rows.groupby("ar")["omradeskod"].nunique()


def _missing_reason(key: str, kommun: str, others: list[str] | None = None) -> str:
    if MEASURES[key].published:
        if others:
            return (
                f"saknas: de publicerade tabeller som lästs gäller {', '.join(others)}; "
                "kan importeras på sidan Data"
            )
        return f"saknas: {STATISTICS_IMPORT_HINT}"
    if key == "hel_andel" or key == "finsam_per_hel":
        return SCB_IMPORT_HINT
    if key == "bistand_per_inv":
        return "saknas: SCB publicerar inte uppgiften (”..”)" if kommun == "Kungsör" else "saknas för året"
    return "saknas: inget bidrag för året i dokumenten"


def ranking(
    con: duckdb.DuckDBPyConnection,
    key: str,
    ar: int,
    breakdown: Breakdown = DEFAULT_BREAKDOWN,
    lan: str = DEFAULT_LAN,
) -> pd.DataFrame:
    """The län's kommuner for a measure and year: value, rank (1 = highest), tercile colour
    where high is bad (Kolada: highest third red, middle yellow, lowest green), source, or
    the reason a value is missing. County and country come as reference rows."""
    measure = MEASURES[key]
    values = _raw(con, key, ar, breakdown, lan)
    base = kommuner(con, lan)
    table = base.merge(values, on="omradeskod", how="left")
    present = table["varde"].notna()
    table["rang"] = table["varde"].rank(ascending=False, method="min")
    n = int(present.sum())
    table["tredjedel"] = [math.ceil(3 * r / n) if pd.notna(r) and n else np.nan for r in table["rang"]]
    if measure.high_is_bad is not None and n >= 3:  # thirds of fewer than three say nothing
        thirds = {1: "röd", 2: "gul", 3: "grön"} if measure.high_is_bad else {1: "grön", 2: "gul", 3: "röd"}
        table["farg"] = table["tredjedel"].map(thirds)
    else:
        table["farg"] = None
    others = elsewhere(con, key, lan) if not present.all() else []
    table["saknas"] = [
        None if p else _missing_reason(key, k, others) for p, k in zip(present, table["kommun"], strict=True)
    ]
    table["antal"] = n
    return table.sort_values(["rang", "kommun"], na_position="last").reset_index(drop=True)


def references(
    con: duckdb.DuckDBPyConnection,
    key: str,
    ar: int,
    breakdown: Breakdown = DEFAULT_BREAKDOWN,
    lan: str = DEFAULT_LAN,
) -> pd.DataFrame:
    """The län's and the country's values of a measure and year where the data has them."""
    values = _raw(con, key, ar, breakdown, lan)
    if key in ("finsam_per_inv",):
        return values.iloc[0:0]
    refs = values[values["omradeskod"].isin([lan, COUNTRY])]
    return refs.assign(omrade=refs["omradeskod"].map(lan_label))


def ranking_check(con: duckdb.DuckDBPyConnection, alder: str = "20-64", lan: str = DEFAULT_LAN) -> str | None:
    """Whether per-kommun helårsekvivalenter for 2022 reproduce the ranking 004 prints for
    the age group (data/helarsekvivalenter_rangordning.csv): "ok", what differs, or None
    when there is no such data (or the printed ranking is another län's)."""
    printed = sql.query(con, "county_printed_ranking", ar=2022, alder=alder)
    table = ranking(con, "hel_andel", 2022, (alder, "total", "Totalt"), lan)
    if printed.empty or not set(printed["kommun"]) <= set(table["kommun"]):
        return None
    if table["varde"].notna().sum() < len(table):
        return None
    highest = list(printed.loc[printed["lage"] == "högst", "kommun"])
    lowest = set(printed.loc[printed["lage"] == "lägst", "kommun"])
    ranked = table.dropna(subset=["varde"])
    got_highest = list(ranked["kommun"].head(len(highest)))
    got_lowest = set(ranked["kommun"].tail(len(lowest)))
    if got_highest == highest and got_lowest == lowest:
        return "ok"
    return (
        f"Importerade siffror för 2022 ({alder} år) ger högst {', '.join(got_highest)} och lägst "
        f"{', '.join(sorted(got_lowest))}; 004 avsnitt 4 trycker högst {', '.join(highest)} och lägst "
        f"{', '.join(sorted(lowest))}."
    )


def breakdowns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The age groups, kön and ersättningssystem imported SCB data holds (empty lists if none)."""
    rows = sql.query(con, "county_breakdowns")
    order = {"alder": ["20-64"], "kon": ["total"], "ersattningssystem": ["Totalt"]}
    return {
        column: sorted(set(rows[column]), key=lambda v, c=column: (v not in order[c], v)) for column in order
    }


def trend(
    con: duckdb.DuckDBPyConnection,
    kommunkod: str,
    breakdown: Breakdown = DEFAULT_BREAKDOWN,
    key: str = "hel_andel",
    lan: str = DEFAULT_LAN,
) -> pd.DataFrame:
    """A measure over the years for a kommun, its län and the country: every year the
    data holds (columns omradeskod, ar, varde, kalla, omrade)."""
    values = _raw(con, key, None, breakdown, lan)
    names = {lan: lan_label(lan), COUNTRY: "Riket", **dict(zip(*kommuner(con, lan).T.values, strict=True))}
    chosen = values[values["omradeskod"].isin([kommunkod, lan, COUNTRY])]
    return chosen.assign(omrade=chosen["omradeskod"].map(names)).sort_values("ar")


def country_composition(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The country's helårsekvivalenter per ersättningssystem 2014–2021, with the published total."""
    return sql.query(con, "county_country_composition")


def profile(con: duckdb.DuckDBPyConnection, kommunkod: str, lan: str = DEFAULT_LAN) -> dict:
    """One kommun: every measure against county and country (the frame ``matt``: the
    measure's key, its label, the latest year the kommun has a value, the value, its rank
    among ``antal`` kommuner, the county's and the country's values and the source), its
    förbund and insatser, its contributions, and what the förbund spends on the insatser
    serving it."""
    measures = []
    for key, measure in MEASURES.items():
        # The latest year the kommun has a value (the chart "Över åren" holds the others).
        values = _raw(con, key, None, DEFAULT_BREAKDOWN, lan)
        own = values[(values["omradeskod"] == kommunkod) & values["varde"].notna()]
        if own.empty:
            continue
        year = int(own["ar"].max())
        table = ranking(con, key, year, DEFAULT_BREAKDOWN, lan).set_index("omradeskod")
        row = table.loc[kommunkod]
        refs = references(con, key, year, DEFAULT_BREAKDOWN, lan).set_index("omradeskod")
        measures.append(
            {
                "matt": key,
                "etikett": measure.label + group_label(con, key, DEFAULT_BREAKDOWN),
                "ar": year,
                "varde": row["varde"],
                "rang": int(row["rang"]),
                "antal": int(row["antal"]),
                "lanet": refs["varde"].get(lan),
                "riket": refs["varde"].get(COUNTRY),
                "kalla": row["kalla"] if isinstance(row["kalla"], str) else "",
            }
        )
    return {
        "matt": pd.DataFrame(measures),
        "forbund": sql.query(con, "county_kommun_forbund", kommunkod=kommunkod),
        "bidrag": _cited(con, sql.query(con, "county_kommun_bidrag", kommunkod=kommunkod)),
        "insatser": _cited(con, sql.query(con, "county_kommun_insatser", kommunkod=kommunkod)),
    }


def _cited(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its ``dokument`` and ``avsnitt`` columns made one column "Källa" as a
    person reads it (``documents.citation``)."""
    cited = [
        documents.citation(con, d, a, short=True)
        for d, a in zip(frame["dokument"], frame["avsnitt"], strict=True)
    ]
    return frame.drop(columns=["dokument", "avsnitt"]).assign(Källa=cited)


def year_choice(
    con: duckdb.DuckDBPyConnection, key: str, breakdown: tuple, lan: str = DEFAULT_LAN
) -> tuple[list[int], int]:
    """The years a measure has and the one to open it on (``years``, ``default_year``), for caching."""
    choices = years(con, key, breakdown, lan)
    return choices, (default_year(con, key, breakdown, lan) if choices else 0)


def kommun_labels(con: duckdb.DuckDBPyConnection, lan: str = DEFAULT_LAN) -> dict[str, str]:
    """Kommun names by code, in the order the page offers them."""
    names = kommuner(con, lan)
    return dict(zip(names["omradeskod"], names["kommun"], strict=True))


def default_year(
    con: duckdb.DuckDBPyConnection, key: str, breakdown: Breakdown = DEFAULT_BREAKDOWN, lan: str = DEFAULT_LAN
) -> int:
    """The year to open a measure on: the one with most kommuner, the latest on a tie; with
    no kommun values at all, the latest year where the län has one, else the latest."""
    values = _raw(con, key, None, breakdown, lan)
    kommun_rows = values[~values["omradeskod"].isin([lan, COUNTRY])]
    if not kommun_rows.empty:
        counts = kommun_rows.groupby("ar").size()
        return int(max(counts.index, key=lambda y: (counts[y], y)))
    county_years = values.loc[values["omradeskod"] == lan, "ar"]
    return int(county_years.max() if not county_years.empty else values["ar"].max())


def default_measure(con: duckdb.DuckDBPyConnection, lan: str = DEFAULT_LAN) -> tuple[str, int]:
    """The measure and year the page, the wall and the meeting pack open on: the one with
    values for the most kommuner (every kommun where the data allows), the first of
    ``MEASURES`` and the latest year on a tie, so that nobody opens on an empty map. With no
    kommun values at all, the first measure and its ``default_year`` (0 without figures)."""
    best: tuple[int, int, int] | None = None  # (kommuner with a value, -position, year)
    chosen = (next(iter(MEASURES)), 0)
    for position, key in enumerate(MEASURES):
        for year, kommuner_ in _kommuner_per_year(con, key, lan).items():
            score = (int(kommuner_), -position, int(year))
            if best is None or score > best:
                best, chosen = score, (key, int(year))
    if best is None:
        return chosen[0], default_year(con, chosen[0], DEFAULT_BREAKDOWN, lan) if years(
            con, chosen[0], DEFAULT_BREAKDOWN, lan
        ) else 0
    return chosen


@dataclass(frozen=True)
class NeedMoney:
    """The medlemssamråd's question for one year: per kommun (``frame``, the page's order),
    what it pays the förbund (``bidrag``) and what the förbund budgets for the insatser
    serving it (``insatser``), both in kronor per inhabitant 20–64 (NaN where missing), and
    one column per measure of need (``needs``, keys of ``MEASURES``) with a value that year."""

    ar: int
    population_year: int  # the year of the population 20–64 the amounts are divided by
    frame: pd.DataFrame  # kommun, omradeskod, bidrag, insatser, and each key of ``needs``
    needs: list[str]
    missing: list[str]  # the kommuner without a contribution for the year


def money_years(con: duckdb.DuckDBPyConnection, lan: str = DEFAULT_LAN) -> tuple[list[int], int]:
    """The years with a kommun's contribution or the förbund's budget for its insatser, and the
    year to open on: the latest in which every kommun has a contribution (else the latest)."""
    paid = _raw(con, "finsam_per_inv", None, DEFAULT_BREAKDOWN, lan)
    spent = sql.query(con, "county_insats_spending")
    spent = spent[spent["omradeskod"].isin(_areas(con, lan))]
    years_ = sorted({int(y) for y in paid["ar"]} | {int(y) for y in spent["ar"]})
    counts = paid.groupby("ar")["omradeskod"].nunique()
    full = [int(y) for y, n in counts.items() if n == len(kommuner(con, lan))]
    return years_, (max(full) if full else max(years_, default=0))


def need_and_money(con: duckdb.DuckDBPyConnection, ar: int, lan: str = DEFAULT_LAN) -> NeedMoney:
    """Per kommun for the year ``ar``: its contribution to its förbund and the förbund's budget
    for the insatser serving it (an insats serving several kommuner attributed by their
    population 20–64), both per inhabitant 20–64, and each measure of need for the year."""
    names = kommuner(con, lan)
    population = _population(con)
    population = population[population["omradeskod"].isin(names["omradeskod"])]
    people, pop_year = _nearest_population(population, ar)
    per_person = dict(zip(people["omradeskod"], people["befolkning_20_64"], strict=True))
    paid = _raw(con, "finsam_per_inv", ar, DEFAULT_BREAKDOWN, lan).set_index("omradeskod")["varde"]
    spent = sql.query(con, "county_insats_spending")
    spent = spent[spent["ar"] == ar].set_index("omradeskod")["belopp"]
    frame = pd.DataFrame({"kommun": names["kommun"], "omradeskod": names["omradeskod"]})
    frame["bidrag"] = [paid[k] if k in paid.index else np.nan for k in names["omradeskod"]]
    frame["insatser"] = [
        spent[k] / per_person[k] if k in spent.index and per_person.get(k) else np.nan
        for k in names["omradeskod"]
    ]
    needs = []
    for key, measure in MEASURES.items():
        if not measure.need:
            continue
        values = _raw(con, key, ar, DEFAULT_BREAKDOWN, lan)
        values = values[values["omradeskod"].isin(names["omradeskod"])].set_index("omradeskod")["varde"]
        if values.empty:
            continue
        needs.append(key)
        frame[key] = [values.get(k, np.nan) for k in names["omradeskod"]]
    missing = [n for k, n in zip(names["omradeskod"], names["kommun"], strict=True) if k not in paid.index]
    return NeedMoney(ar, pop_year, frame, needs, missing)


def agreement(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every län, measure, group and year where a page prints all the län's kommuner and the län:
    counts must add up to the county, shares and rates must lie within the kommuner's range
    (``stammer``), as a check of the figures read (Datakvalitet)."""
    return sql.query(con, "county_agreement")


def revisions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The figures two pages print differently, or that were left out: the one used and the
    other, each with its page's date, and why (data/kommunstatistik_avvikelser.csv)."""
    return sql.query(con, "county_revisions")
