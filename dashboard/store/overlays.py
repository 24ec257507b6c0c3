"""Rows a workbook import brings, laid over the embedded table of the same kind by key.

For each table an editor can carry forward (``OVERLAYS``), schema ``user_data`` holds a table
``wb_<table>`` with the embedded table's columns (enum columns as text: the enum types live in
schema ``embedded``, which a rebuild drops), the import that brought each row and the row's
number in its sheet. The view ``<table>`` the pages read is the embedded rows whose key no
import (not undone) gives, and for each key the newest such import's row: so an import
replaces a figure, adds one, and an undo makes the document's figure count again.

The user tables are created, or given a column the embedded table has gained, at every build;
they are never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd


@dataclass(frozen=True)
class Overlay:
    """A table a workbook can bring rows to: the columns that say which row is which, and any
    columns only the user table keeps (what a sheet says that the embedded table does not)."""

    table: str
    key: tuple[str, ...]
    extra: dict[str, str] = field(default_factory=dict)
    # A table without a förbund column (staffing, places) belongs to the förbund whose
    # insatser it describes; its user table keeps the förbund the sheet named.
    by_insats: bool = False
    # The user table's column for a row's number on its sheet: "blad_rad" where the table has
    # a column "rad" of its own (a statement's row in the document's table).
    sheet_row: str = "rad"

    @property
    def user_table(self) -> str:
        return f"user_data.wb_{self.table}"

    @property
    def row_key(self) -> tuple[str, ...]:
        """What tells one förbund's rows apart in a preview: the key, and the förbund where
        the key leaves it out (two förbund may report the same shared insats)."""
        return (*self.key, "forbund") if self.by_insats else self.key


OVERLAYS: dict[str, Overlay] = {
    o.table: o
    for o in (
        Overlay("forbund", ("forbund",), {"lan_kod": "VARCHAR"}),
        Overlay("members", ("forbund", "medlem")),
        Overlay("contributions", ("forbund", "ar", "medlem", "matt", "variant")),
        Overlay("calendar", ("forbund", "datum", "motestyp")),
        Overlay("styrelse", ("forbund", "ar", "organ", "medlem", "roll")),
        # The documents print some key figures twice, in two sections (data/README.md): the
        # section is part of what the figure is.
        Overlay("nyckeltal", ("forbund", "ar", "period_slut", "matt", "nyckeltal", "avsnitt")),
        Overlay("targets", ("forbund", "fran_ar", "styrtal")),
        Overlay("goals", ("mal_id",)),
        # The budget posts that pay for an insats (``insats_posts``), "; " between them.
        Overlay("insatser", ("forbund", "insats_id"), {"budgetposter": "VARCHAR"}),
        Overlay("staffing", ("insats_id", "ar", "roll", "arbetsgivare"), {"forbund": "VARCHAR"}, True),
        Overlay("capacity", ("insats_id", "ar", "matt"), {"forbund": "VARCHAR"}, True),
        Overlay("participants", ("forbund", "insats_id", "omfattning", "ar", "period", "matt")),
        Overlay(
            "balance_items", ("forbund", "ar", "period_slut", "matt", "variant", "post"), sheet_row="blad_rad"
        ),
        Overlay("balanskrav", ("forbund", "ar", "period_slut", "tabell", "post"), sheet_row="blad_rad"),
        Overlay("kassaflode", ("forbund", "ar", "period_slut", "tabell", "post"), sheet_row="blad_rad"),
        Overlay("indikatorer", ("forbund", "ar", "respondentgrupp", "fraga_nr", "fraga", "svar")),
    )
}

# Columns of every user table beyond the embedded table's own: the import, and the row on its
# sheet (named ``Overlay.sheet_row``).
BOOKKEEPING = {"import_id": "INTEGER NOT NULL", "rad": "INTEGER NOT NULL"}


def bookkeeping(overlay: Overlay) -> dict[str, str]:
    return {
        ("import_id" if name == "import_id" else overlay.sheet_row): kind
        for name, kind in BOOKKEEPING.items()
    }


def embedded_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """The embedded table's columns and their types, in order."""
    return [(name, kind) for name, kind, *_ in con.execute(f"DESCRIBE embedded.{table}").fetchall()]


def _stored_type(kind: str) -> str:
    return "VARCHAR" if kind.startswith("ENUM") else kind


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Each overlay's user table, created if missing, and given the columns it lacks."""
    for overlay in OVERLAYS.values():
        wanted = {
            name: _stored_type(kind) for name, kind in embedded_columns(con, overlay.table)
        } | overlay.extra
        exists = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'user_data' AND table_name = ?",
            [f"wb_{overlay.table}"],
        ).fetchall()[0][0]
        if not exists:
            columns = [f'"{name}" {kind}' for name, kind in wanted.items()]
            columns += [f"{name} {kind}" for name, kind in bookkeeping(overlay).items()]
            con.execute(f"CREATE TABLE {overlay.user_table} ({', '.join(columns)})")
            continue
        have = {name for name, *_ in con.execute(f"DESCRIBE {overlay.user_table}").fetchall()}
        for name, kind in wanted.items():
            if name not in have:
                con.execute(f'ALTER TABLE {overlay.user_table} ADD COLUMN "{name}" {kind}')


