"""Each editor their förbund: which förbund an editor account may change, and the check of
every write against what it writes (README: Editors).

``[editors.forbund]`` in the secrets maps an account (its name in ``[editors.accounts]``, or
an OIDC e-mail address) to a list of förbund, or to ``"alla"``. Without the section every
editor may change everything (one förbund's install keeps working); with it, an account it
does not name may change nothing. Names compare as ``naming.key`` compares them.

The check is made from what is written, never from what the page chose: the förbund of every
row of a parsed file or workbook, the förbund an import being undone wrote (its rows in the
database), the förbund of a scenario saved, overwritten, copied or deleted, the goal's förbund
of an outcome. Statistics per kommun belong to no förbund: an editor of some förbund may
change them for the kommuner of those förbund's län and the län itself; riket, other län and
SCB's files (the whole country) need ``"alla"``.

A refusal is ``OutOfScope``, its message in Swedish; nothing here writes or logs (the view
says it and logs it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.domain import naming, regions, scenarios
from dashboard.exchange import imports, statimport, workbook
from dashboard.store import sql

ALL = "alla"  # the value of an account that may change every förbund
SECTION = "[editors.forbund]"
RIKET = "00"
# The logs whose rows an editor's förbund filters: a budget import's number and a workbook's
# are one series (the budget lines of a workbook stand in both logs under its number).
BUDGET, WORKBOOK, STATISTICS, REGISTRATIONS = "budget", "arbetsbok", "statistik", "deltagare"


@dataclass(frozen=True)
class Scope:
    """What one account may change: ``forbund`` as the secrets write them, or None for every
    förbund. An empty tuple: nothing."""

    account: str
    forbund: tuple[str, ...] | None

    @property
    def everything(self) -> bool:
        return self.forbund is None

    def allows(self, forbund: str | None) -> bool:
        if self.forbund is None:
            return True
        return forbund is not None and naming.key(forbund) in {naming.key(f) for f in self.forbund}

    def said(self) -> str:
        """What the account may change, in a Swedish clause."""
        if self.forbund is None:
            return "alla förbund"
        if not self.forbund:
            return "inget förbund"
        return _listed([f"”{f}”" for f in self.forbund])


NOBODY = Scope("", ())  # no editor: may change nothing


class OutOfScope(Exception):
    """A write the account may not make; ``message`` says it in Swedish, ``refused`` names what
    (förbund, or areas of statistics) it may not change."""

    def __init__(self, scope: Scope, refused: list[str]):
        self.scope, self.refused = scope, refused
        if not scope.account:
            message = "Att ändra data kräver en redaktör (logga in på sidan Data). Inget har ändrats."
        elif scope.forbund == ():
            message = (
                f"Kontot {scope.account} får inte ändra något förbund: administratören har inte "
                f"angett några förbund för det i {SECTION}. Inget har ändrats."
            )
        else:
            message = (
                f"Kontot {scope.account} får inte ändra {_listed(refused)}; det får ändra "
                f"{scope.said()}. Inget har ändrats."
            )
        self.message = message
        super().__init__(message)


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


# ------------------------------------------------------------------ the secrets


def _named(value: object) -> tuple[str, ...] | None:
    """An account's value in the section: ``"alla"`` (every förbund), a förbund's name, or a
    list of names (one of them ``"alla"`` is every förbund). ValueError for anything else."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"värdet ska vara en lista med förbundens namn eller ”{ALL}”")
    if any(naming.key(v) == ALL for v in value):
        return None
    return tuple(naming.canonical(v) for v in value if v.strip())


def of(account: str, configured: Mapping | None, known: Iterable[str] = ()) -> Scope:
    """The scope of ``account`` under ``[editors.forbund]`` (None: no section, every förbund),
    each förbund spelt as ``known`` (the database's names) spells it. An account the section
    does not name, or names wrongly, may change nothing."""
    if configured is None:
        return Scope(account, None)
    spelt = {naming.key(f): f for f in known}
    for name, value in configured.items():
        if naming.key(str(name)) == naming.key(account):
            try:
                named = _named(value)
            except ValueError:
                return Scope(account, ())
            return Scope(
                account, None if named is None else tuple(spelt.get(naming.key(f), f) for f in named)
            )
    return Scope(account, ())


