"""Mål och resultat: the goals each förbund set itself, what came of them, and the key
ratios of its årsredovisning.

A goal's status follows one rule (``STATUS_RULES``, shown on the page): a numeric outcome is
compared with the target; otherwise the assessment printed in the document (or recorded by
an editor on the page Data) decides; without either the goal is "ej mätt". The financial
rules of ``data/targets.csv`` are goals too, their outcome computed from the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import documents
from dashboard.exchange import fmt
from dashboard.store import sql
from dashboard.view import sources, tables

UPPNATT, DELVIS, EJ_UPPNATT, EJ_MATT = "uppnått", "delvis", "ej uppnått", "ej mätt"
STATUSES = (UPPNATT, DELVIS, EJ_UPPNATT, EJ_MATT)
# A signal beside the word, so that colour is never the only one.
STATUS_SIGNS = {UPPNATT: "● uppnått", DELVIS: "◐ delvis", EJ_UPPNATT: "○ ej uppnått", EJ_MATT: "– ej mätt"}

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
        "Inget utfall som kan jämföras med målet är tryckt eller registrerat: en verksamhetsplan som "
        "ingen uppföljning finns för, en delårsbedömning, eller en färgmarkering som inte finns i texten."
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
    """A goal's outcome in words: the number (where there is one) and what the source says."""
    number = None if pd.isna(row["utfall"]) else _value(row["utfall"], row["enhet"])
    words = row["utfall_text"] if isinstance(row["utfall_text"], str) and row["utfall_text"] else None
    if number and words:
        return f"{number}. {words}"
    return number or words or "Inget utfall tryckt."


def goals(con: duckdb.DuckDBPyConnection, forbund: str) -> pd.DataFrame:
    """Every goal of a förbund with the outcome in effect (an editor's latest for the year,
    else the document's), its status and its sources. Columns as ``queries/goals_of_forbund.sql``
    plus ``status``, ``malvarde_visas``, ``utfall_visas``, ``kalla`` and ``utfall_kalla``
    (citations by title and section, never a file name)."""
    frame = sql.query(con, "goals_of_forbund", forbund=forbund)
    if frame.empty:
        return frame.assign(
            status=[],
            malvarde_visas=[],
            utfall_visas=[],
            kalla=[],
            utfall_kalla=[],
            kalla_kort=[],
            utfall_kalla_kort=[],
        )
    frame["status"] = [
        status(r.jamforelse, r.malvarde, r.utfall, r.bedomning) for r in frame.itertuples(index=False)
    ]
    frame["malvarde_visas"] = [target_text(r) for _, r in frame.iterrows()]
    frame["utfall_visas"] = [outcome_text(r) for _, r in frame.iterrows()]
    frame["kalla"] = [
        documents.citation(con, d, a, short=True)
        for d, a in zip(frame["dokument"], frame["avsnitt"], strict=True)
    ]
    # In the page's table the document is told once, under it: a cell names the section only.
    frame["kalla_kort"] = [
        _section_only(con, d, k) for d, k in zip(frame["dokument"], frame["kalla"], strict=True)
    ]
    frame["utfall_kalla"] = [
        (f"registrerat av {who} {fmt.date(when.date())}: {kalla}" if pd.notna(uid) else None)
        if pd.notna(uid)
        else (documents.citation(con, d, a, short=True) if isinstance(d, str) and d else None)
        for uid, who, when, kalla, d, a in zip(
            frame["utfall_id"],
            frame["registrerad_av"],
            frame["registrerad"],
            frame["registrerad_kalla"],
            frame["utfall_dokument"],
            frame["utfall_avsnitt"],
            strict=True,
        )
    ]
    frame["utfall_kalla_kort"] = [
        u if not isinstance(u, str) or d != goal_doc else _section_only(con, d, u)
        for u, d, goal_doc in zip(
            frame["utfall_kalla"], frame["utfall_dokument"], frame["dokument"], strict=True
        )
    ]
    return frame


