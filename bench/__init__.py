"""Benchmark at national scale: ``python -m dashboard bench``.

Generates synthetic data (labelled as such: "Syntetiskt förbund NN", document "Syntetiska
data för prestandamätning") into a separate directory and database file, measures the build
from CSV, then runs every page in Streamlit's AppTest next to an empty page, cold (a new
AppTest per run: a new visitor, process-wide caches warm) and warm (reruns of one AppTest
after changing the page's main widget), and prints one JSON object per line.

The kommun codes and names are the real 290 of the boundary file, so the county views
work; every figure is synthetic.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

import pandas as pd

from dashboard.exchange import fmt
from dashboard.store import db, embedded, replicas

N_FORBUND, YEARS, LINES, TEAMS = 83, list(range(2016, 2026)), 30, 300
SYSTEMS = (
    "Sjukpenning",
    "Sjuk- och aktivitetsersättning",
    "Arbetslöshetsersättning",
    "Ekonomiskt bistånd",
    "Etableringsersättning",
)
DOC = "syntetisk.txt"
SOURCE = {"dokument": DOC, "avsnitt": "Syntetiska data"}
# The 290 kommuner's codes, names and län: the app's own list (data/README.md names its sources).
KOMMUNER = db.DATA_DIR / "kommuner.csv"


def _kommuner() -> pd.DataFrame:
    return pd.read_csv(KOMMUNER, dtype=str, keep_default_na=False)[["kommunkod", "kommun", "lan_kod"]]


def generate(target: Path, seed: int = 1) -> dict[str, int]:
    """Write the synthetic CSVs of every embedded table into ``target``; returns row counts."""
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    kommuner = _kommuner()
    forbund = [f"Syntetiskt förbund {i:02d}" for i in range(1, N_FORBUND + 1)]
    tables: dict[str, pd.DataFrame] = {}
    tables["dokument"] = pd.DataFrame(
        [
            {
                "dokument": DOC,
                "titel": "Syntetiska data för prestandamätning (inte verkliga siffror)",
                "utgivare": "Prestandamätning",
                "ar": 2026,
                "beslutad": "",
            }
        ]
    )
    tables["forbund"] = pd.DataFrame(
        {
            "forbund": forbund,
            "kortnamn": [f"S{i:02d}" for i in range(1, N_FORBUND + 1)],
            "fran_ar": 2016,
            "till_ar": "",
            "ersatt_av": "",
            **SOURCE,
        }
    )
    tables["kommuner"] = kommuner.assign(**SOURCE)
    owner = {k: forbund[i % N_FORBUND] for i, k in enumerate(kommuner["kommunkod"])}
    tables["members"] = pd.DataFrame(
        [
            {
                "forbund": owner[k],
                "medlem": f"{n} kommun",
                "medlemstyp": "kommun",
                "kommunkod": k,
                "fran_ar": 2016,
                "till_ar": "",
                **SOURCE,
            }
            for k, n in zip(kommuner["kommunkod"], kommuner["kommun"], strict=True)
        ]
    )
    kinds = ["intäkt"] + ["administration"] * 3 + ["individinsats"] * 16 + ["strukturinsats"] * 10
    posts = (
        ["Medel från huvudmännen"]
        + [f"Administration {i}" for i in range(3)]
        + [f"Team {i:02d}" for i in range(16)]
        + [f"Strukturinsats {i}" for i in range(10)]
    )
    lines, totals, balances, contributions = [], [], [], []
    for f in forbund:
        for year in YEARS:
            tabell = f"{f[-2:]}-{year}"
            income = rng.randint(5_000_000, 40_000_000)
            for matt, period in (
                ("budget", f"{year}-12-31"),
                ("utfall", f"{year}-08-31"),
                ("prognos", f"{year}-12-31"),
            ):
                scale = 0.66 if matt == "utfall" else 1.0
                amounts = [round(income * scale)] + [
                    -round(income * scale * w) for w in _weights(rng, LINES - 1)
                ]
                for rad, (post, kind, amount) in enumerate(zip(posts, kinds, amounts, strict=True), start=1):
                    lines.append(
                        (
                            f,
                            year,
                            period,
                            matt,
                            "slutlig",
                            post,
                            kind,
                            "",
                            amount,
                            "kr",
                            tabell,
                            rad,
                            DOC,
                            "Syntetiska data",
                            "",
                        )
                    )
                totals.append(
                    (
                        tabell,
                        LINES + 1,
                        "SUMMA",
                        f,
                        year,
                        period,
                        matt,
                        "slutlig",
                        "resultat",
                        sum(amounts),
                        "kr",
                        f"1..{LINES}",
                        DOC,
                        "Syntetiska data",
                        "",
                    )
                )
            balances.append(
                (
                    f,
                    year,
                    f"{year}-12-31",
                    "bokslut",
                    "slutlig",
                    "Eget kapital",
                    rng.randint(0, 5_000_000),
                    "kr",
                    tabell,
                    LINES + 2,
                    DOC,
                    "Syntetiska data",
                    "",
                )
            )
    for k, n in zip(kommuner["kommunkod"], kommuner["kommun"], strict=True):
        for year in YEARS:
            contributions.append(
                (
                    owner[k],
                    year,
                    f"{n} kommun",
                    "utfall",
                    "slutlig",
                    rng.randint(50_000, 3_000_000),
                    "kr",
                    DOC,
                    "Syntetiska data",
                    "",
                )
            )
    columns = lambda t: [c[0] for c in _columns(t)]  # noqa: E731
    tables["budget_lines"] = pd.DataFrame(lines, columns=columns("budget_lines"))
    tables["printed_totals"] = pd.DataFrame(totals, columns=columns("printed_totals"))
    tables["balance_items"] = pd.DataFrame(balances, columns=columns("balance_items"))
    tables["contributions"] = pd.DataFrame(contributions, columns=columns("contributions"))
    teams = [(f"team-{i:03d}", forbund[i % N_FORBUND], f"Team {i // N_FORBUND:02d}") for i in range(TEAMS)]
    tables["insatser"] = pd.DataFrame(
        [
            {
                "insats_id": t,
                "namn": f"Syntetiskt team {t[-3:]}",
                "insatstyp": "individinsats",
                "forbund": f,
                "kommunkoder": kommuner["kommunkod"].iloc[i % len(kommuner)],
                "fran_ar": 2016,
                "till_ar": "",
                **SOURCE,
                "anmarkning": "",
            }
            for i, (t, f, _) in enumerate(teams)
        ]
    )
    tables["insats_posts"] = pd.DataFrame([{"forbund": f, "post": p, "insats_id": t} for t, f, p in teams])
    tables["staffing"] = pd.DataFrame(
        [
            {
                "insats_id": t,
                "ar": 2025,
                "roll": role,
                "arbetsgivare": employer,
                "fte": rng.choice([0.5, 1.0, 2.0]),
                "finansieras_av": "",
                "fte_finansierat": "",
                **SOURCE,
                "anmarkning": "",
            }
            for t, _, _ in teams
            for role, employer in (
                ("verksamhetsledare", "Kommunen"),
                ("socialkonsulent", "Kommunen"),
                ("arbetsförmedlare", "Arbetsförmedlingen"),
                ("kurator", "Regionen"),
            )
        ]
    )
    tables["capacity"] = pd.DataFrame(
        [
            {
                "insats_id": t,
                "ar": 2025,
                "matt": "planerade samtidiga deltagare",
                "varde_text": f"ca {n}-{n + 5}",
                "varde_min": n,
                "varde_max": n + 5,
                **SOURCE,
                "anmarkning": "",
            }
            for t, n in ((t, rng.randint(10, 80)) for t, _, _ in teams)
        ]
    )
    population = [
        (k, n, year, rng.randint(1_500, 400_000), "Syntetiska data")
        for k, n in zip(kommuner["kommunkod"], kommuner["kommun"], strict=True)
        for year in (2017, 2024)
    ]
    tables["befolkning"] = pd.DataFrame(population, columns=columns("befolkning"))
    tables["ekonomiskt_bistand"] = pd.DataFrame(
        [
            (k, n, 2017, rng.randint(50, 5000), rng.randint(1_000_000, 300_000_000), "Syntetiska data")
            for k, n, *_ in population[::2]
        ],
        columns=columns("ekonomiskt_bistand"),
    )
    # Published statistics per kommun: two measures over ten years, one by kön.
    statistik = [
        (
            k,
            n,
            year,
            matt,
            grupp,
            value,
            enhet,
            fmt.number(value, 1),
            "Syntetiska data",
            "Syntetiska data",
            "https://example.invalid/syntetisk",
            "Syntetisk tabell",
            "2026-01-01",
            "2026-01-01",
        )
        for k, n in zip(kommuner["kommunkod"], kommuner["kommun"], strict=True)
        for year in YEARS
        for matt, grupp, enhet, value in (
            ("oppet_arbetslosa", "kvinnor", "procent", round(rng.uniform(1.5, 8.0), 1)),
            ("oppet_arbetslosa", "män", "procent", round(rng.uniform(1.5, 8.0), 1)),
            ("forsorjningskvot", "totalt", "kvot", round(rng.uniform(65.0, 100.0), 1)),
        )
    ]
    tables["kommunstatistik"] = pd.DataFrame(statistik, columns=columns("kommunstatistik"))
    for table in embedded.EMBEDDED_TABLES:
        frame = tables.get(table)
        if frame is None:  # the real reference series, or an empty file with its header
            real = embedded.csv_path(table)
            frame = (
                pd.read_csv(real, dtype=str, keep_default_na=False)
                if table.startswith("helarsekvivalenter_riket")
                else pd.DataFrame(columns=columns(table))
            )
        frame.to_csv(target / f"{table}.csv", index=False)
    return {t: len(f) for t, f in tables.items()}


def _weights(rng: random.Random, n: int) -> list[float]:
    raw = [rng.random() for _ in range(n)]
    total = sum(raw) / rng.uniform(0.9, 1.05)
    return [r / total for r in raw]


def _columns(table: str) -> list[tuple[str, str]]:
    """The table's columns from the schema (a throwaway in-memory database)."""
    con = _schema_con()
    return con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'embedded' AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()


