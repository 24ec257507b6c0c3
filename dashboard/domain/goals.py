"""Mål och resultat: the goals, what came of them, and the financial rules, as numbers.

Mål och resultat: the goals each förbund set itself, what came of them, and its financial
rules with their outcomes computed from the data.

A goal's status follows one rule (``STATUS_RULES``, shown on the page): a numeric outcome is
compared with the target; otherwise the assessment printed in the document (or recorded by
an editor on the page Data) decides; without either the goal is "ej mätt". The financial
rules of ``data/targets.csv`` are goals too, their outcome computed from the data. A goal
measured by the share of ended participants who went to work or studies gets its outcome
computed from the teams' registrations where no outcome is printed or recorded
(``measured_by_registrations``, ``registration_outcome``; issue 27).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import disclosure, documents, registrations
from dashboard.store import sql

UPPNATT, DELVIS, EJ_UPPNATT, EJ_MATT = "uppnått", "delvis", "ej uppnått", "ej mätt"
STATUSES = (UPPNATT, DELVIS, EJ_UPPNATT, EJ_MATT)

PARTIAL_SHARE = 0.5  # "delvis": at least half of the target reached
ABOUT_SHARE = 0.9  # a target of "ca N" counts as reached at 90 % of N
SHARE_TOLERANCE = 0.05  # a share goal ("ca 60 %") is reached within 5 percentage points

STATUS_RULES: dict[str, str] = {
    UPPNATT: (
        "Utfallet når målvärdet (för ”ca”-mål minst 90 % av det; för ett andelsmål högst 5 "
        "procentenheter ifrån), eller dokumentet bedömer målet som uppfyllt."
    ),
    DELVIS: (
        "Utfallet når minst hälften av målvärdet men inte hela, eller dokumentet bedömer målet som "
        "delvis uppfyllt (till exempel en kommentar som säger vad som inte blev gjort)."
    ),
    EJ_UPPNATT: (
        "Utfallet når inte hälften av målvärdet, ett tak eller golv hålls inte, eller dokumentet säger "
        "att målet inte uppfylldes."
    ),
    EJ_MATT: (
        "Inget utfall som kan jämföras med målet är tryckt, registrerat eller beräknat ur registreringarna "
        "av deltagare: en verksamhetsplan som ingen uppföljning finns för, en delårsbedömning, en "
        "färgmarkering som inte finns i texten, eller en andel som inte visas för att den bygger på färre "
        "än 5 personer."
    ),
}


def status(jamforelse: str, malvarde: float | None, utfall: float | None, bedomning: str | None) -> str:
    """A goal's status by ``STATUS_RULES``: the number first, else the assessment, else ej mätt."""
    if utfall is not None and not pd.isna(utfall) and malvarde is not None and not pd.isna(malvarde):
        if jamforelse == "högst":
            return UPPNATT if utfall <= malvarde else EJ_UPPNATT
        need = malvarde * (ABOUT_SHARE if jamforelse == "ca" else 1.0)
        if utfall >= need:
            return UPPNATT
        return DELVIS if utfall >= malvarde * PARTIAL_SHARE else EJ_UPPNATT
    if bedomning in (UPPNATT, DELVIS, EJ_UPPNATT):
        return bedomning
    return EJ_MATT


# How a goal's status was reached: computed from the outcome against the target, or the
# document's (or an editor's) assessment, stated in words or read from marks and comments.
BERAKNAD, ANGIVEN, AVLAST = "beräknad", "angiven", "avläst"


def basis(
    malvarde: float | None, utfall: float | None, bedomning: str | None, grund: str | None
) -> str | None:
    """How ``status`` reached its answer for a goal (``BERAKNAD``, ``ANGIVEN``, ``AVLAST``), or
    None for a goal not measured."""
    if utfall is not None and not pd.isna(utfall) and malvarde is not None and not pd.isna(malvarde):
        return BERAKNAD
    if bedomning in (UPPNATT, DELVIS, EJ_UPPNATT):
        return grund if grund in (ANGIVEN, AVLAST) else ANGIVEN
    return None