def _section_only(con: duckdb.DuckDBPyConnection, dokument: str, citation: str) -> str:
    """``bilaga 1`` of ``Årsredovisning 2021 (Norra Västmanlands Samordningsförbund), bilaga 1``."""
    return citation.removeprefix(documents.title(con, dokument) + ", ")


def years(con: duckdb.DuckDBPyConnection) -> dict[str, list[int]]:
    """The förbund with goals, rules or key figures, each with its years (active förbund first)."""
    frame = sql.query(con, "goals_years")
    info = sql.query(con, "forbund_names")
    order = {f: i for i, f in enumerate(info["forbund"])}
    out: dict[str, list[int]] = {}
    for forbund, rows in frame.groupby("forbund"):
        out[str(forbund)] = sorted(int(y) for y in rows["ar"].unique())
    active = "Samordningsförbundet Västmanland"
    return dict(sorted(out.items(), key=lambda kv: (kv[0] != active, order.get(kv[0], 99), kv[0])))


# --- the financial rules -----------------------------------------------------------------


@dataclass(frozen=True)
class RuleOutcome:
    """A rule of ``data/targets.csv`` for a year with its outcome computed from the data."""

    styrtal: str
    rule: str  # the rule in words, with its limit in kronor where it has one
    outcome: str  # the computed figure and what it is computed from
    status: str
    source: str  # the rule's document and section
    link: str | None
    outcome_source: str  # where the figures of the outcome come from


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
        source = documents.citation(con, r["dokument"], r["avsnitt"], short=True)
        link = sources.link(r["dokument"], r["avsnitt"])
        text = f"”{r['text']}”"
        if r["styrtal"] in ("eget kapital, tak", "eget kapital, golv"):
            if equity.empty:
                out.append(
                    RuleOutcome(
                        r["styrtal"],
                        text,
                        f"Inget eget kapital för {ar} i dokumenten.",
                        EJ_MATT,
                        source,
                        link,
                        "",
                    )
                )
                continue
            e = equity.iloc[0]
            value, basis = float(e["belopp"]), f"{e['matt']} {fmt.date(e['period_slut'].date())}"
            eq_source = documents.citation(con, e["dokument"], e["avsnitt"], short=True)
            if r["styrtal"] == "eget kapital, golv":
                ok = value >= r["varde"]
                out.append(
                    RuleOutcome(
                        r["styrtal"],
                        f"{text} Golv: {fmt.kr(r['varde'])}.",
                        f"Eget kapital {fmt.kr(value)} ({basis}).",
                        UPPNATT if ok else EJ_UPPNATT,
                        source,
                        link,
                        eq_source,
                    )
                )
                continue
            measure = "budget" if "budgeterade" in str(r["enhet"]) else e["matt"]
            income = sums[(sums["matt"] == measure) & (sums["kategori"] == "intäkt")]
            if income.empty:
                income = sums[(sums["matt"] == "budget") & (sums["kategori"] == "intäkt")]
                measure = "budget"
            if income.empty:
                out.append(
                    RuleOutcome(
                        r["styrtal"],
                        text,
                        "Inga intäkter för året i dokumenten.",
                        EJ_MATT,
                        source,
                        link,
                        eq_source,
                    )
                )
                continue
            base = float(income.iloc[0]["belopp"])
            limit = r["varde"] * base
            share = value / base if base else None
            out.append(
                RuleOutcome(
                    r["styrtal"],
                    f"{text} Tak: {fmt.pct(r['varde'], 0)} av {fmt.kr(base)} ({measure} {ar})"
                    f" = {fmt.kr(limit)}.",
                    f"Eget kapital {fmt.kr(value)} ({basis}), {fmt.pct(share)} av intäkterna.",
                    UPPNATT if value <= limit else EJ_UPPNATT,
                    source,
                    link,
                    "; ".join(
                        documents.each_once(
                            [eq_source]
                            + [documents.citation(con, d, a, short=True) for d, a in _pairs(income.iloc[0])]
                        )
                    ),
                )
            )
        elif r["styrtal"] == "andel individinsatser":
            measure = _best(sums)
            rows = sums[sums["matt"] == measure] if measure else sums.iloc[0:0]
            by_kat = dict(zip(rows["kategori"], rows["belopp"], strict=True))
            individ, struktur = by_kat.get("individinsats", 0.0), by_kat.get("strukturinsats", 0.0)
            if not individ and not struktur:
                out.append(
                    RuleOutcome(
                        r["styrtal"],
                        text,
                        f"Inga insatskostnader för {ar} i dokumenten.",
                        EJ_MATT,
                        source,
                        link,
                        "",
                    )
                )
                continue
            share = individ / (individ + struktur)
            ok = abs(share - r["varde"]) <= SHARE_TOLERANCE
            out.append(
                RuleOutcome(
                    r["styrtal"],
                    f"{text} Mål: {fmt.pct(r['varde'], 0)} till individinsatser.",
                    f"{fmt.pct(share)} av insatskostnaderna till individinsatser ({measure} {ar}).",
                    UPPNATT if ok else EJ_UPPNATT,
                    source,
                    link,
                    "; ".join(
                        documents.each_once(
                            [
                                documents.citation(con, d, a, short=True)
                                for _, row in rows.iterrows()
                                for d, a in _pairs(row)
                            ]
                        )
                    ),
                )
            )
    return out


