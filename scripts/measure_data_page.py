"""What one run of the page Data costs with about a million imported budget lines (issue 18).

Not a test and not part of the benchmark: run by hand, one step at a time, on a quiet machine.

    # a database with the embedded data and ~1 000 000 imported lines (synthetic, labelled so)
    .venv/bin/python scripts/measure_data_page.py prepare /tmp/stor.duckdb --lines 1000000
    # one page run as an editor sees it, in Streamlit's AppTest: seconds and peak memory
    .venv/bin/python scripts/measure_data_page.py run /tmp/stor.duckdb --repo .

``--repo`` names the tree whose page and modules are measured (e.g. an export of an earlier
commit, ``git archive COMMIT | tar -x -C DIR``), so the same database is measured before and
after a change. Each ``run`` is a process of its own, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a file, not with -m


def prepare(path: Path, lines: int) -> None:
    """Build the database and import ``lines`` synthetic utfall lines in one import."""
    import datetime as dt

    import pandas as pd

    from dashboard.exchange import imports
    from dashboard.store import db, embedded

    con = db.connect(path)
    embedded.ensure_built(con)
    days = pd.date_range("2025-01-01", "2025-12-31", freq="D")
    posts = -(-lines // len(days))
    frame = pd.DataFrame(
        {
            "forbund": "Samordningsförbundet Västmanland",
            "ar": 2025,
            "period_slut": [day for _ in range(posts) for day in days][:lines],
            "post": [f"Syntetisk post {p:05d} (mätdata)" for p in range(posts) for _ in days][:lines],
            "kategori": "individinsats",
            "matt": "utfall",
            "belopp": -1000,
        }
    )
    frame["rad"] = range(2, len(frame) + 2)
    parsed = imports.Parsed("syntetisk-matning.csv", "0" * 64, "import", frame, [])
    started = time.perf_counter()
    stored = imports.store(con, parsed, "mätning")
    print(
        json.dumps(
            {
                "imported": stored.added,
                "seconds": round(time.perf_counter() - started, 1),
                "at": str(dt.datetime.now()),
            }
        )
    )
    con.close()


def run(path: Path, repo: Path, runs: int) -> None:
    """Page runs of Data in AppTest as a logged-in editor: seconds each, and the peak memory."""
    os.chdir(repo)
    sys.path[0] = str(repo)  # the measured tree's modules, not this file's
    os.environ["FINSAM_DB"] = str(path)
    from streamlit.testing.v1 import AppTest

    from dashboard.view import passwords

    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds, errors = [], []
    at = AppTest.from_file(str(repo / "app_pages" / "data.py"), default_timeout=3600)
    at.secrets["editors"] = {"password_hash": passwords.hash_password("mätning mätning")}
    at.session_state["_editor_name"] = "Mätning"
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        seconds.append(round(time.perf_counter() - started, 2))
        errors += [e.value for e in at.exception]
    shown = {
        "log": any("Importlogg" in s.value for s in at.subheader),
        "undo": any(b.label == "Ångra" for b in at.button),
    }
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "repo": str(repo),
                "seconds": seconds,
                "peak_rss_mb": round(peak_mb),
                "rss_before_page_mb": round(start_rss / 1024),
                "log_and_undo_shown": shown,
                "exceptions": [e[:300] for e in errors],
            },
            ensure_ascii=False,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("db", type=Path)
    p.add_argument("--lines", type=int, default=1_000_000)
    r = sub.add_parser("run")
    r.add_argument("db", type=Path)
    r.add_argument("--repo", type=Path, default=Path.cwd())
    r.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    if args.step == "prepare":
        prepare(args.db, args.lines)
    else:
        run(args.db.resolve(), args.repo.resolve(), args.runs)


if __name__ == "__main__":
    main()
