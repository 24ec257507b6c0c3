"""The source documents and citations as plain text: titles, publishers, sections.

The five source documents ship in ``data/dokument/`` (plain text of public PDFs); every figure
in ``data/*.csv`` names its document (``dokument``, the file name there) and section
(``avsnitt``). People never see the file names: ``citation`` gives title, publisher and
section. Links to the passage behind a figure are the view's (``dashboard.view.sources``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.store import sql

DOCUMENTS_DIR = Path(__file__).resolve().parents[2] / "data" / "dokument"

# --- the documents ------------------------------------------------------------------------


def document_id(dokument: str) -> str:
    """The short id of a document in URLs: ``001`` for ``001_b4ec0f32d236804d.txt``;
    another ``dokument`` value (one without a shipped text) is its own id."""
    match = re.fullmatch(r"(\d{3})_[0-9a-f]+\.txt", dokument)
    return match.group(1) if match else dokument


@functools.cache
def _files() -> dict[str, str]:
    """Short id to file name, for every shipped document."""
    return {document_id(p.name): p.name for p in sorted(DOCUMENTS_DIR.glob("*.txt"))}


def document_file(id_or_name: str) -> str | None:
    """The ``dokument`` value (file name) of a short id or file name; None if not shipped."""
    files = _files()
    if id_or_name in files:
        return files[id_or_name]
    return id_or_name if id_or_name in files.values() else None


def has_text(dokument: str) -> bool:
    """Whether the document's text ships in ``data/dokument/`` (a passage can be shown)."""
    return document_file(dokument) is not None


@functools.cache
def raw(dokument: str) -> bytes:
    """The document's file as it is, for download. KeyError if it does not ship."""
    name = document_file(dokument)
    if name is None:
        raise KeyError(dokument)
    return (DOCUMENTS_DIR / name).read_bytes()


@functools.cache
def lines(dokument: str) -> tuple[str, ...]:
    """The document's lines (line 1 is index 0), without line ends; split at line feeds
    only, so that the numbers are an editor's (a form feed from a PDF stays in its line)."""
    text = raw(dokument).decode("utf-8")
    return tuple(line.removesuffix("\r") for line in text.removesuffix("\n").split("\n"))