def _pairs(row: pd.Series) -> list[tuple[str, str]]:
    """The (dokument, avsnitt) pairs behind a summed row (one document each in this data)."""
    docs = str(row["dokument"]).split(", ")
    return [(d, a) for d in docs for a in str(row["avsnitt"]).split("; ")][:1] if docs else []


# --- the årsredovisning's key ratios -----------------------------------------------------

FIVE_YEAR_LABELS = {
    "Verksamhetens intäkter": "Verksamhetens intäkter",
    "Verksamhetens kostnader": "Verksamhetens kostnader (exkl. finansiella)",
    "Årets resultat": "Årets resultat",
    "soliditet": "Soliditet",
    "antal anställda": "Antal anställda",
}


def five_year(con: duckdb.DuckDBPyConnection, forbund: str) -> tuple[pd.DataFrame, str, str | None]:
    """The årsredovisning's five-year overview as printed (newest year first): one row per
    key figure, one column per year, amounts in tkr as printed, soliditet in %; with its
    source and link. Empty where the förbund's documents print none."""
    frame = sql.query(con, "goals_five_year", forbund=forbund)
    if frame.empty:
        return pd.DataFrame(), "", None

    def shown(r: pd.Series) -> str:
        if r["enhet"] == "kr":
            return fmt.tkr(r["varde"]) if r["enhet_i_kallan"] == "tkr" else fmt.kr(r["varde"])
        if r["enhet"] == "procent":
            return f"{fmt.number(r['varde'], 1)}\u00a0%"
        return fmt.number(r["varde"])

    frame = frame.assign(visas=[shown(r) for _, r in frame.iterrows()])
    frame["Nyckeltal"] = frame["nyckeltal"].map(FIVE_YEAR_LABELS).fillna(frame["nyckeltal"])
    order = list(dict.fromkeys(frame.sort_values("ordning")["Nyckeltal"]))
    wide = frame.pivot_table(index="Nyckeltal", columns="ar", values="visas", aggfunc="first").reindex(order)
    wide = wide[sorted(wide.columns, reverse=True)]
    wide.columns = [str(c) for c in wide.columns]
    first = frame.iloc[0]
    return (
        wide.reset_index(),
        documents.citation(con, first["dokument"], first["avsnitt"], short=True),
        sources.link(first["dokument"], first["avsnitt"]),
    )