def goals(con: duckdb.DuckDBPyConnection, forbund: str, today: dt.date | None = None) -> pd.DataFrame:
    """Every goal of a förbund with the outcome in effect (an editor's latest for the year,
    else the document's, else one computed from the registrations), its status and its
    source. Columns as ``queries/goals_of_forbund.sql`` plus ``registreringar`` (whether the
    goal is measured by the registrations, ``measured_by_registrations``), ``beraknat`` (its
    ``RegistrationOutcome`` where no outcome is printed or recorded, else None; its shown
    share, in percent, is then ``utfall``), ``status``, ``grund`` (how the status was reached,
    ``basis``), ``kalla`` (the goal's citation by title and section, never a file name) and
    ``kalla_kort`` (the section only, for a table whose document is told once). ``today``
    decides whether a goal's year is still running (default: today)."""
    frame = sql.query(con, "goals_of_forbund", forbund=forbund)
    if frame.empty:
        return frame.assign(registreringar=[], beraknat=[], status=[], grund=[], kalla=[], kalla_kort=[])
    frame["registreringar"] = [
        measured_by_registrations(r.mal, r.matt, r.enhet, r.jamforelse, r.malvarde)
        for r in frame.itertuples(index=False)
    ]
    computed: dict[int, RegistrationOutcome | None] = {}
    beraknat: list[RegistrationOutcome | None] = []
    for r in frame.itertuples(index=False):
        if r.registreringar and not has_outcome(r.utfall, r.utfall_text, r.bedomning):
            if r.ar not in computed:
                computed[r.ar] = registration_outcome(con, forbund, int(r.ar), today)
            beraknat.append(computed[r.ar])
        else:
            beraknat.append(None)
    frame["beraknat"] = pd.Series(beraknat, index=frame.index, dtype=object)
    frame["utfall"] = [
        b.value * 100 if b is not None and b.value is not None else u
        for b, u in zip(frame["beraknat"], frame["utfall"], strict=True)
    ]
    frame["status"] = [
        status(r.jamforelse, r.malvarde, r.utfall, r.bedomning) for r in frame.itertuples(index=False)
    ]
    frame["grund"] = [
        basis(r.malvarde, r.utfall, r.bedomning, r.bedomning_grund) for r in frame.itertuples(index=False)
    ]
    frame["kalla"] = [
        documents.citation(con, d, a, short=True)
        for d, a in zip(frame["dokument"], frame["avsnitt"], strict=True)
    ]
    # In the page's table the document is told once, under it: a cell names the section only.
    frame["kalla_kort"] = [
        section_only(con, d, k) for d, k in zip(frame["dokument"], frame["kalla"], strict=True)
    ]
    return frame


def has_outcome(utfall: float | None, utfall_text: str | None, bedomning: str | None) -> bool:
    """Whether a goal has an outcome printed in a document or recorded by an editor: a number,
    words or an assessment. Such an outcome goes before one computed from the registrations."""
    number = utfall is not None and not pd.isna(utfall)
    words = isinstance(utfall_text, str) and bool(utfall_text.strip())
    return number or words or bedomning in (UPPNATT, DELVIS, EJ_UPPNATT)


# --- goals measured by the registrations (issue 27) --------------------------------------

SHARE_UNITS = ("procent", "%", "andel", "andel (%)")
_ENDED = re.compile(r"\bavslut")
_WORK_OR_STUDIES = re.compile(
    r"\barbete\s*(?:eller|och|/)\s*(?:till\s+|i\s+)?studier?\b"
    r"|\bstudier?\s*(?:eller|och|/)\s*(?:till\s+|i\s+)?arbete\b"
)
# A step towards work, a state months after the end, or more destinations than work and
# studies: none of them is what the registrations record.
_OTHER_MEASURE = re.compile(
    r"stegförflytt|närma|\bmot\s+arbete|månader\s+efter|efter\s+\d+\s+månader|arbetssök"
    r"|egen\s+försörjning|annan\s+insats|ordinarie\s+insats"
)


