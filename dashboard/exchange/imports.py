"""Import of budget lines from a förbund's ekonomisystem (issue 8): parse, preview, store, log, undo.

Two layouts are read, from CSV (``;`` or ``,``, UTF-8 with or without BOM or Windows-1252,
CRLF or LF) or from Excel (.xlsx):

- the import format, one row per figure: ``förbund;år;period_slut;post;kategori;mått;belopp``
  (what ``python -m dashboard export`` writes for budget lines);
- the table of a delårsrapport, one row per post: ``post;årsbudget;utfall;prognos`` (an
  ``avvikelse`` column is recomputed, not read), with förbund, year and the date the utfall
  runs to given beside the file. Heading rows (INTÄKTER, Individinsatser …) give the
  kategori of the posts below them; sum rows are skipped.

Amounts are kronor signed from the förbund's result: income positive, costs negative.

One identity for a post (issue 18): names are compared in a normalised form (``naming.key``:
NFC, whitespace collapsed, case folded), and a variant of a known post is that post, stored
under the known spelling, and the preview says so. Text with control or bidi characters, post
names over ``naming.MAX_NAME`` characters, a column twice in the header, a year outside the
förbund's life and an amount beyond ``budget_rows.MAX_AMOUNT`` are refused.

Nothing is written until the whole file is clean (``parse`` lists every problem with file,
row and column, in Swedish). ``preview`` sets the file against the data in effect: new,
changed and unchanged rows. ``store`` writes the new and changed rows and the log entry in
one transaction; ``undo`` takes an import back out. The imported rows live in schema
``user_data`` and join the documents' lines in the view ``budget_lines``.

The file is read into cells by ``reading``, its two layouts checked by ``budget_rows``; the lines
in effect go out again in the import format through ``budget_export``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.domain import naming
from dashboard.exchange import budget_rows, fmt, names, reading
from dashboard.exchange.numbers import whole_kronor
from dashboard.exchange.reading import ImportRefused
from dashboard.store import sql, writes

# Another write of this process held the database too long (writes.write_lock); try again later.
ImportBusy = writes.WriteBusy


@dataclass
class Parsed:
    """A clean file: its rows in the import format, and what was done on the way."""

    file_name: str
    sha256: str
    layout: str  # "import" or "delårsrapport"
    rows: pd.DataFrame  # forbund, ar, period_slut, post, kategori, matt, belopp, rad
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Stored:
    """What a stored import wrote: its id (None if the file changed nothing) and its rows' counts."""

    import_id: int | None
    added: int
    replaced: int
    unchanged: int


def parse(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    file_name: str,
    *,
    forbund: str | None = None,
    ar: int | None = None,
    period_slut: dt.date | None = None,
) -> Parsed:
    """Read and check a file; raise ImportRefused listing every problem, or return its rows."""
    name = names.shown(Path(file_name).name, 120)  # a file name is text from a user too
    if not name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm", ".xls")):
        raise ImportRefused([f"{name}: okänd filtyp; välj en CSV-fil eller en Excelfil (.xlsx)."])
    parsed = parse_rows(con, reading.rows(data, name), name, forbund=forbund, ar=ar, period_slut=period_slut)
    parsed.sha256 = hashlib.sha256(data).hexdigest()
    return parsed