def statement(
    con: duckdb.DuckDBPyConnection, forbund: str, name: str
) -> tuple[pd.DataFrame, str, str | None]:
    """The balanskravsutredning (``name`` "balanskrav") or kassaflödesanalys ("kassaflode")
    as printed: one row per line, one column per year, totals in bold (``fet``)."""
    frame = sql.query(con, f"goals_{name}", forbund=forbund)
    if frame.empty:
        return pd.DataFrame(), "", None

    def shown(r: pd.Series) -> str:
        if pd.isna(r["belopp"]):
            return "–"
        return fmt.tkr(r["belopp"], 1) if r["enhet_i_kallan"] == "tkr" else fmt.kr(r["belopp"])

    frame = frame.assign(visas=[shown(r) for _, r in frame.iterrows()])
    wide = frame.pivot_table(index=["rad", "post"], columns="ar", values="visas", aggfunc="first")
    wide = wide[sorted(wide.columns, reverse=True)]
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reset_index().sort_values("rad")
    totals = set(frame.loc[frame["summerar"].fillna("") != "", "rad"])
    wide["fet"] = wide["rad"].isin(totals)
    first = frame.iloc[0]
    return (
        wide.drop(columns="rad").rename(columns={"post": "Post"}),
        documents.citation(con, first["dokument"], first["avsnitt"], short=True),
        sources.link(first["dokument"], first["avsnitt"]),
    )


def board(con: duckdb.DuckDBPyConnection, forbund: str) -> tuple[pd.DataFrame, list[tuple[str, str | None]]]:
    """The board and kansli as printed, per year: ledamöter and ersättare (how many members
    appoint them), meetings, staff; with the sources."""
    frame = sql.query(con, "goals_styrelse", forbund=forbund)
    if frame.empty:
        return pd.DataFrame(), []
    rows = []
    for (ar, organ, roll), part in frame.groupby(["ar", "organ", "roll"], sort=False):
        totals = part[part["medlem"].isna()]
        per_member = part[part["medlem"].notna()]
        first = totals.iloc[0] if not totals.empty else per_member.iloc[0]
        if not totals.empty:
            # A range as printed ("4-6") reads with a dash: 4–6.
            count = (
                fmt.number(first["antal"])
                if pd.notna(first["antal"])
                else first["antal_text"].replace("-", "–")
            )
        else:
            count = fmt.number(per_member["antal"].sum())
        if per_member.empty:
            printed = f"”{first['antal_text']}”"
        elif per_member["antal"].nunique() == 1:
            printed = (
                f"{fmt.number(per_member['antal'].iloc[0])} från var och en av {len(per_member)} medlemmar"
            )
        else:
            printed = f"från {len(per_member)} medlemmar"
        note = first["anmarkning"] if isinstance(first["anmarkning"], str) else ""
        rows.append(
            {
                "År": str(ar),
                "Organ": str(organ).capitalize(),
                "Roll": roll,
                "Antal": count,
                "Som tryckt": f"{printed}. {note}".strip(),
            }
        )
    pairs = frame[["dokument", "avsnitt"]].drop_duplicates()
    cited = [
        (documents.citation(con, d, a, short=True), sources.link(d, a))
        for d, a in pairs.itertuples(index=False)
    ]
    return pd.DataFrame(rows), cited


def other_figures(con: duckdb.DuckDBPyConnection, forbund: str) -> pd.DataFrame:
    """Key figures the documents print outside their tables (shares of the budget, a total in
    the text, a note's line), as printed with their source."""
    frame = sql.query(con, "goals_nyckeltal", forbund=forbund)
    if frame.empty:
        return pd.DataFrame()

    def shown(r: pd.Series) -> str:
        if r["enhet"] == "kr":
            return fmt.tkr(r["varde"]) if r["enhet_i_kallan"] == "tkr" else fmt.kr(r["varde"])
        if r["enhet"] == "procent":
            about = "ca " if str(r["varde_text"]).startswith("ca") else ""
            decimals = 0 if float(r["varde"]).is_integer() else 1
            return f"{about}{fmt.number(r['varde'], decimals)}\u00a0%"
        return fmt.number(r["varde"])

    return pd.DataFrame(
        {
            "År": frame["ar"].astype(str),
            "Nyckeltal": frame["nyckeltal"].str.capitalize() + " (" + frame["matt"].astype(str) + ")",
            "Värde": [shown(r) for _, r in frame.iterrows()],
            "Källa": [
                _section_only(con, d, documents.citation(con, d, a, short=True))
                for d, a in zip(frame["dokument"], frame["avsnitt"], strict=True)
            ],
        }
    )