def measured_by_registrations(
    mal: str | None, matt: str | None, enhet: str | None, jamforelse: str | None, malvarde: float | None
) -> bool:
    """Whether a goal's outcome can be computed from the teams' registrations.

    The rule: a goal with a target (``minst``, ``högst`` or ``ca`` and a value) in a share
    (unit ``procent``, ``%`` or ``andel``), whose text or measure (``mal``, ``matt``) speaks
    of participants who ended (a word beginning "avslut": avslutade, avslutar, vid avslut)
    going to work or studies ("arbete eller studier", "arbete/studier", "studier eller
    arbete", "arbete och studier"). Not a goal that speaks of a step towards work
    ("stegförflyttning", "närma sig", "mot arbete"), of where people are months after they
    ended ("6 månader efter avslut"), or of more destinations than work and studies
    (arbetssökande, egen försörjning, annan or ordinarie insats): the registrations record
    only why a participation ended (``registrations.AVSLUT``), and the share computed is of
    those whose reason is arbete or studier (``registrations.WORK_OR_STUDIES``)."""
    if jamforelse not in ("minst", "högst", "ca") or malvarde is None or pd.isna(malvarde):
        return False
    if not isinstance(enhet, str) or enhet.strip().casefold() not in SHARE_UNITS:
        return False
    text = " ".join(t for t in (mal, matt) if isinstance(t, str)).casefold()
    return bool(_ENDED.search(text) and _WORK_OR_STUDIES.search(text) and not _OTHER_MEASURE.search(text))


@dataclass(frozen=True)
class RegistrationOutcome:
    """A goal's outcome computed from the registrations of a förbund for the goal's year.

    ``fran``–``till`` is the period: the whole year, or the year so far (``whole_year``
    False) while it runs, up to where the registrations reach. ``share`` counts the
    participations that ended in it and those of them that ended in work or studies
    (``registrations.work_or_studies``), over the insatser whose registrations cover the
    period (``counted``, by name); ``left_out`` names the insatser with registrations in the
    year that do not cover it. ``share`` is None where the registrations do not cover the
    year (a year that is over but that they do not reach the end of); ``fran``–``till`` is
    then the part of the year they do cover."""

    ar: int
    fran: dt.date
    till: dt.date
    whole_year: bool
    share: registrations.Share | None
    counted: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()

    @property
    def ended_hidden(self) -> bool:
        """The number ended is 1–4 (shown as "<5")."""
        return self.share is not None and bool(disclosure.small([self.share.ended])[0])

    @property
    def to_work_or_studies_hidden(self) -> bool:
        """The number to work or studies is not shown: it is 1–4 ("<5"), or the number ended
        is shown and less it leaves 1–4 who ended otherwise ("dolt")."""
        if self.share is None:
            return False
        went, ended = self.share.to_work_or_studies, self.share.ended
        return bool(disclosure.small([went])[0]) or (
            not self.ended_hidden and bool(disclosure.small([ended - went])[0])
        )

    @property
    def value(self) -> float | None:
        """The share a viewer may see (0.4 for 40 %): None where the registrations do not
        cover the period, where fewer than 5 ended (``registrations.Share.value``), or where
        the number to work or studies is hidden (the share and the number ended would give it
        back)."""
        if self.share is None or self.to_work_or_studies_hidden:
            return None
        return self.share.value


