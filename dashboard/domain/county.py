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

from dashboard.domain import documents
from dashboard.exchange import fmt
from dashboard.store import db, sql
from dashboard.view import tables

COUNTY, COUNTRY = "19", "00"
GEOJSON = db.DATA_DIR / "kommuner_vastmanland.geojson"
SCB_IMPORT_HINT = "saknas: importera SCB:s tabell HE0000 (helårsekvivalenter per kommun)"
# A published measure without a value: what was read from the publishers' pages lacks it.
STATISTICS_IMPORT_HINT = "inte i de publicerade tabeller som lästs; kan importeras på sidan Data"
# 004 section 4, the ranking of 2022 (20–64): what any real per-kommun data must reproduce.
RANKING_2022_HIGHEST = ["Fagersta", "Kungsör", "Norberg"]
RANKING_2022_LOWEST = {"Hallstahammar", "Surahammar"}


@dataclass(frozen=True)
class Measure:
    """A measure the page can rank: its label, unit, and whether a high value is bad."""

    key: str
    label: str
    unit: str  # "procent", "kr", "dagar", "kvot"
    high_is_bad: bool | None  # None: neither; no traffic-light colours; False: high is good
    definition: str
    published: bool = False  # a publisher's own figures (data/kommunstatistik.csv, ``matt`` = key)
    need: bool = False  # a measure of need, for the table of need against money
    short: str = ""  # a short name, for headings where the label is too long (charts, tables)


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
            short="Helårsekvivalenter",
        ),
        Measure(
            "oppet_arbetslosa",
            "Öppet arbetslösa, andel av arbetskraften 16–64",
            "procent",
            True,
            "Arbetssökande utan arbete som inte deltar i ett arbetsmarknadspolitiskt program, "
            "årsmedeltal, som andel av den registerbaserade arbetskraften 16–64 år "
            "(Arbetsförmedlingen).",
            published=True,
            need=True,
            short="Öppet arbetslösa",
        ),
        Measure(
            "sokande_i_program",
            "Sökande i program, andel av arbetskraften 16–64",
            "procent",
            True,
            "Arbetssökande i program med aktivitetsstöd, årsmedeltal, som andel av den "
            "registerbaserade arbetskraften 16–64 år (Arbetsförmedlingen).",
            published=True,
            need=True,
            short="I program",
        ),
        Measure(
            "arbetsloshet_totalt",
            "Inskrivna arbetslösa, andel av arbetskraften 16–64",
            "procent",
            True,
            "Öppet arbetslösa och sökande i program med aktivitetsstöd, årsmedeltal, som andel av "
            "den registerbaserade arbetskraften 16–64 år (Arbetsförmedlingen).",
            published=True,
            need=True,
            short="Inskrivna arbetslösa",
        ),
        Measure(
            "forvarvsfrekvens",
            "Förvärvsfrekvens 20–64",
            "procent",
            False,
            "Andel förvärvsarbetande av befolkningen 20–64 år (SCB).",
            published=True,
            need=True,
            short="Förvärvsfrekvens",
        ),
        Measure(
            "bistand_kr_per_inv",
            "Ekonomiskt bistånd, kronor per invånare",
            "kr",
            True,
            "Utbetalt ekonomiskt bistånd under året per invånare, som publicerat.",
            published=True,
            need=True,
            short="Ekonomiskt bistånd per invånare",
        ),
        Measure(
            "bistandshushall_andel",
            "Biståndshushåll, andel av hushållen",
            "procent",
            True,
            "Hushåll som fått ekonomiskt bistånd under året, andel av alla hushåll, som publicerat.",
            published=True,
            need=True,
            short="Biståndshushåll",
        ),
        Measure(
            "sjukpenningtal",
            "Sjukpenningtal",
            "dagar",
            True,
            "Dagar med sjukpenning och rehabiliteringspenning per försäkrad 16–64 år (Försäkringskassan).",
            published=True,
            need=True,
            short="Sjukpenningtal",
        ),
        Measure(
            "ohalsotal",
            "Ohälsotal",
            "dagar",
            True,
            "Dagar med sjukpenning, rehabiliteringspenning, sjuk- och aktivitetsersättning per "
            "försäkrad 16–64 år (Försäkringskassan).",
            published=True,
            need=True,
            short="Ohälsotal",
        ),
        Measure(
            "forsorjningskvot",
            "Demografisk försörjningskvot",
            "kvot",
            None,
            "Antalet personer yngre än 20 och äldre än 64 år per 100 personer 20–64 år, som "
            "Regionfakta publicerar den.",
            published=True,
            short="Försörjningskvot",
        ),
        Measure(
            "riktade_insatser_kr_per_inv",
            "Kostnader för särskilt riktade insatser, kronor per invånare",
            "kr",
            None,
            "Kommunens kostnader för särskilt riktade insatser (bland annat arbetsmarknadsåtgärder) "
            "per invånare, som publicerat.",
            published=True,
            short="Riktade insatser per invånare",
        ),
        Measure(
            "bistand_per_inv",
            "Ekonomiskt bistånd per invånare 20–64",
            "kr",
            True,
            "Utbetalt ekonomiskt bistånd under året delat med befolkningen 20–64 (närmaste år med "
            "befolkningsuppgift).",
            short="Ekonomiskt bistånd per invånare 20–64",
        ),
        Measure(
            "finsam_per_inv",
            "Finsambidrag per invånare 20–64",
            "kr",
            None,
            "Kommunens bidrag till sitt samordningsförbund under året delat med befolkningen "
            "20–64 (närmaste år med befolkningsuppgift).",
            short="Finsambidrag per invånare 20–64",
        ),
        Measure(
            "finsam_per_hel",
            "Finsambidrag per helårsekvivalent",
            "kr",
            None,
            "Kommunens bidrag till sitt samordningsförbund delat med kommunens antal "
            "helårsekvivalenter samma år.",
            short="Finsambidrag per helårsekvivalent",
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
    elif MEASURES[key].published:
        frame = sql.query(con, "county_statistik", matt=key, grupp=shown_group(con, key, breakdown))
    elif key == "bistand_per_inv":
        frame = sql.query(con, "county_bistand")
    elif key in ("finsam_per_inv", "finsam_per_hel"):
        contributions = sql.query(con, "county_contributions")
        pairs = list(zip(contributions["dokument"], contributions["avsnitt"], strict=True))
        cited = {pair: documents.citation(con, *pair, short=True) for pair in dict.fromkeys(pairs)}
        contributions["kalla"] = [  # the document's title and section, then the measure
            f"{cited[pair]}, {m}" for pair, m in zip(pairs, contributions["matt"], strict=True)
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


def _group(breakdown: Breakdown) -> str:
    """The published measures' group of a breakdown: its kön ("totalt", "kvinnor", "män")."""
    kon = breakdown[1]
    return "totalt" if kon in ("total", "totalt") else kon


KON_GROUPS = ("totalt", "kvinnor", "män")
# The published counts, which the page does not rank but Datakvalitet checks against the county.
COUNT_LABELS = {
    "oppet_arbetslosa_antal": "Öppet arbetslösa, antal",
    "sokande_i_program_antal": "Sökande i program, antal",
    "bistandshushall": "Biståndshushåll, antal",
    "bistand_utbetalt": "Utbetalt ekonomiskt bistånd, kronor",
}
AXIS_TITLES = {"procent": "procent", "kr": "kronor", "dagar": "dagar", "kvot": "per 100 personer 20–64"}


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


def colour_rule(measure: Measure) -> str:
    """The one colour rule of the map and the ranking, in words."""
    missing = "Saknade värden visas som ”–” med orsak, aldrig som noll."
    if measure.high_is_bad is None:
        return f"Måttet är varken bra eller dåligt när det är högt: alla kommuner har samma färg. {missing}"
    order = (
        "högsta tredjedelen röd, mellersta gul, lägsta grön"
        if measure.high_is_bad
        else ("högsta tredjedelen grön, mellersta gul, lägsta röd")
    )
    worse = "sämre" if measure.high_is_bad else "bättre"
    return (
        f"Som i Kolada: färgen visar kommunens plats bland de jämförda, där ett högt värde är {worse} "
        f"({order}), på kartan och i rangordningen. Platsen står också utskriven. {missing}"
    )


def groups(con: duckdb.DuckDBPyConnection, key: str) -> list[str]:
    """The kön groups a published measure has (totalt, kvinnor, män, in that order); [] for
    the others."""
    if not MEASURES[key].published:
        return []
    rows = sql.query(con, "county_statistik_groups")
    found = set(rows.loc[rows["matt"] == key, "grupp"]) & set(KON_GROUPS)  # age groups are not ranked
    return [g for g in KON_GROUPS if g in found]


def available(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The measures to rank: helårsekvivalenter always (the SCB import on the page Data fills
    them in, and the page says so), the others where they have a value for at least three
    kommuner in some year (a ranking of one or two says nothing), in the order of
    ``MEASURES``. Every measure with a value for a kommun still shows in its profile."""
    out = ["hel_andel"]
    for key in MEASURES:
        if key in out:
            continue
        counts = _kommuner_per_year(con, key)
        if not counts.empty and counts.max() >= 3:
            out.append(key)
    return out


def unavailable(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The published measures the page cannot rank (fewer than three kommuner in every
    year): what an import of published statistics on the page Data would fill."""
    shown = set(available(con))
    return [key for key, m in MEASURES.items() if m.published and key not in shown]


def _kommuner_per_year(con: duckdb.DuckDBPyConnection, key: str) -> pd.Series:
    """How many kommuner (not the county or the country) have a value of a measure, per year."""
    values = _raw(con, key, None)
    kommun_rows = values[~values["omradeskod"].isin([COUNTY, COUNTRY]) & values["varde"].notna()]
    return kommun_rows.groupby("ar")["omradeskod"].nunique()


def _missing_reason(key: str, kommun: str) -> str:
    if MEASURES[key].published:
        return f"saknas: {STATISTICS_IMPORT_HINT}"
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
    if measure.high_is_bad is not None and n >= 3:  # thirds of fewer than three say nothing
        thirds = {1: "röd", 2: "gul", 3: "grön"} if measure.high_is_bad else {1: "grön", 2: "gul", 3: "röd"}
        table["farg"] = table["tredjedel"].map(thirds)
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
    texts = [value_text(MEASURES[key], v) for v in refs["varde"]]
    return refs.assign(omrade=refs["omradeskod"].map(names), text=texts)


def value_text(measure: Measure, value: float | None) -> str:
    """A value with its unit, Swedish: ``3,1 %``, ``2 418 kr``, ``9,8 dagar``, ``0,83``."""
    if value is None or pd.isna(value):
        return fmt.MISSING
    if measure.unit == "procent":
        return fmt.number(value, 1) + "\u00a0%"
    if measure.unit == "dagar":
        return fmt.number(value, 1) + "\u00a0dagar"
    if measure.unit == "kvot":  # as published: per 100 persons 20–64
        return fmt.number(value, 1)
    return fmt.kr(value)


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
    con: duckdb.DuckDBPyConnection,
    kommunkod: str,
    breakdown: Breakdown = DEFAULT_BREAKDOWN,
    key: str = "hel_andel",
) -> pd.DataFrame:
    """A measure over the years for a kommun, the county and the country: every year the
    data holds (columns omradeskod, ar, varde, kalla, omrade)."""
    values = _raw(con, key, None, breakdown)
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
        # The latest year the kommun has a value (the chart "Över åren" holds the others).
        values = _raw(con, key, None)
        own = values[(values["omradeskod"] == kommunkod) & values["varde"].notna()]
        if own.empty:
            continue
        year = int(own["ar"].max())
        table = ranking(con, key, year).set_index("omradeskod")
        row = table.loc[kommunkod]
        refs = references(con, key, year).set_index("omradeskod")
        measures.append(
            {
                "Mått": measure.label + group_label(con, key, DEFAULT_BREAKDOWN),
                "År": year,
                "Kommunen": value_text(measure, row["varde"]),
                "Rang": f"{int(row['rang'])} av {int(row['antal'])}",
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
    person reads it (``documents.citation``)."""
    cited = [
        documents.citation(con, d, a, short=True)
        for d, a in zip(frame["dokument"], frame["avsnitt"], strict=True)
    ]
    return frame.drop(columns=["dokument", "avsnitt"]).assign(Källa=cited)


@dataclass(frozen=True)
class RankingView:
    """The ranking of a measure and year as the page shows it, made once per data version
    and shared by every session: read it, never change it."""

    html: str  # ranking_table as a static table (tables.html_table)
    missing: str | None  # why, when no kommun has a value
    source: str  # the one source of every value, when they share one (else each row says its own)


def ranking_view(con: duckdb.DuckDBPyConnection, key: str, ar: int, breakdown: tuple) -> RankingView:
    """The ``RankingView`` of a measure and year, for ``ui.shared``."""
    table = ranking(con, key, ar, breakdown)
    refs = references(con, key, ar, breakdown)
    shown = ranking_table(table, MEASURES[key], refs)
    cited = {c for c in shown["Källa"] if c}
    one = len(cited) == 1
    if one:  # told once under the table, not on every row
        shown = shown.drop(columns="Källa")
    return RankingView(
        html=tables.html_table(shown, ["Plats", "Värde"]),
        missing=table["saknas"].iloc[0] if table["varde"].isna().all() else None,
        source=next(iter(cited)) if one else "",
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
PROFILE_MEASURE_FIGURES = ("År", "Kommunen", "Rang", "Länet", "Riket")  # the measures table's figure columns


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
        insatser=None
        if insatser.empty
        else tables.html_table(written(insatser).drop(columns=["Förbund", "Utfall/prognos"]), figures),
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
        for year, kommuner_ in _kommuner_per_year(con, key).items():
            score = (int(kommuner_), -position, int(year))
            if best is None or score > best:
                best, chosen = score, (key, int(year))
    if best is None:
        return chosen[0], default_year(con, chosen[0]) if years(con, chosen[0]) else 0
    return chosen


@dataclass(frozen=True)
class NeedMoneyView:
    """The medlemssamråd's question for one year: per kommun, what it pays the förbund and what
    the förbund spends on the insatser serving it, both per inhabitant 20–64, beside its need
    (``need_and_money``), made once per data version and shared by every session."""

    ar: int
    html: str
    notes: list[str]  # how each column is counted, which years stand in, what is missing


def money_years(con: duckdb.DuckDBPyConnection) -> tuple[list[int], int]:
    """The years with a kommun's contribution or the förbund's budget for its insatser, and the
    year to open on: the latest in which every kommun has a contribution (else the latest)."""
    paid = _raw(con, "finsam_per_inv", None)
    spent = sql.query(con, "county_insats_spending")
    years_ = sorted({int(y) for y in paid["ar"]} | {int(y) for y in spent["ar"]})
    counts = paid.groupby("ar")["omradeskod"].nunique()
    full = [int(y) for y, n in counts.items() if n == len(kommuner(con))]
    return years_, (max(full) if full else max(years_, default=0))


def need_and_money(con: duckdb.DuckDBPyConnection, ar: int) -> NeedMoneyView:
    """Per kommun for the year ``ar``: its contribution to its förbund and the förbund's budget
    for the insatser serving it (an insats serving several kommuner attributed by their
    population 20–64), both per inhabitant 20–64, and each measure of need for the year."""
    names = kommuner(con)
    population = _population(con)
    people, pop_year = _nearest_population(population, ar)
    per_person = dict(zip(people["omradeskod"], people["befolkning_20_64"], strict=True))
    paid = _raw(con, "finsam_per_inv", ar).set_index("omradeskod")["varde"]
    spent = sql.query(con, "county_insats_spending")
    spent = spent[spent["ar"] == ar].set_index("omradeskod")["belopp"]
    frame = pd.DataFrame({"Kommun": names["kommun"]})
    frame["Bidrag per inv. 20–64"] = [
        fmt.kr(paid[k]) if k in paid.index else fmt.MISSING for k in names["omradeskod"]
    ]
    frame["Insatser per inv. 20–64"] = [
        fmt.kr(spent[k] / per_person[k]) if k in spent.index and per_person.get(k) else fmt.MISSING
        for k in names["omradeskod"]
    ]
    shown_needs = []
    for key, measure in MEASURES.items():
        if not measure.need:
            continue
        values = _raw(con, key, ar)
        values = values[values["omradeskod"].isin(names["omradeskod"])].set_index("omradeskod")["varde"]
        if values.empty:
            continue
        heading = (measure.short or measure.label) + group_label(con, key, DEFAULT_BREAKDOWN)
        shown_needs.append(f"{heading}: {measure.label[0].lower()}{measure.label[1:]}")
        frame[heading] = [value_text(measure, values.get(k)) for k in names["omradeskod"]]
    figures = [c for c in frame.columns if c != "Kommun"]
    notes = [
        f"Bidrag per inv. 20–64: kommunens eget bidrag till sitt samordningsförbund {ar} enligt förbundets "
        "dokument (utfall där det finns, annars förväntat utfall eller budget).",
        "Insatser per inv. 20–64: förbundets budget för de insatser som enligt dokumenten tjänar "
        "kommunen; en insats som tjänar flera kommuner fördelas efter kommunernas befolkning "
        "20–64 år 2024 (SCB).",
        f"Per invånare 20–64: delat med befolkningen 20–64 år {pop_year} (SCB)"
        + ("." if pop_year == ar else f", närmaste år med uppgift för {ar}."),
    ]
    if shown_needs:
        notes.append(
            "Behov, samma år: " + "; ".join(shown_needs) + " (källor under Över åren och i kommunprofilen)."
        )
    else:
        notes.append(f"Inga mått på behov är publicerade för {ar} i datan.")
    missing = [k for k, n in zip(names["omradeskod"], names["kommun"], strict=True) if k not in paid.index]
    if missing:
        notes.append(
            f"Bidrag saknas för {len(missing)} av {len(names)} kommuner {ar}: dokumenten trycker inte "
            "kommunernas bidrag det året."
        )
    return NeedMoneyView(ar, tables.html_table(frame, figures, table_id="behov-och-pengar"), notes)


def agreement(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every measure, group and year where a page prints all ten kommuner and the county:
    counts must add up to the county, shares and rates must lie within the kommuner's range
    (``stammer``), as a check of the figures read (Datakvalitet)."""
    return sql.query(con, "county_agreement")


def measure_name(matt: str) -> str:
    """A published measure's name as a person reads it: its label, or a count's."""
    return MEASURES[matt].label if matt in MEASURES else COUNT_LABELS.get(matt, matt)


def agreement_table(checks: pd.DataFrame) -> pd.DataFrame:
    """The checks that fail, as the page Datakvalitet shows them."""
    bad = checks[~checks["stammer"].astype(bool)]

    def written(matt: str, value: float) -> str:
        measure = MEASURES.get(matt)
        return value_text(measure, value) if measure else fmt.number(value, 1)

    return pd.DataFrame(
        {
            "Mått": [measure_name(m) for m in bad["matt"]],
            "Grupp": bad["grupp"],
            "År": bad["ar"],
            "Länet": bad["lanet_text"],
            "Kommunerna": [
                f"summa {fmt.number(s)}" if r == "summa" else f"{written(m, lo)}–{written(m, hi)}"
                for m, r, s, lo, hi in zip(
                    bad["matt"], bad["regel"], bad["summa"], bad["lagst"], bad["hogst"], strict=True
                )
            ],
            "Tabell": bad["tabell"],
        }
    )


@dataclass(frozen=True)
class AgreementView:
    """The county-against-kommuner checks as the page Datakvalitet shows them (``ui.shared``)."""

    checked: int
    failing: int
    html: str  # the failing checks (``agreement_table``), "" when none fail
    revisions: str  # figures two pages print differently, or left out (static table), "" if none


def agreement_view(con: duckdb.DuckDBPyConnection) -> AgreementView:
    """The ``AgreementView`` of the data, for ``ui.shared``."""
    checks = agreement(con)
    table = agreement_table(checks)
    html = tables.html_table(table, ["År", "Länet", "Kommunerna"]) if not table.empty else ""
    rows = sql.query(con, "county_revisions")

    def dated(value: object, when: object) -> str:
        if not isinstance(value, str) or not value:
            return "utelämnat"
        return f"{value} ({fmt.date(when.date())})" if pd.notna(when) else value

    revisions = pd.DataFrame(
        {
            "Mått": [measure_name(m) for m in rows["matt"]],
            "Område": rows["omrade"],
            "År": rows["ar"],
            "Grupp": rows["grupp"],
            "Används": [
                dated(v, d) for v, d in zip(rows["behallet"], rows["behallet_uppdaterad"], strict=True)
            ],
            "Annan sida": [dated(v, d) for v, d in zip(rows["annat"], rows["annat_uppdaterad"], strict=True)],
            "Varför": rows["anmarkning"],
        }
    )
    revisions_html = tables.html_table(revisions, ["År"]) if not revisions.empty else ""
    return AgreementView(len(checks), len(table), html, revisions_html)


@dataclass(frozen=True)
class Opening:
    """The county comparison the wall, the meeting pack and the page open on
    (``default_measure``): its ranking, the county and the country, each value written out,
    the heading and the sources (each told once)."""

    key: str
    ar: int
    measure: Measure
    label: str  # "Öppet arbetslösa, andel av arbetskraften 16–64, kvinnor"
    table: pd.DataFrame  # ranking
    refs: pd.DataFrame  # references
    texts: list[str]  # value_text of each kommun, in the table's order
    sources: list[str]


def opening(con: duckdb.DuckDBPyConnection) -> Opening:
    """The ``Opening`` of the data."""
    key, ar = default_measure(con)
    measure = MEASURES[key]
    table = ranking(con, key, ar)
    refs = references(con, key, ar)

    return Opening(
        key,
        ar,
        measure,
        measure.label + group_label(con, key, DEFAULT_BREAKDOWN),
        table,
        refs,
        [value_text(measure, v) for v in table["varde"]],
        documents.each_once([*table["kalla"].dropna(), *refs["kalla"]]),
    )
