"""Länsjämförelse as a person reads it, written from the domain's numbers.

Länsjämförelse as a person reads it: values written out, the ranking, profile, need and
money and the county checks as tables, and the bundles the pages share (``ui.shared``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import county, disclosure, documents, regions, registrations_county
from dashboard.domain.county_measures import DEFAULT_BREAKDOWN, MEASURES, Breakdown, Measure, measure_name
from dashboard.exchange import fmt, scb
from dashboard.view import tables

NO_LAN = (
    "Länsjämförelsen är utelämnad: datan säger inte förbundets län. Ange länet på "
    "arbetsbokens blad Förbund eller kommunerna på bladet Medlemmar (sidan Data)."
)


def no_values(view: Opening) -> str:
    """Why the county comparison of a meeting is left out: no measure has values for the län's kommuner."""
    return (
        f"Länsjämförelsen är utelämnad: inget av dess mått har värden för kommunerna i "
        f"{county.lan_label(view.lan)} i datan. Publicerad statistik per kommun importeras på sidan Data "
        "(helårsekvivalenter med SCB:s tabell HE0000)."
    )


AXIS_TITLES = {"procent": "procent", "kr": "kronor", "dagar": "dagar", "kvot": "per 100 personer 20–64"}


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


def written_references(
    con: duckdb.DuckDBPyConnection,
    key: str,
    ar: int,
    breakdown: Breakdown = DEFAULT_BREAKDOWN,
    lan: str = county.DEFAULT_LAN,
) -> pd.DataFrame:
    """``county.references`` with each value written out (``text``, ``value_text``)."""
    refs = county.references(con, key, ar, breakdown, lan)
    if "omrade" not in refs:  # a measure without county or country values
        return refs
    return refs.assign(text=[value_text(MEASURES[key], v) for v in refs["varde"]])


def imports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The log of SCB imports as a person reads it: dates and counts in Swedish."""
    return imports_table(scb.history(con))


def imports_table(log: pd.DataFrame) -> pd.DataFrame:
    """``scb.history``'s log as a person reads it (a page that has the log read it once)."""
    return pd.DataFrame(
        {
            "Import": log["import_id"].map(str),
            "Fil": log["fil"],
            "Hämtad från SCB": [fmt.date(d.date()) if pd.notna(d) else fmt.MISSING for d in log["hamtad"]],
            "Importerad": [f"{fmt.date(t.date())} kl. {t:%H.%M}" for t in log["importerad"]],
            "Av": log["importerad_av"],
            "Rader": [fmt.number(n) for n in log["rader"]],
            "Ångrad": fmt.undone(log),
        }
    )


@dataclass(frozen=True)
class RankingView:
    """The ranking of a measure and year as the page shows it, made once per data version
    and shared by every session: read it, never change it."""

    html: str  # ranking_table as a static table (tables.html_table)
    missing: str | None  # why, when no kommun has a value
    source: str  # the one source of every value, when they share one (else each row says its own)


def ranking_view(
    con: duckdb.DuckDBPyConnection, key: str, ar: int, breakdown: tuple, lan: str = county.DEFAULT_LAN
) -> RankingView:
    """The ``RankingView`` of a measure and year in a län, for ``ui.shared``."""
    table = county.ranking(con, key, ar, breakdown, lan)
    refs = written_references(con, key, ar, breakdown, lan)
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


@dataclass(frozen=True)
class ProfileView:
    """``profile`` of a kommun as the page shows it: static tables (tables.html_table) with
    kronor and shares written out, made once per data version and shared by every session."""

    matt: str
    forbund: str
    bidrag: str | None  # None when the data has no contribution of the kommun
    insatser: str | None  # None when no insats serves the kommun
    has_trend: bool  # the kommun's own series of helårsekvivalenter is in the data


# The profile's columns of kronor, and of shares, written out in Swedish (text that the page
# aligns right, as figures).
PROFILE_KRONOR = ("Belopp", "Budget", "Utfall/prognos", "Budget, kommunens andel")
PROFILE_SHARES = ("Kommunens andel",)
PROFILE_MEASURE_FIGURES = ("År", "Kommunen", "Rang", "Länet", "Riket")  # the measures table's figure columns