def parse_rows(
    con: duckdb.DuckDBPyConnection,
    found: list[tuple[int, list]],
    name: str,
    *,
    forbund: str | None = None,
    ar: int | None = None,
    period_slut: dt.date | None = None,
    new_forbund: dict[str, tuple[int | None, int | None]] | None = None,
) -> Parsed:
    """``parse`` of rows already read (a file's, or a workbook's sheet Budget, ``name`` then
    naming the file and the sheet); the hash is left to the caller."""
    rows = [(rad, cells) for rad, cells in found if not reading.blank(cells)]
    if not rows:
        raise ImportRefused([f"{name}: filen är tom."])
    header_rad, header = rows[0]
    body = rows[1:]
    problems = budget_rows.Problems()
    refuse_characters(name, header_rad, header, rows, problems)
    if problems:
        raise ImportRefused(listed(problems))
    notes: list[str] = []
    headers = {naming.key(reading.cell_text(h)) for h in header}
    if {"förbund", "forbund"} & headers or {"mått", "matt"} & headers:
        layout = "import"
        records = budget_rows.parse_long(con, name, header_rad, header, body, problems, new_forbund)
    elif "post" in headers:
        layout = "delårsrapport"
        records = budget_rows.parse_wide(
            con, name, header_rad, header, body, problems, forbund, ar, period_slut, notes
        )
    else:
        raise ImportRefused(
            [
                f"{name}, rad {header_rad}: första raden ska vara rubrikerna, antingen "
                f"{';'.join(budget_rows.COLUMNS)} eller post;årsbudget;utfall;prognos."
            ]
        )
    if not problems and not records:
        problems.add(name, None, None, "filen har inga datarader.")
    if not problems:
        _identify_posts(con, records, notes)
        seen: dict[tuple, int] = {}
        for record in records:
            key = tuple(record[k] for k in budget_rows.KEY)
            if key in seen and seen[key] != record["rad"]:
                problems.add(
                    name,
                    record["rad"],
                    "post",
                    f"samma förbund, år, period_slut, post och mått som rad {seen[key]} "
                    f"({record['post']}, {record['matt']}).",
                )
            seen.setdefault(key, record["rad"])
    if not problems:
        budget_rows.check_kategori(con, name, records, problems, "kategori" if layout == "import" else "post")
    if problems:
        raise ImportRefused(listed(problems))
    frame = pd.DataFrame.from_records(records)
    rounded = sum(1 for amount in frame["belopp"] if amount != amount.to_integral_value())
    if rounded:
        notes.append(f"{fmt.number(rounded)} belopp med ören avrundades till hela kronor.")
    frame["belopp"] = [whole_kronor(amount) for amount in frame["belopp"]]
    frame["ar"] = frame["ar"].astype("int64")
    frame["period_slut"] = pd.to_datetime(frame["period_slut"])
    for column in budget_rows.SOURCE_COLUMNS:  # a delårsrapport's table names none
        if column not in frame:
            frame[column] = None
    frame = frame[
        ["forbund", "ar", "period_slut", "post", "kategori", "matt", "belopp", "rad", "dokument", "avsnitt"]
    ]
    return Parsed(name, "", layout, frame, notes)


def listed(problems: list[str]) -> list[str]:
    extra = len(problems) - reading.MAX_PROBLEMS
    return problems[: reading.MAX_PROBLEMS] + ([f"… och {extra} problem till."] if extra > 0 else [])


def refuse_characters(
    name: str, header_rad: int, header: list, rows: list[tuple[int, list]], problems: budget_rows.Problems
) -> None:
    """Every text cell of the file, read or not: no control or bidi character, no field too long."""
    for rad, cells in rows:
        for index, cell in enumerate(cells):
            if not isinstance(cell, str):
                continue
            char = naming.refused_character(cell)
            if char is None and len(cell) <= names.MAX_FIELD:
                continue
            heading = reading.cell_text(header[index]) if index < len(header) and rad != header_rad else ""
            column = (
                names.shown(heading) if heading and not naming.refused_character(heading) else str(index + 1)
            )
            if char is not None:
                problems.add(
                    name,
                    rad,
                    column,
                    f"texten innehåller tecknet {naming.character_name(char)}, som inte tas emot; "
                    "ta bort det och spara filen igen.",
                )
            else:
                problems.add(
                    name,
                    rad,
                    column,
                    f"fältet har {fmt.number(len(cell))} tecken; "
                    f"högst {fmt.number(names.MAX_FIELD)} tas emot.",
                )
            if len(problems) > reading.MAX_PROBLEMS:
                return


