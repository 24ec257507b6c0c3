"""The workbook import at national scale, beside today's budget import of the same lines.

``python -m dashboard bench --imports`` writes one workbook for 83 förbund × 5 years (every
sheet; synthetic figures, each förbund named "Syntetiskt förbund NN") and the same budget
lines as a budget-import CSV, then imports each into its own copy of a database built from
``data/``, each in a process of its own so that its peak memory is its own:

- ``arbetsbok``: the whole workbook, which also creates the 83 förbund;
- ``arbetsbok, bara Budget``: the workbook with the sheet Budget only (the förbund exist);
- ``budgetimport``: the budget file (CSV) through ``imports.parse`` and ``imports.store``;
- ``budgetimport, Excel``: the same lines as an Excel file, through the same (the reading of
  an Excel file set apart from the checks and the write);
- ``registreringar``: 100 000 anonymous registrations of participants (issue 27) over the 83
  förbund and the 300 insatser of the page benchmark's national data (``bench.generate``,
  ``bench.registrations``), one CSV file through ``registration_import.parse`` and ``store``,
  into a database built from that data; then the view ``registrations`` must hold every row.

Each line says the seconds to read, check and store, the rows written, the process's memory
before the import and its peak. Ratios are within the run: the machines are noisy.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from dashboard.exchange.workbook_sheets import BY_NAME

N_FORBUND, YEARS = 83, list(range(2027, 2032))
POSTS = (
    [("Medel från huvudmännen", "intäkt")]
    + [(f"Administration {i}", "administration") for i in range(3)]
    + [(f"Team {i:02d}", "individinsats") for i in range(16)]
    + [(f"Strukturinsats {i}", "strukturinsats") for i in range(10)]
)
# Kommuner of the shipped data (Västmanlands län), one per förbund in turn: the workbook's
# kommun codes are checked against the database's.
KOMMUNER = [
    ("1980", "Västerås"),
    ("1981", "Sala"),
    ("1982", "Fagersta"),
    ("1983", "Köping"),
    ("1984", "Arboga"),
    ("1960", "Kungsör"),
    ("1961", "Hallstahammar"),
    ("1962", "Norberg"),
    ("1904", "Skinnskatteberg"),
    ("1907", "Surahammar"),
]
SOURCE = ["Syntetiska data (prestandamätning)", "inte verkliga siffror"]
BUDGET_HEADINGS = ["förbund", "år", "period_slut", "post", "kategori", "mått", "belopp"]


def national_workbook(seed: int = 3) -> tuple[dict[str, list[list]], list[list]]:
    """Every sheet of the workbook as rows (headings first), and its budget lines."""
    rng = random.Random(seed)
    forbund = [f"Syntetiskt förbund {i:02d}" for i in range(1, N_FORBUND + 1)]
    sheets: dict[str, list[list]] = {
        "Förbund": [["Förbund", "Län", "Från", "Till", "Ersatt av", "Dokument", "Avsnitt"]],
        "Medlemmar": [["Förbund", "Medlem", "Typ", "Kommunkod", "Från år", "Till år"]],
        "Bidrag": [["Förbund", "År", "Medlem", "Mått", "Belopp kr", "Dokument", "Avsnitt"]],
        "Insatser": [["Förbund", "Insats", "Typ", "Kommunkoder", "Budgetposter"]],
        "Bemanning": [["Förbund", "År", "Insats", "Roll", "Arbetsgivare", "Årsarbetare"]],
        "Platser": [["Förbund", "År", "Insats", "Mått", "Platser", "Högst"]],
        "Deltagare": [["Förbund", "År", "Insats", "Mått", "Värde", "Enhet"]],
        "Mål": [[c.heading for c in BY_NAME["Mål"].columns if c.required]],
        "Möten": [["Förbund", "Datum", "Mötestyp"]],
        "Styrelse": [["Förbund", "År", "Organ", "Medlem", "Roll", "Antal"]],
        "Nyckeltal": [["Förbund", "År", "Nyckeltal", "Värde", "Enhet"]],
        "Styrtal": [["Förbund", "Från år", "Styrtal", "Jämförelse", "Värde", "Enhet"]],
    }
    budget = [BUDGET_HEADINGS]
    for n, f in enumerate(forbund):
        kod, kommun = KOMMUNER[n % len(KOMMUNER)]
        members = [f"{kommun} kommun", "Region Syntetisk", "Staten"]
        sheets["Förbund"].append([f, "19", 2027, None, None, *SOURCE])
        sheets["Medlemmar"] += [
            [f, members[0], "kommun", kod, 2027, None],
            [f, members[1], "region", None, 2027, None],
            [f, "Staten", "stat", None, 2027, None],
        ]
        for i in range(16):
            sheets["Insatser"].append([f, f"Team {i:02d}", "individinsats", kod, f"Team {i:02d}"])
        sheets["Styrtal"].append(
            [f, 2027, "eget kapital, tak", "högst", 0.2, "andel av budgeterade medlemsbidrag"]
        )
        for year in YEARS:
            income = rng.randint(5_000_000, 40_000_000)
            weights = [rng.random() for _ in POSTS[1:]]
            costs = [round(income * w / sum(weights)) for w in weights]
            for matt, period, scale in (("budget", f"{year}-12-31", 1.0), ("utfall", f"{year}-08-31", 0.66)):
                budget.append([f, year, period, POSTS[0][0], POSTS[0][1], matt, round(income * scale)])
                budget += [
                    [f, year, period, post, kind, matt, -round(c * scale)]
                    for (post, kind), c in zip(POSTS[1:], costs, strict=True)
                ]
            for member, share in zip(members, (0.25, 0.25, 0.5), strict=True):
                sheets["Bidrag"].append([f, year, member, "budget", round(income * share), *SOURCE])
            for i in range(16):
                team = f"Team {i:02d}"
                sheets["Bemanning"] += [
                    [f, year, team, "socialkonsulent", members[0], rng.choice([0.5, 1, 1.5, 2])],
                    [f, year, team, "arbetsförmedlare", "Arbetsförmedlingen", rng.choice([0.2, 0.5])],
                ]
                low = rng.randint(10, 40)
                sheets["Platser"].append([f, year, team, "planerade samtidiga deltagare", low, low + 5])
                sheets["Deltagare"] += [
                    [f, year, team, "deltagare", rng.randint(20, 90), "personer"],
                    [f, year, team, "till arbete eller studier", round(rng.random(), 2), "andel"],
                ]
            for g in range(8):
                target = rng.randint(20, 60)
                sheets["Mål"].append(
                    [
                        f,
                        year,
                        "Individinsatser",
                        f"Mål {g} för {year}",
                        "andel",
                        "minst",
                        target,
                        "procent",
                        rng.randint(10, 70),
                        None,
                    ]
                )
            sheets["Möten"] += [[f, f"{year}-{m:02d}-15", "Förbundsstyrelse"] for m in (2, 4, 6, 9, 11, 12)]
            sheets["Styrelse"] += [[f, year, "styrelse", member, "ledamöter", 1] for member in members]
            sheets["Nyckeltal"] += [
                [f, year, "eget kapital", rng.randint(0, 5_000_000), "kr"],
                [f, year, "soliditet", round(rng.random(), 2), "andel"],
            ]
    return sheets, budget


def _xlsx(sheets: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, rows in sheets.items():
        page = book.create_sheet(name)
        for row in rows:
            page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


# Run in a process of its own (``_child``): the import, its time, and the process's memory.
# The peak is the process's own (VmHWM, of its address space since exec): ru_maxrss would carry
# the parent's peak over (Linux keeps it across fork and exec), and the parent holds the files.
_CHILD = """
import json, resource, sys, time
from pathlib import Path
from dashboard.store import db
from dashboard.exchange import imports, workbook