def profile_view(
    con: duckdb.DuckDBPyConnection, kommunkod: str, lan: str = county.DEFAULT_LAN
) -> ProfileView:
    """The ``ProfileView`` of a kommun of the län, for ``ui.shared``."""
    found = county.profile(con, kommunkod, lan)

    def written(frame: pd.DataFrame) -> pd.DataFrame:
        kronor = {c: [fmt.kr(v) for v in frame[c]] for c in PROFILE_KRONOR if c in frame}
        shares = {c: [fmt.pct(v, 0) for v in frame[c]] for c in PROFILE_SHARES if c in frame}
        return frame.assign(**kronor, **shares)

    matt = pd.DataFrame(
        [
            {
                "Mått": r["etikett"],
                "År": r["ar"],
                "Kommunen": value_text(MEASURES[r["matt"]], r["varde"]),
                "Rang": f"{r['rang']} av {r['antal']}",
                "Länet": value_text(MEASURES[r["matt"]], r["lanet"]),
                "Riket": value_text(MEASURES[r["matt"]], r["riket"]),
                "Källa": r["kalla"],
            }
            for r in found["matt"].to_dict("records")
        ]
    )
    insatser = found["insatser"]
    figures = PROFILE_KRONOR + PROFILE_SHARES
    return ProfileView(
        matt=tables.html_table(matt, PROFILE_MEASURE_FIGURES),
        forbund=tables.html_table(found["forbund"]),
        bidrag=None if found["bidrag"].empty else tables.html_table(written(found["bidrag"]), figures),
        insatser=None
        if insatser.empty
        else tables.html_table(written(insatser).drop(columns=["Förbund", "Utfall/prognos"]), figures),
        has_trend=kommunkod in set(county.trend(con, kommunkod, lan=lan)["omradeskod"]),
    )


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


@dataclass(frozen=True)
class NeedMoneyView:
    """The medlemssamråd's question for one year: per kommun, what it pays the förbund and what
    the förbund spends on the insatser serving it, both per inhabitant 20–64, beside its need
    (``need_and_money``), made once per data version and shared by every session."""

    ar: int
    html: str
    notes: list[str]  # how each column is counted, which years stand in, what is missing


def need_and_money(con: duckdb.DuckDBPyConnection, ar: int, lan: str = county.DEFAULT_LAN) -> NeedMoneyView:
    """``county.need_and_money`` of the year ``ar`` in a län as the page shows it: a row a
    kommun, the amounts in kronor and each measure of need written out, and how each column
    is counted."""
    found = county.need_and_money(con, ar, lan)
    pop_year = found.population_year
    frame = pd.DataFrame({"Kommun": found.frame["kommun"]})
    frame["Bidrag per inv. 20–64"] = [fmt.kr(v) for v in found.frame["bidrag"]]
    frame["Insatser per inv. 20–64"] = [fmt.kr(v) for v in found.frame["insatser"]]
    shown_needs = []
    for key in found.needs:
        measure = MEASURES[key]
        heading = (measure.short or measure.label) + county.group_label(con, key, DEFAULT_BREAKDOWN)
        shown_needs.append(f"{heading}: {measure.label[0].lower()}{measure.label[1:]}")
        frame[heading] = [value_text(measure, v) for v in found.frame[key]]
    figures = [c for c in frame.columns if c != "Kommun"]
    notes = [
        f"Bidrag per inv. 20–64: kommunens eget bidrag till sitt samordningsförbund {ar} enligt förbundets "
        "dokument (utfall där det finns, annars förväntat utfall eller budget).",
        "Insatser per inv. 20–64: förbundets budget för de insatser som enligt dokumenten tjänar "
        "kommunen; en insats som tjänar flera kommuner fördelas efter kommunernas befolkning "
        "20–64 år 2024 (SCB).",
        f"Per invånare 20–64: delat med befolkningen 20–64 år {pop_year} (SCB)"
        + ("." if pop_year == ar else f", närmaste år med uppgift för {ar}.")
        if pop_year
        else "Per invånare 20–64: datan har ingen befolkning 20–64 år för länets kommuner, så inget "
        "belopp per invånare kan räknas. Befolkningen importeras som publicerad statistik på sidan Data.",
    ]
    if shown_needs:
        notes.append(
            "Behov, samma år: " + "; ".join(shown_needs) + " (källor under Över åren och i kommunprofilen)."
        )
    else:
        notes.append(f"Inga mått på behov är publicerade för {ar} i datan.")
    missing = found.missing
    if missing:
        notes.append(
            f"Bidrag saknas för {len(missing)} av {len(found.frame)} kommuner {ar}: dokumenten trycker inte "
            "kommunernas bidrag det året."
        )
    return NeedMoneyView(ar, tables.html_table(frame, figures, table_id="behov-och-pengar"), notes)


