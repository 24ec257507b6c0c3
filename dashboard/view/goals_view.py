"""Mål och resultat as a person reads it, written from the domain's numbers.

Mål och resultat as a person reads it: targets and outcomes written out, statuses with
their signs, the financial rules in words, and the page's bundle (``view``, ``ui.shared``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import disclosure, documents, goals
from dashboard.domain.goals import (
    ANGIVEN,
    AVLAST,
    BERAKNAD,
    DELVIS,
    EJ_MATT,
    EJ_UPPNATT,
    STATUS_RULES,
    STATUSES,
    UPPNATT,
)
from dashboard.exchange import fmt
from dashboard.view import sources, statements_view, tables

# A signal beside the word, so that colour is never the only one.
STATUS_SIGNS = {UPPNATT: "● uppnått", DELVIS: "◐ delvis", EJ_UPPNATT: "○ ej uppnått", EJ_MATT: "– ej mätt"}

_UNITS = {"procent": "%", "personer": "personer", "tillfällen": "tillfällen", "möten": "möten"}


def _value(value: float | None, enhet: str) -> str:
    if value is None or pd.isna(value):
        return fmt.MISSING
    decimals = 0 if float(value).is_integer() else 1
    unit = _UNITS.get(enhet, enhet)
    return f"{fmt.number(value, decimals)}\u00a0{unit}"


def target_text(row: pd.Series) -> str:
    """A goal's target as a person reads it: ``minst 80 %``, ``ca 400 personer``, ``kvalitativt``."""
    if row["jamforelse"] == "kvalitativt":
        return "kvalitativt"
    return f"{row['jamforelse']} {_value(row['malvarde'], row['enhet'])}"


def outcome_text(row: pd.Series) -> str:
    """A goal's outcome in words: the number (where there is one) and what the source says;
    for a goal measured by the registrations without a printed or recorded outcome, what they
    give (``computed_text``)."""
    computed = row.get("beraknat")
    if isinstance(computed, goals.RegistrationOutcome):
        return computed_text(computed)
    if bool(row.get("registreringar", False)) and not goals.has_outcome(
        row["utfall"], row["utfall_text"], row["bedomning"]
    ):
        return (
            f"Inget utfall tryckt eller registrerat, och inga registreringar av deltagare för {row['ar']} "
            "att beräkna det ur."
        )
    number = None if pd.isna(row["utfall"]) else _value(row["utfall"], row["enhet"])
    words = row["utfall_text"] if isinstance(row["utfall_text"], str) and row["utfall_text"] else None
    if number and words:
        return f"{number}. {words}"
    return number or words or "Inget utfall tryckt."


COMPUTED_SOURCE = "beräknat ur förbundets registreringar av deltagare"


def _period(r: goals.RegistrationOutcome) -> str:
    return fmt.period(f"{r.fran.isoformat()}..{r.till.isoformat()}")


def computed_text(r: goals.RegistrationOutcome) -> str:
    """A goal's outcome computed from the registrations, with its rule, as a person reads it:
    "40,0 %. Beräknat ur registreringarna: av de 25 som avslutade en insats 1 januari–31
    december 2025 gick 10 till arbete eller studier (arbete eller studier som avslutsorsak)."
    A count of 1–4 reads "<5"; a share of fewer than 5 ended is not shown, nor one that would
    give a hidden count back."""
    period = _period(r)
    if r.share is None:
        return (
            f"Inget utfall tryckt eller registrerat. Registreringarna täcker bara {period}, inte hela "
            f"{r.ar}; utfallet beräknas inte ur dem."
        )
    if not r.whole_year:
        period += " (året hittills, så långt registreringarna når)"
    ended = fmt.count(r.share.ended, r.ended_hidden)
    went = fmt.count(r.share.to_work_or_studies, r.to_work_or_studies_hidden)
    if r.share.ended == 0:
        text = f"Beräknat ur registreringarna: ingen avslutade en insats {period}; det finns ingen andel."
    else:
        text = (
            f"Beräknat ur registreringarna: av de {ended} som avslutade en insats {period} gick {went} "
            "till arbete eller studier (arbete eller studier som avslutsorsak)."
        )
        if r.value is not None:
            text = f"{fmt.pct(r.value)}. {text}"
        elif not disclosure.enough(r.share.ended):
            text += " Färre än 5 avslutade; andelen visas inte."
        else:
            text += (
                " Andelen visas inte: med antalet avslutade skulle den visa ett antal under 5 (som gick "
                "till arbete eller studier, eller som avslutade av andra skäl)."
            )
    if r.left_out:
        text += (
            f" Räknar inte {_names(r.left_out)}: "
            f"{'dess' if len(r.left_out) == 1 else 'deras'} registreringar täcker inte hela perioden."
        )
    return text


