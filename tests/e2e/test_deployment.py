"""The README's several-process deployment, run as it is written: nginx with
deploy/nginx.conf in front of two reader processes and one writer, through the load test
(scripts/loadtest.py --processer 2) with websocket visitors and an import on the page Data."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from tests.e2e.conftest import REPO

COMMAND = ["scripts/loadtest.py", "--processer", "2", "--klient", "websocket", "--sessions", "12"]


def test_two_readers_behind_nginx_serve_one_version_at_a_time_and_follow_the_import():
    # Its own process group: if it hangs, the apps and nginx it started go with it.
    proc = subprocess.Popen(
        [sys.executable, *COMMAND, "--visits", "2"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    assert stdout.strip(), f"the load test printed no report (exit {proc.returncode}):\n{stderr[-3000:]}"
    report = json.loads(stdout.strip().splitlines()[-1])
    assert report["errors"] == [] and report["error_count"] == 0, report
    # 001 section 6 before the import, the imported file after it; never one figure of each.
    assert report["mixed"] == 0, report["mixed_examples"]
    assert report["before"] > 0 and report["after"] > 0, report
    # Every visit begun after the editor saw "Import 1 sparad" shows it, whichever reader
    # served it: the writer published a copy and the readers moved to it.
    assert report["visits_begun_after_import"] >= 12
    assert report["stale_after_import"] == 0
    # Sticky sessions: each visitor (keeping nginx's cookie) stayed on one reader, and the
    # twelve visitors were spread over both (all on one: a chance of 1 in 2 048).
    assert report["visitors_on_several_processes"] == 0
    assert set(report["visits_per_process"]) == {"127.0.0.1:8511", "127.0.0.1:8512"}, report
    assert proc.returncode == 0, stderr[-3000:]