_SCHEMA = None


def _schema_con():
    global _SCHEMA
    if _SCHEMA is None:
        import duckdb

        from dashboard.store import sql

        _SCHEMA = duckdb.connect()
        sql.script(_SCHEMA, "schema")
    return _SCHEMA


def add_scb(con, seed: int = 2) -> int:
    """290 kommuner × 10 years × 5 ersättningssystem × 2 kön × 2 age groups, as if imported."""
    rng = random.Random(seed)
    kommuner = con.execute("SELECT kommunkod, kommun FROM kommuner").fetchall()
    rows = [
        (
            k,
            n,
            year,
            age,
            kon,
            system,
            rng.uniform(10, 3000),
            rng.uniform(1_000, 300_000),
            rng.uniform(5, 25),
            12,
            1,
        )
        for k, n in kommuner
        for year in YEARS
        for age in ("20-64 år", "20-29 år")
        for kon in ("män", "kvinnor")
        for system in SYSTEMS
    ]
    con.execute(
        "INSERT INTO user_data.scb_imports (import_id, fil, sha256, hamtad, importerad, rader) "
        "VALUES (1, 'syntetisk.csv', 'syntetisk', DATE '2026-01-01', now()::TIMESTAMP, ?)",
        [len(rows)],
    )
    con.executemany(
        "INSERT INTO user_data.scb_helarsekvivalenter VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
    )
    return len(rows)