def registration_outcome(
    con: duckdb.DuckDBPyConnection, forbund: str, ar: int, today: dt.date | None = None
) -> RegistrationOutcome | None:
    """A goal's outcome for ``ar`` computed from the förbund's registrations, or None where no
    insats's registrations reach into the year.

    The period is the year, 1 January–31 December. While the year runs (``today`` in it or
    before its end) it is the year so far: 1 January up to the latest day an insats's
    registrations reach from 1 January. The insatser counted are those whose registrations
    cover the whole period (``registrations.covered``); the others with registrations in the
    year are named. A year that is over and that no insats's registrations cover to its end
    gets no share, nor a year so far of only January (its counts would be the month's, which
    the month's table protects on its own)."""
    today = today or dt.date.today()
    first, last = dt.date(ar, 1, 1), dt.date(ar, 12, 31)
    reach = registrations.period_counts(con, forbund, first, last)
    reach = reach[(reach["reach_fran"] <= last) & (reach["reach_till"] >= first)]
    if reach.empty:
        return None
    names = _insats_names(con, forbund)
    from_start = reach[reach["reach_fran"] <= first]
    till = min(last, max(from_start["reach_till"])) if not from_start.empty else None
    # A year so far of one month is that month: its counts stand in the month's table of
    # Teamkapacitet, the wall and the pack, where a small one may be hidden; not given here.
    if till is None or (till < last and today > last) or till < dt.date(ar, 2, 1):
        return RegistrationOutcome(
            ar, max(first, min(reach["reach_fran"])), min(last, max(reach["reach_till"])), False, None
        )
    counts = registrations.covered(registrations.period_counts(con, forbund, first, till), first, till)
    share = registrations.Share(int(counts["avslutade"].sum()), int(counts["till_arbete_studier"].sum()))
    counted = set(counts["insats_id"])
    return RegistrationOutcome(
        ar,
        first,
        till,
        till == last,
        share,
        tuple(sorted(names.get(i, i) for i in counted)),
        tuple(sorted(names.get(i, i) for i in set(reach["insats_id"]) - counted)),
    )


def _insats_names(con: duckdb.DuckDBPyConnection, forbund: str) -> dict[str, str]:
    frame = sql.query(con, "goals_insats_names", forbund=forbund)
    return dict(zip(frame["insats_id"], frame["namn"], strict=True))


def section_only(con: duckdb.DuckDBPyConnection, dokument: str, citation: str) -> str:
    """``bilaga 1`` of ``Årsredovisning 2021 (Norra Västmanlands Samordningsförbund), bilaga 1``."""
    return citation.removeprefix(documents.title(con, dokument) + ", ")


def years(con: duckdb.DuckDBPyConnection) -> dict[str, list[int]]:
    """The förbund with goals, rules or key figures, each with its years (active förbund first)."""
    frame = sql.query(con, "goals_years")
    info = sql.query(con, "forbund_all")
    ended = {f: pd.notna(t) for f, t in zip(info["forbund"], info["till_ar"], strict=True)}
    out: dict[str, list[int]] = {}
    for forbund, rows in frame.groupby("forbund"):
        out[str(forbund)] = sorted(int(y) for y in rows["ar"].unique())
    return dict(sorted(out.items(), key=lambda kv: (ended.get(kv[0], True), kv[0])))


# --- the financial rules -----------------------------------------------------------------


@dataclass(frozen=True)
class RuleOutcome:
    """A rule of ``data/targets.csv`` for a year with its outcome computed from the data, as
    numbers: ``missing`` names what the data lacks ("eget kapital", "intäkter",
    "insatskostnader") when the outcome cannot be computed."""

    styrtal: str  # "eget kapital, tak", "eget kapital, golv", "andel individinsatser"
    text: str  # the rule as printed
    ar: int
    limit: float  # the rule's figure: the floor in kronor, the cap's or the goal's share
    status: str
    source: str  # the rule's document and section (a citation)
    dokument: str
    avsnitt: str
    outcome_source: str  # where the figures of the outcome come from
    missing: str | None = None
    equity: float | None = None  # eget kapital, kronor
    equity_measure: str = ""  # bokslut, prognos … of the eget kapital
    equity_date: dt.date | None = None
    income: float | None = None  # the intäkter the cap is a share of
    cap: float | None = None  # the cap in kronor: ``limit`` × ``income``
    measure: str = ""  # the measure (bokslut, prognos, budget) of the intäkter or insatskostnader
    share: float | None = None  # eget kapital of the intäkter, or individinsatser of the insats costs


def _best(sums: pd.DataFrame) -> str | None:
    for measure in ("bokslut", "prognos", "förväntat utfall", "budget"):
        if measure in set(sums["matt"]):
            return measure
    return None