def _names(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} och {names[-1]}"


REGISTRATION_RULE = (
    "Ett mål som mäts med andelen avslutade deltagare som gick till arbete eller studier får sitt "
    "utfall beräknat ur förbundets registreringar av deltagare, där dokumenten inte trycker något "
    "utfall och ingen redaktör har registrerat något (de går först): av dem vars insats avslutades "
    "under målets år (slutdatum 1 januari–31 december), andelen med avslutsorsak arbete eller studier. "
    "Under ett pågående år räknas året hittills, så långt registreringarna når. Bara insatser vars "
    "registreringar täcker hela perioden räknas. Ett antal 1–4 skrivs <5. Andelen visas inte när "
    "färre än 5 avslutade, och inte heller när 1–4 gick till arbete eller studier (då skulle den visa "
    "antalet)."
)


def goals_shown(con: duckdb.DuckDBPyConnection, forbund: str, today: dt.date | None = None) -> pd.DataFrame:
    """``goals.goals`` of a förbund with what a person reads: ``malvarde_visas`` and
    ``utfall_visas`` (target and outcome written out), ``utfall_kalla`` (the outcome's
    source: the document's citation, who recorded it and when, or ``COMPUTED_SOURCE``) and
    ``utfall_kalla_kort`` (the section only where the outcome is printed in the goal's own
    document). ``today``: whether a goal's year still runs (``goals.goals``)."""
    frame = goals.goals(con, forbund, today)
    if frame.empty:
        return frame.assign(malvarde_visas=[], utfall_visas=[], utfall_kalla=[], utfall_kalla_kort=[])
    frame["malvarde_visas"] = [target_text(r) for _, r in frame.iterrows()]
    frame["utfall_visas"] = [outcome_text(r) for _, r in frame.iterrows()]
    frame["utfall_kalla"] = [_outcome_source(con, r) for _, r in frame.iterrows()]
    frame["utfall_kalla_kort"] = [
        u if not isinstance(u, str) or d != goal_doc else goals.section_only(con, d, u)
        for u, d, goal_doc in zip(
            frame["utfall_kalla"], frame["utfall_dokument"], frame["dokument"], strict=True
        )
    ]
    return frame


def _outcome_source(con: duckdb.DuckDBPyConnection, row: pd.Series) -> str | None:
    """Where a goal's outcome comes from: who recorded it and when, the document's citation,
    or ``COMPUTED_SOURCE`` for a share computed from the registrations; None without one."""
    if pd.notna(row["utfall_id"]):
        when = fmt.date(row["registrerad"].date())
        return f"registrerat av {row['registrerad_av']} {when}: {row['registrerad_kalla']}"
    computed = row.get("beraknat")
    if isinstance(computed, goals.RegistrationOutcome) and computed.share is not None:
        return COMPUTED_SOURCE
    d = row["utfall_dokument"]
    return documents.citation(con, d, row["utfall_avsnitt"], short=True) if isinstance(d, str) and d else None


@dataclass(frozen=True)
class WrittenRule:
    """A rule of ``data/targets.csv`` for a year (``goals.RuleOutcome``) as a person reads it."""

    styrtal: str
    rule: str  # the rule in words, with its limit in kronor where it has one
    outcome: str  # the computed figure and what it is computed from
    status: str
    source: str  # the rule's document and section
    link: str | None
    outcome_source: str  # where the figures of the outcome come from