# --- the page's view ---------------------------------------------------------------------


@dataclass(frozen=True)
class GoalsView:
    """What the page Mål och resultat shows for a förbund and year (``ui.shared``)."""

    forbund: str
    ar: int
    counts: dict[str, int]  # goals per status
    goals_html: str
    goal_sources: tuple[tuple[str, str | None], ...]
    rules: tuple[RuleOutcome, ...]
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


def rules_table(rules: list[RuleOutcome]) -> pd.DataFrame:
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


def view(con: duckdb.DuckDBPyConnection, forbund: str, ar: int) -> GoalsView:
    """The ``GoalsView`` of a förbund and year, for ``ui.shared``."""
    all_goals = goals(con, forbund)
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
    five, five_source, five_link = five_year(con, forbund)
    bk, bk_source, bk_link = statement(con, forbund, "balanskrav")
    kf, kf_source, kf_link = statement(con, forbund, "kassaflode")
    members, board_sources = board(con, forbund)
    other = other_figures(con, forbund)
    other_pairs = sql.query(con, "goals_nyckeltal", forbund=forbund)[
        ["dokument", "avsnitt"]
    ].drop_duplicates()
    other_sources = tuple(
        (documents.citation(con, d, a, short=True), sources.link(d, a))
        for d, a in other_pairs.itertuples(index=False)
    )
    return GoalsView(
        forbund=forbund,
        ar=ar,
        counts=counts,
        goals_html=tables.html_table(goals_table(year), group="Område", table_id="mal-tabell")
        if not year.empty
        else "",
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
        other_sources=other_sources,
    )


def status_rules_markdown() -> str:
    """The rule for each status, once, as the page and the pack state it."""
    return "\n".join(f"- **{STATUS_SIGNS[s]}**: {fmt.plain(STATUS_RULES[s])}" for s in STATUSES)


# --- outcomes recorded by editors (page Data) --------------------------------------------


class OutcomeError(ValueError):
    """A recorded outcome that cannot be saved; the message is a Swedish sentence naming the field."""