def rule_outcomes(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> list[RuleOutcome]:
    """The förbund's own financial rules that apply in ``ar`` (targets.csv), each with its
    outcome computed from the budget lines and balances of the year: eget kapital against
    its cap (a share of the members' contributions) and floor, the share of individinsatser
    of the insats costs against the goal. The outcome's basis is named (bokslut, prognos or
    budget); a rule whose figures the data lacks says so."""
    rules = sql.query(con, "targets_for", forbund=forbund, ar=ar)
    rules = rules[rules["fran_ar"] <= ar]
    sums = sql.query(con, "goals_kategori_sums", forbund=forbund, ar=ar)
    equity = sql.query(con, "equity", forbund=forbund, ar=ar)
    equity = equity[equity["period_slut"].dt.year == ar]
    out = []
    for _, r in rules.iterrows():
        rule = {
            "styrtal": r["styrtal"],
            "text": r["text"],
            "ar": ar,
            "limit": r["varde"],
            "source": documents.citation(con, r["dokument"], r["avsnitt"], short=True),
            "dokument": r["dokument"],
            "avsnitt": r["avsnitt"],
        }
        if r["styrtal"] in ("eget kapital, tak", "eget kapital, golv"):
            if equity.empty:
                out.append(RuleOutcome(**rule, status=EJ_MATT, outcome_source="", missing="eget kapital"))
                continue
            e = equity.iloc[0]
            value = float(e["belopp"])
            rule |= {"equity": value, "equity_measure": e["matt"], "equity_date": e["period_slut"].date()}
            eq_source = documents.citation(con, e["dokument"], e["avsnitt"], short=True)
            if r["styrtal"] == "eget kapital, golv":
                held = UPPNATT if value >= r["varde"] else EJ_UPPNATT
                out.append(RuleOutcome(**rule, status=held, outcome_source=eq_source))
                continue
            measure = "budget" if "budgeterade" in str(r["enhet"]) else e["matt"]
            income = sums[(sums["matt"] == measure) & (sums["kategori"] == "intäkt")]
            if income.empty:
                income = sums[(sums["matt"] == "budget") & (sums["kategori"] == "intäkt")]
                measure = "budget"
            if income.empty:
                out.append(RuleOutcome(**rule, status=EJ_MATT, outcome_source=eq_source, missing="intäkter"))
                continue
            base = float(income.iloc[0]["belopp"])
            limit = r["varde"] * base
            out.append(
                RuleOutcome(
                    **rule,
                    status=UPPNATT if value <= limit else EJ_UPPNATT,
                    outcome_source="; ".join(
                        documents.each_once(
                            [eq_source]
                            + [documents.citation(con, d, a, short=True) for d, a in _pairs(income.iloc[0])]
                        )
                    ),
                    income=base,
                    cap=limit,
                    measure=measure,
                    share=value / base if base else None,
                )
            )
        elif r["styrtal"] == "andel individinsatser":
            measure = _best(sums)
            rows = sums[sums["matt"] == measure] if measure else sums.iloc[0:0]
            by_kat = dict(zip(rows["kategori"], rows["belopp"], strict=True))
            individ, struktur = by_kat.get("individinsats", 0.0), by_kat.get("strukturinsats", 0.0)
            if not individ and not struktur:
                out.append(RuleOutcome(**rule, status=EJ_MATT, outcome_source="", missing="insatskostnader"))
                continue
            share = individ / (individ + struktur)
            ok = abs(share - r["varde"]) <= SHARE_TOLERANCE
            out.append(
                RuleOutcome(
                    **rule,
                    status=UPPNATT if ok else EJ_UPPNATT,
                    outcome_source="; ".join(
                        documents.each_once(
                            [
                                documents.citation(con, d, a, short=True)
                                for _, row in rows.iterrows()
                                for d, a in _pairs(row)
                            ]
                        )
                    ),
                    measure=measure or "",
                    share=share,
                )
            )
    return out


def _pairs(row: pd.Series) -> list[tuple[str, str]]:
    """The (dokument, avsnitt) pairs behind a summed row (one document each in this data)."""
    docs = str(row["dokument"]).split(", ")
    return [(d, a) for d in docs for a in str(row["avsnitt"]).split("; ")][:1] if docs else []