EMPTY_PAGE = "import streamlit as st\n\nst.write('')\n"
# The same empty page, opened at a page's own address (/andra) of a two-page app: Streamlit's
# frontend first asks /andra/_stcore/health, gets 404, waits 100 ms and asks /_stcore/health.
# Every page but the first pays that on a first visit by its address; this row says how much.
EMPTY_SUBPAGE = """import streamlit as st


def tom():
    st.write("")


def andra():
    st.write("")


pages = [st.Page(tom, title="Tom", default=True), st.Page(andra, title="Andra", url_path="andra")]
st.navigation(pages).run()
"""
SUBPAGE = "Tom sida på en undersida (/andra)"


def _pages(repo: Path) -> list[tuple[str, str, Callable | None]]:
    """Each page with a change of its main widget for the warm runs."""

    def slider(prefix: str):
        def change(at, i):
            next(s for s in at.select_slider if s.label.startswith(prefix)).set_value(-10.0 if i % 2 else 0.0)

        return change

    def year(at, i):  # a segment a year (ui.forbund_and_year); a page without years just reruns
        control = next((b for b in at.button_group if b.label == "År"), None)
        if control is not None:
            options = [int(o) for o in control.options]
            control.set_value(options[-1 - i % min(2, len(options))])

    def step(at, i):  # the presenter moves one view on, then back
        next(b for b in at.button if b.label == ("Nästa ▶" if i % 2 else "◀ Föregående")).click()

    return [
        ("Översikt", "oversikt.py", year),
        ("Budget och utfall", "budget.py", year),
        ("Mål och resultat", "mal.py", year),  # the synthetic data has no goals: the page says so
        ("Teamkapacitet", "team.py", year),
        ("Scenarier", "scenarier.py", slider("Statens medel")),
        ("Länsjämförelse", "lan.py", year),
        ("Mötesunderlag", "motesunderlag.py", year),
        ("Datakvalitet", "datakvalitet.py", None),
        ("Data", "data.py", None),  # a visitor's view: the login panel
        ("Presentation", "presentation.py", step),
    ]