def _written(r: goals.RuleOutcome) -> WrittenRule:
    """The rule and its outcome in words (``goals.RuleOutcome``'s figures written out)."""
    text = f"”{r.text}”"
    if r.missing == "eget kapital":
        rule, outcome = text, f"Inget eget kapital för {r.ar} i dokumenten."
    elif r.missing == "intäkter":
        rule, outcome = text, "Inga intäkter för året i dokumenten."
    elif r.missing == "insatskostnader":
        rule, outcome = text, f"Inga insatskostnader för {r.ar} i dokumenten."
    elif r.styrtal == "eget kapital, golv":
        basis = f"{r.equity_measure} {fmt.date(r.equity_date)}"
        rule, outcome = f"{text} Golv: {fmt.kr(r.limit)}.", f"Eget kapital {fmt.kr(r.equity)} ({basis})."
    elif r.styrtal == "eget kapital, tak":
        basis = f"{r.equity_measure} {fmt.date(r.equity_date)}"
        rule = (
            f"{text} Tak: {fmt.pct(r.limit, 0)} av {fmt.kr(r.income)} ({r.measure} {r.ar}) = {fmt.kr(r.cap)}."
        )
        outcome = f"Eget kapital {fmt.kr(r.equity)} ({basis}), {fmt.pct(r.share)} av intäkterna."
    else:  # andel individinsatser
        rule = f"{text} Mål: {fmt.pct(r.limit, 0)} till individinsatser."
        outcome = f"{fmt.pct(r.share)} av insatskostnaderna till individinsatser ({r.measure} {r.ar})."
    return WrittenRule(
        r.styrtal, rule, outcome, r.status, r.source, sources.link(r.dokument, r.avsnitt), r.outcome_source
    )