def in_effect_sql(overlay: Overlay) -> str:
    """The imported rows in effect: for each key the newest import's row that is not undone."""
    key = ", ".join(f'r."{k}"' for k in overlay.key)
    return f"""
        SELECT * EXCLUDE (n) FROM (
            SELECT r.*, i.fil, i.importerad,
                   row_number() OVER (PARTITION BY {key} ORDER BY r.import_id DESC) AS n
            FROM {overlay.user_table} r
            JOIN user_data.workbook_imports i USING (import_id)
            WHERE i.angrad IS NULL
        ) WHERE n = 1"""


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """The view of each overlay's table: the embedded rows no import replaces, and the imported
    rows in effect, with the embedded table's columns and types."""
    for overlay in OVERLAYS.values():
        columns = embedded_columns(con, overlay.table)
        kinds = dict(columns)
        same_key = " AND ".join(
            f'i."{k}" IS NOT DISTINCT FROM e."{k}"' + ("::VARCHAR" if kinds[k].startswith("ENUM") else "")
            for k in overlay.key
        )
        imported = ", ".join(f'CAST(i."{name}" AS {kind}) AS "{name}"' for name, kind in columns)
        con.execute(
            f"""
            CREATE OR REPLACE VIEW imported_{overlay.table} AS {in_effect_sql(overlay)};
            CREATE OR REPLACE VIEW {overlay.table} AS
            SELECT e.* FROM embedded.{overlay.table} e
            ANTI JOIN imported_{overlay.table} i ON {same_key}
            UNION ALL
            SELECT {imported} FROM imported_{overlay.table} i;
            """
        )
    # An imported insats names the budget posts that pay for it in place of the embedded ones.
    con.execute(
        """
        CREATE OR REPLACE VIEW insats_posts AS
        SELECT e.* FROM embedded.insats_posts e
        ANTI JOIN imported_insatser i ON i.forbund = e.forbund AND i.insats_id = e.insats_id
        UNION ALL
        SELECT forbund, post, insats_id FROM (
            SELECT forbund, trim(unnest(string_split(budgetposter, ';'))) AS post, insats_id
            FROM imported_insatser
        ) WHERE post <> ''
        """
    )


def rows_in_effect(con: duckdb.DuckDBPyConnection, table: str, forbund: list[str]) -> list[dict]:
    """The rows the view of ``table`` holds for these förbund, as dicts of plain values (a
    table of insatser's rows with the förbund whose insats it is, in the förbund's years)."""
    if OVERLAYS[table].by_insats:
        # (an insats two förbund ran, one after the other, is the one's in the years it existed)
        query = f"""
            SELECT t.*, o.forbund FROM {table} t
            JOIN (SELECT DISTINCT forbund, insats_id FROM insatser) o USING (insats_id)
            JOIN forbund f ON f.forbund = o.forbund
            WHERE o.forbund IN (SELECT unnest(?))
              AND t.ar BETWEEN coalesce(f.fran_ar, 0) AND coalesce(f.till_ar, 9999)"""
    else:
        query = f"SELECT * FROM {table} WHERE forbund IN (SELECT unnest(?))"
    cursor = con.execute(query, [forbund])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def imported_keys(con: duckdb.DuckDBPyConnection, table: str, forbund: list[str]) -> list[tuple]:
    """The row keys (``Overlay.row_key``) of these förbund's rows of ``table`` whose figure an
    import (not undone) set."""
    overlay = OVERLAYS[table]
    return con.execute(
        f"SELECT {', '.join(overlay.row_key)} FROM imported_{table} WHERE forbund IN (SELECT unnest(?))",
        [forbund],
    ).fetchall()


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float):  # a whole number as one, for an INTEGER column's cast
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def insert(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[list]) -> None:
    """Rows an import brings to ``table`` (inside the caller's transaction); ``columns`` name
    the values of each row and include ``import_id`` and ``rad``."""
    user_table = OVERLAYS[table].user_table
    kinds = {name: kind for name, kind, *_ in con.execute(f"DESCRIBE {user_table}").fetchall()}
    # One INSERT from a frame, each column cast to the table's type: executemany costs a
    # statement per row (a national workbook's 70 000 rows took a minute).
    # Every value as text for the cast (a column's type is then never guessed from a sample).
    frame = pd.DataFrame([[_text(v) for v in row] for row in rows], columns=columns, dtype=object)
    selected = ", ".join(f'CAST("{c}" AS {kinds[c]})' for c in columns)
    con.register("_workbook_rows", frame)
    try:
        con.execute(f"INSERT INTO {user_table} ({', '.join(columns)}) SELECT {selected} FROM _workbook_rows")
    finally:
        con.unregister("_workbook_rows")