def _time(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(script: str, change: Callable | None, runs: int) -> tuple[float, float]:
    """Median cold and warm run time in milliseconds of one page script."""
    from streamlit.testing.v1 import AppTest

    def cold() -> None:
        at = AppTest.from_file(script, default_timeout=300).run()
        if at.exception:
            raise RuntimeError(f"{script}: {at.exception[0].message}")

    cold()  # the first visitor fills the process-wide caches
    cold_ms = [_time(cold) for _ in range(runs)]
    at = AppTest.from_file(script, default_timeout=300).run()
    warm_ms = []
    for i in range(runs):
        if change:
            change(at, i + 1)
        warm_ms.append(_time(at.run))
    return statistics.median(cold_ms), statistics.median(warm_ms)


WITHOUT_REGISTRATIONS = "utan registreringar"
# Pages also measured on the same data without the registrations (issue 27), side by side.
PAGES_WITHOUT_REGISTRATIONS = ("Teamkapacitet",)


def _without(path: Path) -> Path:
    """The copy of database ``path`` from before the registrations were imported."""
    return path.with_name(f"{path.stem}-utan-registreringar{path.suffix}")


def _setup() -> tuple[Path, Path, float, float]:
    """Synthetic data and its database in a new directory, with the national registration
    list imported (``bench.registrations``: 100 000 participations), a copy of it from before
    that import (``_without``), and copies of both for the real servers of ``first_visits``
    (DuckDB lets one process hold a file); the build's and the import's time in seconds."""
    import logging

    from bench import registrations

    # AppTest outside a server logs a harmless warning per run; keep the output to the figures.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    repo = Path(__file__).resolve().parents[1]
    work = Path(tempfile.mkdtemp(prefix="finsam-bench-"))
    generate(work / "data")
    # The build is measured without the backup every write now ends with (README: Backups).
    os.environ.setdefault("FINSAM_BACKUP_KEEP", "0")
    path = work / "bench.duckdb"
    con = db.connect(path)
    build_s = _time(lambda: embedded.build(con, work / "data")) / 1000
    add_scb(con)
    con.close()
    shutil.copy(path, _without(path))
    shutil.copy(path, _without(work / "server.duckdb"))
    con = db.connect(path)
    data = registrations.to_csv(registrations.national(con))
    registrations_s = _time(lambda: registrations.add(con, data)) / 1000
    con.close()
    shutil.copy(path, work / "server.duckdb")
    os.environ["FINSAM_DB"] = str(path)
    os.environ["FINSAM_DATA"] = str(work / "data")
    return repo, work, build_s, registrations_s


_PROFILES: list = []  # pyinstrument sessions recorded inside the script thread (profile)

_PROFILED_PAGE = """
import runpy
from pyinstrument import Profiler
import bench
profiler = Profiler(interval=0.0005)
profiler.start()
try:
    runpy.run_path({page!r}, run_name="__main__")
finally:
    bench._PROFILES.append(profiler.stop())
"""


def profile(page: str, runs: int = 5, warm: bool = False, out: Callable[[str], None] = print) -> None:
    """Where one page spends its time at national scale: pyinstrument over ``runs`` cold (or
    warm) runs, printed as a call tree. AppTest runs a page in a thread of its own, so the
    profiler is started inside that thread, by a wrapper script around the page."""
    from pyinstrument.renderers import ConsoleRenderer
    from pyinstrument.session import Session
    from streamlit.testing.v1 import AppTest

    repo, work, _, _ = _setup()
    name, file, change = next(
        p for p in _pages(repo) if page.lower() in (p[0].lower(), p[1].removesuffix(".py"))
    )
    wrapper = work / f"profile_{file}"
    wrapper.write_text(_PROFILED_PAGE.format(page=str(repo / "app_pages" / file)), encoding="utf-8")
    at = AppTest.from_file(str(wrapper), default_timeout=300).run()  # fills the process-wide caches
    _PROFILES.clear()
    for i in range(runs):
        if warm:
            if change:
                change(at, i + 1)
            at.run()
        else:
            AppTest.from_file(str(wrapper), default_timeout=300).run()
    session = _PROFILES[0]
    for other in _PROFILES[1:]:
        session = Session.combine(session, other)
    out(f"{name}, {runs} körningar {'varma' if warm else 'kalla'}:")
    out(ConsoleRenderer(unicode=True, color=False, show_all=False, time="seconds").render(session))


def _publish_s(work: Path, runs: int = 3) -> float:
    """Median seconds for the writer to publish a copy for the reader processes (what each
    import adds when the app runs as several processes, README: Deployment)."""
    con = db.connect()
    try:
        return statistics.median(
            _time(lambda: replicas.publish(con, work / "replicas")) / 1000 for _ in range(runs)
        )
    finally:
        con.close()


def _use_database(path: Path) -> None:
    """Point this process's pages (AppTest) at another database: the process's database and
    every cached result are dropped, and the next run opens ``path``."""
    from dashboard.view import ui

    os.environ["FINSAM_DB"] = str(path)
    ui._database.clear()
    ui._drop_results()


def run(
    runs: int = 15, out: Callable[[str], None] = print, rounds: int = 5, pages: Collection[str] | None = None
) -> None:
    """The whole benchmark; prints one JSON object per line: per page the AppTest figures and
    the first visit of a real server (``first_visits``: Chromium at two sizes, the server's
    CPU per visitor), each beside an empty page of the same run, then the build figures.
    The pages of ``PAGES_WITHOUT_REGISTRATIONS`` are measured twice, on the data with the
    registrations and on the same data without them (the row ``… utan registreringar``).
    ``pages``: only these (their names), for a quicker run of a few."""
    repo, work, build_s, registrations_s = _setup()
    chosen = [p for p in _pages(repo) if pages is None or p[0] in pages]
    if pages is not None and len(chosen) != len(set(pages)):
        raise RuntimeError(f"okända sidor: {sorted(set(pages) - {p[0] for p in chosen})}")
    load_before = os.getloadavg()[0]  # the machine is shared: say how busy it was
    visits = first_visits(repo, work, rounds, [p[0] for p in chosen])  # before AppTest holds the database
    load_after = os.getloadavg()[0]
    publish_s = _publish_s(work)
    empty = work / "empty.py"
    empty.write_text(EMPTY_PAGE, encoding="utf-8")
    empty_cold, empty_warm = measure(str(empty), None, runs)

    def report(name: str, page_cold: float, page_warm: float) -> None:
        out(
            json.dumps(
                {
                    "page": name,
                    "cold_median_ms": round(page_cold, 1),
                    "warm_median_ms": round(page_warm, 1),
                    "empty_cold_median_ms": round(empty_cold, 1),
                    "empty_warm_median_ms": round(empty_warm, 1),
                    "cold_ratio": round(page_cold / empty_cold, 2),
                    "warm_ratio": round(page_warm / empty_warm, 2),
                    **visits[name],
                },
                ensure_ascii=False,
            )
        )

    for name, file, change in chosen:
        report(name, *measure(str(repo / "app_pages" / file), change, runs))
    # the same pages on the same data from before the registrations were imported
    without = [p for p in chosen if p[0] in PAGES_WITHOUT_REGISTRATIONS]
    if without:
        _use_database(_without(work / "bench.duckdb"))
        for name, file, change in without:
            report(f"{name} {WITHOUT_REGISTRATIONS}", *measure(str(repo / "app_pages" / file), change, runs))
    out(json.dumps({"page": SUBPAGE, **visits[SUBPAGE]}, ensure_ascii=False))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out(
        json.dumps(
            {
                "build_s": round(build_s, 2),
                "registrations_import_s": round(registrations_s, 2),
                "publish_s": round(publish_s, 2),
                "peak_rss_mb": round(peak_mb, 1),
                "pages": len(chosen),
                "browser_rounds": rounds,
                "load_average_1min_before_after_browser": [round(load_before, 2), round(load_after, 2)],
                "server_visits_per_round": SERVER_VISITS,
            }
        )
    )


# --- A real server: first visits in Chromium and the server's Python time per visit ---------

# The pages as a visitor opens them: (name, the path and query after the server's URL).
VISITS = [
    ("Översikt", ""),
    ("Budget och utfall", "budget"),
    ("Mål och resultat", "mal"),
    ("Teamkapacitet", "team"),
    ("Scenarier", "scenarier"),
    ("Länsjämförelse", "lan"),
    ("Mötesunderlag", "motesunderlag"),
    ("Datakvalitet", "datakvalitet"),
    ("Data", "data"),
    ("Presentation", "?presentation=1"),
]
VIEWPORTS = ((1920, 1080), (1280, 720))
CHROMIUM = "/usr/bin/chromium"
# Chromium's background services try the network, which is closed here (tests/e2e use these too).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Run in the page before any of its own scripts: after every change to the page (at most once
# a frame) it checks whether the page is finished and notes the first moment it is, in ms
# since navigation began, in ``window.__finsamDone``. Finished: Streamlit's script has run
# (its state was "running" once, so the "notRunning" before the first run never counts) and
# is not running, the app is connected, no skeleton or running indicator is left, and at
# least ``CHARTS`` Plotly charts exist, each with its drawn SVG. Checked in the page rather
# than polled from Playwright, so that the measuring costs the page next to nothing.
_WATCH = """
(() => {
  const charts = CHARTS;
  let ran = false, queued = false;
  const finished = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || !ran) return false;
    if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stStatusWidgetRunningIcon"]')) {
      return false;
    }
    const plots = document.querySelectorAll('.js-plotly-plot');
    if (plots.length < charts) return false;
    for (const plot of plots) if (!plot.querySelector('.main-svg')) return false;
    return true;
  };
  const check = () => {
    queued = false;
    if (window.__finsamDone === undefined && finished()) window.__finsamDone = performance.now();
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && (r.oldValue === 'running'
          || r.target.getAttribute('data-test-script-state') === 'running')) ran = true;
    }
    if (!queued && window.__finsamDone === undefined) {
      queued = true;
      requestAnimationFrame(check);
    }
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state', 'data-test-connection-state', 'class']});
})();
"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``streamlit run SCRIPT`` from the repository root (so with the project's own
    ``.streamlit/config.toml``) on a free port. The file watcher is off, for the app and the
    empty page alike: it is a development aid, and its polling would count as a visitor's
    Python time."""

    def __init__(self, repo: Path, script: Path, env: dict[str, str], log: Path) -> None:
        import subprocess
        import sys

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=repo,
            env={**os.environ, **env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        import urllib.request

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"Streamlit startade inte: se {log}")

    def cpu_s(self) -> float:
        """The server process's CPU time so far (every thread, user and system)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except Exception:
            self.proc.kill()
        self._log.close()


def socket_visit(url: str, path: str) -> dict[str, int]:
    """One new visitor over Streamlit's websocket, as its frontend does it: connect, ask for
    the page, read every message until the script has finished, leave. Counts the messages,
    their bytes and the Plotly charts sent (to know how many a browser must draw)."""
    import asyncio

    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    page, _, query = path.partition("?")
    request = BackMsg()
    request.rerun_script.page_name = page
    request.rerun_script.query_string = query

    async def visit() -> dict[str, int]:
        counts = {"messages": 0, "bytes": 0, "charts": 0}
        async with websockets.connect(
            url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=120,  # a loaded machine (a test suite beside it) may take more than the 10 s default
        ) as stream:
            await stream.send(request.SerializeToString())
            while True:
                raw = await asyncio.wait_for(stream.recv(), 300)
                message = ForwardMsg()
                message.ParseFromString(raw)
                counts["messages"] += 1
                counts["bytes"] += len(raw)
                kind = message.WhichOneof("type")
                if kind == "script_finished":
                    return counts
                if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                    counts["charts"] += message.delta.new_element.WhichOneof("type") == "plotly_chart"

    return asyncio.run(visit())


def server_cost(server: Server, path: str, visits: int = 10) -> float:
    """The server's CPU milliseconds per new visitor of ``path``: its process's CPU time (all
    threads: the session, the page run, serialising and sending the messages, closing the
    session) around ``visits`` visits one after the other, after a short pause so that a
    session's closing lands inside the interval."""
    start = server.cpu_s()
    for _ in range(visits):
        socket_visit(server.url, path)
    time.sleep(0.3)
    return (server.cpu_s() - start) * 1000 / visits


def browser_visit(browser, url: str, viewport: tuple[int, int], charts: int) -> dict[str, float]:
    """A first visit in a fresh Chromium context (no cache, no cookies): milliseconds from
    navigation until the script has finished and every chart is drawn, and the bytes the
    browser received (HTTP and websocket)."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="sv-SE")
    try:
        page = context.new_page()
        page.add_init_script(_WATCH.replace("CHARTS", str(int(charts))))
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        received = {"http": 0, "ws": 0}
        cdp.on(
            "Network.loadingFinished",
            lambda e: received.__setitem__("http", received["http"] + e["encodedDataLength"]),
        )
        cdp.on(
            "Network.webSocketFrameReceived",
            lambda e: received.__setitem__("ws", received["ws"] + len(e["response"]["payloadData"])),
        )
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__finsamDone !== undefined", polling=100, timeout=300_000)
        done = page.evaluate("window.__finsamDone")
        return {"ms": float(done), "http_bytes": received["http"], "ws_bytes": received["ws"]}
    finally:
        context.close()


SERVER_VISITS = 10  # new visitors a round, one after the other, per page


def first_visits(
    repo: Path, work: Path, rounds: int = 5, pages: Collection[str] | None = None
) -> dict[str, dict[str, float]]:
    """Each page's first visit on a real server, beside an empty page's, in one sitting.

    ``streamlit run`` processes from the repository root (the app on the benchmark's data,
    ``EMPTY_PAGE`` and ``EMPTY_SUBPAGE``, and the app on the same data without the
    registrations for ``PAGES_WITHOUT_REGISTRATIONS``), each with the project's
    ``.streamlit/config.toml``. Every round visits every page (of ``pages``, default all) and
    the empty page in turn, so that the machine's noise falls on all alike: in Chromium, a
    fresh context per visit at 1920×1080 and at 1280×720 (``browser_visit``), and over the
    websocket, ``SERVER_VISITS`` new visitors one after the other (``server_cost``). Medians
    over the rounds; ratios to the empty page's medians.
    """
    from playwright.sync_api import sync_playwright

    script = work / "empty_server.py"
    script.write_text(EMPTY_PAGE, encoding="utf-8")
    env = {"FINSAM_DB": str(work / "server.duckdb"), "FINSAM_DATA": str(work / "data")}
    subpage = work / "empty_subpage_server.py"
    subpage.write_text(EMPTY_SUBPAGE, encoding="utf-8")
    visits = [(name, path) for name, path in VISITS if pages is None or name in pages]
    without = [(name, path) for name, path in visits if name in PAGES_WITHOUT_REGISTRATIONS]
    with contextlib.ExitStack() as servers:

        def serve(script: Path, env: dict[str, str], log: str) -> Server:
            server = Server(repo, script, env, work / log)
            servers.callback(server.stop)
            return server

        app = serve(repo / "app.py", env, "app-server.log")
        empty = serve(script, env, "empty-server.log")
        empty_sub = serve(subpage, env, "empty-subpage-server.log")
        targets = [("", empty, ""), (SUBPAGE, empty_sub, "andra")]
        targets += [(name, app, path) for name, path in visits]
        if without:
            before = env | {"FINSAM_DB": str(_without(work / "server.duckdb"))}
            app_before = serve(repo / "app.py", before, "app-utan-registreringar-server.log")
            targets += [(f"{name} {WITHOUT_REGISTRATIONS}", app_before, path) for name, path in without]
        charts = {}
        for name, server, path in targets:  # also the first visitor, who fills the caches
            charts[name] = socket_visit(server.url, path)["charts"]
        browser_ms: dict[tuple[str, tuple[int, int]], list[float]] = {}
        cpu_ms: dict[str, list[float]] = {}
        received: dict[str, dict[str, float]] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for name, server, path in targets:  # unmeasured: the files in the OS's cache
                    browser_visit(browser, f"{server.url}/{path}", VIEWPORTS[0], charts[name])
                for round_number in range(1, rounds + 1):
                    for name, server, path in targets:
                        for size in VIEWPORTS:
                            with _named(f"{name or 'tom sida'}, {size[0]}×{size[1]}, omgång {round_number}"):
                                visit = browser_visit(browser, f"{server.url}/{path}", size, charts[name])
                            browser_ms.setdefault((name, size), []).append(visit["ms"])
                            received[name] = visit
                    # the websocket's client runs outside Playwright's event loop
                    for name, server, path in targets:
                        with _named(f"{name or 'tom sida'}, serverns CPU, omgång {round_number}"):
                            cpu_ms.setdefault(name, []).append(_outside_loop(server_cost, server, path))
            finally:
                browser.close()
    med = statistics.median
    results = {}
    for name, _, _ in targets[1:]:
        row: dict[str, float] = {}
        for w, h in VIEWPORTS:
            page_ms, empty_ms = med(browser_ms[(name, (w, h))]), med(browser_ms[("", (w, h))])
            row[f"browser_{w}x{h}_ms"] = round(page_ms)
            row[f"empty_browser_{w}x{h}_ms"] = round(empty_ms)
            row[f"browser_{w}x{h}_ratio"] = round(page_ms / empty_ms, 2)
        page_cpu, empty_cpu = med(cpu_ms[name]), med(cpu_ms[""])
        row |= {
            "server_cpu_ms": round(page_cpu, 1),
            "empty_server_cpu_ms": round(empty_cpu, 1),
            "server_ratio": round(page_cpu / empty_cpu, 2),
            "plotly_charts_at_first": charts[name],
            "http_kb": round(received[name]["http_bytes"] / 1024),
            "websocket_kb": round(received[name]["ws_bytes"] / 1024),
        }
        results[name] = row
    return results


@contextlib.contextmanager
def _named(what: str) -> Iterator[None]:
    """A measurement that fails says which: the page, the size or the server, the round."""
    try:
        yield
    except Exception as exc:
        raise RuntimeError(f"mätningen {what} misslyckades ({type(exc).__name__}: {exc})") from exc


def _outside_loop(fn: Callable[..., float], *args: object) -> float:
    """``fn(*args)`` in a thread of its own: Playwright's sync API keeps an asyncio loop
    running in this one, and ``socket_visit`` runs one of its own."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()
