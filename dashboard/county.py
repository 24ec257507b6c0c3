"""Länsjämförelse: the ten kommuner side by side, against the county and the country.

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

from dashboard import db, fmt, sources, sql, tables

COUNTY, COUNTRY = "19", "00"
GEOJSON = db.DATA_DIR / "kommuner_vastmanland.geojson"
SCB_IMPORT_HINT = "saknas: importera SCB:s tabell HE0000 (helårsekvivalenter per kommun)"
# 004 section 4, the ranking of 2022 (20–64): what any real per-kommun data must reproduce.
RANKING_2022_HIGHEST = ["Fagersta", "Kungsör", "Norberg"]
RANKING_2022_LOWEST = {"Hallstahammar", "Surahammar"}


@dataclass(frozen=True)
class Measure:
    """A measure the page can rank: its label, unit, and whether a high value is bad."""

    key: str
    label: str
    unit: str  # "procent", "kr"
    high_is_bad: bool | None  # None: neither; no traffic-light colours
    definition: str


MEASURES = {
    m.key: m
    for m in (
        Measure(
            "hel_andel",
            "Helårsekvivalenter, andel av befolkningen 20–64",
            "procent",
            True,
            "Antal helårsekvivalenter (personer 20–64 som försörjs av ersättningar och bistånd "
            "omräknat till helår) delat med befolkningen 20–64.",
        ),
        Measure(
            "bistand_per_inv",
            "Ekonomiskt bistånd per invånare 20–64",
            "kr",
            True,
            "Utbetalt ekonomiskt bistånd under året delat med befolkningen 20–64.",
        ),
        Measure(
            "finsam_per_inv",
            "Finsambidrag per invånare 20–64",
            "kr",
            None,
            "Kommunens bidrag till sitt samordningsförbund under året delat med befolkningen "
            "20–64 (närmaste år med befolkningsuppgift).",
        ),
        Measure(
            "finsam_per_hel",
            "Finsambidrag per helårsekvivalent",
            "kr",
            None,
            "Kommunens bidrag till sitt samordningsförbund delat med kommunens antal "
            "helårsekvivalenter samma år.",
        ),
    )
}


# (age group, kön, ersättningssystem) of helårsekvivalenter; the default is the headline.
Breakdown = tuple[str, str, str]
DEFAULT_BREAKDOWN: Breakdown = ("20-64", "total", "Totalt")


@cache
def geojson() -> dict:
    """The ten kommuner's boundaries (data/kommuner_vastmanland.geojson)."""
    return json.loads(Path(GEOJSON).read_text(encoding="utf-8"))


def provenance() -> str:
    """The boundary file's provenance as recorded with it (data/kommuner_vastmanland.geojson)."""
    return geojson()["provenance"]


def boundary_source() -> str:
    """The boundaries' source as a person reads it under the map: the provenance without the
    commit id that only an engineer needs."""
    return re.sub(r"commit [0-9a-f]{7,40}, ", "", provenance())