def agreement_table(checks: pd.DataFrame) -> pd.DataFrame:
    """The checks that fail, as the page Datakvalitet shows them."""
    bad = checks[~checks["stammer"].astype(bool)]

    def written(matt: str, value: float) -> str:
        measure = MEASURES.get(matt)
        return value_text(measure, value) if measure else fmt.number(value, 1)

    return pd.DataFrame(
        {
            "Län": [county.lan_label(code) for code in bad["lan_kod"]],
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
    checks = county.agreement(con)
    table = agreement_table(checks)
    html = tables.html_table(table, ["År", "Länet", "Kommunerna"]) if not table.empty else ""
    rows = county.revisions(con)

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

    lan: str
    key: str
    ar: int
    measure: Measure
    label: str  # "Öppet arbetslösa, andel av arbetskraften 16–64, kvinnor"
    table: pd.DataFrame  # ranking
    refs: pd.DataFrame  # references
    texts: list[str]  # value_text of each kommun, in the table's order
    sources: list[str]


def opening(con: duckdb.DuckDBPyConnection, lan: str = county.DEFAULT_LAN) -> Opening:
    """The ``Opening`` of the data in a län."""
    key, ar = county.default_measure(con, lan)
    measure = MEASURES[key]
    table = county.ranking(con, key, ar, DEFAULT_BREAKDOWN, lan)
    refs = written_references(con, key, ar, DEFAULT_BREAKDOWN, lan)

    return Opening(
        lan,
        key,
        ar,
        measure,
        measure.label + county.group_label(con, key, DEFAULT_BREAKDOWN),
        table,
        refs,
        [value_text(measure, v) for v in table["varde"]],
        documents.each_once([*table["kalla"].dropna(), *refs["kalla"]]),
    )


# ------------------------------------------------------------------ registrations (issue 27)

RESIDENTS_SMALL = (
    "Färre än 5 deltagare visas som <5 och ger inget antal per 1 000, som SCB och Socialstyrelsen publicerar."
)
NO_POPULATION = "befolkning saknas"


def no_registrations(lan: str) -> str:
    """What the section says when no registration has a participant living in the län."""
    return (
        f"Datan har inga registreringar av deltagare som bor i {regions.lan_name(lan)}. Teamens "
        "registreringar importeras på sidan Data, under Deltagarnas registreringar."
    )


@dataclass(frozen=True)
class ResidentsView:
    """Participants per kommun of residence per 1 000 inhabitants 20–64 for a län and year, as
    the page shows it (small counts protected), made once per data version and shared by every
    session (``ui.shared``): read it, never change it."""

    ar: int
    html: str
    notes: list[str]  # how it is counted, how far the year is covered, the population, the rule


RESIDENTS_TABLE = "deltagare-per-kommun"


def residents_view(con: duckdb.DuckDBPyConnection, lan: str, ar: int) -> ResidentsView:
    """``registrations_county.lan_residents`` of a län and year as the page's table: a row a
    kommun and the län's last, each count protected and the rate per 1 000 only where it may be
    shown; with how it is counted, the year's reach and the population's year and source."""
    found = registrations_county.lan_residents(con, lan, ar)
    frame = found.frame
    pop_years = sorted({int(y) for y in found.kommuner["befolkning_ar"].dropna()})
    one_year = len(pop_years) == 1

    def count(n: int, hidden: bool) -> str:
        return fmt.count(n, hidden)  # <5 for 1–4, "dolt" for another count hidden beside one

    def population(value: float, year: float) -> str:
        if pd.isna(value):
            return "saknas"
        return fmt.number(value) + ("" if one_year else f" ({int(year)})")

    def rate(value: float, shown: bool) -> str:
        if pd.isna(value):
            return NO_POPULATION
        return fmt.number(value, 1) if shown else fmt.MISSING

    counts, people, rate_heading = f"Deltagare {ar}", "Befolkning 20–64 år", "Per 1 000 inv. 20–64"
    if one_year:
        people += f" {pop_years[0]}"
    table = pd.DataFrame(
        {
            "Kommun": frame["kommun"],
            counts: [count(n, h) for n, h in zip(frame["deltagare"], frame["dold"], strict=True)],
            people: [
                population(v, y) for v, y in zip(frame["befolkning"], frame["befolkning_ar"], strict=True)
            ],
            rate_heading: [
                rate(v, s) for v, s in zip(frame["per_1000"], frame["per_1000_visas"], strict=True)
            ],
            "summa": frame["summa"],
        }
    )
    html = tables.html_table(table, [counts, people, rate_heading], bold="summa", table_id=RESIDENTS_TABLE)
    return ResidentsView(ar, html, _residents_notes(found))


def _residents_notes(found: registrations_county.LanResidents) -> list[str]:
    """How the section's table is counted, in Swedish: the rule, how far the year's
    registrations reach, the population's year and source (or that it is missing), and the
    protection of small counts."""
    ar, lan_name = found.ar, regions.lan_name(found.lan)
    notes = [
        f"Deltagare {ar}: varje deltagare räknas en gång per insats där ett deltagande pågick någon "
        f"gång under {ar} (en ny start i samma insats är samma person; den som deltar i två insatser "
        "räknas i båda), i den kommun där deltagaren bor enligt teamets registrering. Alla förbunds "
        f"registreringar räknas. Raden {lan_name} är kommunernas summa."
    ]
    if found.reach is not None and found.reach[1] < dt.date(ar, 12, 31):
        first, last = found.reach
        notes.append(
            f"Registreringarna för {ar} når till och med {fmt.date(last)}"
            + (f" (för några insatser bara till {fmt.date(first)})" if first < last else "")
            + "; resten av året är inte med."
        )
    used = found.populations
    if used:
        sources = "; ".join(
            f"{year} ({fmt.plain(source)})" + ("" if year == ar else f", senaste år före {ar} med uppgift")
            for year, source in used
        )
        notes.append(f"Per 1 000 inv. 20–64: deltagarna delade med kommunens befolkning 20–64 år {sources}.")
    missing = found.without_population
    if missing and not used:
        notes.append(
            f"Datan har ingen befolkning 20–64 år för kommunerna i {lan_name} för {ar} eller åren före, "
            f"så inget antal per 1 000 invånare kan räknas: där står ”{NO_POPULATION}”."
        )
    elif missing:
        named = ", ".join(fmt.plain(k) for k in missing)
        notes.append(
            f"Datan har ingen befolkning 20–64 år för {named} för {ar} eller åren före: "
            f"där står ”{NO_POPULATION}” i stället för ett antal per 1 000."
        )
    protection = RESIDENTS_SMALL + " Antalet per 1 000 står då som –."
    if (found.frame["dold"] & ~found.frame["deltagare"].map(lambda n: 0 < n < disclosure.MIN_COUNT)).any():
        protection += (
            f" ”{fmt.HIDDEN}”: ett antal som döljs för att ett antal under 5 inte ska kunna räknas fram, "
            "här eller mot deltagarna per insats och kommun på sidan Teamkapacitet."
        )
    notes.append(protection)
    return notes