def _identify_posts(con: duckdb.DuckDBPyConnection, records: list[dict], notes: list[str]) -> None:
    """One identity for a post: a spelling of a known post (naming.key) is that post, stored
    under the known spelling; a new post is stored as written first (NFC, single spaces).
    Each spelling read as another is said in the notes."""
    known: dict[tuple[str, str], list[str]] = {}
    for forbund, _, post, _ in sql.query(con, "post_kategori_year").itertuples(index=False):
        known.setdefault((forbund, naming.key(post)), []).append(post)
    spelling = {k: names.pick_spelling(v) for k, v in known.items()}
    read_as: dict[tuple[str, str, bool], list[int]] = {}
    for record in records:
        written = record["post"]
        identity = (record["forbund"], naming.key(written))
        is_known = identity in spelling
        post = spelling.setdefault(identity, naming.canonical(written))
        if written != post:
            read_as.setdefault((written, post, is_known), []).append(record["rad"])
        record["post"] = post
    for (written, post, is_known), rader in read_as.items():
        rader = list(dict.fromkeys(rader))  # a delårsrapport's row gives several figures
        shown_rows = ", ".join(str(r) for r in rader[:5])
        more = f" och {fmt.number(len(rader) - 5)} till" if len(rader) > 5 else ""
        what = "en post som redan finns" if is_known else "samma post som på en annan rad i filen"
        notes.append(
            f"”{names.shown(written)}” läses som ”{post}”, {what} (skillnad i "
            f"{' och '.join(names.differences(written, post))}): rad {shown_rows}{more}."
        )


# ---------------------------------------------------------------- preview, store, undo