def all_goals(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every goal, for choosing one to record an outcome for."""
    return sql.query(con, "goals_all")


def check_period(period: str, ar: int) -> str:
    """A period of a goal's year: the year (``2025``) or a part of it
    (``2025-01-01..2025-08-31``); raises ``OutcomeError`` in Swedish otherwise."""
    period = period.strip()
    if period == str(ar):
        return period
    start, dots, end = period.partition("..")
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        first = last = None
    if not dots or first is None or last is None or first > last or first.year != ar or last.year != ar:
        raise OutcomeError(
            f"Kolumn period: ”{period}” är varken året {ar} eller en del av det (ÅÅÅÅ-MM-DD..ÅÅÅÅ-MM-DD)."
        )
    return period


def record_outcome(
    con: duckdb.DuckDBPyConnection,
    mal_id: str,
    period: str,
    utfall: float | None,
    bedomning: str | None,
    utfall_text: str,
    kalla: str,
    vem: str,
) -> int:
    """Check and save an editor's outcome of a goal for a period; its id. Call inside
    ``writes.user_write``. Raises ``OutcomeError`` (a Swedish sentence naming the field)."""
    goal_year = all_goals(con).set_index("mal_id")["ar"].get(mal_id)
    row = _check(con, ParsedOutcome(mal_id, period.strip(), utfall, bedomning, utfall_text, kalla))
    period = check_period(row.period, int(goal_year))
    result = con.execute(
        sql.load("goals_outcome_insert"),
        {
            "mal_id": mal_id,
            "period": period,
            "utfall": utfall,
            "bedomning": bedomning,
            "utfall_text": utfall_text.strip(),
            "kalla": kalla.strip(),
            "registrerad": dt.datetime.now().replace(microsecond=0),
            "registrerad_av": vem,
        },
    ).fetchone()
    return int(result[0])


def undo_outcome(con: duckdb.DuckDBPyConnection, utfall_id: int, vem: str) -> bool:
    """Undo a recorded outcome (inside ``writes.user_write``); False if it was already undone."""
    rows = con.execute(
        sql.load("goals_outcome_undo"),
        {"utfall_id": utfall_id, "angrad": dt.datetime.now().replace(microsecond=0), "angrad_av": vem},
    ).fetchall()
    return bool(rows)


def outcome_log(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every recorded outcome, newest first, as the page Data lists them: the goal (förbund,
    year, area), the period, the outcome in words, its source, who recorded it and when, and
    who undid it."""
    log = sql.query(con, "goals_outcome_log")

    def when(t: object, who: object) -> str:
        return f"{fmt.date(t.date())} {t:%H:%M}, {who}"  # type: ignore[union-attr]

    def outcome(r: pd.Series) -> str:
        parts = (
            [fmt.number(r["utfall"], 0 if float(r["utfall"]).is_integer() else 1)]
            if pd.notna(r["utfall"])
            else []
        )
        parts += [r["bedomning"]] if isinstance(r["bedomning"], str) else []
        return f"{', '.join(parts)}: {r['utfall_text']}" if parts else r["utfall_text"]

    return pd.DataFrame(
        {
            "Nr": log["utfall_id"].astype(str),
            "Mål": [
                f"{f}, {a}: {o}" if isinstance(f, str) else m
                for f, a, o, m in zip(log["forbund"], log["ar"], log["omrade"], log["mal_id"], strict=True)
            ],
            "Period": log["period"],
            "Utfall": [outcome(r) for _, r in log.iterrows()],
            "Källa": log["kalla"],
            "Registrerad": [
                when(t, who) + (f"; ångrad {when(u, by)}" if pd.notna(u) else "")
                for t, who, u, by in zip(
                    log["registrerad"], log["registrerad_av"], log["angrad"], log["angrad_av"], strict=True
                )
            ],
        }
    )


def outcome_log_raw(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The recorded outcomes with ids and undo state (for the undo choice)."""
    return sql.query(con, "goals_outcome_log")


# --- a file of outcomes (page Data) ------------------------------------------------------

OUTCOME_COLUMNS = ("mal_id", "period", "utfall", "bedömning", "utfall_text", "källa")
OUTCOME_FORMAT = (
    "En rad per utfall, kolumnerna `mal_id;period;utfall;bedömning;utfall_text;källa`:\n\n"
    "- mal_id: målets id (i listan nedan och i mallen)\n"
    "- period: året (`2025`) eller en del av det (`2025-01-01..2025-08-31`)\n"
    "- utfall: ett tal i målets enhet (procent, personer, tillfällen), med decimalkomma; tomt för ett "
    "kvalitativt mål\n"
    "- bedömning: uppnått, delvis eller ej uppnått; tomt där utfallet är ett tal\n"
    "- utfall_text: vad som blev av målet, med några ord\n"
    "- källa: var utfallet kommer ifrån (rapport, protokoll, datum)\n\n"
    "Mallen har en rad per mål: ta bort raderna för mål du inte registrerar. "
    "CSV med semikolon, UTF-8. Hela filen kontrolleras innan något sparas; finns ett fel sparas "
    "ingenting. Ett nytt utfall för samma mål och period går före det tidigare, som syns igen om "
    "det nya ångras. Dokumentens egna utfall skrivs aldrig över."
)


@dataclass(frozen=True)
class ParsedOutcome:
    mal_id: str
    period: str
    utfall: float | None
    bedomning: str | None
    utfall_text: str
    kalla: str


def parse_outcomes(con: duckdb.DuckDBPyConnection, data: bytes, name: str) -> list[ParsedOutcome]:
    """A file of outcomes (``OUTCOME_FORMAT``) read and checked whole; raises ``OutcomeError``
    whose message lists every problem with file, row and column (Swedish), one a line."""
    import csv
    import io

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OutcomeError(f"{name}: filen är inte UTF-8.") from None
    reader = list(csv.reader(io.StringIO(text), delimiter=";"))
    if not reader or [c.strip().lower() for c in reader[0]] != list(OUTCOME_COLUMNS):
        raise OutcomeError(f"{name}, rad 1: rubrikraden ska vara {';'.join(OUTCOME_COLUMNS)}.")
    problems, parsed = [], []
    for number, cells in enumerate(reader[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(OUTCOME_COLUMNS):
            problems.append(
                f"{name}, rad {number}: raden har {len(cells)} kolumner, inte {len(OUTCOME_COLUMNS)}."
            )
            continue
        try:
            row = parse_row(con, cells)
        except OutcomeError as exc:
            problems.append(f"{name}, rad {number}, {str(exc)[0].lower()}{str(exc)[1:]}")
            continue
        parsed.append(row)
    if problems:
        raise OutcomeError("\n".join(problems))
    if not parsed:
        raise OutcomeError(f"{name}: filen har inga rader med utfall.")
    return parsed


def parse_row(con: duckdb.DuckDBPyConnection, cells: list[str] | tuple[str, ...]) -> ParsedOutcome:
    """One outcome from its six fields as typed (``OUTCOME_COLUMNS``; utfall with decimal
    comma), checked; raises ``OutcomeError`` naming the column."""
    from dashboard.exchange import numbers

    mal_id, period, utfall, bedomning, utfall_text, kalla = (str(c).strip() for c in cells)
    value = None
    if utfall:
        try:
            value = float(numbers.parse_decimal_sv(utfall))
        except ValueError:
            raise OutcomeError(f"Kolumn utfall: ”{utfall}” är inte ett tal (decimalkomma).") from None
    return _check(con, ParsedOutcome(mal_id, period, value, bedomning or None, utfall_text, kalla))


def _check(con: duckdb.DuckDBPyConnection, row: ParsedOutcome) -> ParsedOutcome:
    goals_ = all_goals(con).set_index("mal_id")
    if row.mal_id not in goals_.index:
        raise OutcomeError(f"Kolumn mal_id: målet ”{row.mal_id}” finns inte.")
    goal = goals_.loc[row.mal_id]
    check_period(row.period, int(goal["ar"]))
    if row.utfall is not None and goal["jamforelse"] == "kvalitativt":
        raise OutcomeError(
            "Kolumn utfall: målet är kvalitativt och har inget målvärde; ange en bedömning i stället."
        )
    if row.bedomning not in (None, UPPNATT, DELVIS, EJ_UPPNATT):
        raise OutcomeError(f"Kolumn bedömning: ”{row.bedomning}” är inte uppnått, delvis eller ej uppnått.")
    if row.utfall is None and row.bedomning is None:
        raise OutcomeError("Kolumn utfall: ange ett utfall i målets enhet eller en bedömning.")
    if not row.utfall_text.strip():
        raise OutcomeError("Kolumn utfall_text: skriv med några ord vad som blev av målet.")
    if not row.kalla.strip():
        raise OutcomeError("Kolumn källa: ange var utfallet kommer ifrån (rapport, protokoll, datum).")
    return row


def template_csv(con: duckdb.DuckDBPyConnection) -> bytes:
    """A template of the outcome file: the header and one empty row per goal, with its text
    as a reminder in utfall_text's place left empty (UTF-8 with BOM for Excel)."""
    rows = [";".join(OUTCOME_COLUMNS)]
    rows += [f"{r.mal_id};{r.ar};;;;" for r in all_goals(con).itertuples()]
    return ("\n".join(rows) + "\n").encode("utf-8-sig")


def store_outcomes(con: duckdb.DuckDBPyConnection, parsed: list[ParsedOutcome], vem: str) -> list[int]:
    """Save checked outcomes in one transaction (all or nothing); their ids."""
    from dashboard.store import writes

    with writes.user_write(con):
        return [
            record_outcome(con, p.mal_id, p.period, p.utfall, p.bedomning, p.utfall_text, p.kalla, vem)
            for p in parsed
        ]


def undo_stored(con: duckdb.DuckDBPyConnection, utfall_id: int, vem: str) -> bool:
    """Undo a recorded outcome in its own write (``undo_outcome`` in ``writes.user_write``)."""
    from dashboard.store import writes

    with writes.user_write(con):
        return undo_outcome(con, utfall_id, vem)