def rule_outcomes(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> list[WrittenRule]:
    """``goals.rule_outcomes`` of a förbund and year in words, each with its link."""
    return [_written(r) for r in goals.rule_outcomes(con, forbund, ar)]


@dataclass(frozen=True)
class GoalsView:
    """What the page Mål och resultat shows for a förbund and year (``ui.shared``)."""

    forbund: str
    ar: int
    counts: dict[str, int]  # goals per status
    goals_html: str
    basis_text: str  # how the year's statuses were reached, in one sentence
    goal_sources: tuple[tuple[str, str | None], ...]
    rules: tuple[WrittenRule, ...]
    rules_html: str
    five_year_html: str
    five_year_source: tuple[tuple[str, str | None], ...]
    balanskrav_html: str
    balanskrav_source: tuple[tuple[str, str | None], ...]
    kassaflode_html: str
    kassaflode_source: tuple[tuple[str, str | None], ...]
    board_html: str
    board_sources: tuple[tuple[str, str | None], ...]
    other_html: str
    other_sources: tuple[tuple[str, str | None], ...]
    registration_rule: str = ""  # REGISTRATION_RULE where a goal of the year is measured by registrations


def goals_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A year's goals as the page shows them: area as heading rows, goal, target, outcome,
    status (with a sign) and source."""
    return pd.DataFrame(
        {
            "Område": frame["omrade"],
            "Mål": frame["mal"],
            "Målvärde": frame["malvarde_visas"],
            "Utfall": frame["utfall_visas"],
            "Status": frame["status"].map(STATUS_SIGNS),
            "Källa": [
                k if not isinstance(u, str) or u == k else f"mål: {k}; utfall: {u}"
                for k, u in zip(frame["kalla_kort"], frame["utfall_kalla_kort"], strict=True)
            ],
        }
    )


def rules_table(rules: list[WrittenRule]) -> pd.DataFrame:
    """The financial rules with their computed outcome, as the page shows them."""
    return pd.DataFrame(
        {
            "Styrtal": [r.styrtal.capitalize() for r in rules],
            "Regel": [r.rule for r in rules],
            "Utfall, beräknat": [r.outcome for r in rules],
            "Status": [STATUS_SIGNS[r.status] for r in rules],
            "Källa": [
                f"Regel: {r.source}" + (f". Utfall: {r.outcome_source}" if r.outcome_source else "")
                for r in rules
            ],
        }
    )


def view(con: duckdb.DuckDBPyConnection, forbund: str, ar: int, today: dt.date | None = None) -> GoalsView:
    """The ``GoalsView`` of a förbund and year, for ``ui.shared`` (``today``: whether the
    year still runs, for a goal computed from the registrations)."""
    all_goals = goals_shown(con, forbund, today)
    year = all_goals[all_goals["ar"] == ar]
    rules = rule_outcomes(con, forbund, ar)
    counts = {s: int((year["status"] == s).sum()) + sum(r.status == s for r in rules) for s in STATUSES}
    goal_pairs = list(
        dict.fromkeys(
            [(d, a) for d, a in zip(year["dokument"], year["avsnitt"], strict=True)]
            + [
                (d, a)
                for d, a in zip(year["utfall_dokument"], year["utfall_avsnitt"], strict=True)
                if isinstance(d, str) and d
            ]
        )
    )
    cited = {}  # one link per citation: several parts of a section read the same
    for d, a in goal_pairs:
        cited.setdefault(documents.citation(con, d, a, short=True), sources.link(d, a))
    goal_sources = tuple(cited.items())
    five, five_source, five_link = statements_view.five_year(con, forbund)
    bk, bk_source, bk_link = statements_view.statement(con, forbund, "balanskrav")
    kf, kf_source, kf_link = statements_view.statement(con, forbund, "kassaflode")
    members, board_sources = statements_view.board(con, forbund)
    other, other_sources = statements_view.other_figures(con, forbund)
    return GoalsView(
        forbund=forbund,
        ar=ar,
        counts=counts,
        goals_html=tables.html_table(goals_table(year), group="Område", table_id="mal-tabell")
        if not year.empty
        else "",
        basis_text=basis_sentence(year["grund"].tolist()) if not year.empty else "",
        goal_sources=goal_sources,
        rules=tuple(rules),
        rules_html=tables.html_table(rules_table(rules), table_id="styrtal-tabell") if rules else "",
        five_year_html=tables.html_table(
            five, [c for c in five.columns if c != "Nyckeltal"], table_id="femar-tabell"
        )
        if not five.empty
        else "",
        five_year_source=((five_source, five_link),) if five_source else (),
        balanskrav_html=tables.html_table(bk, [c for c in bk.columns if c not in ("Post", "fet")], bold="fet")
        if not bk.empty
        else "",
        balanskrav_source=((bk_source, bk_link),) if bk_source else (),
        kassaflode_html=tables.html_table(kf, [c for c in kf.columns if c not in ("Post", "fet")], bold="fet")
        if not kf.empty
        else "",
        kassaflode_source=((kf_source, kf_link),) if kf_source else (),
        board_html=tables.html_table(members, ["Antal"]) if not members.empty else "",
        board_sources=tuple(board_sources),
        other_html=tables.html_table(other, ["Värde"]) if not other.empty else "",
        other_sources=tuple(other_sources),
        registration_rule=REGISTRATION_RULE if bool(year["registreringar"].any()) else "",
    )


_BASIS_WORDS = {
    BERAKNAD: ("räknad ur utfallet mot målvärdet", "räknade ur utfallet mot målvärdet"),
    ANGIVEN: ("angiven i ord i dokumentet", "angivna i ord i dokumentet"),
    AVLAST: (
        "avläst ur dokumentets markeringar och kommentarer",
        "avlästa ur dokumentets markeringar och kommentarer",
    ),
}


def basis_sentence(grund: list[str | None]) -> str:
    """How the statuses of a year's goals were reached: "Så är statusen bedömd: 15 avlästa ur
    dokumentets markeringar och kommentarer, 3 ej mätta." Empty without goals."""
    if not grund:
        return ""
    parts = []
    for kind in (BERAKNAD, ANGIVEN, AVLAST):
        n = sum(1 for g in grund if g == kind)
        if n:
            parts.append(f"{fmt.number(n)} {_BASIS_WORDS[kind][0 if n == 1 else 1]}")
    unmeasured = sum(1 for g in grund if g not in (BERAKNAD, ANGIVEN, AVLAST))
    if unmeasured:
        parts.append(f"{fmt.number(unmeasured)} {'ej mätt' if unmeasured == 1 else 'ej mätta'}")
    return "Så är statusen bedömd: " + ", ".join(parts) + "."


def status_rules_markdown() -> str:
    """The rule for each status, once, as the page and the pack state it."""
    return "\n".join(f"- **{STATUS_SIGNS[s]}**: {fmt.plain(STATUS_RULES[s])}" for s in STATUSES)