def peak_mb():
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


kind, db_path, file_path = sys.argv[1:4]
con = db.connect(Path(db_path))
data = Path(file_path).read_bytes()
if kind == "registrations":
    from bench import registrations
    from dashboard.exchange import registration_import
before = peak_mb()
start = time.perf_counter()
extra = {}
if kind == "registrations":
    parsed = registration_import.parse(
        con, data, Path(file_path).name, fran=registrations.FRAN, till=registrations.TILL,
        today=registrations.TILL,
    )
    extra["parse_s"] = time.perf_counter() - start
    rows = registration_import.store(con, parsed, "prestandamätning").added
elif kind == "budget":
    parsed = imports.parse(con, data, Path(file_path).name)
    stored = imports.store(con, parsed, "prestandamätning")
    rows = stored.added + stored.replaced
else:
    name = Path(file_path).name
    parsed = workbook.parse(con, workbook.read(data, name), name, data)
    stored = workbook.store(con, parsed, "prestandamätning", confirmed=True)
    rows = sum(c["ny"] + c["ändrad"] for c in stored.counts.values())
seconds = time.perf_counter() - start
peak = peak_mb()
if kind == "registrations":  # after the measuring: every row of the file in the view
    extra["in_view"] = con.execute("SELECT count(*) FROM registrations").fetchall()[0][0]
