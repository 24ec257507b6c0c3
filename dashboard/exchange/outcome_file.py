"""A file of goal outcomes (page Data): its format, its template, and its rows read and checked."""

from __future__ import annotations

import duckdb

from dashboard.domain import outcomes
from dashboard.domain.outcomes import OutcomeError, ParsedOutcome
from dashboard.exchange import numbers, reading
from dashboard.exchange.reading import ImportRefused

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


def parse_outcomes(con: duckdb.DuckDBPyConnection, data: bytes, name: str) -> list[tuple[int, ParsedOutcome]]:
    """A file of outcomes (``OUTCOME_FORMAT``, CSV or Excel) read and checked whole."""
    return parse_rows(con, reading.rows(data, name), name)


def parse_rows(
    con: duckdb.DuckDBPyConnection, rows: list[tuple[int, list]], where: str
) -> list[tuple[int, ParsedOutcome]]:
    """Rows as ``reading`` gives them, checked whole: each outcome with its row; raises
    ImportRefused listing every problem with ``where`` (a file, or a workbook's sheet Utfall),
    row and column."""
    body = [(number, cells) for number, cells in rows if not reading.blank(cells)]
    if not body or [reading.as_written(c).lower() for c in body[0][1]] != list(OUTCOME_COLUMNS):
        first = body[0][0] if body else 1
        raise ImportRefused([f"{where}, rad {first}: rubrikraden ska vara {';'.join(OUTCOME_COLUMNS)}."])
    problems, parsed = [], []
    for number, cells in body[1:]:
        if len(cells) > len(OUTCOME_COLUMNS):
            problems.append(
                f"{where}, rad {number}: raden har {len(cells)} kolumner, inte {len(OUTCOME_COLUMNS)}."
            )
            continue
        fields = [reading.as_written(c) for c in cells] + [""] * (len(OUTCOME_COLUMNS) - len(cells))
        try:
            parsed.append((number, parse_row(con, fields)))
        except OutcomeError as exc:
            problems.append(f"{where}, rad {number}, {str(exc)[0].lower()}{str(exc)[1:]}")
        if len(problems) >= reading.MAX_PROBLEMS:
            break
    if problems:
        raise ImportRefused(problems)
    if not parsed:
        raise ImportRefused([f"{where}: inga rader med utfall."])
    twice = {}
    for number, row in parsed:
        if (row.mal_id, row.period) in twice:
            problems.append(
                f"{where}, rad {number}: målet {row.mal_id} har redan ett utfall för {row.period} på rad "
                f"{twice[(row.mal_id, row.period)]}; en rad per mål och period."
            )
        twice.setdefault((row.mal_id, row.period), number)
    if problems:
        raise ImportRefused(problems)
    return parsed


def parse_row(con: duckdb.DuckDBPyConnection, cells: list[str] | tuple[str, ...]) -> ParsedOutcome:
    """One outcome from its six fields as typed (``OUTCOME_COLUMNS``; utfall with decimal
    comma), checked; raises ``OutcomeError`` naming the column."""
    mal_id, period, utfall, bedomning, utfall_text, kalla = (str(c).strip() for c in cells)
    value = None
    if utfall:
        try:
            value = float(numbers.parse_decimal_sv(utfall))
        except ValueError:
            raise OutcomeError(f"Kolumn utfall: ”{utfall}” är inte ett tal (decimalkomma).") from None
    return outcomes.check(con, ParsedOutcome(mal_id, period, value, bedomning or None, utfall_text, kalla))


def template_csv(con: duckdb.DuckDBPyConnection) -> bytes:
    """A template of the outcome file: the header and one empty row per goal, with its text
    as a reminder in utfall_text's place left empty (UTF-8 with BOM for Excel)."""
    rows = [";".join(OUTCOME_COLUMNS)]
    rows += [f"{r.mal_id};{r.ar};;;;" for r in outcomes.all_goals(con).itertuples()]
    return ("\n".join(rows) + "\n").encode("utf-8-sig")