def known_forbund(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """Every förbund the database knows (the documents' and the workbooks')."""
    return tuple(sorted(f for f, _ in con.execute(sql.load("forbund_names")).fetchall()))


def problems(con: duckdb.DuckDBPyConnection, configured: Mapping | None) -> dict[str, str]:
    """Accounts of the section that name a förbund the database does not know, or a value
    that is no list of names: account (as written) → why, in Swedish. Such an account
    cannot log in."""
    if not configured:
        return {}
    known = {naming.key(f) for f in known_forbund(con)}
    found = {}
    for account, value in configured.items():
        try:
            named = _named(value)
        except ValueError as exc:
            found[str(account)] = f"{SECTION}, kontot {account}: {exc}"
            continue
        unknown = [f for f in named or () if naming.key(f) not in known]
        if unknown:
            found[str(account)] = (
                f"{SECTION}, kontot {account}: förbundet {_listed([f'”{f}”' for f in unknown])} "
                "finns inte i databasen"
            )
    return found


# ------------------------------------------------------------------ areas of statistics


def _lan_of_scope(con: duckdb.DuckDBPyConnection, scope: Scope) -> set[str]:
    spelt = {naming.key(f): f for f in known_forbund(con)}
    forbund = [spelt.get(naming.key(f), f) for f in scope.forbund or ()]
    return {lan for f in forbund if (lan := workbook.lan_of(con, f))}


def allowed_areas(con: duckdb.DuckDBPyConnection, scope: Scope) -> set[str] | None:
    """The area codes of statistics the scope may change (None: every one): the kommuner of
    its förbund's län, and those län."""
    if scope.everything:
        return None
    lans = _lan_of_scope(con, scope)
    kommuner = sql.query(con, "workbook_kommun_lan")
    return set(kommuner.loc[kommuner["lan_kod"].isin(lans), "kommunkod"]) | lans


def _area_named(con: duckdb.DuckDBPyConnection, code: str) -> str:
    if code == RIKET:
        return "statistiken för riket"
    if code in regions.LAN:
        return f"statistiken för {regions.lan_name(code)}"
    names = dict(sql.query(con, "statistik_areas").itertuples(index=False))
    return f"statistiken för {names.get(code, 'kommunen')} ({code})"


def check_areas(con: duckdb.DuckDBPyConnection, scope: Scope, codes: Iterable[str]) -> None:
    allowed = allowed_areas(con, scope)
    if allowed is None:
        return
    refused = sorted({c for c in codes if c not in allowed}, key=lambda c: (c != RIKET, len(c), c))
    if refused:
        shown = [_area_named(con, c) for c in refused[:5]]
        if len(refused) > 5:
            shown.append(f"{len(refused) - 5} områden till")
        raise OutOfScope(scope, shown)


# ------------------------------------------------------------------ the checks


def check_forbund(scope: Scope, forbund: Iterable[str | None]) -> None:
    """OutOfScope naming each förbund the scope may not change (None: a förbund not known)."""
    refused = sorted({f if f is not None else "" for f in forbund if not scope.allows(f)})
    if refused:
        raise OutOfScope(scope, [f"”{f}”" if f else "ett förbund som inte går att avgöra" for f in refused])


def _nothing(scope: Scope) -> None:
    if scope.forbund == ():
        raise OutOfScope(scope, [])


def check_budget(scope: Scope, parsed: imports.Parsed) -> None:
    """A budget file: every förbund its rows name."""
    _nothing(scope)
    check_forbund(scope, set(parsed.rows["forbund"]))


def _changed_areas(con: duckdb.DuckDBPyConnection, parsed: statimport.Parsed) -> set[str]:
    """The areas whose values the statistics would change: a value the data already holds
    changes nothing (a förbund's exported workbook carries the country's figures back as they are)."""
    frame = statimport.preview(con, parsed)
    return set(frame.loc[frame["status"] != "oförändrad", "omradeskod"])


def check_statistics(con: duckdb.DuckDBPyConnection, scope: Scope, parsed: statimport.Parsed) -> None:
    """A file of statistics per kommun: every area whose values it changes."""
    _nothing(scope)
    check_areas(con, scope, _changed_areas(con, parsed))


def check_scb(scope: Scope) -> None:
    """SCB's files are the whole country's: only an editor of every förbund imports them."""
    if not scope.everything:
        raise OutOfScope(scope, ["SCB:s tabeller, som gäller hela riket"])


def goal_forbund(con: duckdb.DuckDBPyConnection, mal_ids: Iterable[str]) -> set[str | None]:
    """The förbund of the goals (None for a goal no table names)."""
    wanted = sorted(set(mal_ids))
    rows = con.execute(sql.load("scope_goal_forbund"), {"mal_ids": wanted}).fetchall()
    found = {m for m, _ in rows}
    return {f for _, f in rows} | ({None} if set(wanted) - found else set())


def check_outcomes(con: duckdb.DuckDBPyConnection, scope: Scope, mal_ids: Iterable[str]) -> None:
    """Outcomes recorded for goals: each goal's förbund."""
    _nothing(scope)
    check_forbund(scope, goal_forbund(con, mal_ids))


def check_outcome_undo(con: duckdb.DuckDBPyConnection, scope: Scope, utfall_id: int) -> None:
    """An outcome undone: its goal's förbund, as the database has it."""
    _nothing(scope)
    rows = con.execute(sql.load("scope_outcome_goal"), {"utfall_id": utfall_id}).fetchall()
    check_forbund(scope, goal_forbund(con, [m for (m,) in rows]) if rows else {None})


def insats_forbund(con: duckdb.DuckDBPyConnection, insats_id: str, ar: int) -> set[str | None]:
    """The förbund that run the insats in the year (none: an insats no förbund runs yet)."""
    rows = con.execute(sql.load("scope_insats_forbund"), {"insats_id": insats_id, "ar": ar}).fetchall()
    return {f for (f,) in rows}


def check_workbook(con: duckdb.DuckDBPyConnection, scope: Scope, parsed: workbook.Parsed) -> None:
    """A workbook (or a file of outcomes): the förbund of every row of every sheet, of its
    budget lines and of the goals of its outcomes; the areas of its statistics. Goals (keyed
    by their id), staffing and places (keyed by insats and year) also name the förbund whose
    rows they would replace: a row written under one's own förbund must not take another's."""
    _nothing(scope)
    forbund: set[str | None] = set()
    in_book: dict[str, str] = {}
    for records in parsed.sheets.values():
        for record in records:
            if record.get("forbund") is not None:
                forbund.add(record["forbund"])
                if record.get("mal_id") is not None:
                    in_book[record["mal_id"]] = record["forbund"]
    if parsed.budget is not None:
        forbund |= set(parsed.budget.rows["forbund"])
    mal_ids = [r["mal_id"] for r in parsed.sheets.get("Mål", []) if r.get("mal_id")]
    forbund |= {f for f in goal_forbund(con, mal_ids) if f is not None}
    for sheet in ("Bemanning", "Platser"):
        for record in parsed.sheets.get(sheet, []):
            if record.get("insats_id") and record.get("ar") is not None:
                forbund |= insats_forbund(con, record["insats_id"], int(record["ar"]))
    goals = [o.mal_id for _, o in parsed.outcomes or []]
    if goals:
        forbund |= {in_book[m] for m in goals if m in in_book}
        forbund |= goal_forbund(con, [m for m in goals if m not in in_book])
    check_forbund(scope, forbund)
    if parsed.statistics is not None:
        check_areas(con, scope, _changed_areas(con, parsed.statistics))


def check_scenario(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    assumptions: scenarios.Assumptions | None = None,
    saved: Iterable[str] = (),
) -> None:
    """A scenario written: the förbund of the assumptions it saves, and of each saved scenario
    it overwrites, copies or deletes (as the database has it; one that is gone names none)."""
    _nothing(scope)
    forbund = {assumptions.forbund} if assumptions is not None else set()
    for name in saved:
        if (existing := scenarios.existing_name(con, name)) is not None:
            forbund.add(scenarios.load(con, existing).forbund)
    check_forbund(scope, forbund)


# ------------------------------------------------------------------ imports in the logs


@dataclass(frozen=True)
class Touched:
    """What each import wrote, by number: the förbund of its rows (None: not known), and the
    areas of its statistics with whether they are a workbook's."""

    forbund: dict[int, frozenset[str | None]]
    areas: dict[int, frozenset[str]]
    workbook_areas: frozenset[int]


def touched(con: duckdb.DuckDBPyConnection) -> Touched:
    """Every import's förbund and areas, from its rows in the database."""
    forbund: dict[int, set] = {}
    for import_id, name in con.execute(sql.load("scope_import_forbund")).fetchall():
        forbund.setdefault(int(import_id), set()).add(name)
    areas: dict[int, set] = {}
    of_workbooks = set()
    for import_id, code, of_workbook in con.execute(sql.load("scope_import_areas")).fetchall():
        areas.setdefault(int(import_id), set()).add(code)
        if of_workbook:
            of_workbooks.add(int(import_id))
    return Touched(
        {k: frozenset(v) for k, v in forbund.items()},
        {k: frozenset(v) for k, v in areas.items()},
        frozenset(of_workbooks),
    )


def of_import(done: Touched, kind: str, import_id: int) -> tuple[set[str | None], set[str]]:
    """The förbund and areas an undo of import ``import_id`` from the log ``kind`` takes back:
    a budget import's or workbook's rows with its sheet Statistik; a statistics import's
    values, and its workbook's rows if it is a workbook's sheet."""
    forbund = set(done.forbund.get(import_id, ()))
    areas = set(done.areas.get(import_id, ()))
    if kind == STATISTICS:
        return (forbund if import_id in done.workbook_areas else set()), areas
    return forbund, (areas if import_id in done.workbook_areas else set())


def check_undo(con: duckdb.DuckDBPyConnection, scope: Scope, kind: str, import_id: int) -> None:
    """An import undone: what it wrote, as the database has it (an import nothing is known of
    is refused to an account of some förbund)."""
    _nothing(scope)
    if scope.everything:
        return
    forbund, areas = of_import(touched(con), kind, import_id)
    if not forbund and not areas:
        raise OutOfScope(scope, [f"import {import_id}, som inget förbund kan knytas till"])
    check_forbund(scope, forbund)
    check_areas(con, scope, areas)


def visible(con: duckdb.DuckDBPyConnection, scope: Scope, kind: str, log: pd.DataFrame, done: Touched):
    """The rows of a log (``import_id``) the scope may change: every förbund and area of the
    import within it. Every row for an editor of every förbund."""
    if scope.everything or log.empty:
        return log
    allowed = allowed_areas(con, scope) or set()

    def mine(import_id: int) -> bool:
        forbund, areas = of_import(done, kind, int(import_id))
        return bool(forbund or areas) and all(scope.allows(f) for f in forbund) and areas <= allowed

    return log[[mine(i) for i in log["import_id"]]].reset_index(drop=True)


def visible_outcomes(scope: Scope, log: pd.DataFrame) -> pd.DataFrame:
    """The rows of the log of recorded outcomes (``outcomes.outcome_log_raw``: its goal's
    ``forbund``) the scope may change."""
    if scope.everything or log.empty:
        return log
    return log[[isinstance(f, str) and scope.allows(f) for f in log["forbund"]]].reset_index(drop=True)