def kommuner(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return sql.query(con, "county_kommuner")


def _population(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return sql.query(con, "county_population")


def _nearest_population(population: pd.DataFrame, ar: int) -> tuple[pd.DataFrame, int]:
    years = sorted(population["ar"].unique())
    nearest = min(years, key=lambda y: (abs(y - ar), -y))
    return population[population["ar"] == nearest], int(nearest)


def years(con: duckdb.DuckDBPyConnection, key: str, breakdown: Breakdown = DEFAULT_BREAKDOWN) -> list[int]:
    """The years a measure has figures for."""
    return sorted({int(y) for y in _raw(con, key, None, breakdown)["ar"].dropna()})


def _raw(
    con: duckdb.DuckDBPyConnection, key: str, ar: int | None, breakdown: Breakdown = DEFAULT_BREAKDOWN
) -> pd.DataFrame:
    """Values of a measure: columns omradeskod, ar, varde, kalla (all years when ``ar`` is None)."""
    if key == "hel_andel":
        alder, kon, system = breakdown
        frame = sql.query(con, "county_hel_andel", alder=alder, kon=kon, system=system)
    elif key == "bistand_per_inv":
        frame = sql.query(con, "county_bistand")
    elif key in ("finsam_per_inv", "finsam_per_hel"):
        contributions = sql.query(con, "county_contributions")
        contributions["kalla"] = [  # the document's title and section, then the measure
            f"{sources.citation(con, d, a, short=True)}, {m}"
            for d, a, m in zip(
                contributions["dokument"], contributions["avsnitt"], contributions["matt"], strict=True
            )
        ]
        rows = []
        if key == "finsam_per_inv":
            population = _population(con)
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
            merged["kalla"] = merged["kalla"] + "; " + merged["kalla_hel"]
            rows.append(merged)
        frame = pd.concat(rows) if rows else pd.DataFrame(columns=["omradeskod", "ar", "varde", "kalla"])
    else:
        raise KeyError(key)
    frame = frame[["omradeskod", "ar", "varde", "kalla"]]
    return frame if ar is None else frame[frame["ar"] == ar]


def _missing_reason(key: str, kommun: str) -> str:
    if key == "hel_andel" or key == "finsam_per_hel":
        return SCB_IMPORT_HINT
    if key == "bistand_per_inv":
        return "saknas: SCB publicerar inte uppgiften (”..”)" if kommun == "Kungsör" else "saknas för året"
    return "saknas: inget bidrag för året i dokumenten"


def ranking(
    con: duckdb.DuckDBPyConnection, key: str, ar: int, breakdown: Breakdown = DEFAULT_BREAKDOWN
) -> pd.DataFrame:
    """The ten kommuner for a measure and year: value, rank (1 = highest), tercile colour
    where high is bad (Kolada: highest third red, middle yellow, lowest green), source, or
    the reason a value is missing. County and country come as reference rows."""
    measure = MEASURES[key]
    values = _raw(con, key, ar, breakdown)
    base = kommuner(con)
    table = base.merge(values, on="omradeskod", how="left")
    present = table["varde"].notna()
    table["rang"] = table["varde"].rank(ascending=False, method="min")
    n = int(present.sum())
    table["tredjedel"] = [math.ceil(3 * r / n) if pd.notna(r) and n else np.nan for r in table["rang"]]
    if measure.high_is_bad and n >= 3:  # thirds of fewer than three say nothing
        table["farg"] = table["tredjedel"].map({1: "röd", 2: "gul", 3: "grön"})
    else:
        table["farg"] = None
    table["saknas"] = [
        None if p else _missing_reason(key, k) for p, k in zip(present, table["kommun"], strict=True)
    ]
    table["antal"] = n
    return table.sort_values(["rang", "kommun"], na_position="last").reset_index(drop=True)


def references(
    con: duckdb.DuckDBPyConnection, key: str, ar: int, breakdown: Breakdown = DEFAULT_BREAKDOWN
) -> pd.DataFrame:
    """County and country values of a measure and year where the data has them."""
    values = _raw(con, key, ar, breakdown)
    if key in ("finsam_per_inv",):
        return values.iloc[0:0]
    refs = values[values["omradeskod"].isin([COUNTY, COUNTRY])]
    names = {COUNTY: "Västmanlands län", COUNTRY: "Riket"}
    return refs.assign(omrade=refs["omradeskod"].map(names))


def value_text(measure: Measure, value: float | None) -> str:
    if value is None or pd.isna(value):
        return fmt.MISSING
    return fmt.number(value, 1) + "\u00a0%" if measure.unit == "procent" else fmt.kr(value)


def ranking_check(con: duckdb.DuckDBPyConnection, alder: str = "20-64") -> str | None:
    """Whether per-kommun helårsekvivalenter for 2022 reproduce the ranking 004 prints for
    the age group (data/helarsekvivalenter_rangordning.csv): "ok", what differs, or None
    when there is no such data."""
    printed = sql.query(con, "county_printed_ranking", ar=2022, alder=alder)
    table = ranking(con, "hel_andel", 2022, (alder, "total", "Totalt"))
    if printed.empty or table["varde"].notna().sum() < 10:
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
    con: duckdb.DuckDBPyConnection, kommunkod: str, breakdown: Breakdown = DEFAULT_BREAKDOWN
) -> pd.DataFrame:
    """Helårsekvivalenter over the years for a kommun, the county and the country."""
    values = _raw(con, "hel_andel", None, breakdown)
    names = {COUNTY: "Västmanlands län", COUNTRY: "Riket", **dict(zip(*kommuner(con).T.values, strict=True))}
    chosen = values[values["omradeskod"].isin([kommunkod, COUNTY, COUNTRY])]
    return chosen.assign(omrade=chosen["omradeskod"].map(names)).sort_values("ar")


def country_composition(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The country's helårsekvivalenter per ersättningssystem 2014–2021, with the published total."""
    return sql.query(con, "county_country_composition")


def imports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The log of SCB imports as a person reads it: dates and counts in Swedish."""
    log = sql.query(con, "scb_import_log")
    return log.assign(
        **{
            "Hämtad från SCB": [
                fmt.date(d.date()) if pd.notna(d) else fmt.MISSING for d in log["Hämtad från SCB"]
            ],
            "Importerad": [f"{fmt.date(t.date())} kl. {t:%H.%M}" for t in log["Importerad"]],
            "Rader": [fmt.number(n) for n in log["Rader"]],
        }
    )


def profile(con: duckdb.DuckDBPyConnection, kommunkod: str) -> dict:
    """One kommun: every measure against county and country, its förbund and insatser, its
    contributions, and what the förbund spends on the insatser serving it."""
    measures = []
    for key, measure in MEASURES.items():
        for year in years(con, key):
            table = ranking(con, key, year).set_index("omradeskod")
            if kommunkod not in table.index:
                continue
            row = table.loc[kommunkod]
            refs = references(con, key, year).set_index("omradeskod")
            measures.append(
                {
                    "Mått": measure.label,
                    "År": year,
                    "Kommunen": value_text(measure, row["varde"])
                    if pd.notna(row["varde"])
                    else row["saknas"],
                    "Rang": f"{int(row['rang'])} av {int(row['antal'])}"
                    if pd.notna(row["rang"])
                    else fmt.MISSING,
                    "Länet": value_text(measure, refs["varde"].get(COUNTY)),
                    "Riket": value_text(measure, refs["varde"].get(COUNTRY)),
                    "Källa": row["kalla"] if isinstance(row["kalla"], str) else "",
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
    person reads it (``sources.citation``)."""
    cited = [
        sources.citation(con, d, a, short=True)
        for d, a in zip(frame["dokument"], frame["avsnitt"], strict=True)
    ]
    return frame.drop(columns=["dokument", "avsnitt"]).assign(Källa=cited)


@dataclass(frozen=True)
class RankingView:
    """The ranking of a measure and year as the page shows it, made once per data version
    and shared by every session: read it, never change it."""

    html: str  # ranking_table as a static table (tables.html_table)
    missing: str | None  # why, when no kommun has a value


def ranking_view(con: duckdb.DuckDBPyConnection, key: str, ar: int, breakdown: tuple) -> RankingView:
    """The ``RankingView`` of a measure and year, for ``ui.shared``."""
    table = ranking(con, key, ar, breakdown)
    refs = references(con, key, ar, breakdown)
    return RankingView(
        html=tables.html_table(ranking_table(table, MEASURES[key], refs), ["Plats", "Värde"]),
        missing=table["saknas"].iloc[0] if table["varde"].isna().all() else None,
    )


def year_choice(con: duckdb.DuckDBPyConnection, key: str, breakdown: tuple) -> tuple[list[int], int]:
    """The years a measure has and the one to open it on (``years``, ``default_year``), for caching."""
    choices = years(con, key, breakdown)
    return choices, (default_year(con, key, breakdown) if choices else 0)


@dataclass(frozen=True)
class ProfileView:
    """``profile`` of a kommun as the page shows it: static tables (tables.html_table) with
    kronor and shares written out, made once per data version and shared by every session."""

    matt: str
    forbund: str
    bidrag: str
    insatser: str | None  # None when no insats serves the kommun
    has_trend: bool  # the kommun's own series of helårsekvivalenter is in the data


# The profile's columns of kronor, and of shares, written out in Swedish (text that the page
# aligns right, as figures).
PROFILE_KRONOR = ("Belopp", "Budget", "Utfall/prognos", "Budget, kommunens andel")
PROFILE_SHARES = ("Kommunens andel",)
PROFILE_MEASURE_FIGURES = ("År", "Rang", "Länet", "Riket")  # the measures table's figure columns


def profile_view(con: duckdb.DuckDBPyConnection, kommunkod: str) -> ProfileView:
    """The ``ProfileView`` of a kommun, for ``ui.shared``."""
    found = profile(con, kommunkod)

    def written(frame: pd.DataFrame) -> pd.DataFrame:
        kronor = {c: [fmt.kr(v) for v in frame[c]] for c in PROFILE_KRONOR if c in frame}
        shares = {c: [fmt.pct(v, 0) for v in frame[c]] for c in PROFILE_SHARES if c in frame}
        return frame.assign(**kronor, **shares)

    insatser = found["insatser"]
    figures = PROFILE_KRONOR + PROFILE_SHARES
    return ProfileView(
        matt=tables.html_table(found["matt"], PROFILE_MEASURE_FIGURES),
        forbund=tables.html_table(found["forbund"]),
        bidrag=tables.html_table(written(found["bidrag"]), figures),
        insatser=None if insatser.empty else tables.html_table(written(insatser), figures),
        has_trend=kommunkod in set(trend(con, kommunkod)["omradeskod"]),
    )


def kommun_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Kommun names by code, in the order the page offers them."""
    names = kommuner(con)
    return dict(zip(names["omradeskod"], names["kommun"], strict=True))


def ranking_table(table: pd.DataFrame, measure: Measure, refs: pd.DataFrame) -> pd.DataFrame:
    """The ranking as the page's table: place, kommun, value or the reason it is missing,
    colour in words, source; county and country last."""
    rows = [
        {
            "Plats": f"{int(r['rang'])} av {int(r['antal'])}" if pd.notna(r["rang"]) else fmt.MISSING,
            "Kommun": r["kommun"],
            "Värde": value_text(measure, r["varde"]) if pd.notna(r["varde"]) else f"– ({r['saknas']})",
            "Färg": r["farg"] if isinstance(r["farg"], str) else "",
            "Källa": r["kalla"] if isinstance(r["kalla"], str) else "",
        }
        for _, r in table.iterrows()
    ]
    rows += [
        {
            "Plats": "",
            "Kommun": r["omrade"],
            "Värde": value_text(measure, r["varde"]),
            "Färg": "",
            "Källa": r["kalla"],
        }
        for _, r in refs.iterrows()
    ]
    return pd.DataFrame(rows)


def default_year(con: duckdb.DuckDBPyConnection, key: str, breakdown: Breakdown = DEFAULT_BREAKDOWN) -> int:
    """The year to open a measure on: the one with most kommuner, the latest on a tie; with
    no kommun values at all, the latest year where the county has one, else the latest."""
    values = _raw(con, key, None, breakdown)
    kommun_rows = values[~values["omradeskod"].isin([COUNTY, COUNTRY])]
    if not kommun_rows.empty:
        counts = kommun_rows.groupby("ar").size()
        return int(max(counts.index, key=lambda y: (counts[y], y)))
    county_years = values.loc[values["omradeskod"] == COUNTY, "ar"]
    return int(county_years.max() if not county_years.empty else values["ar"].max())


def default_measure(con: duckdb.DuckDBPyConnection) -> tuple[str, int]:
    """The measure and year the page, the wall and the meeting pack open on: the one with
    values for the most kommuner (every kommun where the data allows), the first of
    ``MEASURES`` and the latest year on a tie, so that nobody opens on an empty map. With no
    kommun values at all, the first measure and its ``default_year`` (0 without figures)."""
    best: tuple[int, int, int] | None = None  # (kommuner with a value, -position, year)
    chosen = (next(iter(MEASURES)), 0)
    for position, key in enumerate(MEASURES):
        values = _raw(con, key, None)
        kommun_rows = values[~values["omradeskod"].isin([COUNTY, COUNTRY]) & values["varde"].notna()]
        for year, rows in kommun_rows.groupby("ar"):
            score = (rows["omradeskod"].nunique(), -position, int(year))
            if best is None or score > best:
                best, chosen = score, (key, int(year))
    if best is None:
        return chosen[0], default_year(con, chosen[0]) if years(con, chosen[0]) else 0
    return chosen