def preview(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> pd.DataFrame:
    """Each row of the file against the data in effect: status ny, ändrad or oförändrad,
    with the current amount and kategori beside the new."""
    con.register("import_rows", parsed.rows)
    try:
        return sql.query(con, "import_preview")
    finally:
        con.unregister("import_rows")


def summary(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in ("ny", "ändrad", "oförändrad")}


def store(con: duckdb.DuckDBPyConnection, parsed: Parsed, who: str) -> Stored:
    """Write the file's new and changed rows and the log entry in one transaction.

    A file that changes nothing writes nothing (no log entry either): exporting and
    importing again leaves the data exactly as it was. Raises ImportBusy if another import
    in this process holds the database for longer than writes.WRITE_WAIT_S (writes.write_lock).
    """
    with writes.write_lock():  # the preview and the write see the same data
        parsed = as_stored_now(con, parsed)
        frame = preview(con, parsed)
        counts = summary(frame)
        if counts["ny"] + counts["ändrad"] == 0:
            return Stored(None, 0, 0, counts["oförändrad"])
        with writes.user_write(con):
            import_id = con.execute(sql.load("import_next_id")).fetchall()[0][0]
            write(con, parsed, frame, import_id, who)
            _crash_point()
    return Stored(import_id, counts["ny"], counts["ändrad"], counts["oförändrad"])


def write(
    con: duckdb.DuckDBPyConnection, parsed: Parsed, frame: pd.DataFrame, import_id: int, who: str
) -> None:
    """Inside the caller's transaction: the log entry of import ``import_id`` and its new and
    changed rows (``frame`` is ``preview``'s); also what a workbook's sheet Budget writes."""
    counts = summary(frame)
    con.execute(
        sql.load("import_log_insert"),
        {
            "import_id": import_id,
            "fil": parsed.file_name,
            "sha256": parsed.sha256,
            "layout": parsed.layout,
            "importerad": dt.datetime.now().replace(microsecond=0),
            "vem": who,
            "nya": counts["ny"],
            "ersatta": counts["ändrad"],
            "oforandrade": counts["oförändrad"],
        },
    )
    # New and changed rows, and unchanged ones whose figure an earlier import set: undoing
    # that import must not take away a figure this one confirms.
    con.register("import_rows", frame[(frame["status"] != "oförändrad") | frame["import_nu"].notna()])
    try:
        con.execute(sql.load("import_rows_insert"), {"import_id": import_id})
    finally:
        con.unregister("import_rows")


def as_stored_now(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> Parsed:
    """The file's posts under the spelling the data has now: another session may have stored
    a spelling of a new post of this file since it was read (naming.key)."""
    known: dict[tuple[str, str], list[str]] = {}
    for forbund, _, post, _ in sql.query(con, "post_kategori_year").itertuples(index=False):
        known.setdefault((forbund, naming.key(post)), []).append(post)
    renamed = {}
    for forbund, post in parsed.rows[["forbund", "post"]].drop_duplicates().itertuples(index=False):
        spellings = known.get((forbund, naming.key(post)))
        if spellings and post not in spellings:
            renamed[(forbund, post)] = names.pick_spelling(spellings)
    if not renamed:
        return parsed
    rows = parsed.rows.copy()
    rows["post"] = [renamed.get((f, p), p) for f, p in zip(rows["forbund"], rows["post"], strict=True)]
    return dataclasses.replace(parsed, rows=rows)


def _crash_point() -> None:
    """Where a test simulates a crash halfway through the write (monkeypatched)."""


def undo(con: duckdb.DuckDBPyConnection, import_id: int, who: str) -> None:
    """Take an import back out: its rows stop counting, and what they replaced counts again.
    The log keeps the import, marked as undone, by whom and when. The lines of a workbook's
    sheet Budget are that workbook's import: the whole workbook is undone with them."""
    mark_undone(con, "import_undo", import_id, who, also=("workbook_undo", "statistik_undo_of_workbook"))


def logs_of(con: duckdb.DuckDBPyConnection, import_id: int) -> list[str]:
    """The logs import N is in, each once: arbetsbok (a workbook; its Budget and Statistik
    stand under its number in those logs too), budget, statistik, scb. An import from before
    the one series may share its number with another log's."""
    return [kind for (kind,) in con.execute(sql.load("import_kind"), {"import_id": import_id}).fetchall()]


def mark_undone(
    con: duckdb.DuckDBPyConnection, query: str, import_id: int, who: str, also: tuple[str, ...] = ()
) -> None:
    """Mark import ``import_id`` of a log undone with ``query`` (which returns the id it
    marked), and in the same transaction in the logs of ``also`` (the same number is the same
    import); ImportRefused if it does not exist or is already undone."""
    params = {"import_id": import_id, "vem": who, "nu": dt.datetime.now().replace(microsecond=0)}
    with writes.user_write(con):
        done = con.execute(sql.load(query), params).fetchall()
        if not done:
            raise ImportRefused([f"Import {import_id} finns inte eller är redan ångrad."])
        for other in also:
            con.execute(sql.load(other), params)


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The import log, latest first."""
    return sql.query(con, "import_history")


def preview_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The preview with Swedish headings, changes first."""
    order = {"ändrad": 0, "ny": 1, "oförändrad": 2}
    shown = frame.assign(_order=frame["status"].map(order)).sort_values(["_order", "rad"], kind="stable")
    table = pd.DataFrame(
        {
            "Status": shown["status"],
            "Rad i filen": shown["rad"],
            "Förbund": shown["forbund"],
            "År": shown["ar"],
            "Period slut": [f"{d:%Y-%m-%d}" for d in shown["period_slut"]],
            "Post": shown["post"],
            "Kategori": shown["kategori"],
            "Mått": shown["matt"],
            # A new row has no amount now: NaN, which the page writes as "–" (never "None").
            "Belopp nu": pd.to_numeric(shown["belopp_nu"], errors="coerce").astype("float64"),
            "Belopp i filen": shown["belopp"],
        }
    )
    # One förbund (the usual case) is said once above the table, not on every row.
    return table.drop(columns="Förbund") if shown["forbund"].nunique() == 1 else table


def log_head(frame: pd.DataFrame) -> dict[str, object]:
    """The columns a log of statistics or registration imports starts with, as a person reads
    them: the import's number, when, who and the file."""
    return {
        "Import": frame["import_id"].map(lambda i: str(int(i))),
        "När": frame["importerad"].map(lambda t: t.strftime("%Y-%m-%d %H:%M")),
        "Vem": frame["importerad_av"],
        "Fil": frame["fil"],
    }


def history_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The log with Swedish headings."""
    return pd.DataFrame(
        {
            "Import": frame["import_id"],
            "Importerad": [f"{t:%Y-%m-%d %H:%M}" for t in frame["importerad"]],
            "Av": frame["importerad_av"],
            "Fil": frame["fil"],
            "Format": frame["layout"],
            "Nya rader": frame["rader_nya"],
            "Ersatta rader": frame["rader_ersatta"],
            "Oförändrade": frame["rader_oforandrade"],
            "Ångrad": fmt.undone(frame),
            "SHA-256": [h[:12] for h in frame["sha256"]],
        }
    )


PREVIEW_ROWS = 5_000