def documents(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The documents whose text ships, as ``data/dokument.csv`` describes them.

    Columns: id (short, for URLs), dokument, titel, utgivare, ar, beslutad (None where the
    cover prints no approval)."""
    docs = sql.query(con, "documents")
    docs = docs[[has_text(d) for d in docs["dokument"]]].copy()
    docs.insert(0, "id", [document_id(d) for d in docs["dokument"]])
    docs["beslutad"] = docs["beslutad"].astype(object).where(docs["beslutad"].notna(), None)
    return docs.reset_index(drop=True)


def download_name(con: duckdb.DuckDBPyConnection, dokument: str) -> str:
    """A file name a person recognises: ``Årsredovisning 2021 – Norra Västmanlands
    Samordningsförbund.txt``."""
    titel, utgivare, _ = _title(con, dokument)
    name = f"{titel} – {utgivare}" if utgivare else titel
    return re.sub(r'[\\/:*?"<>|]', "-", name) + ".txt"


# --- citations ----------------------------------------------------------------------------


def _title(con: duckdb.DuckDBPyConnection, dokument: str) -> tuple[str, str, bool]:
    """Title, publisher, and whether ``dokument`` is listed in data/dokument.csv."""
    # One row fetched, not a frame: a table of thousands of rows cites row by row.
    found = con.execute(sql.load("document_title"), {"dokument": dokument}).fetchall()
    if found:
        titel, utgivare = found[0]
        return str(titel), "" if utgivare is None else str(utgivare), True
    if _SHIPPED_FILE.fullmatch(str(dokument)):  # a shipped document's file, yet not listed
        return UNKNOWN, "", False
    # A source an editor named in a workbook ("Årsredovisning 2026"), or the workbook itself.
    return " ".join(str(dokument).split()) or UNKNOWN, "", False


UNKNOWN = "Okänt dokument"
_SHIPPED_FILE = re.compile(r"\d{3}_[0-9a-f]+\.txt")


IMPORTED = "importerat från ekonomisystemet"
_IMPORTED_FILE = re.compile(r"\.(csv|txt|xlsx|xlsm|xls)$", re.IGNORECASE)  # a file an editor imported


def each_once(cited: list[str]) -> list[str]:
    """Sources, each told once, in order: a source of several parts ("a; b") counts part by part."""
    return list(dict.fromkeys(part.strip() for source in cited for part in source.split(";")))


def is_import(avsnitt: str) -> bool:
    """Whether a line's ``avsnitt`` is an import's ("import 3 (2025-10-02 14:11), rad 2"):
    its ``dokument`` is then the file an editor imported, not a source document."""
    return str(avsnitt).startswith("import ")


def title(con: duckdb.DuckDBPyConnection, dokument: str) -> str:
    """A document by its title and publisher, ``Delårsrapport januari–augusti 2025
    (Samordningsförbundet Västmanland)``. Every figure of ``data/`` names a document of
    ``data/dokument.csv`` (the build checks it), so any other ``dokument`` is an imported file."""
    titel, utgivare, listed = _title(con, dokument)
    if not listed:  # an imported file, or a source an editor named in a workbook ("Årsredovisning 2026")
        return f"{IMPORTED} ({dokument})" if _IMPORTED_FILE.search(str(dokument)) else titel
    return f"{titel} ({utgivare})" if utgivare else titel


def citation(con: duckdb.DuckDBPyConnection, dokument: str, avsnitt: str, short: bool = False) -> str:
    """A source as a person reads it: title, publisher, section.

    ``Delårsrapport januari–augusti 2025, Samordningsförbundet Västmanland, avsnitt 6.
    Ekonomiskt utfall per 31 augusti samt prognos för helår 2025``; with ``short`` (a caption
    under a figure) ``Delårsrapport januari–augusti 2025 (Samordningsförbundet
    Västmanland), avsnitt 6``. An appendix reads ``bilaga 1``. Never a file name: a
    shipped document's file not in ``data/dokument.csv`` reads "Okänt dokument"; any other
    ``dokument`` (a source an editor names in a workbook, or the workbook's file) as written."""
    if is_import(avsnitt):  # "importerat från ekonomisystemet: sept.csv (import 3)"
        return f"{IMPORTED}: {dokument} ({str(avsnitt).split(' (')[0]})"
    titel, utgivare, listed = _title(con, dokument)
    # A source an editor named ("Årsredovisning 2026", "Not 5"; the workbook's "blad Möten,
    # rad 3") is cited as written: its sections are not the shipped documents' numbered ones.
    named = not listed and titel != UNKNOWN
    section = " ".join(str(avsnitt).split()) if named else _section_words(avsnitt, short)
    if short:
        document = f"{titel} ({utgivare})" if utgivare else titel
    else:
        document = f"{titel}, {utgivare}" if utgivare else titel
    return f"{document}, {section}" if section else document


def citation_of_sections(con: duckdb.DuckDBPyConnection, dokument: str, sections: list[str]) -> str:
    """One document and several of its sections, the numbers in order: ``Verksamhetsplan
    och budget 2024 (Samordningsförbundet Västmanland), avsnitt 6.1.1, 6.1.2, 7``."""
    words = list(dict.fromkeys(_section_words(a, short=True) for a in sections if str(a).strip()))
    numbered = [
        w.removeprefix("avsnitt ") for w in words if _SECTION_NUMBER.fullmatch(w.removeprefix("avsnitt "))
    ]
    others = [w for w in words if w.removeprefix("avsnitt ") not in numbered]

    def order(number: str) -> list[int]:
        return [int(part) for part in re.findall(r"\d+", number)]

    parts = [f"avsnitt {', '.join(sorted(numbered, key=order))}"] * bool(numbered) + others
    return ", ".join([title(con, dokument), *parts])


def section_title(avsnitt: str) -> str:
    """A section as a heading: ``Avsnitt 6. Ekonomiskt utfall …``, ``Bilaga 1 Årshjul …``."""
    words = _section_words(avsnitt, short=False)
    return words[:1].upper() + words[1:]


def _section_words(avsnitt: str, short: bool) -> str:
    avsnitt = " ".join(str(avsnitt).split())
    if not avsnitt:
        return ""
    bilaga = re.match(r"(?i)bilaga\s+(\d+)\b\s*(.*)", avsnitt)
    if bilaga:
        rest = "" if short else f" {bilaga.group(2)}".rstrip()
        return f"bilaga {bilaga.group(1)}{rest}"
    number = _SECTION_NUMBER.match(avsnitt)
    if short and number:
        return f"avsnitt {number.group('number')}"
    return f"avsnitt {avsnitt}"


# A section number at the start of ``avsnitt`` or of a line: 6, 6., 6.1.1., 1–2.
_SECTION_NUMBER = re.compile(
    r"(?P<number>\d{1,2}(?:\.\d{1,2})*)(?:\s*[–-]\s*\d{1,2}(?:\.\d{1,2})*)?\.?(?=\s|$)"
)