print(json.dumps({"s": seconds, "rows": rows, "before_mb": before, "peak_mb": peak, **extra}))
"""


def _child(kind: str, db_path: Path, file_path: Path) -> dict:
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(db_path), str(file_path)],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"importen {kind} av {file_path.name} misslyckades: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(out: Callable[[str], None] = print) -> None:
    """Build, write the files, import each into its own database copy, print the figures."""
    import os

    import bench
    from bench import registrations
    from dashboard.exchange import workbook
    from dashboard.store import db, embedded

    os.environ.setdefault("FINSAM_BACKUP_KEEP", "0")  # the build and imports without backups
    work = Path(tempfile.mkdtemp(prefix="finsam-bench-imports-"))
    sheets, budget = national_workbook()
    whole = work / "arbetsbok.xlsx"
    whole.write_bytes(_xlsx({**sheets, "Budget": budget}))
    only_budget = work / "arbetsbok-budget.xlsx"
    only_budget.write_bytes(_xlsx({"Budget": budget}))
    budget_file = work / "budget.csv"
    budget_file.write_bytes(_csv(budget))
    budget_excel = work / "budget.xlsx"
    budget_excel.write_bytes(_xlsx({"Budget": budget}))
    base = work / "base.duckdb"
    con = db.connect(base)
    embedded.build(con)
    con.close()
    # the databases for the budget-only imports have the 83 förbund and their members already
    founded = work / "founded.duckdb"
    shutil.copy(base, founded)
    con = db.connect(founded)
    start = _xlsx({"Förbund": sheets["Förbund"], "Medlemmar": sheets["Medlemmar"]})
    workbook.store(
        con, workbook.parse(con, workbook.read(start, "start.xlsx"), "start.xlsx", start), "bench", True
    )
    con.close()
    # the registrations: the page benchmark's national data (83 förbund, 300 insatser) built
    # into a database of its own, and its list of 100 000 participations as one CSV file
    national = work / "national.duckdb"
    bench.generate(work / "national-data")
    con = db.connect(national)
    embedded.build(con, work / "national-data")
    registration_file = work / registrations.FILE_NAME
    table = registrations.national(con)
    registration_file.write_bytes(registrations.to_csv(table))
    file_rows = len(table) - 1
    con.close()
    runs = [
        ("arbetsbok", "workbook", base, whole),
        ("arbetsbok, bara Budget", "workbook", founded, only_budget),
        ("budgetimport", "budget", founded, budget_file),
        ("budgetimport, Excel", "budget", founded, budget_excel),
        ("registreringar (CSV)", "registrations", national, registration_file),
    ]
    figures, files = {}, {label: file for label, _, _, file in runs}
    for label, kind, database, file in runs:
        copy = work / f"{kind}-{file.stem}.duckdb"
        shutil.copy(database, copy)
        figures[label] = _child(kind, copy, file)
    reference = figures["budgetimport"]
    for label, f in figures.items():
        row = {
            "import": label,
            "rows_written": f["rows"],
            "seconds": round(f["s"], 2),
            "us_per_row": round(f["s"] / f["rows"] * 1e6, 1),
            "seconds_ratio_to_budget_import": round(f["s"] / reference["s"], 2),
            "rss_before_mb": round(f["before_mb"], 1),
            "peak_rss_mb": round(f["peak_mb"], 1),
            "file_bytes": files[label].stat().st_size,
        }
        if "in_view" in f:  # the registrations: read and checked, then stored
            row |= {
                "parse_s": round(f["parse_s"], 2),
                "store_s": round(f["s"] - f["parse_s"], 2),
                "file_rows": file_rows,
                "rows_in_view_registrations": f["in_view"],
            }
        out(json.dumps(row, ensure_ascii=False))
    shutil.rmtree(work, ignore_errors=True)
    if (in_view := figures["registreringar (CSV)"]["in_view"]) != file_rows:  # printed, then failed
        raise RuntimeError(f"vyn registrations har {in_view} rader, filen {file_rows}")
